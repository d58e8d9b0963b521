package provider

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simawx "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/awx"
)

const (
	awxUserAddr = "data.whoami_awx_current_user.me"
	awxPrivAddr = "data.whoami_awx_current_privileges.p"
)

func startAWX(t *testing.T, layout simawx.Layout) (*simulator.Server, *simawx.Controller) {
	ctl := simawx.Demo(layout)
	return serve(t, ctl.Handler(), false), ctl
}

func awxTokenBlock(endpoint, token string) string {
	return providerBlock("awx", assign("endpoint", endpoint), assign("token", token))
}

// svcCIUser is every attribute of svc-ci; prefix is the layout's API path.
func svcCIUser(prefix string, ldapDN knownvalue.Check) []stateCheck {
	u := prefix + "users/7/"
	return []stateCheck{
		at(awxUserAddr, "id", str("7")),
		at(awxUserAddr, "type", str("user")),
		at(awxUserAddr, "url", str(u)),
		at(awxUserAddr, "related", knownvalue.MapExact(map[string]knownvalue.Check{
			"teams": str(u + "teams/"), "organizations": str(u + "organizations/"), "roles": str(u + "roles/"),
			"activity_stream": str(u + "activity_stream/"), "tokens": str(u + "tokens/"),
		})),
		at(awxUserAddr, "summary_fields", knownvalue.Bool(false), "user_capabilities", "edit"),
		at(awxUserAddr, "summary_fields", knownvalue.Bool(false), "user_capabilities", "delete"),
		at(awxUserAddr, "created", str("2024-02-01T09:30:00.123456Z")),
		at(awxUserAddr, "modified", str("2026-10-15T16:20:05.654321Z")),
		at(awxUserAddr, "username", str("svc-ci")),
		at(awxUserAddr, "first_name", str("CI")),
		at(awxUserAddr, "last_name", str("Pipeline")),
		at(awxUserAddr, "email", str("ci@example.com")),
		at(awxUserAddr, "is_superuser", knownvalue.Bool(false)),
		at(awxUserAddr, "is_system_auditor", knownvalue.Bool(false)),
		at(awxUserAddr, "ldap_dn", ldapDN),
		at(awxUserAddr, "last_login", knownvalue.Null()),
		at(awxUserAddr, "external_account", knownvalue.Null()),
	}
}

func TestAWXUser_awxLayout(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	readOnce(t, awxTokenBlock(srv.URL, simawx.CIToken)+`data "whoami_awx_current_user" "me" {}`,
		svcCIUser("/api/v2/", str("cn=svc-ci,ou=services,dc=example,dc=com"))...)
}

func TestAWXUser_aapLayout(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AAP)
	readOnce(t, awxTokenBlock(srv.URL, simawx.CIToken)+`data "whoami_awx_current_user" "me" {}`,
		svcCIUser("/api/controller/v2/", knownvalue.Null())...)
}

func TestAWXUser_basicAuthFromEnvironment(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AAP)
	env := map[string]string{"AWX_HOSTNAME": srv.URL, "CONTROLLER_USERNAME": "admin", "AAP_PASSWORD": simawx.AdminPassword, "AAP_TIMEOUT": "20"}
	readFromEnvironment(t, env, `data "whoami_awx_current_user" "me" {}`,
		at(awxUserAddr, "id", str("1")),
		at(awxUserAddr, "username", str("admin")),
		at(awxUserAddr, "is_superuser", knownvalue.Bool(true)),
		at(awxUserAddr, "last_login", str("2026-11-22T21:04:11.500000Z")),
		at(awxUserAddr, "summary_fields", knownvalue.Bool(true), "user_capabilities", "edit"),
	)
}

func TestAWXUser_tokenFromEnvironment(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	readFromEnvironment(t, map[string]string{"CONTROLLER_HOST": srv.URL, "CONTROLLER_OAUTH_TOKEN": simawx.CIToken},
		`data "whoami_awx_current_user" "me" {}`, svcCIUser("/api/v2/", str("cn=svc-ci,ou=services,dc=example,dc=com"))...)
}

// svcCIRoles are svc-ci's role assignments (AWX 24's role definition
// names), its team membership, then its team's roles.
func TestAWXErrors(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	cases := map[string]struct{ block, summary, detail string }{
		"bad token": {awxTokenBlock(srv.URL, "expired"), "AWX rejected the credentials",
			"The token came from token in the awx block; check that it is correct and has not expired or been revoked. " +
				"GET " + srv.URL + "/api/v2/me/ returned 401 Unauthorized: Authentication credentials were not provided. To establish a login session, visit /api/login/."},
		"bad password": {providerBlock("awx", assign("endpoint", srv.URL), assign("username", "admin"), assign("password", "nope")), "AWX rejected the credentials",
			"The user name \"admin\" and its password (from password in the awx block) were not accepted; check them, and that the account is not locked. " +
				"GET " + srv.URL + "/api/v2/me/ returned 401 Unauthorized: Invalid username/password."},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			expectPlanError(t, c.block+`data "whoami_awx_current_user" "me" {}`, diagnostic(c.summary, c.detail))
		})
	}
	t.Run("not a controller", func(t *testing.T) {
		t.Parallel()
		srv, _ := startAWX(t, simawx.AWX)
		srv.Inject("/api/", simulator.Fault{Status: http.StatusOK, Body: `{"description": "Some other API"}`})
		expectPlanError(t, awxTokenBlock(srv.URL, simawx.CIToken)+`data "whoami_awx_current_user" "me" {}`,
			diagnostic("AWX cannot be used", "GET "+srv.URL+"/api/ names neither current_version (AWX) nor apis.controller "+
				"(Ansible Automation Platform): check that the endpoint points at a controller."))
	})
	t.Run("forbidden", func(t *testing.T) {
		t.Parallel()
		srv, _ := startAWX(t, simawx.AWX)
		srv.Inject("/api/v2/me/", simulator.Fault{Status: http.StatusForbidden, Body: `{"detail": "You do not have permission to perform this action."}`})
		expectPlanError(t, awxTokenBlock(srv.URL, simawx.CIToken)+`data "whoami_awx_current_user" "me" {}`,
			diagnostic("AWX denied the request", "GET "+srv.URL+"/api/v2/me/ returned 403 Forbidden: You do not have permission to perform this action."))
	})
}

