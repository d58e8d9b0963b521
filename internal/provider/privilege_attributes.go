package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

var (
	pathRequired = path.Root("required")
	pathEnforce  = path.Root("enforce")
	pathStrict   = path.Root("strict")
)

// privilegesSchema is the platform's privileges schema: its native
// attributes plus the ones every current_privileges data source has.
func privilegesSchema(p *platform) schema.Schema {
	s := p.privileges.schema
	s.Attributes = map[string]schema.Attribute{}
	for k, v := range commonPrivilegeAttributes(p) {
		s.Attributes[k] = v
	}
	for k, v := range p.privileges.schema.Attributes {
		s.Attributes[k] = v
	}
	return s
}

func commonPrivilegeAttributes(p *platform) map[string]schema.Attribute {
	g := p.privileges.grammar
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The caller's stable id."},
		"privileges": schema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Every privilege the caller is shown to hold, in the grammar `required` uses, sorted and without " +
				"repeats, so `contains(self.privileges, \"...\")` works. A list rather than a set: the framework checks a set for " +
				"repeats pair by pair, which takes minutes for the tens of thousands of grants a large account can have."},
		"required": schema.SetAttribute{Optional: true, ElementType: types.StringType,
			Validators: []validator.Set{requiredValidator{platform: p, grammar: g}},
			MarkdownDescription: "Privileges the configuration needs, in the grammar below. A malformed entry is an error at " +
				"`terraform validate`; a well-formed name outside the names the provider knows is a warning naming the closest " +
				"known one, and is still evaluated as written (an error with `strict`)."},
		"missing": schema.SetAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The members of `required` the server's answer shows the caller lacks, after the platform's implication rules."},
		"unknown": schema.SetAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The members of `required` the provider cannot decide from what the server lets it read; " +
				"`reasons` says why for each. The provider never reports granted or missing on a guess."},
		"reasons": schema.MapAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "For every member of `required`, one line saying why it is granted, missing or unknown."},
		"principal": schema.StringAttribute{Computed: true,
			// Examples the platforms really print (the tests assert them); the
			// platform's name alone would give wrong ones (ECE, Mist).
			MarkdownDescription: "The caller as messages name it, such as `Qumulo user \"svc-terraform\" (id 1026)`, " +
				"`ECE user \"ldap-viewer\"` or `Mist org API token \"terraform-ci\"`."},
		"all_granted": schema.BoolAttribute{Computed: true,
			MarkdownDescription: "True only when `missing` and `unknown` are both empty; true when nothing is required. " +
				"To tolerate requirements the provider cannot decide, gate on `length(self.missing) == 0` instead."},
		"strict": schema.BoolAttribute{Optional: true,
			MarkdownDescription: "When `true`, a name in `required` that the provider does not know is an error at " +
				"`terraform validate` and `terraform plan`, not a warning, so a typo cannot pass CI. Default `false`: one " +
				"warning per unknown name, at `terraform validate` and once at `terraform plan`, and the name is evaluated " +
				"as written, in case it is newer than the provider. Names only known at plan (from a variable or another " +
				"object) are checked at plan when `strict` is `true`, and not at all otherwise."},
		"enforce": schema.BoolAttribute{Optional: true, Computed: true,
			MarkdownDescription: "When `true` and `all_granted` is false, the read fails with an error that names the caller and " +
				"lists the missing and the unknown requirements, each with its reason. Default `false`."},
	}
}

// requiredValidator checks that each requirement is well formed in the
// platform's grammar at validate time. Whether the grammar knows the name is
// validateRequired's, which can tell strict and the validation pass.
type requiredValidator struct {
	platform *platform
	grammar  privilege.Grammar
}

func (v requiredValidator) Description(context.Context) string {
	return "each entry is a well-formed " + v.platform.name + " privilege"
}

func (v requiredValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v requiredValidator) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for _, e := range req.ConfigValue.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		if err := v.grammar.Validate(s.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(req.Path, "Malformed "+v.platform.name+" privilege", capitalize(err.Error())+".")
		}
	}
}

// validateRequired is ValidateConfig of the data source and of the ephemeral
// resource: every well-formed name in required that the grammar does not
// know is a warning, or with strict an error, each naming the name so that
// Terraform does not fold several into one.
//
// Terraform validates a configuration twice during a plan: in a provider
// process that was never configured (the validate walk, all that
// terraform validate does), then again in a configured one, just before the
// read. configured says which (the data source's provider data is nil in the
// first). The warnings belong to the first alone, so a plan shows each once;
// the errors are raised in both, as a name only known at plan (a variable)
// reaches only the second, and a name known in the first has already stopped
// the plan. Malformed names are requiredValidator's; an unknown required or
// entry is skipped, and an unknown strict warns, as validate cannot know it.
func validateRequired(ctx context.Context, p *platform, configured bool, config tfsdk.Config) diag.Diagnostics {
	var diags diag.Diagnostics
	var required types.Set
	var strict types.Bool
	diags.Append(config.GetAttribute(ctx, pathRequired, &required)...)
	diags.Append(config.GetAttribute(ctx, pathStrict, &strict)...)
	if diags.HasError() || required.IsNull() || required.IsUnknown() {
		return diags
	}
	isStrict := strict.ValueBool() // false when null or unknown
	if configured && !isStrict {
		return diags
	}
	g := p.privileges.grammar
	for _, e := range required.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		name := s.ValueString()
		if g.Validate(name) != nil {
			continue
		}
		unknown, suggestion := g.Unknown(name)
		if !unknown {
			continue
		}
		summary := fmt.Sprintf("Unknown %s privilege %q", p.name, name)
		detail := fmt.Sprintf("%q is not among the %s privileges the provider knows", name, p.name)
		if suggestion != "" {
			detail += fmt.Sprintf("; did you mean %q?", suggestion)
		} else {
			detail += "."
		}
		if isStrict {
			diags.AddAttributeError(pathRequired, summary, detail+" strict is true, so this is an error: fix the name, "+
				"or remove strict if the privilege is newer than the provider.")
		} else {
			diags.AddAttributeWarning(pathRequired, summary, detail+" It is still evaluated as written, in case it is newer than the provider.")
		}
	}
	return diags
}

// stringSet converts a Go slice of distinct strings to a set value; nil
// becomes an empty set, as computed sets are always known once read. Only
// for small sets (subsets of required): the framework checks a set's
// elements for repeats pair by pair.
func stringSet(values []string) types.Set {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	s, _ := types.SetValue(types.StringType, elems) // cannot fail: every element is a string
	return s
}
