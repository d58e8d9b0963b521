package httpx

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

func TestHeaderAuthSendsTheHeader(t *testing.T) {
	t.Parallel()
	cases := map[string]Authenticator{
		"Bearer s3cr3t-token":        Header("Authorization", "Bearer s3cr3t-token"),
		"ApiKey a2V5":                Header("Authorization", "ApiKey a2V5"),
		"Basic YWxpY2U6cGE6c3PDqQ==": Basic("alice", "pa:ssé"),
	}
	for want, auth := range cases {
		srv := start(t, personHandler("alice"), false)
		if err := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = auth }).Get(context.Background(), "/me", nil); err != nil {
			t.Fatal(err)
		}
		if got := srv.LastHeader().Get("Authorization"); got != want {
			t.Errorf("Authorization %q, want %q", got, want)
		}
	}
}

func TestBasicAuthRoundTrips(t *testing.T) {
	t.Parallel()
	var user, pass string
	srv := start(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, _ = r.BasicAuth()
		simulator.WriteJSON(w, http.StatusOK, person{})
	}), false)
	if err := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = Basic("alice", "pa:ssé") }).Get(context.Background(), "/me", nil); err != nil {
		t.Fatal(err)
	}
	if user != "alice" || pass != "pa:ssé" {
		t.Errorf("server saw %q / %q", user, pass)
	}
}

func TestCustomHeaderAndUserAgent(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	c := newTestClient(t, srv, func(cfg *Config) {
		cfg.Auth = Header("X-Api-Key", "k3y")
		cfg.UserAgent = "terraform-provider-whoami/1.2.3 terraform/1.8.5"
	})
	if err := c.Get(context.Background(), "/me", nil); err != nil {
		t.Fatal(err)
	}
	h := srv.LastHeader()
	for name, want := range map[string]string{
		"X-Api-Key":     "k3y",
		"Authorization": "",
		"User-Agent":    "terraform-provider-whoami/1.2.3 terraform/1.8.5",
		"Accept":        "application/json",
	} {
		if got := h.Get(name); got != want {
			t.Errorf("%s %q, want %q", name, got, want)
		}
	}
}

func TestPostIsUnauthenticated(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = Header("Authorization", "Bearer s3cr3t-token") })
	if err := c.Post(context.Background(), "/login", map[string]string{"username": "alice"}, nil); err != nil {
		t.Fatal(err)
	}
	h := srv.LastHeader()
	if got := h.Get("Authorization"); got != "" {
		t.Errorf("login POST carried Authorization %q", got)
	}
	if got := h.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type %q", got)
	}
}

// sessionServer hands out session tokens at POST /login and accepts only the
// latest one; reject makes every GET answer 401.
type sessionServer struct {
	mu      sync.Mutex
	issued  int
	valid   string
	reject  bool
	cookies bool
}

func (s *sessionServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Method == http.MethodPost && r.URL.Path == "/login" {
		s.issued++
		s.valid = fmt.Sprintf("sess-%d", s.issued)
		if s.cookies {
			http.SetCookie(w, &http.Cookie{Name: "session", Value: s.valid, Path: "/"})
		}
		simulator.WriteJSON(w, http.StatusOK, map[string]string{"token": s.valid})
		return
	}
	presented := r.Header.Get("Authorization")
	if s.cookies {
		if c, err := r.Cookie("session"); err == nil {
			presented = "Bearer " + c.Value
		}
	}
	if s.reject || presented != "Bearer "+s.valid {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	simulator.WriteJSON(w, http.StatusOK, person{Name: r.URL.Path})
}

func (s *sessionServer) expire() { s.mu.Lock(); s.valid = "expired"; s.mu.Unlock() }

// loginAuth logs in at /login; with cookies the session lives in the jar.
func loginAuth(cookies bool) Authenticator {
	return Login(func(ctx context.Context, c *Client) (string, error) {
		var out struct{ Token string }
		if err := c.Post(ctx, "/login", map[string]string{"username": "alice", "password": "hunter2"}, &out); err != nil {
			return "", err
		}
		if cookies {
			return "", nil
		}
		return "Bearer " + out.Token, nil
	})
}

func TestLoginOnceForManyRequests(t *testing.T) {
	t.Parallel()
	for _, cookies := range []bool{false, true} {
		ss := &sessionServer{cookies: cookies}
		srv := start(t, ss, false)
		c := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = loginAuth(cookies) })
		var wg sync.WaitGroup
		errs := make([]error, 10)
		for i := range errs {
			wg.Add(1)
			go func() { defer wg.Done(); errs[i] = c.Get(context.Background(), fmt.Sprintf("/r%d", i), nil) }()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("cookies %t, request %d: %v", cookies, i, err)
			}
		}
		if n := srv.Count("POST", "/login"); n != 1 {
			t.Errorf("cookies %t: %d logins, want 1", cookies, n)
		}
	}
}

