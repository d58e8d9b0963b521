package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// providerData is what Configure hands every data source: one connection per
// platform the configuration or environment mentions.
type providerData struct {
	conns map[string]*connection
}

// connection is one platform's resolved settings and HTTP client, or the
// reason there is none. It is built by Configure and never changes after.
type connection struct {
	settings *settings
	http     *httpx.Client
	// err says why the platform cannot be used; reported by the data sources
	// that use it, so an unused platform never fails a plan.
	err error
}

// errNotConfigured marks a platform with neither a block nor environment.
type errNotConfigured struct {
	platform   *platformBase
	dataSource string
}

func (e *errNotConfigured) Error() string {
	p := e.platform
	return fmt.Sprintf("%s needs a %s block in the provider configuration, or the environment variables %s",
		e.dataSource, p.key, envSummary(p))
}

// envSummary names the environment variables that configure p, grouped.
func envSummary(p *platformBase) string {
	endpoint := orList(p.env.Endpoint)
	if len(p.env.Host) > 0 {
		endpoint += " (or " + orList(p.env.Host) + " and " + orList(p.env.Port) + ")"
	}
	creds := fmt.Sprintf("%s (or %s and %s)", orList(p.env.Token), orList(p.env.Username), orList(p.env.Password))
	if p.defaultEndpoint != "" {
		return fmt.Sprintf("%s, and optionally %s (default %s)", creds, endpoint, p.defaultEndpoint)
	}
	return fmt.Sprintf("%s and %s", endpoint, creds)
}

func (pd *providerData) connection(p *platformBase, dataSource string) (*connection, error) {
	if pd == nil {
		return nil, fmt.Errorf("the provider is not configured")
	}
	conn, ok := pd.conns[p.key]
	if !ok {
		return nil, &errNotConfigured{platform: p, dataSource: dataSource}
	}
	return conn, conn.err
}

// transportWarnings warns about settings that put the credentials at risk:
// TLS verification off, or plain http to a host that is not loopback.
func transportWarnings(p *platformBase, s *settings) diag.Diagnostics {
	var diags diag.Diagnostics
	if s == nil {
		return diags
	}
	if s.Insecure {
		diags.AddWarning(p.name+" TLS verification is off",
			"insecure = true for "+p.name+": the provider does not check who answers at "+s.Endpoint+
				", so the credentials could reach an impostor. Prefer ca_cert_pem with the server's CA certificate.")
	}
	if s.plainTextToRemote() {
		diags.AddWarning(p.name+" credentials travel unencrypted",
			"The endpoint "+s.Endpoint+" is plain http:// on a host that is not loopback, so the "+p.tokenNoun+
				" or password crosses the network readable by anyone on the path. Use https://.")
	}
	return diags
}
