package provider

import (
	"testing"

	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// TestEphemeralSchemas: every platform's privileges schema converts, and the
// twin has the data source's attributes with the same types, modes and
// sensitivity.
func TestEphemeralSchemas(t *testing.T) {
	t.Parallel()
	for _, p := range platforms {
		ds := privilegesSchema(p)
		eph, err := ephemeralSchema(ds)
		if err != nil {
			t.Fatalf("%s: %v", p.key, err)
		}
		if !ds.Type().Equal(eph.Type()) {
			t.Errorf("%s: type %s, want the data source's %s", p.key, eph.Type(), ds.Type())
		}
		for name, a := range ds.Attributes {
			e := eph.Attributes[name]
			if e.IsRequired() != a.IsRequired() || e.IsOptional() != a.IsOptional() || e.IsComputed() != a.IsComputed() ||
				e.IsSensitive() != a.IsSensitive() || e.GetMarkdownDescription() != a.GetMarkdownDescription() {
				t.Errorf("%s.%s differs from the data source's", p.key, name)
			}
		}
	}
	if _, err := ephemeralAttribute(dsschema.ObjectAttribute{}); err == nil {
		t.Error("an attribute kind the converter does not know converted")
	}
}
