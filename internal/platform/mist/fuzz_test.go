package mist

import (
	"encoding/json"
	"testing"
)

// FuzzSelf covers decoding and everything computed from /self alone; the
// lookups inheritance makes are covered by the acceptance tests.
func FuzzSelf(f *testing.F) {
	f.Add([]byte(`{"admin_id":"a","privileges":[{"scope":"org","role":"admin","org_id":"A97C1B22-A4E9-411E-9BFD-D8695A0F9E61"},` +
		`{"scope":"orggroup","role":"read","orggroup_ids":["x"]},{"scope":null}],"password_modified_time":1656353525.5}`))
	f.Add([]byte(`{"two_factor_required":true,"two_factor_passed":false}`))
	f.Add([]byte(`{"detail":"Invalid token."}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		DecodeError(body, nil)
		var s Self
		if json.Unmarshal(body, &s) != nil {
			return
		}
		Grants(&s)
		r := resolver{self: &s}
		r.holds("org", "a97c1b22-a4e9-411e-9bfd-d8695a0f9e61", "write")
		r.holdsAny("msp", "read")
	})
}

func FuzzGrammar(f *testing.F) {
	for _, s := range []string{"org:a97c1b22-a4e9-411e-9bfd-d8695a0f9e61:write", "orgs:a97c1b22-a4e9-411e-9bfd-d8695a0f9e61:wirte", "org:acme:write", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, req string) {
		if (Grammar{}).Validate(req) == nil {
			Grammar{}.Unknown(req)
		}
	})
}
