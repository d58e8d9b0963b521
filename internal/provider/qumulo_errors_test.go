package provider

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

var (
	whoAmI = simqumulo.Platform.UserPath
	login  = simqumulo.Platform.LoginPath
)

// qumuloMe reads the current user; the tests put a provider block before it.
const qumuloMe = `
data "whoami_qumulo_current_user" "me" {}
`

func qumuloErrorBody(class, description string) string {
	return fmt.Sprintf(`{"module":"qumulo.rest.server","error_class":%q,"description":%q,"stack":[],"user_visible":true}`, class, description)
}

// expectUser runs one plan, as one provider instance, that must read
// svc-terraform; it returns the plan's output.
func expectUser(t *testing.T, config string, opts ...option) string {
	t.Helper()
	out := planOnce(t, config+`output "name" { value = data.whoami_qumulo_current_user.me.name }`, opts...)
	expectOutputs(t, out, `name = "svc-terraform"`)
	return out
}

func TestQumuloErrors_unauthorizedNamesTheEnvironmentVariable(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	expectPlanError(t, qumuloMe,
		diagnostic("Qumulo rejected the credentials",
			`The access token came from the QUMULO_ACCESS_TOKEN environment variable; check that it is correct and has not expired or been revoked. `+
				`GET `+srv.URL+`/v1/session/who-am-i returned 401 Unauthorized: Unauthorized: need to log in (http_unauthorized_error)`),
		withEnv(map[string]string{"QUMULO_ENDPOINT": srv.URL, "QUMULO_ACCESS_TOKEN": "access-v1:revoked"}))
}

func TestQumuloErrors_unauthorizedNamesTheAttribute(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	expectPlanError(t, providerBlock("qumulo", assign("endpoint", srv.URL), assign("access_token", "access-v1:revoked"))+qumuloMe,
		diagnostic("Qumulo rejected the credentials",
			`The access token came from access_token in the qumulo block; check that it is correct and has not expired or been revoked.`))
}

func TestQumuloErrors_wrongPassword(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	expectPlanError(t, providerBlock("qumulo", assign("endpoint", srv.URL), assign("username", "svc-terraform"), assign("password", "wrong"))+qumuloMe,
		diagnostic("Qumulo rejected the credentials",
			`The user name "svc-terraform" and its password (from password in the qumulo block) were not accepted; check them, and that the account is not locked. `+
				`POST `+srv.URL+`/v1/session/login returned 401 Unauthorized: Login failed: invalid username or password (login_failed_error)`))
}

func TestQumuloErrors_forbidden(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject(whoAmI, simulator.Fault{Status: http.StatusForbidden, Body: qumuloErrorBody("http_forbidden_error", "Forbidden: tenant restriction")})
	expectPlanError(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL))+qumuloMe,
		diagnostic("Qumulo denied the request",
			`The credentials were accepted but may not make this request. Grant the account the right to read its own identity, or use another account. `+
				`GET `+srv.URL+`/v1/session/who-am-i returned 403 Forbidden: Forbidden: tenant restriction (http_forbidden_error)`))
}

func TestQumuloErrors_notFound(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	expectPlanError(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL+"/api"))+qumuloMe,
		diagnostic("Qumulo API path not found",
			`Check that the endpoint points at a Qumulo server and includes no extra path. `+
				`GET `+srv.URL+`/api/v1/session/who-am-i returned 404 Not Found: Not Found: /api/v1/session/who-am-i (http_not_found_error)`))
}

func TestQumuloErrors_serverErrorIsRetried(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject(whoAmI, simulator.Fault{Status: http.StatusInternalServerError, Body: qumuloErrorBody("internal_error", "try again")})
	var w waits
	expectUser(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL))+qumuloMe, withWaits(&w))
	if got := srv.Count(http.MethodGet, whoAmI); got != 2 {
		t.Errorf("who-am-i requests = %d, want 2 (one 500, one retry)", got)
	}
	w.expect(t, 1, 0)
}

