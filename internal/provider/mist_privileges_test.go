package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	simmist "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/mist"
)

// mistCheck plans once with required and the provider block of the endpoint
// and reports missing plus the lookups made; unknown and reasons too, through
// mistDecide.
func mistCheck(t *testing.T, block func(endpoint string) string, required ...string) (missing string, requests string) {
	t.Helper()
	missing, _, requests = mistDecide(t, block, required...)
	return missing, requests
}

// mistDecide is mistCheck with unknown, as "requirement: reason" lines.
func mistDecide(t *testing.T, block func(endpoint string) string, required ...string) (missing, unknown, requests string) {
	t.Helper()
	srv, _ := startMist(t)
	out := planOnce(t, block(srv.URL)+fmt.Sprintf(`
data "whoami_mist_current_privileges" "p" {
  required = %s
}
output "missing" { value = join(",", sort(data.whoami_mist_current_privileges.p.missing)) }
output "unknown" {
  value = join(";", [for r in sort(data.whoami_mist_current_privileges.p.unknown) : "${r}: ${data.whoami_mist_current_privileges.p.reasons[r]}"])
}
`, hclList(required)))
	return outputValue(t, out, "missing"), outputValue(t, out, "unknown"), mistRequests(srv)
}

// jsnow reads with the demo user token, mspAdmin logs in as the MSP admin.
func jsnow(endpoint string) string { return providerBlock("mist", tokenAttrs("mist", endpoint)) }

func mspAdmin(endpoint string) string { return providerBlock("mist", loginAttrs("mist", endpoint)) }

func orgToken(endpoint string) string { return mistTokenBlock(endpoint, simmist.OrgToken) }

func TestMistPrivileges_userToken(t *testing.T) {
	t.Parallel()
	srv, _ := startMist(t)
	readOnce(t, jsnow(srv.URL)+fmt.Sprintf(`
data "whoami_mist_current_privileges" "p" {
  required = ["org:%s:write", "site:%s:read"]
  enforce  = true
}`, simmist.OrgAcme, simmist.SiteBerlin),
		at(mistPrivAddr, "id", str("456b7016-a916-a4b1-78dd-72b947c152b7")),
		// The orggroup grant has no place in the grammar; the newer role passes through.
		at(mistPrivAddr, "privileges", setOf("org:"+simmist.OrgAcme+":admin", "site:"+simmist.SiteBerlin+":read",
			"site:"+simmist.SiteAcmeDC+":observer_plus")),
		at(mistPrivAddr, "privilege_objects", jsnowPrivileges),
		at(mistPrivAddr, "missing", setOf()),
		at(mistPrivAddr, "all_granted", knownvalue.Bool(true)),
	)
}

func TestMistPrivileges_orgAdminCoversItsSites(t *testing.T) {
	t.Parallel()
	missing, requests := mistCheck(t, jsnow,
		"site:"+simmist.SiteAcmeHQ+":write", "site:"+simmist.SiteAcmeDC+":installer", "site:"+simmist.SiteAcmeHQ+":read")
	if missing != "" {
		t.Errorf("missing = %q, want none: Acme's org admin covers its sites", missing)
	}
	// HQ is not in /self, so its org is looked up, once; DC's org is in /self.
	if want := "self=1 sites=map[441a1214:1] orgs=map[]"; requests != want {
		t.Errorf("requests: %s, want %s", requests, want)
	}
}

func TestMistPrivileges_siteReadDoesNotCoverOrgWrite(t *testing.T) {
	t.Parallel()
	missing, requests := mistCheck(t, jsnow, "org:"+simmist.OrgBeta+":write", "site:"+simmist.SiteBerlin+":write")
	if want := "org:" + simmist.OrgBeta + ":write,site:" + simmist.SiteBerlin + ":write"; missing != want {
		t.Errorf("missing = %q, want %q", missing, want)
	}
	// No msp grant could cover Beta, so nothing is looked up.
	if want := "self=1 sites=map[] orgs=map[]"; requests != want {
		t.Errorf("requests: %s, want %s", requests, want)
	}
}

func TestMistPrivileges_mspAdminCoversItsOrgsAndTheirSites(t *testing.T) {
	t.Parallel()
	missing, unknown, requests := mistDecide(t, mspAdmin,
		"org:"+simmist.OrgCobalt+":admin", "site:"+simmist.SiteAcmeHQ+":write", "org:"+simmist.OrgAcme+":read", "org:"+simmist.OrgBeta+":read")
	// Beta is outside the MSP and answers 403: its MSP is unknown, so is the requirement.
	if want := "org:" + simmist.OrgBeta + ":read: the org's MSP could not be read: 403 Forbidden"; missing != "" || unknown != want {
		t.Errorf("missing = %q, unknown = %q; want none missing and %q", missing, unknown, want)
	}
	// Each org and site is read once, Acme's although two requirements need it;
	// Beta answers 403 to a caller outside it, which leaves its MSP unknown.
	if want := "self=1 sites=map[441a1214:1] orgs=map[0a1b2c3d:1 6d2c8f1e:1 a97c1b22:1]"; requests != want {
		t.Errorf("requests: %s, want %s", requests, want)
	}
}

