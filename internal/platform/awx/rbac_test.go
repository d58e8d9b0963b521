package awx

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simawx "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/awx"
)

// TestImplies is AWX's parent_role= on one object (awx/main/models/*.py).
func TestImplies(t *testing.T) {
	for _, c := range []struct {
		typ, held, need string
		want            bool
	}{
		{"inventory", "adhoc", "use", true}, // use_role parent adhoc_role
		{"inventory", "use", "adhoc", false},
		{"inventory", "update", "use", false},
		{"inventory", "admin", "update", true},
		{"inventory", "use", "read", true},
		{"project", "adhoc", "use", false}, // only inventories have Ad Hoc
		{"job_template", "admin", "execute", true},
		{"job_template", "execute", "admin", false},
		{"workflow_job_template", "admin", "approve", true},
		{"organization", "admin", "job_template_admin", true},
		{"organization", "member", "read", true},
		{"organization", "execute", "member", false},
		{"team", "admin", "member", true},
		{"credential", "use", "admin", false},
	} {
		if got := Implies(c.typ, c.held, c.need); got != c.want {
			t.Errorf("Implies(%s, %s, %s) = %t, want %t", c.typ, c.held, c.need, got, c.want)
		}
	}
}

// TestDefinitionRole reverses AWX's managed role definition names
// (awx/main/models/rbac.py get_role_from_object_role).
func TestDefinitionRole(t *testing.T) {
	for name, want := range map[string]string{
		"JobTemplate Execute": "execute", "Inventory Adhoc": "adhoc", "Inventory Use": "use", "Project Update": "update",
		"JobTemplate Admin": "admin", "Controller Organization Admin": "admin", "Controller Team Member": "member",
		"Team Member": "member", "Organization Member": "member", "Organization Audit": "auditor",
		"Organization JobTemplate Admin": "job_template_admin", "Organization WorkflowJobTemplate Admin": "workflow_admin",
		"Organization NotificationTemplate Admin": "notification_admin", "Organization Project Admin": "project_admin",
		"WorkflowJobTemplate Approve": "approve", "JobTemplate Execute Compat": "execute", "Deploy everything now": "",
	} {
		if got := DefinitionRole(name); got != want {
			t.Errorf("DefinitionRole(%q) = %q, want %q", name, got, want)
		}
	}
	for ct, want := range map[string]string{"awx.jobtemplate": "job_template", "awx.inventory": "inventory",
		"shared.team": "team", "awx.workflowjobtemplate": "workflow_job_template", "InstanceGroup": "instance_group"} {
		if got := ResourceType(ct); got != want {
			t.Errorf("ResourceType(%q) = %q, want %q", ct, got, want)
		}
	}
}

// TestFromAssignment reads managed and custom assignments; a custom one is
// a role but never a grant.
func TestFromAssignment(t *testing.T) {
	var managed, custom assignment
	for raw, into := range map[string]*assignment{
		`{"id":31,"content_type":"awx.jobtemplate","object_id":"42","summary_fields":{"role_definition":{"name":"JobTemplate Execute","managed":true},"content_object":{"name":"Deploy web"}}}`: &managed,
		`{"id":32,"content_type":"awx.jobtemplate","object_id":45,"summary_fields":{"role_definition":{"name":"Deployer","managed":false}}}`:                                                    &custom,
	} {
		if err := json.Unmarshal([]byte(raw), into); err != nil {
			t.Fatal(err)
		}
	}
	if got := grant(fromAssignment(managed)); got != "job_template:42:execute" {
		t.Errorf("managed: %q", got)
	}
	if r := fromAssignment(custom); grant(r) != "" || !r.Custom || *r.SummaryFields.ResourceID != 45 {
		t.Errorf("custom: %+v", r)
	}
}