func TestQumuloErrors_unavailableUntilRetriesRunOut(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	unavailable := simulator.Fault{Status: http.StatusServiceUnavailable, Body: qumuloErrorBody("service_unavailable", "Cluster is starting")}
	srv.Inject(whoAmI, unavailable, unavailable, unavailable, unavailable)
	var w waits
	expectPlanError(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL), "max_retries = 2")+qumuloMe,
		diagnostic("Qumulo server error",
			`The server answered with an error. It was retried 2 times, the most max_retries allows: the provider retries `+
				`a connection error or a 429, 500, 502, 503 or 504 answer. Check the server's health and plan again. `+
				`GET `+srv.URL+`/v1/session/who-am-i returned 503 Service Unavailable: Cluster is starting (service_unavailable) (after 3 attempts)`),
		withWaits(&w))
	if got := srv.Count(http.MethodGet, whoAmI); got != 3 {
		t.Errorf("who-am-i requests = %d, want 3 (max_retries = 2)", got)
	}
	w.expect(t, 2, 0)
}

// The one test that waits for real: the provider's own timer honours Retry-After.
func TestQumuloErrors_retryAfterIsHonoured(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject(whoAmI, simulator.Fault{Status: http.StatusTooManyRequests, Header: map[string]string{"Retry-After": "2"},
		Body: qumuloErrorBody("http_too_many_requests_error", "Slow down")})
	expectUser(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL))+qumuloMe, withRealSleep())
	arrivals := srv.Arrivals(http.MethodGet, whoAmI)
	if len(arrivals) != 2 {
		t.Fatalf("who-am-i requests = %d, want 2", len(arrivals))
	}
	// The backoff alone would wait at most 250ms; only Retry-After explains 2s.
	if gap := arrivals[1].Sub(arrivals[0]); gap < 2*time.Second {
		t.Errorf("retried after %s, want at least the 2s Retry-After asked for", gap)
	}
}

// The real timer refuses a wait the timeout cannot cover, so this fails at once.
func TestQumuloErrors_retryAfterBeyondTimeoutFailsAtOnce(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject(whoAmI, simulator.Fault{Status: http.StatusTooManyRequests, Header: map[string]string{"Retry-After": "120"},
		Body: qumuloErrorBody("http_too_many_requests_error", "Slow down")})
	expectPlanError(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL), `timeout = "5s"`)+qumuloMe,
		diagnostic("Qumulo asked to wait longer than the timeout",
			`The server answered 429 Too Many Requests and asked to wait 2m0s before trying again (Retry-After), more than the timeout of 5s leaves. `+
				`Wait and plan again, or raise timeout in the qumulo block. `+
				`GET `+srv.URL+`/v1/session/who-am-i did not complete within the timeout of 5s; the last answer was 429 Too Many Requests with Retry-After 2m0s`),
		withRealSleep())
	if got := srv.Count(http.MethodGet, whoAmI); got != 1 {
		t.Errorf("who-am-i requests = %d, want 1", got)
	}
}

func TestQumuloErrors_timeout(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject(whoAmI, simulator.Fault{Hang: true}, simulator.Fault{Hang: true})
	expectPlanError(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL), `timeout = "1s"`)+qumuloMe,
		diagnostic("Qumulo did not answer in time",
			`No usable answer arrived within the timeout of 1s. Check that the endpoint is reachable from here, or raise timeout in the qumulo block. `+
				`GET `+srv.URL+`/v1/session/who-am-i did not complete within the timeout of 1s`))
}

func TestQumuloErrors_htmlLoginPage(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject(whoAmI, simulator.Fault{Status: http.StatusOK, ContentType: "text/html; charset=utf-8",
		Body: "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>"})
	expectPlanError(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL))+qumuloMe,
		diagnostic("Qumulo answered with something other than JSON",
			`This is usually a login page, a proxy or a web server in front of the API: check that the endpoint points at the Qumulo API. `+
				`GET `+srv.URL+`/v1/session/who-am-i returned 200 with Content-Type "text/html; charset=utf-8" instead of JSON; `+
				`the body starts with "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>"`))
}

func TestQumuloErrors_malformedJSON(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject(whoAmI, simulator.Fault{Status: http.StatusOK, Body: `{"id": "1026", "name": `})
	expectPlanError(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL))+qumuloMe,
		diagnostic("Qumulo sent a malformed answer",
			`The answer could not be decoded as the Qumulo API's JSON. Check that the endpoint points at the Qumulo API; if it does, report this with the server's version. `+
				`GET `+srv.URL+`/v1/session/who-am-i returned 200 with a body that is not valid JSON (unexpected end of JSON input); the body starts with "{\"id\": \"1026\", \"name\":"`))
}

