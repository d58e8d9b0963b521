package provider

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/mist"
)

var mistPlatform = &platform{
	key: "mist", name: mist.Name,
	tokenAttr: "api_token", tokenNoun: "API token",
	defaultPort: mist.DefaultPort, defaultEndpoint: mist.DefaultEndpoint,
	usernameHelp: "The account's email address, to log in with together with `password`. Accounts with two-factor authentication need `api_token` instead.",
	endpointHelp: "URL of the Mist cloud's API, default `https://api.mist.com`; a bare host such as `api.eu.mist.com` gets `https://`.",
	env: envNames{
		Endpoint: []string{"MIST_HOST"},
		// Juniper's provider reads MIST_API_TOKEN and MIST_USERNAME, its
		// Python SDK (mistapi) MIST_APITOKEN and MIST_USER.
		Token:    []string{"MIST_API_TOKEN", "MIST_APITOKEN"},
		Username: []string{"MIST_USERNAME", "MIST_USER"},
		Password: []string{"MIST_PASSWORD"},
		Timeout:  []string{"MIST_API_TIMEOUT"},
		Proxy:    []string{"MIST_PROXY"},
		// No Mist tool reads these; the provider's own.
		Insecure:   []string{"MIST_INSECURE"},
		CACert:     []string{"MIST_CA_CERT"},
		MaxRetries: []string{"MIST_MAX_RETRIES"}, // the provider's own
	},
	auth:        mist.Authenticator,
	decodeError: mist.DecodeError,
	advice:      mist.Advice,
	user:        userSource{schema: mistUserSchema, read: readMistUser},
	privileges:  privilegesSource{schema: mistPrivilegesSchema, grammar: mist.Grammar{}, read: readMistPrivileges},
}

type mistUserModel struct {
	ID                   types.String               `tfsdk:"id"`
	AdminID              types.String               `tfsdk:"admin_id"`
	ComplianceStatus     types.String               `tfsdk:"compliance_status"`
	Email                types.String               `tfsdk:"email"`
	EnableTwoFactor      types.Bool                 `tfsdk:"enable_two_factor"`
	ExpireTime           types.Int64                `tfsdk:"expire_time"`
	FirstName            types.String               `tfsdk:"first_name"`
	Hours                types.Int64                `tfsdk:"hours"`
	LastName             types.String               `tfsdk:"last_name"`
	Name                 types.String               `tfsdk:"name"`
	NoTracking           types.Bool                 `tfsdk:"no_tracking"`
	OauthGoogle          types.Bool                 `tfsdk:"oauth_google"`
	PasswordModifiedTime types.String               `tfsdk:"password_modified_time"`
	Phone                types.String               `tfsdk:"phone"`
	Phone2               types.String               `tfsdk:"phone2"`
	Privileges           []mistPrivilegeObjectModel `tfsdk:"privileges"`
	SessionExpiry        types.Int64                `tfsdk:"session_expiry"`
	Tags                 types.List                 `tfsdk:"tags"`
	TwoFactorVerified    types.Bool                 `tfsdk:"two_factor_verified"`
	ViaSSO               types.Bool                 `tfsdk:"via_sso"`
}

type mistPrivilegeObjectModel struct {
	Scope        types.String `tfsdk:"scope"`
	Role         types.String `tfsdk:"role"`
	OrgID        types.String `tfsdk:"org_id"`
	SiteID       types.String `tfsdk:"site_id"`
	MspID        types.String `tfsdk:"msp_id"`
	Name         types.String `tfsdk:"name"`
	OrgName      types.String `tfsdk:"org_name"`
	MspName      types.String `tfsdk:"msp_name"`
	MspURL       types.String `tfsdk:"msp_url"`
	MspLogoURL   types.String `tfsdk:"msp_logo_url"`
	OrggroupIDs  types.List   `tfsdk:"orggroup_ids"`
	SitegroupIDs types.List   `tfsdk:"sitegroup_ids"`
	Views        types.List   `tfsdk:"views"`
}

