package faynosync

import (
	"net/http"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// Refused says whether err is faynoSync refusing the credentials: HTTP's
// refusals, but for the 401 a login gets on a path faynoSync does not serve,
// which says nothing of the credentials.
func Refused(err error) bool {
	if e, ok := httpx.AsError(err); ok && wrongLoginPath(e) {
		return false
	}
	return httpx.Refused(err)
}

// wrongLoginPath: faynoSync answers a path it does not serve with 401
// "missing authorization header" when the request carries no token, as the
// login does.
func wrongLoginPath(e *httpx.Error) bool {
	return e.Method == http.MethodPost && e.Status == http.StatusUnauthorized &&
		strings.Contains(strings.ToLower(e.Message), "missing authorization header")
}

// Advice tells faynoSync's 401 messages apart (server/utils/auth.go): each
// has a different cure, and "token expired" a different one for an fns_ API
// token and a JWT, which the error's CredentialError tells apart.
func Advice(err error) (summary, advice string, ok bool) {
	e, isHTTP := httpx.AsError(err)
	if !isHTTP || e.Kind != httpx.KindStatus || e.Status != http.StatusUnauthorized {
		return "", "", false
	}
	switch msg := strings.ToLower(e.Message); {
	case strings.Contains(msg, "token expired") && kindIn(err) == KindAPIToken:
		return Name + " API token expired", "The fns_ API token is past its expiry date. API tokens cannot be renewed: " +
			"ask a faynoSync administrator for a new one (POST /token/create).", true
	case strings.Contains(msg, "token expired"):
		return Name + " token expired", "The JWT has expired (faynoSync issues them for 24 hours): log in again for a new one, " +
			"or set username and password so the provider logs in itself.", true
	case strings.Contains(msg, "invalid or expired token"):
		return Name + " API token not recognised", "faynoSync knows no fns_ API token like this one: it was revoked, " +
			"mistyped, or issued by another faynoSync server. Ask a faynoSync administrator for a new one.", true
	case strings.Contains(msg, "invalid token signature"):
		return Name + " token was not signed by this server", "The JWT's signature does not match this server's key: the token is " +
			"damaged (cut short or altered when it was copied) or from another server (another faynoSync, or this one before its " +
			"JWT secret changed). Log in to this server again.", true
	case strings.Contains(msg, "malformed token"), strings.Contains(msg, "invalid token format"):
		return Name + " token is malformed", "The token is neither a JWT nor an fns_ API token as faynoSync issued it: " +
			"check that it was copied whole, without quotes, spaces or a \"Bearer \" prefix.", true
	case wrongLoginPath(e):
		return Name + " login path not found", "faynoSync answers a path it does not serve with \"missing authorization header\" " +
			"when the request carries no token, as a login does: the endpoint's path is probably wrong. faynoSync serves POST /login " +
			"at the root, so the endpoint is http://host:9000 or the address of the proxy in front of it, without a path.", true
	case strings.Contains(msg, "user not found"):
		return Name + " user not found", "faynoSync knows no user of this token's name: the account was deleted, or the token " +
			"comes from another server that shares this one's JWT secret. faynoSync also answers so when its database is " +
			"unreachable (after 30 seconds): if the account exists, check the server's MongoDB.", true
	}
	return "", "", false
}
