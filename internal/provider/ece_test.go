package provider

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simece "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/ece"
)

const (
	eceUserAddr = "data.whoami_ece_current_user.me"
	ecePrivAddr = "data.whoami_ece_current_privileges.p"
)

var eceUserPath = simece.Platform.UserPath

func init() { traceRequired["ece"] = "create-deployment" }

func startECE(t *testing.T, tls bool) (*simulator.Server, *simece.Installation) {
	inst := simece.Demo()
	return serve(t, inst.Handler(), tls), inst
}

// eceKeyBlock authenticates as svc-deployer with its API key; eceViewerBlock
// logs in as ldap-viewer.
func eceKeyBlock(endpoint string) string { return providerBlock("ece", tokenAttrs("ece", endpoint)) }

func eceViewerBlock(endpoint string) string { return providerBlock("ece", loginAttrs("ece", endpoint)) }

var deployerChecks = []stateCheck{
	at(eceUserAddr, "id", str("svc-deployer")),
	at(eceUserAddr, "user_name", str("svc-deployer")),
	at(eceUserAddr, "full_name", str("Deployment pipeline")),
	at(eceUserAddr, "email", str("deployer@example.com")),
	at(eceUserAddr, "builtin", knownvalue.Bool(false)),
	at(eceUserAddr, "security", knownvalue.Bool(true), "enabled"),
	at(eceUserAddr, "security", strList("ece_deployment_manager"), "roles"),
	at(eceUserAddr, "security", strList("create-deployment", "get-deployment", "list-deployments", "update-deployment",
		"delete-deployment", "get-current-user"), "permissions"),
	at(eceUserAddr, "security", knownvalue.Bool(false), "elevated_permissions", "enabled"),
	at(eceUserAddr, "security", knownvalue.Null(), "elevated_permissions", "expires_at"),
	at(eceUserAddr, "security", str("native"), "security_realm", "type"),
	at(eceUserAddr, "security", str("native"), "security_realm", "id"),
	at(eceUserAddr, "metadata", str("2025-03-04T08:15:30.123Z"), "created_at"),
	at(eceUserAddr, "metadata", str("admin"), "created_by"),
	at(eceUserAddr, "metadata", str("2026-10-01T12:00:00Z"), "updated_at"),
	at(eceUserAddr, "metadata", str("admin"), "updated_by"),
	at(eceUserAddr, "metadata", str("2025-03-04T09:00:00Z"), "first_login_at"),
	at(eceUserAddr, "metadata", str("2026-11-20T17:45:12Z"), "last_login_at"),
}

var ldapViewerChecks = []stateCheck{
	at(eceUserAddr, "id", str("ldap-viewer")),
	at(eceUserAddr, "full_name", str("Platform Auditor")),
	at(eceUserAddr, "email", knownvalue.Null()),
	at(eceUserAddr, "builtin", knownvalue.Bool(false)),
	at(eceUserAddr, "security", strList("ece_platform_viewer"), "roles"),
	at(eceUserAddr, "security", strList("get-current-user", "list-deployments", "get-platform", "get-allocators"), "permissions"),
	at(eceUserAddr, "security", knownvalue.Bool(true), "elevated_permissions", "enabled"),
	at(eceUserAddr, "security", str("2026-11-23T18:00:00Z"), "elevated_permissions", "expires_at"),
	at(eceUserAddr, "security", str("ldap"), "security_realm", "type"),
	at(eceUserAddr, "security", str("corp-ldap"), "security_realm", "id"),
	at(eceUserAddr, "metadata", knownvalue.Null()),
}

func TestECEUser_apiKey(t *testing.T) {
	t.Parallel()
	srv, _ := startECE(t, false)
	readOnce(t, eceKeyBlock(srv.URL)+`data "whoami_ece_current_user" "me" {}`, deployerChecks...)
}

func TestECEUser_login(t *testing.T) {
	t.Parallel()
	srv, _ := startECE(t, false)
	readOnce(t, eceViewerBlock(srv.URL)+`data "whoami_ece_current_user" "me" {}`, ldapViewerChecks...)
}

