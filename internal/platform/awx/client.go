package awx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

const (
	// Name is how messages name the platform.
	Name = "AWX"
	// DefaultPort is https's.
	DefaultPort = 443

	// maxPages bounds role pagination: 1,000 pages of 200 roles is far past
	// any real user (the benchmark reads 100,000 roles, 500 pages), and a
	// server whose "next" never ends must not run a plan into its timeout.
	maxPages = 1000
	pageSize = 200
)

// Client reads the caller's identity from one controller.
type Client struct{ http *httpx.Client }

// NewClient wraps an httpx client.
func NewClient(hc *httpx.Client) *Client { return &Client{http: hc} }

// BasePath discovers where the controller API lives: /api/v2/ on AWX, the
// controller entry of /api/'s "apis" plus v2/ on Ansible Automation Platform
// 2.5 and later.
func (c *Client) BasePath(ctx context.Context) (string, error) {
	var root apiRoot
	if err := c.http.Get(ctx, "/api/", &root); err != nil {
		return "", err
	}
	if controller, ok := root.APIs["controller"]; ok && controller != "" {
		return strings.TrimSuffix(c.http.Relative(controller), "/") + "/v2/", nil
	}
	if root.CurrentVersion != nil && *root.CurrentVersion != "" {
		return c.http.Relative(*root.CurrentVersion), nil
	}
	return "", fmt.Errorf("GET %s names neither current_version (AWX) nor apis.controller (Ansible Automation Platform): "+
		"check that the endpoint points at a controller", c.http.URL("/api/"))
}

// bases are where a controller's API lives: AWX's current_version and
// Ansible Automation Platform 2.5+'s apis.controller plus v2/.
var bases = []string{"/api/v2/", "/api/controller/v2/"}

// basePathAsking is BasePath, with each of paths (relative to the base, ""
// for the version root) asked beside GET /api/ under both bases, so that
// discovery adds no round trip to the request that needs it. GET /api/ still
// decides: the answers under the base it names are remembered for the calls
// that follow; those under the other base (one wasted request each, usually
// a 404 from the same web server) are never read. It returns once the
// answers under the right base are in and the wasted ones too, or once
// waiting for these has taken as long again as the rest, whichever is first:
// a read sends the same requests every time, and a slow wrong base costs it
// at most one more round trip.
func (c *Client) basePathAsking(ctx context.Context, paths ...string) (string, error) {
	start := time.Now()
	var wg sync.WaitGroup
	for _, b := range bases {
		for _, p := range paths {
			wg.Go(func() {
				var ignored json.RawMessage
				_ = c.http.Get(ctx, b+p, &ignored) // the answer stays in the client's memo
			})
		}
	}
	base, err := c.BasePath(ctx)
	if err != nil {
		return "", err
	}
	for _, p := range paths {
		var ignored json.RawMessage
		_ = c.http.Get(ctx, base+p, &ignored) // its error is the caller's to read
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	grace := time.NewTimer(time.Since(start))
	defer grace.Stop()
	select {
	case <-done:
	case <-grace.C:
	case <-ctx.Done():
	}
	return base, nil
}

// Me returns the caller. Repeated calls share their requests.
func (c *Client) Me(ctx context.Context) (*User, error) {
	base, err := c.basePathAsking(ctx, "me/")
	if err != nil {
		return nil, err
	}
	var p page[User]
	if err := c.http.Get(ctx, base+"me/", &p); err != nil {
		return nil, err
	}
	if len(p.Results) == 0 || len(p.Results) == 1 && p.Results[0].ID == nil {
		// null, {} or a user without an id: not an identity.
		return nil, c.http.NoIdentity(base+"me/", "user with an id")
	}
	if len(p.Results) != 1 || p.Results[0].ID == nil {
		return nil, fmt.Errorf("GET %s returned %d users with an id, not the one caller", c.http.URL(base+"me/"), len(p.Results))
	}
	return &p.Results[0], nil
}

// IsForbidden reports a 403, which a roles list answers to a caller who may
// not list its own roles.
func IsForbidden(err error) bool {
	e, ok := httpx.AsError(err)
	return ok && e.Kind == httpx.KindStatus && e.Status == http.StatusForbidden
}

// Authenticator sends the token as Bearer, the way AWX and every AAP
// version accept it (on AAP 2.5+ a token the gateway issued). Username and
// password go as HTTP Basic, which AWX and AAP 2.5/2.6 accept on the API;
// when a controller behind an AAP gateway answers them 401 (AAP 2.7 refuses
// Basic), the request fails at once with ErrGatewayToken, not as a plain
// rejection.
func Authenticator(cr httpx.Credentials) httpx.Authenticator {
	if cr.Token != "" {
		return httpx.TokenOr("Bearer", cr, nil)
	}
	return &basic{Authenticator: httpx.Basic(cr.Username, cr.Password)}
}

// ErrGatewayToken is a username and password an AAP gateway refused.
var ErrGatewayToken = errors.New("the Ansible Automation Platform controller behind a gateway refused the username and password (401); " +
	"AAP 2.7 and later accept only OAuth2 tokens issued by the platform gateway")

// basic is HTTP Basic that, on a 401, asks GET /api/ (already answered:
// it is the first request of every read) whether a gateway fronts the
// controller.
type basic struct{ httpx.Authenticator }

func (b *basic) Renew(ctx context.Context, c *httpx.Client, generation int) (bool, error) {
	var root apiRoot
	if err := c.Get(ctx, "/api/", &root); err == nil && root.APIs["gateway"] != "" {
		return false, ErrGatewayToken
	}
	return b.Authenticator.Renew(ctx, c, generation)
}

// Refused says whether err is AWX refusing the credentials: HTTP's refusals,
// and the gateway's refusal of Basic (ErrGatewayToken).
func Refused(err error) bool { return errors.Is(err, ErrGatewayToken) || httpx.Refused(err) }

// Advice explains ErrGatewayToken.
func Advice(err error) (summary, advice string, ok bool) {
	if !errors.Is(err, ErrGatewayToken) {
		return "", "", false
	}
	// The 401 cannot tell a wrong password from AAP 2.7's refusal of Basic:
	// AAP 2.5 and 2.6 accept Basic behind the same gateway. So the summary
	// claims neither.
	return "Ansible Automation Platform refused the username and password",
		"The controller is behind an AAP gateway and refused HTTP Basic. Either the user name or password is wrong, or this is " +
			"AAP 2.7 or later, which removed Basic and session authentication from the API. Check them; on AAP 2.7 or later, create an OAuth2 " +
			"token on the gateway (the AAP UI: Access Management → Users → Tokens, or POST /api/gateway/v1/tokens/) and set token in " +
			"the awx block, or AAP_TOKEN or CONTROLLER_OAUTH_TOKEN, instead of username and password.", true
}

// DecodeError reads {"detail": "..."}.
var DecodeError = httpx.MessageField("detail")
