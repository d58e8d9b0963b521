package provider

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// providerData is what Configure hands every data source: one connection per
// platform the configuration or environment mentions.
type providerData struct {
	conns map[string]*connection
}

// connection is one platform's resolved settings and HTTP client, or why
// there is none. Configure builds it and nothing changes it after; the data
// sources of the platform report a failure, so an unused platform never
// fails a plan.
type connection struct {
	settings *settings
	http     *httpx.Client
	// failure is a diagnostic per problem with the configuration.
	failure diag.Diagnostics
}

// connect resolves a platform's settings and builds its client.
func connect(p *platform, b blockModel, getenv func(string) string, userAgent string, sleep func(context.Context, time.Duration) bool) *connection {
	if unknown := b.unknownAttributes(p); len(unknown) > 0 {
		return &connection{failure: diag.Diagnostics{diag.NewErrorDiagnostic(p.name+" cannot be used", fmt.Sprintf(
			"%s in the %s block %s not known until apply, and %s data sources are read during plan: "+
				"configure the provider from values known at plan time (variables or literals), not from resources.",
			capitalize(strings.Join(unknown, ", ")), p.key, isAre(len(unknown)), p.name))}}
	}
	s, problems := resolve(p, b, getenv)
	if len(problems) > 0 {
		conn := &connection{settings: s}
		for _, pr := range problems {
			conn.failure.AddError(pr.summary, pr.detail)
		}
		return conn
	}
	hc, err := httpx.New(httpx.Config{
		Platform: p.name, BaseURL: s.Endpoint, CACertPEM: s.CACertPEM, Insecure: s.Insecure,
		Timeout: s.Timeout, NoTimeout: s.Timeout == 0, MaxRetries: s.MaxRetries, UserAgent: userAgent, Sleep: sleep, Proxy: s.Proxy,
		Auth: p.auth(s.Creds), DecodeError: p.decodeError, Final: p.final, Secrets: []string{s.Creds.Token, s.Creds.Password, proxyPassword(s.Proxy)},
	})
	if err != nil {
		return &connection{settings: s, failure: diag.Diagnostics{diag.NewErrorDiagnostic(p.name+" cannot be used",
			capitalize(fmt.Sprintf("%s configuration: %v.", p.name, err)))}}
	}
	return &connection{settings: s, http: hc}
}

// connection returns the platform's connection, or the diagnostics saying
// why the data source cannot use it.
func (pd *providerData) connection(p *platform, dataSource string) (*connection, diag.Diagnostics) {
	var diags diag.Diagnostics
	if pd == nil {
		diags.AddError(p.name+" cannot be used", "The provider is not configured.")
		return nil, diags
	}
	conn, ok := pd.conns[p.key]
	if !ok {
		diags.AddError(p.name+" is not configured", fmt.Sprintf("%s needs %s %s block in the provider configuration, or the environment variables %s.",
			dataSource, article(p.key), p.key, envSummary(p)))
		return nil, diags
	}
	return conn, conn.failure
}

// envSummary names the environment variables that configure p, grouped.
func envSummary(p *platform) string {
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

// transportWarnings warns about settings that put the credentials at risk:
// TLS verification off, or plain http to a host that is not loopback. The
// endpoint is shown redacted, as in every other message: a query may carry
// an API key and user info a password.
func transportWarnings(p *platform, s *settings) diag.Diagnostics {
	var diags diag.Diagnostics
	if s == nil {
		return diags
	}
	if s.Insecure && strings.HasPrefix(s.Endpoint, "https://") { // plain http has no certificate to skip
		diags.AddWarning(p.name+" TLS verification is off",
			s.InsecureSource+": the provider does not check who answers at "+httpx.RedactURL(s.Endpoint)+
				", so the credentials could reach an impostor. Prefer ca_cert_pem in the "+p.key+" block, or "+orList(p.env.CACert)+
				", with the server's CA certificate.")
	}
	if s.plainTextToRemote() {
		diags.AddWarning(p.name+" credentials travel unencrypted",
			"The endpoint "+httpx.RedactURL(s.Endpoint)+" is plain http:// on a host that is not loopback, so the "+p.tokenNoun+
				" or password crosses the network readable by anyone on the path. Use https://.")
	}
	return diags
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// proxyPassword is the password of a proxy URL, masked like any credential.
func proxyPassword(proxy string) string {
	u, err := url.Parse(proxy)
	if err != nil || u.User == nil {
		return ""
	}
	pw, _ := u.User.Password()
	return pw
}
