package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

var (
	pathRequired = path.Root("required")
	pathEnforce  = path.Root("enforce")
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
				"known one, and is still evaluated as written."},
		"missing": schema.SetAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The members of `required` the server's answer shows the caller lacks, after the platform's implication rules."},
		"unknown": schema.SetAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The members of `required` the provider cannot decide from what the server lets it read; " +
				"`reasons` says why for each. The provider never reports granted or missing on a guess."},
		"reasons": schema.MapAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "For every member of `required`, one line saying why it is granted, missing or unknown."},
		"principal": schema.StringAttribute{Computed: true,
			MarkdownDescription: "The caller as messages name it, such as `" + p.name + " user \"svc-terraform\"`."},
		"all_granted": schema.BoolAttribute{Computed: true,
			MarkdownDescription: "True only when `missing` and `unknown` are both empty; true when nothing is required. " +
				"To tolerate requirements the provider cannot decide, gate on `length(self.missing) == 0` instead."},
		"enforce": schema.BoolAttribute{Optional: true, Computed: true,
			MarkdownDescription: "When `true` and `all_granted` is false, the read fails with an error that names the caller and " +
				"lists the missing and the unknown requirements, each with its reason. Default `false`."},
	}
}

// requiredValidator checks each requirement against the platform's grammar at
// validate time.
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
		name := s.ValueString()
		if err := v.grammar.Validate(name); err != nil {
			resp.Diagnostics.AddAttributeError(req.Path, "Malformed "+v.platform.name+" privilege", capitalize(err.Error())+".")
			continue
		}
		if unknown, suggestion := v.grammar.Unknown(name); unknown {
			detail := fmt.Sprintf("%q is not among the %s privileges the provider knows", name, v.platform.name)
			if suggestion != "" {
				detail += fmt.Sprintf("; did you mean %q?", suggestion)
			} else {
				detail += "."
			}
			detail += " It is still evaluated as written, in case it is newer than the provider."
			resp.Diagnostics.AddAttributeWarning(req.Path, "Unknown "+v.platform.name+" privilege", detail)
		}
	}
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