func TestMistPrivileges_roleOrder(t *testing.T) {
	t.Parallel()
	org := "org:" + simmist.OrgBeta + ":"
	missing, _ := mistCheck(t, orgToken, org+"write", org+"read", org+"helpdesk", org+"installer", org+"admin")
	if want := org + "admin," + org + "helpdesk," + org + "installer"; missing != want {
		t.Errorf("write covers read only; missing = %q, want %q", missing, want)
	}
}

func TestMistPrivileges_enforceNamesTheToken(t *testing.T) {
	t.Parallel()
	srv, _ := startMist(t)
	expectPlanError(t, orgToken(srv.URL)+fmt.Sprintf(`
data "whoami_mist_current_privileges" "p" {
  required = ["org:%s:admin"]
  enforce  = true
}`, simmist.OrgBeta), diagnostic("Juniper Mist credentials lack required privileges",
		`Mist org API token "terraform-ci" lacks 1 of the 1 required privileges. Missing: `+
			`- org:`+simmist.OrgBeta+`:admin: write on this org does not cover admin `+
			`Grant the missing privileges to the account, or remove them from required.`))
}

func TestMistPrivileges_validation(t *testing.T) {
	t.Parallel()
	expectPlanError(t, `data "whoami_mist_current_privileges" "p" { required = ["org:acme:write"] }`,
		diagnostic("Malformed Juniper Mist privilege",
			`"org:acme:write" is not a Mist privilege: expected <scope>:<id>:<role> with a UUID id, such as org:a97c1b22-a4e9-411e-9bfd-d8695a0f9e61:write.`))
}

func TestMistPrivileges_unknownScopeOrRoleWarns(t *testing.T) {
	t.Parallel()
	id := simmist.OrgAcme
	got := validateWarnings(t, fmt.Sprintf(`
data "whoami_mist_current_privileges" "p" {
  required = ["orgs:%[1]s:write", "org:%[1]s:wirte", "sitegroup:%[1]s:read"]
}`, id))
	tail := ` It is still evaluated as written, in case it is newer than the provider.`
	expectLines(t, got, []string{
		`warning: Unknown Juniper Mist privilege "org:` + id + `:wirte": "org:` + id + `:wirte" is not among the Juniper Mist privileges the provider knows; did you mean "org:` + id + `:write"?` + tail,
		`warning: Unknown Juniper Mist privilege "orgs:` + id + `:write": "orgs:` + id + `:write" is not among the Juniper Mist privileges the provider knows; did you mean "org:` + id + `:write"?` + tail,
		`warning: Unknown Juniper Mist privilege "sitegroup:` + id + `:read": "sitegroup:` + id + `:read" is not among the Juniper Mist privileges the provider knows.` + tail,
	})
}

// Two entries differing only in views are one grant; a null entry is dropped;
// neither fails the read.
func TestMistPrivileges_repeatsAndNullsNeverFailARead(t *testing.T) {
	t.Parallel()
	srv, cloud := startMist(t)
	cloud.AddAdmin(&simmist.Admin{Self: map[string]any{
		"admin_id": "7d7c6b5a-0000-4000-8000-000000000001", "email": "views@example.com",
		"privileges": []any{
			simmist.Privilege{"scope": "org", "role": "write", "org_id": simmist.OrgBeta, "name": "Beta Org", "views": []string{"reporting"}},
			simmist.Privilege{"scope": "org", "role": "write", "org_id": simmist.OrgBeta, "name": "Beta Org", "views": []string{"location"}},
			nil,
		},
	}}, "dmlld3MtdG9rZW4tZm9yLXRoZS1zaW11bGF0b3ItdGVzdHM")
	readOnce(t, mistTokenBlock(srv.URL, "dmlld3MtdG9rZW4tZm9yLXRoZS1zaW11bGF0b3ItdGVzdHM")+fmt.Sprintf(`
data "whoami_mist_current_privileges" "p" {
  required = ["org:%[1]s:read", "org:%[1]s:admin"]
}`, simmist.OrgBeta),
		at(mistPrivAddr, "principal", str("Mist admin views@example.com")),
		at(mistPrivAddr, "privileges", strList("org:"+simmist.OrgBeta+":write")),
		at(mistPrivAddr, "privilege_objects", knownvalue.ListSizeExact(2)),
		at(mistPrivAddr, "missing", setOf("org:"+simmist.OrgBeta+":admin")),
		at(mistPrivAddr, "reasons", knownvalue.MapExact(map[string]knownvalue.Check{
			"org:" + simmist.OrgBeta + ":read":  str("write on this org covers read"),
			"org:" + simmist.OrgBeta + ":admin": str("write on this org does not cover admin"),
		})),
	)
}

