package awx

import (
	"encoding/json"
	"testing"
)

func FuzzPages(f *testing.F) {
	f.Add([]byte(`{"count":1,"next":null,"results":[{"id":7,"username":"svc","is_superuser":false,"related":{"roles":"/x/"},` +
		`"summary_fields":{"user_capabilities":{"edit":true}},"name":"Ad Hoc","external_account":null}]}`))
	f.Add([]byte(`{"results":[{"id":101,"name":"Admin","summary_fields":{"resource_type":"job_template","resource_id":42}}]}`))
	f.Add([]byte(`{"detail":"You do not have permission to perform this action."}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		DecodeError(body, nil)
		var users page[User]
		var roles page[Role]
		if json.Unmarshal(body, &users) != nil || json.Unmarshal(body, &roles) != nil {
			return
		}
		for _, u := range users.Results {
			Holder(&u, roles.Results).Satisfies("job_template:42:read")
			Grants(&u, roles.Results)
		}
	})
}

func FuzzGrammar(f *testing.F) {
	for _, s := range []string{"superuser", "job_template:42:execute", "job_templte:42:exeute", "Ad Hoc", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, req string) {
		NormalizeRole(req)
		if (Grammar{}).Validate(req) == nil {
			Grammar{}.Unknown(req)
		}
	})
}
