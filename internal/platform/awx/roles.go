package awx

import (
	"context"
	"fmt"
	"net/http"
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
// role_user_assignments/?user=<id> (whose "Team Member" entries name the
// teams) and role_team_assignments/?team=<id> on AWX 24 and later; else
// /users/<id>/roles/ with /users/<id>/teams/ and /teams/<id>/roles/. A list
// the controller refuses (403) or does not have (404) becomes a warning;
// other failures fail the read.
func (c *Client) Roles(ctx context.Context, u *User) (RoleSet, error) {
	base, err := c.BasePath(ctx)
	if err != nil {
		return RoleSet{}, err
	}
	root, err := c.VersionRoot(ctx)
	if err != nil {
		return RoleSet{}, err
	}
	r := &reader{c: c, base: base, user: u}
	if _, ok := root["role_user_assignments"].(string); ok {
		err = r.assignments(ctx)
	} else {
		err = r.oldLists(ctx)
	}
	if err != nil {
		return RoleSet{}, err
	}
	set := RoleSet{Roles: append(r.direct, r.team...), Warnings: r.warnings}
	if len(r.refused) > 0 {
		set.Unreadable = "the controller did not let these credentials read " + strings.Join(r.refused, ", ")
	}
	return set, nil
}

// VersionRoot is GET <api>/ (/api/v2/), which names the endpoints the
// controller offers; empty when it may not be read. Its answer is shared, so
// a read may ask early, beside me/.
func (c *Client) VersionRoot(ctx context.Context) (map[string]any, error) {
	base, err := c.BasePath(ctx)
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

	mu       sync.Mutex
	direct   []Role
	team     []Role
	refused  []string
	warnings []Warning
}

// tolerate turns a 403 or 404 of path into a warning; other errors pass.
func (r *reader) tolerate(path string, err error) error {
	if err == nil || !isStatus(err, http.StatusForbidden, http.StatusNotFound) {
		return err
	}
	e, _ := httpx.AsError(err)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.refused = append(r.refused, fmt.Sprintf("%s (%d)", path, e.Status))
	r.warnings = append(r.warnings, Warning{Name + " roles not readable", fmt.Sprintf("The controller answered %d to %s, so the "+
		"roles it lists are missing from roles and privileges, and requirements only they could settle are unknown. %v",
		e.Status, r.c.http.URL(path), err)})
	return nil
}

func (r *reader) assignments(ctx context.Context) error {
	path := fmt.Sprintf("%srole_user_assignments/?user=%d", r.base, *r.user.ID)
	list, err := listAll[assignment](ctx, r.c.http, path)
	if err := r.tolerate(path, err); err != nil || list == nil {
		return err
	}
	type teamRef struct {
		id   int64
		name string
	}
	var teams []teamRef
	for _, a := range list {
		role := fromAssignment(a)
		if role.ID == nil && role.Name == nil {
			continue
		}
		if role.role == "member" && deref(role.SummaryFields.ResourceType) == "team" && role.SummaryFields.ResourceID != nil {
			teams = append(teams, teamRef{*role.SummaryFields.ResourceID, deref(role.SummaryFields.ResourceName)})
		}
		r.direct = append(r.direct, role)
	}
	byTeam := make([][]Role, len(teams))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(concurrency)
	for i, t := range teams {
		g.Go(func() error {
			path := fmt.Sprintf("%srole_team_assignments/?team=%d", r.base, t.id)
			list, err := listAll[assignment](gctx, r.c.http, path)
			for _, a := range list {
				role := fromAssignment(a)
				role.Team = &t.name
				byTeam[i] = append(byTeam[i], role)
			}
			return r.tolerate(path, err)
		})
	}
	err = g.Wait()
	for _, roles := range byTeam {
		r.team = append(r.team, roles...)
	}
	return err
}

func (r *reader) oldLists(ctx context.Context) error {
	id := *r.user.ID
	var teams []team
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		path := fmt.Sprintf("%susers/%d/roles/", r.base, id)
		roles, err := listAll[Role](gctx, r.c.http, path)
		r.direct = roles
		return r.tolerate(path, err)
	})
	g.Go(func() error {
		path := fmt.Sprintf("%susers/%d/teams/", r.base, id)
		list, err := listAll[team](gctx, r.c.http, path)
		teams = list
		return r.tolerate(path, err)
	})
	if err := g.Wait(); err != nil {
		return err
	}
	byTeam := make([][]Role, len(teams))
	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(concurrency)
	for i, t := range teams {
		if t.ID == nil {
			continue
		}
		name := deref(t.Name)
		g.Go(func() error {
			path := fmt.Sprintf("%steams/%d/roles/", r.base, *t.ID)
			roles, err := listAll[Role](gctx, r.c.http, path)
			for _, role := range roles {
				role.Team = &name
				byTeam[i] = append(byTeam[i], role)
			}
			return r.tolerate(path, err)
		})
	}
	err := g.Wait()
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
