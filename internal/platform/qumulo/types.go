// Package qumulo talks to the Qumulo Core REST API: who-am-i, session roles and
// the login flow, plus the PRIVILEGE_* grammar. It knows nothing of Terraform.
package qumulo

// WhoAmI is GET /v1/session/who-am-i. Every field is a pointer or a nil-able
// slice: the schema requires no field, so any may be absent; nil means absent.
type WhoAmI struct {
	ID                *string  `json:"id"`
	Name              *string  `json:"name"`
	PrimaryGroup      *string  `json:"primary_group"`
	SID               *string  `json:"sid"`
	UID               *string  `json:"uid"`
	HomeDirectory     *string  `json:"home_directory"`
	CanChangePassword *bool    `json:"can_change_password"`
	Privileges        []string `json:"privileges"`
	AccessTokenID     *string  `json:"access_token_id"`
}

// apiError is the body of every Qumulo error response.
type apiError struct {
	Module      string `json:"module"`
	ErrorClass  string `json:"error_class"`
	Description string `json:"description"`
}
