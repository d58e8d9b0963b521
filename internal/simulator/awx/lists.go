package awx

import (
	"fmt"
	"hash/fnv"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// deprecated is the header AWX 24.3+ sends on the old roles lists.
const deprecated = `299 awx "This resource has been deprecated and will be removed in a future release."`

// rolesRefused answers the status a user's role lists are set to, if any.
func rolesRefused(w http.ResponseWriter, u *User) bool {
	status := u.RolesStatus
	if status == 0 && u.RolesForbidden {
		status = http.StatusForbidden
	}
	switch status {
	case 0:
		return false
	case http.StatusForbidden:
		writeDetail(w, status, "You do not have permission to perform this action.")
	case http.StatusNotFound:
		writeDetail(w, status, "Not found.")
	default:
		writeDetail(w, status, http.StatusText(status))
	}
	return true
}

// target is the user of /users/<id>/...: the caller itself, or anyone for a
// superuser; others are refused.
func (c *Controller) target(w http.ResponseWriter, r *http.Request, caller *User) (*User, bool) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if id != caller.ID && !caller.IsSuperuser {
		writeDetail(w, http.StatusForbidden, "You do not have permission to perform this action.")
		return nil, false
	}
	c.mu.Lock()
	u, found := c.users[id]
	c.mu.Unlock()
	if !found {
		writeDetail(w, http.StatusNotFound, "Not found.")
		return nil, false
	}
	return u, !rolesRefused(w, caller)
}

// teamsOf lists the teams u is a member of, by id.
func (c *Controller) teamsOf(u *User) []*Team {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []*Team
	for _, id := range slices.Sorted(maps.Keys(c.teams)) {
		if slices.Contains(c.teams[id].Members, u.ID) {
			out = append(out, c.teams[id])
		}
	}
	return out
}

func (c *Controller) userRoles(w http.ResponseWriter, r *http.Request, caller *User) {
	if u, ok := c.target(w, r, caller); ok {
		c.oldRoles(w, r, u.Roles)
	}
}