func TestQumuloErrors_selfSignedCertificateRejected(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, true)
	expectPlanError(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL))+qumuloMe,
		diagnostic("Qumulo certificate is not trusted",
			`The server's TLS certificate could not be verified. If it is self-signed, set ca_cert_pem in the qumulo block to its CA certificate, or QUMULO_CA_CERT to the certificate or a file holding it. `+
				`GET `+srv.URL+`/v1/session/who-am-i failed: tls: failed to verify certificate: x509: certificate signed by unknown authority`))
}

func TestQumuloErrors_selfSignedCertificateTrustedWithCACertPEM(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, true)
	expectUser(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL), assign("ca_cert_pem", srv.CACertPEM()))+qumuloMe)
	// A heredoc, as a file() would be written, works as well.
	expectUser(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL), "ca_cert_pem = <<EOT\n"+srv.CACertPEM()+"EOT")+qumuloMe)
}

func TestQumuloErrors_selfSignedCertificateAcceptedWhenInsecure(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, true)
	out := expectUser(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL), "insecure = true")+qumuloMe)
	want := warning(`Qumulo TLS verification is off`,
		`insecure = true in the qumulo block: the provider does not check who answers at `+srv.URL+`, so the credentials could reach an impostor. `+
			`Prefer ca_cert_pem in the qumulo block, or QUMULO_CA_CERT, with the server's CA certificate.`)
	if !want.MatchString(out) {
		t.Errorf("plan output lacks the insecure warning:\n%s", out)
	}
}

func TestQumuloErrors_notConfigured(t *testing.T) {
	t.Parallel()
	expectPlanError(t, qumuloMe,
		diagnostic("Qumulo is not configured",
			`whoami_qumulo_current_user needs a qumulo block in the provider configuration, or the environment variables `+
				`QUMULO_ENDPOINT (or QUMULO_HOST and QUMULO_PORT) and QUMULO_ACCESS_TOKEN (or QUMULO_USERNAME and QUMULO_PASSWORD).`))
}

func TestQumuloErrors_conflictingCredentialsFailValidate(t *testing.T) {
	t.Parallel()
	expectPlanError(t, providerBlock("qumulo", `endpoint = "qumulo.example.com"`, `access_token = "access-v1:x"`, `username = "admin"`, `password = "secret"`)+qumuloMe,
		diagnostic("Conflicting Qumulo credentials",
			`qumulo.access_token and qumulo.username cannot both be set: use the access token, or username and password.`))
}

func TestQumuloErrors_invalidSettingsFailValidate(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ attr, summary, detail string }{
		"half a login": {`username = "admin"`, "Incomplete Qumulo credentials",
			"qumulo.username is set but qumulo.password is not: set both to log in."},
		"timeout": {`timeout = "soon"`, "Invalid Qumulo timeout",
			`qumulo.timeout: "soon" is not a duration such as "30s" or "2m", or a number of seconds.`},
		"endpoint": {`endpoint = "ftp://qumulo.example.com"`, "Invalid Qumulo endpoint",
			`qumulo.endpoint: "ftp://qumulo.example.com" is not a URL such as https://host:8000.`},
		"ca_cert_pem": {`ca_cert_pem = "not a certificate"`, "Invalid Qumulo CA certificate",
			`qumulo.ca_cert_pem holds no PEM-encoded certificate: pass the contents of a PEM file, for example file("${path.module}/ca.pem").`},
		"max_retries": {`max_retries = -1`, "Invalid Qumulo max_retries", "qumulo.max_retries is -1: use a number from 0 to 10."},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			expectPlanError(t, providerBlock("qumulo", c.attr)+qumuloMe, diagnostic(c.summary, c.detail))
		})
	}
}

// An endpoint taken from a resource is unknown during plan: the read fails
// with an explanation instead of guessing.
func TestQumuloErrors_unknownEndpoint(t *testing.T) {
	t.Parallel()
	expectPlanError(t, `
resource "terraform_data" "endpoint" {
  input = "https://qumulo.example.com"
}
provider "whoami" {
  qumulo {
    endpoint     = terraform_data.endpoint.output
    access_token = "access-v1:x"
  }
}
data "whoami_qumulo_current_user" "me" {}
`, diagnostic("Qumulo cannot be used",
		`Endpoint in the qumulo block is not known until apply, and Qumulo data sources are read during plan: `+
			`configure the provider from values known at plan time (variables or literals), not from resources.`))
}
