package mist

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

// groupScopes are the scopes that grant on a set of objects rather than one,
// which requirements cannot name but Holder evaluates: all sites of an org
// (orgsites), the sites of a site group (sitegroup), the orgs of an org group
// (orggroup).
var groupScopes = []string{"orgsites", "sitegroup", "orggroup"}

// onOrgSites decides need on a site of orgID from the caller's orgsites
// privileges on that org: Juniper's docs give orgsites "write access to all
// sites", so its role covers the org's sites like a site privilege would.
func (r resolver) onOrgSites(orgID, need string) privilege.Decision {
	return r.onEach(func(p Privilege) bool {
		return deref(p.Scope) == "orgsites" && strings.EqualFold(deref(p.OrgID), orgID)
	},
		func(Privilege) string { return "all sites of its org " + orgID + " (orgsites)" }, need)
}

// orgSitesOnOrg decides need on the org itself from the caller's orgsites
// privileges on it. Juniper's docs give orgsites "read access to select
// organization-level configurations": which ones they do not say, so read on
// the org is unknown, and any other org-level role is not granted.
func (r resolver) orgSitesOnOrg(orgID, need string) privilege.Decision {
	var best privilege.Decision
	for _, p := range r.self.Privileges {
		if deref(p.Scope) != "orgsites" || !strings.EqualFold(deref(p.OrgID), orgID) {
			continue
		}
		if need == "read" || !slices.Contains(KnownRoles, need) {
			best = stronger(best, privilege.Undecided(fmt.Sprintf("%s on all sites of this org (orgsites) gives read access to select "+
				"organization-level configurations only, and Mist does not say which, so whether it covers %s on the org is not known",
				roleName(deref(p.Role)), need)))
			continue
		}
		best = stronger(best, privilege.Lack(fmt.Sprintf("%s on all sites of this org (orgsites) grants the org's sites, "+
			"not %s on the org itself", roleName(deref(p.Role)), need)))
	}
	return best
}

// bySiteGroup decides need on a site from the caller's sitegroup privileges:
// granted when the site's sitegroup_ids, from GET /sites/<id> (the lookup
// that also names its org), hold a group of a privilege whose role covers it.
func (r resolver) bySiteGroup(ctx context.Context, siteID, need string) (privilege.Decision, error) {
	s, err := r.client.site(ctx, siteID)
	if _, unknown, err := lookedUp("the site's site groups", "", err); err != nil || unknown != "" {
		return privilege.Undecided(unknown), err
	}
	groups := lower(s.SitegroupIDs)
	return r.onEach(func(p Privilege) bool { return deref(p.Scope) == "sitegroup" && shared(p.SitegroupIDs, groups) != "" },
		func(p Privilege) string {
			return fmt.Sprintf("its site group %s (%s)", shared(p.SitegroupIDs, groups), label(deref(p.Name)))
		}, need), nil
}

// byOrgGroup decides need on orgID (where names it: "this org" or "its org
// <id>") from the caller's orggroup privileges. Mist shows an org's groups
// only as the orggroup_ids of the caller's org privileges on an MSP's org;
// when /self lists none for orgID, the membership is not visible and a
// privilege that could cover need makes it unknown.
func (r resolver) byOrgGroup(orgID, need, where string) privilege.Decision {
	var groups []string
	visible := false
	for _, p := range r.self.Privileges {
		if deref(p.Scope) == "org" && strings.EqualFold(deref(p.OrgID), orgID) && p.OrggroupIDs != nil {
			visible, groups = true, append(groups, lower(p.OrggroupIDs)...)
		}
	}
	if !visible {
		for _, p := range r.self.Privileges {
			if deref(p.Scope) == "orggroup" && coverage(deref(p.Role), need) != privilege.Missing {
				return privilege.Undecided(fmt.Sprintf("the caller's orggroup privilege %s (%s) may cover it, but whether %s is in "+
					"that org group is not visible: Mist lists an org's orggroup_ids only on org privileges of MSP orgs, and /self "+
					"has none for org %s", label(deref(p.Name)), roleName(deref(p.Role)), where, orgID))
			}
		}
		return privilege.Decision{}
	}
	return r.onEach(func(p Privilege) bool { return deref(p.Scope) == "orggroup" && shared(p.OrggroupIDs, groups) != "" },
		func(p Privilege) string {
			return fmt.Sprintf("the org group %s (%s) of %s", shared(p.OrggroupIDs, groups), label(deref(p.Name)), where)
		}, need)
}

// uuidShape is the shape of a Mist id in lower case: only group and parent
// ids of that shape are used, so what a reason quotes of them is a plain UUID.
var uuidShape = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// shared returns the first id of ids that groups (lower case) holds, "" for none.
func shared(ids, groups []string) string {
	for _, id := range ids {
		if id = strings.ToLower(id); uuidShape.MatchString(id) && slices.Contains(groups, id) {
			return id
		}
	}
	return ""
}

// label quotes a privilege's name for a reason, cut to a bounded length: it
// is the server's text.
func label(name string) string {
	if r := []rune(name); len(r) > 64 {
		name = string(r[:64]) + "…"
	}
	return fmt.Sprintf("%q", name)
}

func lower(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, strings.ToLower(id))
	}
	return out
}

// roleName is a role for a reason: a known one as is, any other quoted.
func roleName(role string) string {
	if slices.Contains(KnownRoles, role) {
		return role
	}
	return label(role)
}
