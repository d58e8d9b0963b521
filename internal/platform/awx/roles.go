package awx

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// Warning is something a read could not see, for a diagnostic warning.
type Warning struct{ Summary, Detail string }

// RoleSet is what the controller shows of the roles a user holds: its own,
// then its teams', and why it may be incomplete.
type RoleSet struct {
	Roles []Role
	// Unreadable, when not "", says which lists could not be read.
	Unreadable string
	Warnings   []Warning
}

// Roles reads the roles the user holds directly and through its teams, from
// the newest endpoints the controller's version root names:
// role_user_assignments/?user=<id> and role_team_assignments/?team=<id> on
// AWX 24 and later, /users/<id>/roles/ and /teams/<id>/roles/ before. The
// teams come from /users/<id>/teams/ on every version, asked beside the
// user's own list so that a read waits for two lists in a row, not three:
// it names the teams the user is a member or an admin of
// (awx/api/views/__init__.py UserTeamsList), and both inherit the team's
// roles (a team's member_role has admin_role as parent; django-ansible-base's
// Team Admin "inherits all role assignments to the team"). AWX 24 keeps it
// current for memberships given as role assignments (awx/main/models/rbac.py
// _sync_assignments_to_old_rbac). A list the controller refuses (403) or
// does not have (404) becomes a warning; other failures fail the read.
func (c *Client) Roles(ctx context.Context, u *User) (RoleSet, error) {
	base, err := c.BasePath(ctx)
	if err != nil {
		return RoleSet{}, err
	}
	root, err := c.VersionRoot(ctx)
	if err != nil {
		return RoleSet{}, err
	}
	_, assignments := root["role_user_assignments"].(string)
	r := &reader{c: c, base: base, user: u, assignments: assignments}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return r.own(gctx) })
	g.Go(func() error { return r.teams(gctx) })
	if err := g.Wait(); err != nil {
		return RoleSet{}, err
	}
	set := RoleSet{Roles: append(r.direct, r.team...)}
	if len(r.refused) == 0 {
		return set, nil
	}
	// One warning for every refused list, in the order they were asked.
	slices.SortFunc(r.refused, func(a, b refusal) int { return a.order - b.order })
	var short, answers, errs []string
	for _, f := range r.refused {
		short = append(short, fmt.Sprintf("%s (%d)", f.path, f.status))
		answers = append(answers, fmt.Sprintf("%d to %s", f.status, c.http.URL(f.path)))
		errs = append(errs, f.err.Error())
	}
	set.Unreadable = "the controller did not let these credentials read " + strings.Join(short, ", ")
	they := map[bool]string{true: "it lists", false: "they list"}[len(r.refused) == 1]
	set.Warnings = []Warning{{Name + " roles not readable", fmt.Sprintf("The controller answered %s, so the roles %s are "+
		"missing from roles and privileges, and requirements only they could settle are unknown. %s",
		strings.Join(answers, " and "), they, strings.Join(errs, " "))}}
	return set, nil
}

// VersionRoot is GET <api>/ (/api/v2/), which names the endpoints the
// controller offers; empty when it may not be read. It is asked beside GET
// /api/ (see basePathAsking), and its answer is shared.
func (c *Client) VersionRoot(ctx context.Context) (map[string]any, error) {
	base, err := c.basePathAsking(ctx, "")
	if err != nil {
		return nil, err
	}
	var root map[string]any
	if err := c.http.Get(ctx, base, &root); err != nil && !isStatus(err, http.StatusForbidden, http.StatusNotFound) {
		return nil, err
	}
	return root, nil
}

// reader collects one user's roles.
type reader struct {
	c    *Client
	base string
	user *User
	// assignments: the controller has role assignments (AWX 24 and later).
	assignments bool

	mu      sync.Mutex
	direct  []Role
	team    []Role
	refused []refusal
}

// refusal is a roles list the controller refused (403) or lacks (404);
// order is where it was asked: the user's own list, its teams, then each
// team's.
type refusal struct {
	order  int
	path   string
	status int
	err    error
}

// tolerate records a 403 or 404 of path as a refusal; other errors pass.
func (r *reader) tolerate(order int, path string, err error) error {
	if err == nil || !isStatus(err, http.StatusForbidden, http.StatusNotFound) {
		return err
	}
	e, _ := httpx.AsError(err)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.refused = append(r.refused, refusal{order, path, e.Status, err})
	return nil
}

// list reads one roles list, of role assignments or of old roles; null
// and empty entries are dropped.
func (r *reader) list(ctx context.Context, path string) ([]Role, error) {
	var roles []Role
	var err error
	if r.assignments {
		var list []assignment
		list, err = listAll[assignment](ctx, r.c.http, path)
		roles = make([]Role, 0, len(list))
		for _, a := range list {
			roles = append(roles, fromAssignment(a))
		}
	} else {
		roles, err = listAll[Role](ctx, r.c.http, path)
	}
	return slices.DeleteFunc(roles, func(role Role) bool { return role.ID == nil && role.Name == nil }), err
}

