package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// A server's words reach the terminal and the logs stripped of control
// characters (an escape sequence could clear the screen or forge output) and
// cut to httpx.MaxServerText characters, however much the server sends.

// expectBounded fails if output carries an ESC or a run of filler longer
// than a bounded message allows.
func expectBounded(t *testing.T, output string, filler string) {
	t.Helper()
	if strings.ContainsRune(output, '\x1b') {
		t.Errorf("the output carries an ESC character:\n%q", output)
	}
	if strings.Contains(output, strings.Repeat(filler, httpx.MaxServerText)) {
		t.Errorf("the output carries more than %d characters of the server's message (%d bytes in all)", httpx.MaxServerText, len(output))
	}
}

// qumuloJSONError is a Qumulo 403 body, JSON-encoded (qumuloErrorBody's %q
// would write control characters as Go escapes, which JSON has not).
func qumuloJSONError(description string) string {
	b, _ := json.Marshal(map[string]any{"module": "qumulo.rest.server", "error_class": "http_forbidden_error", "description": description})
	return string(b)
}

func TestServerText_escapeSequencesAreStripped(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject(whoAmI, simulator.Fault{Status: http.StatusForbidden,
		Body: qumuloJSONError("\x1b[2J\x1b[1;1HError: all good\x1b[0m\x07 denied")})
	out := planFails(t, qumuloWho(srv))
	expectBounded(t, out, "x")
	expectMatch(t, out, diagnostic("Qumulo denied the request",
		"GET "+srv.URL+"/v1/session/who-am-i returned 403 Forbidden: [2J [1;1HError: all good [0m  denied (http_forbidden_error)"))
}

func TestServerText_floodedMessageIsCut(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject(whoAmI, simulator.Fault{Status: http.StatusForbidden,
		Body: qumuloJSONError(strings.Repeat("x", 3<<20))})
	run := runTerraform(t, qumuloWho(srv), nil, "plan", "-input=false", "-no-color", "-lock=false")
	if run.ExitCode == 0 {
		t.Fatal("the plan succeeded")
	}
	expectBounded(t, run.Stdout+run.Stderr, "x")
	if n := len(run.Stdout + run.Stderr); n > 10000 {
		t.Errorf("the plan printed %d bytes", n)
	}
	expectMatch(t, run.Stderr, regexp.MustCompile(`returned 403 Forbidden:\s+x{100,}…`))
}

// 50,000 ECE error entries make one bounded message and ten codes.
func TestServerText_eceErrorFloodIsCut(t *testing.T) {
	t.Parallel()
	srv, _ := startECE(t, false)
	errs := make([]map[string]string, 50000)
	for i := range errs {
		errs[i] = map[string]string{"code": fmt.Sprintf("root.flood_%d", i), "message": "The request was refused."}
	}
	body, _ := json.Marshal(map[string]any{"errors": errs})
	srv.Inject(eceUserPath, simulator.Fault{Status: http.StatusForbidden, Body: string(body)})
	run := runTerraform(t, providerBlock("ece", tokenAttrs("ece", srv.URL))+`data "whoami_ece_current_user" "me" {}`,
		nil, "plan", "-input=false", "-no-color", "-lock=false")
	if run.ExitCode == 0 {
		t.Fatal("the plan succeeded")
	}
	if n := len(run.Stdout + run.Stderr); n > 10000 {
		t.Errorf("the plan printed %d bytes:\n%.3000s", n, run.Stderr)
	}
	expectMatch(t, run.Stderr, exactly("root.flood_8, root.flood_9, and 49990 more)"))
}

// The same through the built provider with TF_LOG=trace: the log lines,
// where terraform-plugin-go writes every diagnostic, are bounded too.
func TestServerText_floodNeverReachesTheLogs(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject(whoAmI, simulator.Fault{Status: http.StatusForbidden,
		Body: qumuloJSONError("\x1b]0;owned\x07" + strings.Repeat("x", 3<<20))})
	out, code := applyWithTrace(t, qumuloWho(srv), whoAmI, map[string]string{})
	if code == 0 {
		t.Fatal("the apply succeeded")
	}
	expectBounded(t, out, "x")
}
