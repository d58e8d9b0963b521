package provider

import (
	"os"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// The README's failure table states the retried statuses; it must say what
// httpx.RetriedStatuses does, so a change to the policy fails here until the
// README follows.
func TestDocs_readmeFailureTableNamesTheRetriedStatuses(t *testing.T) {
	t.Parallel()
	readme := readRepoFile(t, "README.md")
	row := "| " + httpx.RetriedStatusList("or") + " | Retries with jittered exponential backoff"
	if !strings.Contains(readme, row) {
		t.Errorf("README.md's failure table has no row starting %q", row)
	}
}

// The configuration table of the provider page lists every platform with
// every variable it reads, so a new platform or variable fails here until
// templates/index.md.tmpl follows.
func TestDocs_configurationTableListsEveryVariable(t *testing.T) {
	t.Parallel()
	index := readRepoFile(t, "templates/index.md.tmpl")
	for _, p := range platforms {
		var row string // every row of the platform's, one per setting
		for _, line := range strings.Split(index, "\n") {
			if strings.HasPrefix(line, "| `"+p.key+"` |") {
				row += line + "\n"
			}
		}
		if row == "" {
			t.Errorf("templates/index.md.tmpl has no configuration row for %s", p.key)
			continue
		}
		for _, name := range p.env.all() {
			if !strings.Contains(row, "`"+name+"`") {
				t.Errorf("the %s row of templates/index.md.tmpl does not name %s", p.key, name)
			}
		}
	}
}

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