func (c *Controller) teamRoles(w http.ResponseWriter, r *http.Request, caller *User) {
	if rolesRefused(w, caller) {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	c.mu.Lock()
	t, found := c.teams[id]
	c.mu.Unlock()
	if !found {
		writeDetail(w, http.StatusNotFound, "Not found.")
		return
	}
	c.oldRoles(w, r, t.Roles)
}

// oldRoles answers a deprecated roles list: managed roles only.
func (c *Controller) oldRoles(w http.ResponseWriter, r *http.Request, roles []Role) {
	c.mu.Lock()
	legacy := c.legacy
	c.mu.Unlock()
	if !legacy {
		w.Header().Set("Warning", deprecated)
	}
	var listed []Role
	for _, role := range roles {
		if role.Custom == "" {
			listed = append(listed, role)
		}
	}
	c.paginate(w, r, len(listed), func(i int) any {
		role := listed[i]
		return map[string]any{
			"id": role.ID, "type": "role", "url": fmt.Sprintf("%sroles/%d/", c.prefix, role.ID),
			"related": map[string]any{"users": fmt.Sprintf("%sroles/%d/users/", c.prefix, role.ID),
				"teams": fmt.Sprintf("%sroles/%d/teams/", c.prefix, role.ID), role.ResourceType: c.objectPath(role.ResourceType, role.ResourceID)},
			"summary_fields": map[string]any{"resource_name": role.ResourceName, "resource_type": role.ResourceType,
				"resource_type_display_name": displayName(role.ResourceType), "resource_id": role.ResourceID,
				"user_capabilities": map[string]bool{"unattach": true}},
			"name": role.Name, "description": "May " + role.Name,
		}
	})
}

func (c *Controller) userTeams(w http.ResponseWriter, r *http.Request, caller *User) {
	u, ok := c.target(w, r, caller)
	if !ok {
		return
	}
	teams := c.teamsOf(u)
	c.paginate(w, r, len(teams), func(i int) any {
		t := teams[i]
		return map[string]any{"id": t.ID, "type": "team", "url": fmt.Sprintf("%steams/%d/", c.prefix, t.ID),
			"name": t.Name, "description": "", "organization": 2}
	})
}

// assignmentsServed answers 404 on a controller before AWX 24.
func (c *Controller) assignmentsServed(w http.ResponseWriter, caller *User) bool {
	c.mu.Lock()
	legacy := c.legacy
	c.mu.Unlock()
	if legacy {
		writeDetail(w, http.StatusNotFound, "Not found.")
		return false
	}
	return !rolesRefused(w, caller)
}

// userAssignments serves role_user_assignments/?user=<id>: the user's
// roles, custom ones included, and its team memberships ("Team Member").
func (c *Controller) userAssignments(w http.ResponseWriter, r *http.Request, caller *User) {
	if !c.assignmentsServed(w, caller) {
		return
	}
	id, _ := strconv.ParseInt(r.URL.Query().Get("user"), 10, 64)
	c.mu.Lock()
	u, found := c.users[id]
	c.mu.Unlock()
	if !found || (u != caller && !caller.IsSuperuser) {
		c.paginate(w, r, 0, nil)
		return
	}
	teams := c.teamsOf(u)
	c.paginate(w, r, len(u.Roles)+len(teams), func(i int) any {
		if i < len(u.Roles) {
			return c.assignment(u.Roles[i], "user", u.ID, u.Username)
		}
		t := teams[i-len(u.Roles)]
		member := Role{ID: 8000 + t.ID, Name: "Member", ResourceType: "team", ResourceName: t.Name, ResourceID: t.ID}
		return c.assignment(member, "user", u.ID, u.Username)
	})
}

// teamAssignments serves role_team_assignments/?team=<id>.
func (c *Controller) teamAssignments(w http.ResponseWriter, r *http.Request, caller *User) {
	if !c.assignmentsServed(w, caller) {
		return
	}
	id, _ := strconv.ParseInt(r.URL.Query().Get("team"), 10, 64)
	c.mu.Lock()
	t, found := c.teams[id]
	c.mu.Unlock()
	var roles []Role
	if found {
		roles = t.Roles
	}
	c.paginate(w, r, len(roles), func(i int) any { return c.assignment(roles[i], "team", t.ID, t.Name) })
}

// assignmentJSON is one django-ansible-base role assignment, as AWX 24.6.1
// answers it; a struct rather than a map so that a benchmark's 100,000 of
// them cost the simulator little next to the provider it measures.
type assignmentJSON struct {
	ID      int64   `json:"id"`
	URL     *string `json:"url"`
	Created string  `json:"created"`
	Related struct {
		RoleDefinition string `json:"role_definition"`
		User           string `json:"user,omitempty"`
		Team           string `json:"team,omitempty"`
		ContentObject  string `json:"content_object"`
	} `json:"related"`
	SummaryFields struct {
		RoleDefinition struct {
			ID          int    `json:"id"`
			Name        string `json:"name"`
			Description string `json:"description"`
			Managed     bool   `json:"managed"`
		} `json:"role_definition"`
		User          *actorJSON `json:"user,omitempty"`
		Team          *actorJSON `json:"team,omitempty"`
		ContentObject struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"content_object"`
	} `json:"summary_fields"`
	ContentType     string  `json:"content_type"`
	ObjectID        string  `json:"object_id"`
	ObjectAnsibleID *string `json:"object_ansible_id"`
	RoleDefinition  int     `json:"role_definition"`
	User            *int64  `json:"user,omitempty"`
	UserAnsibleID   string  `json:"user_ansible_id,omitempty"`
	Team            *int64  `json:"team,omitempty"`
	TeamAnsibleID   string  `json:"team_ansible_id,omitempty"`
}

type actorJSON struct {
	ID       int64  `json:"id"`
	Username string `json:"username,omitempty"`
	Name     string `json:"name,omitempty"`
}

// assignment is one role assignment of an actor ("user" or "team").
func (c *Controller) assignment(role Role, actor string, actorID int64, actorName string) *assignmentJSON {
	name := definitionName(role)
	a := &assignmentJSON{ID: role.ID, Created: "2024-09-12T08:15:00.000000Z", RoleDefinition: defID(name),
		ContentType: "awx." + strings.ReplaceAll(role.ResourceType, "_", ""), ObjectID: strconv.FormatInt(role.ResourceID, 10)}
	a.Related.RoleDefinition = fmt.Sprintf("%srole_definitions/%d/", c.prefix, a.RoleDefinition)
	a.Related.ContentObject = c.objectPath(role.ResourceType, role.ResourceID)
	d := &a.SummaryFields.RoleDefinition
	d.ID, d.Name, d.Managed = a.RoleDefinition, name, role.Custom == ""
	a.SummaryFields.ContentObject.ID, a.SummaryFields.ContentObject.Name = role.ResourceID, role.ResourceName
	path, ansibleID := fmt.Sprintf("%s%ss/%d/", c.prefix, actor, actorID), fmt.Sprintf("5f1c6a1e-0000-4000-8000-%012d", actorID)
	if actor == "team" {
		a.Related.Team, a.SummaryFields.Team, a.Team, a.TeamAnsibleID = path, &actorJSON{ID: actorID, Name: actorName}, &actorID, ansibleID
	} else {
		a.Related.User, a.SummaryFields.User, a.User, a.UserAnsibleID = path, &actorJSON{ID: actorID, Username: actorName}, &actorID, ansibleID
	}
	return a
}

// className is the model's class name, as AWX's role definition names use it.
var className = map[string]string{"credential": "Credential", "execution_environment": "ExecutionEnvironment",
	"instance_group": "InstanceGroup", "inventory": "Inventory", "job_template": "JobTemplate",
	"notification_template": "NotificationTemplate", "organization": "Organization", "project": "Project", "team": "Team",
	"workflow_job_template": "WorkflowJobTemplate"}

// definitionName is the managed role definition AWX 24 names an old role by
// (awx/main/migrations/_dab_rbac.py): "{cls} Admin", "{cls} {Action}",
// "Organization {cls} Admin", "Organization Audit"; or the custom one.
func definitionName(role Role) string {
	if role.Custom != "" {
		return role.Custom
	}
	cls := className[role.ResourceType]
	switch n := strings.ToLower(role.Name); {
	case n == "admin":
		return cls + " Admin"
	case n == "ad hoc":
		return cls + " Adhoc"
	case n == "auditor" && role.ResourceType == "organization":
		return "Organization Audit"
	case strings.HasSuffix(n, " admin"):
		child := map[string]string{"project": "Project", "inventory": "Inventory", "credential": "Credential",
			"workflow": "WorkflowJobTemplate", "notification": "NotificationTemplate", "job template": "JobTemplate",
			"execution environment": "ExecutionEnvironment"}[strings.TrimSuffix(n, " admin")]
		return "Organization " + child + " Admin"
	default:
		return cls + " " + role.Name
	}
}

func defID(name string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(name))
	return 1 + int(h.Sum32()%900)
}

// paginate answers one page of n results, AWX's way: ?page and ?page_size
// (capped at the maximum), count, and next keeping the other parameters.
// Only the page's results are built, so a list of 100,000 stays linear.
func (c *Controller) paginate(w http.ResponseWriter, r *http.Request, n int, item func(int) any) {
	c.mu.Lock()
	maxSize := c.maxPageSize
	c.mu.Unlock()
	q := r.URL.Query()
	pageNum, size := atoiOr(q.Get("page"), 1), min(atoiOr(q.Get("page_size"), 25), maxSize)
	start := min((pageNum-1)*size, n)
	end := min(start+size, n)
	page := make([]any, 0, end-start)
	for i := start; i < end; i++ {
		page = append(page, item(i))
	}
	var next, previous any
	link := func(n int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("page", strconv.Itoa(n))
		v.Set("page_size", strconv.Itoa(size))
		return r.URL.Path + "?" + v.Encode()
	}
	if end < n {
		next = link(pageNum + 1)
	}
	if pageNum > 1 {
		previous = link(pageNum - 1)
	}
	simulator.WriteJSON(w, http.StatusOK, map[string]any{"count": n, "next": next, "previous": previous, "results": page})
}

func atoiOr(s string, fallback int) int {
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return n
	}
	return fallback
}
