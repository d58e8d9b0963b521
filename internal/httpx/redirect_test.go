package httpx

import (
	"context"
	"net/http"
	"testing"
)

func TestGetRefusesRedirectToAnotherHost(t *testing.T) {
	t.Parallel()
	other := start(t, personHandler("elsewhere"), false)
	srv := start(t, http.RedirectHandler(other.URL+"/me", http.StatusFound), false)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = Header("Authorization", "Bearer s3cr3t") })
	err := c.Get(context.Background(), "/me", new(person))
	wantError(t, err, KindRedirect, "GET "+srv.URL+"/me failed: refused a redirect to "+other.URL+"; point the endpoint at the final address")
	if n := other.Total(); n != 0 {
		t.Errorf("the other host received %d requests, want 0", n)
	}
	if n := srv.Count("GET", "/me"); n != 1 {
		t.Errorf("%d requests, want 1 (a refused redirect is not retried)", n)
	}
}

func TestGetFollowsSameHostRedirect(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("/old", http.RedirectHandler("/new", http.StatusMovedPermanently))
	mux.Handle("/new", personHandler("moved"))
	srv := start(t, mux, false)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = Header("Authorization", "Bearer s3cr3t") })
	var got person
	if err := c.Get(context.Background(), "/old", &got); err != nil {
		t.Fatal(err)
	}
	if got.Name != "moved" {
		t.Errorf("decoded %+v", got)
	}
	if o, n := srv.Count("GET", "/old"), srv.Count("GET", "/new"); o != 1 || n != 1 {
		t.Errorf("/old %d, /new %d requests, want 1 and 1", o, n)
	}
	if h := srv.LastHeader().Get("Authorization"); h != "Bearer s3cr3t" {
		t.Errorf("the redirected request carried Authorization %q", h)
	}
}

func TestGetStopsAfterFiveRedirects(t *testing.T) {
	t.Parallel()
	srv := start(t, http.RedirectHandler("/loop", http.StatusFound), false)
	err := newTestClient(t, srv, nil).Get(context.Background(), "/loop", nil)
	wantError(t, err, KindRedirect, "GET "+srv.URL+"/loop failed: stopped after 5 redirects")
	if n := srv.Count("GET", "/loop"); n != 5 {
		t.Errorf("%d requests, want 5: the first and four followed redirects", n)
	}
}