func TestLoginAgainOnceAfter401(t *testing.T) {
	t.Parallel()
	ss := &sessionServer{}
	srv := start(t, ss, false)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = loginAuth(false) })
	if err := c.Get(context.Background(), "/a", nil); err != nil {
		t.Fatal(err)
	}
	ss.expire()
	var got person
	if err := c.Get(context.Background(), "/b", &got); err != nil {
		t.Fatal(err)
	}
	if got.Name != "/b" {
		t.Errorf("decoded %+v", got)
	}
	if l, b := srv.Count("POST", "/login"), srv.Count("GET", "/b"); l != 2 || b != 2 {
		t.Errorf("%d logins and %d requests of /b, want 2 and 2", l, b)
	}
	if h := srv.LastHeader().Get("Authorization"); h != "Bearer sess-2" {
		t.Errorf("re-sent with Authorization %q, want the new session", h)
	}
}

func TestLoginPersistent401GivesUpAfterOneRenewal(t *testing.T) {
	t.Parallel()
	ss := &sessionServer{reject: true}
	srv := start(t, ss, false)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = loginAuth(false) })
	err := c.Get(context.Background(), "/me", nil)
	wantError(t, err, KindStatus, "GET "+srv.URL+"/me returned 401 Unauthorized (after 2 attempts)")
	if l, g := srv.Count("POST", "/login"), srv.Count("GET", "/me"); l != 2 || g != 2 {
		t.Errorf("%d logins and %d requests, want 2 and 2", l, g)
	}
}

func TestStaticHeader401IsFinal(t *testing.T) {
	t.Parallel()
	srv := start(t, &sessionServer{reject: true}, false)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = Header("Authorization", "Bearer wrong") })
	err := c.Get(context.Background(), "/me", nil)
	wantError(t, err, KindStatus, "GET "+srv.URL+"/me returned 401 Unauthorized")
	if n := srv.Count("GET", "/me"); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestLoginFailureIsTheError(t *testing.T) {
	t.Parallel()
	srv := start(t, &sessionServer{}, false)
	srv.Inject("/login", simulator.Fault{Status: 401, Body: `{"message":"bad password"}`})
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = loginAuth(false); cfg.DecodeError = decodeJSONError })
	err := c.Get(context.Background(), "/me", nil)
	wantError(t, err, KindStatus, "POST "+srv.URL+"/login returned 401 Unauthorized: bad password")
	if l, g := srv.Count("POST", "/login"), srv.Count("GET", "/me"); l != 1 || g != 0 {
		t.Errorf("%d logins and %d requests, want 1 and 0", l, g)
	}
}

// Requests that all fail with the same expired session share one new login:
// a server that accepts only its newest session would otherwise reject all
// but the last of N competing logins.
func TestConcurrent401sShareOneRenewal(t *testing.T) {
	t.Parallel()
	ss := &sessionServer{}
	srv := start(t, ss, false)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = loginAuth(false) })
	if err := c.Get(context.Background(), "/warm", nil); err != nil {
		t.Fatal(err)
	}
	ss.expire()
	var wg sync.WaitGroup
	errs := make([]error, 10)
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = c.Get(context.Background(), fmt.Sprintf("/r%d", i), nil) }()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("request %d: %v", i, err)
		}
	}
	if n := srv.Count("POST", "/login"); n != 2 {
		t.Errorf("%d logins, want 2 (the first and one renewal)", n)
	}
}

// TokenLogin reports an answer without the token field by name.
func TestTokenLoginWithoutToken(t *testing.T) {
	t.Parallel()
	srv := start(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		simulator.WriteJSON(w, http.StatusOK, map[string]string{"session": "x"})
	}), false)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = TokenLogin("/login?api_key=s3cr3t", "token", "alice", "pw") })
	err := c.Get(context.Background(), "/me", nil)
	wantError(t, err, KindMalformed, "POST "+srv.URL+"/login?api_key=REDACTED returned 200 with an unusable answer: the login answer has no token")
}

// TokenOr sends the token under the platform's scheme, and uses the login
// only when there is no token.
func TestTokenOr(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []string
	srv := start(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, r.Header.Get("Authorization"))
		simulator.WriteJSON(w, http.StatusOK, person{Name: "x"})
	}), false)
	login := Basic("u", "p")
	for _, cr := range []Credentials{{Token: "t0k"}, {Username: "u", Password: "p"}} {
		c := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = TokenOr("ApiKey", cr, login) })
		if _, err := GetAs[person](context.Background(), c, "/x"); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if want := []string{"ApiKey t0k", "Basic dTpw"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Authorization headers %q, want %q", got, want)
	}
}

// GetAs decodes into a fresh value, and returns nil with the error.
func TestGetAs(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("ada"), false)
	c := newTestClient(t, srv, nil)
	p, err := GetAs[person](context.Background(), c, "/me")
	if err != nil || p == nil || p.Name != "ada" || p.N != 1 {
		t.Fatalf("GetAs = %+v, %v", p, err)
	}
	srv.Inject("/gone", simulator.Fault{Status: http.StatusNotFound})
	if p, err := GetAs[person](context.Background(), c, "/gone"); p != nil || err == nil {
		t.Errorf("GetAs of a 404 = %+v, %v; want nil and an error", p, err)
	}
}
