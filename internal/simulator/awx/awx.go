// Package awx is a fake AWX / Ansible Automation Platform controller: GET
// /api/ in either layout (AWX's /api/v2/ or AAP 2.5's /api/controller/v2/),
// the paginated /me/ and /users/<id>/roles/ lists, Bearer and Basic
// authentication, and {"detail": "..."} errors with WWW-Authenticate on 401.
package awx

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// Layout picks where the controller API lives.
type Layout int

const (
	// AWX serves the API at /api/v2/ and announces it as current_version.
	AWX Layout = iota
	// AAP (2.5 and later) serves it at /api/controller/v2/ behind a gateway.
	AAP
)

// Role is one role a user holds.
type Role struct {
	ID                         int64
	Name                       string
	ResourceType, ResourceName string
	ResourceID                 int64
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
	// RolesForbidden makes the roles list answer 403.
	RolesForbidden bool
}

// Controller is the fake's state.
type Controller struct {
	layout Layout
	prefix string

	mu     sync.Mutex
	users  map[int64]*User
	tokens map[string]*User
	// MaxPageSize caps page_size, as the controller's setting does.
	maxPageSize int
}

// New returns an empty controller in the given layout.
func New(layout Layout) *Controller {
	return &Controller{layout: layout, prefix: layout.prefix(), users: map[int64]*User{}, tokens: map[string]*User{}, maxPageSize: 200}
}

// prefix is where the layout serves the controller API.
func (l Layout) prefix() string {
	if l == AAP {
		return "/api/controller/v2/"
	}
	return "/api/v2/"
}

// SetMaxPageSize caps page_size so tests can spread roles over pages.
func (c *Controller) SetMaxPageSize(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.maxPageSize = n
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

// Prefix is the controller API's base path in this layout.
func (c *Controller) Prefix() string { return c.prefix }

// Handler serves the API.
func (c *Controller) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/{$}", c.root)
	mux.HandleFunc("GET "+c.prefix+"me/", c.me)
	mux.HandleFunc("GET "+c.prefix+"users/{id}/roles/", c.roles)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { writeDetail(w, http.StatusNotFound, "Not found.") })
	return mux
}

func (c *Controller) root(w http.ResponseWriter, _ *http.Request) {
	if c.layout == AAP {
		simulator.WriteJSON(w, http.StatusOK, map[string]any{
			"apis": map[string]string{"controller": "/api/controller/", "eda": "/api/eda/", "galaxy": "/api/galaxy/", "gateway": "/api/gateway/"},
		})
		return
	}
	simulator.WriteJSON(w, http.StatusOK, map[string]any{
		"description": "AWX REST API", "current_version": "/api/v2/", "available_versions": map[string]string{"v2": "/api/v2/"},
	})
}

// caller authenticates; on failure it has answered 401.
func (c *Controller) caller(w http.ResponseWriter, r *http.Request) (*User, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if token, ok := simulator.BearerToken(r); ok {
		if u, found := c.tokens[token]; found {
			return u, true
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="api authorization"`)
		writeDetail(w, http.StatusUnauthorized, "Authentication credentials were not provided. To establish a login session, visit /api/login/.")
		return nil, false
	}
	if name, pass, ok := r.BasicAuth(); ok {
		for _, u := range c.users {
			if u.Username == name && u.Password != "" && u.Password == pass {
				return u, true
			}
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="api"`)
		writeDetail(w, http.StatusUnauthorized, "Invalid username/password.")
		return nil, false
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="api authorization"`)
	writeDetail(w, http.StatusUnauthorized, "Authentication credentials were not provided. To establish a login session, visit /api/login/.")
	return nil, false
}

func (c *Controller) me(w http.ResponseWriter, r *http.Request) {
	u, ok := c.caller(w, r)
	if !ok {
		return
	}
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

func (c *Controller) roles(w http.ResponseWriter, r *http.Request) {
	u, ok := c.caller(w, r)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if id != u.ID && !u.IsSuperuser {
		writeDetail(w, http.StatusForbidden, "You do not have permission to perform this action.")
		return
	}
	c.mu.Lock()
	target, found := c.users[id]
	maxSize := c.maxPageSize
	c.mu.Unlock()
	if !found {
		writeDetail(w, http.StatusNotFound, "Not found.")
		return
	}
	if target.RolesForbidden {
		writeDetail(w, http.StatusForbidden, "You do not have permission to perform this action.")
		return
	}
	pageNum, size := atoiOr(r.URL.Query().Get("page"), 1), min(atoiOr(r.URL.Query().Get("page_size"), 25), maxSize)
	start := min((pageNum-1)*size, len(target.Roles))
	end := min(start+size, len(target.Roles))
	results := []any{}
	for _, role := range target.Roles[start:end] {
		results = append(results, map[string]any{
			"id": role.ID, "type": "role", "url": fmt.Sprintf("%sroles/%d/", c.prefix, role.ID), "name": role.Name,
			"description": "May " + role.Name,
			"summary_fields": map[string]any{"resource_type": role.ResourceType, "resource_name": role.ResourceName,
				"resource_id": role.ResourceID, "resource_type_display_name": role.ResourceType, "user_capabilities": map[string]bool{"unattach": true}},
		})
	}
	var next any
	if end < len(target.Roles) {
		next = fmt.Sprintf("%susers/%d/roles/?page=%d&page_size=%d", c.prefix, id, pageNum+1, size)
	}
	simulator.WriteJSON(w, http.StatusOK, map[string]any{"count": len(target.Roles), "next": next, "previous": nil, "results": results})
}

func writeDetail(w http.ResponseWriter, status int, detail string) {
	simulator.WriteMessage(w, status, "detail", detail)
}

func atoiOr(s string, fallback int) int {
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return n
	}
	return fallback
}
