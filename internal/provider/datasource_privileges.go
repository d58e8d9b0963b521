package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

// privilegesDataSource is whoami_<platform>_current_privileges for any platform.
type privilegesDataSource struct {
	platform *platform
	pd       *providerData
}

func (d *privilegesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.platform.key + "_current_privileges"
}

func (d *privilegesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = privilegesSchema(d.platform)
}

func (d *privilegesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, _ *datasource.ConfigureResponse) {
	d.pd, _ = req.ProviderData.(*providerData)
}

func (d *privilegesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var required []string
	var enforce types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathRequired, &required)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathEnforce, &enforce)...)
	conn, diags := d.pd.connection(d.platform, "whoami_"+d.platform.key+"_current_privileges")
	if resp.Diagnostics.Append(diags...); resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := conn.http.WithTimeout(ctx)
	defer cancel()
	g, err := d.platform.privileges.read(ctx, conn.http, required)
	if err != nil {
		resp.Diagnostics.Append(diagnose(d.platform, conn, err))
		return
	}
	for _, w := range g.Warnings {
		resp.Diagnostics.AddWarning(w.Summary, w.Detail)
	}
	result := privilege.Check(required, g.Holder)
	values := map[string]any{
		"id": types.StringNull(), "privileges": stringSet(g.Privileges), "missing": stringSet(result.Missing),
		"all_granted": types.BoolValue(result.AllGranted()), "enforce": types.BoolValue(enforce.ValueBool()),
	}
	if g.ID != "" {
		values["id"] = types.StringValue(g.ID)
	}
	for name, v := range g.Native {
		values[name] = v
	}
	for name, v := range values {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
	if enforce.ValueBool() && !result.AllGranted() {
		resp.Diagnostics.Append(enforcement(d.platform, g.Principal, required, result))
	}
}

// enforcement is the error enforce = true raises when a requirement is missing.
func enforcement(p *platform, principal string, required []string, result privilege.Result) diag.Diagnostic {
	return diag.NewAttributeErrorDiagnostic(pathRequired, p.name+" credentials lack required privileges",
		fmt.Sprintf("%s is missing %d of the %d required privileges:\n  - %s\n\nGrant them to the account, or remove them from required.",
			principal, len(result.Missing), len(dedupe(required)), strings.Join(result.Missing, "\n  - ")))
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
