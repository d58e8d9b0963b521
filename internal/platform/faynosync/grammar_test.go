package faynosync

import (
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

func TestHolderAndGrants(t *testing.T) {
	f, tr := false, true
	team := &WhoAmI{IsAdmin: &f, Permissions: &Permissions{
		Apps:     &ResourcePermissions{Upload: &tr, Download: &f, Allowed: []string{"a1", "a1", ""}},
		Channels: &ResourcePermissions{Edit: &tr},
	}}
	h := Holder(team)
	for req, want := range map[string]privilege.Decision{
		"apps:upload": privilege.Grant("the Upload flag on Apps is on"),
		"apps:upload:a1": privilege.Undecided("a1 is in Apps.Allowed, but faynoSync also requires it to belong to the team's owner, " +
			"which the provider does not check"),
		"apps:upload:a2":   privilege.Lack("a2 is not in Apps.Allowed"),
		"apps:download":    privilege.Lack("the Download flag on Apps is off"),
		"apps:create":      privilege.Undecided("faynoSync's answer has no Create flag on Apps"),
		"channels:edit":    privilege.Grant("the Edit flag on Channels is on"),
		"channels:edit:c1": privilege.Lack("c1 is not in Channels.Allowed"),
		"archs:create":     privilege.Undecided("faynoSync's answer has no Archs permissions"),
	} {
		if got := h.Decide(req); got != want {
			t.Errorf("%s: %+v, want %+v", req, got, want)
		}
	}
	if got := strings.Join(Grants(team), " "); got != "apps:upload channels:edit" {
		t.Errorf("Grants = %s", got)
	}
	admin := Holder(&WhoAmI{IsAdmin: &tr})
	if got, want := admin.Decide("archs:delete"), privilege.Grant("the caller is an administrator"); got != want {
		t.Errorf("admin archs:delete: %+v, want %+v", got, want)
	}
	// A second admin is refused on the first one's objects: an id is unknown.
	if got, want := admin.Decide("archs:delete:x"), privilege.Undecided("an administrator acts only on the objects it owns, "+
		"and the provider does not check who owns x"); got != want {
		t.Errorf("admin archs:delete:x: %+v, want %+v", got, want)
	}
	// An answer with no permissions at all decides nothing and lists nothing.
	if got, want := Holder(&WhoAmI{}).Decide("apps:edit"), privilege.Undecided("faynoSync's answer has neither is_admin true nor permissions"); got != want || len(Grants(&WhoAmI{})) != 0 {
		t.Errorf("no permissions: %+v, want %+v and no grants", got, want)
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
