package provider

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
)

// TestSchemas checks every schema the way the framework would at runtime and
// that the registry yields exactly the data sources DESIGN.md names.
func TestSchemas(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	var presp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &presp)
	if diags := presp.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Fatalf("provider schema: %v", diags)
	}
	for _, pl := range platforms {
		block := presp.Schema.Blocks[pl.info().key].(schema.SingleNestedBlock)
		for _, attr := range []string{pl.info().tokenAttr, "username", "password"} {
			if a, ok := block.Attributes[attr]; !ok || !a.IsSensitive() {
				t.Errorf("%s.%s must exist and be sensitive", pl.info().key, attr)
			}
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
	sort.Strings(names)
	if got, want := strings.Join(names, " "), "whoami_awx_current_privileges whoami_awx_current_user whoami_ece_current_privileges whoami_ece_current_user whoami_faynosync_current_privileges whoami_faynosync_current_user whoami_mist_current_privileges whoami_mist_current_user whoami_qumulo_current_privileges whoami_qumulo_current_user"; got != want {
		t.Errorf("data sources: %s, want %s", got, want)
	}
}
