package main

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/registry"
)

// TestStartSims: a sim per registry platform, in order, with a cost and a
// configuration block each (the exact costs are tested beside each fixture).
func TestStartSims(t *testing.T) {
	sims, err := startSims()
	if err != nil {
		t.Fatal(err)
	}
	defer closeSims(sims)
	if len(sims) != len(registry.Platforms) {
		t.Fatalf("%d sims for %d platforms", len(sims), len(registry.Platforms))
	}
	config := whoamiConfig([]string{""}, sims)
	for i, s := range sims {
		if s.key != registry.Platforms[i].Key || s.minimum < s.chain || s.chain < 1 || s.why == "" || len(s.required) == 0 {
			t.Errorf("sim %d: %+v", i, *s)
		}
		if !strings.Contains(config, fmt.Sprintf("  %s {\n    endpoint = %q\n    %s = %q\n", s.key, s.srv.URL, s.tokenAttr, s.token)) {
			t.Errorf("the configuration does not configure %s:\n%s", s.key, config)
		}
	}
}

func TestFilterEnv(t *testing.T) {
	got := filterEnv([]string{"PATH=/bin", "QUMULO_USERNAME=u", "AAP_TOKEN=t", "TF_LOG=trace", "WHOAMI_BENCH_RSS_FILE=f", "HOME=/h"})
	if want := []string{"PATH=/bin", "HOME=/h"}; !reflect.DeepEqual(got, want) {
		t.Errorf("filterEnv = %q, want %q", got, want)
	}
}
