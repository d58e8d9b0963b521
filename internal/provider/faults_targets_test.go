package provider

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/qumulo"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simawx "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/awx"
	simece "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/ece"
	simfs "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/faynosync"
	simmist "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/mist"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

// faultTarget describes one platform to the fault suite, so that every case
// runs the same way on all five.
type faultTarget struct {
	key, name string
	handler   func() http.Handler
	// token and login are the block attributes of each auth mode ("" when the
	// platform has no session login, as AWX's Basic auth has none).
	token, login string
	// who and whoLogin are the ids a successful read plans with each auth
	// mode; requests is what a token read costs.
	who, whoLogin string
	requests      int
	// sessionPath is the path whose 401 makes a session log in again.
	sessionPath, loginPath string
}

var faultTargets = []faultTarget{
	{key: "qumulo", name: "Qumulo", handler: func() http.Handler { return simqumulo.Demo(qumulo.KnownPrivileges).Handler() },
		token: `access_token = "` + simqumulo.ServiceToken + `"`, login: `username = "svc-terraform"` + "\n" + `password = "` + simqumulo.ServicePassword + `"`,
		who: "1026", whoLogin: "1026", requests: 1, sessionPath: whoAmI, loginPath: login},
	{key: "ece", name: "Elastic Cloud Enterprise", handler: func() http.Handler { return simece.Demo().Handler() },
		token: `api_key = "` + simece.DeployerAPIKey + `"`, login: `username = "ldap-viewer"` + "\n" + `password = "` + simece.ViewerPassword + `"`,
		who: "svc-deployer", whoLogin: "ldap-viewer", requests: 1, sessionPath: eceUserPath, loginPath: "/api/v1/users/auth/_login"},
	{key: "mist", name: "Juniper Mist", handler: func() http.Handler { return simmist.Demo().Handler() },
		token: `api_token = "` + simmist.UserToken + `"`, login: `username = "` + simmist.MspAdminEmail + `"` + "\n" + `password = "` + simmist.MspAdminPass + `"`,
		who: "456b7016-a916-a4b1-78dd-72b947c152b7", whoLogin: "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a", requests: 1, sessionPath: mistSelf, loginPath: "/api/v1/login"},
	{key: "awx", name: "AWX", handler: func() http.Handler { return simawx.Demo(simawx.AAP).Handler() },
		token: `token = "` + simawx.CIToken + `"`, who: "7", requests: 2},
	{key: "faynosync", name: "faynoSync", handler: func() http.Handler { return simfs.Demo().Handler() },
		token: `token = "` + simfs.TeamAPIToken + `"`, login: `username = "release-bot"` + "\n" + `password = "` + simfs.TeamPassword + `"`,
		who: "64f1c1f0e4b0d51a2c3e4f10", whoLogin: "64f1c1f0e4b0d51a2c3e4f10", requests: 1, sessionPath: "/whoami", loginPath: "/login"},
}

// start serves the target's simulator.
func (f faultTarget) start(t *testing.T, tls bool) *simulator.Server {
	return serve(t, f.handler(), tls)
}

// config reads the current user with auth ("token" or "login") and extra
// block attributes.
func (f faultTarget) config(endpoint, auth, extra string) string {
	creds := f.token
	if auth == "login" {
		creds = f.login
	}
	return fmt.Sprintf(`
provider "whoami" {
  %s {
    endpoint = %q
%s
%s
  }
}
data "whoami_%s_current_user" "me" {}
output "who" { value = data.whoami_%s_current_user.me.id }
`, f.key, endpoint, creds, extra, f.key, f.key)
}

// forEachTarget runs body as a parallel subtest per platform.
func forEachTarget(t *testing.T, body func(t *testing.T, f faultTarget)) {
	for _, f := range faultTargets {
		t.Run(f.key, func(t *testing.T) {
			t.Parallel()
			body(t, f)
		})
	}
}

// planFails runs one plan that must fail and returns its error output.
func planFails(t *testing.T, config string) string {
	t.Helper()
	run := runTerraform(t, config, nil, "plan", "-input=false", "-no-color")
	if run.ExitCode == 0 {
		t.Fatalf("plan succeeded, want a failure:\n%s", run.Stdout)
	}
	return run.Stderr
}

func expectMatch(t *testing.T, out string, want ...interface{ MatchString(string) bool }) {
	t.Helper()
	for _, re := range want {
		if !re.MatchString(out) {
			t.Errorf("output does not match %v:\n%s", re, out)
		}
	}
}
