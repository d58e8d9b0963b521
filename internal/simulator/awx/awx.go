// Package awx is a fake AWX / Ansible Automation Platform controller as AWX
// 24.6.1 and AAP 2.5–2.7 answer: GET /api/ in either layout (AWX's /api/v2/,
// or AAP's gateway listing /api/controller/), the version root naming the
// endpoints the server offers, the paginated /me/, the deprecated
// /users/<id>/roles/ and /teams/<id>/roles/ lists (with AWX's Warning 299
// header), django-ansible-base's role_user_assignments and
// role_team_assignments, /users/<id>/teams/, object details carrying
// summary_fields.user_capabilities, Bearer and Basic authentication (AAP 2.7
// refuses Basic with 401), and {"detail": "..."} errors with WWW-Authenticate
// on 401.
package awx

import (
	"fmt"
	"net/http"
	"sync"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// Layout picks where the controller API lives and how it authenticates.
type Layout int

const (
	// AWX (24.6.1) serves the API at /api/v2/ and announces it as current_version.
	AWX Layout = iota
	// AAP (2.5) serves it at /api/controller/v2/ behind a gateway.
	AAP
	// AAP27 is AAP 2.7: the AAP layout, refusing HTTP Basic with 401.
	AAP27
)

// Role is one role a user or a team holds on a resource. Name is the old
// role's name ("Ad Hoc"); Custom names a custom role definition instead,
// which the deprecated roles lists never show; Grants is then the old role
// whose rights it carries ("execute"), for the capabilities the fake computes.
type Role struct {
	ID                         int64
	Name                       string
	ResourceType, ResourceName string
	ResourceID                 int64
	Custom, Grants             string
}

// Team is one team with its members and roles.
type Team struct {
	ID      int64
	Name    string
	Members []int64
	Roles   []Role
}

// User is one account.
type User struct {
	ID                     int64
	Username, Password     string
	FirstName, LastName    string
	Email                  string
	IsSuperuser, IsAuditor bool
	LastLogin              *string
	LdapDN                 string
	Roles                  []Role
	// RolesForbidden makes every role list of the user answer 403;
	// RolesStatus, when set, answers that status instead (404: a proxy or
	// a controller without the endpoint).
	RolesForbidden bool
	RolesStatus    int
}

// Controller is the fake's state.
type Controller struct {
	layout Layout
	prefix string

	mu     sync.Mutex
	users  map[int64]*User
	tokens map[string]*User
	teams  map[int64]*Team
	// objects are resources no role names (so a detail answers 200 to a
	// superuser and 404 to others), by "<type>:<id>".
	objects map[string]string
	// legacy serves a controller before AWX 24: no role assignments.
	legacy      bool
	maxPageSize int
}

// New returns an empty controller in the given layout.
func New(layout Layout) *Controller {
	return &Controller{layout: layout, prefix: layout.prefix(), users: map[int64]*User{}, tokens: map[string]*User{},
		teams: map[int64]*Team{}, objects: map[string]string{}, maxPageSize: 200}
}

// prefix is where the layout serves the controller API.
func (l Layout) prefix() string {
	if l == AAP || l == AAP27 {
		return "/api/controller/v2/"
	}
	return "/api/v2/"
}

// SetMaxPageSize caps page_size, as the controller's MAX_PAGE_SIZE does.
func (c *Controller) SetMaxPageSize(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.maxPageSize = n
}

// SetLegacy makes the controller one before AWX 24: its version root names
// no role assignments and those paths answer 404.
func (c *Controller) SetLegacy(legacy bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.legacy = legacy
}

// AddUser adds an account with an optional OAuth token.
func (c *Controller) AddUser(u *User, token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.users[u.ID] = u
	if token != "" {
		c.tokens[token] = u
	}
}

// AddTeam adds a team.
func (c *Controller) AddTeam(t *Team) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.teams[t.ID] = t
}

// AddObject adds a resource no role names.
func (c *Controller) AddObject(typ string, id int64, name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.objects[fmt.Sprintf("%s:%d", typ, id)] = name
}

// Prefix is the controller API's base path in this layout.
func (c *Controller) Prefix() string { return c.prefix }

// Handler serves the API.
func (c *Controller) Handler() http.Handler {
	mux := http.NewServeMux()
	p := c.prefix
	mux.HandleFunc("GET /api/{$}", c.root)
	if c.layout != AWX {
		mux.HandleFunc("GET /api/controller/{$}", func(w http.ResponseWriter, _ *http.Request) {
			simulator.WriteJSON(w, http.StatusOK, map[string]any{"current_version": p})
		})
	}
	mux.HandleFunc("GET "+p+"{$}", c.authed(c.versionRoot))
	mux.HandleFunc("GET "+p+"me/", c.authed(c.me))
	mux.HandleFunc("GET "+p+"users/{id}/roles/", c.authed(c.userRoles))
	mux.HandleFunc("GET "+p+"users/{id}/teams/", c.authed(c.userTeams))
	mux.HandleFunc("GET "+p+"teams/{id}/roles/", c.authed(c.teamRoles))
	mux.HandleFunc("GET "+p+"role_user_assignments/", c.authed(c.userAssignments))
	mux.HandleFunc("GET "+p+"role_team_assignments/", c.authed(c.teamAssignments))
	for typ := range className {
		mux.HandleFunc("GET "+p+plural(typ)+"/{id}/{$}", c.authed(c.detail(typ)))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { writeDetail(w, http.StatusNotFound, "Not found.") })
	return mux
}

