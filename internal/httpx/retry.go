package httpx

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file is the whole retry policy: which failures are sent again, how long
// to wait first, when to stop, and the words that describe it. The request
// loop in exchange.go only asks retryPolicy.next, and the provider generates
// its schema description, README and advice from RetriedStatuses,
// RetriedDescription and Error.RetrySummary, so the behaviour and its
// documentation cannot drift apart.

// RetriedStatuses are the HTTP statuses after which a request is sent again:
// rate limiting (429) and the server-side failures a proxy or a restarting
// server produces (500, 502, 503, 504). Any other status is final, as is an
// error no retry can change (see Error.Retryable). Connection errors are
// retried too. Read it, do not modify it: the policy reads this very slice.
var RetriedStatuses = []int{429, 500, 502, 503, 504}

// IsRetriedStatus reports whether an answer with status is sent again.
func IsRetriedStatus(status int) bool { return slices.Contains(RetriedStatuses, status) }

// RetriedStatusList is RetriedStatuses as an English list joined with
// conjunction ("or", "and"): "429, 500, 502, 503 or 504".
func RetriedStatusList(conjunction string) string {
	words := make([]string, len(RetriedStatuses))
	for i, s := range RetriedStatuses {
		words[i] = strconv.Itoa(s)
	}
	return englishList(words, conjunction)
}

// RetriedDescription says what is retried, for a sentence such as "Retries
// after " + RetriedDescription() + ".": "a connection error or a 429, 500,
// 502, 503 or 504 answer".
func RetriedDescription() string {
	return "a connection error or a " + RetriedStatusList("or") + " answer"
}

// englishList joins words as English does: "a", "a or b", "a, b or c".
func englishList(words []string, conjunction string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conjunction + " " + words[len(words)-1]
}

// Retryable reports whether the policy sends a request again after a failure
// like e: a connection error or a status in RetriedStatuses. Everything else
// is final because a retry would fail the same way: other statuses, a request
// the client refuses to send, certificate and TLS handshake failures, a server
// that does not speak TLS, a refused redirect, an unusable body. A timeout is
// final because it ends the budget the retries share.
func (e *Error) Retryable() bool {
	if e.Final {
		return false
	}
	switch e.Kind {
	case KindConnection:
		return true
	case KindStatus:
		return IsRetriedStatus(e.Status)
	}
	return false
}

// RetrySummary is one sentence on whether and how often the failed request
// was retried, for a diagnostic's detail, so that advice never claims retries
// that did not happen:
//
//   - "It was retried 3 times, the most max_retries allows: the provider
//     retries a connection error or a 429, 500, 502, 503 or 504 answer."
//   - "It was not retried: max_retries is 0."
//   - "It was not retried: the provider retries only a connection error or a
//     429, 500, 502, 503 or 504 answer." (any other status)
//   - "It was not retried: a retry cannot change an error like this." (TLS,
//     a request the client refuses to send, a body that is not JSON, …)
//   - "It was retried 2 times before the timeout ran out." / "It was not
//     retried before the timeout ran out."
func (e *Error) RetrySummary() string { return e.RetrySummaryFor("max_retries") }

// RetrySummaryFor is RetrySummary naming the retry limit as setting (the
// variable that set it, say) instead of max_retries.
func (e *Error) RetrySummaryFor(setting string) string {
	switch {
	case e.Kind == KindTimeout:
		return "It was " + retriedTimes(e.Retries) + " before the timeout ran out."
	case e.Final:
		return "It was not retried: this answer does not change when the request is sent again."
	case !e.Retryable() && e.Kind == KindStatus:
		return "It was not retried: the provider retries only " + RetriedDescription() + "."
	case !e.Retryable():
		return "It was not retried: a retry cannot change an error like this."
	case e.Retries == 0 && e.MaxRetries == 0:
		return "It was not retried: " + setting + " is 0."
	case e.Retries >= e.MaxRetries:
		return "It was " + retriedTimes(e.Retries) + ", the most " + setting + " allows: the provider retries " + RetriedDescription() + "."
	}
	// Not produced by the request loop, which stops only at the limit or the
	// timeout; kept truthful for an Error built elsewhere.
	return "It was " + retriedTimes(e.Retries) + "."
}

