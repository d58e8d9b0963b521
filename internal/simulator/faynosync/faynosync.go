// Package faynosync is a fake faynoSync v2.1.0 server, answering as the real
// one's recordings in ../shared/api/faynosync/v2.1.0 do: POST /login issuing
// HS256 JWTs valid 24 hours; fns_ API tokens, which only an admin owns and
// which /whoami answers as that admin; GET /whoami (a team user's id is the
// zero ObjectID); the list endpoints answering the caller's owner's objects;
// faynoSync's distinct 401 messages; and gin's text/plain 404, sent only after
// the auth middleware, so that an unknown path without a token is a 401.
package faynosync

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// TokenLifetime is how long a login JWT is valid.
const TokenLifetime = 24 * time.Hour

// The login and who-am-i paths, which the Platform names too.
const (
	loginPath  = "/login"
	whoAmIPath = "/whoami"
)

// zeroID is what /whoami sends as every team user's id (whoami-release-bot.txt).
const zeroID = "000000000000000000000000"

// Admin is an administrator account.
type Admin struct{ ID, Username, Password string }

// TeamUser is a team user, owned by the admin Owner. Its ID appears only in
// /users/list, never in /whoami.
type TeamUser struct {
	ID, Username, Password, Owner string
	Permissions                   Permissions
	Updated                       time.Time
}

// Permissions are a team user's rights, as /whoami spells them.
type Permissions struct {
	Apps      AppRights `json:"Apps"`
	Channels  Rights    `json:"Channels"`
	Platforms Rights    `json:"Platforms"`
	Archs     Rights    `json:"Archs"`
}

// AppRights are the flags on apps; Allowed is stored as sent (repeats and ""
// included) and a nil Allowed is answered null.
type AppRights struct {
	Create   bool     `json:"Create"`
	Delete   bool     `json:"Delete"`
	Edit     bool     `json:"Edit"`
	Download bool     `json:"Download"`
	Upload   bool     `json:"Upload"`
	Allowed  []string `json:"Allowed"`
}

// Rights are the flags on channels, platforms and archs.
type Rights struct {
	Create  bool     `json:"Create"`
	Delete  bool     `json:"Delete"`
	Edit    bool     `json:"Edit"`
	Allowed []string `json:"Allowed"`
}

// Object is an app, channel, platform or arch: Kind is "apps", "channels",
// "platforms" or "archs".
type Object struct {
	Kind, ID, Name, Owner string
	Updated               time.Time
}

// APIToken is an fns_ token of the admin Owner; ID is its record's id.
type APIToken struct {
	ID, Token, Name, Owner string
	AllowedApps            []string
	ExpiresAt              *time.Time
	Created                time.Time
}

// Server is the fake's state.
type Server struct {
	secret []byte

	mu      sync.Mutex
	admins  map[string]*Admin
	team    map[string]*TeamUser
	order   []string // team user names, as added
	objects []Object
	tokens  map[string]*APIToken
	issued  []string
	dbDown  bool
}

// New returns a server signing with secret.
func New(secret string) *Server {
	return &Server{secret: []byte(secret), admins: map[string]*Admin{}, team: map[string]*TeamUser{}, tokens: map[string]*APIToken{}}
}

// AddAdmin adds an administrator.
func (s *Server) AddAdmin(a Admin) { s.mu.Lock(); defer s.mu.Unlock(); s.admins[a.Username] = &a }

// AddTeamUser adds a team user.
func (s *Server) AddTeamUser(u TeamUser) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.team[u.Username] = &u
	s.order = append(s.order, u.Username)
}

// AddObject adds an app, channel, platform or arch, in list order.
func (s *Server) AddObject(o Object) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.objects = append(s.objects, o)
}

// AddAPIToken adds an fns_ token. Only an admin can own one (a team user's
// /token/create is 403 "Admin access required", token-create-by-team.txt).
func (s *Server) AddAPIToken(t APIToken) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.admins[t.Owner] == nil {
		panic("faynoSync API tokens belong to admins; " + t.Owner + " is not one")
	}
	s.tokens[t.Token] = &t
}

// SetDatabaseDown makes the server answer as a real one whose database is
// unreachable (db-down-*.txt): every login is "invalid username or
// password" and every /whoami "User not found". The real server takes 30 s
// to say so; the fake answers at once.
func (s *Server) SetDatabaseDown(down bool) { s.mu.Lock(); defer s.mu.Unlock(); s.dbDown = down }

// IssuedTokens returns every JWT login has issued.
func (s *Server) IssuedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.issued...)
}

// listPaths are the list endpoints by the resource type they answer.
var listPaths = map[string]string{"/app/list": "apps", "/channel/list": "channels", "/platform/list": "platforms", "/arch/list": "archs"}

// Handler serves the API.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		route := r.Method + " " + r.URL.Path
		switch route {
		case "GET /health":
			writeJSON(w, http.StatusOK, map[string]string{"status": "healthy"})
			return
		case "POST " + loginPath:
			s.login(w, r)
			return
		}
		caller, msg := s.authenticate(r.Header.Get("Authorization"))
		if caller == nil {
			writeError(w, http.StatusUnauthorized, msg)
			return
		}
		switch kind, isList := listPaths[r.URL.Path]; {
		case route == "GET "+whoAmIPath:
			s.whoami(w, caller)
		case isList && r.Method == http.MethodGet:
			s.list(w, caller, kind)
		case route == "GET /token/list" || route == "GET /users/list":
			s.adminOnly(w, caller, r.URL.Path)
		default:
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte("404 page not found"))
		}
	})
}