func TestECEUser_environmentAPIKey(t *testing.T) {
	t.Parallel()
	srv, _ := startECE(t, true)
	readFromEnvironment(t, map[string]string{"EC_ENDPOINT": srv.URL, "EC_API_KEY": simece.DeployerAPIKey, "EC_INSECURE": "true"},
		`data "whoami_ece_current_user" "me" {}`, deployerChecks...)
}

// EC_HOST, EC_USER and EC_PASS are the second spellings Elastic's provider reads.
func TestECEUser_environmentLoginAlternateNames(t *testing.T) {
	t.Parallel()
	srv, _ := startECE(t, false)
	readFromEnvironment(t, map[string]string{"EC_HOST": srv.URL, "EC_USER": "ldap-viewer", "EC_PASSWORD": simece.ViewerPassword, "EC_TIMEOUT": "45s"},
		`data "whoami_ece_current_user" "me" {}`, ldapViewerChecks...)
}

// The User model lists the write-only security.password: a server that
// echoes it must not get it into state.
func TestECEUser_echoedPasswordNeverInState(t *testing.T) {
	t.Parallel()
	srv, inst := startECE(t, false)
	inst.AddUser(map[string]any{"user_name": "echo", "builtin": false, "security": map[string]any{
		"password": "echoed-Passw0rd-must-not-leak", "enabled": true, "roles": []string{"ece_platform_viewer"},
	}}, "Ech0-Passw0rd!")
	run := apply(t, providerBlock("ece", assign("endpoint", srv.URL), assign("username", "echo"), assign("password", "Ech0-Passw0rd!"))+`
data "whoami_ece_current_user" "me" {}
output "roles" { value = join(",", data.whoami_ece_current_user.me.security.roles) }
`)
	expectOutputs(t, run.Stdout, `roles = "ece_platform_viewer"`)
	state, err := os.ReadFile(filepath.Join(run.Dir, "terraform.tfstate"))
	must(t, err)
	expectAbsent(t, string(state)+run.Stdout, map[string]string{"echoed write-only password": "echoed-Passw0rd-must-not-leak"})
}

func TestECEPrivileges_allGranted(t *testing.T) {
	t.Parallel()
	srv, _ := startECE(t, false)
	readOnce(t, eceKeyBlock(srv.URL)+`
data "whoami_ece_current_privileges" "p" {
  required = ["create-deployment", "role:ece_deployment_manager"]
  enforce  = true
}`,
		at(ecePrivAddr, "id", str("svc-deployer")),
		at(ecePrivAddr, "privileges", setOf("create-deployment", "get-deployment", "list-deployments", "update-deployment",
			"delete-deployment", "get-current-user", "role:ece_deployment_manager")),
		at(ecePrivAddr, "roles", setOf("ece_deployment_manager")),
		at(ecePrivAddr, "permissions", setOf("create-deployment", "get-deployment", "list-deployments", "update-deployment",
			"delete-deployment", "get-current-user")),
		at(ecePrivAddr, "elevated_permissions", knownvalue.Bool(false), "enabled"),
		at(ecePrivAddr, "missing", setOf()),
		at(ecePrivAddr, "all_granted", knownvalue.Bool(true)),
	)
}

func TestECEPrivileges_someMissing(t *testing.T) {
	t.Parallel()
	srv, _ := startECE(t, false)
	readOnce(t, eceViewerBlock(srv.URL)+`
data "whoami_ece_current_privileges" "p" {
  required = ["list-deployments", "create-deployment", "role:ece_platform_admin", "role:ece_platform_viewer"]
}`,
		at(ecePrivAddr, "missing", setOf("create-deployment", "role:ece_platform_admin")),
		at(ecePrivAddr, "all_granted", knownvalue.Bool(false)),
		at(ecePrivAddr, "elevated_permissions", knownvalue.Bool(true), "enabled"),
		at(ecePrivAddr, "elevated_permissions", str("2026-11-23T18:00:00Z"), "expires_at"),
	)
}

