package provider

// Settings a pipeline gives the way pipelines do: from the environment
// alone, secrets read from files, the vendors' own variable names.

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simawx "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/awx"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

// A token ending in a line break (file(), a vault) once failed on every
// platform as "Cannot reach", after four attempts; it is trimmed now, in a
// block and in the environment alike.
func TestPipeline_credentialsWithSurroundingWhitespaceWork(t *testing.T) {
	t.Parallel()
	forEachPlatform(t, func(t *testing.T, p simulator.Platform, b Block) {
		srv := serve(t, p.New(), false)
		who := `who = "` + shownID(p.Token.ID) + `"`
		expectOutputs(t, planOnce(t, whoConfig(p.Key, assign("endpoint", srv.URL+"\n"), assign(b.TokenAttribute, p.Token.Token+"\n"))), who)
		env := map[string]string{b.EndpointEnv[0]: " " + srv.URL + "\n", b.TokenEnv[0]: "\t" + p.Token.Token + "\r\n"}
		expectOutputs(t, planOnce(t, whoConfig(p.Key), withEnv(env)), who)
	})
}

// A line break inside a token (two secrets pasted together, a file with a
// comment line) is an error naming where the token came from, at validate
// for an attribute, before any request; it was "request could not be sent",
// blaming "a line break at the end", which is trimmed.
func TestPipeline_tokenWithALineBreakInsideIsAnError(t *testing.T) {
	t.Parallel()
	run, valid, got := validateDiagnostics(t, providerBlock("qumulo", assign("endpoint", "https://q.example.com"), assign("access_token", "abc\ndef\n"))+qumuloMe, nil)
	if valid || run.ExitCode != 1 {
		t.Errorf("validate: valid %v, exit %d; want invalid, exit 1", valid, run.ExitCode)
	}
	expectLines(t, got, []string{`error: Invalid Qumulo credentials: qumulo.access_token holds a control character ("\n") at byte 4, ` +
		"inside the access token: no access token holds one. Check that it holds the access token alone, on one line."})
	srv, _ := startQumulo(t, false)
	expectPlanError(t, qumuloMe, diagnostic("Invalid Qumulo credentials", `QUMULO_ACCESS_TOKEN holds a control character ("\t") at byte 4, `+
		"inside the access token: no access token holds one. Check that it holds the access token alone, on one line."),
		withEnv(map[string]string{"QUMULO_ENDPOINT": srv.URL, "QUMULO_ACCESS_TOKEN": "abc\tdef"}))
	// A control character of more than one byte (U+0085, NEXT LINE) is shown whole.
	expectPlanError(t, qumuloMe, diagnostic("Invalid Qumulo credentials", `QUMULO_ACCESS_TOKEN holds a control character ("\u0085") at byte 3,`),
		withEnv(map[string]string{"QUMULO_ENDPOINT": srv.URL, "QUMULO_ACCESS_TOKEN": "ab\u0085cd"}))
	if n := srv.Total(); n != 0 {
		t.Errorf("the simulator received %d requests, want none", n)
	}
}

// A credential written but blank is an error that names it, not an empty
// credential sent to the server.
func TestPipeline_blankCredentialIsAnError(t *testing.T) {
	t.Parallel()
	expectPlanError(t, providerBlock("qumulo", assign("endpoint", "https://q.example.com"), assign("access_token", " \n"))+qumuloMe,
		diagnostic("Invalid Qumulo credentials", "qumulo.access_token is empty: set it, or leave it out."))
}