// TestEvaluateObjects: the detail decides first, the roles after.
func TestEvaluateObjects(t *testing.T) {
	f := false
	user := &User{IsSuperuser: &f, IsSystemAuditor: &f}
	team := "Deployers"
	roles := []Role{role(1, "Ad Hoc", "inventory", 5), role(2, "Execute", "job_template", 42)}
	roles[0].Team = &team
	notFound := &httpx.Error{Kind: httpx.KindStatus, Status: http.StatusNotFound}
	forbidden := &httpx.Error{Kind: httpx.KindStatus, Status: http.StatusForbidden}
	objects := map[string]*Object{
		"job_template:42": {Path: "/jt/42/", Capabilities: map[string]bool{"start": false, "edit": false}},
		"job_template:45": {Path: "/jt/45/", Capabilities: map[string]bool{"start": true, "edit": false}},
		"inventory:5":     {Path: "/inv/5/", Capabilities: map[string]bool{"adhoc": true, "edit": false}},
		"job_template:50": {Path: "/jt/50/", Err: notFound},
		"project:9":       {Path: "/p/9/", Err: forbidden},
		"project:10":      {Path: "/p/10/", Err: errors.New("boom")},
	}
	h := Evaluate(user, roles, objects, "")
	for req, want := range map[string]privilege.Decision{
		"job_template:45:execute": privilege.Grant("user_capabilities.start is true on job_template 45, which the controller grants with execute"),
		"job_template:45:admin": privilege.Lack("user_capabilities.edit is false on job_template 45: the controller, counting every path " +
			"(direct, team, organization, custom role), does not give the caller admin"),
		"job_template:45:read": privilege.Grant("the controller shows job_template 45 to the caller, which only Read allows"),
		"job_template:42:execute": privilege.Undecided("user_capabilities.start is false on job_template 42 although a role held " +
			"includes execute: the token may be read-only, or the object cannot run as it stands"),
		"inventory:5:use":      privilege.Grant(`held through team "Deployers"'s Ad Hoc on inventory 5, which includes Use`),
		"inventory:5:adhoc":    privilege.Grant("user_capabilities.adhoc is true on inventory 5, which the controller grants with adhoc"),
		"job_template:50:read": privilege.Lack("no such object, or not visible to these credentials: GET /jt/50/ answered 404"),
		"project:9:update":     privilege.Undecided("GET /p/9/ answered 403, so the controller's own answer could not be read"),
		"project:10:update":    privilege.Undecided("GET /p/10/ failed: boom"),
	} {
		if got := h.Decide(req); got != want {
			t.Errorf("%s: %+v, want %+v", req, got, want)
		}
	}
}

// TestRolesRoundTrips: me/ and the version root beside GET /api/; then the
// first page of assignments beside the user's teams; then every other page
// at once, beside the team's assignments: three answers in a row.
func TestRolesRoundTrips(t *testing.T) {
	t.Parallel()
	ctl := simawx.Demo(simawx.AWX)
	ctl.SetMaxPageSize(2) // nine assignments: five pages
	srv := simulator.Start(ctl.Handler(), simulator.Options{})
	defer srv.Close()
	srv.SetLatency(150 * time.Millisecond)
	hc, err := httpx.New(httpx.Config{Platform: Name, BaseURL: srv.URL, Auth: Authenticator(httpx.Credentials{Token: simawx.CIToken}),
		DecodeError: DecodeError})
	if err != nil {
		t.Fatal(err)
	}
	ctx, c := context.Background(), NewClient(hc)
	go func() { _, _ = c.VersionRoot(ctx) }() // as a privileges read asks it, beside me/
	u, err := c.Me(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set, err := c.Roles(ctx, u)
	if err != nil || len(set.Roles) != 11 || set.Unreadable != "" {
		t.Fatalf("%d roles, unreadable %q, %v; want 11", len(set.Roles), set.Unreadable, err)
	}
	pages := srv.Arrivals(http.MethodGet, "/api/v2/role_user_assignments/")
	if len(pages) != 5 {
		t.Fatalf("%d pages, want 5", len(pages))
	}
	slices.SortFunc(pages, func(a, b time.Time) int { return a.Compare(b) })
	if spread := pages[4].Sub(pages[1]); spread > 140*time.Millisecond {
		t.Errorf("pages 2 to 5 arrived over %s, want at once, not one answer after another", spread)
	}
	if first := pages[1].Sub(pages[0]); first < 140*time.Millisecond {
		t.Errorf("page 2 arrived %s after page 1, want after its answer", first)
	}
	together := func(what string, got []time.Time, with time.Time) {
		t.Helper()
		if len(got) != 1 || got[0].Sub(with).Abs() > 140*time.Millisecond {
			t.Errorf("%s arrived at %v, want once, with the request of %s", what, got, with)
		}
	}
	root := srv.Arrivals(http.MethodGet, "/api/")
	together("/api/", root, srv.Arrivals(http.MethodGet, "/api/v2/me/")[0])
	together("the version root", srv.Arrivals(http.MethodGet, "/api/v2/"), root[0])
	together("the teams list", srv.Arrivals(http.MethodGet, "/api/v2/users/7/teams/"), pages[0])
	together("the team's assignments", srv.Arrivals(http.MethodGet, "/api/v2/role_team_assignments/"), pages[1])
}
