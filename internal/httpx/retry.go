package httpx

import (
	"context"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// maxBackoff caps one wait between attempts; the overall timeout caps the sum.
const maxBackoff = 10 * time.Second

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
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := time.Parse(time.RFC1123, v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// sleep waits d unless ctx ends first or would end before d elapses; it
// reports whether the wait completed. Giving up early when the deadline is
// nearer than the wait turns a hopeless wait into an immediate, clear error.
func sleep(ctx context.Context, d time.Duration) bool {
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		return false
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