func (c *Controller) root(w http.ResponseWriter, _ *http.Request) {
	if c.layout != AWX {
		// As api_root_aap2.5_gateway_test_fixture.json.
		simulator.WriteJSON(w, http.StatusOK, map[string]any{
			"apis": map[string]string{"gateway": "/api/gateway/", "controller": "/api/controller/", "eda": "/api/eda/"},
		})
		return
	}
	// As api_root_awx_awxkit_readme_transcript.json.
	simulator.WriteJSON(w, http.StatusOK, map[string]any{
		"available_versions": map[string]string{"v2": "/api/v2/"}, "oauth2": "/api/o/", "description": "AWX REST API",
		"custom_login_info": "", "current_version": "/api/v2/", "custom_logo": "",
	})
}

// versionRoot names the endpoints, as GET /api/v2/ does.
func (c *Controller) versionRoot(w http.ResponseWriter, _ *http.Request, _ *User) {
	p := c.prefix
	body := map[string]string{}
	for _, name := range []string{"ping", "me", "users", "teams", "organizations", "roles", "projects", "inventory",
		"credentials", "job_templates", "workflow_job_templates", "instance_groups", "execution_environments"} {
		body[name] = p + name + "/"
	}
	c.mu.Lock()
	legacy := c.legacy
	c.mu.Unlock()
	if !legacy {
		for _, name := range []string{"role_definitions", "role_user_assignments", "role_team_assignments"} {
			body[name] = p + name + "/"
		}
	}
	simulator.WriteJSON(w, http.StatusOK, body)
}

// authed authenticates, answering 401 itself on failure.
func (c *Controller) authed(h func(http.ResponseWriter, *http.Request, *User)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if u, ok := c.caller(w, r); ok {
			h(w, r, u)
		}
	}
}

const notProvided = "Authentication credentials were not provided. To establish a login session, visit /api/login/."

// caller authenticates; on failure it has answered 401.
func (c *Controller) caller(w http.ResponseWriter, r *http.Request) (*User, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if token, ok := simulator.BearerToken(r); ok {
		if u, found := c.tokens[token]; found {
			return u, true
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="api authorization"`)
		writeDetail(w, http.StatusUnauthorized, notProvided)
		return nil, false
	}
	if name, pass, ok := r.BasicAuth(); ok && c.layout != AAP27 {
		for _, u := range c.users {
			if u.Username == name && u.Password != "" && u.Password == pass {
				return u, true
			}
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="api"`)
		writeDetail(w, http.StatusUnauthorized, "Invalid username/password.")
		return nil, false
	}
	// AAP 2.7 accepts only gateway-issued OAuth2 tokens: Basic is as if absent.
	w.Header().Set("WWW-Authenticate", `Bearer realm="api authorization"`)
	writeDetail(w, http.StatusUnauthorized, notProvided)
	return nil, false
}

func (c *Controller) me(w http.ResponseWriter, _ *http.Request, u *User) {
	simulator.WriteJSON(w, http.StatusOK, map[string]any{"count": 1, "next": nil, "previous": nil, "results": []any{c.userBody(u)}})
}

func (c *Controller) userBody(u *User) map[string]any {
	url := fmt.Sprintf("%susers/%d/", c.prefix, u.ID)
	body := map[string]any{
		"id": u.ID, "type": "user", "url": url,
		"related": map[string]any{
			"teams": url + "teams/", "organizations": url + "organizations/", "roles": url + "roles/",
			"activity_stream": url + "activity_stream/", "tokens": url + "tokens/",
		},
		"summary_fields": map[string]any{"user_capabilities": map[string]bool{"edit": u.IsSuperuser, "delete": false}},
		"created":        "2024-02-01T09:30:00.123456Z", "modified": "2026-10-15T16:20:05.654321Z",
		"username": u.Username, "first_name": u.FirstName, "last_name": u.LastName, "email": u.Email,
		"is_superuser": u.IsSuperuser, "is_system_auditor": u.IsAuditor, "password": "$encrypted$",
		"last_login": u.LastLogin,
	}
	if c.layout == AWX {
		// Newer controllers (the AAP layout here) no longer send these.
		body["ldap_dn"] = u.LdapDN
		body["external_account"] = nil
	}
	return body
}

func writeDetail(w http.ResponseWriter, status int, detail string) {
	simulator.WriteMessage(w, status, "detail", detail)
}