// caller is who a request authenticated as: an API token authenticates as
// its owning admin (server/utils/auth.go sets the token's owner as
// username), and is marked as a token.
type caller struct {
	username string
	apiToken bool
}

// authenticate is faynoSync's auth middleware (server/utils/auth.go).
func (s *Server) authenticate(header string) (*caller, string) {
	if header == "" {
		return nil, "missing authorization header"
	}
	parts := strings.Fields(header)
	if len(parts) != 2 || parts[0] != "Bearer" {
		return nil, "invalid token format"
	}
	token := parts[1]
	username, msg := checkJWT(s.secret, token, time.Now())
	if msg == "" {
		return &caller{username: username}, ""
	}
	if !strings.HasPrefix(token, "fns_") {
		return nil, msg
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tokens[token]
	switch {
	case t == nil:
		return nil, "invalid or expired token"
	case t.ExpiresAt != nil && t.ExpiresAt.Before(time.Now()):
		return nil, "token expired"
	}
	return &caller{username: t.Owner, apiToken: true}, ""
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var in struct{ Username, Password string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		// gin's c.String with a JSON text: text/plain (login-bad-body.txt).
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":"invalid request body"}`))
		return
	}
	s.mu.Lock()
	ok := !s.dbDown && ((s.admins[in.Username] != nil && s.admins[in.Username].Password == in.Password) ||
		(s.team[in.Username] != nil && s.team[in.Username].Password == in.Password))
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusUnauthorized, "invalid username or password")
		return
	}
	token := SignJWT(string(s.secret), in.Username, time.Now().Add(TokenLifetime))
	s.mu.Lock()
	s.issued = append(s.issued, token)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]string{"token": token})
}

type adminAnswer struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	IsAdmin  bool   `json:"is_admin"`
}

type teamAnswer struct {
	ID          string      `json:"id"`
	Username    string      `json:"username"`
	IsAdmin     bool        `json:"is_admin"`
	Owner       string      `json:"owner"`
	Permissions Permissions `json:"permissions"`
}

func (s *Server) whoami(w http.ResponseWriter, c *caller) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.admins[c.username]; a != nil && !s.dbDown {
		// An API token answers as its owning admin, with nothing that marks
		// it as a token (whoami-api-token.txt).
		writeJSON(w, http.StatusOK, adminAnswer{ID: a.ID, Username: a.Username, IsAdmin: true})
		return
	}
	if u := s.team[c.username]; u != nil && !s.dbDown {
		writeJSON(w, http.StatusOK, teamAnswer{ID: zeroID, Username: u.Username, Owner: u.Owner, Permissions: u.Permissions})
		return
	}
	writeError(w, http.StatusUnauthorized, "User not found")
}

var objectID = regexp.MustCompile(`^[0-9a-f]{24}$`)

// listLimit is the real server's page: its list endpoints answer at most 100
// objects (mongod/list.go's SetLimit(100)).
const listLimit = 100

// list is mongod/list.go: an admin (or its API token) gets the objects it
// owns; a team user the objects of its owner whose ids are in its Allowed,
// nothing when Allowed holds no valid id; none is null.
func (s *Server) list(w http.ResponseWriter, c *caller, kind string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	owner, allowed := c.username, []string(nil)
	if u := s.team[c.username]; u != nil {
		owner, allowed = u.Owner, u.allowed(kind)
		if !slices.ContainsFunc(allowed, objectID.MatchString) {
			writeJSON(w, http.StatusOK, map[string]any{kind: nil})
			return
		}
	}
	var out []any
	for _, o := range s.objects {
		if o.Kind == kind && o.Owner == owner && (allowed == nil || slices.Contains(allowed, o.ID)) && len(out) < listLimit {
			out = append(out, o.answer())
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{kind: out})
}

func (u *TeamUser) allowed(kind string) []string {
	switch kind {
	case "apps":
		return u.Permissions.Apps.Allowed
	case "channels":
		return u.Permissions.Channels.Allowed
	case "platforms":
		return u.Permissions.Platforms.Allowed
	}
	return u.Permissions.Archs.Allowed
}

type appAnswer struct {
	ID, AppName, Logo              string
	Private, Tuf, Reports, CdnEdge bool
	Description, Owner             string
	UpdatedAt                      time.Time `json:"Updated_at"`
}

// answer is the object as its list endpoint spells it: the Go field names
// of faynoSync's model structs, which have no json tags.
func (o Object) answer() any {
	at := o.Updated.UTC().Truncate(time.Millisecond)
	switch o.Kind {
	case "apps":
		return appAnswer{ID: o.ID, AppName: o.Name, Owner: o.Owner, UpdatedAt: at}
	case "channels":
		return struct {
			ID, ChannelName, Owner string
			UpdatedAt              time.Time `json:"Updated_at"`
		}{o.ID, o.Name, o.Owner, at}
	case "platforms":
		return struct {
			ID, PlatformName string
			Updaters         []any
			Owner            string
			UpdatedAt        time.Time `json:"Updated_at"`
		}{o.ID, o.Name, nil, o.Owner, at}
	}
	return struct {
		ID, ArchID, Owner string
		UpdatedAt         time.Time `json:"Updated_at"`
	}{o.ID, o.Name, o.Owner, at}
}

// writeJSON answers as gin's c.JSON: no trailing newline, and the charset in
// the Content-Type.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
