package awx

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/platformtest"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

func FuzzPages(f *testing.F) {
	f.Add([]byte(`{"count":1,"next":null,"results":[{"id":7,"username":"svc","is_superuser":false,"related":{"roles":"/x/"},` +
		`"summary_fields":{"user_capabilities":{"edit":true}},"name":"Ad Hoc","external_account":null}]}`))
	f.Add([]byte(`{"results":[{"id":101,"name":"Admin","summary_fields":{"resource_type":"job_template","resource_id":42}}]}`))
	f.Add([]byte(`{"detail":"You do not have permission to perform this action."}`))
	f.Add([]byte(`{"count":2,"next":"/api/v2/users/7/roles/?page=2","results":[{"id":7,"is_system_auditor":true,` +
		`"name":"Job Template Admin","summary_fields":{"resource_type":"organization","resource_name":"Default","resource_id":1}},` +
		`{"id":8,"name":"Read","summary_fields":{}}]}`))
	f.Add([]byte(`{"current_version":"/api/v2/","apis":{"controller":"/api/controller/"}}`)) // GET /api/
	f.Fuzz(func(t *testing.T, body []byte) {
		DecodeError(body, nil)
		var root apiRoot
		if json.Unmarshal(body, &root) == nil {
			if err := platformtest.RoundTrip(root); err != nil {
				t.Error(err)
			}
		}
		var users page[User]
		var roles page[Role]
		if json.Unmarshal(body, &users) != nil || json.Unmarshal(body, &roles) != nil {
			return
		}
		for _, err := range []error{platformtest.RoundTrip(users), platformtest.RoundTrip(roles)} {
			if err != nil {
				t.Error(err)
			}
		}
		for _, u := range users.Results {
			grants := Grants(&u, roles.Results)
			if bad := platformtest.InvalidGrants(Grammar{}, grants); len(bad) > 0 {
				t.Errorf("Grants lists %q, which the grammar rejects", bad)
			}
			h := Holder(&u, roles.Results, "")
			for _, g := range grants {
				if d := h.Decide(g); d.State != privilege.Granted {
					t.Errorf("the caller's own grant %q is %s: %s", g, d.State, d.Reason)
				}
			}
			if d := h.Decide("job_template:42:read"); d.State == 0 || d.Reason == "" {
				t.Errorf("job_template:42:read undecided: %+v", d)
			}
		}
	})
}

// Grants leaves out roles the grammar cannot name, so a configuration can
// require every grant it lists.
func TestGrantsOutsideTheGrammarAreLeftOut(t *testing.T) {
	const body = `{"results":[{"id":1,"name":"Admin 2","summary_fields":{"resource_type":"job_template","resource_id":42}},` +
		`{"id":2,"name":"","summary_fields":{"resource_type":"job_template","resource_id":43}},` +
		`{"id":3,"name":"Use","summary_fields":{"resource_type":"Credential","resource_id":-1}}, null]}`
	var roles page[Role]
	if err := json.Unmarshal([]byte(body), &roles); err != nil {
		t.Fatal(err)
	}
	f := false
	if got := Grants(&User{IsSuperuser: &f}, roles.Results); len(got) != 0 {
		t.Errorf("Grants = %q, want none", got)
	}
}

func FuzzGrammar(f *testing.F) {
	for _, s := range []string{"superuser", "job_template:42:execute", "job_templte:42:exeute", "Ad Hoc", ""} {
		f.Add(s)
	}
	for _, s := range []string{"system_auditor", "inventory:3:adhoc", "Job Template Admin", " Ad  Hoc\t", "inventory:007:admn",
		"team:1:member\n", "superuser:1:admin"} {
		f.Add(s)
	}
	for _, s := range KnownRoles {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, req string) {
		// NormalizeRole is idempotent, keeps every known role as it is, and
		// leaves no space.
		n := NormalizeRole(req)
		if again := NormalizeRole(n); again != n {
			t.Errorf("NormalizeRole(%q) = %q, but NormalizeRole(%q) = %q", req, n, n, again)
		}
		if strings.ContainsFunc(n, unicode.IsSpace) {
			t.Errorf("NormalizeRole(%q) = %q has a space", req, n)
		}
		if slices.Contains(KnownRoles, req) && n != req {
			t.Errorf("NormalizeRole(%q) = %q for a known role", req, n)
		}
		if (Grammar{}).Validate(req) != nil {
			return
		}
		if err := platformtest.CheckUnknown(Grammar{}, req); err != nil {
			t.Error(err)
		}
	})
}
