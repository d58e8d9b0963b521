package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
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
	var requiredSet types.Set
	var enforce types.Bool
	var required []string
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathRequired, &requiredSet)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, pathEnforce, &enforce)...)
	resp.Diagnostics.Append(requiredSet.ElementsAs(ctx, &required, false)...)
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
	for req, reason := range result.Reasons {
		result.Reasons[req] = shown(reason)
	}
	g.Principal = shown(g.Principal)
	values := map[string]attr.Value{
		"required": requiredSet, "enforce": types.BoolValue(enforce.ValueBool()),
		"id": types.StringNull(), "privileges": sortedList(g.Privileges), "principal": types.StringValue(g.Principal),
		"missing": stringSet(result.Missing), "unknown": stringSet(result.Unknown), "reasons": stringMapValue(result.Reasons),
		"all_granted": types.BoolValue(result.AllGranted()),
	}
	if g.ID != "" {
		values["id"] = types.StringValue(g.ID)
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, values, g.Native)...)
	// The timeout covers the work after the answer too: a read that overran
	// it while decoding or building values fails as a timeout, not later.
	if ctx.Err() != nil {
		resp.Diagnostics.Append(overrun(d.platform, conn.settings.Timeout))
		return
	}
	if enforce.ValueBool() && !result.AllGranted() {
		resp.Diagnostics.Append(enforcement(d.platform, g.Principal, result))
	}
}

// setState writes every attribute at once. Setting them one by one would
// walk the whole state each time, which for an answer of 100,000 grants
// costs seconds.
func setState(ctx context.Context, state *tfsdk.State, values map[string]attr.Value, native map[string]any) diag.Diagnostics {
	var diags diag.Diagnostics
	for name, v := range native {
		a, ok := state.Schema.GetAttributes()[name]
		if !ok {
			diags.AddError("Unknown native attribute", "The read returned "+name+", which the schema does not have.")
			continue
		}
		val, d := valueOf(ctx, a, v)
		diags.Append(d...)
		values[name] = val
	}
	if diags.HasError() {
		return diags
	}
	objectType, _ := state.Schema.Type().(types.ObjectType)
	obj, d := types.ObjectValue(objectType.AttrTypes, values)
	if diags.Append(d...); diags.HasError() {
		return diags
	}
	raw, err := obj.ToTerraformValue(ctx)
	if err != nil {
		diags.AddError("Cannot build the state", err.Error())
		return diags
	}
	state.Raw = raw
	return diags
}

// enforcement is the error enforce = true raises: who the caller is, then
// the missing and the unknown requirements, each with its reason.
func enforcement(p *platform, principal string, r privilege.Result) diag.Diagnostic {
	var b strings.Builder
	list := func(heading string, reqs []string) {
		if len(reqs) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n\n%s:", heading)
		for _, req := range reqs {
			fmt.Fprintf(&b, "\n  - %s: %s", req, r.Reasons[req])
		}
	}
	n := len(r.Reasons) // every requirement, once
	summary := p.name + " credentials lack required privileges"
	switch {
	case len(r.Missing) > 0 && len(r.Unknown) > 0:
		fmt.Fprintf(&b, "%s lacks %d of the %d required privileges, and %d more could not be decided.", principal, len(r.Missing), n, len(r.Unknown))
	case len(r.Missing) > 0:
		fmt.Fprintf(&b, "%s lacks %d of the %d required privileges.", principal, len(r.Missing), n)
	default:
		summary = p.name + " privileges could not be confirmed"
		fmt.Fprintf(&b, "The provider could not decide %d of the %d required privileges for %s.", len(r.Unknown), n, principal)
	}
	list("Missing", r.Missing)
	list("Unknown", r.Unknown)
	b.WriteString("\n\n")
	if len(r.Missing) > 0 {
		b.WriteString("Grant the missing privileges to the account, or remove them from required. ")
	}
	if len(r.Unknown) > 0 {
		b.WriteString("Check the unknown ones by hand; to let them pass, gate on length(self.missing) == 0 in a postcondition instead of enforce.")
	}
	return diag.NewAttributeErrorDiagnostic(pathRequired, summary, strings.TrimSpace(b.String()))
}
