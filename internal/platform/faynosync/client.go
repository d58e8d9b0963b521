package faynosync

import (
	"context"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

const (
	// Name is how messages name the platform.
	Name = "faynoSync"
	// DefaultPort is the server's default listening port.
	DefaultPort = 9000

	whoAmIPath = "/whoami"
	loginPath  = "/login"
)

// Client reads the caller's identity from one faynoSync server.
type Client struct{ http *httpx.Client }

// NewClient wraps an httpx client.
func NewClient(hc *httpx.Client) *Client { return &Client{http: hc} }

// WhoAmI returns the caller. Repeated calls share one request.
func (c *Client) WhoAmI(ctx context.Context) (*WhoAmI, error) {
	return httpx.GetAs[WhoAmI](ctx, c.http, whoAmIPath)
}

// Authenticator sends a JWT or fns_ API token as Bearer, or logs in at
// POST /login and sends the JWT it returns, logging in again once when the
// server answers 401 (a JWT lives 24 hours).
func Authenticator(cr httpx.Credentials) httpx.Authenticator {
	return httpx.TokenOr("Bearer", cr, httpx.TokenLogin(loginPath, "token", cr.Username, cr.Password))
}

// DecodeError reads {"error": "..."}.
var DecodeError = httpx.MessageField("error")