// An environment-only setup that trusts a self-signed cluster: the CA from
// QUMULO_CA_CERT, as a file's path (a CI file variable) or as PEM text.
func TestPipeline_caCertificateFromTheEnvironment(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, true)
	file := filepath.Join(t.TempDir(), "qumulo-ca.pem")
	must(t, os.WriteFile(file, []byte(srv.CACertPEM()), 0o600))
	base := map[string]string{"QUMULO_ENDPOINT": srv.URL, "QUMULO_ACCESS_TOKEN": simqumulo.ServiceToken}
	with := func(k, v string) map[string]string {
		env := map[string]string{k: v}
		for name, value := range base {
			env[name] = value
		}
		return env
	}
	for _, ca := range []string{file, srv.CACertPEM()} {
		expectOutputs(t, planOnce(t, qumuloMe+`output "who" { value = data.whoami_qumulo_current_user.me.name }`, withEnv(with("QUMULO_CA_CERT", ca))),
			`who = "svc-terraform"`)
	}
	// The wrong CA: the advice names the variable, and the file it named.
	wrong := filepath.Join(t.TempDir(), "other-ca.pem")
	must(t, os.WriteFile(wrong, []byte(otherCA(t)), 0o600))
	expectPlanError(t, qumuloMe, diagnostic("Qumulo certificate is not trusted", "The server's TLS certificate could not be verified, "+
		"neither by the system roots nor by the QUMULO_CA_CERT environment variable (the file "+wrong+"): check that it holds the CA "+
		"certificate that signed the server's certificate, and that the endpoint's host is one the certificate names. "+
		"GET "+srv.URL+"/v1/session/who-am-i failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"),
		withEnv(with("QUMULO_CA_CERT", wrong)))
	expectPlanError(t, qumuloMe, diagnostic("Qumulo certificate is not trusted", "The server's TLS certificate could not be verified, "+
		"neither by the system roots nor by the QUMULO_CA_CERT environment variable: check that it holds the CA"),
		withEnv(with("QUMULO_CA_CERT", otherCA(t))))
	// PEM text after other lines, as openssl s_client -showcerts prints it.
	expectOutputs(t, planOnce(t, qumuloMe+`output "who" { value = data.whoami_qumulo_current_user.me.name }`,
		withEnv(with("QUMULO_CA_CERT", "subject=CN=qumulo\n"+srv.CACertPEM()))), `who = "svc-terraform"`)
	der := strings.Join(strings.Split(srv.CACertPEM(), "\n")[1:4], "\n") // base64 lines without the BEGIN line
	expectPlanError(t, qumuloMe, diagnostic("Invalid Qumulo CA certificate", "QUMULO_CA_CERT holds several lines but no "+
		"-----BEGIN CERTIFICATE----- line: set it to the PEM text, or to a PEM file's path."), withEnv(with("QUMULO_CA_CERT", der)))
	// A file no CA bundle is the size of (/dev/zero, a disk image) is refused after 4 MiB, not read to the end.
	huge := filepath.Join(t.TempDir(), "huge.pem")
	must(t, os.WriteFile(huge, nil, 0o600))
	must(t, os.Truncate(huge, 5<<20))
	expectPlanError(t, qumuloMe, diagnostic("Invalid Qumulo CA certificate", "QUMULO_CA_CERT names the file "+huge+", which is larger "+
		"than 4 MiB, as no CA bundle is: set it to a PEM file's path or to the PEM text itself."), withEnv(with("QUMULO_CA_CERT", huge)))
	expectPlanError(t, qumuloMe, diagnostic("Invalid Qumulo CA certificate", "QUMULO_CA_CERT names the file "+file+".missing, which cannot be read (no such file or directory): "+
		"set it to a PEM file's path or to the PEM text itself."), withEnv(with("QUMULO_CA_CERT", file+".missing")))
	expectPlanError(t, qumuloMe, diagnostic("Invalid Qumulo CA certificate", "QUMULO_CA_CERT (the file "+os.DevNull+") holds no "+
		"PEM-encoded certificate: set it to the PEM text, or to the path of a PEM file."), withEnv(with("QUMULO_CA_CERT", os.DevNull)))
}

