package httpx

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

func TestTLSSelfSignedRejected(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), true)
	err := newTestClient(t, srv, nil).Get(context.Background(), "/me", new(person))
	wantError(t, err, KindTLS, "GET "+srv.URL+"/me failed: tls: failed to verify certificate: x509: certificate signed by unknown authority")
	if n := srv.Total(); n != 0 {
		t.Errorf("%d requests reached the server, want 0", n)
	}
}

func TestTLSSelfSignedTrustedWithCACertPEM(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), true)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.CACertPEM = srv.CACertPEM() })
	var got person
	if err := c.Get(context.Background(), "/me", &got); err != nil {
		t.Fatal(err)
	}
	if got.Name != "alice" {
		t.Errorf("decoded %+v", got)
	}
}

func TestTLSSelfSignedAcceptedWhenInsecure(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), true)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Insecure = true })
	if err := c.Get(context.Background(), "/me", new(person)); err != nil {
		t.Fatal(err)
	}
}

func TestTLSAnotherCAIsNotTrusted(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), true)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.CACertPEM = otherCA })
	err := c.Get(context.Background(), "/me", nil)
	if e, ok := AsError(err); !ok || e.Kind != KindTLS {
		t.Fatalf("error %v, want KindTLS", err)
	}
}

func TestNewRejectsInvalidCACertPEM(t *testing.T) {
	t.Parallel()
	for _, pem := range []string{"not a certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"} {
		_, err := New(Config{BaseURL: "https://q.example.com", CACertPEM: pem})
		if err == nil || err.Error() != "ca_cert_pem holds no PEM-encoded certificate" {
			t.Errorf("New with %q: %v", pem, err)
		}
		if err := ValidateCACertPEM(pem); err == nil || err.Error() != "ca_cert_pem holds no PEM-encoded certificate" {
			t.Errorf("ValidateCACertPEM(%q): %v", pem, err)
		}
	}
	if err := ValidateCACertPEM(otherCA); err != nil {
		t.Errorf("ValidateCACertPEM(a real certificate): %v", err)
	}
}

func TestNewRejectsNonHTTPURLs(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"", "q.example.com", "ftp://q.example.com", "https://", "://x"} {
		_, err := New(Config{BaseURL: u})
		if want := `"` + u + `" is not an http or https URL`; err == nil || err.Error() != want {
			t.Errorf("New(%q): %v, want %q", u, err, want)
		}
	}
}

// otherCA is a self-signed certificate unrelated to any test server.
const otherCA = `-----BEGIN CERTIFICATE-----
MIIBazCCARGgAwIBAgIBATAKBggqhkjOPQQDAjAcMRowGAYDVQQDExFVbnJlbGF0
ZWQgVGVzdCBDQTAgFw0yNDAxMDEwMDAwMDBaGA8yMTI0MDEwMTAwMDAwMFowHDEa
MBgGA1UEAxMRVW5yZWxhdGVkIFRlc3QgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMB
BwNCAARJpkwPIUwcE1hN5036OSqrYbyEXS21385Jd4EYCbuPFQZUvwlBlxk9myi1
R6Pkc6udMpNXEaYVkPYar+vpG4kto0IwQDAOBgNVHQ8BAf8EBAMCAgQwDwYDVR0T
AQH/BAUwAwEB/zAdBgNVHQ4EFgQU80go4IQhq86gxzoyoPEf7NJzAyIwCgYIKoZI
zj0EAwIDSAAwRQIgPQNkFYoFrBbPZykLttG8RNCohKPu358Q5ZNAoy76f1ACIQDq
ZwFNqhn9Ah/mBAAjiXXCCIx+sdGT8J2Ia3Hrv7mz7w==
-----END CERTIFICATE-----
`

// A platform's own proxy carries every request, whatever *_PROXY says.
func TestConfigProxy(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var hosts []string
	proxy := start(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hosts = append(hosts, r.URL.Host)
		mu.Unlock()
		simulator.WriteJSON(w, http.StatusOK, person{Name: "via proxy"})
	}), false)
	c, err := New(Config{Platform: "Test", BaseURL: "http://platform.invalid:9000", Timeout: 5 * time.Second, Proxy: proxy.URL})
	if err != nil {
		t.Fatal(err)
	}
	p, err := GetAs[person](context.Background(), c, "/me")
	if err != nil || p.Name != "via proxy" {
		t.Fatalf("GetAs = %+v, %v", p, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(hosts) != 1 || hosts[0] != "platform.invalid:9000" {
		t.Errorf("the proxy saw %q, want one request for platform.invalid:9000", hosts)
	}
	if _, err := New(Config{Platform: "Test", BaseURL: "http://x", Proxy: "::"}); err == nil ||
		err.Error() != "the proxy is not a URL such as http://proxy.example.com:3128" {
		t.Errorf("bad proxy: %v", err)
	}
}

// NoTimeout leaves a read bounded only by its caller's context.
func TestNoTimeout(t *testing.T) {
	t.Parallel()
	c, err := New(Config{Platform: "Test", BaseURL: "http://x", NoTimeout: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := c.WithTimeout(context.Background())
	defer cancel()
	if _, ok := ctx.Deadline(); ok {
		t.Error("a deadline with NoTimeout")
	}
}