// own reads the roles given to the user itself.
func (r *reader) own(ctx context.Context) error {
	path := fmt.Sprintf("%susers/%d/roles/", r.base, *r.user.ID)
	if r.assignments {
		path = fmt.Sprintf("%srole_user_assignments/?user=%d", r.base, *r.user.ID)
	}
	roles, err := r.list(ctx, path)
	r.direct = roles
	return r.tolerate(0, path, err)
}

// teams reads the user's teams, then every team's roles at once.
func (r *reader) teams(ctx context.Context) error {
	path := fmt.Sprintf("%susers/%d/teams/", r.base, *r.user.ID)
	teams, err := listAll[team](ctx, r.c.http, path)
	if err := r.tolerate(1, path, err); err != nil {
		return err
	}
	byTeam := make([][]Role, len(teams))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(concurrency)
	for i, t := range teams {
		if t.ID == nil {
			continue
		}
		path := fmt.Sprintf("%steams/%d/roles/", r.base, *t.ID)
		if r.assignments {
			path = fmt.Sprintf("%srole_team_assignments/?team=%d", r.base, *t.ID)
		}
		name := deref(t.Name) // never nil: a nil Team means the user's own role
		g.Go(func() error {
			roles, err := r.list(gctx, path)
			for j := range roles {
				roles[j].Team = &name
			}
			byTeam[i] = roles
			return r.tolerate(2+i, path, err)
		})
	}
	err = g.Wait()
	for _, roles := range byTeam {
		r.team = append(r.team, roles...)
	}
	return err
}

// fromAssignment reads a role assignment as a role: the role definition's
// name, the object, and the old role a managed definition stands for.
func fromAssignment(a assignment) Role {
	var r Role
	r.ID = a.ID
	s := a.SummaryFields
	if s.RoleDefinition != nil {
		r.Name = s.RoleDefinition.Name
	}
	if a.ContentType != nil {
		typ := ResourceType(*a.ContentType)
		r.SummaryFields.ResourceType = &typ
	}
	r.SummaryFields.ResourceID = a.ObjectID.v
	if s.ContentObject != nil {
		r.SummaryFields.ResourceName = s.ContentObject.Name
	}
	managed := s.RoleDefinition != nil && deref(s.RoleDefinition.Managed)
	if r.Name != nil && managed {
		r.role = DefinitionRole(*r.Name)
	}
	r.Custom = r.Name != nil && !managed
	if r.role == "" {
		r.role = "-" // no old role: kept in roles, never a grant
	}
	return r
}

// models are the controller's model names (content types) of resource types
// whose name is not the type without underscores.
var models = map[string]string{"jobtemplate": "job_template", "workflowjobtemplate": "workflow_job_template",
	"instancegroup": "instance_group", "executionenvironment": "execution_environment",
	"notificationtemplate": "notification_template"}

// ResourceType is the grammar's resource type of a content type
// ("awx.jobtemplate" → "job_template") or a model class name
// ("JobTemplate").
func ResourceType(contentType string) string {
	m := strings.ToLower(contentType[strings.LastIndex(contentType, ".")+1:])
	if t, ok := models[m]; ok {
		return t
	}
	return m
}

// DefinitionRole is the old role a managed role definition stands for, as
// AWX reverses its names (awx/main/models/rbac.py get_role_from_object_role):
// "<Model> <Action> Compat" and "<Model> <Action>" → action ("JobTemplate
// Execute" → execute, "Inventory Adhoc" → adhoc); "Controller ... Admin" and
// "<Model> Admin" → admin; "Controller ... Member" → member; "Organization
// <Model> Admin" → <model>_admin (workflow_admin, notification_admin);
// "Organization Audit" → auditor. "" for a name it does not know.
func DefinitionRole(name string) string {
	f := strings.Fields(name)
	switch {
	case len(f) == 3 && f[2] == "Compat":
		return strings.ToLower(f[1])
	case len(f) > 1 && f[0] == "Controller" && f[len(f)-1] == "Admin":
		return "admin"
	case len(f) > 1 && f[0] == "Controller" && f[len(f)-1] == "Member":
		return "member"
	case len(f) == 3 && f[0] == "Organization" && f[2] == "Admin":
		target := ResourceType(f[1])
		switch target {
		case "notification_template":
			target = "notification"
		case "workflow_job_template":
			target = "workflow"
		}
		return target + "_admin"
	case len(f) == 2 && f[1] == "Admin":
		return "admin"
	case name == "Organization Audit":
		return "auditor"
	case len(f) == 2:
		return strings.ToLower(f[1])
	}
	return ""
}

// isStatus reports an HTTP answer of one of the statuses.
func isStatus(err error, statuses ...int) bool {
	e, ok := httpx.AsError(err)
	if !ok || e.Kind != httpx.KindStatus {
		return false
	}
	for _, s := range statuses {
		if e.Status == s {
			return true
		}
	}
	return false
}