// AAP 2.7 refuses HTTP Basic: username and password fail at once, saying a
// gateway token is needed; a token works.
func TestAWXAAP27(t *testing.T) {
	t.Parallel()
	t.Run("username and password", func(t *testing.T) {
		t.Parallel()
		srv, _ := startAWX(t, simawx.AAP27)
		expectPlanError(t, providerBlock("awx", loginAttrs("awx", srv.URL))+`data "whoami_awx_current_user" "me" {}`,
			diagnostic("Ansible Automation Platform refused the username and password", "The controller is behind an AAP gateway and "+
				"refused HTTP Basic. Either the user name or password is wrong, or this is AAP 2.7 or later, which removed Basic and "+
				"session authentication from the API. Check them; on AAP 2.7 or later, create an OAuth2 token on the gateway (the AAP UI: Access "+
				"Management → Users → Tokens, or POST /api/gateway/v1/tokens/) and set token in the awx block, or AAP_TOKEN or "+
				"CONTROLLER_OAUTH_TOKEN, instead of username and password. The user name \"admin\" and its password (from password "+
				"in the awx block) were sent. The Ansible Automation Platform controller behind a gateway refused the username and password (401); "+
				"AAP 2.7 and later accept only OAuth2 tokens issued by the platform gateway"))
		if n := srv.Count(http.MethodGet, "/api/controller/v2/me/"); n != 1 {
			t.Errorf("me/ asked %d times, want once", n)
		}
	})
	t.Run("token", func(t *testing.T) {
		t.Parallel()
		srv, _ := startAWX(t, simawx.AAP27)
		readOnce(t, awxTokenBlock(srv.URL, simawx.CIToken)+`data "whoami_awx_current_user" "me" {}`,
			svcCIUser("/api/controller/v2/", knownvalue.Null())...)
	})
}

// Every environment name the vendors' tools read, each in one row.
func TestAWXEnvironmentNames(t *testing.T) {
	t.Parallel()
	plain, _ := startAWX(t, simawx.AWX)
	secure := serve(t, simawx.Demo(simawx.AWX).Handler(), true)
	login := func(user, pass string) map[string]string {
		return map[string]string{user: "admin", pass: simawx.AdminPassword}
	}
	token := func(name string) map[string]string { return map[string]string{name: simawx.CIToken} }
	rows := []struct {
		host     string
		tls      bool
		creds    map[string]string
		extra    map[string]string
		wantUser string
	}{
		{"AAP_HOSTNAME", false, token("AAP_TOKEN"), map[string]string{"AAP_TIMEOUT": "20"}, "svc-ci"},
		{"AAP_HOST", false, token("CONTROLLER_OAUTH_TOKEN"), map[string]string{"CONTROLLER_REQUEST_TIMEOUT": "20.5"}, "svc-ci"},
		{"CONTROLLER_HOST", true, token("TOWER_OAUTH_TOKEN"), map[string]string{"CONTROLLER_VERIFY_SSL": "false"}, "svc-ci"},
		{"TOWER_HOST", true, token("AWX_AUTH_TOKEN"), map[string]string{"TOWER_VERIFY_SSL": "false"}, "svc-ci"},
		{"AWX_HOST", true, token("TOWER_AUTH_TOKEN"), map[string]string{"AWX_VERIFY_SSL": "false"}, "svc-ci"},
		{"AWX_HOSTNAME", true, token("AWX_TOKEN"), map[string]string{"AAP_INSECURE_SKIP_VERIFY": "true"}, "svc-ci"},
		{"CONTROLLER_HOST", false, login("AAP_USERNAME", "AAP_PASSWORD"), nil, "admin"},
		{"AAP_HOST", false, login("CONTROLLER_USERNAME", "CONTROLLER_PASSWORD"), nil, "admin"},
		{"TOWER_HOST", false, login("TOWER_USERNAME", "TOWER_PASSWORD"), nil, "admin"},
		{"AWX_HOST", false, login("AWX_USERNAME", "AWX_PASSWORD"), nil, "admin"},
	}
	for _, r := range rows {
		env := map[string]string{r.host: plain.URL}
		if r.tls {
			env[r.host] = secure.URL
		}
		names := []string{r.host}
		for k, v := range r.creds {
			env[k], names = v, append(names, k)
		}
		for k, v := range r.extra {
			env[k], names = v, append(names, k)
		}
		t.Run(fmt.Sprint(names), func(t *testing.T) {
			t.Parallel()
			readFromEnvironment(t, env, `data "whoami_awx_current_user" "me" {}`, at(awxUserAddr, "username", str(r.wantUser)))
		})
	}
}
