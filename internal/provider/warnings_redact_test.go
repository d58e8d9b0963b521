package provider

import (
	"strings"
	"testing"
)

// The transport warnings show the endpoint as every message does, with
// REDACTED for query values whose name holds token or key (an endpoint with
// user info is refused before any warning).
func TestWarnings_endpointIsRedacted(t *testing.T) {
	t.Parallel()
	const secret = "s3cr3t-in-the-endpoint"
	srv, _ := startQumulo(t, true)
	out := planOnce(t, `
provider "whoami" {
  faynosync {
    endpoint = "http://updates.example.com:9000/?api_key=`+secret+`&tenant=blue"
    token    = "fns_x"
  }
  qumulo {
    endpoint     = "`+srv.URL+`?access_token=`+secret+`"
    access_token = "`+simPlatform("qumulo").Token.Token+`"
    insecure     = true
  }
}
data "whoami_qumulo_current_user" "me" {}
`)
	expectMatch(t, out,
		warning("Qumulo TLS verification is off", "insecure = true in the qumulo block: the provider does not check who answers at "+
			srv.URL+"?access_token=REDACTED, so the credentials could reach an impostor. Prefer ca_cert_pem in the qumulo block, or "+
			"QUMULO_CA_CERT, with the server's CA certificate."),
		warning("faynoSync credentials travel unencrypted", "The endpoint http://updates.example.com:9000/?api_key=REDACTED&tenant=blue "+
			"is plain http:// on a host that is not loopback, so the token or password crosses the network readable by anyone on the path. Use https://."))
	if strings.Contains(out, secret) {
		t.Errorf("a warning shows a credential of the endpoint:\n%s", out)
	}
}
