// Package faynosync is a fake faynoSync server: POST /login issuing HS256
// JWTs valid 24 hours, fns_ API tokens, GET /whoami for admins and team users,
// and {"error": "..."} bodies with faynoSync's distinct 401 messages.
package faynosync

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// TokenLifetime is how long a login JWT is valid.
const TokenLifetime = 24 * time.Hour

// The login and who-am-i paths, which the Platform names too.
const (
	loginPath  = "/login"
	whoAmIPath = "/whoami"
)

// User is one account; Body is its /whoami answer.
type User struct {
	Username, Password string
	Body               map[string]any
}

// Server is the fake's state.
type Server struct {
	secret []byte

	mu        sync.Mutex
	users     map[string]*User
	apiTokens map[string]*User
	issued    []string
}

// New returns a server signing with secret.
func New(secret string) *Server {
	return &Server{secret: []byte(secret), users: map[string]*User{}, apiTokens: map[string]*User{}}
}

// AddUser adds an account.
func (s *Server) AddUser(u *User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[u.Username] = u
}

// AddAPIToken gives a user an fns_ API token.
func (s *Server) AddAPIToken(username, token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apiTokens[token] = s.users[username]
}

// IssuedTokens returns every JWT login has issued.
func (s *Server) IssuedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.issued...)
}

// SignJWT issues a JWT for username expiring at exp, signed with secret; tests
// use it to craft expired and foreign tokens.
func SignJWT(secret, username string, exp time.Time) string {
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	claims, _ := json.Marshal(map[string]any{"username": username, "exp": exp.Unix()})
	unsigned := header + "." + enc.EncodeToString(claims)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(unsigned))
	return unsigned + "." + enc.EncodeToString(mac.Sum(nil))
}

// Handler serves the API.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+loginPath, s.login)
	mux.HandleFunc("GET "+whoAmIPath, s.whoami)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { writeError(w, http.StatusNotFound, "404 page not found") })
	return mux
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var in struct{ Username, Password string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "invalid request body")
		return
	}
	s.mu.Lock()
	u, ok := s.users[in.Username]
	s.mu.Unlock()
	if !ok || u.Password != in.Password {
		writeError(w, http.StatusUnauthorized, "invalid username or password")
		return
	}
	token := SignJWT(string(s.secret), u.Username, time.Now().Add(TokenLifetime))
	s.mu.Lock()
	s.issued = append(s.issued, token)
	s.mu.Unlock()
	simulator.WriteJSON(w, http.StatusOK, map[string]string{"token": token})
}

func (s *Server) whoami(w http.ResponseWriter, r *http.Request) {
	header := r.Header.Get("Authorization")
	if header == "" {
		writeError(w, http.StatusUnauthorized, "missing authorization header")
		return
	}
	token, ok := simulator.BearerToken(r)
	if !ok {
		writeError(w, http.StatusUnauthorized, "invalid token format")
		return
	}
	u, msg := s.authenticate(token)
	if u == nil {
		writeError(w, http.StatusUnauthorized, msg)
		return
	}
	simulator.WriteJSON(w, http.StatusOK, u.Body)
}

// authenticate checks an fns_ token or a JWT, returning the message
// faynoSync gives for each way a JWT fails.
func (s *Server) authenticate(token string) (*User, string) {
	s.mu.Lock()
	u, isAPIToken := s.apiTokens[token]
	s.mu.Unlock()
	if strings.HasPrefix(token, "fns_") {
		if !isAPIToken || u == nil {
			return nil, "invalid API token"
		}
		return u, ""
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, "malformed token"
	}
	mac := hmac.New(sha256.New, s.secret)
	mac.Write([]byte(parts[0] + "." + parts[1]))
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || !hmac.Equal(sig, mac.Sum(nil)) {
		return nil, "invalid token signature"
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	var claims struct {
		Username string `json:"username"`
		Exp      int64  `json:"exp"`
	}
	if err != nil || json.Unmarshal(raw, &claims) != nil {
		return nil, "malformed token"
	}
	if time.Now().Unix() >= claims.Exp {
		return nil, "token expired"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.users[claims.Username]; u != nil {
		return u, ""
	}
	return nil, "user not found"
}

func writeError(w http.ResponseWriter, status int, msg string) {
	simulator.WriteMessage(w, status, "error", msg)
}
