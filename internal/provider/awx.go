package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"golang.org/x/sync/errgroup"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/awx"
)

var awxPlatform = &platform{
	key: "awx", name: awx.Name,
	tokenAttr: "token", tokenNoun: "token",
	defaultPort:  awx.DefaultPort,
	endpointHelp: "URL of the AWX or Ansible Automation Platform controller, such as `https://aap.example.com`; a bare host gets `https://`. The API's base path is discovered.",
	// The names the vendors' tools read, first set wins: ansible/aap's
	// provider (AAP_*), the awx.awx / ansible.controller collection
	// (CONTROLLER_*, legacy TOWER_*), the community AWX provider (AWX_HOST,
	// *_AUTH_TOKEN, AWX_VERIFY_SSL), and last the less used provider's
	// AWX_HOSTNAME, AWX_USERNAME, AWX_PASSWORD and AWX_TOKEN.
	env: envNames{
		Endpoint:  []string{"AAP_HOSTNAME", "AAP_HOST", "CONTROLLER_HOST", "TOWER_HOST", "AWX_HOST", "AWX_HOSTNAME"},
		Token:     []string{"AAP_TOKEN", "CONTROLLER_OAUTH_TOKEN", "TOWER_OAUTH_TOKEN", "AWX_AUTH_TOKEN", "TOWER_AUTH_TOKEN", "AWX_TOKEN"},
		Username:  []string{"AAP_USERNAME", "CONTROLLER_USERNAME", "TOWER_USERNAME", "AWX_USERNAME"},
		Password:  []string{"AAP_PASSWORD", "CONTROLLER_PASSWORD", "TOWER_PASSWORD", "AWX_PASSWORD"},
		Insecure:  []string{"AAP_INSECURE_SKIP_VERIFY"},
		VerifySSL: []string{"CONTROLLER_VERIFY_SSL", "TOWER_VERIFY_SSL", "AWX_VERIFY_SSL"},
		Timeout:   []string{"AAP_TIMEOUT", "CONTROLLER_REQUEST_TIMEOUT"},
	},
	auth:        awx.Authenticator,
	decodeError: awx.DecodeError,
	advice:      awx.Advice,
	user:        userSource{schema: awxUserSchema, read: readAWXUser},
	privileges:  privilegesSource{schema: awxPrivilegesSchema, grammar: awx.Grammar{}, read: readAWXPrivileges},
}

type awxUserModel struct {
	ID              types.String     `tfsdk:"id"`
	Type            types.String     `tfsdk:"type"`
	URL             types.String     `tfsdk:"url"`
	Related         types.Map        `tfsdk:"related"`
	SummaryFields   *awxSummaryModel `tfsdk:"summary_fields"`
	Created         types.String     `tfsdk:"created"`
	Modified        types.String     `tfsdk:"modified"`
	Username        types.String     `tfsdk:"username"`
	FirstName       types.String     `tfsdk:"first_name"`
	LastName        types.String     `tfsdk:"last_name"`
	Email           types.String     `tfsdk:"email"`
	IsSuperuser     types.Bool       `tfsdk:"is_superuser"`
	IsSystemAuditor types.Bool       `tfsdk:"is_system_auditor"`
	LdapDN          types.String     `tfsdk:"ldap_dn"`
	LastLogin       types.String     `tfsdk:"last_login"`
	ExternalAccount types.String     `tfsdk:"external_account"`
}

type awxSummaryModel struct {
	UserCapabilities *awxCapabilitiesModel `tfsdk:"user_capabilities"`
}

type awxCapabilitiesModel struct {
	Edit   types.Bool `tfsdk:"edit"`
	Delete types.Bool `tfsdk:"delete"`
}

