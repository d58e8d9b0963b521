// Package mist talks to the Juniper Mist API: /self, the site and org lookups
// that scope inheritance needs, token and cookie-session authentication, and
// the <scope>:<id>:<role> grammar. It knows nothing of Terraform.
package mist

// Self is GET /api/v1/self (the admin schema). An org API token's answer has
// no personal fields: those pointers stay nil.
type Self struct {
	AdminID              *string     `json:"admin_id"`
	ComplianceStatus     *string     `json:"compliance_status"`
	Email                *string     `json:"email"`
	EnableTwoFactor      *bool       `json:"enable_two_factor"`
	ExpireTime           *int64      `json:"expire_time"`
	FirstName            *string     `json:"first_name"`
	Hours                *int64      `json:"hours"`
	LastName             *string     `json:"last_name"`
	Name                 *string     `json:"name"`
	NoTracking           *bool       `json:"no_tracking"`
	OauthGoogle          *bool       `json:"oauth_google"`
	PasswordModifiedTime *float64    `json:"password_modified_time"`
	Phone                *string     `json:"phone"`
	Phone2               *string     `json:"phone2"`
	Privileges           []Privilege `json:"privileges"`
	SessionExpiry        *int64      `json:"session_expiry"`
	Tags                 []string    `json:"tags"`
	TwoFactorVerified    *bool       `json:"two_factor_verified"`
	ViaSSO               *bool       `json:"via_sso"`

	// Not in the published schema, but sent to a session that still owes its
	// second factor.
	TwoFactorRequired *bool `json:"two_factor_required"`
	TwoFactorPassed   *bool `json:"two_factor_passed"`
}

// Privilege is one admin_privilege. Scope and Role keep values newer than
// this provider as they are.
type Privilege struct {
	Scope        *string  `json:"scope"`
	Role         *string  `json:"role"`
	OrgID        *string  `json:"org_id"`
	SiteID       *string  `json:"site_id"`
	MspID        *string  `json:"msp_id"`
	Name         *string  `json:"name"`
	OrgName      *string  `json:"org_name"`
	MspName      *string  `json:"msp_name"`
	MspURL       *string  `json:"msp_url"`
	MspLogoURL   *string  `json:"msp_logo_url"`
	OrggroupIDs  []string `json:"orggroup_ids"`
	SitegroupIDs []string `json:"sitegroup_ids"`
	Views        []string `json:"views"`
}

// site and org are the parts of GET /sites/<id> and GET /orgs/<id> that
// inheritance needs.
type site struct {
	OrgID *string `json:"org_id"`
}

type org struct {
	MspID *string `json:"msp_id"`
}
