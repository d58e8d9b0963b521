package httpx

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// What the retry policy says of itself: the retried set in words, and the
// one sentence an error carries on whether it was retried.

func TestRetriedDescription(t *testing.T) {
	t.Parallel()
	if got, want := RetriedDescription(), "a connection error or a 429, 500, 502, 503 or 504 answer"; got != want {
		t.Errorf("RetriedDescription() = %q, want %q", got, want)
	}
	if got, want := RetriedStatusList("and"), "429, 500, 502, 503 and 504"; got != want {
		t.Errorf("RetriedStatusList(and) = %q, want %q", got, want)
	}
	for _, c := range []struct {
		words []string
		want  string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a or b"},
		{[]string{"a", "b", "c"}, "a, b or c"},
	} {
		if got := englishList(c.words, "or"); got != c.want {
			t.Errorf("englishList(%q) = %q, want %q", c.words, got, c.want)
		}
	}
}

func TestRetryableFollowsRetriedStatuses(t *testing.T) {
	t.Parallel()
	for status := 100; status < 600; status++ {
		want := status == 429 || status == 500 || status == 502 || status == 503 || status == 504
		if got := (&Error{Kind: KindStatus, Status: status}).Retryable(); got != want || IsRetriedStatus(status) != want {
			t.Errorf("status %d: Retryable %t, IsRetriedStatus %t, want %t", status, got, IsRetriedStatus(status), want)
		}
	}
	for kind, want := range map[Kind]bool{
		KindConnection: true, KindTimeout: false, KindTLS: false, KindTLSHandshake: false, KindNotTLS: false,
		KindRequest: false, KindRedirect: false, KindNotJSON: false, KindMalformed: false, KindTooLarge: false,
	} {
		if got := (&Error{Kind: kind, Status: 503}).Retryable(); got != want {
			t.Errorf("kind %d: Retryable %t, want %t", kind, got, want)
		}
	}
}

func TestRetrySummary(t *testing.T) {
	t.Parallel()
	const retried = "the provider retries a connection error or a 429, 500, 502, 503 or 504 answer."
	cases := []struct {
		name string
		e    Error
		want string
	}{
		{"exhausted", Error{Kind: KindStatus, Status: 503, Attempts: 4, Retries: 3, MaxRetries: 3},
			"It was retried 3 times, the most max_retries allows: " + retried},
		{"exhausted once", Error{Kind: KindConnection, Attempts: 2, Retries: 1, MaxRetries: 1},
			"It was retried once, the most max_retries allows: " + retried},
		{"max_retries 0", Error{Kind: KindStatus, Status: 429, Attempts: 1},
			"It was not retried: max_retries is 0."},
		{"status never retried", Error{Kind: KindStatus, Status: 505, Attempts: 1, MaxRetries: 3},
			"It was not retried: the provider retries only a connection error or a 429, 500, 502, 503 or 504 answer."},
		{"status never retried, max_retries 0", Error{Kind: KindStatus, Status: 404, Attempts: 1},
			"It was not retried: the provider retries only a connection error or a 429, 500, 502, 503 or 504 answer."},
		{"request refused", Error{Kind: KindRequest, Attempts: 1, MaxRetries: 3},
			"It was not retried: a retry cannot change an error like this."},
		{"handshake", Error{Kind: KindTLSHandshake, Attempts: 1, MaxRetries: 3},
			"It was not retried: a retry cannot change an error like this."},
		{"timeout first", Error{Kind: KindTimeout, Attempts: 1, MaxRetries: 3},
			"It was not retried before the timeout ran out."},
		{"timeout after one", Error{Kind: KindTimeout, Attempts: 2, Retries: 1, MaxRetries: 3},
			"It was retried once before the timeout ran out."},
		{"timeout after some", Error{Kind: KindTimeout, Attempts: 3, Retries: 2, MaxRetries: 3},
			"It was retried 2 times before the timeout ran out."},
		{"built elsewhere", Error{Kind: KindConnection, Attempts: 2, Retries: 1, MaxRetries: 3},
			"It was retried once."},
	}
	for _, c := range cases {
		if got := c.e.RetrySummary(); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// A platform can say an answer of a retried status is final: it is sent once,
// and the error says why it was not retried.
func TestFinalAnswersAreNotRetried(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("x"), false)
	srv.Inject("/me", simulator.Fault{Status: http.StatusInternalServerError, Body: `{"message":"Current configuration is invalid for this endpoint"}`})
	c := newTestClient(t, srv, func(cfg *Config) {
		cfg.DecodeError = decodeJSONError
		cfg.Final = func(e *Error) bool {
			return e.Status == http.StatusInternalServerError && strings.Contains(e.Message, "invalid for this endpoint")
		}
	})
	e := wantError(t, c.Get(context.Background(), "/me", nil), KindStatus,
		fmt.Sprintf("GET %s/me returned 500 Internal Server Error: Current configuration is invalid for this endpoint", srv.URL))
	if n := srv.Count("GET", "/me"); n != 1 || !e.Final || e.Retryable() {
		t.Errorf("%d requests, final %t, retryable %t; want 1, true, false", n, e.Final, e.Retryable())
	}
	if got, want := e.RetrySummary(), "It was not retried: this answer does not change when the request is sent again."; got != want {
		t.Errorf("RetrySummary = %q, want %q", got, want)
	}
}
