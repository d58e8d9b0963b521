package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

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
	// (CONTROLLER_*, legacy TOWER_*, AAP_VALIDATE_CERTS, AAP_REQUEST_TIMEOUT,
	// AAP_MAX_RETRIES), the ansible.platform collection (GATEWAY_*), awxkit
	// (CONTROLLER_TOKEN, TOWER_TOKEN), the community AWX provider (AWX_HOST,
	// *_AUTH_TOKEN, AWX_VERIFY_SSL), and last the less used provider's
	// AWX_HOSTNAME, AWX_USERNAME, AWX_PASSWORD and AWX_TOKEN.
	env: envNames{
		Endpoint: []string{"AAP_HOSTNAME", "AAP_HOST", "GATEWAY_HOSTNAME", "CONTROLLER_HOST", "TOWER_HOST", "AWX_HOST", "AWX_HOSTNAME"},
		Token: []string{"AAP_TOKEN", "GATEWAY_API_TOKEN", "CONTROLLER_OAUTH_TOKEN", "CONTROLLER_TOKEN", "TOWER_OAUTH_TOKEN", "TOWER_TOKEN",
			"AWX_AUTH_TOKEN", "TOWER_AUTH_TOKEN", "AWX_TOKEN"},
		Username:   []string{"AAP_USERNAME", "GATEWAY_USERNAME", "CONTROLLER_USERNAME", "TOWER_USERNAME", "AWX_USERNAME"},
		Password:   []string{"AAP_PASSWORD", "GATEWAY_PASSWORD", "CONTROLLER_PASSWORD", "TOWER_PASSWORD", "AWX_PASSWORD"},
		Insecure:   []string{"AAP_INSECURE_SKIP_VERIFY"},
		VerifySSL:  []string{"AAP_VALIDATE_CERTS", "GATEWAY_VERIFY_SSL", "CONTROLLER_VERIFY_SSL", "TOWER_VERIFY_SSL", "AWX_VERIFY_SSL"},
		Timeout:    []string{"AAP_TIMEOUT", "AAP_REQUEST_TIMEOUT", "GATEWAY_REQUEST_TIMEOUT", "CONTROLLER_REQUEST_TIMEOUT"},
		MaxRetries: []string{"AAP_MAX_RETRIES"},
		CACert:     []string{"AAP_CA_CERT"}, // the provider's own: no AWX or AAP tool reads one
	},
	auth:        awx.Authenticator,
	decodeError: awx.DecodeError,
	advice:      awx.Advice,
	refused:     awx.Refused,
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

// awxRoleText is one entry of the roles attribute: the role's name, what it
// is on and which team holds it, as one line. The roles are strings, not
// objects, because Terraform's cost is per value: a plan reading 100,000
// roles as objects of six attributes took 13.4 s, as strings 3.4 s (see
// BENCHMARKS.md). The grants themselves are in privileges, in the grammar.
func awxRoleText(r awx.Role) string {
	s := r.SummaryFields
	parts := make([]string, 0, 8)
	if r.Name != nil {
		parts = append(parts, *r.Name)
	} else {
		parts = append(parts, "(unnamed role)")
	}
	if s.ResourceType != nil || s.ResourceID != nil || s.ResourceName != nil {
		parts = append(parts, "on")
		if s.ResourceType != nil {
			parts = append(parts, *s.ResourceType)
		}
		if s.ResourceID != nil {
			parts = append(parts, strconv.FormatInt(*s.ResourceID, 10))
		}
		if s.ResourceName != nil {
			parts = append(parts, strconv.Quote(*s.ResourceName))
		}
	}
	if r.Team != nil {
		parts = append(parts, "through team", strconv.Quote(*r.Team))
	}
	return strings.Join(parts, " ")
}

// awxRoleList is the roles attribute: in the controller's order, each line
// once, null and empty entries dropped.
func awxRoleList(roles []awx.Role) types.List {
	seen := make(map[string]bool, len(roles))
	values := make([]attr.Value, 0, len(roles))
	for _, r := range roles {
		if r.ID == nil && r.Name == nil && r.SummaryFields.ResourceType == nil {
			continue // a null or empty entry of results
		}
		line := awxRoleText(r)
		if !seen[line] {
			seen[line] = true
			values = append(values, types.StringValue(line))
		}
	}
	return types.ListValueMust(types.StringType, values)
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
		"roles": computedStringList("The roles the caller holds directly, then those its teams hold, in the controller's " +
			"order and each once, as lines such as `JobTemplate Execute on job_template 42 \"Deploy web\"` or " +
			"`Inventory Adhoc on inventory 5 \"Staging\" through team \"Deployers\"`: the role's name as the controller sends " +
			"it (role definitions on AWX 24 and later, custom ones included; `/users/<id>/roles/` and `/teams/<id>/roles/` " +
			"names before), then the resource's type, id and name. They are for reading; decide with `privileges` and " +
			"`required`. Lists the controller would not show are left out, with a warning."),
	},
}

func readAWXPrivileges(ctx context.Context, hc *httpx.Client, required []string) (grants, error) {
	c := awx.NewClient(hc)
	var u *awx.User
	var objects map[string]*awx.Object
	var set awx.RoleSet
	// me/ and the version root go beside GET /api/; the objects' details
	// need only the base path, and the roles only me/ and the version root:
	// neither waits for the other.
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { objects, err = c.Objects(gctx, required); return err })
	g.Go(func() error { _, err := c.VersionRoot(gctx); return err })
	g.Go(func() (err error) {
		if u, err = c.Me(gctx); err != nil {
			return err
		}
		set, err = c.Roles(gctx, u)
		return err
	})
	if err := g.Wait(); err != nil {
		return grants{}, err
	}
	warnings := make([]readWarning, 0, len(set.Warnings))
	for _, w := range set.Warnings {
		warnings = append(warnings, readWarning{w.Summary, w.Detail})
	}
	return grants{Privileges: awx.Grants(u, set.Roles),
		Native: map[string]any{"roles": awxRoleList(set.Roles), "is_superuser": types.BoolValue(deref(u.IsSuperuser)),
			"is_system_auditor": types.BoolValue(deref(u.IsSystemAuditor))},
		Holder: awx.Evaluate(u, set.Roles, objects, set.Unreadable), ID: strconv.FormatInt(*u.ID, 10),
		Principal: fmt.Sprintf("AWX user %q (id %d)", deref(u.Username), *u.ID), Warnings: warnings}, nil
}
