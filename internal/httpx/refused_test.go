package httpx

import (
	"context"
	"crypto/tls"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// These tests cover failures no retry can change: each must be tried exactly
// once, with a message that says what to fix.

func TestRequestWithInvalidHeaderValueIsNeverSent(t *testing.T) {
	t.Parallel()
	const secret = "s3cret-token-from-a-file"
	for name, auth := range map[string]Authenticator{
		"trailing newline": Header("Authorization", "Bearer "+secret+"\n"),
		"embedded CR":      Header("Authorization", "Bearer "+secret+"\r\nX-Injected: 1"),
		"session token":    Login(func(context.Context, *Client) (string, error) { return "Bearer " + secret + "\x00", nil }),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := start(t, personHandler("alice"), false)
			var w waits
			err := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = auth; w.install(cfg) }).Get(context.Background(), "/me", nil)
			e := wantError(t, err, KindRequest,
				"GET "+srv.URL+"/me could not be sent: the value of the Authorization header contains a line break or another control character")
			if strings.Contains(err.Error(), secret) {
				t.Errorf("the error %q shows the secret", err)
			}
			if n := srv.Total(); n != 0 || e.Attempts != 1 || e.Retries != 0 || len(w.list()) != 0 {
				t.Errorf("%d requests reached the server, attempts %d, retries %d, waits %v; want 0, 1, 0, none", n, e.Attempts, e.Retries, w.list())
			}
			if got, want := e.RetrySummary(), "It was not retried: a retry cannot change an error like this."; got != want {
				t.Errorf("summary %q, want %q", got, want)
			}
		})
	}
}

func TestRequestWithInvalidHeaderNameIsNeverSent(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	err := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = Header("X Api Key", "k") }).Get(context.Background(), "/me", nil)
	e := wantError(t, err, KindRequest, "GET "+srv.URL+`/me could not be sent: "X Api Key" is not a valid header name`)
	if n := srv.Total(); n != 0 || e.Attempts != 1 {
		t.Errorf("%d requests reached the server, attempts %d", n, e.Attempts)
	}
}

