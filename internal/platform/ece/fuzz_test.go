package ece

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/platformtest"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

func FuzzUser(f *testing.F) {
	f.Add([]byte(`{"user_name":"u","security":{"roles":["ece_platform_admin"],"permissions":["get-current-user"],` +
		`"elevated_permissions":{"enabled":true,"expires_at":"2026-01-01T00:00:00Z"},"security_realm":{"type":"ldap","id":"x"}},"metadata":{}}`))
	f.Add([]byte(`{"security":null,"metadata":null}`))
	f.Add([]byte(`{"errors":[{"code":"user.not_found","message":"User not found"}]}`))
	f.Add([]byte(`{"user_name":"admin","builtin":true,"metadata":{"created_at":"2024-05-01T10:00:00Z","last_login_at":null}}`))
	f.Add([]byte(`{"security":{"roles":[],"permissions":["create-deployment","get-deployment"]}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		DecodeError(body, http.Header{"X-Cloud-Error-Codes": {string(body)}})
		var u User
		if json.Unmarshal(body, &u) != nil {
			return
		}
		if err := platformtest.RoundTrip(u); err != nil {
			t.Error(err)
		}
		privileges := Privileges(&u)
		if bad := platformtest.InvalidGrants(Grammar{}, privileges); len(bad) > 0 {
			t.Errorf("Privileges lists %q, which the grammar rejects", bad)
		}
		if !slices.IsSorted(privileges) || len(slices.Compact(slices.Clone(privileges))) != len(privileges) {
			t.Errorf("Privileges %q is not sorted and free of repeats", privileges)
		}
		h := Holder(&u)
		for _, p := range privileges {
			if d := h.Decide(p); d.State != privilege.Granted {
				t.Errorf("the caller's own privilege %q is %s: %s", p, d.State, d.Reason)
			}
		}
		want := privilege.Unknown
		if u.Security != nil && u.Security.Roles != nil {
			want = privilege.Missing
			if slices.Contains(u.Security.Roles, "ece_platform_admin") {
				want = privilege.Granted
			}
		}
		if d := h.Decide("role:ece_platform_admin"); d.State != want || d.Reason == "" {
			t.Errorf("role:ece_platform_admin is %s (%q), want %s, with security %+v", d.State, d.Reason, want, u.Security)
		}
	})
}

// Privileges leaves out what the grammar rejects (a permission that is not an
// operation id, a role that is not a role name), so a configuration can
// require every privilege it lists.
func TestPrivilegesOutsideTheGrammarAreLeftOut(t *testing.T) {
	var u User
	if err := json.Unmarshal([]byte(`{"security":{"roles":["Custom Role"],"permissions":["get_deployment"]}}`), &u); err != nil {
		t.Fatal(err)
	}
	if got := Privileges(&u); len(got) != 0 {
		t.Errorf("Privileges = %q, want none", got)
	}
}

func FuzzGrammar(f *testing.F) {
	for _, s := range []string{"create-deployment", "role:ece_platform_admn", "role:", "Create Deployment", ""} {
		f.Add(s)
	}
	for _, s := range []string{"role:ece_platform_admin", "role:role:ece_platform_admin", "role:ece_deploymnet_viewer", "role:x", "get-current-user\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, req string) {
		if (Grammar{}).Validate(req) != nil {
			return
		}
		if err := platformtest.CheckUnknown(Grammar{}, req); err != nil {
			t.Error(err)
		}
		// Only roles are checked: operation ids are never unknown.
		role, isRole := strings.CutPrefix(req, rolePrefix)
		if unknown, _ := (Grammar{}).Unknown(req); unknown != (isRole && !slices.Contains(KnownRoles, role)) {
			t.Errorf("Unknown(%q) = %t", req, unknown)
		}
	})
}