// QUMULO_HOST may be a URL: its scheme is kept and QUMULO_PORT added,
// instead of "[http://127.0.0.1]:38595" is not a URL.
func TestPipeline_hostVariableWithScheme(t *testing.T) {
	t.Parallel()
	for host, want := range map[string]string{
		"http://127.0.0.1":         "http://127.0.0.1:38595",
		"https://q.example.com":    "https://q.example.com:38595",
		"https://q.example.com:81": "https://q.example.com:81",
		"q.example.com":            "https://q.example.com:38595",
	} {
		s, err := resolveQumulo(t, blockValues{}, map[string]string{"QUMULO_HOST": host, "QUMULO_PORT": "38595", "QUMULO_ACCESS_TOKEN": "t"})
		if err != nil || s.Endpoint != want {
			t.Errorf("QUMULO_HOST=%s: endpoint %q, %v; want %q", host, s.Endpoint, err, want)
		}
	}
}

// The vendors' spellings of the TLS, timeout and retry settings.
func TestPipeline_vendorVariables(t *testing.T) {
	t.Parallel()
	base := map[string]string{"AAP_HOSTNAME": "aap.example.com", "AAP_TOKEN": "t"}
	for _, c := range []struct {
		env      map[string]string
		insecure bool
		timeout  time.Duration
		retries  int
	}{
		{map[string]string{"AAP_VALIDATE_CERTS": "no"}, true, 30 * time.Second, 3},
		{map[string]string{"GATEWAY_VERIFY_SSL": "False", "GATEWAY_REQUEST_TIMEOUT": "12.5"}, true, 12500 * time.Millisecond, 3},
		{map[string]string{"AAP_VALIDATE_CERTS": "yes", "AAP_REQUEST_TIMEOUT": "7", "AAP_MAX_RETRIES": "5"}, false, 7 * time.Second, 5},
	} {
		env := map[string]string{}
		for k, v := range base {
			env[k] = v
		}
		for k, v := range c.env {
			env[k] = v
		}
		s, err := resolveWith(awxPlatform, blockValues{}, env)
		if err != nil || s.Insecure != c.insecure || s.Timeout != c.timeout || s.MaxRetries != c.retries {
			t.Errorf("%v: %+v, %v; want insecure %v, timeout %s, retries %d", c.env, s, err, c.insecure, c.timeout, c.retries)
		}
	}
	_, err := resolveWith(awxPlatform, blockValues{}, map[string]string{"AAP_HOSTNAME": "aap.example.com", "AAP_TOKEN": "t", "AAP_MAX_RETRIES": "many"})
	if want := `Invalid AWX max_retries: AAP_MAX_RETRIES: "many" is not a whole number: use a number from 0 to 10.`; err == nil || err.Error() != want {
		t.Errorf("AAP_MAX_RETRIES=many: %v, want %q", err, want)
	}
}

// Advice to raise the timeout names where it was set; a refused login names
// the user; no TLS warning for an endpoint that has no TLS; "an AWX".
func TestPipeline_messagesNameTheirSource(t *testing.T) {
	t.Parallel()
	srv, _ := startAWX(t, simawx.AWX)
	slow := simulator.Fault{Status: http.StatusTooManyRequests, Body: `{"detail": "slow down"}`}
	srv.Inject("/api/", slow, slow)
	expectPlanError(t, `data "whoami_awx_current_user" "me" {}`, diagnostic("AWX rate limit reached", "Wait and plan again, or raise "+
		"the AAP_MAX_RETRIES environment variable or the CONTROLLER_REQUEST_TIMEOUT environment variable."),
		withEnv(map[string]string{"CONTROLLER_HOST": srv.URL, "CONTROLLER_OAUTH_TOKEN": simawx.CIToken, "AAP_MAX_RETRIES": "1",
			"CONTROLLER_REQUEST_TIMEOUT": "20"}))

	missing, _ := startAWX(t, simawx.AWX)
	missing.Inject("/api/", simulator.Fault{Status: http.StatusNotFound, Body: `{"detail": "Not found."}`})
	expectPlanError(t, awxTokenBlock(missing.URL, simawx.CIToken)+`data "whoami_awx_current_user" "me" {}`,
		diagnostic("AWX API path not found", "Check that the endpoint points at an AWX server and includes no extra path."))

	plain := planOnce(t, providerBlock("awx", assign("endpoint", srv.URL), assign("token", simawx.CIToken), "insecure = true"))
	if strings.Contains(plain, "TLS verification is off") {
		t.Errorf("insecure = true on an http:// endpoint warned about TLS:\n%s", plain)
	}
}

