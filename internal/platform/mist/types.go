// Package mist talks to the Juniper Mist API: /self, the site and org lookups
// that scope inheritance needs, token and cookie-session authentication, and
// the <scope>:<id>:<role> grammar. It knows nothing of Terraform.
package mist

import (
	"encoding/json"
	"slices"
)

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
	// Views is a list in current specs and one string in specs of mid-2024;
	// View is the legacy single-view key some objects still carry. AllViews
	// merges them.
	Views Views `json:"views"`
	View  Views `json:"view"`
}

// AllViews is the privilege's UI views in the order sent, views first and
// then the legacy view unless views already names it; nil when it has neither.
func (p Privilege) AllViews() []string {
	if p.Views == nil && p.View == nil {
		return nil
	}
	out := append([]string{}, p.Views...)
	for _, v := range p.View {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// Views decodes a list of view names or one name; null is nil, and any other
// shape (a number, an object) is ignored rather than failing the read, since
// views restrict the UI only and are never evaluated.
type Views []string

// UnmarshalJSON accepts "location", ["location", "reporting"] and null.
func (v *Views) UnmarshalJSON(b []byte) error {
	var one *string
	if json.Unmarshal(b, &one) == nil {
		*v = nil
		if one != nil && *one != "" {
			*v = Views{*one}
		}
		return nil
	}
	var list []*string
	if err := json.Unmarshal(b, &list); err != nil {
		*v = nil
		return nil //nolint:nilerr // another shape is ignored, as the type says: views are never evaluated
	}
	out := make(Views, 0, len(list))
	for _, s := range list {
		if s != nil && *s != "" {
			out = append(out, *s)
		}
	}
	*v = out
	return nil
}

// site and org are the parts of GET /sites/<id> and GET /orgs/<id> that
// inheritance needs: a site's org and its site groups.
type site struct {
	OrgID        *string  `json:"org_id"`
	SitegroupIDs []string `json:"sitegroup_ids"`
}

type org struct {
	MspID *string `json:"msp_id"`
}