func TestECEPrivileges_enforce(t *testing.T) {
	t.Parallel()
	srv, _ := startECE(t, false)
	expectPlanError(t, eceViewerBlock(srv.URL)+`
data "whoami_ece_current_privileges" "p" {
  required = ["list-deployments", "create-deployment", "role:ece_platform_admin"]
  enforce  = true
}`, diagnostic("Elastic Cloud Enterprise credentials lack required privileges",
		`ECE user "ldap-viewer" lacks 2 of the 3 required privileges. Missing: `+
			`- create-deployment: not listed in security.permissions - role:ece_platform_admin: not listed in security.roles `+
			`Grant the missing privileges to the account, or remove them from required.`))
}

func TestECEPrivileges_malformedRequirement(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		`Create Deployment`:   `"Create Deployment" is not an ECE permission: expected an API operation id such as create-deployment, or role:<role>.`,
		`role:Platform Admin`: `"role:Platform Admin" is not an ECE role requirement: expected role: followed by a role name such as role:ece_platform_admin.`,
	}
	for req, detail := range cases {
		t.Run(req, func(t *testing.T) {
			t.Parallel()
			expectPlanError(t, fmt.Sprintf(`data "whoami_ece_current_privileges" "p" { required = [%q] }`, req),
				diagnostic("Malformed Elastic Cloud Enterprise privilege", detail))
		})
	}
}

func TestECEPrivileges_unknownRoleWarns(t *testing.T) {
	t.Parallel()
	got := validateWarnings(t, `
data "whoami_ece_current_privileges" "p" {
  required = ["role:ece_platform_admn", "role:billing_admin", "some-future-operation"]
}`)
	want := []string{
		`warning: Unknown Elastic Cloud Enterprise privilege "role:billing_admin": "role:billing_admin" is not among the Elastic Cloud Enterprise privileges the provider knows. ` +
			`It is still evaluated as written, in case it is newer than the provider.`,
		`warning: Unknown Elastic Cloud Enterprise privilege "role:ece_platform_admn": "role:ece_platform_admn" is not among the Elastic Cloud Enterprise privileges the provider knows; did you mean "role:ece_platform_admin"? ` +
			`It is still evaluated as written, in case it is newer than the provider.`,
	}
	expectLines(t, got, want)
}

func TestECEErrors(t *testing.T) {
	t.Parallel()
	srv, _ := startECE(t, false)
	eceFault := func(status int, code, message string) simulator.Fault {
		return simulator.Fault{Status: status, Header: map[string]string{"x-cloud-error-codes": code},
			Body: fmt.Sprintf(`{"errors":[{"code":%q,"message":%q}]}`, code, message)}
	}
	cases := map[string]struct {
		block           string
		fault           *simulator.Fault
		summary, detail string
	}{
		"user not found": {providerBlock("ece", assign("endpoint", srv.URL), assign("api_key", simece.OrphanAPIKey)), nil,
			"Elastic Cloud Enterprise user not found",
			`The credentials were accepted but ECE has no user record for them (user.not_found): the user behind the API key may have been deleted. ` +
				`Create a new API key for an existing user. GET ` + srv.URL + `/api/v1/user returned 404 Not Found: User not found (user.not_found)`},
		"unauthorized key": {providerBlock("ece", assign("endpoint", srv.URL), assign("api_key", "revoked-key")), nil,
			"Elastic Cloud Enterprise rejected the credentials",
			`The API key came from api_key in the ece block; check that it is correct and has not expired or been revoked. ` +
				`GET ` + srv.URL + `/api/v1/user returned 401 Unauthorized: The supplied authentication is not authorized (root.unauthorized)`},
		"wrong password": {providerBlock("ece", assign("endpoint", srv.URL), assign("username", "ldap-viewer"), assign("password", "nope")), nil,
			"Elastic Cloud Enterprise rejected the credentials",
			`The user name "ldap-viewer" and its password (from password in the ece block) were not accepted; check them, and that the account is not locked. ` +
				`POST ` + srv.URL + `/api/v1/users/auth/_login returned 401 Unauthorized: The supplied authentication is invalid (root.unauthenticated)`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			expectPlanError(t, c.block+`data "whoami_ece_current_user" "me" {}`, diagnostic(c.summary, c.detail))
		})
	}
	injected := map[string]struct {
		fault           simulator.Fault
		summary, detail string
	}{
		"rbac": {eceFault(http.StatusForbidden, "root.unauthorized.rbac", "You are not authorized to perform this action"),
			"Elastic Cloud Enterprise denied the request",
			`The user's roles do not allow reading the current user (root.unauthorized.rbac). Give the user at least the ece_deployment_viewer role. ` +
				`GET %s/api/v1/user returned 403 Forbidden: You are not authorized to perform this action (root.unauthorized.rbac)`},
		// The body of a real 449 (../shared/api/ece/examples/error_needs_elevated_permissions_real.json).
		"elevation": {eceFault(449, "root.needs_elevated_permissions", "elevated permissions are required."),
			"Elastic Cloud Enterprise requires elevated permissions",
			`The user must have elevated permissions turned on for this request: turn on elevated permissions in the Cloud UI ` +
				`and plan again while they last, or use an API key of a user that does not need them. ` +
				`GET %s/api/v1/user returned 449: elevated permissions are required. (root.needs_elevated_permissions)`},
	}
	for name, c := range injected {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, _ := startECE(t, false)
			srv.Inject(eceUserPath, c.fault)
			expectPlanError(t, eceKeyBlock(srv.URL)+`data "whoami_ece_current_user" "me" {}`,
				diagnostic(c.summary, fmt.Sprintf(c.detail, srv.URL)))
		})
	}
}

