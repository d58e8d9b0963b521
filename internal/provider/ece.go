package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/ece"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

var ecePlatform = &platform{
	key: "ece", name: ece.Name,
	tokenAttr: "api_key", tokenNoun: "API key",
	defaultPort:  ece.DefaultPort,
	endpointHelp: "URL of the ECE coordinator, such as `https://ece.example.com:12443`; a bare host or host:port gets `https://` and port 12443.",
	env: envNames{
		Endpoint:   []string{"EC_ENDPOINT", "EC_HOST"},
		Token:      []string{"EC_API_KEY"},
		Username:   []string{"EC_USER", "EC_USERNAME"},
		Password:   []string{"EC_PASS", "EC_PASSWORD"},
		Insecure:   []string{"EC_INSECURE", "EC_SKIP_TLS_VALIDATION"},
		Timeout:    []string{"EC_TIMEOUT"},
		CACert:     []string{"EC_CA_CERT"},     // the provider's own: no ECE tool reads one
		MaxRetries: []string{"EC_MAX_RETRIES"}, // the provider's own
	},
	auth:        ece.Authenticator,
	decodeError: ece.DecodeError,
	advice:      ece.Advice,
	final:       ece.Final,
	user:        userSource{schema: eceUserSchema, read: readECEUser},
	privileges:  privilegesSource{schema: ecePrivilegesSchema, grammar: ece.Grammar{}, read: readECEPrivileges},
}

type eceUserModel struct {
	ID       types.String      `tfsdk:"id"`
	UserName types.String      `tfsdk:"user_name"`
	FullName types.String      `tfsdk:"full_name"`
	Email    types.String      `tfsdk:"email"`
	Builtin  types.Bool        `tfsdk:"builtin"`
	Security *eceSecurityModel `tfsdk:"security"`
	Metadata *eceMetadataModel `tfsdk:"metadata"`
}

type eceSecurityModel struct {
	Enabled             types.Bool        `tfsdk:"enabled"`
	Roles               types.List        `tfsdk:"roles"`
	Permissions         types.List        `tfsdk:"permissions"`
	ElevatedPermissions *eceElevatedModel `tfsdk:"elevated_permissions"`
	SecurityRealm       *eceRealmModel    `tfsdk:"security_realm"`
}

type eceElevatedModel struct {
	Enabled   types.Bool   `tfsdk:"enabled"`
	ExpiresAt types.String `tfsdk:"expires_at"`
}

type eceRealmModel struct {
	Type types.String `tfsdk:"type"`
	ID   types.String `tfsdk:"id"`
}

type eceMetadataModel struct {
	CreatedAt    types.String `tfsdk:"created_at"`
	CreatedBy    types.String `tfsdk:"created_by"`
	UpdatedAt    types.String `tfsdk:"updated_at"`
	UpdatedBy    types.String `tfsdk:"updated_by"`
	FirstLoginAt types.String `tfsdk:"first_login_at"`
	LastLoginAt  types.String `tfsdk:"last_login_at"`
}

var eceElevatedAttribute = schema.SingleNestedAttribute{Computed: true,
	MarkdownDescription: "Whether the user's elevated permissions are switched on, and until when.",
	Attributes: map[string]schema.Attribute{
		"enabled":    schema.BoolAttribute{Computed: true, MarkdownDescription: "True while elevated permissions are on."},
		"expires_at": computedString("When elevated permissions switch off (RFC 3339)."),
	},
}

var eceUserSchema = schema.Schema{
	MarkdownDescription: "The Elastic Cloud Enterprise user the provider's credentials belong to, from `GET /api/v1/user`. " +
		"Every field is null when ECE does not send it; the write-only password is never read.",
	Attributes: map[string]schema.Attribute{
		"id":        computedString("The user name, ECE's identifier for the user."),
		"user_name": computedString("The user's identifier."),
		"full_name": computedString("The user's full name."),
		"email":     computedString("The user's email address."),
		"builtin":   schema.BoolAttribute{Computed: true, MarkdownDescription: "True for the built-in `admin` and `readonly` users."},
		"security": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "The user's security information.",
			Attributes: map[string]schema.Attribute{
				"enabled":              schema.BoolAttribute{Computed: true, MarkdownDescription: "True if the user is enabled."},
				"roles":                computedStringList("The roles assigned to the user."),
				"permissions":          computedStringList("The permissions the user's roles allow: API operation ids such as `create-deployment`."),
				"elevated_permissions": eceElevatedAttribute,
				"security_realm": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "The realm the user comes from.",
					Attributes: map[string]schema.Attribute{
						"type": computedString("`native`, `ldap`, `saml`, `active_directory`, or a newer type, passed through."),
						"id":   computedString("The realm's identifier."),
					}},
			}},
		"metadata": schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "When and by whom the user was created and changed (RFC 3339 times).",
			Attributes: map[string]schema.Attribute{
				"created_at":     computedString("When the user was created."),
				"created_by":     computedString("Who created the user."),
				"updated_at":     computedString("When the user was last changed."),
				"updated_by":     computedString("Who last changed the user."),
				"first_login_at": computedString("When the user first logged in."),
				"last_login_at":  computedString("When the user last logged in."),
			}},
	},
}

