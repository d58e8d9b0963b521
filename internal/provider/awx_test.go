package provider

import (
	"fmt"
	"net/http"
	"testing"
	"time"

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

var svcCIRoles = knownvalue.ListExact([]knownvalue.Check{
	awxRole(101, "Execute", "job_template", "Deploy web", 42),
	awxRole(102, "Admin", "job_template", "Patch fleet", 43),
	awxRole(103, "Use", "inventory", "Production", 3),
	awxRole(104, "Ad Hoc", "inventory", "Production", 3),
	awxRole(105, "Update", "project", "Playbooks", 9),
	awxRole(106, "Member", "organization", "Default", 2),
	awxRole(107, "Use", "credential", "Vault", 11),
})

func awxRole(id int64, name, typ, resource string, resourceID int64) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.Int64Exact(id), "name": str(name),
		"resource_type": str(typ), "resource_name": str(resource), "resource_id": knownvalue.Int64Exact(resourceID)})
}

func TestAWXPrivileges_rolesAcrossPages(t *testing.T) {
	t.Parallel()
	srv, ctl := startAWX(t, simawx.AAP)
	ctl.SetMaxPageSize(3)
	out := planOnce(t, awxTokenBlock(srv.URL, simawx.CIToken)+`
data "whoami_awx_current_user" "me" {}
data "whoami_awx_current_privileges" "p" {}
output "privileges" { value = join(",", sort(data.whoami_awx_current_privileges.p.privileges)) }
output "roles" { value = length(data.whoami_awx_current_privileges.p.roles) }
`)
	if got, want := outputValue(t, out, "privileges"), "credential:11:use,inventory:3:adhoc,inventory:3:use,job_template:42:execute,"+
		"job_template:43:admin,organization:2:member,project:9:update"; got != want {
		t.Errorf("privileges = %s, want %s", got, want)
	}
	expectOutputs(t, out, "roles      = 7")
	got := fmt.Sprintf("root=%d me=%d roles=%d", srv.Count(http.MethodGet, "/api/"), srv.Count(http.MethodGet, "/api/controller/v2/me/"),
		srv.Count(http.MethodGet, "/api/controller/v2/users/7/roles/"))
	if want := "root=1 me=1 roles=3"; got != want {
		t.Errorf("requests: %s, want %s (seven roles over pages of three)", got, want)
	}
}

// awxNotDirect is the reason of a resource requirement the roles list does not show.
const awxNotDirect = "not among the roles granted to the user directly; a team, an organization or a custom role " +
	"may still grant it, and the roles list does not show those"

func TestAWXPrivileges_typedRolesAndImplications(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	readOnce(t, awxTokenBlock(srv.URL, simawx.CIToken)+`
data "whoami_awx_current_privileges" "p" {
  required = [
    "job_template:42:execute", # held
    "job_template:42:read",    # any role on a resource satisfies read
    "job_template:43:execute", # admin satisfies every role
    "job_template:43:approve",
    "inventory:3:adhoc",
    "job_template:42:admin",   # execute is not admin
    "inventory:4:use",         # another resource
    "system_auditor",
    "superuser",
  ]
}`,
		at(awxPrivAddr, "id", str("7")),
		at(awxPrivAddr, "is_superuser", knownvalue.Bool(false)),
		at(awxPrivAddr, "is_system_auditor", knownvalue.Bool(false)),
		at(awxPrivAddr, "roles", svcCIRoles),
		// The roles list shows only roles granted directly: what it does not show is unknown.
		at(awxPrivAddr, "missing", setOf("superuser", "system_auditor")),
		at(awxPrivAddr, "unknown", setOf("inventory:4:use", "job_template:42:admin")),
		at(awxPrivAddr, "reasons", knownvalue.MapExact(map[string]knownvalue.Check{
			"job_template:42:execute": str("held through Execute on job_template 42"),
			"job_template:42:read":    str("held through Execute on job_template 42, which includes Read"),
			"job_template:43:execute": str("held through Admin on job_template 43, which includes every role on it"),
			"job_template:43:approve": str("held through Admin on job_template 43, which includes every role on it"),
			"inventory:3:adhoc":       str("held through Ad Hoc on inventory 3"),
			"job_template:42:admin":   str(awxNotDirect),
			"inventory:4:use":         str(awxNotDirect),
			"system_auditor":          str("is_system_auditor is false"),
			"superuser":               str("is_superuser is false"),
		})),
		at(awxPrivAddr, "principal", str(`AWX user "svc-ci" (id 7)`)),
		at(awxPrivAddr, "all_granted", knownvalue.Bool(false)),
	)
}

