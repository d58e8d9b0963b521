package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/faynosync"
)

var faynosyncPlatform = &platform{
	key: "faynosync", name: faynosync.Name,
	tokenAttr: "token", tokenNoun: "token",
	defaultPort: faynosync.DefaultPort,
	endpointHelp: "URL of the faynoSync server, such as `https://updates.example.com` or `http://127.0.0.1:9000`; " +
		"a bare host or host:port gets `https://` and port 9000. Plain `http://` works, with a warning unless the host is loopback.",
	env: envNames{
		Endpoint: []string{"FAYNOSYNC_ENDPOINT"},
		Token:    []string{"FAYNOSYNC_TOKEN"},
		Username: []string{"FAYNOSYNC_USERNAME"},
		Password: []string{"FAYNOSYNC_PASSWORD"},
	},
	auth:        faynosync.Authenticator,
	decodeError: faynosync.DecodeError,
	advice:      faynosync.Advice,
	user:        userSource{schema: faynosyncUserSchema, read: readFaynosyncUser},
	privileges:  privilegesSource{schema: faynosyncPrivilegesSchema, grammar: faynosync.Grammar{}, read: readFaynosyncPrivileges},
}

type faynosyncUserModel struct {
	ID       types.String `tfsdk:"id"`
	Username types.String `tfsdk:"username"`
	IsAdmin  types.Bool   `tfsdk:"is_admin"`
	Owner    types.String `tfsdk:"owner"`
}

var faynosyncUserSchema = schema.Schema{
	MarkdownDescription: "The faynoSync user the provider's credentials belong to, from `GET /whoami`.",
	Attributes: map[string]schema.Attribute{
		"id":       computedString("The user's id."),
		"username": computedString("The user name."),
		"is_admin": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user is an administrator."},
		"owner":    computedString("For a team user, the administrator who owns the team; null for an administrator."),
	},
}

func readFaynosyncUser(ctx context.Context, hc *httpx.Client) (any, error) {
	w, err := faynosync.NewClient(hc).WhoAmI(ctx)
	if err != nil {
		return nil, err
	}
	return &faynosyncUserModel{ID: types.StringPointerValue(w.ID), Username: types.StringPointerValue(w.Username),
		IsAdmin: types.BoolPointerValue(w.IsAdmin), Owner: types.StringPointerValue(w.Owner)}, nil
}

type faynosyncResourceModel struct {
	Create   types.Bool `tfsdk:"create"`
	Delete   types.Bool `tfsdk:"delete"`
	Edit     types.Bool `tfsdk:"edit"`
	Download types.Bool `tfsdk:"download"`
	Upload   types.Bool `tfsdk:"upload"`
	Allowed  types.List `tfsdk:"allowed"`
}

type faynosyncPermissionsModel struct {
	Apps      *faynosyncResourceModel `tfsdk:"apps"`
	Channels  *faynosyncResourceModel `tfsdk:"channels"`
	Platforms *faynosyncResourceModel `tfsdk:"platforms"`
	Archs     *faynosyncResourceModel `tfsdk:"archs"`
}

func faynosyncResourceAttribute(resource string) schema.SingleNestedAttribute {
	flag := func(action string) schema.BoolAttribute {
		return schema.BoolAttribute{Computed: true, MarkdownDescription: fmt.Sprintf("May %s %s.", action, resource)}
	}
	return schema.SingleNestedAttribute{Computed: true, MarkdownDescription: "Rights on " + resource + ".",
		Attributes: map[string]schema.Attribute{
			"create": flag("create"), "delete": flag("delete"), "edit": flag("edit"),
			"download": schema.BoolAttribute{Computed: true, MarkdownDescription: "May download (apps only; null elsewhere)."},
			"upload":   schema.BoolAttribute{Computed: true, MarkdownDescription: "May upload (apps only; null elsewhere)."},
			"allowed":  computedStringList("Ids of the " + resource + " the flags apply to."),
		}}
}

var faynosyncPrivilegesSchema = schema.Schema{
	MarkdownDescription: "What the faynoSync caller may do, and a preflight check of `required` privileges written " +
		"`<resource>:<action>` or `<resource>:<action>:<id>`, with resources `apps`, `channels`, `platforms`, `archs` and " +
		"actions `create`, `delete`, `edit`, plus `download` and `upload` for apps. An administrator holds every action; a team " +
		"user needs the action's flag. A requirement with an id is unknown unless the id is missing from `allowed`: faynoSync " +
		"lets an administrator act only on the objects it owns, and a team user only on its owner's, and `/whoami` does not " +
		"say who owns what.",
	Attributes: map[string]schema.Attribute{
		"is_admin": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the caller is an administrator."},
		"permissions": schema.SingleNestedAttribute{Computed: true,
			MarkdownDescription: "A team user's rights per resource; null for an administrator, who has them all.",
			Attributes: map[string]schema.Attribute{
				"apps": faynosyncResourceAttribute("apps"), "channels": faynosyncResourceAttribute("channels"),
				"platforms": faynosyncResourceAttribute("platforms"), "archs": faynosyncResourceAttribute("archs"),
			}},
	},
}

func faynosyncResource(r *faynosync.ResourcePermissions) *faynosyncResourceModel {
	if r == nil {
		return nil
	}
	return &faynosyncResourceModel{Create: types.BoolPointerValue(r.Create), Delete: types.BoolPointerValue(r.Delete),
		Edit: types.BoolPointerValue(r.Edit), Download: types.BoolPointerValue(r.Download), Upload: types.BoolPointerValue(r.Upload),
		Allowed: stringList(r.Allowed)}
}

func readFaynosyncPrivileges(ctx context.Context, hc *httpx.Client, _ []string) (grants, error) {
	w, err := faynosync.NewClient(hc).WhoAmI(ctx)
	if err != nil {
		return grants{}, err
	}
	var permissions *faynosyncPermissionsModel
	if p := w.Permissions; p != nil {
		permissions = &faynosyncPermissionsModel{Apps: faynosyncResource(p.Apps), Channels: faynosyncResource(p.Channels),
			Platforms: faynosyncResource(p.Platforms), Archs: faynosyncResource(p.Archs)}
	}
	return grants{Native: map[string]any{"is_admin": types.BoolPointerValue(w.IsAdmin), "permissions": permissions},
		Privileges: faynosync.Grants(w), Holder: faynosync.Holder(w), ID: deref(w.ID),
		Principal: fmt.Sprintf("faynoSync user %q", deref(w.Username))}, nil
}