// Both data sources cost one GET /api/v1/user; an expired session gets one
// new login.
func TestECERequests(t *testing.T) {
	t.Parallel()
	srv, _ := startECE(t, false)
	srv.Inject(eceUserPath, simulator.Fault{Status: http.StatusUnauthorized, Header: map[string]string{"x-cloud-error-codes": "root.unauthorized"},
		Body: `{"errors":[{"code":"root.unauthorized","message":"The supplied authentication is not authorized"}]}`})
	out := planOnce(t, eceViewerBlock(srv.URL)+`
data "whoami_ece_current_user" "me" {}
data "whoami_ece_current_privileges" "p" {}
output "roles" { value = data.whoami_ece_current_privileges.p.roles }
output "user" { value = data.whoami_ece_current_user.me.user_name }
`)
	expectOutputs(t, out, `user  = "ldap-viewer"`)
	got := fmt.Sprintf("login=%d user=%d", srv.Count(http.MethodPost, "/api/v1/users/auth/_login"), srv.Count(http.MethodGet, eceUserPath))
	if want := "login=2 user=2"; got != want {
		t.Errorf("requests: %s, want %s (one expired session, one new login)", got, want)
	}
}

// The built-in admin as elastic/cloud-sdk-go mocks GET /user
// (../shared/api/ece/examples/user_get_current_sdk_mock_minimal.json): no
// security at all, so nothing can be decided; repeats, null and empty
// entries in a user's lists never fail a read.
func TestECEPrivileges_builtinWithoutSecurityIsUnknown(t *testing.T) {
	t.Parallel()
	inst := simece.New()
	inst.AddUser(map[string]any{"user_name": "admin", "builtin": true}, "")
	inst.AddAPIKey("admin", "YnVpbHRpbi1hZG1pbi1rZXk=")
	inst.AddUser(map[string]any{"user_name": "svc-repeats", "security": map[string]any{
		"roles":       []any{"ece_platform_viewer", "ece_platform_viewer", nil, ""},
		"permissions": []any{"get-deployment", "get-deployment", nil, "", "Not An Operation"},
	}}, "")
	inst.AddAPIKey("svc-repeats", "cmVwZWF0cy1rZXk=")
	srv := serve(t, inst.Handler(), false)
	unknown := "ECE answered GET /api/v1/user without security, as it does for built-in users, so the user's roles and permissions are not visible"
	readOnce(t, providerBlock("ece", assign("endpoint", srv.URL), assign("api_key", "YnVpbHRpbi1hZG1pbi1rZXk="))+`
data "whoami_ece_current_privileges" "p" {
  required = ["create-deployment", "role:ece_platform_admin"]
}`,
		at(ecePrivAddr, "principal", str(`ECE user "admin"`)),
		at(ecePrivAddr, "builtin", knownvalue.Bool(true)),
		at(ecePrivAddr, "privileges", strList()),
		at(ecePrivAddr, "missing", setOf()),
		at(ecePrivAddr, "unknown", setOf("create-deployment", "role:ece_platform_admin")),
		at(ecePrivAddr, "reasons", knownvalue.MapExact(map[string]knownvalue.Check{
			"create-deployment": str(unknown), "role:ece_platform_admin": str(unknown),
		})),
		at(ecePrivAddr, "all_granted", knownvalue.Bool(false)),
	)
	readOnce(t, providerBlock("ece", assign("endpoint", srv.URL), assign("api_key", "cmVwZWF0cy1rZXk="))+`
data "whoami_ece_current_privileges" "p" {
  required = ["get-deployment", "role:ece_platform_viewer", "create-deployment"]
}`,
		at(ecePrivAddr, "privileges", strList("get-deployment", "role:ece_platform_viewer")),
		at(ecePrivAddr, "roles", strList("ece_platform_viewer")),
		at(ecePrivAddr, "permissions", strList("Not An Operation", "get-deployment")),
		at(ecePrivAddr, "missing", setOf("create-deployment")),
		at(ecePrivAddr, "reasons", knownvalue.MapExact(map[string]knownvalue.Check{
			"get-deployment":           str("listed in security.permissions"),
			"role:ece_platform_viewer": str("listed in security.roles"),
			"create-deployment":        str("not listed in security.permissions"),
		})),
	)
}

