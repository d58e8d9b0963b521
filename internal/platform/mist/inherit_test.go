package mist

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simmist "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/mist"
)

// The cloud of these tests: MSP msp holds orgs orgA and orgB; orgC has no
// MSP. orgA has sites siteA1 and siteA2, orgB has siteB1 (in the site group
// groupEMEA), orgC has siteC1.
// siteNone and orgNone exist nowhere (the cloud answers 404).
const (
	msp      = "00000000-0000-4000-8000-00000000000a"
	orgA     = "00000000-0000-4000-8000-0000000000a0"
	orgB     = "00000000-0000-4000-8000-0000000000b0"
	orgC     = "00000000-0000-4000-8000-0000000000c0"
	orgNone  = "00000000-0000-4000-8000-0000000000f0"
	siteA1   = "00000000-0000-4000-8000-0000000000a1"
	siteA2   = "00000000-0000-4000-8000-0000000000a2"
	siteB1   = "00000000-0000-4000-8000-0000000000b1"
	siteC1   = "00000000-0000-4000-8000-0000000000c1"
	siteNone = "00000000-0000-4000-8000-0000000000f1"

	// groupEMEA is a site group holding siteB1.
	groupEMEA = "00000000-0000-4000-8000-000000000001"

	testToken = "inherit-test-token"
)

// grant is one privilege object of /self; parent names the org of a site
// grant or the MSP of an org grant, as real /self answers often do ("" to
// leave it out and force a lookup).
func grant(scope, id, role, parent string) simmist.Privilege {
	p := simmist.Privilege{"scope": scope, "role": role, scope + "_id": id}
	switch {
	case parent == "":
	case scope == "site":
		p["org_id"] = parent
	case scope == "org":
		p["msp_id"] = parent
	}
	return p
}

