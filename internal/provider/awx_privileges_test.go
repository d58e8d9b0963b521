package provider

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simawx "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/awx"
)

var svcCIRoles = knownvalue.ListExact([]knownvalue.Check{
	str(`JobTemplate Execute on job_template 42 "Deploy web"`),
	str(`JobTemplate Admin on job_template 43 "Patch fleet"`),
	str(`Inventory Use on inventory 3 "Production"`),
	str(`Inventory Adhoc on inventory 3 "Production"`),
	str(`Project Update on project 9 "Playbooks"`),
	str(`Organization Member on organization 2 "Default"`),
	str(`Credential Use on credential 11 "Vault"`),
	str(`Deployer on job_template 45 "Rollout canary"`),
	str(`Team Member on team 4 "Deployers"`),
	str(`JobTemplate Execute on job_template 44 "Nightly backup" through team "Deployers"`),
	str(`Inventory Adhoc on inventory 5 "Staging" through team "Deployers"`),
})

const svcCIPrivileges = "credential:11:use,inventory:3:adhoc,inventory:3:use,inventory:5:adhoc,job_template:42:execute," +
	"job_template:43:admin,job_template:44:execute,organization:2:member,project:9:update,team:4:member"

// Nine assignments over pages of three: the first page beside the teams,
// then the other two at once beside the team's roles; me/ and the version
// root asked under both bases, the AWX ones wasted on this AAP layout.
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
	if got := outputValue(t, out, "privileges"); got != svcCIPrivileges {
		t.Errorf("privileges = %s, want %s", got, svcCIPrivileges)
	}
	expectOutputs(t, out, "roles      = 11")
	p := "/api/controller/v2/"
	got := fmt.Sprintf("root=%d version=%d me=%d user=%d teams=%d team=%d old=%d wasted=%d", srv.Count(http.MethodGet, "/api/"),
		srv.Count(http.MethodGet, p), srv.Count(http.MethodGet, p+"me/"), srv.Count(http.MethodGet, p+"role_user_assignments/"),
		srv.Count(http.MethodGet, p+"users/7/teams/"), srv.Count(http.MethodGet, p+"role_team_assignments/"),
		srv.Count(http.MethodGet, p+"users/7/roles/"), srv.Count(http.MethodGet, "/api/v2/me/")+srv.Count(http.MethodGet, "/api/v2/"))
	if want := "root=1 version=1 me=1 user=3 teams=1 team=1 old=0 wasted=2"; got != want {
		t.Errorf("requests: %s, want %s", got, want)
	}
}

func TestAWXPrivileges_capabilitiesTeamsAndImplications(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	u := srv.URL + "/api/v2/"
	readOnce(t, awxTokenBlock(srv.URL, simawx.CIToken)+`
data "whoami_awx_current_privileges" "p" {
  required = [
    "job_template:42:execute", # start is true
    "job_template:42:read",    # the detail is shown
    "job_template:42:admin",   # edit is false
    "job_template:43:approve", # no capability: Admin includes it
    "job_template:44:execute", # through the team Deployers
    "job_template:45:execute", # through the custom role definition Deployer
    "inventory:5:use",         # the team's Ad Hoc includes Use
    "inventory:3:adhoc",
    "project:9:use",           # nothing answers it
    "inventory:4:use",         # no such inventory
    "job_template:50:read",    # exists, not visible
    "system_auditor",
    "superuser",
  ]
}`,
		at(awxPrivAddr, "id", str("7")),
		at(awxPrivAddr, "is_superuser", knownvalue.Bool(false)),
		at(awxPrivAddr, "is_system_auditor", knownvalue.Bool(false)),
		at(awxPrivAddr, "roles", svcCIRoles),
		at(awxPrivAddr, "missing", setOf("superuser", "system_auditor", "job_template:42:admin", "inventory:4:use", "job_template:50:read")),
		at(awxPrivAddr, "unknown", setOf("project:9:use")),
		at(awxPrivAddr, "reasons", knownvalue.MapExact(map[string]knownvalue.Check{
			"job_template:42:execute": str("user_capabilities.start is true on job_template 42, which the controller grants with execute"),
			"job_template:42:read":    str("the controller shows job_template 42 to the caller, which only Read allows"),
			"job_template:42:admin": str("user_capabilities.edit is false on job_template 42: the controller, counting every path " +
				"(direct, team, organization, custom role), does not give the caller admin"),
			"job_template:43:approve": str("held through JobTemplate Admin on job_template 43, which includes every role on it"),
			"job_template:44:execute": str("user_capabilities.start is true on job_template 44, which the controller grants with execute"),
			"job_template:45:execute": str("user_capabilities.start is true on job_template 45, which the controller grants with execute"),
			"inventory:5:use":         str(`held through team "Deployers"'s Inventory Adhoc on inventory 5, which includes Use`),
			"inventory:3:adhoc":       str("user_capabilities.adhoc is true on inventory 3, which the controller grants with adhoc"),
			"project:9:use":           str(awxUnanswered("use", "project 9")),
			"inventory:4:use":         str("no such object, or not visible to these credentials: GET " + u + "inventories/4/ answered 404"),
			"job_template:50:read":    str("no such object, or not visible to these credentials: GET " + u + "job_templates/50/ answered 404"),
			"system_auditor":          str("is_system_auditor is false"),
			"superuser":               str("is_superuser is false"),
		})),
		at(awxPrivAddr, "principal", str(`AWX user "svc-ci" (id 7)`)),
		at(awxPrivAddr, "all_granted", knownvalue.Bool(false)),
	)
}