var awxUserSchema = schema.Schema{
	MarkdownDescription: "The AWX or Ansible Automation Platform controller user the provider's credentials belong to, from " +
		"`GET /api/v2/me/` (or `/api/controller/v2/me/` on AAP 2.5+, discovered from `GET /api/`). A field the controller " +
		"version does not send (newer ones drop `ldap_dn` and `external_account`) is null; the password is never read.",
	Attributes: map[string]schema.Attribute{
		"id":   computedString("The user's numeric id, as a string."),
		"type": computedString("Always `user`."),
		"url":  computedString("The user's API path."),
		"related": schema.MapAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Paths of related lists (`teams`, `roles`, `organizations`, ...)."},
		"summary_fields": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Summary fields of the user.",
			Attributes: map[string]schema.Attribute{
				"user_capabilities": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "What the caller may do to this user.",
					Attributes: map[string]schema.Attribute{
						"edit":   schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user may be edited."},
						"delete": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user may be deleted."},
					}},
			}},
		"created":           computedString("When the user was created (RFC 3339)."),
		"modified":          computedString("When the user was last changed (RFC 3339)."),
		"username":          computedString("The user name."),
		"first_name":        computedString("First name."),
		"last_name":         computedString("Last name."),
		"email":             computedString("Email address."),
		"is_superuser":      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user is a system administrator."},
		"is_system_auditor": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user is a system auditor."},
		"ldap_dn":           computedString("The LDAP distinguished name; null on controllers that no longer send it."),
		"last_login":        computedString("When the user last logged in (RFC 3339), or null."),
		"external_account":  computedString("The external account type (`social`, `ldap`, ...), or null."),
	},
}

func readAWXUser(ctx context.Context, hc *httpx.Client) (any, error) {
	u, err := awx.NewClient(hc).Me(ctx)
	if err != nil {
		return nil, err
	}
	m := &awxUserModel{
		ID: types.StringValue(strconv.FormatInt(*u.ID, 10)), Type: types.StringPointerValue(u.Type), URL: types.StringPointerValue(u.URL),
		Related: stringMap(u.Related), Created: types.StringPointerValue(u.Created), Modified: types.StringPointerValue(u.Modified),
		Username: types.StringPointerValue(u.Username), FirstName: types.StringPointerValue(u.FirstName),
		LastName: types.StringPointerValue(u.LastName), Email: types.StringPointerValue(u.Email),
		IsSuperuser: types.BoolPointerValue(u.IsSuperuser), IsSystemAuditor: types.BoolPointerValue(u.IsSystemAuditor),
		LdapDN: types.StringPointerValue(u.LdapDN), LastLogin: types.StringPointerValue(u.LastLogin),
		ExternalAccount: types.StringPointerValue(u.ExternalAccount),
	}
	if u.SummaryFields != nil {
		m.SummaryFields = &awxSummaryModel{}
		if uc := u.SummaryFields.UserCapabilities; uc != nil {
			m.SummaryFields.UserCapabilities = &awxCapabilitiesModel{Edit: types.BoolPointerValue(uc.Edit), Delete: types.BoolPointerValue(uc.Delete)}
		}
	}
	return m, nil
}

// stringMap keeps the string values of a JSON object; null when absent.
func stringMap(m map[string]any) types.Map {
	if m == nil {
		return types.MapNull(types.StringType)
	}
	elems := map[string]attr.Value{}
	for k, v := range m {
		if s, ok := v.(string); ok {
			elems[k] = types.StringValue(s)
		}
	}
	out, _ := types.MapValue(types.StringType, elems) // cannot fail: every element is a string
	return out
}

// awxRoleType is one role of the roles attribute. The list is built as
// attr.Values directly rather than reflected from structs: a controller can
// return tens of thousands of roles, and reflection is most of the cost.
var awxRoleType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.Int64Type, "name": types.StringType, "resource_type": types.StringType,
	"resource_name": types.StringType, "resource_id": types.Int64Type, "team": types.StringType,
}}

func awxRoleValue(r awx.Role) attr.Value {
	s := r.SummaryFields
	return types.ObjectValueMust(awxRoleType.AttrTypes, map[string]attr.Value{
		"id": types.Int64PointerValue(r.ID), "name": types.StringPointerValue(r.Name),
		"resource_type": types.StringPointerValue(s.ResourceType), "resource_name": types.StringPointerValue(s.ResourceName),
		"resource_id": types.Int64PointerValue(s.ResourceID), "team": types.StringPointerValue(r.Team),
	})
}

