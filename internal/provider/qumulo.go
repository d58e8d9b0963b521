package provider

import (
	"context"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/qumulo"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

var qumuloPlatform = &platform{
	key: "qumulo", name: qumulo.Name,
	tokenAttr: "access_token", tokenNoun: "access token",
	defaultPort:  qumulo.DefaultPort,
	endpointHelp: "URL of the cluster's REST API, such as `https://qumulo.example.com:8000`; a bare host or host:port gets `https://` and port 8000.",
	env: envNames{
		Endpoint: []string{"QUMULO_ENDPOINT"},
		Host:     []string{"QUMULO_HOST"}, Port: []string{"QUMULO_PORT"},
		Token:    []string{"QUMULO_ACCESS_TOKEN"},
		Username: []string{"QUMULO_USERNAME"},
		Password: []string{"QUMULO_PASSWORD"},
		// Qumulo's tools read no name for these; the provider's own.
		Insecure:   []string{"QUMULO_INSECURE"},
		CACert:     []string{"QUMULO_CA_CERT"},
		MaxRetries: []string{"QUMULO_MAX_RETRIES"},
		Timeout:    []string{"QUMULO_TIMEOUT"},
	},
	auth:        qumulo.Authenticator,
	decodeError: qumulo.DecodeError,
	user:        userSource{schema: qumuloUserSchema, read: readQumuloUser},
	privileges:  privilegesSource{schema: qumuloPrivilegesSchema, grammar: qumulo.Grammar, read: readQumuloPrivileges},
}

type qumuloUserModel struct {
	ID                types.String `tfsdk:"id"`
	Name              types.String `tfsdk:"name"`
	PrimaryGroup      types.String `tfsdk:"primary_group"`
	SID               types.String `tfsdk:"sid"`
	UID               types.String `tfsdk:"uid"`
	HomeDirectory     types.String `tfsdk:"home_directory"`
	CanChangePassword types.Bool   `tfsdk:"can_change_password"`
	Privileges        types.List   `tfsdk:"privileges"`
	AccessTokenID     types.String `tfsdk:"access_token_id"`
}

var qumuloUserSchema = schema.Schema{
	MarkdownDescription: "The Qumulo Core user the provider's credentials belong to, from `GET /v1/session/who-am-i`. " +
		"Every field is null when the cluster does not send it.",
	Attributes: map[string]schema.Attribute{
		"id":                  computedString("The user's unique id (a string of digits); stable for the same user."),
		"name":                computedString("The user's account name."),
		"primary_group":       computedString("The unique id of the user's primary group."),
		"sid":                 computedString("The user's SID."),
		"uid":                 computedString("The user's NFS uid."),
		"home_directory":      computedString("The path to the user's home directory."),
		"can_change_password": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user can change their password."},
		"privileges": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The user's `PRIVILEGE_*` names, in the order the cluster sends them."},
		"access_token_id": computedString("The id of the access token in use; null when the provider logged in with a username and password."),
	},
}

func readQumuloUser(ctx context.Context, hc *httpx.Client) (any, error) {
	w, err := qumulo.NewClient(hc).WhoAmI(ctx)
	if err != nil {
		return nil, err
	}
	return &qumuloUserModel{
		ID:                types.StringPointerValue(w.ID),
		Name:              types.StringPointerValue(w.Name),
		PrimaryGroup:      types.StringPointerValue(w.PrimaryGroup),
		SID:               types.StringPointerValue(w.SID),
		UID:               types.StringPointerValue(w.UID),
		HomeDirectory:     types.StringPointerValue(w.HomeDirectory),
		CanChangePassword: types.BoolPointerValue(w.CanChangePassword),
		Privileges:        stringList(w.Privileges),
		AccessTokenID:     types.StringPointerValue(w.AccessTokenID),
	}, nil
}

var qumuloPrivilegesSchema = schema.Schema{
	MarkdownDescription: "What the Qumulo Core caller may do, and a preflight check of `required` privileges. " +
		"A requirement is a `PRIVILEGE_*` name exactly as the API spells it and is granted only by that privilege " +
		"in `GET /v1/session/who-am-i` (unknown when the answer lists no privileges): Qumulo states no implication between " +
		"privileges, so neither does the provider (`PRIVILEGE_SMB_SHARE_WRITE` does not grant `PRIVILEGE_SMB_SHARE_READ`). Roles from `GET /v1/session/roles` " +
		"are reported but not evaluated: a caller cannot see which privileges a role carries.",
	Attributes: map[string]schema.Attribute{
		"roles": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Names of the caller's roles, including roles held through groups, sorted and without repeats; " +
				"null, with a warning, when the cluster answers the roles request with 403, 404 or a 5xx after the retries."},
	},
}

func readQumuloPrivileges(ctx context.Context, hc *httpx.Client, _ []string) (grants, error) {
	w, roles, err := qumulo.NewClient(hc).WhoAmIAndRoles(ctx)
	rolesValue := sortedList(privilege.Clean(roles, nil))
	var warnings []readWarning
	if e, unavailable := qumulo.RolesUnavailable(err); unavailable && w != nil {
		rolesValue = types.ListNull(types.StringType)
		warnings = append(warnings, readWarning{"Qumulo roles not readable", fmt.Sprintf(
			"The cluster answered %d %s to GET /v1/session/roles, so roles is null. Roles are reported, not evaluated: "+
				"the privilege check reads who-am-i alone and is complete. %v", e.Status, http.StatusText(e.Status), err)})
	} else if err != nil {
		return grants{}, err
	}
	return grants{
		Warnings:   warnings,
		Native:     map[string]any{"roles": rolesValue},
		Privileges: qumulo.Grants(w),
		Holder:     qumulo.Holder(w),
		ID:         deref(w.ID),
		Principal:  fmt.Sprintf("Qumulo user %q (id %s)", deref(w.Name), deref(w.ID)),
	}, nil
}
