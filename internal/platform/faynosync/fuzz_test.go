package faynosync

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/platformtest"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

func FuzzWhoAmI(f *testing.F) {
	f.Add([]byte(`{"id":"1","username":"bot","is_admin":false,"owner":"admin","permissions":{"Apps":{"Upload":true,"Allowed":["a"]},"Archs":null}}`))
	f.Add([]byte(`{"id":"0","username":"admin","is_admin":true}`))
	f.Add([]byte(`{"error":"token expired"}`))
	f.Add([]byte(`{"id":"66f2a1","username":"release-bot","is_admin":false,"owner":"admin","permissions":{` +
		`"Apps":{"Create":false,"Delete":false,"Edit":true,"Download":true,"Upload":true,"Allowed":["64f1c2","64f1c3"]},` +
		`"Channels":{"Create":true,"Allowed":[]},"Platforms":{"Delete":true,"Upload":true},"Archs":{"Edit":null}}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		DecodeError(body, nil)
		var w WhoAmI
		if json.Unmarshal(body, &w) != nil {
			return
		}
		if err := platformtest.RoundTrip(w); err != nil {
			t.Error(err)
		}
		for _, kind := range []CredentialKind{KindLogin, KindJWT, KindAPIToken} {
			c := Caller{Who: &w, Kind: kind}
			grants := Grants(c)
			if bad := platformtest.InvalidGrants(Grammar{}, grants); len(bad) > 0 {
				t.Errorf("Grants lists %q, which the grammar rejects", bad)
			}
			h := c.Holder(nil)
			for _, g := range grants {
				if d := h.Decide(g); d.State != privilege.Granted {
					t.Errorf("the caller's own grant %q is %s: %s", g, d.State, d.Reason)
				}
			}
			// Without the lists, who owns an object is not known: an id to
			// edit is never granted.
			if d := h.Decide("apps:edit:a"); d.State == privilege.Granted || d.Reason == "" {
				t.Errorf("apps:edit:a decided %+v", d)
			}
		}
	})
}

// Grants lists no id, and so nothing the grammar rejects, whatever Allowed holds.
func TestGrantsOutsideTheGrammarAreLeftOut(t *testing.T) {
	const body = `{"is_admin":false,"permissions":{"Apps":{"Upload":true,"Allowed":["","my app",null,"a","a"]}}}`
	var w WhoAmI
	if err := json.Unmarshal([]byte(body), &w); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(Grants(Caller{Who: &w, Kind: KindLogin}), " "); got != "apps:upload" {
		t.Errorf("Grants = %q, want apps:upload", got)
	}
}

func FuzzGrammar(f *testing.F) {
	for _, s := range []string{"apps:upload", "channels:edit:64f1c2", "apss:uplaod", "archs:upload", ""} {
		f.Add(s)
	}
	for _, s := range []string{"apps:download:64f1c2", "platfrom:delete", "channels:edti:c1", "apps:upload:", "apps:upload:a:b", "Apps:upload", "arch:upload"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, req string) {
		if (Grammar{}).Validate(req) != nil {
			return
		}
		if err := platformtest.CheckUnknown(Grammar{}, req); err != nil {
			t.Error(err)
		}
	})
}

// Unknown never suggests an apps-only action for another resource.
func TestUnknownSuggestsOnlyValidRequirements(t *testing.T) {
	for req, want := range map[string]string{"arch:upload": "", "archs:uplod": "", "platfrms:upload": "", "channel:download:x": "",
		"chanels:edit:c1": "channels:edit:c1", "app:uplod": "apps:upload"} {
		if err := (Grammar{}).Validate(req); err != nil {
			t.Fatal(err)
		}
		if err := platformtest.CheckUnknown(Grammar{}, req); err != nil {
			t.Error(err)
		}
		if unknown, s := (Grammar{}).Unknown(req); !unknown || s != want {
			t.Errorf("Unknown(%q) = %t, %q; want true, %q", req, unknown, s, want)
		}
	}
}
