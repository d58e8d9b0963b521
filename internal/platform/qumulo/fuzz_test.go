package qumulo

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/platformtest"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
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
		grants := Grants(&w)
		if bad := platformtest.InvalidGrants(Grammar, grants); len(bad) > 0 {
			t.Errorf("Grants lists %q, which the grammar rejects", bad)
		}
		for _, p := range grants {
			if d := h.Decide(p); d.State != privilege.Granted {
				t.Errorf("the caller's own privilege %q is %s: %s", p, d.State, d.Reason)
			}
		}
		for _, k := range KnownPrivileges { // no implication: only what is listed
			want := privilege.Missing
			switch {
			case w.Privileges == nil:
				want = privilege.Unknown
			case slices.Contains(w.Privileges, k):
				want = privilege.Granted
			}
			if d := h.Decide(k); d.State != want || d.Reason == "" {
				t.Errorf("%s is %s (%q) with privileges %q, want %s", k, d.State, d.Reason, w.Privileges, want)
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
