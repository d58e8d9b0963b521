package provider

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

// The fault suite, each case through one real terraform plan. What no
// platform code takes part in (retries, timeouts, unusable answers,
// redirects; TLS is in qumulo_errors_test.go) runs on Qumulo alone:
// internal/httpx tests the rest. Session renewal runs on every platform.

// qumuloWho reads the Qumulo demo token account at srv with extra attributes.
func qumuloWho(srv *simulator.Server, extra ...string) string {
	return whoConfig("qumulo", append([]string{tokenAttrs("qumulo", srv.URL)}, extra...)...)
}

func TestFaults_transientFailuresAreRetried(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		fault simulator.Fault
		wait  time.Duration // the wait asked for, when the server says
	}{
		"429 with Retry-After": {simulator.Fault{Status: http.StatusTooManyRequests, Header: map[string]string{"Retry-After": "1"}}, time.Second},
		"500":                  {simulator.Fault{Status: http.StatusInternalServerError}, 0},
		"502":                  {simulator.Fault{Status: http.StatusBadGateway, ContentType: "text/html", Body: "<html>Bad Gateway</html>"}, 0},
		"503":                  {simulator.Fault{Status: http.StatusServiceUnavailable}, 0},
		"connection reset":     {simulator.Fault{Reset: true}, 0},
		"truncated body":       {simulator.Fault{Status: http.StatusOK, Body: `{"id": "cut off in the middle of the answer"}`, Truncate: true}, 0},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, _ := startQumulo(t, false)
			srv.Inject("", c.fault)
			var w waits
			out := planOnce(t, qumuloWho(srv), withWaits(&w))
			expectOutputs(t, out, `who = "`+simqumulo.Platform.Token.ID+`"`)
			if got, want := srv.Total(), simqumulo.Platform.Token.Requests+1; got != want {
				t.Errorf("requests = %d, want %d (one retry)", got, want)
			}
			w.expect(t, 1, c.wait)
		})
	}
}

func TestFaults_persistent503FailsNamingStatusAndAttempts(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	for range 4 {
		srv.Inject("", simulator.Fault{Status: http.StatusServiceUnavailable})
	}
	var w waits
	out := planFails(t, qumuloWho(srv), withWaits(&w))
	expectMatch(t, out, diagnostic("Qumulo server error", "The server answered with an error. It was retried 3 times, the most max_retries allows: "+
		"the provider retries a connection error or a 429, 500, 502, 503 or 504 answer. Check the server's health and plan again."),
		regexp.MustCompile(`GET\s+\S+\s+returned\s+503\s+Service\s+Unavailable\s+\(after\s+4\s+attempts\)`))
	if got := srv.Total(); got != 4 {
		t.Errorf("requests = %d, want 4 (max_retries defaults to 3)", got)
	}
	w.expect(t, 3, 0)
}

func TestFaults_silentServerFailsAtTheTimeout(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject("", simulator.Fault{Hang: true}, simulator.Fault{Hang: true})
	start := time.Now()
	out := planFails(t, qumuloWho(srv, `timeout = "2s"`))
	expectMatch(t, out, diagnostic("Qumulo did not answer in time", "No usable answer arrived within the timeout of 2s."),
		exactly("did not complete within the timeout of 2s"))
	// Not a speed goal: a bound that fails only if the timeout is ignored.
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("the plan took %s with a 2s timeout", took)
	}
}

func TestFaults_unusableAnswers(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		fault           simulator.Fault
		summary, detail string
	}{
		"malformed JSON": {simulator.Fault{Status: http.StatusOK, Body: `{"id": 1, "name": "x",,}`},
			"sent a malformed answer", "with a body that is not valid JSON"},
		"HTML login page": {simulator.Fault{Status: http.StatusOK, ContentType: "text/html", Body: "<html><form action=/login>Sign in</form></html>"},
			"answered with something other than JSON", `returned 200 with Content-Type "text/html" instead of JSON; the body starts with "<html><form action=/login>Sign in</form></html>"`},
		"wrong content type": {simulator.Fault{Status: http.StatusOK, ContentType: "text/plain", Body: `{"id": "1"}`},
			"answered with something other than JSON", `returned 200 with Content-Type "text/plain" instead of JSON`},
		"body over the cap": {simulator.Fault{Status: http.StatusOK, Body: `{"padding": "` + strings.Repeat("x", 5<<20) + `"}`},
			"sent an oversized answer", "returned 200 with a body larger than the 4194304-byte limit"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, _ := startQumulo(t, false)
			srv.Inject("", c.fault)
			expectMatch(t, planFails(t, qumuloWho(srv)), diagnostic("Qumulo "+c.summary, c.detail))
		})
	}
}

// A redirect to another host is refused: the other host sees nothing, so it
// can receive neither the Authorization header nor a cookie.
func TestFaults_redirectToAnotherHostIsRefused(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	elsewhere, _ := startQumulo(t, false)
	srv.Inject("", simulator.Fault{Status: http.StatusFound, Header: map[string]string{"Location": elsewhere.URL + "/steal"}})
	host := strings.TrimPrefix(elsewhere.URL, "http://")
	expectMatch(t, planFails(t, qumuloWho(srv)),
		diagnostic("Qumulo redirected elsewhere", "The server redirected to another host; the provider does not send credentials there."),
		exactly("refused a redirect to http://"+host+"; point the endpoint at the final address"))
	if n := elsewhere.Total(); n != 0 {
		t.Errorf("the other host received %d requests", n)
	}
}

// An expired session gets one new login; a server that keeps refusing gets
// no third.
func TestFaults_expiredSession(t *testing.T) {
	t.Parallel()
	forEachPlatform(t, func(t *testing.T, p simulator.Platform, b Block) {
		if p.LoginPath == "" {
			t.Skip("skipped: " + b.Name + " logs in with HTTP Basic on every request: there is no session to expire")
		}
		srv := serve(t, p.New(), false)
		srv.Inject(p.UserPath, simulator.Fault{Status: http.StatusUnauthorized})
		expectOutputs(t, planOnce(t, whoConfig(p.Key, loginAttrs(p.Key, srv.URL))), `who = "`+shownID(p.Login.ID)+`"`)
		if got := srv.Count(http.MethodPost, p.LoginPath); got != 2 {
			t.Errorf("logins = %d, want 2", got)
		}
		again := serve(t, p.New(), false)
		for range 3 {
			again.Inject(p.UserPath, simulator.Fault{Status: http.StatusUnauthorized})
		}
		expectMatch(t, planFails(t, whoConfig(p.Key, loginAttrs(p.Key, again.URL))), diagnostic(b.Name+" rejected the credentials", "were not accepted"))
		if got := again.Count(http.MethodPost, p.LoginPath); got != 2 {
			t.Errorf("logins against a server refusing every session = %d, want 2", got)
		}
	})
}
