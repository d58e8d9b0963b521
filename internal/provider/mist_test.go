package provider

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simmist "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/mist"
)

const (
	mistUserAddr = "data.whoami_mist_current_user.me"
	mistPrivAddr = "data.whoami_mist_current_privileges.p"
)

var mistSelf = simmist.Platform.UserPath

func startMist(t *testing.T) (*simulator.Server, *simmist.Cloud) {
	cloud := simmist.Demo()
	return serve(t, cloud.Handler(), false), cloud
}

func mistTokenBlock(endpoint, token string, extra ...string) string {
	return providerBlock("mist", append([]string{assign("endpoint", endpoint), assign("api_token", token)}, extra...)...)
}

func mistLoginBlock(endpoint, email, password string) string {
	return providerBlock("mist", assign("endpoint", endpoint), assign("username", email), assign("password", password))
}

// mistRequests reports the lookups inheritance made.
func mistRequests(srv *simulator.Server) string {
	return fmt.Sprintf("self=%d sites=%v orgs=%v", srv.Count(http.MethodGet, mistSelf), lookups(srv, "/api/v1/sites/"), lookups(srv, "/api/v1/orgs/"))
}

func lookups(srv *simulator.Server, prefix string) map[string]int {
	out := map[string]int{}
	for k, n := range srv.Counts() {
		if len(k) > len("GET "+prefix) && k[:len("GET "+prefix)] == "GET "+prefix {
			out[k[len("GET "+prefix):][:8]] = n
		}
	}
	return out
}

func privilegeObject(fields map[string]knownvalue.Check) knownvalue.Check {
	all := map[string]knownvalue.Check{}
	for _, k := range []string{"scope", "role", "org_id", "site_id", "msp_id", "name", "org_name", "msp_name", "msp_url",
		"msp_logo_url", "orggroup_ids", "sitegroup_ids", "views"} {
		all[k] = knownvalue.Null()
	}
	for k, v := range fields {
		all[k] = v
	}
	return knownvalue.ObjectExact(all)
}

var jsnowPrivileges = knownvalue.ListExact([]knownvalue.Check{
	privilegeObject(map[string]knownvalue.Check{"scope": str("org"), "role": str("admin"), "org_id": str(simmist.OrgAcme),
		"name": str("Acme Corp"), "msp_id": str(simmist.MspID), "msp_name": str("Northwind MSP"),
		"msp_url": str("https://northwind.example.com"), "msp_logo_url": str("https://northwind.example.com/logo.png"),
		"orggroup_ids": strList(simmist.OrgGroup)}),
	privilegeObject(map[string]knownvalue.Check{"scope": str("site"), "role": str("read"), "site_id": str(simmist.SiteBerlin),
		"org_id": str(simmist.OrgBeta), "name": str("Berlin Office"), "org_name": str("Beta Org"),
		"sitegroup_ids": strList(), "views": strList("reporting")}),
	privilegeObject(map[string]knownvalue.Check{"scope": str("site"), "role": str("observer_plus"), "site_id": str(simmist.SiteAcmeDC),
		"org_id": str(simmist.OrgAcme), "name": str("Acme DC"), "org_name": str("Acme Corp")}),
	privilegeObject(map[string]knownvalue.Check{"scope": str("orggroup"), "role": str("read"), "orggroup_ids": strList(simmist.OrgGroup),
		"msp_id": str(simmist.MspID), "name": str("EMEA orgs")}),
})

