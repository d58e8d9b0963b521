package qumulo

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/platformtest"
)

// FuzzWhoAmI: any body either fails to decode or yields a value that survives
// a trip through JSON and whose holder grants exactly the privileges listed.
func FuzzWhoAmI(f *testing.F) {
	f.Add([]byte(`{"id":"1026","name":"svc","privileges":["PRIVILEGE_QUOTA_READ"],"can_change_password":false}`))
	f.Add([]byte(`{"id":null,"privileges":null}`))
	f.Add([]byte(`{"module":"m","error_class":"c","description":"d"}`))
	f.Add([]byte(`{"id":"500","privileges":["PRIVILEGE_SMB_SHARE_WRITE","privilege_smb_share_read",""],"home_directory":"/","access_token_id":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		DecodeError(body, nil)
		var w WhoAmI
		if json.Unmarshal(body, &w) != nil {
			return
		}
		if err := platformtest.RoundTrip(w); err != nil {
			t.Error(err)
		}
		h := Holder(&w)
		for _, p := range w.Privileges {
			if !h.Satisfies(p) {
				t.Errorf("the caller does not satisfy its own privilege %q", p)
			}
		}
		for _, k := range KnownPrivileges { // no implication: only what is listed
			if h.Satisfies(k) != slices.Contains(w.Privileges, k) {
				t.Errorf("Satisfies(%q) = %t with privileges %q", k, h.Satisfies(k), w.Privileges)
			}
		}
	})
}

func FuzzGrammar(f *testing.F) {
	for _, s := range []string{"PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_SMB_SHARE_REED", "smb", "", "PRIVILEGE_"} {
		f.Add(s)
	}
	for _, s := range KnownPrivileges { // every known name is well-formed and known
		f.Add(s)
	}
	f.Add("PRIVILEGE_SMB_SHARE_READ\n")
	f.Fuzz(func(t *testing.T, req string) {
		if err := Grammar.Validate(req); err != nil {
			if slices.Contains(KnownPrivileges, req) {
				t.Errorf("a known privilege is rejected: %v", err)
			}
			return
		}
		if err := platformtest.CheckUnknown(Grammar, req); err != nil {
			t.Error(err)
		}
		if unknown, _ := Grammar.Unknown(req); unknown == slices.Contains(KnownPrivileges, req) {
			t.Errorf("Unknown(%q) = %t", req, unknown)
		}
	})
}
