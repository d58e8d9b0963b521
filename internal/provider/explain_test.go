package provider

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// Valid JSON of another shape than the API's is not called "not valid JSON".
func TestExplain_wrongTypeIsNotCalledInvalidJSON(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject(whoAmI, simulator.Fault{Status: http.StatusOK, Body: `{"id": 1026, "name": "x"}`})
	expectPlanError(t, qumuloWho(srv), diagnostic("Qumulo sent a malformed answer",
		`GET `+srv.URL+`/v1/session/who-am-i returned 200 with JSON of an unexpected shape `+
			`(json: cannot unmarshal number into Go struct field WhoAmI.id of type string); the body starts with "{\"id\": 1026, \"name\": \"x\"}"`))
}

// Redirects on the configured host that never end are a loop, not "another host".
func TestExplain_sameHostRedirectLoop(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	for range 6 {
		srv.Inject("", simulator.Fault{Status: http.StatusFound, Header: map[string]string{"Location": srv.URL + whoAmI}})
	}
	expectPlanError(t, qumuloWho(srv), diagnostic("Qumulo redirects in a loop",
		"The server kept redirecting on the same host, more times than the provider follows. "+
			"Set endpoint to the API's final address, and check the server's or proxy's redirect rules. "+
			"GET "+srv.URL+"/v1/session/who-am-i failed: stopped after 5 redirects"))
}

// With ca_cert_pem set, the advice is not "set ca_cert_pem".
func TestExplain_untrustedCertificateWithCACertPEMSet(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, true)
	expectPlanError(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL), assign("ca_cert_pem", otherCA(t)))+qumuloMe,
		diagnostic("Qumulo certificate is not trusted",
			"The server's TLS certificate could not be verified, neither by the system roots nor by ca_cert_pem in the qumulo block: "+
				"check that it holds the CA certificate that signed the server's certificate, and that the endpoint's host is one the certificate names. "+
				"GET "+srv.URL+"/v1/session/who-am-i failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"))
}

// otherCA is the PEM of a CA that signed nothing the simulators serve.
func otherCA(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	must(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "another CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	must(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// Two data sources waiting on one request that never answers both fail as a
// timeout; the one waiting on the other's request once said "Qumulo cannot be
// used: Context deadline exceeded."
func TestExplain_waitingForASharedRequestTimesOutAsATimeout(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject("", simulator.Fault{Hang: true}, simulator.Fault{Hang: true}, simulator.Fault{Hang: true})
	out := planFails(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL), `timeout = "1s"`)+`
data "whoami_qumulo_current_user" "me" {}
data "whoami_qumulo_current_privileges" "p" {}
`)
	if n := strings.Count(out, "Error: Qumulo did not answer in time"); n != 2 || strings.Contains(out, "deadline exceeded") {
		t.Errorf("want two timeout errors and no bare context error:\n%s", out)
	}
}

// A server that answers and then drops the connection mid-body was reached:
// the error says the answer was cut off, not "Cannot reach".
func TestExplain_answerCutOffIsNotCannotReach(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	cut := simulator.Fault{Status: http.StatusOK, Body: `{"id": "cut off in the middle of the answer"}`, Truncate: true}
	srv.Inject(whoAmI, cut, cut, cut, cut)
	out := planFails(t, qumuloWho(srv))
	expectMatch(t, out, diagnostic("Qumulo answer was cut off", "The server answered 200 but the connection closed before the whole answer arrived. "+
		"It was retried 3 times, the most max_retries allows: the provider retries a connection error or a 429, 500, 502, 503 or 504 answer. "+
		"This is usually a proxy, a load balancer or a restarting server: check the server's health and plan again."))
	if strings.Contains(out, "Cannot reach") {
		t.Errorf("a server that answered is called unreachable:\n%s", out)
	}
}

// A body whose gzip encoding does not decode is a malformed answer, sent
// once: not "Cannot reach", and not retried, since the same bytes would come.
func TestExplain_corruptGzipIsMalformed(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject(whoAmI, simulator.Fault{Status: http.StatusOK, Header: map[string]string{"Content-Encoding": "gzip"}, Body: "not gzip at all"})
	out := planFails(t, qumuloWho(srv))
	expectMatch(t, out, diagnostic("Qumulo sent a malformed answer",
		"GET "+srv.URL+"/v1/session/who-am-i returned 200 with an unusable answer: the body's gzip encoding is corrupt (gzip: invalid header)"))
	if got := srv.Count(http.MethodGet, whoAmI); got != 1 {
		t.Errorf("who-am-i requests = %d, want 1", got)
	}
}