// The demo's built-in admin answers as elastic/cloud-sdk-go mocks it, without
// security: every requirement is unknown, builtin is shown, and a warning
// names the cause.
func TestECEPrivileges_builtinAdminWarns(t *testing.T) {
	t.Parallel()
	srv, _ := startECE(t, false)
	out := planOnce(t, providerBlock("ece", assign("endpoint", srv.URL), assign("username", "admin"), assign("password", simece.AdminPassword))+`
data "whoami_ece_current_privileges" "p" {
  required = ["get-allocators"]
}
output "builtin" { value = data.whoami_ece_current_privileges.p.builtin }
output "unknown" { value = join(",", data.whoami_ece_current_privileges.p.unknown) }
output "roles_known" { value = data.whoami_ece_current_privileges.p.roles != null }
`)
	expectOutputs(t, out, `builtin     = true`, `unknown     = "get-allocators"`, `roles_known = false`)
	want := warning("ECE user without security information", `ECE answered GET /api/v1/user for user "admin" (builtin = true) without security, `+
		`as it does for built-in users, so the user's roles and permissions are not visible and every requirement is unknown. `+
		`Use an API key or login of a non-built-in user with the roles the configuration needs to have them checked.`)
	if !want.MatchString(out) {
		t.Errorf("plan output lacks the warning %s:\n%s", want, out)
	}
	if other := planOnce(t, eceKeyBlock(srv.URL)+`data "whoami_ece_current_privileges" "p" {}`); regexp.MustCompile(`Warning:`).MatchString(other) {
		t.Errorf("a user with security got a warning:\n%s", other)
	}
}

// Old ECE (2.1, 2.3) answers 500 "Current configuration is invalid for this
// endpoint": its configuration, which no retry changes, so it is sent once
// and explained.
func TestECEErrors_invalidConfigurationIsNotRetried(t *testing.T) {
	t.Parallel()
	srv, _ := startECE(t, false)
	invalid := simulator.Fault{Status: http.StatusInternalServerError, Body: `{"errors":[{"message":"Current configuration is invalid for this endpoint"}]}`}
	srv.Inject(eceUserPath, invalid, invalid, invalid)
	expectPlanError(t, providerBlock("ece", tokenAttrs("ece", srv.URL), "max_retries = 2")+`data "whoami_ece_current_user" "me" {}`,
		diagnostic("Elastic Cloud Enterprise does not serve this endpoint in its configuration",
			`ECE answered that its current configuration is invalid for this endpoint, as older releases (2.1, 2.3) answer for the current user; `+
				`a retry cannot change that, so none was made. Check the ECE release and configuration with its administrators: the provider needs GET /api/v1/user. `+
				`GET `+srv.URL+`/api/v1/user returned 500 Internal Server Error: Current configuration is invalid for this endpoint`))
	if got := srv.Count(http.MethodGet, eceUserPath); got != 1 {
		t.Errorf("GET /api/v1/user sent %d times, want 1", got)
	}
}
