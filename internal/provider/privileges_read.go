package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

// checkPrivileges is the whole of a current_privileges read, for the data
// source and its ephemeral twin alike: it reads config's required and
// enforce, asks the platform what the caller holds, decides each
// requirement, and writes the result, shaped as the platform's privileges
// schema, into *out (left alone when nothing could be built). With enforce,
// a requirement not granted adds an error after the result.
func checkPrivileges(ctx context.Context, p *platform, pd *providerData, config tfsdk.Config, out *tftypes.Value) diag.Diagnostics {
	var diags diag.Diagnostics
	var requiredSet types.Set
	var enforce, strict types.Bool
	var required []string
	diags.Append(config.GetAttribute(ctx, pathRequired, &requiredSet)...)
	diags.Append(config.GetAttribute(ctx, pathEnforce, &enforce)...)
	diags.Append(config.GetAttribute(ctx, pathStrict, &strict)...) // validation read it; the result shows it as written
	diags.Append(requiredSet.ElementsAs(ctx, &required, false)...)
	conn, connDiags := pd.connection(p, "whoami_"+p.key+"_current_privileges")
	if diags.Append(connDiags...); diags.HasError() {
		return diags
	}
	ctx, cancel := conn.http.WithTimeout(ctx)
	defer cancel()
	g, err := p.privileges.read(ctx, conn.http, required)
	if err != nil {
		diags.Append(diagnose(p, conn, err))
		return diags
	}
	for _, w := range g.Warnings {
		diags.AddWarning(w.Summary, w.Detail)
	}
	result := privilege.Check(required, g.Holder)
	for req, reason := range result.Reasons {
		result.Reasons[req] = shown(reason)
	}
	g.Principal = shown(g.Principal)
	values := map[string]attr.Value{
		"required": requiredSet, "enforce": types.BoolValue(enforce.ValueBool()), "strict": strict,
		"id": types.StringNull(), "privileges": sortedList(g.Privileges), "principal": types.StringValue(g.Principal),
		"missing": stringSet(result.Missing), "unknown": stringSet(result.Unknown), "reasons": stringMapValue(result.Reasons),
		"all_granted": types.BoolValue(result.AllGranted()),
	}
	if g.ID != "" {
		values["id"] = types.StringValue(g.ID)
	}
	diags.Append(buildState(ctx, privilegesSchema(p), out, values, g.Native)...)
	// The timeout covers the work after the answer too: a read that overran
	// it while decoding or building values fails as a timeout, not later.
	if ctx.Err() != nil {
		diags.Append(overrun(p, conn))
		return diags
	}
	if enforce.ValueBool() && !result.AllGranted() {
		diags.Append(enforcement(p, g.Principal, result))
	}
	return diags
}

// buildState builds the whole value of s from values and the read's native
// attributes into *out, at once: setting attributes one by one would walk
// the whole state each time, which for an answer of 100,000 grants costs
// seconds.
func buildState(ctx context.Context, s schema.Schema, out *tftypes.Value, values map[string]attr.Value, native map[string]any) diag.Diagnostics {
	var diags diag.Diagnostics
	for name, v := range native {
		a, ok := s.Attributes[name]
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
	objectType, _ := s.Type().(types.ObjectType)
	obj, d := types.ObjectValue(objectType.AttrTypes, values)
	if diags.Append(d...); diags.HasError() {
		return diags
	}
	raw, err := obj.ToTerraformValue(ctx)
	if err != nil {
		diags.AddError("Cannot build the state", err.Error())
		return diags
	}
	*out = raw
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
