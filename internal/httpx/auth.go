package httpx

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"sync"
)

// Authenticator puts credentials on requests. Implementations are safe for
// concurrent use.
type Authenticator interface {
	// Authorize adds credentials to req, logging in first when the scheme
	// needs it. It returns the generation of the credential it used.
	Authorize(ctx context.Context, c *Client, req *http.Request) (generation int, err error)
	// Renew is called at most once per request, after a 401 to a request sent
	// with the given generation. It reports whether a fresh credential is ready
	// and the request is worth sending again. Concurrent requests that fail
	// with the same generation share one renewal.
	Renew(ctx context.Context, c *Client, generation int) (bool, error)
}

// Header authenticates every request with one fixed header, as API tokens do
// ("Authorization: Bearer …", "Authorization: ApiKey …").
func Header(name, value string) Authenticator { return staticHeader{name, value} }

// TokenOr authenticates with cr's token as "Authorization: <scheme> <token>"
// ("Bearer", "ApiKey", "Token"), or with login when cr has no token: the
// choice every platform makes between its two kinds of credentials.
func TokenOr(scheme string, cr Credentials, login Authenticator) Authenticator {
	if cr.Token != "" {
		return Header("Authorization", scheme+" "+cr.Token)
	}
	return login
}

// Basic authenticates every request with HTTP Basic.
func Basic(username, password string) Authenticator {
	return staticHeader{"Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte(username+":"+password))}
}

type staticHeader struct{ name, value string }

func (h staticHeader) Authorize(_ context.Context, _ *Client, req *http.Request) (int, error) {
	req.Header.Set(h.name, h.value)
	return 0, nil
}

// Renew: a fixed credential cannot be refreshed, so a 401 is final.
func (staticHeader) Renew(context.Context, *Client, int) (bool, error) { return false, nil }

// LoginFunc exchanges a username and password for a session. It returns the
// Authorization header value to send, or "" when the session lives in cookies
// (which the client's cookie jar keeps).
type LoginFunc func(ctx context.Context, c *Client) (authorization string, err error)

// Login authenticates with a session obtained by login: it logs in on first
// use, reuses the session, and logs in again once when the server answers 401.
// One login runs at a time; a login that fails is not tried again by this
// authenticator (one provider configuration): its error is returned to every
// request waiting for it and every later one.
func Login(login LoginFunc) Authenticator { return &session{login: login} }

type session struct {
	login LoginFunc

	mu            sync.Mutex
	loggedIn      bool
	authorization string
	// generation counts logins, so that requests failing with an old session
	// share the one renewal instead of each logging in again.
	generation int
	// refused is the error of a failed login: every waiting and later
	// request gets it instead of trying the same account again.
	refused error
}

func (s *session) Authorize(ctx context.Context, c *Client, req *http.Request) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refused != nil {
		return 0, s.refused
	}
	if !s.loggedIn {
		if err := s.loginLocked(ctx, c); err != nil {
			return 0, err
		}
	}
	if s.authorization != "" {
		req.Header.Set("Authorization", s.authorization)
	}
	return s.generation, nil
}

func (s *session) Renew(ctx context.Context, c *Client, generation int) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refused != nil {
		return false, s.refused
	}
	if s.loggedIn && s.generation != generation {
		return true, nil // another request already logged in again
	}
	if err := s.loginLocked(ctx, c); err != nil {
		return false, err
	}
	return true, nil
}

func (s *session) loginLocked(ctx context.Context, c *Client) error {
	s.loggedIn = false
	authorization, err := s.login(ctx, c)
	if err != nil {
		s.refused = err
		return err
	}
	c.AddSecret(authorization)
	s.authorization, s.loggedIn = authorization, true
	s.generation++
	return nil
}

// TokenLogin is the login most platforms share: POST a JSON body of username
// and password to path, read the session token from the answer's field, and
// send it as Bearer.
func TokenLogin(path, field, username, password string) Authenticator {
	return Login(func(ctx context.Context, c *Client) (string, error) {
		var out map[string]any
		if err := c.Post(ctx, path, map[string]string{"username": username, "password": password}, &out); err != nil {
			return "", err
		}
		token, _ := out[field].(string)
		if token == "" {
			return "", &Error{Kind: KindMalformed, Method: http.MethodPost, URL: c.displayURL(path),
				Status: http.StatusOK, Attempts: 1, Err: fmt.Errorf("the login answer has no %s", field)}
		}
		return "Bearer " + token, nil
	})
}
