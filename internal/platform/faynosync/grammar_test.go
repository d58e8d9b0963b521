package faynosync

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

func listing(ids ...string) *Listing {
	l := &Listing{IDs: map[string]bool{}}
	for _, id := range ids {
		l.IDs[id] = true
	}
	return l
}

func str(s string) *string { return &s }

func TestTeamUser(t *testing.T) {
	f, tr := false, true
	team := Caller{Kind: KindLogin, Who: &WhoAmI{IsAdmin: &f, Owner: str("admin"), Permissions: &Permissions{
		Apps:     &ResourcePermissions{Upload: &tr, Download: &tr, Edit: &tr, Allowed: []string{"a1", "a1", "", "a3"}},
		Channels: &ResourcePermissions{Edit: &tr, Allowed: []string{"c1", "c2"}},
	}}}
	if got := team.Needs([]string{"apps:upload", "apps:upload:a1", "apps:download:a9", "apps:upload:a2", "channels:edit:c1", "archs:edit:x"}); !reflect.DeepEqual(got, []string{"apps", "channels"}) {
		t.Errorf("Needs = %q, want apps and channels", got)
	}
	h := team.Holder(map[string]*Listing{"apps": listing("a1"), "channels": listing("c1")})
	for req, want := range map[string]privilege.Decision{
		"apps:upload": privilege.Grant("the Upload flag on Apps is on"),
		"apps:upload:a1": privilege.Undecided(`a1 is in Apps.Allowed and belongs to "admin", the team's owner, but faynoSync also requires ` +
			"the upload's channel, platform and arch to be in Allowed, and the requirement names none of them"),
		"apps:edit:a1":   privilege.Grant(`a1 is in Apps.Allowed and belongs to "admin", the team's owner (GET /app/list)`),
		"apps:upload:a2": privilege.Lack("a2 is not in Apps.Allowed"),
		"apps:edit:a3": privilege.Lack(`a3 is in Apps.Allowed, but is not one of the apps of "admin", the team's owner (GET /app/list): ` +
			"faynoSync lets a team user act only on its owner's objects"),
		"apps:download:a9": privilege.Grant("the Download flag on Apps is on, and faynoSync's /download checks only the flag: " +
			"it takes a storage key, not an app id"),
		"apps:create":      privilege.Undecided("faynoSync's answer has no Create flag on Apps"),
		"channels:edit:c1": privilege.Grant(`c1 is in Channels.Allowed and belongs to "admin", the team's owner (GET /channel/list)`),
		"channels:edit:c2": privilege.Lack(`c2 is in Channels.Allowed, but is not one of the channels of "admin", the team's owner ` +
			"(GET /channel/list): faynoSync lets a team user act only on its owner's objects"),
		"archs:create": privilege.Undecided("faynoSync's answer has no Archs permissions"),
	} {
		if got := h.Decide(req); got != want {
			t.Errorf("%s: %+v, want %+v", req, got, want)
		}
	}
	if got := strings.Join(Grants(team), " "); got != "apps:download apps:edit apps:upload channels:edit" {
		t.Errorf("Grants = %s", got)
	}
	failed := team.Holder(map[string]*Listing{"channels": {Err: errors.New("boom")}, "apps": {IDs: map[string]bool{}, Full: true}})
	for req, want := range map[string]privilege.Decision{
		"channels:edit:c1": privilege.Undecided(`c1 is in Channels.Allowed, but faynoSync also requires it to belong to "admin", ` +
			"the team's owner, and GET /channel/list failed: boom"),
		"apps:edit:a1": privilege.Undecided("a1 is in Apps.Allowed, but not among the first 100 apps GET /app/list answers, and faynoSync answers no more"),
	} {
		if got := failed.Decide(req); got != want {
			t.Errorf("%s: %+v, want %+v", req, got, want)
		}
	}
	if got, want := (Caller{Who: &WhoAmI{}}).Holder(nil).Decide("apps:edit"), privilege.Undecided("faynoSync's answer has neither is_admin true nor permissions"); got != want {
		t.Errorf("no permissions: %+v, want %+v", got, want)
	}
}

