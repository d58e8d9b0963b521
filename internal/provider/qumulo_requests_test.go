package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

const bothQumuloDataSources = `
data "whoami_qumulo_current_user" "me" {}
data "whoami_qumulo_current_privileges" "p" {
  required = ["PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_QUOTA_WRITE"]
}
data "whoami_qumulo_current_privileges" "again" {}
output "name" { value = data.whoami_qumulo_current_user.me.name }
output "missing" { value = data.whoami_qumulo_current_privileges.p.missing }
output "roles" { value = data.whoami_qumulo_current_privileges.again.roles }
`

// requests reports the simulator's counters for the three Qumulo paths.
func requests(srv *simulator.Server) string {
	return fmt.Sprintf("login=%d who-am-i=%d roles=%d",
		srv.Count(http.MethodPost, login), srv.Count(http.MethodGet, whoAmI), srv.Count(http.MethodGet, "/v1/session/roles"))
}

func TestQumuloRequests_oneWhoAmIForAllDataSources(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	out := planOnce(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL))+bothQumuloDataSources)
	expectOutputs(t, out, `name    = "svc-terraform"`)
	if got, want := requests(srv), "login=0 who-am-i=1 roles=1"; got != want {
		t.Errorf("requests: %s, want %s", got, want)
	}
	// The in-process provider's version is "test"; Terraform reports its own.
	if ua := srv.LastHeader().Get("User-Agent"); !regexp.MustCompile(`^terraform-provider-whoami/test terraform/\d+\.\d+\.\d+\S*$`).MatchString(ua) {
		t.Errorf("User-Agent = %q, want terraform-provider-whoami/test terraform/<version>", ua)
	}
}

func TestQumuloRequests_loginOnceForAllDataSources(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	out := planOnce(t, providerBlock("qumulo", loginAttrs("qumulo", srv.URL))+bothQumuloDataSources)
	expectOutputs(t, out, `name    = "svc-terraform"`)
	if got, want := requests(srv), "login=1 who-am-i=1 roles=1"; got != want {
		t.Errorf("requests: %s, want %s", got, want)
	}
}

// An expired session gets one new login, and the request is sent again.
func TestQumuloRequests_expiredSessionLogsInAgainOnce(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject(whoAmI, simulator.Fault{Status: http.StatusUnauthorized, Body: qumuloErrorBody("http_unauthorized_error", "Unauthorized: session expired")})
	out := planOnce(t, providerBlock("qumulo", loginAttrs("qumulo", srv.URL))+`
data "whoami_qumulo_current_user" "me" {}
output "name" { value = data.whoami_qumulo_current_user.me.name }
`)
	expectOutputs(t, out, `name = "svc-terraform"`)
	if got, want := requests(srv), "login=2 who-am-i=2 roles=0"; got != want {
		t.Errorf("requests: %s, want %s", got, want)
	}
}

// A server that keeps answering 401 after a fresh login gets no third login.
func TestQumuloRequests_noLoginLoop(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	unauthorized := simulator.Fault{Status: http.StatusUnauthorized, Body: qumuloErrorBody("http_unauthorized_error", "Unauthorized: session expired")}
	srv.Inject(whoAmI, unauthorized, unauthorized, unauthorized)
	run := runTerraform(t, providerBlock("qumulo", loginAttrs("qumulo", srv.URL))+qumuloMe, nil, "plan", "-input=false", "-no-color")
	if run.ExitCode != 1 || !strings.Contains(run.Stderr, "Error: Qumulo rejected the credentials") {
		t.Fatalf("want the plan to fail with rejected credentials, got exit %d:\n%s", run.ExitCode, run.Stderr)
	}
	if got, want := requests(srv), "login=2 who-am-i=2 roles=0"; got != want {
		t.Errorf("requests: %s, want %s", got, want)
	}
}

func TestQumuloValidate_unknownPrivilegeWarnsWithClosestName(t *testing.T) {
	t.Parallel()
	got := validateWarnings(t, `
data "whoami_qumulo_current_privileges" "p" {
  required = ["PRIVILEGE_SMB_SHARE_REED", "PRIVILEGE_FROM_A_NEWER_RELEASE"]
}
`)
	expectLines(t, got, []string{
		`warning: Unknown Qumulo privilege "PRIVILEGE_FROM_A_NEWER_RELEASE": "PRIVILEGE_FROM_A_NEWER_RELEASE" is not among the Qumulo privileges the provider knows. ` +
			`It is still evaluated as written, in case it is newer than the provider.`,
		`warning: Unknown Qumulo privilege "PRIVILEGE_SMB_SHARE_REED": "PRIVILEGE_SMB_SHARE_REED" is not among the Qumulo privileges the provider knows; did you mean "PRIVILEGE_SMB_SHARE_READ"? ` +
			`It is still evaluated as written, in case it is newer than the provider.`,
	})
}
