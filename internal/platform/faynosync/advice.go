package faynosync

import (
	"net/http"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// Advice tells faynoSync's 401 messages apart: each has a different cure.
func Advice(err error) (summary, advice string, ok bool) {
	e, isHTTP := httpx.AsError(err)
	if !isHTTP || e.Kind != httpx.KindStatus || e.Status != http.StatusUnauthorized {
		return "", "", false
	}
	switch msg := strings.ToLower(e.Message); {
	case strings.Contains(msg, "token expired"):
		return Name + " token expired", "The JWT has expired (faynoSync issues them for 24 hours). Use an fns_ API token, " +
			"or set username and password so the provider logs in itself.", true
	case strings.Contains(msg, "invalid token signature"):
		return Name + " token was not signed by this server", "The token's signature does not match this server's key: " +
			"it was issued by another faynoSync server, or the server's JWT secret changed. Log in to this server again.", true
	case strings.Contains(msg, "malformed token"), strings.Contains(msg, "invalid token format"):
		return Name + " token is malformed", "The token is neither a JWT nor an fns_ API token as faynoSync issued it: " +
			"check that it was copied whole, without quotes, spaces or a \"Bearer \" prefix.", true
	}
	return "", "", false
}
