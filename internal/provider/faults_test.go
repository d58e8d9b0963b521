package provider

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// The fault suite: every case runs the same way against all five platforms,
// through one real terraform plan each.

func TestFaults_transientFailuresAreRetried(t *testing.T) {
	t.Parallel()
	cases := map[string]simulator.Fault{
		"429 with Retry-After": {Status: http.StatusTooManyRequests, Header: map[string]string{"Retry-After": "1"}},
		"500":                  {Status: http.StatusInternalServerError},
		"502":                  {Status: http.StatusBadGateway, ContentType: "text/html", Body: "<html>Bad Gateway</html>"},
		"503":                  {Status: http.StatusServiceUnavailable},
		"connection reset":     {Reset: true},
		"truncated body":       {Status: http.StatusOK, Body: `{"id": "cut off in the middle of the answer"}`, Truncate: true},
	}
	for name, fault := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			forEachPlatform(t, func(t *testing.T, p simulator.Platform, b Block) {
				srv := serve(t, p.New(), false)
				srv.Inject("", fault)
				out := planOnce(t, whoConfig(p.Key, tokenAttrs(p.Key, srv.URL)))
				expectOutputs(t, out, `who = "`+p.Token.ID+`"`)
				if got, want := srv.Total(), p.Token.Requests+1; got != want {
					t.Errorf("requests = %d, want %d (one retry)", got, want)
				}
			})
		})
	}
}

func TestFaults_persistent503FailsNamingStatusAndAttempts(t *testing.T) {
	t.Parallel()
	forEachPlatform(t, func(t *testing.T, p simulator.Platform, b Block) {
		srv := serve(t, p.New(), false)
		for range 4 {
			srv.Inject("", simulator.Fault{Status: http.StatusServiceUnavailable})
		}
		out := planFails(t, whoConfig(p.Key, tokenAttrs(p.Key, srv.URL)))
		expectMatch(t, out, diagnostic(b.Name+" server error", "The server failed to answer after every retry."),
			regexp.MustCompile(`GET\s+\S+\s+returned\s+503\s+Service\s+Unavailable\s+\(after\s+4\s+attempts\)`))
		if got := srv.Total(); got != 4 {
			t.Errorf("requests = %d, want 4 (max_retries defaults to 3)", got)
		}
	})
}

func TestFaults_silentServerFailsAtTheTimeout(t *testing.T) {
	t.Parallel()
	forEachPlatform(t, func(t *testing.T, p simulator.Platform, b Block) {
		srv := serve(t, p.New(), false)
		srv.Inject("", simulator.Fault{Hang: true}, simulator.Fault{Hang: true})
		start := time.Now()
		out := planFails(t, whoConfig(p.Key, tokenAttrs(p.Key, srv.URL), `timeout = "2s"`))
		expectMatch(t, out, diagnostic(b.Name+" did not answer in time", "No usable answer arrived within the timeout of 2s."),
			exactly("did not complete within the timeout of 2s"))
		// Not a speed goal: a bound that fails only if the timeout is ignored.
		if took := time.Since(start); took > 30*time.Second {
			t.Errorf("the plan took %s with a 2s timeout", took)
		}
	})
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
			forEachPlatform(t, func(t *testing.T, p simulator.Platform, b Block) {
				srv := serve(t, p.New(), false)
				srv.Inject("", c.fault)
				expectMatch(t, planFails(t, whoConfig(p.Key, tokenAttrs(p.Key, srv.URL))), diagnostic(b.Name+" "+c.summary, c.detail))
			})
		})
	}
}

// A redirect to another host is refused: the other host sees nothing, so it
// can receive neither the Authorization header nor a cookie.
func TestFaults_redirectToAnotherHostIsRefused(t *testing.T) {
	t.Parallel()
	forEachPlatform(t, func(t *testing.T, p simulator.Platform, b Block) {
		srv := serve(t, p.New(), false)
		elsewhere := serve(t, p.New(), false)
		srv.Inject("", simulator.Fault{Status: http.StatusFound, Header: map[string]string{"Location": elsewhere.URL + "/steal"}})
		host := strings.TrimPrefix(elsewhere.URL, "http://")
		expectMatch(t, planFails(t, whoConfig(p.Key, tokenAttrs(p.Key, srv.URL))),
			diagnostic(b.Name+" redirected elsewhere", "The server redirected to another host; the provider does not send credentials there."),
			exactly("refused a redirect to http://"+host+"; point the endpoint at the final address"))
		if n := elsewhere.Total(); n != 0 {
			t.Errorf("the other host received %d requests", n)
		}
	})
}

func TestFaults_selfSignedCertificate(t *testing.T) {
	t.Parallel()
	forEachPlatform(t, func(t *testing.T, p simulator.Platform, b Block) {
		srv := serve(t, p.New(), true)
		expectMatch(t, planFails(t, whoConfig(p.Key, tokenAttrs(p.Key, srv.URL))),
			diagnostic(b.Name+" certificate is not trusted", "If it is self-signed, set ca_cert_pem in the "+p.Key+" block to its CA certificate."),
			exactly("x509: certificate signed by unknown authority"))
		expectOutputs(t, planOnce(t, whoConfig(p.Key, tokenAttrs(p.Key, srv.URL), "ca_cert_pem = <<EOT\n"+srv.CACertPEM()+"EOT")), `who = "`+p.Token.ID+`"`)
		out := planOnce(t, whoConfig(p.Key, tokenAttrs(p.Key, srv.URL), "insecure = true"))
		expectOutputs(t, out, `who = "`+p.Token.ID+`"`)
		expectMatch(t, out, warning(b.Name+" TLS verification is off", "insecure = true for "+b.Name))
	})
}

// An expired session gets one new login; a server that keeps refusing gets
// no third.
func TestFaults_expiredSession(t *testing.T) {
	t.Parallel()
	forEachPlatform(t, func(t *testing.T, p simulator.Platform, b Block) {
		if p.LoginPath == "" {
			t.Skip(b.Name + " logs in with HTTP Basic on every request: there is no session to expire")
		}
		srv := serve(t, p.New(), false)
		srv.Inject(p.UserPath, simulator.Fault{Status: http.StatusUnauthorized})
		expectOutputs(t, planOnce(t, whoConfig(p.Key, loginAttrs(p.Key, srv.URL))), `who = "`+p.Login.ID+`"`)
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