func retriedTimes(n int) string {
	switch n {
	case 0:
		return "not retried"
	case 1:
		return "retried once"
	}
	return fmt.Sprintf("retried %d times", n)
}

// Defaults for Config fields that tune retries.
const (
	defaultBackoffBase = 250 * time.Millisecond
	// maxBackoff caps one wait between attempts; the overall timeout caps the sum.
	maxBackoff = 10 * time.Second
	// maxRetryAfter caps a server's Retry-After: a longer wait fails at once
	// against any timeout (at most a day) all the same.
	maxRetryAfter = 24 * time.Hour
)

// retryPolicy decides, after each failed attempt, whether the request is sent
// again and how long to wait first.
type retryPolicy struct {
	// max is how many retries may follow the first attempt (max_retries).
	max int
	// base is the first backoff delay; each retry doubles it.
	base time.Duration
	// timeout is the budget the attempts and waits share, named in the error
	// when a wait would exceed it.
	timeout time.Duration
	// sleep waits; tests replace it so that waits cost no wall time.
	sleep func(ctx context.Context, d time.Duration) bool
	// final is the platform's word that a failure no retry changes.
	final func(*Error) bool
}

// newRetryPolicy applies the defaults for cfg's retry fields.
func newRetryPolicy(cfg Config) retryPolicy {
	p := retryPolicy{max: max(cfg.MaxRetries, 0), base: cfg.BackoffBase, timeout: cfg.Timeout, sleep: cfg.Sleep, final: cfg.Final}
	if p.base <= 0 {
		p.base = defaultBackoffBase
	}
	if p.sleep == nil {
		p.sleep = sleep
	}
	return p
}

// next is asked after every failed attempt, retries being how many retries
// have been made so far. It records the retry count on failure, then either
// waits and returns nil (send the request again) or returns the error to give
// the caller: failure itself when it is final or retries are exhausted, or a
// timeout error when the wait would not end before ctx's deadline. Giving up
// at once then turns a hopeless wait into an immediate, clear error, whatever
// Sleep hook is installed.
func (p retryPolicy) next(ctx context.Context, failure *Error, retries int) *Error {
	failure.Retries, failure.MaxRetries = retries, p.max
	if p.final != nil && failure.Kind == KindStatus && p.final(failure) {
		failure.Final = true
	}
	if !failure.Retryable() || retries >= p.max {
		return failure
	}
	wait := p.delay(failure, retries)
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
		return p.timedOut(failure)
	}
	if !p.sleep(ctx, wait) {
		return p.timedOut(failure)
	}
	return nil
}

// delay is the wait before retry number n (from 0): what the server asked for
// in Retry-After, otherwise a jittered exponential backoff.
func (p retryPolicy) delay(failure *Error, n int) time.Duration {
	if failure.RetryAfter > 0 {
		return failure.RetryAfter
	}
	return backoff(p.base, n)
}

// timedOut reports that the budget ran out while waiting to retry last; it
// keeps last's status and Retry-After so the message says what was awaited.
func (p retryPolicy) timedOut(last *Error) *Error {
	e := *last
	e.Kind = KindTimeout
	e.Timeout = p.timeout
	return &e
}

// backoff is the jittered exponential delay before retry number n (from 0):
// base·2ⁿ, scaled by a random factor in [0.5, 1) so that many plans started
// together do not retry in step.
func backoff(base time.Duration, n int) time.Duration {
	d := base << min(n, 16)
	if d <= 0 || d > maxBackoff {
		d = maxBackoff
	}
	return time.Duration(float64(d) * (0.5 + rand.Float64()/2))
}

// parseRetryAfter reads either form of Retry-After: delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if strings.Trim(v, "0123456789") == "" {
		// Delay-seconds: beyond maxRetryAfter (or beyond what an integer
		// holds) it is maxRetryAfter, never a product that overflows into a
		// short wait.
		secs, err := strconv.ParseUint(v, 10, 64)
		if err != nil || secs > uint64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := time.Parse(time.RFC1123, v); err == nil {
		if d := t.Sub(now); d > 0 {
			return min(d, maxRetryAfter)
		}
	}
	return 0
}

// sleep is the real wait: d, or less when ctx ends first. It reports whether
// the wait completed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