// In an environment-only setup the advice names the variables that were
// read: it once said "insecure = true" for TOWER_VERIFY_SSL=false, "max_retries
// is 0" for AAP_MAX_RETRIES=0, blamed the endpoint when MIST_PROXY was down,
// said "the endpoint is https://" of a bare EC_HOST, and named no variable
// for a faynoSync token refused.
func TestPipeline_adviceNamesTheVariables(t *testing.T) {
	t.Parallel()
	token := func(key string) string { return simPlatform(key).Token.Token }
	t.Run("insecure from a verify variable", func(t *testing.T) {
		t.Parallel()
		srv := serve(t, simPlatform("awx").New(), true)
		out := planOnce(t, `data "whoami_awx_current_user" "me" {}`,
			withEnv(map[string]string{"AAP_HOSTNAME": srv.URL, "AAP_TOKEN": token("awx"), "TOWER_VERIFY_SSL": "false"}))
		if w := warning("AWX TLS verification is off", "TOWER_VERIFY_SSL=false: the provider does not check who answers at "+srv.URL+
			", so the credentials could reach an impostor. Prefer ca_cert_pem in the awx block, or AAP_CA_CERT, with the server's CA certificate."); !w.MatchString(out) {
			t.Errorf("plan output does not match %s:\n%s", w, out)
		}
	})
	for name, c := range map[string]struct {
		key, summary, detail string
		env                  func(url string) map[string]string
	}{
		"proxy and retries from variables": {"mist", "Cannot reach Juniper Mist", "The connection failed. It was not retried: the " +
			"MIST_MAX_RETRIES environment variable is 0. Requests go through the proxy that MIST_PROXY names: check that it is " +
			"reachable, then the endpoint's host and port, and that the server is running.",
			func(url string) map[string]string {
				return map[string]string{"MIST_HOST": url, "MIST_API_TOKEN": token("mist"), "MIST_PROXY": "http://127.0.0.1:1", "MIST_MAX_RETRIES": "0"}
			}},
		"a bare host given https": {"ece", "Elastic Cloud Enterprise does not speak HTTPS", "EC_HOST gives a bare host, to which " +
			"the provider adds https://, but the server answered without TLS. If it serves plain HTTP, write http:// in EC_HOST; " +
			"otherwise check the port.",
			func(url string) map[string]string {
				return map[string]string{"EC_HOST": strings.TrimPrefix(url, "http://"), "EC_API_KEY": token("ece")}
			}},
		"a bare host and a port given https": {"qumulo", "Qumulo does not speak HTTPS", "QUMULO_HOST gives a bare host, to which " +
			"the provider adds https://, but the server answered without TLS. If it serves plain HTTP, write http:// in QUMULO_HOST; " +
			"otherwise check the port.",
			func(url string) map[string]string {
				host, port, _ := strings.Cut(strings.TrimPrefix(url, "http://"), ":")
				return map[string]string{"QUMULO_HOST": host, "QUMULO_PORT": port, "QUMULO_ACCESS_TOKEN": token("qumulo")}
			}},
		"a refused token": {"faynosync", "faynoSync token is malformed", `The token is neither a JWT nor an fns_ API token as ` +
			`faynoSync issued it: check that it was copied whole, without quotes, spaces or a "Bearer " prefix. The token came ` +
			`from the FAYNOSYNC_TOKEN environment variable.`,
			func(url string) map[string]string {
				return map[string]string{"FAYNOSYNC_URL": url, "FAYNOSYNC_TOKEN": "not-a-jwt"}
			}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := serve(t, simPlatform(c.key).New(), false)
			expectPlanError(t, `data "whoami_`+c.key+`_current_user" "me" {}`, diagnostic(c.summary, c.detail), withEnv(c.env(srv.URL)))
		})
	}
}
