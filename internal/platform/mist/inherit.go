package mist

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

// maxConcurrentEvaluations bounds how many requirements Holder evaluates at
// once, and so how many lookups are in flight.
const maxConcurrentEvaluations = 8

// Holder decides required against s: granted by a privilege on the object
// itself with a covering role, by an org or orgsites privilege on a site's
// org, by a sitegroup privilege on a group the site is in, by an orggroup
// privilege on a group an org (or a site's org) is in, or by an msp privilege
// on an org's (or a site's org's) MSP. The parent of an object comes from the
// ids /self already carries; only when a parent or group privilege could
// decide a requirement does it cost one GET /sites/<id> or /orgs/<id>, at most
// once per id per provider instance. A parent or membership the caller cannot
// see (403, 404, an org whose orggroup_ids /self does not list) leaves the
// requirement unknown, as does a role or scope newer than the provider that
// could cover it. Any other failed lookup fails Holder with the first error.
func (c *Client) Holder(ctx context.Context, s *Self, required []string) (privilege.Holder, error) {
	r := resolver{client: c, self: s}
	// Requirements are decided concurrently so that lookups of different sites
	// and orgs overlap (the httpx client's memo merges lookups of the same id).
	// The group has no context on purpose: a failed lookup must not cancel the
	// others, whose answers the memo keeps for the provider instance; the first
	// error is returned once every evaluation has ended.
	var g errgroup.Group
	g.SetLimit(maxConcurrentEvaluations)
	decisions := make([]privilege.Decision, len(required))
	for i, req := range required {
		parsed, err := ParseRequirement(req)
		if err != nil {
			decisions[i] = privilege.Undecided("not a Mist privilege: " + err.Error())
			continue
		}
		g.Go(func() error {
			var err error
			decisions[i], err = r.decide(ctx, parsed)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	byRequirement := make(map[string]privilege.Decision, len(required))
	for i, req := range required {
		byRequirement[req] = decisions[i]
	}
	return privilege.HolderFunc(func(req string) privilege.Decision {
		if d, ok := byRequirement[req]; ok {
			return d
		}
		return privilege.Undecided("not among the requirements Holder was given")
	}), nil
}

type resolver struct {
	client *Client
	self   *Self
}

// decide walks from the object up to its org and MSP; the strongest decision
// wins (granted, then unknown, then missing).
func (r resolver) decide(ctx context.Context, req Requirement) (privilege.Decision, error) {
	best := r.on(req.Scope, req.ID, req.Role, "this "+req.Scope)
	if best.State == privilege.Granted {
		return best, nil
	}
	orgID, mspOf, orgWhere := "", "its MSP", "this org"
	if req.Scope == "site" && r.couldCover(req.Role, "org", "msp", "orgsites", "orggroup") {
		id, unknown, err := r.parentOfSite(ctx, req.ID)
		switch {
		case err != nil:
			return privilege.Decision{}, err
		case unknown != "":
			best = stronger(best, privilege.Undecided(unknown))
		case id != "":
			orgID, mspOf, orgWhere = id, "the MSP of its org "+id, "its org "+id
			best = stronger(best, r.on("org", id, req.Role, "its org "+id))
			best = stronger(best, r.onOrgSites(id, req.Role))
		}
	}
	if req.Scope == "site" && best.State != privilege.Granted && r.couldCover(req.Role, "sitegroup") {
		d, err := r.bySiteGroup(ctx, req.ID, req.Role)
		if err != nil {
			return privilege.Decision{}, err
		}
		best = stronger(best, d)
	}
	if req.Scope == "org" {
		orgID = req.ID
		best = stronger(best, r.orgSitesOnOrg(req.ID, req.Role))
	}
	if best.State != privilege.Granted && orgID != "" && r.couldCover(req.Role, "orggroup") {
		best = stronger(best, r.byOrgGroup(orgID, req.Role, orgWhere))
	}
	if best.State != privilege.Granted && orgID != "" && r.couldCover(req.Role, "msp") {
		id, unknown, err := r.parentOfOrg(ctx, orgID)
		switch {
		case err != nil:
			return privilege.Decision{}, err
		case unknown != "":
			best = stronger(best, privilege.Undecided(unknown))
		case id != "":
			best = stronger(best, r.on("msp", id, req.Role, mspOf+" "+id))
		}
	}
	if best.State != privilege.Granted {
		best = stronger(best, r.unevaluated(req))
	}
	if best.State == 0 {
		return privilege.Lack(fmt.Sprintf("no privilege on %s covers %s", chain(req.Scope), req.Role)), nil
	}
	return best, nil
}

// on decides need from the privileges on one object (where names it in the
// reason): granted by a covering role, unknown by a role newer than the
// provider, missing by a role that does not cover it, or no decision when the
// caller has no privilege there.
func (r resolver) on(scope, id, need, where string) privilege.Decision {
	return r.onEach(func(p Privilege) bool { return deref(p.Scope) == scope && objectID(p) == id && id != "" },
		func(Privilege) string { return where }, need)
}

// onEach is on for the privileges match picks, where naming each one's object.
func (r resolver) onEach(match func(Privilege) bool, whereOf func(Privilege) string, need string) privilege.Decision {
	var best privilege.Decision
	for _, p := range r.self.Privileges {
		if !match(p) {
			continue
		}
		held, where := deref(p.Role), whereOf(p)
		var d privilege.Decision
		switch coverage(held, need) {
		case privilege.Granted:
			if held == need {
				d = privilege.Grant(fmt.Sprintf("held as %s on %s", held, where))
			} else {
				d = privilege.Grant(fmt.Sprintf("%s on %s covers %s", held, where, need))
			}
		case privilege.Unknown:
			if slices.Contains(KnownRoles, held) {
				d = privilege.Undecided(fmt.Sprintf("%s is a role the provider does not know, so whether %s on %s covers it is not known", need, held, where))
			} else {
				d = privilege.Undecided(fmt.Sprintf("the role %q on %s is one the provider does not know, so whether it covers %s is not known", held, where, need))
			}
		default:
			d = privilege.Lack(fmt.Sprintf("%s on %s does not cover %s", held, where, need))
		}
		best = stronger(best, d)
	}
	return best
}

// couldCover reports any privilege of one of scopes whose role might cover
// need: without one, no lookup of a parent can change the decision.
func (r resolver) couldCover(need string, scopes ...string) bool {
	for _, p := range r.self.Privileges {
		if slices.Contains(scopes, deref(p.Scope)) && coverage(deref(p.Role), need) != privilege.Missing {
			return true
		}
	}
	return false
}

// unevaluated is unknown when the caller holds a privilege of a scope newer
// than the provider whose role could cover req: it may reach anything.
func (r resolver) unevaluated(req Requirement) privilege.Decision {
	for _, p := range r.self.Privileges {
		scope := deref(p.Scope)
		if scope == "" || slices.Contains(KnownScopes, scope) || slices.Contains(groupScopes, scope) ||
			coverage(deref(p.Role), req.Role) == privilege.Missing {
			continue
		}
		return privilege.Undecided(fmt.Sprintf("the caller's %s privilege %q (%s) may cover it, and the provider does not evaluate %s privileges",
			scope, deref(p.Name), deref(p.Role), scope))
	}
	return privilege.Decision{}
}

// stronger returns the stronger of two decisions: granted over unknown over
// missing over none.
func stronger(a, b privilege.Decision) privilege.Decision {
	rank := map[privilege.State]int{privilege.Granted: 3, privilege.Unknown: 2, privilege.Missing: 1}
	if rank[b.State] > rank[a.State] {
		return b
	}
	return a
}

// chain names an object and the parents that could grant on it.
func chain(scope string) string {
	switch scope {
	case "site":
		return "the site, its org or its MSP"
	case "org":
		return "the org or its MSP"
	}
	return "the " + scope
}

// parentOfSite returns the org of a site, from /self when a privilege names
// both, or else from one lookup; unknown says why the parent cannot be known.
func (r resolver) parentOfSite(ctx context.Context, siteID string) (id, unknown string, err error) {
	return r.parent(ctx, siteID, func(p Privilege) (*string, *string) { return p.SiteID, p.OrgID }, r.client.siteOrg, "the site's org")
}

// parentOfOrg returns the MSP of an org, "" for none, likewise.
func (r resolver) parentOfOrg(ctx context.Context, orgID string) (id, unknown string, err error) {
	return r.parent(ctx, orgID, func(p Privilege) (*string, *string) { return p.OrgID, p.MspID }, r.client.orgMsp, "the org's MSP")
}

// parent finds the parent of the object id: ids picks a privilege's object
// and parent ids, lookup asks the API, what names the parent for reasons.
func (r resolver) parent(ctx context.Context, id string, ids func(Privilege) (object, parent *string),
	lookup func(context.Context, string) (string, error), what string) (string, string, error) {
	for _, p := range r.self.Privileges {
		if object, parent := ids(p); strings.EqualFold(deref(object), id) && deref(parent) != "" {
			return uuidOnly(what, strings.ToLower(deref(parent)), "", nil)
		}
	}
	found, err := lookup(ctx, id)
	parent, unknown, err := lookedUp(what, found, err)
	return uuidOnly(what, parent, unknown, err)
}

// uuidOnly passes a parent id on only when it is a UUID, as Mist's ids are:
// reasons quote it, and anything else is the server's text. Another id
// leaves the parent unknown.
func uuidOnly(what, id, unknown string, err error) (string, string, error) {
	if id != "" && !uuidShape.MatchString(id) {
		return "", what + " Mist named is not a UUID", err
	}
	return id, unknown, err
}

// lookedUp turns "you may not see that object" (403, 404) into an unknown
// parent; any other failure stays an error.
func lookedUp(what, id string, err error) (string, string, error) {
	if e, ok := httpx.AsError(err); ok && e.Kind == httpx.KindStatus &&
		(e.Status == http.StatusForbidden || e.Status == http.StatusNotFound) {
		return "", fmt.Sprintf("%s could not be read: %d %s", what, e.Status, http.StatusText(e.Status)), nil
	}
	return strings.ToLower(id), "", err
}
