package mist

import (
	"context"
	"errors"
	"net/url"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

const (
	// Name is how messages name the platform.
	Name = "Juniper Mist"
	// DefaultEndpoint is the global cloud's API host.
	DefaultEndpoint = "https://api.mist.com"
	// DefaultPort is https's.
	DefaultPort = 443

	selfPath  = "/api/v1/self"
	loginPath = "/api/v1/login"
)

// ErrSecondFactor means the account needs a second factor, which the
// provider cannot supply.
var ErrSecondFactor = errors.New("the account requires a second factor (two_factor_required is true, two_factor_passed is false)")

// Client reads the caller's identity from one Mist cloud.
type Client struct{ http *httpx.Client }

// NewClient wraps an httpx client.
func NewClient(hc *httpx.Client) *Client { return &Client{http: hc} }

// Self returns the caller. Repeated calls share one request.
func (c *Client) Self(ctx context.Context) (*Self, error) {
	var s Self
	if err := c.http.Get(ctx, selfPath, &s); err != nil {
		return nil, err
	}
	if deref(s.TwoFactorRequired) && !deref(s.TwoFactorPassed) {
		return nil, ErrSecondFactor
	}
	if deref(s.AdminID) == "" && deref(s.Email) == "" && deref(s.Name) == "" {
		// Not an identity (null, {}).
		return nil, c.http.NoIdentity(selfPath, "admin_id, email or name")
	}
	return &s, nil
}

// site returns GET /sites/<id>, which names the site's org and its site
// groups. The httpx client remembers the answer, so each id costs at most one
// request per client, whichever of the two a requirement needs.
func (c *Client) site(ctx context.Context, siteID string) (*site, error) {
	return httpx.GetAs[site](ctx, c.http, "/api/v1/sites/"+url.PathEscape(siteID))
}

// siteOrg returns the org a site belongs to.
func (c *Client) siteOrg(ctx context.Context, siteID string) (string, error) {
	s, err := c.site(ctx, siteID)
	if err != nil {
		return "", err
	}
	return deref(s.OrgID), nil
}

// orgMsp returns the MSP an org belongs to, "" when none; like siteOrg, at
// most one request per id.
func (c *Client) orgMsp(ctx context.Context, orgID string) (string, error) {
	var o org
	if err := c.http.Get(ctx, "/api/v1/orgs/"+url.PathEscape(orgID), &o); err != nil {
		return "", err
	}
	return deref(o.MspID), nil
}

// Authenticator sends "Token <api_token>", or logs in with email and password
// and keeps the session cookies Mist sets.
func Authenticator(cr httpx.Credentials) httpx.Authenticator {
	return httpx.TokenOr("Token", cr, httpx.Login(func(ctx context.Context, c *httpx.Client) (string, error) {
		var out struct {
			TwoFactorRequired *bool `json:"two_factor_required"`
			TwoFactorPassed   *bool `json:"two_factor_passed"`
		}
		if err := c.Post(ctx, loginPath, map[string]string{"email": cr.Username, "password": cr.Password}, &out); err != nil {
			return "", err
		}
		if deref(out.TwoFactorRequired) && !deref(out.TwoFactorPassed) {
			return "", ErrSecondFactor
		}
		return "", nil // the session lives in the cookie jar
	}))
}

// DecodeError reads {"detail": "..."}.
var DecodeError = httpx.MessageField("detail")

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