func TestAdmin(t *testing.T) {
	tr := true
	admin := Caller{Kind: KindJWT, Who: &WhoAmI{IsAdmin: &tr, Username: str("admin2")}}
	if got := admin.Needs([]string{"archs:delete", "apps:download:x", "archs:delete:x", "archs:edit:y"}); !reflect.DeepEqual(got, []string{"archs"}) {
		t.Errorf("Needs = %q, want archs", got)
	}
	h := admin.Holder(map[string]*Listing{"archs": listing("mine"), "channels": {Err: errors.New("boom")}})
	for req, want := range map[string]privilege.Decision{
		"archs:delete":      privilege.Grant("the caller is an administrator"),
		"archs:delete:mine": privilege.Grant("the administrator owns arch mine (GET /arch/list)"),
		"archs:delete:x": privilege.Lack("x is not among the archs the administrator owns (GET /arch/list), and faynoSync lets an " +
			"administrator act only on its own"),
		"channels:edit:x": privilege.Undecided("an administrator acts only on the objects it owns, and GET /channel/list failed: boom"),
		"apps:download:x": privilege.Grant("the caller is an administrator, and faynoSync's /download checks only the Download flag, " +
			"not an app id (it takes a storage key)"),
	} {
		if got := h.Decide(req); got != want {
			t.Errorf("%s: %+v, want %+v", req, got, want)
		}
	}
	if len(Grants(admin)) != 14 {
		t.Errorf("Grants = %q, want all 14", Grants(admin))
	}
}

// An fns_ token answers /whoami as its admin, but may only upload.
func TestAPIToken(t *testing.T) {
	tr := true
	token := Caller{Kind: KindAPIToken, Who: &WhoAmI{IsAdmin: &tr, Username: str("admin")}}
	if got := token.Needs([]string{"apps:upload", "apps:upload:a1", "channels:edit:c1", "apps:edit:a1"}); !reflect.DeepEqual(got, []string{"apps"}) {
		t.Errorf("Needs = %q, want apps", got)
	}
	const cannotRead = "an API token may upload only to its allowed apps, and faynoSync does not let a token read which they are " +
		"(GET /token/list needs an administrator's JWT)"
	only := privilege.Lack(`faynoSync lets an API token do nothing but upload to its allowed apps ("API tokens are restricted to app upload")`)
	h := token.Holder(map[string]*Listing{"apps": listing("a1")})
	for req, want := range map[string]privilege.Decision{
		"apps:upload":    privilege.Undecided(cannotRead),
		"apps:upload:a1": privilege.Undecided(cannotRead),
		"apps:upload:a2": privilege.Lack(`a2 is not an app of "admin", the token's administrator (GET /app/list), and a token's ` +
			"allowed apps can only be its administrator's"),
		"apps:download":    only,
		"apps:edit:a1":     only,
		"channels:create":  only,
		"platforms:delete": only,
	} {
		if got := h.Decide(req); got != want {
			t.Errorf("%s: %+v, want %+v", req, got, want)
		}
	}
	if got := token.Holder(map[string]*Listing{"apps": {Err: errors.New("boom")}}).Decide("apps:upload:a2"); got != privilege.Undecided(cannotRead+"; and GET /app/list failed: boom") {
		t.Errorf("list failed: %+v", got)
	}
	if len(Grants(token)) != 0 {
		t.Errorf("Grants = %q, want none", Grants(token))
	}
}

func TestKindFor(t *testing.T) {
	for cr, want := range map[httpx.Credentials]CredentialKind{
		{Token: "fns_abc"}: KindAPIToken, {Token: "eyJ.x.y"}: KindJWT, {Username: "u", Password: "p"}: KindLogin,
	} {
		if got := KindFor(cr); got != want {
			t.Errorf("KindFor(%+v) = %s, want %s", cr, got, want)
		}
	}
}

func TestCleanAllowed(t *testing.T) {
	if got := CleanAllowed([]string{"", "a", "a", "", "b"}); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("CleanAllowed = %q", got)
	}
	if got := CleanAllowed(nil); got == nil || len(got) != 0 {
		t.Errorf("CleanAllowed(nil) = %#v, want an empty list", got)
	}
}

func TestGrammar(t *testing.T) {
	g := Grammar{}
	if err := g.Validate("archs:upload"); err == nil || err.Error() != `"archs:upload" names an action faynoSync has only for apps: archs has create, delete and edit` {
		t.Errorf("archs:upload: %v", err)
	}
	if err := g.Validate("channels:create:c1"); err == nil || err.Error() != `"channels:create:c1" names an id, but creating acts on no existing object: write channels:create` {
		t.Errorf("channels:create:c1: %v", err)
	}
	if unknown, s := g.Unknown("chanels:edit:c1"); !unknown || s != "channels:edit:c1" {
		t.Errorf("Unknown = %t, %q", unknown, s)
	}
}
