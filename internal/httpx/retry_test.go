package httpx

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"3", 3 * time.Second},
		{" 120 ", 120 * time.Second},
		{"-5", 0},
		{"soon", 0},
		{"1.5", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{now.Format(http.TimeFormat), 0},
		{"Tue, 32 Foo 2025 99:00:00 GMT", 0},
	}
	for _, c := range cases {
		if got := parseRetryAfter(c.in, now); got != c.want {
			t.Errorf("parseRetryAfter(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestBackoffBounds(t *testing.T) {
	t.Parallel()
	for _, base := range []time.Duration{5 * time.Millisecond, 250 * time.Millisecond, time.Hour} {
		for n := 0; n <= 40; n++ {
			full := base << min(n, 16)
			if full > maxBackoff {
				full = maxBackoff
			}
			for range 50 {
				if d := backoff(base, n); d < full/2 || d >= full {
					t.Fatalf("backoff(%s, %d) = %s, want within [%s, %s)", base, n, d, full/2, full)
				}
			}
		}
	}
}

func TestGetRetriesTransientStatusesThenSucceeds(t *testing.T) {
	t.Parallel()
	for _, status := range []int{500, 502, 503, 504, 429} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			srv := start(t, personHandler("alice"), false)
			srv.Inject("/me", simulator.Fault{Status: status}, simulator.Fault{Status: status, Body: `{"message":"busy"}`})
			var got person
			if err := newTestClient(t, srv, nil).Get(context.Background(), "/me", &got); err != nil {
				t.Fatal(err)
			}
			if got != (person{Name: "alice", N: 1}) {
				t.Errorf("decoded %+v", got)
			}
			if n := srv.Count("GET", "/me"); n != 3 {
				t.Errorf("%d requests, want 3", n)
			}
		})
	}
}

func TestGetDoesNotRetryClientErrors(t *testing.T) {
	t.Parallel()
	for _, status := range []int{400, 401, 403, 404} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			srv := start(t, personHandler("alice"), false)
			srv.Inject("/me", simulator.Fault{Status: status, Body: `{"message":"no","code":"E42"}`})
			c := newTestClient(t, srv, func(cfg *Config) { cfg.DecodeError = decodeJSONError })
			err := c.Get(context.Background(), "/me", nil)
			e := wantError(t, err, KindStatus, fmt.Sprintf("GET %s/me returned %d %s: no (E42)", srv.URL, status, http.StatusText(status)))
			if e.Attempts != 1 || e.Status != status || e.Platform != "Test" {
				t.Errorf("attempts %d, status %d, platform %q", e.Attempts, e.Status, e.Platform)
			}
			if n := srv.Count("GET", "/me"); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
}

func TestGetStatusErrorWithoutDecodableBody(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	srv.Inject("/me", simulator.Fault{Status: 449, Body: "retry with", ContentType: "text/plain"})
	err := newTestClient(t, srv, func(cfg *Config) { cfg.DecodeError = decodeJSONError }).Get(context.Background(), "/me", nil)
	e := wantError(t, err, KindStatus, "GET "+srv.URL+"/me returned 449")
	if e.Snippet != "retry with" {
		t.Errorf("snippet %q", e.Snippet)
	}
}

func TestGetMaxRetriesBound(t *testing.T) {
	t.Parallel()
	for _, maxRetries := range []int{0, 2} {
		t.Run(fmt.Sprint(maxRetries), func(t *testing.T) {
			t.Parallel()
			srv := start(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(http.StatusServiceUnavailable)
			}), false)
			c := newTestClient(t, srv, func(cfg *Config) { cfg.MaxRetries = maxRetries })
			err := c.Get(context.Background(), "/me", nil)
			want := "GET " + srv.URL + "/me returned 503 Service Unavailable"
			if maxRetries > 0 {
				want += fmt.Sprintf(" (after %d attempts)", maxRetries+1)
			}
			e := wantError(t, err, KindStatus, want)
			if n := srv.Count("GET", "/me"); n != maxRetries+1 || e.Attempts != n {
				t.Errorf("%d requests, %d attempts, want %d", n, e.Attempts, maxRetries+1)
			}
		})
	}
}

func TestGetHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	srv.Inject("/me", simulator.Fault{Status: 429, Header: map[string]string{"Retry-After": "1"}})
	if err := newTestClient(t, srv, nil).Get(context.Background(), "/me", nil); err != nil {
		t.Fatal(err)
	}
	at := srv.Arrivals("GET", "/me")
	if len(at) != 2 {
		t.Fatalf("%d requests, want 2", len(at))
	}
	if gap := at[1].Sub(at[0]); gap < time.Second {
		t.Errorf("retried after %s, want at least the 1s the server asked for", gap)
	}
}

func TestGetRetryAfterBeyondTimeoutFailsAtOnce(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	srv.Inject("/me", simulator.Fault{Status: 503, Header: map[string]string{"Retry-After": "30"}})
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Timeout = 2 * time.Second })
	began := time.Now()
	err := c.Get(context.Background(), "/me", nil)
	if took := time.Since(began); took > time.Second {
		t.Errorf("gave up after %s, want at once", took)
	}
	e := wantError(t, err, KindTimeout,
		"GET "+srv.URL+"/me did not complete within the timeout of 2s; the last answer was 503 Service Unavailable with Retry-After 30s")
	if e.Timeout != 2*time.Second || e.RetryAfter != 30*time.Second {
		t.Errorf("timeout %s, retry-after %s", e.Timeout, e.RetryAfter)
	}
	if n := srv.Count("GET", "/me"); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestGetHangingServerTimesOut(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	srv.Inject("/me", simulator.Fault{Hang: true})
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Timeout = 300 * time.Millisecond })
	began := time.Now()
	err := c.Get(context.Background(), "/me", nil)
	if took := time.Since(began); took < 300*time.Millisecond || took > 3*time.Second {
		t.Errorf("gave up after %s, want about 300ms", took)
	}
	wantError(t, err, KindTimeout, "GET "+srv.URL+"/me did not complete within the timeout of 300ms")
}

func TestGetRetriesBrokenConnections(t *testing.T) {
	t.Parallel()
	faults := map[string]simulator.Fault{
		"reset":    {Reset: true},
		"truncate": {Truncate: true, Body: `{"name":"truncated","n":99}`},
	}
	for name, fault := range faults {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := start(t, personHandler("alice"), false)
			srv.Inject("/me", fault)
			var got person
			if err := newTestClient(t, srv, nil).Get(context.Background(), "/me", &got); err != nil {
				t.Fatal(err)
			}
			if got != (person{Name: "alice", N: 1}) {
				t.Errorf("decoded %+v", got)
			}
			if n := srv.Count("GET", "/me"); n != 2 {
				t.Errorf("%d requests, want 2", n)
			}
		})
	}
}

func TestGetBrokenConnectionWithoutRetries(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	srv.Inject("/me", simulator.Fault{Truncate: true, Body: `{"name":"truncated"}`})
	err := newTestClient(t, srv, func(cfg *Config) { cfg.MaxRetries = 0 }).Get(context.Background(), "/me", nil)
	e := wantError(t, err, KindConnection, "GET "+srv.URL+"/me failed: unexpected EOF")
	if e.Status != 200 {
		t.Errorf("status %d, want 200", e.Status)
	}
}
