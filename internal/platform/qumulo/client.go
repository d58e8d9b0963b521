package qumulo

import (
	"context"
	"encoding/json"
	"net/http"

	"golang.org/x/sync/errgroup"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

const (
	// Name is how messages name the platform.
	Name = "Qumulo"
	// DefaultPort is the REST API port of a Qumulo cluster.
	DefaultPort = 8000

	whoAmIPath = "/v1/session/who-am-i"
	rolesPath  = "/v1/session/roles"
	loginPath  = "/v1/session/login"
)

// Client reads the caller's identity from one cluster.
type Client struct{ http *httpx.Client }

// NewClient wraps an httpx client.
func NewClient(hc *httpx.Client) *Client { return &Client{http: hc} }

// WhoAmI returns the caller's identity. Repeated calls share one request.
// An answer with neither id nor name is not an identity.
func (c *Client) WhoAmI(ctx context.Context) (*WhoAmI, error) {
	w, err := httpx.GetAs[WhoAmI](ctx, c.http, whoAmIPath)
	if err != nil {
		return nil, err
	}
	if (w.ID == nil || *w.ID == "") && (w.Name == nil || *w.Name == "") {
		return nil, c.http.NoIdentity(whoAmIPath, "id and no name")
	}
	return w, nil
}

// Roles returns the names of the caller's roles, including roles held
// through groups. A null answer is an empty list.
func (c *Client) Roles(ctx context.Context) ([]string, error) {
	var roles []string
	if err := c.http.Get(ctx, rolesPath, &roles); err != nil {
		return nil, err
	}
	return roles, nil
}

// WhoAmIAndRoles fetches both answers at once: neither depends on the other,
// so a slow cluster costs one round trip instead of two. Roles are reported,
// not evaluated, so their failure cancels nothing: a who-am-i error wins,
// otherwise a roles error is returned along with who-am-i (see
// RolesUnavailable for the ones a caller can read past).
func (c *Client) WhoAmIAndRoles(ctx context.Context) (*WhoAmI, []string, error) {
	var (
		g     errgroup.Group // no context: a roles failure must not cancel who-am-i
		roles []string
	)
	g.Go(func() (err error) {
		roles, err = c.Roles(ctx)
		return err
	})
	w, err := c.WhoAmI(ctx)
	rolesErr := g.Wait()
	if err != nil {
		return nil, nil, err
	}
	return w, roles, rolesErr
}

// RolesUnavailable reports a roles failure that leaves who-am-i's answer
// whole: the cluster refused the caller its roles (403), has no roles
// endpoint (404), or kept failing (a 5xx after the retries). Roles are
// reported, never evaluated, so the privilege check does not need them. Other
// failures (a 401, a body that is not JSON, a timeout) say something is wrong
// with the connection and stay errors.
func RolesUnavailable(err error) (*httpx.Error, bool) {
	e, ok := httpx.AsError(err)
	if !ok || e.Kind != httpx.KindStatus {
		return nil, false
	}
	return e, e.Status == http.StatusForbidden || e.Status == http.StatusNotFound || e.Status >= http.StatusInternalServerError
}

// Authenticator sends an access token as Bearer, or logs in with username and
// password and sends the session's bearer token.
func Authenticator(cr httpx.Credentials) httpx.Authenticator {
	return httpx.TokenOr("Bearer", cr, httpx.TokenLogin(loginPath, "bearer_token", cr.Username, cr.Password))
}

// DecodeError reads Qumulo's {module, error_class, description} error body.
func DecodeError(body []byte, _ http.Header) (string, []string) {
	var e apiError
	if json.Unmarshal(body, &e) != nil {
		return "", nil
	}
	var codes []string
	if e.ErrorClass != "" {
		codes = []string{e.ErrorClass}
	}
	return e.Description, codes
}
