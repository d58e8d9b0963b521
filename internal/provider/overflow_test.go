package provider

import (
	"net/http"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// A Retry-After too large for a time.Duration once overflowed into a wait
// of 0.29s and three quick retries; it is a day now, beyond any timeout, so
// the request fails at once saying what the server asked.
func TestOverflow_retryAfterBeyondAnyTimeout(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject(whoAmI, simulator.Fault{Status: http.StatusTooManyRequests, Header: map[string]string{"Retry-After": "18446744074"},
		Body: qumuloErrorBody("http_too_many_requests_error", "Slow down")})
	expectPlanError(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL), `timeout = "5s"`)+qumuloMe,
		diagnostic("Qumulo asked to wait longer than the timeout",
			`GET `+srv.URL+`/v1/session/who-am-i did not complete within the timeout of 5s; the last answer was 429 Too Many Requests with Retry-After 24h0m0s`),
		withRealSleep())
	if got := srv.Count(http.MethodGet, whoAmI); got != 1 {
		t.Errorf("who-am-i requests = %d, want 1", got)
	}
}

// A timeout of more than a day, as seconds or as a duration too large to
// hold, is refused saying so, not called "not a duration".
func TestOverflow_timeoutOfMoreThanADay(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"9999999999", "86401", "25h", "9999999999h"} {
		expectPlanError(t, providerBlock("qumulo", assign("endpoint", "https://qumulo.example.com"), assign("access_token", "x"), assign("timeout", v))+qumuloMe,
			diagnostic("Invalid Qumulo timeout", `qumulo.timeout: "`+v+`" is more than a day: use at most "24h" (86400 seconds), or "0" for no limit.`))
	}
}
