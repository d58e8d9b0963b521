package awx

import (
	"context"
	"fmt"
	"net/http"
	"strings"

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

// Me returns the caller. Repeated calls share their requests.
func (c *Client) Me(ctx context.Context) (*User, error) {
	base, err := c.BasePath(ctx)
	if err != nil {
		return nil, err
	}
	var p page[User]
	if err := c.http.Get(ctx, base+"me/", &p); err != nil {
		return nil, err
	}
	if len(p.Results) != 1 || p.Results[0].ID == nil {
		return nil, fmt.Errorf("GET %s returned %d users with an id, not the one caller", c.http.URL(base+"me/"), len(p.Results))
	}
	return &p.Results[0], nil
}

// Roles returns every role of the user, following "next" across pages.
func (c *Client) Roles(ctx context.Context, userID int64) ([]Role, error) {
	base, err := c.BasePath(ctx)
	if err != nil {
		return nil, err
	}
	next := fmt.Sprintf("%susers/%d/roles/?page_size=%d", base, userID, pageSize)
	var roles []Role
	seen := map[string]bool{}
	for pages := 0; next != ""; pages++ {
		if pages == maxPages || seen[next] {
			return nil, fmt.Errorf("GET %s: the role list did not end after %d pages", c.http.URL(next), pages)
		}
		seen[next] = true
		var p page[Role]
		if err := c.http.Get(ctx, next, &p); err != nil {
			return nil, err
		}
		roles = append(roles, p.Results...)
		next = ""
		if p.Next != nil && *p.Next != "" {
			if next = c.http.Relative(*p.Next); next == "" {
				return nil, fmt.Errorf("the role list's next page %q is on another host; refusing to follow it", *p.Next)
			}
		}
	}
	return roles, nil
}

// IsForbidden reports a 403, which a roles list answers to a caller who may
// not list its own roles.
func IsForbidden(err error) bool {
	e, ok := httpx.AsError(err)
	return ok && e.Kind == httpx.KindStatus && e.Status == http.StatusForbidden
}

// Authenticator sends the token as Bearer, or username and password as HTTP
// Basic, which every controller accepts on its API.
func Authenticator(cr httpx.Credentials) httpx.Authenticator {
	return httpx.TokenOr("Bearer", cr, httpx.Basic(cr.Username, cr.Password))
}

// DecodeError reads {"detail": "..."}.
var DecodeError = httpx.MessageField("detail")
