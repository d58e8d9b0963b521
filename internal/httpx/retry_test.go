package httpx

import (
	"context"
	"fmt"
	"net"
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
		// Past a day, or past what a time.Duration holds, it is a day, not an
		// overflowed product (18446744074s once wrapped to 0.29s).
		{"86400", 24 * time.Hour},
		{"86401", 24 * time.Hour},
		{"18446744074", 24 * time.Hour},
		{"99999999999999999999999", 24 * time.Hour},
		{now.Add(48 * time.Hour).Format(http.TimeFormat), 24 * time.Hour},
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
			var w waits
			var got person
			if err := newTestClient(t, srv, w.install).Get(context.Background(), "/me", &got); err != nil {
				t.Fatal(err)
			}
			if got != (person{Name: "alice", N: 1}) {
				t.Errorf("decoded %+v", got)
			}
			if n := srv.Count("GET", "/me"); n != 3 {
				t.Errorf("%d requests, want 3", n)
			}
			wantBackoffWaits(t, w.list(), 5*time.Millisecond, 2)
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
			if e.Attempts != 1 || e.Status != status {
				t.Errorf("attempts %d, status %d", e.Attempts, e.Status)
			}
			if n := srv.Count("GET", "/me"); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
			if e.Retries != 0 || e.Retryable() {
				t.Errorf("retries %d, retryable %t", e.Retries, e.Retryable())
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
			var w waits
			c := newTestClient(t, srv, func(cfg *Config) { cfg.MaxRetries = maxRetries; w.install(cfg) })
			err := c.Get(context.Background(), "/me", nil)
			want := "GET " + srv.URL + "/me returned 503 Service Unavailable"
			if maxRetries > 0 {
				want += fmt.Sprintf(" (after %d attempts)", maxRetries+1)
			}
			e := wantError(t, err, KindStatus, want)
			if n := srv.Count("GET", "/me"); n != maxRetries+1 || e.Attempts != n {
				t.Errorf("%d requests, %d attempts, want %d", n, e.Attempts, maxRetries+1)
			}
			if e.Retries != maxRetries || e.MaxRetries != maxRetries {
				t.Errorf("retries %d of %d, want %d", e.Retries, e.MaxRetries, maxRetries)
			}
			wantSummary := "It was not retried: max_retries is 0."
			if maxRetries > 0 {
				wantSummary = "It was retried 2 times, the most max_retries allows: the provider retries a connection error or a 429, 500, 502, 503 or 504 answer."
			}
			if got := e.RetrySummary(); got != wantSummary {
				t.Errorf("summary\n got %q\nwant %q", got, wantSummary)
			}
			wantBackoffWaits(t, w.list(), 5*time.Millisecond, maxRetries)
		})
	}
}

// TestGetHonoursRetryAfter is the one test that really waits, to prove the
// real timer honours Retry-After end to end; the others use a fake Sleep.
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
	var w waits
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Timeout = 2 * time.Second; w.install(cfg) })
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
	// The policy, not the Sleep hook, refuses a wait past the deadline.
	if got := w.list(); len(got) != 0 {
		t.Errorf("asked to wait %v, want no wait", got)
	}
	if got, want := e.RetrySummary(), "It was not retried before the timeout ran out."; got != want {
		t.Errorf("summary %q, want %q", got, want)
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
			var w waits
			var got person
			if err := newTestClient(t, srv, w.install).Get(context.Background(), "/me", &got); err != nil {
				t.Fatal(err)
			}
			if got != (person{Name: "alice", N: 1}) {
				t.Errorf("decoded %+v", got)
			}
			if n := srv.Count("GET", "/me"); n != 2 {
				t.Errorf("%d requests, want 2", n)
			}
			wantBackoffWaits(t, w.list(), 5*time.Millisecond, 1)
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
	if got, want := e.RetrySummary(), "It was not retried: max_retries is 0."; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

// wantBackoffWaits checks that got is n jittered exponential waits from base:
// wait i within [base·2ⁱ/2, base·2ⁱ).
func wantBackoffWaits(t *testing.T, got []time.Duration, base time.Duration, n int) {
	t.Helper()
	if len(got) != n {
		t.Fatalf("asked to wait %v, want %d waits", got, n)
	}
	for i, d := range got {
		if full := base << i; d < full/2 || d >= full {
			t.Errorf("wait %d is %s, want within [%s, %s)", i, d, full/2, full)
		}
	}
}

func TestGetWaitsWhatRetryAfterAsks(t *testing.T) {
	t.Parallel()
	now := time.Now()
	for name, value := range map[string]string{
		"seconds": "2",
		// An HTTP date is read against the clock, so allow for the time the test takes.
		"date": now.Add(90 * time.Second).UTC().Format(http.TimeFormat),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := start(t, personHandler("alice"), false)
			srv.Inject("/me", simulator.Fault{Status: 503, Header: map[string]string{"Retry-After": value}})
			var w waits
			c := newTestClient(t, srv, func(cfg *Config) { cfg.Timeout = 5 * time.Minute; w.install(cfg) })
			if err := c.Get(context.Background(), "/me", nil); err != nil {
				t.Fatal(err)
			}
			got := w.list()
			if len(got) != 1 {
				t.Fatalf("asked to wait %v, want one wait", got)
			}
			want := 2 * time.Second
			if name == "date" {
				want = 90 * time.Second
			}
			if got[0] > want || got[0] < want-5*time.Second {
				t.Errorf("asked to wait %s, want %s", got[0], want)
			}
			if n := srv.Count("GET", "/me"); n != 2 {
				t.Errorf("%d requests, want 2", n)
			}
		})
	}
}

