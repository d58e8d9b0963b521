// Package ece is a fake Elastic Cloud Enterprise API: GET /api/v1/user with
// API-key and login (Bearer) authentication, answering errors with
// BasicFailedReply bodies and the x-cloud-error-codes header as ECE does.
package ece

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// The login and who-am-i paths, which the Platform names too.
const (
	loginPath = "/api/v1/users/auth/_login"
	userPath  = "/api/v1/user"
)

// Installation is the fake's state: users by name (the JSON User model they
// answer with), passwords, API keys and login sessions.
type Installation struct {
	mu        sync.Mutex
	users     map[string]map[string]any
	passwords map[string]string
	apiKeys   map[string]string // key → user name ("" for a deleted user)
	sessions  map[string]string // token → user name
}

// New returns an empty installation.
func New() *Installation {
	return &Installation{users: map[string]map[string]any{}, passwords: map[string]string{},
		apiKeys: map[string]string{}, sessions: map[string]string{}}
}

// AddUser adds a user whose GET /api/v1/user answer is body (user_name is
// taken from it); password "" means the user cannot log in.
func (e *Installation) AddUser(body map[string]any, password string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	name, _ := body["user_name"].(string)
	e.users[name] = body
	if password != "" {
		e.passwords[name] = password
	}
}

// AddAPIKey gives the named user an API key; a key for a user that does not
// exist answers 404 user.not_found, as a key whose user was deleted does.
func (e *Installation) AddAPIKey(user, key string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.apiKeys[key] = user
}

// Handler serves the API under /api/v1.
func (e *Installation) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+loginPath, e.login)
	mux.HandleFunc("GET "+userPath, e.currentUser)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "root.resource_not_found", "The requested resource could not be found")
	})
	return mux
}

func (e *Installation) login(w http.ResponseWriter, r *http.Request) {
	var in struct{ Username, Password string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "root.malformed_request", "The request body is malformed")
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if want, ok := e.passwords[in.Username]; !ok || want != in.Password {
		writeError(w, http.StatusUnauthorized, "root.unauthenticated", "The supplied authentication is invalid")
		return
	}
	token := "eyJhbGciOiJIUzI1NiJ9." + simulator.RandomHex(32)
	e.sessions[token] = in.Username
	simulator.WriteJSON(w, http.StatusOK, map[string]string{
		"token": token, "session_expiration_time": time.Now().Add(time.Hour).UTC().Format(time.RFC3339),
	})
}

func (e *Installation) currentUser(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	var name string
	var known bool
	if key, ok := simulator.Credential(r, "ApiKey"); ok {
		name, known = e.apiKeys[key]
	} else if token, ok := simulator.BearerToken(r); ok {
		name, known = e.sessions[token]
	} else {
		writeError(w, http.StatusUnauthorized, "root.unauthenticated", "The supplied authentication is invalid")
		return
	}
	if !known {
		writeError(w, http.StatusUnauthorized, "root.unauthorized", "The supplied authentication is not authorized")
		return
	}
	body, ok := e.users[name]
	if !ok {
		writeError(w, http.StatusNotFound, "user.not_found", "User not found")
		return
	}
	simulator.WriteJSON(w, http.StatusOK, body)
}

// writeError answers with a BasicFailedReply of one error and the
// x-cloud-error-codes header.
func writeError(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("x-cloud-error-codes", code)
	simulator.WriteJSON(w, status, map[string]any{"errors": []map[string]any{{"code": code, "message": message}}})
}
