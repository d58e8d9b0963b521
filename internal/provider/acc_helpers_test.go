package provider

import (
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/qumulo"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

// factories serve a fresh provider in-process for every Terraform command the
// test framework runs.
var factories = map[string]func() (tfprotov6.ProviderServer, error){
	"whoami": func() (tfprotov6.ProviderServer, error) {
		return providerserver.NewProtocol6WithError(New("test")())()
	},
}

// TestMain clears every platform variable the developer's shell may export,
// so that no test depends on the machine it runs on.
func TestMain(m *testing.M) {
	for _, p := range platforms {
		for _, name := range p.info().env.all() {
			os.Unsetenv(name)
		}
	}
	code := m.Run()
	removeProviderBinary()
	os.Exit(code)
}

// startQumulo serves the demo cluster over plain HTTP (or HTTPS with tls).
func startQumulo(t *testing.T, tls bool) (*simulator.Server, *simqumulo.Cluster) {
	t.Helper()
	cluster := simqumulo.Demo(qumulo.KnownPrivileges)
	srv := simulator.Start(cluster.Handler(), simulator.Options{TLS: tls})
	t.Cleanup(srv.Close)
	return srv, cluster
}

// exactly matches text literally, allowing any whitespace (including the line
// wrapping Terraform applies to diagnostics) wherever text has whitespace.
func exactly(text string) *regexp.Regexp {
	fields := strings.Fields(text)
	for i, f := range fields {
		fields[i] = regexp.QuoteMeta(f)
	}
	return regexp.MustCompile(strings.Join(fields, `\s+`))
}

func splitHostPort(t *testing.T, rawURL string) (string, string) {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Hostname(), u.Port()
}

// diagnostic matches a Terraform error with exactly this summary and detail,
// skipping the source location Terraform prints between them.
func diagnostic(summary, detail string) *regexp.Regexp {
	return regexp.MustCompile(`Error: ` + exactly(summary).String() + `\s(?s:.*?)` + exactly(detail).String())
}

// warning is diagnostic for a warning.
func warning(summary, detail string) *regexp.Regexp {
	return regexp.MustCompile(`Warning: ` + exactly(summary).String() + `\s(?s:.*?)` + exactly(detail).String())
}