// awxUnanswered is the reason of a requirement neither the object nor the roles settle.
func awxUnanswered(need, object string) string {
	return "the controller's user_capabilities do not answer " + need + " on " + object + ", and no role the user or its teams " +
		"hold on it includes it; an organization role or a custom role definition may still grant it"
}

// A controller before AWX 24 has no role assignments: the deprecated lists,
// the user's and its teams', in their old names.
func TestAWXPrivileges_legacyRoleLists(t *testing.T) {
	t.Parallel()
	srv, ctl := startAWX(t, simawx.AWX)
	ctl.SetLegacy(true)
	readOnce(t, awxTokenBlock(srv.URL, simawx.CIToken)+`
data "whoami_awx_current_privileges" "p" { required = ["inventory:5:use"] }`,
		at(awxPrivAddr, "roles", knownvalue.ListExact([]knownvalue.Check{
			str(`Execute on job_template 42 "Deploy web"`),
			str(`Admin on job_template 43 "Patch fleet"`),
			str(`Use on inventory 3 "Production"`),
			str(`Ad Hoc on inventory 3 "Production"`),
			str(`Update on project 9 "Playbooks"`),
			str(`Member on organization 2 "Default"`),
			str(`Use on credential 11 "Vault"`),
			str(`Execute on job_template 44 "Nightly backup" through team "Deployers"`),
			str(`Ad Hoc on inventory 5 "Staging" through team "Deployers"`),
		})),
		at(awxPrivAddr, "reasons", knownvalue.MapExact(map[string]knownvalue.Check{
			"inventory:5:use": str(`held through team "Deployers"'s Ad Hoc on inventory 5, which includes Use`)})),
	)
	if n := srv.Count(http.MethodGet, "/api/v2/teams/4/roles/"); n != 1 {
		t.Errorf("%d requests for the team's roles, want 1", n)
	}
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

// The auditor may not list its roles (403): a warning; the detail and the
// global flags still decide what they can.
func TestAWXPrivileges_forbiddenRolesDegradeWithWarning(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	out := planOnce(t, awxTokenBlock(srv.URL, simawx.AuditorToken)+`
data "whoami_awx_current_privileges" "p" {
  required = ["project:9:read", "project:9:use"]
}
output "missing" { value = join(",", data.whoami_awx_current_privileges.p.missing) }
output "unknown" { value = join(",", data.whoami_awx_current_privileges.p.unknown) }
output "reason" { value = data.whoami_awx_current_privileges.p.reasons["project:9:use"] }
output "privileges" { value = join(",", data.whoami_awx_current_privileges.p.privileges) }
output "roles" { value = length(data.whoami_awx_current_privileges.p.roles) }
`)
	own, teams := "/api/v2/role_user_assignments/?user=12", "/api/v2/users/12/teams/"
	expectOutputs(t, out, `missing    = ""`, `unknown    = "project:9:use"`, `privileges = "system_auditor"`, `roles      = 0`,
		`reason     = "the controller did not let these credentials read `+own+` (403), `+teams+` (403), and the object's user_capabilities do not answer use"`)
	refused := ` returned 403 Forbidden: You do not have permission to perform this action.`
	want := warning("AWX roles not readable", `The controller answered 403 to `+srv.URL+own+` and 403 to `+srv.URL+teams+`, so the roles `+
		`they list are missing from roles and privileges, and requirements only they could settle are unknown. GET `+srv.URL+
		`/api/v2/role_user_assignments/?page_size=200&user=12`+refused+` GET `+srv.URL+teams+`?page_size=200`+refused)
	if !want.MatchString(out) {
		t.Errorf("plan output lacks the degradation warning:\n%s", out)
	}
}

// A 404 on the roles endpoint (a proxy, a controller without it) is a
// warning, never a failed read.
func TestAWXPrivileges_rolesEndpointNotFound(t *testing.T) {
	t.Parallel()
	ctl := simawx.Demo(simawx.AWX)
	ctl.AddUser(&simawx.User{ID: 20, Username: "svc-404", RolesStatus: http.StatusNotFound, Roles: []simawx.Role{
		{ID: 301, Name: "Execute", ResourceType: "job_template", ResourceName: "Deploy web", ResourceID: 42}}}, "svc-404-token-value")
	srv := serve(t, ctl.Handler(), false)
	out := planOnce(t, awxTokenBlock(srv.URL, "svc-404-token-value")+`
data "whoami_awx_current_privileges" "p" { required = ["job_template:42:execute"] }
output "all_granted" { value = data.whoami_awx_current_privileges.p.all_granted }
`)
	expectOutputs(t, out, "all_granted = true")
	own, teams := "/api/v2/role_user_assignments/?user=20", "/api/v2/users/20/teams/"
	want := warning("AWX roles not readable", `The controller answered 404 to `+srv.URL+own+` and 404 to `+srv.URL+teams+`, so the roles `+
		`they list are missing from roles and privileges, and requirements only they could settle are unknown. GET `+srv.URL+
		`/api/v2/role_user_assignments/?page_size=200&user=20 returned 404 Not Found: Not found. GET `+srv.URL+teams+
		`?page_size=200 returned 404 Not Found: Not found.`)
	if !want.MatchString(out) {
		t.Errorf("plan output lacks the 404 warning:\n%s", out)
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
		`warning: Unknown AWX privilege "inventory:3:ad_hoc": "inventory:3:ad_hoc" is not among the AWX privileges the provider knows; did you mean "inventory:3:adhoc"?` + tail,
		`warning: Unknown AWX privilege "job_templte:42:execute": "job_templte:42:execute" is not among the AWX privileges the provider knows; did you mean "job_template:42:execute"?` + tail,
	})
}

