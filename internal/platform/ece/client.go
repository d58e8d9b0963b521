package ece

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

const (
	// Name is how messages name the platform.
	Name = "Elastic Cloud Enterprise"
	// DefaultPort is the coordinator's HTTPS API port.
	DefaultPort = 12443

	userPath  = "/api/v1/user"
	loginPath = "/api/v1/users/auth/_login"
)

// Client reads the caller's identity from one ECE installation.
type Client struct{ http *httpx.Client }

// NewClient wraps an httpx client.
func NewClient(hc *httpx.Client) *Client { return &Client{http: hc} }

// CurrentUser returns the caller. Repeated calls share one request.
// An answer without user_name is not an identity.
func (c *Client) CurrentUser(ctx context.Context) (*User, error) {
	u, err := httpx.GetAs[User](ctx, c.http, userPath)
	if err != nil {
		return nil, err
	}
	if u.UserName == nil || *u.UserName == "" {
		return nil, c.http.NoIdentity(userPath, "user_name")
	}
	return u, nil
}

// Authenticator sends an API key as "ApiKey <key>", or logs in and sends the
// session token as Bearer. Login works for every user, built-in or not, so the
// provider does not use the Basic scheme only the built-in users accept.
func Authenticator(cr httpx.Credentials) httpx.Authenticator {
	return httpx.TokenOr("ApiKey", cr, httpx.TokenLogin(loginPath, "token", cr.Username, cr.Password))
}

// DecodeError reads {"errors":[{"code","message"}]} and the
// x-cloud-error-codes header, which ECE sends even when the body is not JSON.
func DecodeError(body []byte, header http.Header) (string, []string) {
	var codes, messages []string
	var reply failedReply
	if json.Unmarshal(body, &reply) == nil {
		for _, e := range reply.Errors {
			if e.Message != "" {
				messages = append(messages, e.Message)
			}
			if e.Code != "" {
				codes = append(codes, e.Code)
			}
		}
	}
	if len(codes) == 0 {
		for _, c := range strings.Split(header.Get("X-Cloud-Error-Codes"), ",") {
			if c = strings.TrimSpace(c); c != "" {
				codes = append(codes, c)
			}
		}
	}
	return strings.Join(messages, "; "), codes
}
