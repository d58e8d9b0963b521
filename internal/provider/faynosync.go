package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/faynosync"
)

var faynosyncPlatform = &platform{
	key: "faynosync", name: faynosync.Name,
	tokenAttr: "token", tokenNoun: "token",
	defaultPort: faynosync.DefaultPort,
	// faynoSync serves plain HTTP on 9000; HTTPS only behind a proxy, on 443.
	bareScheme: "http",
	endpointHelp: "URL of the faynoSync server, such as `http://updates.internal:9000` or, behind an HTTPS proxy, " +
		"`https://updates.example.com`. faynoSync itself serves plain HTTP on port 9000, so a bare host or host:port gets " +
		"`http://` and port 9000; plain `http://` to a host that is not loopback gets a warning, since the token or password " +
		"crosses the network unencrypted: put an HTTPS proxy in front of faynoSync and use its `https://` address.",
	env: envNames{
		// FAYNOSYNC_URL is the name faynoSync's own CLI reads.
		Endpoint: []string{"FAYNOSYNC_ENDPOINT", "FAYNOSYNC_URL"},
		Token:    []string{"FAYNOSYNC_TOKEN"},
		Username: []string{"FAYNOSYNC_USERNAME"},
		Password: []string{"FAYNOSYNC_PASSWORD"},
		// faynoSync's tools read no name for these; the provider's own.
		Insecure:   []string{"FAYNOSYNC_INSECURE"},
		CACert:     []string{"FAYNOSYNC_CA_CERT"},
		MaxRetries: []string{"FAYNOSYNC_MAX_RETRIES"},
		Timeout:    []string{"FAYNOSYNC_TIMEOUT"},
	},
	auth:        faynosync.Authenticator,
	decodeError: faynosync.DecodeError,
	advice:      faynosync.Advice,
	refused:     faynosync.Refused,
	user:        userSource{schema: faynosyncUserSchema, read: readFaynosyncUser},
	privileges:  privilegesSource{schema: faynosyncPrivilegesSchema, grammar: faynosync.Grammar{}, read: readFaynosyncPrivileges},
}

type faynosyncUserModel struct {
	ID             types.String `tfsdk:"id"`
	Username       types.String `tfsdk:"username"`
	IsAdmin        types.Bool   `tfsdk:"is_admin"`
	Owner          types.String `tfsdk:"owner"`
	CredentialKind types.String `tfsdk:"credential_kind"`
}

var faynosyncUserSchema = schema.Schema{
	MarkdownDescription: "The faynoSync user the provider's credentials belong to, from `GET /whoami`. For an `fns_` API " +
		"token faynoSync answers with the administrator who owns the token, with nothing that marks it as a token: " +
		"`credential_kind` says what the credential is.",
	Attributes: map[string]schema.Attribute{
		"id": computedString("The user's id; null for a team user, whom `/whoami` always answers with the placeholder " +
			"`000000000000000000000000` (a team user's real id is only in `/users/list`, which needs an administrator)."),
		"username": computedString("The user name."),
		"is_admin": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the user is an administrator."},
		"owner":    computedString("For a team user, the administrator who owns the team; null for an administrator."),
		"credential_kind": computedString("What the configured credential is: `login` (username and password), `jwt` " +
			"(a token that is not an API token: a login JWT) or `api_token` (a token starting `fns_`). For `api_token` the " +
			"other attributes describe the token's owning administrator, while the token itself may do nothing but upload " +
			"to its allowed apps."),
	},
}

func readFaynosyncUser(ctx context.Context, hc *httpx.Client) (any, error) {
	w, err := faynosync.NewClient(hc).WhoAmI(ctx)
	if err != nil {
		return nil, err
	}
	return &faynosyncUserModel{ID: faynosyncString(w.UserID()), Username: types.StringPointerValue(w.Username),
		IsAdmin: types.BoolPointerValue(w.IsAdmin), Owner: types.StringPointerValue(w.Owner),
		CredentialKind: faynosyncString(string(faynosync.KindOf(hc)))}, nil
}

func faynosyncString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
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
			"allowed": computedStringList("Ids of the " + resource + " the flags apply to, each once: faynoSync stores the list " +
				"as it was sent, so repeats and empty ids are dropped here, and an empty list, which faynoSync sends as null, " +
				"is `[]`, so that `length()` and `contains()` work."),
		}}
}

var faynosyncPrivilegesSchema = schema.Schema{
	MarkdownDescription: "What the faynoSync caller may do, and a preflight check of `required` privileges written " +
		"`<resource>:<action>` or `<resource>:<action>:<id>`, with resources `apps`, `channels`, `platforms`, `archs` and " +
		"actions `create` (never with an id), `delete`, `edit`, plus `download` and `upload` for apps. An administrator " +
		"holds every action, on the objects it owns; a team user needs the action's flag, the id in `allowed` and the " +
		"object owned by its owner, learned from the list endpoints; an `fns_` API token may only upload, to allowed apps " +
		"it cannot read. See the documentation for every rule.",
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
		Allowed: stringList(faynosync.CleanAllowed(r.Allowed))}
}

func readFaynosyncPrivileges(ctx context.Context, hc *httpx.Client, required []string) (grants, error) {
	client := faynosync.NewClient(hc)
	w, err := client.WhoAmI(ctx)
	if err != nil {
		return grants{}, err
	}
	caller := faynosync.Caller{Who: w, Kind: faynosync.KindOf(hc)}
	var permissions *faynosyncPermissionsModel
	if p := w.Permissions; p != nil {
		permissions = &faynosyncPermissionsModel{Apps: faynosyncResource(p.Apps), Channels: faynosyncResource(p.Channels),
			Platforms: faynosyncResource(p.Platforms), Archs: faynosyncResource(p.Archs)}
	}
	return grants{Native: map[string]any{"is_admin": types.BoolPointerValue(w.IsAdmin), "permissions": permissions},
		Privileges: faynosync.Grants(caller), Holder: caller.Holder(faynosyncLists(ctx, client, caller.Needs(required))),
		ID: w.UserID(), Principal: caller.Principal()}, nil
}

// faynosyncLists reads the list endpoints of resources at once, one request
// each; a failure is the listing's, and makes what needs it unknown.
func faynosyncLists(ctx context.Context, client *faynosync.Client, resources []string) map[string]*faynosync.Listing {
	lists := make([]*faynosync.Listing, len(resources))
	var wg sync.WaitGroup
	for i, res := range resources {
		wg.Go(func() { lists[i] = client.Owned(ctx, res) })
	}
	wg.Wait()
	out := make(map[string]*faynosync.Listing, len(resources))
	for i, res := range resources {
		out[res] = lists[i]
	}
	return out
}
