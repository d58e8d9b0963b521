package registry_test

import (
	"reflect"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/provider"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/registry"
)

// TestPlatforms: one simulated platform per provider block, in the provider's
// order, each found by its key.
func TestPlatforms(t *testing.T) {
	var keys, blocks []string
	for _, p := range registry.Platforms {
		keys = append(keys, p.Key)
		if got, ok := registry.Get(p.Key); !ok || got.Key != p.Key {
			t.Errorf("Get(%q) = %q, %v", p.Key, got.Key, ok)
		}
	}
	for _, b := range provider.Blocks() {
		blocks = append(blocks, b.Key)
	}
	if !reflect.DeepEqual(keys, blocks) {
		t.Errorf("registry keys %q, provider blocks %q", keys, blocks)
	}
	if _, ok := registry.Get("nope"); ok {
		t.Error(`Get("nope") found a platform`)
	}
}
