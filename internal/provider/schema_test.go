package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/registry"
)

// TestSchemas checks every schema the way the framework would at runtime and
// that the registry yields exactly the data sources DESIGN.md names.
func TestSchemas(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := New("test")()
	var presp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &presp)
	if diags := presp.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Fatalf("provider schema: %v", diags)
	}
	for _, pl := range platforms {
		block := presp.Schema.Blocks[pl.key].(schema.SingleNestedBlock)
		for _, attr := range []string{pl.tokenAttr, "password"} {
			if a, ok := block.Attributes[attr]; !ok || !a.IsSensitive() {
				t.Errorf("%s.%s must exist and be sensitive", pl.key, attr)
			}
		}
		// A user name is no secret, and login failures name it.
		if a, ok := block.Attributes["username"]; !ok || a.IsSensitive() {
			t.Errorf("%s.username must exist and not be sensitive", pl.key)
		}
	}
	var names []string
	for _, newDS := range p.DataSources(ctx) {
		ds := newDS()
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "whoami"}, &meta)
		names = append(names, meta.TypeName)
		var sresp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &sresp)
		if diags := sresp.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("%s schema: %v", meta.TypeName, diags)
		}
		for name, a := range sresp.Schema.Attributes {
			if a.GetMarkdownDescription() == "" {
				t.Errorf("%s.%s has no description", meta.TypeName, name)
			}
		}
	}
	// DESIGN.md names two data sources per platform key.
	var want []string
	for _, pl := range platforms {
		want = append(want, "whoami_"+pl.key+"_current_privileges", "whoami_"+pl.key+"_current_user")
	}
	sort.Strings(names)
	sort.Strings(want)
	if got, want := strings.Join(names, " "), strings.Join(want, " "); got != want || len(names) != 2*len(platforms) {
		t.Errorf("data sources: %s, want %s", got, want)
	}
	// The simulators cover exactly the registry's platforms, in its order.
	var keys, simKeys []string
	for _, pl := range platforms {
		keys = append(keys, pl.key)
	}
	for _, sp := range registry.Platforms {
		simKeys = append(simKeys, sp.Key)
	}
	if fmt.Sprint(keys) != fmt.Sprint(simKeys) || len(keys) != 5 {
		t.Errorf("provider platforms %v, simulator platforms %v", keys, simKeys)
	}
}