func TestMistUser_userToken(t *testing.T) {
	t.Parallel()
	srv, _ := startMist(t)
	readOnce(t, providerBlock("mist", tokenAttrs("mist", srv.URL))+`data "whoami_mist_current_user" "me" {}`,
		at(mistUserAddr, "id", str("456b7016-a916-a4b1-78dd-72b947c152b7")),
		at(mistUserAddr, "admin_id", str("456b7016-a916-a4b1-78dd-72b947c152b7")),
		at(mistUserAddr, "compliance_status", knownvalue.Null()),
		at(mistUserAddr, "email", str("jsnow@example.com")),
		at(mistUserAddr, "enable_two_factor", knownvalue.Bool(true)),
		at(mistUserAddr, "expire_time", knownvalue.Null()),
		at(mistUserAddr, "first_name", str("John")),
		at(mistUserAddr, "hours", knownvalue.Null()),
		at(mistUserAddr, "last_name", str("Snow")),
		at(mistUserAddr, "name", knownvalue.Null()),
		at(mistUserAddr, "no_tracking", knownvalue.Null()),
		at(mistUserAddr, "oauth_google", knownvalue.Bool(false)),
		at(mistUserAddr, "password_modified_time", str("2022-06-27T18:12:05Z")),
		at(mistUserAddr, "phone", str("14085551234")),
		at(mistUserAddr, "phone2", str("")),
		at(mistUserAddr, "privileges", jsnowPrivileges),
		at(mistUserAddr, "session_expiry", knownvalue.Int64Exact(1440)),
		at(mistUserAddr, "tags", strList("netops", "terraform")),
		at(mistUserAddr, "two_factor_verified", knownvalue.Bool(true)),
		at(mistUserAddr, "via_sso", knownvalue.Bool(false)),
	)
}

func TestMistUser_orgTokenHasNoPersonalFields(t *testing.T) {
	t.Parallel()
	srv, _ := startMist(t)
	checks := []stateCheck{
		at(mistUserAddr, "id", str("terraform-ci")),
		at(mistUserAddr, "name", str("terraform-ci")),
		at(mistUserAddr, "privileges", knownvalue.ListExact([]knownvalue.Check{privilegeObject(map[string]knownvalue.Check{
			"scope": str("org"), "role": str("write"), "org_id": str(simmist.OrgBeta), "name": str("Beta Org")})})),
	}
	for _, attr := range []string{"admin_id", "email", "first_name", "last_name", "phone", "enable_two_factor", "password_modified_time", "tags", "via_sso"} {
		checks = append(checks, at(mistUserAddr, attr, knownvalue.Null()))
	}
	readOnce(t, mistTokenBlock(srv.URL, simmist.OrgToken)+`data "whoami_mist_current_user" "me" {}`, checks...)
}

func TestMistUser_loginFromEnvironment(t *testing.T) {
	t.Parallel()
	srv, _ := startMist(t)
	env := map[string]string{"MIST_HOST": srv.URL, "MIST_USERNAME": simmist.MspAdminEmail, "MIST_PASSWORD": simmist.MspAdminPass, "MIST_API_TIMEOUT": "20"}
	readFromEnvironment(t, env, `data "whoami_mist_current_user" "me" {}`,
		at(mistUserAddr, "id", str("0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a")),
		at(mistUserAddr, "email", str(simmist.MspAdminEmail)),
		at(mistUserAddr, "privileges", knownvalue.ListExact([]knownvalue.Check{privilegeObject(map[string]knownvalue.Check{
			"scope": str("msp"), "role": str("admin"), "msp_id": str(simmist.MspID), "name": str("Northwind MSP")})})),
	)
}