func TestGetRetryAfterOnlyForRetriedStatuses(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	srv.Inject("/me", simulator.Fault{Status: 501, Header: map[string]string{"Retry-After": "1"}})
	var w waits
	err := newTestClient(t, srv, w.install).Get(context.Background(), "/me", nil)
	e := wantError(t, err, KindStatus, "GET "+srv.URL+"/me returned 501 Not Implemented")
	if got := w.list(); len(got) != 0 || e.Attempts != 1 {
		t.Errorf("waits %v, attempts %d, want none and 1", got, e.Attempts)
	}
}

func TestGetDoesNotRetryOtherServerErrors(t *testing.T) {
	t.Parallel()
	for _, status := range []int{501, 505} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			srv := start(t, personHandler("alice"), false)
			srv.Inject("/me", simulator.Fault{Status: status})
			var w waits
			err := newTestClient(t, srv, w.install).Get(context.Background(), "/me", nil)
			e := wantError(t, err, KindStatus, fmt.Sprintf("GET %s/me returned %d %s", srv.URL, status, http.StatusText(status)))
			if n := srv.Count("GET", "/me"); n != 1 || e.Attempts != 1 || e.Retries != 0 || e.MaxRetries != 3 {
				t.Errorf("%d requests, attempts %d, retries %d of %d", n, e.Attempts, e.Retries, e.MaxRetries)
			}
			want := "It was not retried: the provider retries only a connection error or a 429, 500, 502, 503 or 504 answer."
			if got := e.RetrySummary(); got != want {
				t.Errorf("summary\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestGetRetriesRefusedConnections(t *testing.T) {
	t.Parallel()
	// A port that was just closed refuses connections.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	var w waits
	c, err := New(Config{Platform: "Test", BaseURL: "http://" + addr, Timeout: 5 * time.Second, MaxRetries: 3, BackoffBase: 40 * time.Millisecond, Sleep: w.sleep})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Get(context.Background(), "/me", nil)
	e := wantError(t, err, KindConnection,
		"GET http://"+addr+"/me failed: dial tcp "+addr+": connect: connection refused (after 4 attempts)")
	if e.Attempts != 4 || e.Retries != 3 {
		t.Errorf("attempts %d, retries %d, want 4 and 3", e.Attempts, e.Retries)
	}
	wantBackoffWaits(t, w.list(), 40*time.Millisecond, 3)
	want := "It was retried 3 times, the most max_retries allows: the provider retries a connection error or a 429, 500, 502, 503 or 504 answer."
	if got := e.RetrySummary(); got != want {
		t.Errorf("summary\n got %q\nwant %q", got, want)
	}
}

func TestGetTimeoutAfterRetries(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	srv.Inject("/me", simulator.Fault{Status: 502}, simulator.Fault{Status: 502},
		simulator.Fault{Status: 429, Header: map[string]string{"Retry-After": "60"}})
	var w waits
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Timeout = 10 * time.Second; w.install(cfg) })
	err := c.Get(context.Background(), "/me", nil)
	e := wantError(t, err, KindTimeout,
		"GET "+srv.URL+"/me did not complete within the timeout of 10s; the last answer was 429 Too Many Requests with Retry-After 1m0s (after 3 attempts)")
	if e.Attempts != 3 || e.Retries != 2 {
		t.Errorf("attempts %d, retries %d, want 3 and 2", e.Attempts, e.Retries)
	}
	wantBackoffWaits(t, w.list(), 5*time.Millisecond, 2)
	if got, want := e.RetrySummary(), "It was retried 2 times before the timeout ran out."; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

func TestGetRenewedSessionIsNotARetry(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	srv.Inject("/me", simulator.Fault{Status: 401}, simulator.Fault{Status: 401})
	logins := 0
	auth := Login(func(context.Context, *Client) (string, error) {
		logins++
		return fmt.Sprintf("Bearer session-%d", logins), nil
	})
	var w waits
	err := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = auth; w.install(cfg) }).Get(context.Background(), "/me", nil)
	e := wantError(t, err, KindStatus, "GET "+srv.URL+"/me returned 401 Unauthorized (after 2 attempts)")
	if e.Attempts != 2 || e.Retries != 0 || logins != 2 || len(w.list()) != 0 {
		t.Errorf("attempts %d, retries %d, logins %d, waits %v", e.Attempts, e.Retries, logins, w.list())
	}
	want := "It was not retried: the provider retries only a connection error or a 429, 500, 502, 503 or 504 answer."
	if got := e.RetrySummary(); got != want {
		t.Errorf("summary\n got %q\nwant %q", got, want)
	}
}