// startCloud serves the test cloud to a caller holding privileges and returns
// the server, a client with no retries, and the caller's /self.
func startCloud(t *testing.T, privileges []simmist.Privilege, faults map[string]simulator.Fault) (*simulator.Server, *Client, *Self) {
	t.Helper()
	c := simmist.New()
	c.AddOrg(orgA, msp)
	c.AddOrg(orgB, msp)
	c.AddOrg(orgC, "")
	c.AddSite(siteA1, orgA)
	c.AddSite(siteA2, orgA)
	c.AddSite(siteB1, orgB, groupEMEA)
	c.AddSite(siteC1, orgC)
	c.AddAdmin(&simmist.Admin{Self: map[string]any{"name": "inherit-test", "privileges": privileges}}, testToken)
	srv := simulator.Start(c.Handler(), simulator.Options{})
	t.Cleanup(srv.Close)
	for path, f := range faults {
		srv.Inject(path, f)
	}
	hc, err := httpx.New(httpx.Config{
		Platform: Name, BaseURL: srv.URL, MaxRetries: 0, DecodeError: DecodeError,
		Auth:  Authenticator(httpx.Credentials{Token: testToken}),
		Sleep: func(context.Context, time.Duration) bool { return true },
	})
	if err != nil {
		t.Fatal(err)
	}
	client := NewClient(hc)
	self, err := client.Self(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return srv, client, self
}

// lookups returns the requests the server received besides the one /self.
func lookups(t *testing.T, srv *simulator.Server) map[string]int {
	t.Helper()
	counts := srv.Counts()
	if n := counts["GET "+selfPath]; n != 1 {
		t.Errorf("%d GET %s, want 1", n, selfPath)
	}
	delete(counts, "GET "+selfPath)
	return counts
}

func sitePath(id string) string { return "GET /api/v1/sites/" + id }
func orgPath(id string) string  { return "GET /api/v1/orgs/" + id }

func TestHolderInheritance(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		privileges []simmist.Privilege
		faults     map[string]simulator.Fault
		// want is every requirement and whether it is satisfied.
		want map[string]bool
		// lookups are the exact requests besides /self.
		lookups map[string]int
	}{
		{
			name:       "site covered by its org's grant, found by a lookup",
			privileges: []simmist.Privilege{grant("org", orgA, "write", "")},
			want:       map[string]bool{"site:" + siteA1 + ":write": true},
			lookups:    map[string]int{sitePath(siteA1): 1},
		},
		{
			name:       "site of another org is not covered",
			privileges: []simmist.Privilege{grant("org", orgA, "write", ""), grant("org", orgB, "read", "")},
			want:       map[string]bool{"site:" + siteB1 + ":write": false, "site:" + siteB1 + ":read": true},
			lookups:    map[string]int{sitePath(siteB1): 1},
		},
		{
			name:       "org covered by its MSP's grant, found by a lookup",
			privileges: []simmist.Privilege{grant("msp", msp, "admin", "")},
			want:       map[string]bool{"org:" + orgA + ":write": true},
			lookups:    map[string]int{orgPath(orgA): 1},
		},
		{
			name:       "site covered by its MSP's grant: the site's org, then the org's MSP",
			privileges: []simmist.Privilege{grant("msp", msp, "read", "")},
			want:       map[string]bool{"site:" + siteA1 + ":read": true, "site:" + siteA1 + ":write": false},
			lookups:    map[string]int{sitePath(siteA1): 1, orgPath(orgA): 1},
		},
		{
			name:       "an org without an MSP is not covered by an MSP grant",
			privileges: []simmist.Privilege{grant("msp", msp, "admin", ""), grant("org", orgC, "read", "")},
			want:       map[string]bool{"org:" + orgC + ":write": false, "org:" + orgC + ":read": true},
			lookups:    map[string]int{orgPath(orgC): 1},
		},
		{
			name:       "site's org known from /self: no lookup",
			privileges: []simmist.Privilege{grant("org", orgA, "write", ""), grant("site", siteA1, "read", orgA)},
			want:       map[string]bool{"site:" + siteA1 + ":write": true},
			lookups:    map[string]int{},
		},
		{
			name:       "org's MSP known from /self: no lookup",
			privileges: []simmist.Privilege{grant("msp", msp, "write", ""), grant("org", orgB, "read", msp)},
			want:       map[string]bool{"org:" + orgB + ":write": true, "org:" + orgB + ":admin": false},
			lookups:    map[string]int{},
		},
		{
			name: "site's org and the org's MSP known from /self: no lookup",
			privileges: []simmist.Privilege{grant("msp", msp, "write", ""), grant("org", orgA, "read", msp),
				grant("site", siteA1, "read", orgA)},
			want:    map[string]bool{"site:" + siteA1 + ":write": true},
			lookups: map[string]int{},
		},
		{
			name:       "held on the object itself: no lookup",
			privileges: []simmist.Privilege{grant("org", orgA, "admin", ""), grant("site", siteC1, "read", "")},
			want:       map[string]bool{"site:" + siteC1 + ":read": true, "org:" + orgA + ":installer": true},
			lookups:    map[string]int{},
		},
		{
			name:       "no org or MSP grant could cover the requirement: no lookup",
			privileges: []simmist.Privilege{grant("site", siteA1, "admin", ""), grant("org", orgA, "read", "")},
			want: map[string]bool{"site:" + siteA2 + ":write": false, "org:" + orgB + ":read": false,
				"msp:" + msp + ":read": false, "site:" + siteA1 + ":admin": true},
			lookups: map[string]int{},
		},
		{
			name:       "site lookup forbidden (403): not satisfied, no error",
			privileges: []simmist.Privilege{grant("org", orgA, "admin", "")},
			want:       map[string]bool{"site:" + siteC1 + ":read": false},
			lookups:    map[string]int{sitePath(siteC1): 1},
		},
		{
			name:       "org lookup forbidden (403): not satisfied, no error",
			privileges: []simmist.Privilege{grant("msp", msp, "admin", "")},
			want:       map[string]bool{"org:" + orgC + ":read": false},
			lookups:    map[string]int{orgPath(orgC): 1},
		},
		{
			name:       "site and org not found (404): not satisfied, no error",
			privileges: []simmist.Privilege{grant("msp", msp, "admin", "")},
			want:       map[string]bool{"site:" + siteNone + ":read": false, "org:" + orgNone + ":read": false},
			lookups:    map[string]int{sitePath(siteNone): 1, orgPath(orgNone): 1},
		},
		{
			name:       "a requirement's id in upper case is looked up in lower case",
			privileges: []simmist.Privilege{grant("org", orgA, "write", "")},
			want:       map[string]bool{"site:" + strings.ToUpper(siteA1) + ":read": true},
			lookups:    map[string]int{sitePath(siteA1): 1},
		},
		{
			name: "ids of /self in upper case match requirements in lower case",
			privileges: []simmist.Privilege{grant("org", strings.ToUpper(orgA), "write", ""),
				grant("site", strings.ToUpper(siteA1), "read", strings.ToUpper(orgA))},
			want:    map[string]bool{"site:" + siteA1 + ":write": true, "org:" + orgA + ":read": true},
			lookups: map[string]int{},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv, client, self := startCloud(t, c.privileges, c.faults)
			required := slices.Sorted(maps.Keys(c.want))
			h, err := client.Holder(context.Background(), self, required)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, req := range required {
				got[req] = granted(h, req)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("satisfied\n got %v\nwant %v", got, c.want)
			}
			if got := lookups(t, srv); !reflect.DeepEqual(got, c.lookups) {
				t.Errorf("lookups %v, want %v", got, c.lookups)
			}
		})
	}
}

