package ece

import (
	"encoding/json"
	"net/http"
	"testing"
)

func FuzzUser(f *testing.F) {
	f.Add([]byte(`{"user_name":"u","security":{"roles":["ece_platform_admin"],"permissions":["get-current-user"],` +
		`"elevated_permissions":{"enabled":true,"expires_at":"2026-01-01T00:00:00Z"},"security_realm":{"type":"ldap","id":"x"}},"metadata":{}}`))
	f.Add([]byte(`{"security":null,"metadata":null}`))
	f.Add([]byte(`{"errors":[{"code":"user.not_found","message":"User not found"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		DecodeError(body, http.Header{"X-Cloud-Error-Codes": {string(body)}})
		var u User
		if json.Unmarshal(body, &u) != nil {
			return
		}
		Holder(&u).Satisfies("role:ece_platform_admin")
	})
}

func FuzzGrammar(f *testing.F) {
	for _, s := range []string{"create-deployment", "role:ece_platform_admn", "role:", "Create Deployment", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, req string) {
		if (Grammar{}).Validate(req) == nil {
			Grammar{}.Unknown(req)
		}
	})
}
