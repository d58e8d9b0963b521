package provider

// Matchers for Terraform's output and builders of provider configurations.

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/registry"
)

// exactly matches text literally, allowing any whitespace (including the line
// wrapping Terraform applies to diagnostics) wherever text has whitespace.
func exactly(text string) *regexp.Regexp {
	fields := strings.Fields(text)
	for i, f := range fields {
		fields[i] = regexp.QuoteMeta(f)
	}
	return regexp.MustCompile(strings.Join(fields, `\s+`))
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

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// serve runs a simulator until the test ends.
func serve(t *testing.T, h http.Handler, tls bool) *simulator.Server {
	t.Helper()
	srv := simulator.Start(h, simulator.Options{TLS: tls})
	t.Cleanup(srv.Close)
	return srv
}

func splitHostPort(t *testing.T, rawURL string) (string, string) {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Hostname(), u.Port()
}

// providerBlock is a provider configuration with one platform block holding
// attrs, each a line such as assign("endpoint", url) or "max_retries = 2".
func providerBlock(key string, attrs ...string) string {
	return "provider \"whoami\" {\n  " + key + " {\n    " + strings.Join(attrs, "\n    ") + "\n  }\n}\n"
}

// assign is an attribute line with a string value.
func assign(name, value string) string { return name + " = " + strconv.Quote(value) }

// hclList writes strings as an HCL list.
func hclList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// tokenAttrs are the attributes that reach key's simulator at endpoint as its
// demo token account; loginAttrs as its demo login account.
func tokenAttrs(key, endpoint string) string {
	return assign("endpoint", endpoint) + "\n    " + assign(blockOf(key).TokenAttribute, simPlatform(key).Token.Token)
}

func loginAttrs(key, endpoint string) string {
	login := simPlatform(key).Login
	return assign("endpoint", endpoint) + "\n    " + assign("username", login.Username) + "\n    " + assign("password", login.Password)
}

func blockOf(key string) Block {
	for _, b := range Blocks() {
		if b.Key == key {
			return b
		}
	}
	panic("no provider block " + key)
}

func simPlatform(key string) simulator.Platform {
	p, ok := registry.Get(key)
	if !ok {
		panic("no simulator for " + key)
	}
	return p
}

// forEachPlatform runs body as a parallel subtest per simulated platform.
func forEachPlatform(t *testing.T, body func(t *testing.T, p simulator.Platform, b Block)) {
	for _, p := range registry.Platforms {
		t.Run(p.Key, func(t *testing.T) {
			t.Parallel()
			body(t, p, blockOf(p.Key))
		})
	}
}

// whoConfig reads key's current user as data...me with its id as output
// who, "null" when the id is null (Terraform shows no line for a null output).
func whoConfig(key string, attrs ...string) string {
	return providerBlock(key, attrs...) + fmt.Sprintf(`
data "whoami_%[1]s_current_user" "me" {}
output "who" { value = coalesce(data.whoami_%[1]s_current_user.me.id, "null") }
`, key)
}

// shownID is id as whoConfig's output shows it.
func shownID(id string) string {
	if id == "" {
		return "null"
	}
	return id
}