func readECEUser(ctx context.Context, hc *httpx.Client) (any, error) {
	u, err := ece.NewClient(hc).CurrentUser(ctx)
	if err != nil {
		return nil, err
	}
	m := &eceUserModel{
		ID: types.StringPointerValue(u.UserName), UserName: types.StringPointerValue(u.UserName),
		FullName: types.StringPointerValue(u.FullName), Email: types.StringPointerValue(u.Email),
		Builtin: types.BoolPointerValue(u.Builtin),
	}
	if s := u.Security; s != nil {
		m.Security = &eceSecurityModel{Enabled: types.BoolPointerValue(s.Enabled), Roles: stringList(s.Roles),
			Permissions: stringList(s.Permissions), ElevatedPermissions: eceElevated(s.ElevatedPermissions)}
		if r := s.SecurityRealm; r != nil {
			m.Security.SecurityRealm = &eceRealmModel{Type: types.StringPointerValue(r.Type), ID: types.StringPointerValue(r.ID)}
		}
	}
	if md := u.Metadata; md != nil {
		m.Metadata = &eceMetadataModel{
			CreatedAt: types.StringPointerValue(md.CreatedAt), CreatedBy: types.StringPointerValue(md.CreatedBy),
			UpdatedAt: types.StringPointerValue(md.UpdatedAt), UpdatedBy: types.StringPointerValue(md.UpdatedBy),
			FirstLoginAt: types.StringPointerValue(md.FirstLoginAt), LastLoginAt: types.StringPointerValue(md.LastLoginAt),
		}
	}
	return m, nil
}

func eceElevated(e *ece.ElevatedPermissions) *eceElevatedModel {
	if e == nil {
		return nil
	}
	return &eceElevatedModel{Enabled: types.BoolPointerValue(e.Enabled), ExpiresAt: types.StringPointerValue(e.ExpiresAt)}
}

var ecePrivilegesSchema = schema.Schema{
	MarkdownDescription: "What the Elastic Cloud Enterprise caller may do, and a preflight check of `required` privileges. " +
		"A requirement is an API operation id (`create-deployment`), granted when `security.permissions` lists it, " +
		"or `role:<role>` (`role:ece_platform_admin`), granted when `security.roles` lists the role. ECE expands roles " +
		"into permissions itself, so the provider adds no implication of its own. An answer without `security` (built-in " +
		"users) leaves every requirement unknown. Elevated permissions are reported, not evaluated: ECE does not say which " +
		"operations need them.",
	Attributes: map[string]schema.Attribute{
		"roles":                schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The caller's roles, sorted and without repeats; null when ECE's answer has no `security.roles`."},
		"permissions":          schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The caller's permissions (API operation ids), sorted and without repeats; null when ECE's answer has no `security.permissions`."},
		"elevated_permissions": eceElevatedAttribute,
		"builtin": schema.BoolAttribute{Computed: true,
			MarkdownDescription: "True for the built-in `admin` and `readonly` users, which ECE may answer without `security`."},
	},
}

func readECEPrivileges(ctx context.Context, hc *httpx.Client, _ []string) (grants, error) {
	u, err := ece.NewClient(hc).CurrentUser(ctx)
	if err != nil {
		return grants{}, err
	}
	var sec ece.Security
	var warnings []readWarning
	if u.Security != nil {
		sec = *u.Security
	} else {
		warnings = append(warnings, readWarning{"ECE user without security information", fmt.Sprintf(
			"ECE answered GET /api/v1/user for user %q (builtin = %s) without security, as it does for built-in users, so the "+
				"user's roles and permissions are not visible and every requirement is unknown. Use an API key or login of a "+
				"non-built-in user with the roles the configuration needs to have them checked.", deref(u.UserName), eceBuiltin(u.Builtin))})
	}
	return grants{
		Warnings: warnings,
		Native: map[string]any{"roles": eceNames(sec.Roles), "permissions": eceNames(sec.Permissions),
			"elevated_permissions": eceElevated(sec.ElevatedPermissions), "builtin": types.BoolPointerValue(u.Builtin)},
		Privileges: ece.Privileges(u),
		Holder:     ece.Holder(u),
		ID:         deref(u.UserName),
		Principal:  fmt.Sprintf("ECE user %q", deref(u.UserName)),
	}, nil
}

// eceBuiltin says what the answer's builtin was, "not sent" when absent.
func eceBuiltin(b *bool) string {
	if b == nil {
		return "not sent"
	}
	return fmt.Sprint(*b)
}

// eceNames is a list of names sorted and without repeats, null when the answer
// had no list (a user without security): not visible is not empty.
func eceNames(names []string) types.List {
	if names == nil {
		return types.ListNull(types.StringType)
	}
	return sortedList(privilege.Clean(names, nil))
}