// A lookup that fails for another reason than 403 or 404 fails Holder: the
// answer is neither granted nor missing, and no holder is returned.
func TestHolderLookupError(t *testing.T) {
	t.Parallel()
	srv, client, self := startCloud(t, []simmist.Privilege{grant("org", orgA, "admin", "")},
		map[string]simulator.Fault{"/api/v1/sites/" + siteA1: {Status: 500, Body: `{"detail":"Internal error."}`}})
	required := []string{"site:" + siteA1 + ":read", "site:" + siteA2 + ":read", "org:" + orgA + ":read"}
	h, err := client.Holder(context.Background(), self, required)
	want := "GET " + srv.URL + "/api/v1/sites/" + siteA1 + " returned 500 Internal Server Error: Internal error."
	if err == nil || err.Error() != want {
		t.Fatalf("error %v, want %q", err, want)
	}
	if h != nil {
		t.Errorf("holder %v returned with an error", h)
	}
	// The other lookup still ran: a failed one cancels nothing.
	if got, want := lookups(t, srv), map[string]int{sitePath(siteA1): 1, sitePath(siteA2): 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("lookups %v, want %v", got, want)
	}
}

// However many requirements need a site or an org, and however many are
// evaluated at once, each id is looked up once.
func TestHolderLooksUpEachIDOnce(t *testing.T) {
	t.Parallel()
	srv, client, self := startCloud(t, []simmist.Privilege{grant("msp", msp, "admin", "")}, nil)
	var required []string
	for range 3 { // repeats too: a configuration may list one requirement twice
		for _, role := range KnownRoles {
			for _, site := range []string{siteA1, siteA2, siteB1} {
				required = append(required, "site:"+site+":"+role)
			}
			for _, org := range []string{orgA, orgB} {
				required = append(required, "org:"+org+":"+role)
			}
		}
	}
	h, err := client.Holder(context.Background(), self, required)
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range required {
		if !granted(h, req) {
			t.Errorf("%s not satisfied", req)
		}
	}
	want := map[string]int{sitePath(siteA1): 1, sitePath(siteA2): 1, sitePath(siteB1): 1, orgPath(orgA): 1, orgPath(orgB): 1}
	if got := lookups(t, srv); !reflect.DeepEqual(got, want) {
		t.Errorf("lookups %v, want %v", got, want)
	}
	// A second evaluation on the same client is answered from its memo.
	if _, err := client.Holder(context.Background(), self, required); err != nil {
		t.Fatal(err)
	}
	if got := lookups(t, srv); !reflect.DeepEqual(got, want) {
		t.Errorf("lookups after a second evaluation %v, want %v", got, want)
	}
}

// Malformed requirements are never satisfied and cost nothing, and the holder
// answers only for what it was asked.
func TestHolderMalformedAndUnaskedRequirements(t *testing.T) {
	t.Parallel()
	srv, client, self := startCloud(t, []simmist.Privilege{grant("org", orgA, "admin", "")}, nil)
	h, err := client.Holder(context.Background(), self, []string{"org:acme:admin", "site:" + siteA1, ""})
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range []string{"org:acme:admin", "site:" + siteA1, "", "org:" + orgA + ":admin"} {
		if granted(h, req) {
			t.Errorf("%q satisfied", req)
		}
	}
	if got := lookups(t, srv); len(got) != 0 {
		t.Errorf("lookups %v, want none", got)
	}
}

// The role order, on the object itself and inherited by a site from its org:
// admin ⊇ write ⊇ read, admin ⊇ helpdesk ⊇ read, admin ⊇ installer; a role
// the provider does not know covers only itself.
func TestHolderRoleCoverage(t *testing.T) {
	t.Parallel()
	roles := []string{"admin", "write", "helpdesk", "installer", "read", "observer_plus"}
	covers := map[string][]string{
		"admin":         {"admin", "write", "helpdesk", "installer", "read"},
		"write":         {"write", "read"},
		"helpdesk":      {"helpdesk", "read"},
		"installer":     {"installer"},
		"read":          {"read"},
		"observer_plus": {"observer_plus"},
	}
	for _, held := range roles {
		t.Run(held, func(t *testing.T) {
			t.Parallel()
			srv, client, self := startCloud(t, []simmist.Privilege{grant("org", orgA, held, "")}, nil)
			var required []string
			for _, need := range roles {
				required = append(required, "org:"+orgA+":"+need, "site:"+siteA1+":"+need)
			}
			h, err := client.Holder(context.Background(), self, required)
			if err != nil {
				t.Fatal(err)
			}
			for _, need := range roles {
				want := slices.Contains(covers[held], need)
				for _, req := range []string{"org:" + orgA + ":" + need, "site:" + siteA1 + ":" + need} {
					if got := granted(h, req); got != want {
						t.Errorf("%s held, %s: %t, want %t", held, req, got, want)
					}
				}
			}
			if got, want := lookups(t, srv), map[string]int{sitePath(siteA1): 1}; !reflect.DeepEqual(got, want) {
				t.Errorf("lookups %v, want %v", got, want)
			}
		})
	}
}