var mistPrivilegeObjects = schema.ListNestedAttribute{Computed: true,
	MarkdownDescription: "The caller's privileges as `/self` lists them. `scope` and `role` keep values newer than the provider as sent.",
	NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
		"scope":         computedString("`msp`, `org`, `orgsites`, `orggroup`, `site`, `sitegroup`, or a newer scope."),
		"role":          computedString("`admin`, `write`, `read`, `helpdesk`, `installer`, or a newer role."),
		"org_id":        computedString("The org's id, for org scope and for a site's org."),
		"site_id":       computedString("The site's id, for site scope."),
		"msp_id":        computedString("The MSP's id, for msp scope and for an org in an MSP."),
		"name":          computedString("Name of the org, site or MSP the privilege is on."),
		"org_name":      computedString("Name of the org a site belongs to."),
		"msp_name":      computedString("Name of the MSP an org belongs to."),
		"msp_url":       computedString("Custom URL of the MSP (Advanced tier)."),
		"msp_logo_url":  computedString("Logo of the MSP (Advanced tier)."),
		"orggroup_ids":  computedStringList("Org group ids: for orggroup scope, the groups the privilege is on; on org privileges of MSP orgs, the org groups the org is in."),
		"sitegroup_ids": computedStringList("Site group ids: for sitegroup scope, the groups the privilege is on; Mist sends them on site privileges too."),
		"views": computedStringList("Custom-role UI views (a UI-only restriction): from `views` as a list or, as specs of " +
			"mid-2024 typed it, one string, and from the legacy `view` key."),
	}},
}

var mistUserSchema = schema.Schema{
	MarkdownDescription: "The Juniper Mist admin or org API token the provider's credentials belong to, from `GET /api/v1/self`. " +
		"An org API token has no personal fields: they are null.",
	Attributes: map[string]schema.Attribute{
		"id":                     computedString("`admin_id` for an admin; for an org API token, which has none, the token's `name`."),
		"admin_id":               computedString("The administrator's id."),
		"compliance_status":      computedString("Trade compliance status: `blocked`, `restricted`, or null."),
		"email":                  computedString("The admin's email address."),
		"enable_two_factor":      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether two-factor authentication is on."},
		"expire_time":            schema.Int64Attribute{Computed: true, MarkdownDescription: "Expiry of an invite, as Mist sends it."},
		"first_name":             computedString("The admin's first name."),
		"hours":                  schema.Int64Attribute{Computed: true, MarkdownDescription: "How long an invite is valid, in hours."},
		"last_name":              computedString("The admin's last name."),
		"name":                   computedString("The org API token's name."),
		"no_tracking":            schema.BoolAttribute{Computed: true, MarkdownDescription: "Privacy-consent choice; null when not stored."},
		"oauth_google":           schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the admin signs in with Google."},
		"password_modified_time": computedString("When the password last changed, RFC 3339 (Mist sends epoch seconds)."),
		"phone":                  computedString("Phone number."),
		"phone2":                 computedString("Secondary phone number."),
		"privileges":             mistPrivilegeObjects,
		"session_expiry":         schema.Int64Attribute{Computed: true, MarkdownDescription: "Session expiry as Mist sends it (minutes)."},
		"tags":                   computedStringList("The admin's tags."),
		"two_factor_verified":    schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether two-factor authentication is verified."},
		"via_sso":                schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the admin signs in through SSO."},
	},
}

func readMistUser(ctx context.Context, hc *httpx.Client) (any, error) {
	s, err := mist.NewClient(hc).Self(ctx)
	if err != nil {
		return nil, err
	}
	return &mistUserModel{
		ID: types.StringValue(mistID(s)), AdminID: types.StringPointerValue(s.AdminID),
		ComplianceStatus: types.StringPointerValue(s.ComplianceStatus), Email: types.StringPointerValue(s.Email),
		EnableTwoFactor: types.BoolPointerValue(s.EnableTwoFactor), ExpireTime: types.Int64PointerValue(s.ExpireTime),
		FirstName: types.StringPointerValue(s.FirstName), Hours: types.Int64PointerValue(s.Hours),
		LastName: types.StringPointerValue(s.LastName), Name: types.StringPointerValue(s.Name),
		NoTracking: types.BoolPointerValue(s.NoTracking), OauthGoogle: types.BoolPointerValue(s.OauthGoogle),
		PasswordModifiedTime: epochTime(s.PasswordModifiedTime),
		Phone:                types.StringPointerValue(s.Phone), Phone2: types.StringPointerValue(s.Phone2),
		Privileges:    mistPrivilegeObjectsOf(s.Privileges),
		SessionExpiry: types.Int64PointerValue(s.SessionExpiry), Tags: stringList(s.Tags),
		TwoFactorVerified: types.BoolPointerValue(s.TwoFactorVerified), ViaSSO: types.BoolPointerValue(s.ViaSSO),
	}, nil
}