func TestAWXPrivileges_superuserSatisfiesEverything(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	readOnce(t, providerBlock("awx", loginAttrs("awx", srv.URL))+`
data "whoami_awx_current_privileges" "p" {
  required = ["superuser", "system_auditor", "job_template:42:admin", "inventory:99:adhoc"]
  enforce  = true
}`,
		at(awxPrivAddr, "privileges", setOf("superuser")),
		at(awxPrivAddr, "roles", knownvalue.ListExact([]knownvalue.Check{})),
		at(awxPrivAddr, "missing", setOf()),
	)
}

// The auditor may not list its roles: the check runs on the global flags and
// says so; the auditor's read-everything still counts.
func TestAWXPrivileges_forbiddenRolesDegradeWithWarning(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	out := planOnce(t, awxTokenBlock(srv.URL, simawx.AuditorToken)+`
data "whoami_awx_current_privileges" "p" {
  required = ["project:9:read", "project:9:update"]
}
output "missing" { value = join(",", data.whoami_awx_current_privileges.p.missing) }
output "unknown" { value = join(",", data.whoami_awx_current_privileges.p.unknown) }
output "reason" { value = data.whoami_awx_current_privileges.p.reasons["project:9:update"] }
output "privileges" { value = join(",", data.whoami_awx_current_privileges.p.privileges) }
output "roles_known" { value = data.whoami_awx_current_privileges.p.roles != null }
`)
	expectOutputs(t, out, `missing     = ""`, `unknown     = "project:9:update"`, `privileges  = "system_auditor"`, `roles_known = false`,
		`reason      = "the controller refused to list the user's roles (403 Forbidden), so only is_superuser and is_system_auditor could be checked"`)
	want := warning("AWX roles not readable", `The controller refused to list the roles of user "auditor" (403), so requirements that `+
		`is_superuser and is_system_auditor do not settle are unknown. `+
		`GET `+srv.URL+`/api/v2/users/12/roles/?page_size=200 returned 403 Forbidden: You do not have permission to perform this action.`)
	if !want.MatchString(out) {
		t.Errorf("plan output lacks the degradation warning:\n%s", out)
	}
}

func TestAWXPrivileges_validation(t *testing.T) {
	t.Parallel()
	expectPlanError(t, `data "whoami_awx_current_privileges" "p" { required = ["job_template:deploy:Execute"] }`,
		diagnostic("Malformed AWX privilege", `"job_template:deploy:Execute" is not an AWX privilege: expected superuser, system_auditor or `+
			`<resource_type>:<id>:<role> with a numeric id and a lower_snake role, such as job_template:42:execute.`))
}

func TestAWXPrivileges_typoWarnings(t *testing.T) {
	t.Parallel()
	tail := ` It is still evaluated as written, in case it is newer than the provider.`
	expectLines(t, validateWarnings(t, `
data "whoami_awx_current_privileges" "p" {
  required = ["job_templte:42:execute", "inventory:3:ad_hoc"]
}`), []string{
		`warning: Unknown AWX privilege: "inventory:3:ad_hoc" is not among the AWX privileges the provider knows; did you mean "inventory:3:adhoc"?` + tail,
		`warning: Unknown AWX privilege: "job_templte:42:execute" is not among the AWX privileges the provider knows; did you mean "job_template:42:execute"?` + tail,
	})
}

