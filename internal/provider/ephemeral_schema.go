package provider

import (
	"fmt"

	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
)

// ephemeralSchema is a data source schema as an ephemeral resource's. The
// framework has one schema package per kind of thing with the same fields;
// converting the data source's keeps one definition of every attribute, so
// the twin cannot drift from the data source. It covers the attribute kinds
// the platforms use; TestEphemeralSchemas converts every platform's.
func ephemeralSchema(ds dsschema.Schema) (schema.Schema, error) {
	attrs, err := ephemeralAttributes(ds.Attributes)
	return schema.Schema{Attributes: attrs, Description: ds.Description, MarkdownDescription: ds.MarkdownDescription,
		DeprecationMessage: ds.DeprecationMessage}, err
}

func ephemeralAttributes(in map[string]dsschema.Attribute) (map[string]schema.Attribute, error) {
	out := make(map[string]schema.Attribute, len(in))
	for name, a := range in {
		e, err := ephemeralAttribute(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = e
	}
	return out, nil
}

func ephemeralAttribute(a dsschema.Attribute) (schema.Attribute, error) {
	switch a := a.(type) {
	case dsschema.StringAttribute:
		return schema.StringAttribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive,
			Description: a.Description, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}, nil
	case dsschema.BoolAttribute:
		return schema.BoolAttribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive,
			Description: a.Description, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}, nil
	case dsschema.Int64Attribute:
		return schema.Int64Attribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive,
			Description: a.Description, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}, nil
	case dsschema.ListAttribute:
		return schema.ListAttribute{ElementType: a.ElementType, Required: a.Required, Optional: a.Optional, Computed: a.Computed,
			Sensitive: a.Sensitive, Description: a.Description, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}, nil
	case dsschema.SetAttribute:
		return schema.SetAttribute{ElementType: a.ElementType, Required: a.Required, Optional: a.Optional, Computed: a.Computed,
			Sensitive: a.Sensitive, Description: a.Description, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}, nil
	case dsschema.MapAttribute:
		return schema.MapAttribute{ElementType: a.ElementType, Required: a.Required, Optional: a.Optional, Computed: a.Computed,
			Sensitive: a.Sensitive, Description: a.Description, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}, nil
	case dsschema.SingleNestedAttribute:
		attrs, err := ephemeralAttributes(a.Attributes)
		return schema.SingleNestedAttribute{Attributes: attrs, Required: a.Required, Optional: a.Optional, Computed: a.Computed,
			Sensitive: a.Sensitive, Description: a.Description, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}, err
	case dsschema.ListNestedAttribute:
		attrs, err := ephemeralAttributes(a.NestedObject.Attributes)
		return schema.ListNestedAttribute{NestedObject: schema.NestedAttributeObject{Attributes: attrs}, Required: a.Required,
			Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive, Description: a.Description,
			MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}, err
	}
	return nil, fmt.Errorf("no ephemeral counterpart for a %T", a)
}
