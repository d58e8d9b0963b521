package faynosync

import (
	"strings"
	"testing"
)

func TestHolderAndGrants(t *testing.T) {
	f, tr := false, true
	team := &WhoAmI{IsAdmin: &f, Permissions: &Permissions{
		Apps:     &ResourcePermissions{Upload: &tr, Download: &f, Allowed: []string{"a1"}},
		Channels: &ResourcePermissions{Edit: &tr},
	}}
	h := Holder(team)
	for req, want := range map[string]bool{
		"apps:upload": true, "apps:upload:a1": true, "apps:upload:a2": false, "apps:download": false,
		"channels:edit": true, "channels:edit:c1": false, "archs:create": false, "platforms:edit": false,
	} {
		if got := h.Satisfies(req); got != want {
			t.Errorf("%s: %t, want %t", req, got, want)
		}
	}
	if got := strings.Join(Grants(team), " "); got != "apps:upload apps:upload:a1 channels:edit" {
		t.Errorf("Grants = %s", got)
	}
	if !Holder(&WhoAmI{IsAdmin: &tr}).Satisfies("archs:delete:x") {
		t.Error("an admin satisfies everything")
	}
	// A user whose answer has no permissions at all holds nothing.
	if Holder(&WhoAmI{}).Satisfies("apps:edit") || len(Grants(&WhoAmI{})) != 0 {
		t.Error("no permissions, no grants")
	}
}

func TestGrammar(t *testing.T) {
	g := Grammar{}
	if err := g.Validate("archs:upload"); err == nil || err.Error() != `"archs:upload" names an action faynoSync has only for apps: archs has create, delete and edit` {
		t.Errorf("archs:upload: %v", err)
	}
	if unknown, s := g.Unknown("chanels:edit:c1"); !unknown || s != "channels:edit:c1" {
		t.Errorf("Unknown = %t, %q", unknown, s)
	}
}
