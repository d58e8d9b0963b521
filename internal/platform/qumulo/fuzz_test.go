package qumulo

import (
	"encoding/json"
	"testing"
)

// FuzzWhoAmI: any body either fails to decode or yields a value every
// consumer handles without panicking.
func FuzzWhoAmI(f *testing.F) {
	f.Add([]byte(`{"id":"1026","name":"svc","privileges":["PRIVILEGE_QUOTA_READ"],"can_change_password":false}`))
	f.Add([]byte(`{"id":null,"privileges":null}`))
	f.Add([]byte(`{"module":"m","error_class":"c","description":"d"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		DecodeError(body, nil)
		var w WhoAmI
		if json.Unmarshal(body, &w) != nil {
			return
		}
		Holder(&w).Satisfies("PRIVILEGE_QUOTA_READ")
	})
}

func FuzzGrammar(f *testing.F) {
	for _, s := range []string{"PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_SMB_SHARE_REED", "smb", "", "PRIVILEGE_"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, req string) {
		if Grammar.Validate(req) == nil {
			Grammar.Unknown(req)
		}
	})
}