// enforce with requirements both missing and unknown: the error names the
// caller and lists each kind apart, every requirement with its reason.
func TestAWXPrivileges_enforceListsMissingAndUnknown(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	expectPlanError(t, awxTokenBlock(srv.URL, simawx.CIToken)+`
data "whoami_awx_current_privileges" "p" {
  required = ["job_template:42:execute", "superuser", "project:9:use", "inventory:3:update"]
  enforce  = true
}`, diagnostic("AWX credentials lack required privileges",
		`AWX user "svc-ci" (id 7) lacks 1 of the 4 required privileges, and 2 more could not be decided. `+
			`Missing: - superuser: is_superuser is false `+
			`Unknown: - inventory:3:update: `+awxUnanswered("update", "inventory 3")+` - project:9:use: `+awxUnanswered("use", "project 9")+` `+
			`Grant the missing privileges to the account, or remove them from required. `+
			`Check the unknown ones by hand; to let them pass, gate on length(self.missing) == 0 in a postcondition instead of enforce.`))
}

// Only unknown requirements: enforce still fails, and says so.
func TestAWXPrivileges_enforceWithOnlyUnknown(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	expectPlanError(t, awxTokenBlock(srv.URL, simawx.CIToken)+`
data "whoami_awx_current_privileges" "p" {
  required = ["project:9:use"]
  enforce  = true
}`, diagnostic("AWX privileges could not be confirmed",
		`The provider could not decide 1 of the 1 required privileges for AWX user "svc-ci" (id 7). `+
			`Unknown: - project:9:use: `+awxUnanswered("use", "project 9")+` `+
			`Check the unknown ones by hand; to let them pass, gate on length(self.missing) == 0 in a postcondition instead of enforce.`))
}