var awxPrivilegesSchema = schema.Schema{
	MarkdownDescription: "What the AWX or Ansible Automation Platform controller caller may do, and a preflight check of " +
		"`required` privileges: `superuser`, `system_auditor`, or `<resource_type>:<id>:<role>` (`job_template:42:execute`) " +
		"with the role name in lower_snake (`Ad Hoc` is `adhoc`, `Project Admin` is `project_admin`). A superuser holds " +
		"everything; a system auditor every `:read`. A resource requirement is decided first by the object's own detail, " +
		"whose `summary_fields.user_capabilities` the controller computes for the caller through every path (a 404 is " +
		"missing, a 403 unknown), then by the roles the user and its teams hold on it with AWX's implications (`admin` " +
		"covers every role, any role covers `read`, `adhoc` covers `use` on an inventory). What neither settles is unknown. " +
		"A role list the controller refuses (403) or lacks (404) is a warning, never a failed read.",
	Attributes: map[string]schema.Attribute{
		"is_superuser":      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the caller is a system administrator."},
		"is_system_auditor": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the caller is a system auditor."},
		"roles": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The roles the caller holds directly, then those its " +
			"teams hold, in the controller's order: role assignments on AWX 24 and later (the role definition's name, such as " +
			"`JobTemplate Execute`, custom ones included), `/users/<id>/roles/` and `/teams/<id>/roles/` before. Lists the " +
			"controller would not show are left out, with a warning.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"id":            schema.Int64Attribute{Computed: true, MarkdownDescription: "The role's (or the assignment's) id."},
				"name":          computedString("The role's name as the controller sends it (`Ad Hoc`, `JobTemplate Execute`)."),
				"resource_type": computedString("The type of resource the role is on (`job_template`)."),
				"resource_name": computedString("The resource's name."),
				"resource_id":   schema.Int64Attribute{Computed: true, MarkdownDescription: "The resource's id."},
				"team":          computedString("The name of the team that holds the role; null for a role of the user's own."),
			}}},
	},
}

func readAWXPrivileges(ctx context.Context, hc *httpx.Client, required []string) (grants, error) {
	c := awx.NewClient(hc)
	var u *awx.User
	var objects map[string]*awx.Object
	// me/, the version root and the objects' details need only the base
	// path: they go at once.
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { u, err = c.Me(gctx); return err })
	g.Go(func() (err error) { objects, err = c.Objects(gctx, required); return err })
	g.Go(func() error { _, err := c.VersionRoot(gctx); return err })
	if err := g.Wait(); err != nil {
		return grants{}, err
	}
	set, err := c.Roles(ctx, u)
	if err != nil {
		return grants{}, err
	}
	warnings := make([]readWarning, 0, len(set.Warnings))
	for _, w := range set.Warnings {
		warnings = append(warnings, readWarning{w.Summary, w.Detail})
	}
	values := make([]attr.Value, 0, len(set.Roles))
	for _, r := range set.Roles {
		if r.ID == nil && r.Name == nil && r.SummaryFields.ResourceType == nil {
			continue // a null or empty entry of results
		}
		values = append(values, awxRoleValue(r))
	}
	return grants{Privileges: awx.Grants(u, set.Roles),
		Native: map[string]any{"roles": types.ListValueMust(awxRoleType, values), "is_superuser": types.BoolValue(deref(u.IsSuperuser)),
			"is_system_auditor": types.BoolValue(deref(u.IsSystemAuditor))},
		Holder: awx.Evaluate(u, set.Roles, objects, set.Unreadable), ID: strconv.FormatInt(*u.ID, 10),
		Principal: fmt.Sprintf("AWX user %q (id %d)", deref(u.Username), *u.ID), Warnings: warnings}, nil
}
