package provider

// Which CLI runs the ephemeral resource tests: ephemeral resources exist from
// Terraform 1.10 and OpenTofu 1.11.

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"sync"
	"testing"
)

// cliInfo is what `<cli> version` says of itself.
type cliInfo struct {
	// name is "Terraform" or "OpenTofu".
	name                string
	major, minor, patch int
}

func (c cliInfo) String() string {
	return fmt.Sprintf("%s %d.%d.%d", c.name, c.major, c.minor, c.patch)
}

// hasEphemeral reports whether the CLI has ephemeral resources.
func (c cliInfo) hasEphemeral() bool {
	if c.name == "OpenTofu" {
		return c.major > 1 || c.minor >= 11
	}
	return c.major > 1 || c.minor >= 10
}

var cliVersionLine = regexp.MustCompile(`(?m)^(Terraform|OpenTofu) v(\d+)\.(\d+)\.(\d+)`)

// versionOf runs `<path> version` once per path.
var versionOf = sync.OnceValue(func() func(string) (cliInfo, error) {
	var mu sync.Mutex
	seen := map[string]cliInfo{}
	return func(path string) (cliInfo, error) {
		mu.Lock()
		defer mu.Unlock()
		if v, ok := seen[path]; ok {
			return v, nil
		}
		cmd := exec.Command(path, "version")
		cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
		out, err := cmd.Output()
		m := cliVersionLine.FindStringSubmatch(string(out))
		if err != nil || m == nil {
			return cliInfo{}, fmt.Errorf("%s version: %v, said %q", path, err, out)
		}
		v := cliInfo{name: m[1]}
		v.major, _ = strconv.Atoi(m[2])
		v.minor, _ = strconv.Atoi(m[3])
		v.patch, _ = strconv.Atoi(m[4])
		seen[path] = v
		return v, nil
	}
})

// ephemeralCLI is the CLI for tests of ephemeral resources:
// TF_ACC_EPHEMERAL_PATH (make test sets it: the Terraform it tests with when
// that is 1.10 or newer, else an OpenTofu it builds), else the CLI of the
// other tests when it has them. Otherwise the test is skipped, saying why.
func ephemeralCLI(t *testing.T) (string, cliInfo) {
	t.Helper()
	path := os.Getenv("TF_ACC_EPHEMERAL_PATH")
	if path == "" {
		path = terraformCLI(t)
	}
	v, err := versionOf()(path)
	if err != nil {
		t.Fatal(err)
	}
	if !v.hasEphemeral() {
		t.Skipf("skipped: %s (%s) has no ephemeral resources (Terraform 1.10+, OpenTofu 1.11+): set TF_ACC_EPHEMERAL_PATH to one "+
			"that has, as make test does", v, path)
	}
	return path, v
}