// A role listed twice, and a null entry in a roles page or in the teams
// list, never fail a read: roles shows the role once.
func TestAWXPrivileges_repeatsAndNullsNeverFailARead(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	role := `{"id":101,"content_type":"awx.jobtemplate","object_id":"42","summary_fields":{"role_definition":` +
		`{"id":5,"name":"JobTemplate Execute","managed":true},"content_object":{"id":42,"name":"Deploy web"}}}`
	srv.Inject("/api/v2/role_user_assignments/", simulator.Fault{Status: http.StatusOK,
		Body: `{"count":3,"next":null,"previous":null,"results":[` + role + `,null,` + role + `]}`})
	srv.Inject("/api/v2/users/7/teams/", simulator.Fault{Status: http.StatusOK, Body: `{"count":1,"next":null,"previous":null,"results":[null]}`})
	readOnce(t, awxTokenBlock(srv.URL, simawx.CIToken)+`
data "whoami_awx_current_privileges" "p" {
  required = ["job_template:42:execute"]
}`,
		at(awxPrivAddr, "privileges", strList("job_template:42:execute")),
		at(awxPrivAddr, "roles", knownvalue.ListExact([]knownvalue.Check{str(`JobTemplate Execute on job_template 42 "Deploy web"`)})),
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
	// /api/, me/, then the first of 25 pages of 200: 0.9 s before the other 24 go, eight at a time.
	srv.SetLatency(300 * time.Millisecond)
	out := planFails(t, providerBlock("awx", assign("endpoint", srv.URL), assign("token", "bWFueS1yb2xlcy10b2tlbg"), `timeout = "1s"`)+`
data "whoami_awx_current_privileges" "p" {}`)
	expectMatch(t, out, diagnostic("AWX did not answer in time", "No usable answer arrived within the timeout of 1s."))
	if n := srv.Count(http.MethodGet, "/api/v2/role_user_assignments/"); n >= 25 {
		t.Errorf("%d roles pages read after the timeout, want fewer than 25", n)
	}
}

// A next link with percent-escapes in its path is requested as the server
// wrote it, not escaped a second time (%5F once went out as %255F).
func TestAWXPrivileges_nextLinkEscapesAreKept(t *testing.T) {
	t.Parallel()
	controller := simawx.Demo(simawx.AWX).Handler()
	var mu sync.Mutex
	var followed []string
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.RawQuery, "page=2") {
			mu.Lock()
			followed = append(followed, r.RequestURI)
			mu.Unlock()
		}
		controller.ServeHTTP(w, r)
	}), false)
	// A first page without a count is followed by its next link.
	srv.Inject("/api/v2/role_user_assignments/", simulator.Fault{Status: http.StatusOK,
		Body: `{"count":null,"next":"/api/v2/role%5Fuser%5Fassignments/?user=7&page=2","previous":null,"results":[]}`})
	planOnce(t, awxTokenBlock(srv.URL, simawx.CIToken)+`
data "whoami_awx_current_privileges" "p" {
  required = ["job_template:42:execute"]
}`)
	mu.Lock()
	defer mu.Unlock()
	if want := []string{"/api/v2/role%5Fuser%5Fassignments/?user=7&page=2"}; !slices.Equal(followed, want) {
		t.Errorf("followed %q, want %q", followed, want)
	}
}

// A privileges read waits for three answers in a row: GET /api/ with me/ and
// the version root; then the objects, the user's first page and its teams;
// then the other pages with the team's roles. The roles once waited for the
// objects' details too: four.
func TestAWXPrivileges_threeAnswersInARow(t *testing.T) {
	t.Parallel()
	ctl := simawx.Demo(simawx.AAP)
	ctl.SetMaxPageSize(4)
	srv := serve(t, ctl.Handler(), false)
	const latency = 150 * time.Millisecond
	srv.SetLatency(latency)
	planOnce(t, awxTokenBlock(srv.URL, simawx.CIToken)+`
data "whoami_awx_current_privileges" "p" { required = ["job_template:42:execute", "project:9:admin"] }`)
	p := "/api/controller/v2/"
	var arrivals []time.Time
	for _, path := range []string{"/api/", p, p + "me/", "/api/v2/", "/api/v2/me/", p + "job_templates/42/", p + "projects/9/",
		p + "role_user_assignments/", p + "users/7/teams/", p + "role_team_assignments/"} {
		got := srv.Arrivals(http.MethodGet, path)
		if len(got) == 0 {
			t.Fatalf("no request for %s", path)
		}
		arrivals = append(arrivals, got...)
	}
	slices.SortFunc(arrivals, func(a, b time.Time) int { return a.Compare(b) })
	waves := 1
	for i := 1; i < len(arrivals); i++ {
		if arrivals[i].Sub(arrivals[i-1]) >= latency/2 {
			waves++
		}
	}
	if waves != 3 {
		t.Errorf("the requests arrived in %d waves, want 3: %v", waves, arrivals)
	}
}
