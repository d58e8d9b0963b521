// Package simtest checks what a simulator package's Platform claims about its
// demo accounts, by reading each through the provider's own client for the
// platform: the accounts authenticate, the who-am-i answer carries the ID and
// Name the Platform states, and a current_user read costs its Requests. The
// simulator packages' tests share it, so that each states only its facts.
package simtest

import (
	"context"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// Client is the platform package's client, as CheckPlatform needs it.
type Client struct {
	// Name is how messages name the platform; Auth and DecodeError are the
	// platform package's Authenticator and DecodeError.
	Name        string
	Auth        func(httpx.Credentials) httpx.Authenticator
	DecodeError func(body []byte, header http.Header) (string, []string)
	// User does the requests of a current_user read and returns the caller's
	// id and name.
	User func(ctx context.Context, hc *httpx.Client) (id, name string, err error)
}

// CheckPlatform reads every demo account of p (Token, Login and each of
// Accounts) from a fresh p.New(), and the Token account from a fresh
// BenchHandler too, checking each against what p states.
func CheckPlatform(t *testing.T, p simulator.Platform, c Client) {
	t.Helper()
	if p.Token.Token == "" || p.Token.Username != "" || p.Token.Password != "" {
		t.Errorf("Token account %+v: want a token and no username or password", p.Token)
	}
	if p.Login.Token != "" || p.Login.Username == "" || p.Login.Password == "" {
		t.Errorf("Login account %+v: want a username and password and no token", p.Login)
	}
	accounts := map[string]simulator.Identity{"Token": p.Token, "Login": p.Login}
	for name, id := range p.Accounts {
		accounts["Accounts/"+name] = id
	}
	names := make([]string, 0, len(accounts))
	for name := range accounts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) { checkAccount(t, p, p.New(), accounts[name], c) })
	}
	t.Run("Bench/Token", func(t *testing.T) { checkAccount(t, p, p.BenchHandler(), p.Token, c) })
}

// checkAccount reads id once through c from a server of handler.
func checkAccount(t *testing.T, p simulator.Platform, handler http.Handler, id simulator.Identity, c Client) {
	t.Helper()
	srv := simulator.Start(handler, simulator.Options{})
	t.Cleanup(srv.Close)
	hc, err := httpx.New(httpx.Config{Platform: c.Name, BaseURL: srv.URL, Auth: c.Auth(httpx.Credentials{
		Token: id.Token, Username: id.Username, Password: id.Password}), DecodeError: c.DecodeError})
	if err != nil {
		t.Fatal(err)
	}
	gotID, gotName, err := c.User(context.Background(), hc)
	if err != nil {
		t.Fatalf("current_user read: %v (requests %v)", err, srv.Counts())
	}
	if gotID != id.ID || gotName != id.Name {
		t.Errorf("who-am-i answered id %q, name %q; the Platform says id %q, name %q", gotID, gotName, id.ID, id.Name)
	}
	counts := srv.Counts()
	logins := 0
	if p.LoginPath != "" {
		logins = counts[http.MethodPost+" "+p.LoginPath]
	}
	wantLogins := 0
	if id.Token == "" && p.LoginPath != "" {
		wantLogins = 1
	}
	if logins != wantLogins {
		t.Errorf("%d logins at POST %s, want %d", logins, p.LoginPath, wantLogins)
	}
	if n := counts[http.MethodGet+" "+p.UserPath]; n != 1 {
		t.Errorf("%d requests to GET %s (UserPath), want 1", n, p.UserPath)
	}
	if got := srv.Total() - logins; got != id.Requests {
		t.Errorf("a current_user read cost %d requests besides the login, the Platform says %d: %v", got, id.Requests, counts)
	}
	for key := range counts {
		if !strings.HasPrefix(key, http.MethodGet+" ") && (p.LoginPath == "" || key != http.MethodPost+" "+p.LoginPath) {
			t.Errorf("request %s: only GETs and the login POST may reach a platform", key)
		}
	}
}

// Facts is a Platform without its functions: what the tests, the demo and
// the benchmark rely on, and what the provider's tests assert.
type Facts struct {
	Key                 string
	Token, Login        simulator.Identity
	Accounts            map[string]simulator.Identity
	LoginPath, UserPath string
	// Required is Bench.Required; Cost is Bench.Cost of it.
	Required []string
	Cost     simulator.Cost
}

// CheckFacts fails t unless p states exactly want, so that a change to a demo
// account shows up here first, beside the fixture, and not only in the
// provider's tests.
func CheckFacts(t *testing.T, p simulator.Platform, want Facts) {
	t.Helper()
	got := Facts{Key: p.Key, Token: p.Token, Login: p.Login, Accounts: p.Accounts, LoginPath: p.LoginPath, UserPath: p.UserPath,
		Required: p.Bench.Required}
	if p.Bench.Cost != nil {
		got.Cost = p.Bench.Cost(p.Bench.Required)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Platform\n got %+v\nwant %+v", got, want)
	}
}

// Str is *p, or "" for nil: who-am-i fields are pointers in the platform
// packages' types.
func Str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
