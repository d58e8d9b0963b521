package provider

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	simmist "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/mist"
)

// A session that expires while many lookups are in flight, and a new login
// the server refuses: one renewal is tried, and its refusal answers every
// waiting and later lookup, instead of each logging in again (one account,
// one attempt).
func TestLoginRefused_mistRenewalTriedOnce(t *testing.T) {
	t.Parallel()
	const sites = 40
	cloud := simmist.New()
	const org = "0f000000-0000-4000-8000-00000000000a"
	cloud.AddOrg(org, "")
	var required []string
	for i := range sites {
		id := fmt.Sprintf("5a000000-0000-4000-8000-%012d", i)
		cloud.AddSite(id, org)
		required = append(required, "site:"+id+":read")
	}
	cloud.AddAdmin(&simmist.Admin{Email: "expiring@example.com", Password: "Exp1ring-Passw0rd", Self: map[string]any{
		"admin_id": "0e000000-0000-4000-8000-000000000001", "email": "expiring@example.com",
		"privileges": []any{map[string]any{"scope": "org", "role": "admin", "org_id": org, "name": "Org"}}}}, "")
	api := cloud.Handler()
	var logins atomic.Int32
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/api/v1/login" && logins.Add(1) > 1:
			// The account was locked after the first login.
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"detail": "Invalid email or password."}`)
		case strings.HasPrefix(r.URL.Path, "/api/v1/sites/"):
			// The session expired after /self.
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"detail": "Authentication credentials were not provided."}`)
		default:
			api.ServeHTTP(w, r)
		}
	}), false)
	out := planFails(t, mistLoginBlock(srv.URL, "expiring@example.com", "Exp1ring-Passw0rd")+fmt.Sprintf(`
data "whoami_mist_current_privileges" "p" {
  required = %s
}`, hclList(required)))
	if n := srv.Count(http.MethodPost, "/api/v1/login"); n != 2 {
		t.Errorf("logins = %d, want 2: the first and one renewal", n)
	}
	expectMatch(t, out, exactly(`POST `+srv.URL+`/api/v1/login returned 400 Bad Request: Invalid email or password.`))
}

// A wrong password is tried once per plan, however many data sources need
// the session.
func TestLoginRefused_qumuloWrongPasswordTriedOnce(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	planFails(t, providerBlock("qumulo", assign("endpoint", srv.URL), assign("username", "svc-terraform"), assign("password", "wrong"))+`
data "whoami_qumulo_current_user" "me" {}
data "whoami_qumulo_current_privileges" "p" {}
`)
	if n := srv.Count(http.MethodPost, login); n != 1 {
		t.Errorf("logins = %d, want 1", n)
	}
}
