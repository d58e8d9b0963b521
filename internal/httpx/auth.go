package httpx

import (
	"context"
	"encoding/base64"
	"net/http"
	"sync"
)

// Authenticator puts credentials on requests. Implementations are safe for
// concurrent use.
type Authenticator interface {
	// Authorize adds credentials to req, logging in first when the scheme needs it.
	Authorize(ctx context.Context, c *Client, req *http.Request) error
	// Renew is called at most once per request, after a 401. It reports whether
	// a fresh credential was obtained and the request is worth sending again.
	Renew(ctx context.Context, c *Client) (bool, error)
}

// Header authenticates every request with one fixed header, as API tokens do
// ("Authorization: Bearer …", "Authorization: ApiKey …").
func Header(name, value string) Authenticator { return staticHeader{name, value} }

// Basic authenticates every request with HTTP Basic.
func Basic(username, password string) Authenticator {
	return staticHeader{"Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte(username+":"+password))}
}

type staticHeader struct{ name, value string }

func (h staticHeader) Authorize(_ context.Context, _ *Client, req *http.Request) error {
	req.Header.Set(h.name, h.value)
	return nil
}

// Renew: a fixed credential cannot be refreshed, so a 401 is final.
func (staticHeader) Renew(context.Context, *Client) (bool, error) { return false, nil }

// LoginFunc exchanges a username and password for a session. It returns the
// Authorization header value to send, or "" when the session lives in cookies
// (which the client's cookie jar keeps).
type LoginFunc func(ctx context.Context, c *Client) (authorization string, err error)

// Login authenticates with a session obtained by login: it logs in on first
// use, reuses the session, and logs in again once when the server answers 401.
func Login(login LoginFunc) Authenticator { return &session{login: login} }

type session struct {
	login LoginFunc

	mu            sync.Mutex
	loggedIn      bool
	authorization string
}

func (s *session) Authorize(ctx context.Context, c *Client, req *http.Request) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.loggedIn {
		if err := s.renewLocked(ctx, c); err != nil {
			return err
		}
	}
	if s.authorization != "" {
		req.Header.Set("Authorization", s.authorization)
	}
	return nil
}

func (s *session) Renew(ctx context.Context, c *Client) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.renewLocked(ctx, c); err != nil {
		return false, err
	}
	return true, nil
}

func (s *session) renewLocked(ctx context.Context, c *Client) error {
	s.loggedIn = false
	authorization, err := s.login(ctx, c)
	if err != nil {
		return err
	}
	c.AddSecret(authorization)
	s.authorization, s.loggedIn = authorization, true
	return nil
}
