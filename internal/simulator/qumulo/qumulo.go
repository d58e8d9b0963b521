// Package qumulo is a fake Qumulo Core REST API: who-am-i, session roles and
// login, with access tokens and expiring session tokens, answering errors with
// the {module, error_class, description, stack, user_visible} body the real
// cluster sends.
package qumulo

import (
	"encoding/base64"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"sync"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// The login and who-am-i paths, which the Platform names too.
const (
	loginPath  = "/v1/session/login"
	whoAmIPath = "/v1/session/who-am-i"
)

// User is one account on the fake cluster. Nil pointers are left out of the
// who-am-i answer (the schema requires none of its fields).
type User struct {
	ID                string
	Name              string
	PrimaryGroup      string
	SID               string
	UID               string
	HomeDirectory     *string
	CanChangePassword *bool
	Privileges        []string
	Roles             []string
	Password          string
}

// Cluster is the fake's state: users, their long-lived access tokens and the
// session tokens handed out by login.
type Cluster struct {
	mu       sync.Mutex
	users    map[string]*User
	tokens   map[string]accessToken
	sessions map[string]*User
	// raw overrides the who-am-i body for a token, to serve odd answers.
	raw map[string]string
}

type accessToken struct {
	user *User
	id   string
}

// New returns an empty cluster.
func New() *Cluster {
	return &Cluster{users: map[string]*User{}, tokens: map[string]accessToken{}, sessions: map[string]*User{}, raw: map[string]string{}}
}

// AddUser adds an account that can log in with its password.
func (c *Cluster) AddUser(u *User) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.users[u.Name] = u
}

// AddAccessToken gives the named user a long-lived access token with the
// given token id (as POST /v1/auth/access-tokens/ would).
func (c *Cluster) AddAccessToken(username, token, id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tokens[token] = accessToken{user: c.users[username], id: id}
}

// SetRawWhoAmI makes who-am-i answer token's caller with body verbatim.
func (c *Cluster) SetRawWhoAmI(token, body string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.raw[token] = body
}

// ExpireSessions invalidates every session token, as their ~10 hour life does.
func (c *Cluster) ExpireSessions() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sessions = map[string]*User{}
}

// SessionTokens returns the session tokens login has handed out and that are
// still valid, so tests can prove none of them leaks.
func (c *Cluster) SessionTokens() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Collect(maps.Keys(c.sessions))
}

// Handler serves the API.
func (c *Cluster) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+loginPath, c.login)
	mux.HandleFunc("GET "+whoAmIPath, c.whoAmI)
	mux.HandleFunc("GET /v1/session/roles", c.roles)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "qumulo.rest.server", "http_not_found_error", "Not Found: "+r.URL.Path)
	})
	return mux
}

func (c *Cluster) login(w http.ResponseWriter, r *http.Request) {
	var in struct{ Username, Password string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "qumulo.rest.server", "http_bad_request_error", "Malformed login request")
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	u, ok := c.users[in.Username]
	if !ok || u.Password == "" || u.Password != in.Password {
		writeError(w, http.StatusUnauthorized, "qumulo.auth.login", "login_failed_error", "Login failed: invalid username or password")
		return
	}
	// Shaped like the docs' login answer (login_response_docs_example.json):
	// "1:" and base64.
	token := "1:" + base64.StdEncoding.EncodeToString([]byte(simulator.RandomHex(24)))
	c.sessions[token] = u
	simulator.WriteJSON(w, http.StatusOK, map[string]string{"bearer_token": token})
}

// caller authenticates the request; on failure it has answered 401.
func (c *Cluster) caller(w http.ResponseWriter, r *http.Request) (*User, string, bool) {
	token, ok := simulator.BearerToken(r)
	c.mu.Lock()
	defer c.mu.Unlock()
	if ok {
		if at, found := c.tokens[token]; found && at.user != nil {
			return at.user, at.id, true
		}
		if u, found := c.sessions[token]; found {
			return u, "", true
		}
	}
	writeError(w, http.StatusUnauthorized, "qumulo.rest.server", "http_unauthorized_error", "Unauthorized: need to log in")
	return nil, "", false
}

func (c *Cluster) whoAmI(w http.ResponseWriter, r *http.Request) {
	u, tokenID, ok := c.caller(w, r)
	if !ok {
		return
	}
	token, _ := simulator.BearerToken(r)
	c.mu.Lock()
	raw, hasRaw := c.raw[token]
	c.mu.Unlock()
	if hasRaw {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(raw))
		return
	}
	body := map[string]any{
		"id": u.ID, "name": u.Name, "primary_group": u.PrimaryGroup, "sid": u.SID, "uid": u.UID,
		"privileges": nonNil(u.Privileges),
	}
	if u.HomeDirectory != nil {
		body["home_directory"] = *u.HomeDirectory
	}
	if u.CanChangePassword != nil {
		body["can_change_password"] = *u.CanChangePassword
	}
	if tokenID != "" {
		body["access_token_id"] = tokenID
	}
	simulator.WriteJSON(w, http.StatusOK, body)
}

func (c *Cluster) roles(w http.ResponseWriter, r *http.Request) {
	u, _, ok := c.caller(w, r)
	if !ok {
		return
	}
	simulator.WriteJSON(w, http.StatusOK, nonNil(u.Roles))
}

func writeError(w http.ResponseWriter, status int, module, class, description string) {
	simulator.WriteJSON(w, status, map[string]any{
		"module": module, "error_class": class, "description": description,
		"stack": []string{}, "user_visible": true,
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// SetRoles replaces the named user's session roles, to serve odd answers.
func (c *Cluster) SetRoles(username string, roles []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.users[username].Roles = roles
}
