package provider

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// diagnose is the one mapping from errors to diagnostics. The summary names
// the platform and what went wrong; the detail says what happened, what to do,
// and then the raw error.
func diagnose(p *platform, conn *connection, err error) diag.Diagnostic {
	if p.advice != nil {
		if summary, advice, ok := p.advice(err); ok {
			if source := credentialSource(p, conn); source != "" && p.refusedCredentials(err) {
				advice += " " + source
			}
			return diag.NewErrorDiagnostic(summary, advice+"\n\n"+capitalize(err.Error()))
		}
	}
	e, ok := httpx.AsError(err)
	if !ok {
		return diag.NewErrorDiagnostic(p.name+" cannot be used", capitalize(err.Error())+".")
	}
	summary, advice := explain(p, conn, e)
	return diag.NewErrorDiagnostic(summary, advice+"\n\n"+e.Error())
}

// explain turns an HTTP failure into a summary and advice.
func explain(p *platform, conn *connection, e *httpx.Error) (string, string) {
	n := p.name
	switch e.Kind {
	case httpx.KindTimeout:
		if e.RetryAfter > 0 && e.Status != 0 {
			// The server answered, and asked for a wait the timeout cannot cover.
			return n + " asked to wait longer than the timeout", fmt.Sprintf("The server answered %d %s and asked to wait %s before "+
				"trying again (Retry-After), more than the timeout of %s leaves. Wait and plan again, or raise %s.",
				e.Status, http.StatusText(e.Status), e.RetryAfter, e.Timeout, timeoutSource(p, conn))
		}
		return n + " did not answer in time", fmt.Sprintf("No usable answer arrived within the timeout of %s. "+
			"Check that the endpoint is reachable from here, or raise %s.", e.Timeout, timeoutSource(p, conn))
	case httpx.KindTLS:
		if s := conn.settingsOrNil(); s != nil && s.CACertPEM != "" {
			return n + " certificate is not trusted", fmt.Sprintf("The server's TLS certificate could not be verified, "+
				"neither by the system roots nor by %s: check that it holds the CA certificate "+
				"that signed the server's certificate, and that the endpoint's host is one the certificate names.", s.CACertSource)
		}
		return n + " certificate is not trusted", fmt.Sprintf("The server's TLS certificate could not be verified. "+
			"If it is self-signed, set ca_cert_pem in the %s block to its CA certificate, or %s to the certificate or a file holding it.",
			p.key, orList(p.env.CACert))
	case httpx.KindConnection:
		if e.Status != 0 {
			// The server was reached: it answered, then the body broke off.
			return n + " answer was cut off", fmt.Sprintf("The server answered %d but the connection closed before the whole answer arrived. %s "+
				"This is usually a proxy, a load balancer or a restarting server: check the server's health and plan again.", e.Status, retrySummary(p, e, conn))
		}
		if s := conn.settingsOrNil(); s != nil && s.Proxy != "" {
			return "Cannot reach " + n, "The connection failed. " + retrySummary(p, e, conn) + " Requests go through the proxy that " + s.ProxySource +
				" names: check that it is reachable, then the endpoint's host and port, and that the server is running."
		}
		return "Cannot reach " + n, "The connection failed. " + retrySummary(p, e, conn) + " Check the endpoint's host and port, and that the server is running."
	case httpx.KindRequest:
		return n + " request could not be sent", "The provider refused to send it: a value it would put in a header holds a character HTTP does not allow, " +
			"such as a line break inside a session token the server issued. Plan again; if it persists, report it with the server's version."
	case httpx.KindTLSHandshake:
		return n + " TLS handshake failed", "The server and the provider could not agree on a secure connection; the provider requires TLS 1.2 or later. " +
			"Check that the endpoint is the API's HTTPS address and port."
	case httpx.KindNotTLS:
		if s := conn.settingsOrNil(); s != nil && s.BareHostSource != "" {
			return n + " does not speak HTTPS", fmt.Sprintf("%s gives a bare host, to which the provider adds https://, but the server "+
				"answered without TLS. If it serves plain HTTP, write http:// in %s; otherwise check the port.", s.BareHostSource, s.BareHostSource)
		}
		return n + " does not speak HTTPS", "The endpoint is https:// but the server answered without TLS. If it serves plain HTTP, use an http:// endpoint; otherwise check the port."
	case httpx.KindRedirect:
		if e.RedirectLoop() {
			return n + " redirects in a loop", "The server kept redirecting on the same host, more times than the provider follows. " +
				"Set endpoint to the API's final address, and check the server's or proxy's redirect rules."
		}
		return n + " redirected elsewhere", "The server redirected to another host; the provider does not send credentials there. Set endpoint to the final address."
	case httpx.KindNotJSON:
		return n + " answered with something other than JSON", "This is usually a login page, a proxy or a web server in front of the API: check that the endpoint points at the " + n + " API."
	case httpx.KindMalformed:
		return n + " sent a malformed answer", "The answer could not be decoded as the " + n + " API's JSON. Check that the endpoint points at the " + n + " API; if it does, report this with the server's version."
	case httpx.KindNoIdentity:
		return n + " answered without an identity", "The answer to who-am-i names no caller. This is usually a proxy or a stub server answering in the " + n +
			" API's place: check that the endpoint points at the " + n + " API; if it does, report this with the server's version."
	case httpx.KindTooLarge:
		return n + " sent an oversized answer", "The answer is far larger than any identity response; check that the endpoint points at the " + n + " API."
	}
	switch e.Status {
	case http.StatusUnauthorized:
		return n + " rejected the credentials", credentialAdvice(p, conn)
	case http.StatusForbidden:
		return n + " denied the request", "The credentials were accepted but may not make this request. Grant the account the right to read its own identity, or use another account."
	case http.StatusNotFound:
		return n + " API path not found", "Check that the endpoint points at " + article(n) + " " + n + " server and includes no extra path."
	case http.StatusTooManyRequests:
		raise := "max_retries or timeout in the " + p.key + " block"
		if s := conn.settingsOrNil(); s != nil && (s.RetriesSource != p.blockAttr("max_retries") || s.TimeoutSource != p.blockAttr("timeout")) {
			raise = s.RetriesSource + " or " + s.TimeoutSource
		}
		return n + " rate limit reached", fmt.Sprintf("The server answered 429 Too Many Requests. %s Wait and plan again, or raise %s.",
			retrySummary(p, e, conn), raise)
	}
	if e.Status >= 500 {
		return n + " server error", "The server answered with an error. " + retrySummary(p, e, conn) + " Check the server's health and plan again."
	}
	return n + " request failed", "The server refused the request."
}

