package provider

import (
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

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
		for _, name := range p.env.all() {
			os.Unsetenv(name)
		}
	}
	code := m.Run()
	removeProviderBinary()
	os.Exit(code)
}

// startQumulo serves the demo cluster over plain HTTP (or HTTPS with tls).
func startQumulo(t *testing.T, tls bool) (*simulator.Server, *simqumulo.Cluster) {
	cluster := simqumulo.Demo(qumulo.KnownPrivileges)
	return serve(t, cluster.Handler(), tls), cluster
}

// serve runs a simulator until the test ends.
func serve(t *testing.T, h http.Handler, tls bool) *simulator.Server {
	t.Helper()
	srv := simulator.Start(h, simulator.Options{TLS: tls})
	t.Cleanup(srv.Close)
	return srv
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

func at(addr, attr string, v knownvalue.Check, steps ...any) statecheck.StateCheck {
	p := tfjsonpath.New(attr)
	for _, s := range steps {
		switch s := s.(type) {
		case string:
			p = p.AtMapKey(s)
		case int:
			p = p.AtSliceIndex(s)
		}
	}
	return statecheck.ExpectKnownValue(addr, p, v)
}

func str(s string) knownvalue.Check { return knownvalue.StringExact(s) }

func strList(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = str(v)
	}
	return knownvalue.ListExact(checks)
}

func readOnce(t *testing.T, config string, checks ...statecheck.StateCheck) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})
}

func setOf(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.SetExact(checks)
}
