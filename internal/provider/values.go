package provider

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// stringList maps an API list to a list value: absent (nil) stays null, so a
// field the server omits is null in state, never an empty list it did not send.
func stringList(values []string) types.List {
	if values == nil {
		return types.ListNull(types.StringType)
	}
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	l, _ := types.ListValue(types.StringType, elems) // cannot fail: every element is a string
	return l
}

// sortedList is a computed list of strings from values the caller has
// already sorted and freed of repeats (privilege.Clean); nil becomes an empty
// list, as a computed list is always known once read.
func sortedList(values []string) types.List {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.ListValueMust(types.StringType, elems)
}

// stringMapValue converts a Go map of strings to a map value.
func stringMapValue(values map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(values))
	for k, v := range values {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

func computedStringList(doc string) schema.ListAttribute {
	return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: doc}
}

func computedString(doc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: doc}
}

// deref is *p, or the zero value for nil (a field the server left out).
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// valueOf converts a read's native value to the type of its schema
// attribute: an attr.Value as it is; a pointer to a struct, or a slice of
// structs, with tfsdk tags through the framework's reflection; nil pointers
// and slices to null.
func valueOf(ctx context.Context, a interface{ GetType() attr.Type }, v any) (attr.Value, diag.Diagnostics) {
	if av, ok := v.(attr.Value); ok {
		return av, nil
	}
	t := a.GetType()
	if rv := reflect.ValueOf(v); v == nil || ((rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Slice) && rv.IsNil()) {
		null, err := t.ValueFromTerraform(ctx, tftypes.NewValue(t.TerraformType(ctx), nil))
		if err != nil {
			return nil, diag.Diagnostics{diag.NewErrorDiagnostic("Cannot build a null value", err.Error())}
		}
		return null, nil
	}
	switch t := t.(type) {
	case types.ObjectType:
		return types.ObjectValueFrom(ctx, t.AttrTypes, v)
	case types.ListType:
		return types.ListValueFrom(ctx, t.ElemType, v)
	}
	return nil, diag.Diagnostics{diag.NewErrorDiagnostic("Cannot convert a native value", fmt.Sprintf("no conversion of %T to %s", v, t))}
}

// maxShownText bounds a line built from a server's answer (a reason, a
// principal), so a hostile or broken server cannot flood the terminal.
const maxShownText = 300

// shown makes text that may carry a server's words safe to show, as httpx
// does for the server text it quotes: control characters become spaces, and
// anything past maxShownText runes is cut with an ellipsis.
func shown(s string) string { return httpx.Sanitize(s, maxShownText+1) }