// jsnow's org group grant may reach Beta: /self shows no org groups of Beta
// (Mist lists them only on org privileges of MSP orgs), so a requirement only
// the group could cover is unknown.
func TestMistPrivileges_orgGroupMakesRequirementsUnknown(t *testing.T) {
	t.Parallel()
	missing, unknown, _ := mistDecide(t, jsnow, "org:"+simmist.OrgBeta+":read", "site:"+simmist.SiteBerlin+":write")
	want := "org:" + simmist.OrgBeta + `:read: the caller's orggroup privilege "EMEA orgs" (read) may cover it, but whether this org ` +
		`is in that org group is not visible: Mist lists an org's orggroup_ids only on org privileges of MSP orgs, and /self has none for org ` + simmist.OrgBeta
	if missing != "site:"+simmist.SiteBerlin+":write" || unknown != want {
		t.Errorf("missing = %q, unknown = %q; want site write missing and %q", missing, unknown, want)
	}
}

// The group scopes through the CLI: orgsites covers its org's sites and, at
// org level, only select configurations; a sitegroup covers the sites whose
// sitegroup_ids (from the site lookup) hold it; an orggroup covers the orgs
// whose orggroup_ids /self shows, and is unknown where it shows none.
func TestMistPrivileges_groupScopes(t *testing.T) {
	t.Parallel()
	srv, cloud := startMist(t)
	const token = "Z3JvdXBzLXRva2VuLWZvci10aGUtbWlzdC1zaW11bGF0b3ItdGVzdHM"
	cloud.AddAdmin(&simmist.Admin{Self: map[string]any{"admin_id": "7d7c6b5a-0000-4000-8000-000000000003", "email": "groups@example.com",
		"privileges": []simmist.Privilege{
			{"scope": "orgsites", "role": "write", "org_id": simmist.OrgAcme, "name": "Acme Corp"},
			{"scope": "sitegroup", "role": "read", "org_id": simmist.OrgBeta, "sitegroup_ids": []string{simmist.SiteGroupEU}, "name": "EU sites"},
			{"scope": "org", "role": "read", "org_id": simmist.OrgCobalt, "msp_id": simmist.MspID, "orggroup_ids": []string{simmist.OrgGroup}},
			{"scope": "orggroup", "role": "admin", "msp_id": simmist.MspID, "orggroup_ids": []string{simmist.OrgGroup}, "name": "EMEA orgs"},
		}}}, token)
	hq, acme, berlin, cobalt := "site:"+simmist.SiteAcmeHQ, "org:"+simmist.OrgAcme, "site:"+simmist.SiteBerlin, "org:"+simmist.OrgCobalt
	readOnce(t, mistTokenBlock(srv.URL, token)+fmt.Sprintf(`
data "whoami_mist_current_privileges" "p" {
  required = %s
}`, hclList([]string{hq + ":write", acme + ":read", berlin + ":read", berlin + ":write", cobalt + ":admin"})),
		at(mistPrivAddr, "privileges", setOf(cobalt+":read")),
		at(mistPrivAddr, "missing", setOf()),
		at(mistPrivAddr, "unknown", setOf(acme+":read", berlin+":write")),
		at(mistPrivAddr, "reasons", knownvalue.MapExact(map[string]knownvalue.Check{
			hq + ":write": str("held as write on all sites of its org " + simmist.OrgAcme + " (orgsites)"),
			acme + ":read": str("write on all sites of this org (orgsites) gives read access to select organization-level configurations only, " +
				"and Mist does not say which, so whether it covers read on the org is not known"),
			berlin + ":read": str(`held as read on its site group ` + simmist.SiteGroupEU + ` ("EU sites")`),
			// Beta's org groups are not visible: the admin org group might hold it.
			berlin + ":write": str(`the caller's orggroup privilege "EMEA orgs" (admin) may cover it, but whether its org ` + simmist.OrgBeta +
				` is in that org group is not visible: Mist lists an org's orggroup_ids only on org privileges of MSP orgs, and /self has none for org ` +
				simmist.OrgBeta),
			cobalt + ":admin": str(`held as admin on the org group ` + simmist.OrgGroup + ` ("EMEA orgs") of this org`),
		})),
	)
	if got, want := mistRequests(srv), "self=1 sites=map[441a1214:1 c0ffee00:1] orgs=map[]"; got != want {
		t.Errorf("requests %s, want %s", got, want)
	}
}
