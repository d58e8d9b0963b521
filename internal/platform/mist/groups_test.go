package mist

import (
	"context"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simmist "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/mist"
)

// The group scopes: orgsites covers the org's sites up to its role and, at
// org level, read only on select configurations (unknown) and nothing else;
// sitegroup covers the sites whose sitegroup_ids hold the group; orggroup
// covers the orgs whose orggroup_ids /self shows, and is unknown where /self
// does not show an org's groups.
func TestHolderGroupScopes(t *testing.T) {
	t.Parallel()
	const groupOrgs = "00000000-0000-4000-8000-0000000000e0"
	forbidden := simulator.Fault{Status: 403, Body: `{"detail":"You do not have permission to perform this action."}`}
	srv, client, self := startCloud(t, []simmist.Privilege{
		{"scope": "orgsites", "role": "write", "org_id": orgA, "name": "Org A"},
		{"scope": "sitegroup", "role": "read", "sitegroup_ids": []string{groupEMEA}, "org_id": orgB, "name": "EMEA sites"},
		// Org B's privilege shows its org groups, as org privileges of MSP orgs do.
		{"scope": "org", "role": "read", "org_id": orgB, "msp_id": msp, "orggroup_ids": []string{groupOrgs}},
		{"scope": "orggroup", "role": "admin", "orggroup_ids": []string{groupOrgs}, "msp_id": msp, "name": "Big orgs"},
	}, map[string]simulator.Fault{"/api/v1/sites/" + siteC1: forbidden})
	notVisible := func(where, org string) privilege.Decision {
		return privilege.Undecided(`the caller's orggroup privilege "Big orgs" (admin) may cover it, but whether ` + where +
			` is in that org group is not visible: Mist lists an org's orggroup_ids only on org privileges of MSP orgs, and /self has none for org ` + org)
	}
	want := map[string]privilege.Decision{
		"site:" + siteA1 + ":write": privilege.Grant("held as write on all sites of its org " + orgA + " (orgsites)"),
		"site:" + siteA2 + ":read":  privilege.Grant("write on all sites of its org " + orgA + " (orgsites) covers read"),
		"site:" + siteA1 + ":admin": notVisible("its org "+orgA, orgA),
		"org:" + orgA + ":read": privilege.Undecided("write on all sites of this org (orgsites) gives read access to select organization-level " +
			"configurations only, and Mist does not say which, so whether it covers read on the org is not known"),
		"org:" + orgB + ":admin":    privilege.Grant(`held as admin on the org group ` + groupOrgs + ` ("Big orgs") of this org`),
		"site:" + siteB1 + ":write": privilege.Grant(`admin on the org group ` + groupOrgs + ` ("Big orgs") of its org ` + orgB + ` covers write`),
		"org:" + orgC + ":write":    notVisible("this org", orgC),
		"site:" + siteC1 + ":read":  privilege.Undecided("the site's org could not be read: 403 Forbidden"),
	}
	expectDecisions(t, client, self, want)
	// Each site is looked up once, for its org and its groups alike.
	for _, s := range []string{siteA1, siteA2, siteB1, siteC1} {
		if n := srv.Count("GET", "/api/v1/sites/"+s); n != 1 {
			t.Errorf("GET /api/v1/sites/%s sent %d times, want 1", s, n)
		}
	}
}

// A sitegroup privilege decides a site requirement from the site's groups;
// a site the caller may not read leaves it unknown.
func TestHolderSiteGroup(t *testing.T) {
	t.Parallel()
	forbidden := simulator.Fault{Status: 403, Body: `{"detail":"You do not have permission to perform this action."}`}
	_, client, self := startCloud(t, []simmist.Privilege{
		{"scope": "sitegroup", "role": "write", "sitegroup_ids": []string{groupEMEA}, "name": "EMEA sites"},
	}, map[string]simulator.Fault{"/api/v1/sites/" + siteC1: forbidden})
	want := map[string]privilege.Decision{
		"site:" + siteB1 + ":read": privilege.Grant(`write on its site group ` + groupEMEA + ` ("EMEA sites") covers read`),
		// write cannot cover admin: no lookup is made.
		"site:" + siteB1 + ":admin": privilege.Lack("no privilege on the site, its org or its MSP covers admin"),
		// A site outside the caller's groups is not the caller's to read.
		"site:" + siteA1 + ":write": privilege.Undecided("the site's site groups could not be read: 403 Forbidden"),
		"site:" + siteC1 + ":write": privilege.Undecided("the site's site groups could not be read: 403 Forbidden"),
		"org:" + orgB + ":read":     privilege.Lack("no privilege on the org or its MSP covers read"),
	}
	expectDecisions(t, client, self, want)
}

// What a reason quotes of the server's text is quoted and bounded, and a
// group id that is not a UUID matches nothing.
func TestHolderGroupReasonsQuoteTheServer(t *testing.T) {
	t.Parallel()
	hostile := "EU\x1b[31m" + strings.Repeat("x", 100)
	_, client, self := startCloud(t, []simmist.Privilege{
		{"scope": "sitegroup", "role": "read", "sitegroup_ids": []string{"NOT-A-UUID", groupEMEA}, "name": hostile},
	}, nil)
	req := "site:" + siteB1 + ":read"
	h, err := client.Holder(context.Background(), self, []string{req})
	if err != nil {
		t.Fatal(err)
	}
	want := privilege.Grant(`held as read on its site group ` + groupEMEA + ` ("EU\x1b[31m` + strings.Repeat("x", 57) + `…")`)
	want.Reason = strings.Replace(want.Reason, "\x1b", `\x1b`, 1)
	if got := h.Decide(req); got != want {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

// A parent id that is not a UUID is the server's text, not an id: the
// parent is unknown and the id never reaches a reason.
func TestHolderParentMustBeAUUID(t *testing.T) {
	t.Parallel()
	_, client, self := startCloud(t, []simmist.Privilege{
		grant("org", orgA, "admin", ""),
		{"scope": "site", "role": "read", "site_id": siteA1, "org_id": "acme\x1b[31m"},
	}, nil)
	req := "site:" + siteA1 + ":write"
	h, err := client.Holder(context.Background(), self, []string{req})
	if err != nil {
		t.Fatal(err)
	}
	want := privilege.Undecided("the site's org Mist named is not a UUID")
	if got := h.Decide(req); got != want {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}
