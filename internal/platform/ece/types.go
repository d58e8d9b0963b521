// Package ece talks to the Elastic Cloud Enterprise API: the current user,
// API-key and login authentication, and the permission/role grammar. It knows
// nothing of Terraform.
package ece

// User is GET /api/v1/user (the User model). Pointers and nil slices mean the
// server left the field out. The write-only security.password is deliberately
// not decoded, so it can never reach state.
type User struct {
	UserName *string   `json:"user_name"`
	FullName *string   `json:"full_name"`
	Email    *string   `json:"email"`
	Builtin  *bool     `json:"builtin"`
	Security *Security `json:"security"`
	Metadata *Metadata `json:"metadata"`
}

// Security is the UserSecurity model.
type Security struct {
	Enabled             *bool                `json:"enabled"`
	Roles               []string             `json:"roles"`
	Permissions         []string             `json:"permissions"`
	ElevatedPermissions *ElevatedPermissions `json:"elevated_permissions"`
	SecurityRealm       *SecurityRealm       `json:"security_realm"`
}

// ElevatedPermissions is the ElevatedPermissions model.
type ElevatedPermissions struct {
	Enabled   *bool   `json:"enabled"`
	ExpiresAt *string `json:"expires_at"`
}

// SecurityRealm is the UserSecurityRealm model; Type is native, ldap, saml,
// active_directory or a value newer than this provider.
type SecurityRealm struct {
	Type *string `json:"type"`
	ID   *string `json:"id"`
}

// Metadata is the UserMetadata model; times are RFC 3339 strings as sent.
type Metadata struct {
	CreatedAt    *string `json:"created_at"`
	CreatedBy    *string `json:"created_by"`
	UpdatedAt    *string `json:"updated_at"`
	UpdatedBy    *string `json:"updated_by"`
	FirstLoginAt *string `json:"first_login_at"`
	LastLoginAt  *string `json:"last_login_at"`
}

// failedReply is BasicFailedReply, the body of every ECE error.
type failedReply struct {
	Errors []struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"errors"`
}