// mistID is admin_id, or an org token's name: the token has no other id.
func mistID(s *mist.Self) string {
	if s.AdminID != nil {
		return *s.AdminID
	}
	return deref(s.Name)
}

func mistPrivilegeObjectsOf(ps []mist.Privilege) []mistPrivilegeObjectModel {
	if ps == nil {
		return nil
	}
	out := make([]mistPrivilegeObjectModel, 0, len(ps))
	for _, p := range ps {
		if p.Scope == nil && p.Role == nil {
			continue // a null entry: nothing to show or evaluate
		}
		out = append(out, mistPrivilegeObjectModel{
			Scope: types.StringPointerValue(p.Scope), Role: types.StringPointerValue(p.Role),
			OrgID: types.StringPointerValue(p.OrgID), SiteID: types.StringPointerValue(p.SiteID), MspID: types.StringPointerValue(p.MspID),
			Name: types.StringPointerValue(p.Name), OrgName: types.StringPointerValue(p.OrgName), MspName: types.StringPointerValue(p.MspName),
			MspURL: types.StringPointerValue(p.MspURL), MspLogoURL: types.StringPointerValue(p.MspLogoURL),
			OrggroupIDs: stringList(p.OrggroupIDs), SitegroupIDs: stringList(p.SitegroupIDs), Views: stringList(p.AllViews()),
		})
	}
	return out
}

// epochTime renders epoch seconds as RFC 3339 in UTC.
func epochTime(secs *float64) types.String {
	if secs == nil {
		return types.StringNull()
	}
	whole, frac := math.Modf(*secs)
	return types.StringValue(time.Unix(int64(whole), int64(frac*1e9)).UTC().Format(time.RFC3339Nano))
}

var mistPrivilegesSchema = schema.Schema{
	MarkdownDescription: "What the Juniper Mist caller may do, and a preflight check of `required` privileges written " +
		"`<scope>:<id>:<role>` with scope `msp`, `org` or `site`. A requirement is granted by a privilege on the same " +
		"object whose role covers it (`admin` covers the five known roles, `write` and `helpdesk` cover `read`), by an org " +
		"or all-sites (`orgsites`) privilege on the site's org, by a `sitegroup` privilege on a group the site is in, by an " +
		"`orggroup` privilege on a group the org (or the site's org) is in, or by an msp privilege on the org's (or the " +
		"site's org's) MSP. The parent and site groups of a site come from `/self` or `GET /api/v1/sites/<id>`, an org's MSP " +
		"from `/self` or `GET /api/v1/orgs/<id>`, each read at most once per id per provider configuration and only when a " +
		"privilege could decide a requirement; an org's org groups only from the `orggroup_ids` `/self` lists on org " +
		"privileges of MSP orgs. A requirement is unknown when such a read is refused (403, 404), when an org's groups are " +
		"not visible, when a role or scope newer than the provider is involved, and for read on an org covered only by " +
		"`orgsites` (read access to select organization-level configurations). UI `views` are reported, not evaluated.",
	Attributes: map[string]schema.Attribute{
		"privilege_objects": mistPrivilegeObjects,
	},
}

func readMistPrivileges(ctx context.Context, hc *httpx.Client, required []string) (grants, error) {
	c := mist.NewClient(hc)
	s, err := c.Self(ctx)
	if err != nil {
		return grants{}, err
	}
	holder, err := c.Holder(ctx, s, required)
	if err != nil {
		return grants{}, err
	}
	who := "Mist admin " + deref(s.Email)
	if s.Email == nil {
		who = fmt.Sprintf("Mist org API token %q", deref(s.Name))
	}
	return grants{Privileges: mist.Grants(s), Holder: holder, ID: mistID(s), Principal: who,
		Native: map[string]any{"privilege_objects": mistPrivilegeObjectsOf(s.Privileges)}}, nil
}
