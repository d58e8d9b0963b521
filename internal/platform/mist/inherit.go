package mist

import (
	"context"
	"net/http"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

// maxConcurrentEvaluations bounds how many requirements Holder evaluates at
// once, and so how many lookups are in flight.
const maxConcurrentEvaluations = 8

// Holder evaluates required against s: a grant on the object itself with a
// covering role, or an org grant covering the org's sites, or an msp grant
// covering the msp's orgs and their sites. The parent of an object comes from
// the ids /self already carries; only when a requirement can be satisfied no
// other way does it cost one GET /sites/<id> or /orgs/<id>, at most once per
// id per provider instance. A lookup the caller may not make (403, 404) means
// the parent is unknown: nothing is inferred and the requirement is not
// satisfied. Any other failed lookup fails Holder with the first error.
func (c *Client) Holder(ctx context.Context, s *Self, required []string) (privilege.Holder, error) {
	r := resolver{client: c, self: s}
	// Requirements are evaluated concurrently so that lookups of different
	// sites and orgs overlap (the httpx client's memo merges lookups of the
	// same id). The group has no context on purpose: a failed lookup must not
	// cancel the others, whose answers the memo keeps for the provider
	// instance; the first error is returned once every evaluation has ended.
	var g errgroup.Group
	g.SetLimit(maxConcurrentEvaluations)
	results := make([]bool, len(required)) // whether required[i] is satisfied
	for i, req := range required {
		parsed, err := ParseRequirement(req)
		if err != nil {
			continue // a malformed requirement is never satisfied
		}
		g.Go(func() error {
			var err error
			results[i], err = r.satisfies(ctx, parsed)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	var satisfied []string
	for i, req := range required {
		if results[i] {
			satisfied = append(satisfied, req)
		}
	}
	return privilege.NewSet(satisfied), nil
}

type resolver struct {
	client *Client
	self   *Self
}

func (r resolver) satisfies(ctx context.Context, req Requirement) (bool, error) {
	if r.holds(req.Scope, req.ID, req.Role) {
		return true, nil
	}
	switch req.Scope {
	case "site":
		if !r.holdsAny("org", req.Role) && !r.holdsAny("msp", req.Role) {
			return false, nil
		}
		orgID, err := r.parentOfSite(ctx, req.ID)
		if err != nil || orgID == "" {
			return false, err
		}
		return r.satisfies(ctx, Requirement{Scope: "org", ID: orgID, Role: req.Role})
	case "org":
		if !r.holdsAny("msp", req.Role) {
			return false, nil
		}
		mspID, err := r.parentOfOrg(ctx, req.ID)
		if err != nil || mspID == "" {
			return false, err
		}
		return r.holds("msp", mspID, req.Role), nil
	}
	return false, nil
}

// holds reports a grant on exactly this object with a covering role.
func (r resolver) holds(scope, id, role string) bool {
	for _, p := range r.self.Privileges {
		if deref(p.Scope) == scope && objectID(p) == id && roleCovers(deref(p.Role), role) {
			return true
		}
	}
	return false
}

// holdsAny reports any grant of scope with a covering role: without one, no
// lookup can help.
func (r resolver) holdsAny(scope, role string) bool {
	for _, p := range r.self.Privileges {
		if deref(p.Scope) == scope && roleCovers(deref(p.Role), role) {
			return true
		}
	}
	return false
}

func (r resolver) parentOfSite(ctx context.Context, siteID string) (string, error) {
	for _, p := range r.self.Privileges {
		if strings.EqualFold(deref(p.SiteID), siteID) && deref(p.OrgID) != "" {
			return strings.ToLower(deref(p.OrgID)), nil
		}
	}
	id, err := r.client.siteOrg(ctx, siteID)
	return strings.ToLower(id), unlessForbidden(err)
}

func (r resolver) parentOfOrg(ctx context.Context, orgID string) (string, error) {
	for _, p := range r.self.Privileges {
		if strings.EqualFold(deref(p.OrgID), orgID) && deref(p.MspID) != "" {
			return strings.ToLower(deref(p.MspID)), nil
		}
	}
	id, err := r.client.orgMsp(ctx, orgID)
	return strings.ToLower(id), unlessForbidden(err)
}

// unlessForbidden turns "you may not see that object" into "unknown parent".
func unlessForbidden(err error) error {
	if e, ok := httpx.AsError(err); ok && e.Kind == httpx.KindStatus &&
		(e.Status == http.StatusForbidden || e.Status == http.StatusNotFound) {
		return nil
	}
	return err
}