func TestMistErrors(t *testing.T) {
	t.Parallel()
	srv, _ := startMist(t)
	cases := map[string]struct{ block, summary, detail string }{
		"second factor": {mistLoginBlock(srv.URL, simmist.TwoFactorEmail, simmist.TwoFactorPass), "Juniper Mist login needs a second factor",
			"The provider cannot complete two-factor authentication. Create an API token for the account (Mist console: My Profile → API Token) " +
				"and set api_token or MIST_API_TOKEN instead of username and password. " +
				"The account requires a second factor (two_factor_required is true, two_factor_passed is false)"},
		"wrong password": {mistLoginBlock(srv.URL, simmist.MspAdminEmail, "nope"), "Juniper Mist rejected the credentials",
			"The email and password were not accepted by POST /api/v1/login; check them, or use an API token. " +
				"The user name \"" + simmist.MspAdminEmail + "\" and its password (from password in the mist block) were sent. " +
				"POST " + srv.URL + "/api/v1/login returned 400 Bad Request: Invalid email or password."},
		"invalid token": {mistTokenBlock(srv.URL, "revoked"), "Juniper Mist rejected the credentials",
			"The API token came from api_token in the mist block; check that it is correct and has not expired or been revoked. " +
				"GET " + srv.URL + "/api/v1/self returned 401 Unauthorized: Invalid token."},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			expectPlanError(t, c.block+`data "whoami_mist_current_user" "me" {}`, diagnostic(c.summary, c.detail))
		})
	}
	t.Run("rate limited", func(t *testing.T) {
		t.Parallel()
		srv, _ := startMist(t)
		limited := simulator.Fault{Status: http.StatusTooManyRequests, Header: map[string]string{"Retry-After": "1"},
			Body: `{"detail": "Too Many Request. The API Token used for the request reached the 5000 API Calls per hour threshold"}`}
		srv.Inject(mistSelf, limited, limited, limited)
		var w waits
		expectPlanError(t, mistTokenBlock(srv.URL, simmist.UserToken, "max_retries = 2")+`data "whoami_mist_current_user" "me" {}`,
			diagnostic("Juniper Mist rate limit reached",
				"The server answered 429 Too Many Requests. It was retried 2 times, the most max_retries allows: the provider retries "+
					"a connection error or a 429, 500, 502, 503 or 504 answer. Wait and plan again, or raise max_retries or timeout in the mist block. "+
					"GET "+srv.URL+"/api/v1/self returned 429 Too Many Requests: Too Many Request. The API Token used for the request "+
					"reached the 5000 API Calls per hour threshold (after 3 attempts)"),
			withWaits(&w))
		// Each retry waited out the Retry-After of 1s.
		w.expect(t, 2, time.Second)
	})
	t.Run("forbidden", func(t *testing.T) {
		t.Parallel()
		srv, _ := startMist(t)
		srv.Inject(mistSelf, simulator.Fault{Status: http.StatusForbidden, Body: `{"detail": "You do not have permission to perform this action."}`})
		expectPlanError(t, mistTokenBlock(srv.URL, simmist.UserToken)+`data "whoami_mist_current_user" "me" {}`,
			diagnostic("Juniper Mist denied the request", "GET "+srv.URL+"/api/v1/self returned 403 Forbidden: You do not have permission to perform this action."))
	})
}

// A 429 with Retry-After is waited out; an expired cookie session gets one
// new login.
func TestMistRequests_rateLimitThenExpiredSession(t *testing.T) {
	t.Parallel()
	srv, _ := startMist(t)
	srv.Inject(mistSelf,
		simulator.Fault{Status: http.StatusTooManyRequests, Header: map[string]string{"Retry-After": "1"},
			Body: `{"detail": "Too Many Request. The API Token used for the request reached the 5000 API Calls per hour threshold"}`},
		simulator.Fault{Status: http.StatusUnauthorized, Body: `{"detail": "Authentication credentials were not provided."}`})
	var w waits
	out := planOnce(t, providerBlock("mist", loginAttrs("mist", srv.URL))+`
data "whoami_mist_current_user" "me" {}
data "whoami_mist_current_privileges" "p" {}
output "email" { value = data.whoami_mist_current_user.me.email }
output "privileges" { value = data.whoami_mist_current_privileges.p.privileges }
`, withWaits(&w))
	expectOutputs(t, out, `email      = "msp-admin@example.com"`)
	got := fmt.Sprintf("login=%d self=%d", srv.Count(http.MethodPost, "/api/v1/login"), srv.Count(http.MethodGet, mistSelf))
	if want := "login=2 self=3"; got != want {
		t.Errorf("requests: %s, want %s (429, then 401 and a new login, then the answer)", got, want)
	}
	w.expect(t, 1, time.Second)
}