// granted reports whether h grants req.
func granted(h privilege.Holder, req string) bool { return h.Decide(req).State == privilege.Granted }

// Every decision comes with its reason, and what the provider cannot see is
// unknown, never missing.
func TestHolderDecisionsAndReasons(t *testing.T) {
	t.Parallel()
	const siteC2 = "00000000-0000-4000-8000-0000000000c2" // no such site
	forbidden := simulator.Fault{Status: 403, Body: `{"detail":"You do not have permission to perform this action."}`}
	missingSite := simulator.Fault{Status: 404, Body: `{"detail":"Not found."}`}
	srv, client, self := startCloud(t, []simmist.Privilege{
		grant("org", orgA, "admin", ""),
		grant("site", siteB1, "read", orgB),
		grant("site", siteA2, "observer_plus", orgA),
		{"scope": "sitegroup", "role": "write", "sitegroup_ids": []string{groupEMEA}, "name": "EMEA sites"},
	}, map[string]simulator.Fault{"/api/v1/sites/" + siteC1: forbidden, "/api/v1/sites/" + siteC2: missingSite})
	_ = srv
	want := map[string]privilege.Decision{
		"org:" + orgA + ":admin":   privilege.Grant("held as admin on this org"),
		"org:" + orgA + ":read":    privilege.Grant("admin on this org covers read"),
		"site:" + siteA1 + ":read": privilege.Grant("admin on its org " + orgA + " covers read"),
		"site:" + siteB1 + ":read": privilege.Grant("held as read on this site"),
		// Site B1's sitegroup_ids, from its lookup, hold the EMEA group.
		"site:" + siteB1 + ":write": privilege.Grant(`held as write on its site group ` + groupEMEA + ` ("EMEA sites")`),
		// Site A1 is in no group: the sitegroup privilege does not reach it.
		"site:" + siteA1 + ":admin": privilege.Grant("held as admin on its org " + orgA),
		"org:" + orgB + ":write":    privilege.Lack("no privilege on the org or its MSP covers write"),
		"msp:" + msp + ":read":      privilege.Lack("no privilege on the msp covers read"),
		"site:" + siteC1 + ":admin": privilege.Undecided("the site's org could not be read: 403 Forbidden"),
		"site:" + siteC2 + ":admin": privilege.Undecided("the site's org could not be read: 404 Not Found"),
		// Admin on Acme covers write on Acme's sites; the newer role on the
		// site itself does not take that away.
		"site:" + siteA2 + ":write":         privilege.Grant("admin on its org " + orgA + " covers write"),
		"site:" + siteA2 + ":observer_plus": privilege.Grant("held as observer_plus on this site"),
		"org:" + orgA + ":observer_plus":    privilege.Undecided("observer_plus is a role the provider does not know, so whether admin on this org covers it is not known"),
		// A role the provider does not know, held on the site, decides nothing.
		"site:" + siteA2 + ":read":     privilege.Grant("admin on its org " + orgA + " covers read"),
		"site:" + siteB1 + ":helpdesk": privilege.Lack("read on this site does not cover helpdesk"),
	}
	expectDecisions(t, client, self, want)
}

// A null entry in privileges (decoded as a Privilege with every field nil)
// is no privilege of an unknown scope: it decides nothing.
func TestHolderNullPrivilegeDecidesNothing(t *testing.T) {
	t.Parallel()
	org := "org:" + orgA + ":read"
	self := &Self{Privileges: []Privilege{{}}}
	h, err := (&Client{}).Holder(context.Background(), self, []string{org})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := h.Decide(org), privilege.Lack("no privilege on the org or its MSP covers read"); got != want {
		t.Errorf("%+v, want %+v", got, want)
	}
}

// expectDecisions decides want's requirements with client's Holder for self
// and fails on each decision that differs, reason included.
func expectDecisions(t *testing.T, client *Client, self *Self, want map[string]privilege.Decision) {
	t.Helper()
	required := slices.Sorted(maps.Keys(want))
	h, err := client.Holder(context.Background(), self, required)
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range required {
		if got := h.Decide(req); got != want[req] {
			t.Errorf("%s:\n got %+v\nwant %+v", req, got, want[req])
		}
	}
}