// TestCheckHeadersMatchesHTTPClient checks checkHeaders against what
// http.Transport itself refuses before dialing, so that the early check
// neither lets through a request Go would refuse nor refuses one it would send.
func TestCheckHeadersMatchesHTTPClient(t *testing.T) {
	t.Parallel()
	// Nothing listens here, so a request Go accepts fails to connect instead.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/"
	l.Close()
	transport := &http.Transport{}
	t.Cleanup(transport.CloseIdleConnections)
	for _, c := range []struct{ name, value string }{
		{"Authorization", "Bearer abc"},
		{"Authorization", "Bearer\tabc"},
		{"Authorization", "Bearer äbc"},
		{"Authorization", ""},
		{"Authorization", "Bearer abc\n"},
		{"Authorization", "Bearer abc\r"},
		{"Authorization", "Bearer \x00abc"},
		{"Authorization", "Bearer \x7f"},
		{"X-Api_Key.1~!#$%&'*+^`|", "secret-value"},
		{"X Api", "secret-value"},
		{"X:Api", "secret-value"},
		{"X-Äpi", "secret-value"},
		{"", "secret-value"},
	} {
		h := http.Header{c.name: {c.value}}
		req, err := http.NewRequest(http.MethodGet, closed, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header = h
		_, goErr := transport.RoundTrip(req)
		goRefuses := goErr != nil && strings.HasPrefix(goErr.Error(), "net/http: invalid header field")
		err = checkHeaders(h)
		if (err != nil) != goRefuses {
			t.Errorf("checkHeaders(%q: %q) = %v; http.Transport: %v", c.name, c.value, err, goErr)
		}
		if err != nil && c.value != "" && strings.Contains(err.Error(), c.value) {
			t.Errorf("checkHeaders(%q: %q) quotes the value: %v", c.name, c.value, err)
		}
	}
}

// countingTLSServer serves HTTPS with cfg on 127.0.0.1 and counts the requests
// that reach its handler.
func countingTLSServer(t *testing.T, cfg *tls.Config) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"name":"alice"}`)
	}))
	srv.TLS = cfg
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // handshake failures are the point
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestTLSVersionMismatchIsNotRetried(t *testing.T) {
	t.Parallel()
	// The client requires TLS 1.2; this server offers only 1.0 and 1.1.
	srv, n := countingTLSServer(t, &tls.Config{MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11}) //nolint:gosec // the old versions are the test
	var w waits
	c, err := New(Config{Platform: "Test", BaseURL: srv.URL, Insecure: true, Timeout: 5 * time.Second, MaxRetries: 3, Sleep: w.sleep})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Get(context.Background(), "/me", nil)
	e := wantError(t, err, KindTLSHandshake,
		"GET "+srv.URL+"/me failed in the TLS handshake: remote error: tls: protocol version not supported; the provider requires TLS 1.2 or later")
	if n.Load() != 0 || e.Attempts != 1 || e.Retries != 0 || len(w.list()) != 0 {
		t.Errorf("%d requests reached the server, attempts %d, retries %d, waits %v; want 0, 1, 0, none", n.Load(), e.Attempts, e.Retries, w.list())
	}
	if got, want := e.RetrySummary(), "It was not retried: a retry cannot change an error like this."; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

func TestTLSHandshakeAlertIsNotRetried(t *testing.T) {
	t.Parallel()
	// A server that demands a client certificate refuses the handshake with an
	// alert; the next attempt would be refused the same way. TLS 1.2 because
	// there the alert ends the handshake; in 1.3 it races the first request.
	srv, n := countingTLSServer(t, &tls.Config{ClientAuth: tls.RequireAnyClientCert, MaxVersion: tls.VersionTLS12})
	var w waits
	c, err := New(Config{Platform: "Test", BaseURL: srv.URL, Insecure: true, Timeout: 5 * time.Second, MaxRetries: 3, Sleep: w.sleep})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Get(context.Background(), "/me", nil)
	e := wantError(t, err, KindTLSHandshake, "GET "+srv.URL+"/me failed in the TLS handshake: remote error: tls: handshake failure")
	if n.Load() != 0 || e.Attempts != 1 || len(w.list()) != 0 {
		t.Errorf("%d requests reached the server, attempts %d, waits %v", n.Load(), e.Attempts, w.list())
	}
}

func TestHTTPSToPlainHTTPServerIsNotRetried(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	endpoint := "https://" + strings.TrimPrefix(srv.URL, "http://")
	var w waits
	c, err := New(Config{Platform: "Test", BaseURL: endpoint, Timeout: 5 * time.Second, MaxRetries: 3, Sleep: w.sleep})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Get(context.Background(), "/me", nil)
	e := wantError(t, err, KindNotTLS, "GET "+endpoint+"/me failed: the server speaks plain HTTP, not HTTPS; use an http:// endpoint")
	if n := srv.Total(); n != 0 || e.Attempts != 1 || e.Retries != 0 || len(w.list()) != 0 {
		t.Errorf("%d requests reached the server, attempts %d, retries %d, waits %v; want 0, 1, 0, none", n, e.Attempts, e.Retries, w.list())
	}
	if got, want := e.RetrySummary(), "It was not retried: a retry cannot change an error like this."; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

func TestHTTPSToAServerThatSpeaksNeitherIsNotRetried(t *testing.T) {
	t.Parallel()
	// An SSH server, say: it greets first, in plain text that is not HTTP.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	var conns atomic.Int64
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			_, _ = io.WriteString(conn, "SSH-2.0-OpenSSH_9.6\r\n")
			conn.Close()
		}
	}()
	endpoint := "https://" + l.Addr().String()
	var w waits
	c, err := New(Config{Platform: "Test", BaseURL: endpoint, Timeout: 5 * time.Second, MaxRetries: 3, Sleep: w.sleep})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Get(context.Background(), "/me", nil)
	e := wantError(t, err, KindNotTLS, "GET "+endpoint+
		"/me failed: the server does not speak TLS (tls: first record does not look like a TLS handshake); check the endpoint's scheme and port")
	if n := conns.Load(); n != 1 || e.Attempts != 1 || len(w.list()) != 0 {
		t.Errorf("%d connections, attempts %d, waits %v; want 1, 1, none", n, e.Attempts, w.list())
	}
}
