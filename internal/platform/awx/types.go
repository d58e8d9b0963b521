// Package awx talks to the AWX / Ansible Automation Platform controller API:
// base-path discovery, /me/, the caller's roles (following every page),
// Bearer and Basic authentication, and the role grammar. It knows nothing of
// Terraform.
package awx

// User is the one result of GET <base>/me/. Fields a controller version does
// not send stay nil; password ("$encrypted$") is deliberately not decoded.
type User struct {
	ID              *int64         `json:"id"`
	Type            *string        `json:"type"`
	URL             *string        `json:"url"`
	Related         map[string]any `json:"related"`
	SummaryFields   *UserSummary   `json:"summary_fields"`
	Created         *string        `json:"created"`
	Modified        *string        `json:"modified"`
	Username        *string        `json:"username"`
	FirstName       *string        `json:"first_name"`
	LastName        *string        `json:"last_name"`
	Email           *string        `json:"email"`
	IsSuperuser     *bool          `json:"is_superuser"`
	IsSystemAuditor *bool          `json:"is_system_auditor"`
	LdapDN          *string        `json:"ldap_dn"`
	LastLogin       *string        `json:"last_login"`
	ExternalAccount *string        `json:"external_account"`
}

// UserSummary is summary_fields of a user.
type UserSummary struct {
	UserCapabilities *struct {
		Edit   *bool `json:"edit"`
		Delete *bool `json:"delete"`
	} `json:"user_capabilities"`
}

// Role is one entry of /users/<id>/roles/.
type Role struct {
	ID            *int64  `json:"id"`
	Name          *string `json:"name"`
	SummaryFields struct {
		ResourceType *string `json:"resource_type"`
		ResourceName *string `json:"resource_name"`
		ResourceID   *int64  `json:"resource_id"`
	} `json:"summary_fields"`
}

// page is one page of a paginated list.
type page[T any] struct {
	Count   *int64  `json:"count"`
	Next    *string `json:"next"`
	Results []T     `json:"results"`
}

// apiRoot is GET /api/: plain AWX names current_version, AAP 2.5+ lists apis.
type apiRoot struct {
	CurrentVersion *string           `json:"current_version"`
	APIs           map[string]string `json:"apis"`
}
