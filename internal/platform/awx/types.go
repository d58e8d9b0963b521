// Package awx talks to the AWX / Ansible Automation Platform controller API:
// base-path discovery, /me/, the caller's roles (following every page),
// Bearer and Basic authentication, and the role grammar. It knows nothing of
// Terraform.
package awx

import (
	"strconv"
	"strings"
)

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

// Role is one entry of /users/<id>/roles/ or /teams/<id>/roles/, or one
// role assignment read into the same shape.
type Role struct {
	ID            *int64  `json:"id"`
	Name          *string `json:"name"`
	SummaryFields struct {
		ResourceType *string `json:"resource_type"`
		ResourceName *string `json:"resource_name"`
		ResourceID   *int64  `json:"resource_id"`
	} `json:"summary_fields"`
	// Team names the team that holds the role; nil when the user holds it.
	Team *string `json:"-"`
	// Custom is a custom role definition, which names no old role: only
	// user_capabilities can tell what it allows.
	Custom bool `json:"-"`
	// role is the grammar's role, when it is not NormalizeRole(Name) (a
	// role definition's name).
	role string
}

// assignment is one entry of role_user_assignments or role_team_assignments
// (django-ansible-base).
type assignment struct {
	ID            *int64  `json:"id"`
	ContentType   *string `json:"content_type"`
	ObjectID      flexID  `json:"object_id"`
	SummaryFields struct {
		RoleDefinition *struct {
			Name    *string `json:"name"`
			Managed *bool   `json:"managed"`
		} `json:"role_definition"`
		ContentObject *struct {
			Name *string `json:"name"`
		} `json:"content_object"`
	} `json:"summary_fields"`
}

// flexID is an object id sent as a string ("42", django-ansible-base's
// object_id) or a number.
type flexID struct{ v *int64 }

func (f *flexID) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "null" || s == "" {
		return nil
	}
	// A UUID or another key is not a controller object id: left nil.
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		f.v = &n
	}
	return nil
}

// team is one entry of /users/<id>/teams/.
type team struct {
	ID   *int64  `json:"id"`
	Name *string `json:"name"`
}

// detail is an object's detail, for the caller's user_capabilities.
type detail struct {
	SummaryFields struct {
		UserCapabilities map[string]*bool `json:"user_capabilities"`
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
