package ece

import (
	"net/http"
	"testing"
)

func TestHolderAndGrammar(t *testing.T) {
	u := &User{Security: &Security{Roles: []string{"ece_deployment_viewer"}, Permissions: []string{"get-deployment"}}}
	h := Holder(u)
	for req, want := range map[string]bool{"get-deployment": true, "role:ece_deployment_viewer": true,
		"create-deployment": false, "role:ece_platform_admin": false} {
		if got := h.Satisfies(req); got != want {
			t.Errorf("%s: %t, want %t", req, got, want)
		}
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
