// Package mist is a fake Juniper Mist cloud: GET /api/v1/self for user and org
// API tokens and for cookie sessions from POST /api/v1/login (including an
// account that owes a second factor), the site and org objects inheritance
// looks up, and {"detail": "..."} error bodies.
package mist

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// The login and who-am-i paths, which the Platform names too.
const (
	loginPath = "/api/v1/login"
	selfPath  = "/api/v1/self"
)

// Privilege is one grant of an admin, as /self lists it.
type Privilege = map[string]any

// Admin is one identity: a user (email, password) or an org API token.
type Admin struct {
	// Self is the /self answer, verbatim.
	Self map[string]any
	// Email and Password allow login; TwoFactor makes login owe a second factor.
	Email, Password string
	TwoFactor       bool
}

// Cloud is the fake's state.
type Cloud struct {
	mu       sync.Mutex
	tokens   map[string]*Admin
	byEmail  map[string]*Admin
	sessions map[string]*Admin // sessionid cookie → admin
	sites    map[string]siteInfo
	orgs     map[string]string // org id → msp id ("" for none)
}

// New returns an empty cloud.
func New() *Cloud {
	return &Cloud{tokens: map[string]*Admin{}, byEmail: map[string]*Admin{}, sessions: map[string]*Admin{},
		sites: map[string]siteInfo{}, orgs: map[string]string{}}
}

// AddAdmin registers an identity under an API token ("" for none).
func (c *Cloud) AddAdmin(a *Admin, token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if token != "" {
		c.tokens[token] = a
	}
	if a.Email != "" {
		c.byEmail[a.Email] = a
	}
}

// AddOrg records an org and the MSP it belongs to ("" for none).
func (c *Cloud) AddOrg(orgID, mspID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.orgs[orgID] = mspID
}

// siteInfo is what GET /sites/<id> tells of a site: its org and site groups.
type siteInfo struct {
	org    string
	groups []string
}

// AddSite records a site of an org, in the given site groups.
func (c *Cloud) AddSite(siteID, orgID string, sitegroupIDs ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sites[siteID] = siteInfo{org: orgID, groups: sitegroupIDs}
}

// Handler serves the API.
func (c *Cloud) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+loginPath, c.login)
	mux.HandleFunc("GET "+selfPath, c.self)
	mux.HandleFunc("GET /api/v1/sites/{id}", c.site)
	mux.HandleFunc("GET /api/v1/orgs/{id}", c.org)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeDetail(w, http.StatusNotFound, "Not found.")
	})
	return mux
}

func (c *Cloud) login(w http.ResponseWriter, r *http.Request) {
	var in struct{ Email, Password string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeDetail(w, http.StatusBadRequest, "JSON parse error - "+err.Error())
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.byEmail[in.Email]
	if !ok || a.Password == "" || a.Password != in.Password {
		writeDetail(w, http.StatusBadRequest, "Invalid email or password.")
		return
	}
	session := simulator.RandomHex(16)
	c.sessions[session] = a
	http.SetCookie(w, &http.Cookie{Name: "sessionid", Value: session, Path: "/", HttpOnly: true, Secure: r.TLS != nil})
	http.SetCookie(w, &http.Cookie{Name: "csrftoken", Value: simulator.RandomHex(16), Path: "/", Secure: r.TLS != nil})
	if a.TwoFactor {
		// As login_2fa_required_openapi_example.json.
		simulator.WriteJSON(w, http.StatusOK, map[string]any{"email": a.Email, "two_factor_required": true, "two_factor_passed": false})
		return
	}
	simulator.WriteJSON(w, http.StatusOK, map[string]any{})
}

// caller authenticates by token or session cookie; on failure it answered 401.
func (c *Cloud) caller(w http.ResponseWriter, r *http.Request) (*Admin, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if token, ok := simulator.Credential(r, "Token"); ok {
		if a, found := c.tokens[token]; found {
			return a, true
		}
		writeDetail(w, http.StatusUnauthorized, "Invalid token.")
		return nil, false
	}
	if cookie, err := r.Cookie("sessionid"); err == nil {
		if a, found := c.sessions[cookie.Value]; found {
			return a, true
		}
	}
	writeDetail(w, http.StatusUnauthorized, "Authentication credentials were not provided.")
	return nil, false
}

func (c *Cloud) self(w http.ResponseWriter, r *http.Request) {
	a, ok := c.caller(w, r)
	if !ok {
		return
	}
	if a.TwoFactor {
		// As self_2fa_pending_guide_example.json.
		simulator.WriteJSON(w, http.StatusOK, map[string]any{"email": a.Email, "privileges": nil, "two_factor_required": true, "two_factor_passed": false})
		return
	}
	simulator.WriteJSON(w, http.StatusOK, a.Self)
}

func (c *Cloud) site(w http.ResponseWriter, r *http.Request) {
	a, ok := c.caller(w, r)
	if !ok {
		return
	}
	id := strings.ToLower(r.PathValue("id"))
	c.mu.Lock()
	s, found := c.sites[id]
	mspID := c.orgs[s.org]
	c.mu.Unlock()
	if !found {
		writeDetail(w, http.StatusNotFound, "Not found.")
		return
	}
	if !grants(a, "site", id) && !grants(a, "org", s.org) && !grants(a, "orgsites", s.org) && !grants(a, "msp", mspID) &&
		!inGroup(a, s.groups) {
		writeDetail(w, http.StatusForbidden, "You do not have permission to perform this action.")
		return
	}
	groups := s.groups
	if groups == nil {
		groups = []string{}
	}
	simulator.WriteJSON(w, http.StatusOK, map[string]any{"id": id, "org_id": s.org, "name": "Site " + id[:8], "sitegroup_ids": groups})
}

func (c *Cloud) org(w http.ResponseWriter, r *http.Request) {
	a, ok := c.caller(w, r)
	if !ok {
		return
	}
	id := strings.ToLower(r.PathValue("id"))
	c.mu.Lock()
	mspID, found := c.orgs[id]
	c.mu.Unlock()
	if !found {
		writeDetail(w, http.StatusNotFound, "Not found.")
		return
	}
	if !grants(a, "org", id) && !grants(a, "msp", mspID) {
		writeDetail(w, http.StatusForbidden, "You do not have permission to perform this action.")
		return
	}
	body := map[string]any{"id": id, "name": "Org " + id[:8]}
	if mspID != "" {
		body["msp_id"] = mspID
	}
	simulator.WriteJSON(w, http.StatusOK, body)
}

// grants reports whether the admin holds any privilege on the object; an
// orgsites privilege names its org by org_id.
func grants(a *Admin, scope, id string) bool {
	if id == "" {
		return false
	}
	key := scope + "_id"
	if scope == "orgsites" {
		key = "org_id"
	}
	privileges, _ := a.Self["privileges"].([]Privilege)
	for _, p := range privileges {
		if p["scope"] == scope && p[key] == id {
			return true
		}
	}
	return false
}

// inGroup reports whether the admin holds a sitegroup privilege on one of groups.
func inGroup(a *Admin, groups []string) bool {
	privileges, _ := a.Self["privileges"].([]Privilege)
	for _, p := range privileges {
		ids, _ := p["sitegroup_ids"].([]string)
		if p["scope"] == "sitegroup" && slices.ContainsFunc(ids, func(id string) bool { return slices.Contains(groups, id) }) {
			return true
		}
	}
	return false
}

func writeDetail(w http.ResponseWriter, status int, detail string) {
	simulator.WriteMessage(w, status, "detail", detail)
}
