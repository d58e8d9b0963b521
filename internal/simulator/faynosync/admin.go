package faynosync

import (
	"net/http"
	"slices"
	"time"
)

// adminOnly is AdminOnlyMiddleware (server/utils/permissions.go) and the
// two admin reads behind it the provider's rules rest on: /token/list (so a
// token cannot read its own allowed apps, token-list.txt) and /users/list
// (where alone a team user's real id appears, users-list.txt).
func (s *Server) adminOnly(w http.ResponseWriter, c *caller, path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case c.apiToken:
		writeError(w, http.StatusForbidden, "Admin JWT is required")
		return
	case s.admins[c.username] == nil:
		writeError(w, http.StatusForbidden, "Admin access required")
		return
	case path == "/users/list":
		type user struct {
			ID          string      `json:"id"`
			Username    string      `json:"username"`
			Permissions Permissions `json:"permissions"`
			UpdatedAt   time.Time   `json:"updated_at"`
		}
		users := []user{}
		for _, name := range s.order {
			if u := s.team[name]; u.Owner == c.username {
				users = append(users, user{u.ID, u.Username, u.Permissions, u.Updated.UTC().Truncate(time.Millisecond)})
			}
		}
		writeJSON(w, http.StatusOK, map[string]any{"users": users})
		return
	}
	type token struct {
		ID          string     `json:"id"`
		Name        string     `json:"name"`
		TokenPrefix string     `json:"token_prefix"`
		AllowedApps []string   `json:"allowed_apps"`
		ExpiresAt   *time.Time `json:"expires_at,omitempty"`
		CreatedAt   time.Time  `json:"created_at"`
	}
	tokens := []token{}
	for _, t := range s.tokens {
		if t.Owner == c.username {
			tokens = append(tokens, token{t.ID, t.Name, t.Token[:12], t.AllowedApps, t.ExpiresAt, t.Created.UTC().Truncate(time.Millisecond)})
		}
	}
	// Newest first, as the real server sorts them.
	slices.SortFunc(tokens, func(a, b token) int { return b.CreatedAt.Compare(a.CreatedAt) })
	writeJSON(w, http.StatusOK, map[string]any{"tokens": tokens})
}
