package ece

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

func TestHolderAndGrammar(t *testing.T) {
	u := &User{Security: &Security{Roles: []string{"ece_deployment_viewer"}, Permissions: []string{"get-deployment"}}}
	h := Holder(u)
	for req, want := range map[string]privilege.Decision{
		"get-deployment":             privilege.Grant("listed in security.permissions"),
		"role:ece_deployment_viewer": privilege.Grant("listed in security.roles"),
		"create-deployment":          privilege.Lack("not listed in security.permissions"),
		"role:ece_platform_admin":    privilege.Lack("not listed in security.roles"),
	} {
		if got := h.Decide(req); got != want {
			t.Errorf("%s: %+v, want %+v", req, got, want)
		}
	}
	// The built-in admin as elastic/cloud-sdk-go mocks it: no security at all.
	builtin := Holder(&User{})
	noSecurity := privilege.Undecided("ECE answered GET /api/v1/user without security, as it does for built-in users, so the user's roles and permissions are not visible")
	for _, req := range []string{"create-deployment", "role:ece_platform_admin"} {
		if got := builtin.Decide(req); got != noSecurity {
			t.Errorf("built-in %s: %+v, want %+v", req, got, noSecurity)
		}
	}
	partial := Holder(&User{Security: &Security{Roles: []string{"ece_platform_admin"}}})
	if got, want := partial.Decide("create-deployment"), privilege.Undecided("ECE's answer has no security.permissions"); got != want {
		t.Errorf("no permissions list: %+v, want %+v", got, want)
	}
	if got, want := Holder(&User{Security: &Security{}}).Decide("role:x"), privilege.Undecided("ECE's answer has no security.roles"); got != want {
		t.Errorf("no roles list: %+v, want %+v", got, want)
	}
	// Repeats, empty entries and names the grammar rejects never reach privileges.
	dup := &User{Security: &Security{Roles: []string{"ece_platform_admin", "ece_platform_admin", "", "Custom Role"},
		Permissions: []string{"get-deployment", "get-deployment", "", "get_deployment"}}}
	if got, want := Privileges(dup), []string{"get-deployment", "role:ece_platform_admin"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Privileges = %q, want %q", got, want)
	}
	if got := Privileges(&User{}); len(got) != 0 {
		t.Errorf("no security, no privileges: %v", got)
	}
	g := Grammar{}
	if unknown, s := g.Unknown("role:ece_platfrom_admin"); !unknown || s != "role:ece_platform_admin" {
		t.Errorf("Unknown = %t, %q", unknown, s)
	}
	if unknown, _ := g.Unknown("some-new-operation"); unknown {
		t.Error("operation ids are not checked")
	}
}

func TestDecodeErrorFallsBackToTheHeader(t *testing.T) {
	h := http.Header{}
	h.Set("X-Cloud-Error-Codes", "root.unauthorized.rbac, other.code")
	msg, codes := DecodeError([]byte("<html>"), h)
	if msg != "" || len(codes) != 2 || codes[0] != "root.unauthorized.rbac" || codes[1] != "other.code" {
		t.Errorf("DecodeError = %q, %v", msg, codes)
	}
}