// Specs of mid-2024 typed a privilege's views as one string, newer ones as a
// list, and some objects still carry a legacy view key: every shape decodes,
// and the attribute stays a list. A shape no spec has is ignored.
func TestMistUser_viewsOfEveryShape(t *testing.T) {
	t.Parallel()
	srv, cloud := startMist(t)
	const token = "dmlld3Mtc2hhcGVzLXRva2VuLWZvci10aGUtc2ltdWxhdG9y"
	org := func(views map[string]any) simmist.Privilege {
		p := simmist.Privilege{"scope": "org", "role": "read", "org_id": simmist.OrgBeta}
		for k, v := range views {
			p[k] = v
		}
		return p
	}
	cloud.AddAdmin(&simmist.Admin{Self: map[string]any{"admin_id": "7d7c6b5a-0000-4000-8000-000000000002", "email": "shapes@example.com",
		"privileges": []any{
			org(map[string]any{"views": "location"}),
			org(map[string]any{"views": []string{"reporting", "marketing"}}),
			org(map[string]any{"view": "security"}),
			org(map[string]any{"views": []string{"reporting"}, "view": "reporting"}),
			org(map[string]any{"views": nil}),
			org(map[string]any{"views": 7}),
		}}}, token)
	obj := func(views knownvalue.Check) knownvalue.Check {
		return privilegeObject(map[string]knownvalue.Check{"scope": str("org"), "role": str("read"), "org_id": str(simmist.OrgBeta), "views": views})
	}
	readOnce(t, mistTokenBlock(srv.URL, token)+`data "whoami_mist_current_user" "me" {}
data "whoami_mist_current_privileges" "p" {
  required = ["org:`+simmist.OrgBeta+`:read"]
}`,
		at(mistUserAddr, "privileges", knownvalue.ListExact([]knownvalue.Check{
			obj(strList("location")), obj(strList("reporting", "marketing")), obj(strList("security")),
			obj(strList("reporting")), obj(knownvalue.Null()), obj(knownvalue.Null()),
		})),
		at(mistPrivAddr, "privileges", strList("org:"+simmist.OrgBeta+":read")),
		at(mistPrivAddr, "all_granted", knownvalue.Bool(true)),
	)
}

// MIST_PROXY is honoured as Juniper's provider honours it: every request goes
// through that proxy, here one on loopback that forwards to the simulator.
func TestMistEnvironment_proxy(t *testing.T) {
	t.Parallel()
	srv, _ := startMist(t)
	var mu sync.Mutex
	var through []string
	forward := &http.Transport{}
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		through = append(through, r.Method+" "+r.URL.String())
		mu.Unlock()
		out, err := http.NewRequestWithContext(r.Context(), r.Method, r.URL.String(), r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		out.Header = r.Header.Clone()
		resp, err := forward.RoundTrip(out)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
	}))
	t.Cleanup(proxy.Close)
	readFromEnvironment(t, map[string]string{"MIST_HOST": srv.URL, "MIST_API_TOKEN": simmist.UserToken, "MIST_PROXY": proxy.URL},
		`data "whoami_mist_current_user" "me" {}`, at(mistUserAddr, "email", str("jsnow@example.com")))
	mu.Lock()
	defer mu.Unlock()
	if want := []string{"GET " + srv.URL + mistSelf}; !slices.Equal(through, want) {
		t.Errorf("through the proxy: %q, want %q", through, want)
	}
}

// MIST_API_TIMEOUT is seconds, as Juniper's provider reads it: fractional
// allowed, and 0 for no limit beyond Terraform's own.
func TestMistEnvironment_timeoutSeconds(t *testing.T) {
	t.Parallel()
	env := func(srv *simulator.Server, timeout string) map[string]string {
		return map[string]string{"MIST_HOST": srv.URL, "MIST_API_TOKEN": simmist.UserToken, "MIST_API_TIMEOUT": timeout}
	}
	t.Run("fractional", func(t *testing.T) {
		t.Parallel()
		srv, _ := startMist(t)
		srv.Inject(mistSelf, simulator.Fault{Hang: true}, simulator.Fault{Hang: true})
		out := planFails(t, `data "whoami_mist_current_user" "me" {}`, withEnv(env(srv, "0.5")))
		expectMatch(t, out, diagnostic("Juniper Mist did not answer in time", "No usable answer arrived within the timeout of 500ms."),
			exactly("GET "+srv.URL+mistSelf+" did not complete within the timeout of 500ms"))
	})
	t.Run("zero is no limit", func(t *testing.T) {
		t.Parallel()
		srv, _ := startMist(t)
		srv.SetLatency(1500 * time.Millisecond)
		readFromEnvironment(t, env(srv, "0"), `data "whoami_mist_current_user" "me" {}`, at(mistUserAddr, "email", str("jsnow@example.com")))
	})
	t.Run("seconds", func(t *testing.T) {
		t.Parallel()
		srv, _ := startMist(t)
		srv.SetLatency(1500 * time.Millisecond)
		out := planFails(t, `data "whoami_mist_current_user" "me" {}`, withEnv(env(srv, "1")))
		expectMatch(t, out, diagnostic("Juniper Mist did not answer in time", "No usable answer arrived within the timeout of 1s."))
	})
}
