package faynosync

import (
	"encoding/json"
	"testing"
)

func FuzzWhoAmI(f *testing.F) {
	f.Add([]byte(`{"id":"1","username":"bot","is_admin":false,"owner":"admin","permissions":{"Apps":{"Upload":true,"Allowed":["a"]},"Archs":null}}`))
	f.Add([]byte(`{"id":"0","username":"admin","is_admin":true}`))
	f.Add([]byte(`{"error":"token expired"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		DecodeError(body, nil)
		var w WhoAmI
		if json.Unmarshal(body, &w) != nil {
			return
		}
		Grants(&w)
		Holder(&w).Satisfies("apps:upload:a")
	})
}

func FuzzGrammar(f *testing.F) {
	for _, s := range []string{"apps:upload", "channels:edit:64f1c2", "apss:uplaod", "archs:upload", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, req string) {
		if (Grammar{}).Validate(req) == nil {
			Grammar{}.Unknown(req)
		}
	})
}