func TestAWXErrors(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	cases := map[string]struct{ block, summary, detail string }{
		"bad token": {awxTokenBlock(srv.URL, "expired"), "AWX rejected the credentials",
			"The token came from token in the awx block; check that it is correct and has not expired or been revoked. " +
				"GET " + srv.URL + "/api/v2/me/ returned 401 Unauthorized: Authentication credentials were not provided. To establish a login session, visit /api/login/."},
		"bad password": {providerBlock("awx", assign("endpoint", srv.URL), assign("username", "admin"), assign("password", "nope")), "AWX rejected the credentials",
			"The user name and password (password from password in the awx block) were not accepted; check them, and that the account is not locked. " +
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

// enforce with requirements both missing and unknown: the error names the
// caller and lists each kind apart, every requirement with its reason.
func TestAWXPrivileges_enforceListsMissingAndUnknown(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	expectPlanError(t, awxTokenBlock(srv.URL, simawx.CIToken)+`
data "whoami_awx_current_privileges" "p" {
  required = ["job_template:42:execute", "superuser", "job_template:42:admin", "inventory:4:use"]
  enforce  = true
}`, diagnostic("AWX credentials lack required privileges",
		`AWX user "svc-ci" (id 7) lacks 1 of the 4 required privileges, and 2 more could not be decided. `+
			`Missing: - superuser: is_superuser is false `+
			`Unknown: - inventory:4:use: `+awxNotDirect+` - job_template:42:admin: `+awxNotDirect+` `+
			`Grant the missing privileges to the account, or remove them from required. `+
			`Check the unknown ones by hand; to let them pass, gate on length(self.missing) == 0 in a postcondition instead of enforce.`))
}

// Only unknown requirements: enforce still fails, and says so.
func TestAWXPrivileges_enforceWithOnlyUnknown(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	expectPlanError(t, awxTokenBlock(srv.URL, simawx.CIToken)+`
data "whoami_awx_current_privileges" "p" {
  required = ["inventory:4:use"]
  enforce  = true
}`, diagnostic("AWX privileges could not be confirmed",
		`The provider could not decide 1 of the 1 required privileges for AWX user "svc-ci" (id 7). `+
			`Unknown: - inventory:4:use: `+awxNotDirect+` `+
			`Check the unknown ones by hand; to let them pass, gate on length(self.missing) == 0 in a postcondition instead of enforce.`))
}

// A role listed twice, and a null entry in a roles page, never fail a read.
func TestAWXPrivileges_repeatsAndNullsNeverFailARead(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	role := `{"id":101,"type":"role","name":"Execute","summary_fields":{"resource_type":"job_template","resource_name":"Deploy web","resource_id":42}}`
	srv.Inject("/api/v2/users/7/roles/", simulator.Fault{Status: http.StatusOK,
		Body: `{"count":3,"next":null,"previous":null,"results":[` + role + `,null,` + role + `]}`})
	readOnce(t, awxTokenBlock(srv.URL, simawx.CIToken)+`
data "whoami_awx_current_privileges" "p" {
  required = ["job_template:42:execute"]
}`,
		at(awxPrivAddr, "privileges", strList("job_template:42:execute")),
		at(awxPrivAddr, "roles", knownvalue.ListSizeExact(2)),
		at(awxPrivAddr, "all_granted", knownvalue.Bool(true)),
	)
}

// The timeout bounds the whole read, however many pages of roles there are:
// a read that cannot finish in time ends with the timeout error.
func TestAWXPrivileges_manyRolePagesEndAtTheTimeout(t *testing.T) {
	t.Parallel()
	c := simawx.New(simawx.AWX)
	roles := make([]simawx.Role, 5000)
	for i := range roles {
		roles[i] = simawx.Role{ID: int64(i + 1), Name: "Use", ResourceType: "inventory", ResourceName: "inv", ResourceID: int64(i + 1)}
	}
	c.AddUser(&simawx.User{ID: 8, Username: "many", Roles: roles}, "bWFueS1yb2xlcy10b2tlbg")
	srv := serve(t, c.Handler(), false)
	srv.SetLatency(100 * time.Millisecond) // 25 pages of 200: 2.5 s of answers
	out := planFails(t, providerBlock("awx", assign("endpoint", srv.URL), assign("token", "bWFueS1yb2xlcy10b2tlbg"), `timeout = "1s"`)+`
data "whoami_awx_current_privileges" "p" {}`)
	expectMatch(t, out, diagnostic("AWX did not answer in time", "No usable answer arrived within the timeout of 1s."))
	if n := srv.Count(http.MethodGet, "/api/v2/users/8/roles/"); n >= 25 {
		t.Errorf("%d roles pages read after the timeout, want fewer than 25", n)
	}
}