// refusedCredentials says whether err is the server refusing the
// credentials, as the platform tells, or else as HTTP does.
func (p *platform) refusedCredentials(err error) bool {
	if p.refused != nil {
		return p.refused(err)
	}
	return httpx.Refused(err)
}

// credentialSource is one sentence naming where the refused credential
// came from (and the user), never its value, to follow a platform's advice:
// credentialAdvice's words, without its advice.
func credentialSource(p *platform, conn *connection) string {
	switch s := conn.settingsOrNil(); {
	case s == nil:
		return ""
	case s.Creds.Token != "":
		return credentialPhrase(p, s) + "."
	default:
		return credentialPhrase(p, s) + " were sent."
	}
}

// credentialPhrase: "The API key came from the EC_API_KEY environment
// variable", or `The user name "ci" and its password (from ...)`.
func credentialPhrase(p *platform, s *settings) string {
	if s.Creds.Token != "" {
		return fmt.Sprintf("The %s came from %s", p.tokenNoun, s.TokenSource)
	}
	return fmt.Sprintf("The user name %q and its password (from %s)", shown(s.Creds.Username), s.PasswordSource)
}

// retrySummary is e's retry sentence, naming the variable that set the
// retry limit when one did.
func retrySummary(p *platform, e *httpx.Error, conn *connection) string {
	if s := conn.settingsOrNil(); s != nil && s.RetriesSource != p.blockAttr("max_retries") {
		return e.RetrySummaryFor(s.RetriesSource)
	}
	return e.RetrySummary()
}

// credentialAdvice says where the rejected credential came from, without it.
func credentialAdvice(p *platform, conn *connection) string {
	if conn == nil || conn.settings == nil {
		return "Check the credentials."
	}
	if conn.settings.Creds.Token != "" {
		return credentialPhrase(p, conn.settings) + "; check that it is correct and has not expired or been revoked."
	}
	return credentialPhrase(p, conn.settings) + " were not accepted; check them, and that the account is not locked."
}

// timeoutSource names where the timeout of conn was set, so that advice to
// raise it points there: "timeout in the ece block", or the variable.
func timeoutSource(p *platform, conn *connection) string {
	if s := conn.settingsOrNil(); s != nil {
		return s.TimeoutSource
	}
	return p.blockAttr("timeout")
}

// settingsOrNil is conn's settings, nil when there are none.
func (conn *connection) settingsOrNil() *settings {
	if conn == nil {
		return nil
	}
	return conn.settings
}

// article is "a" or "an" before a platform's name ("an AWX", "a Qumulo").
func article(name string) string {
	if name != "" && strings.ContainsRune("AEIOUaeiou", rune(name[0])) {
		return "an"
	}
	return "a"
}

// overrun is the timeout error of a read whose answer arrived in time but
// whose processing did not finish before the timeout.
func overrun(p *platform, conn *connection) diag.Diagnostic {
	return diag.NewErrorDiagnostic(p.name+" did not answer in time", fmt.Sprintf("No usable answer arrived within the timeout of %s: "+
		"the answer was too large to read in the time left. Raise %s.", conn.settings.Timeout, timeoutSource(p, conn)))
}
