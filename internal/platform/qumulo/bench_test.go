package qumulo_test

import (
	"encoding/json"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/qumulo"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

// This file is an external test package because the Qumulo simulator imports
// this package (for KnownPrivileges): an internal test importing the simulator
// would be an import cycle.
//
// The benchmarks of this file keep their names: `benchstat old.txt new.txt`
// compares runs by name (make bench writes .tools/bench/go-bench.txt).

// adminWhoAmI is the simulator's who-am-i answer for the admin, who holds
// every privilege the API documents: the largest answer a cluster sends.
func adminWhoAmI(b *testing.B) []byte {
	return simulator.Answer(b, simqumulo.Demo(qumulo.KnownPrivileges).Handler(), simqumulo.Platform.UserPath, "Bearer "+simqumulo.AdminToken)
}

// BenchmarkDecodeQumulo decodes GET /v1/session/who-am-i into WhoAmI.
func BenchmarkDecodeQumulo(b *testing.B) {
	simulator.BenchDecode[qumulo.WhoAmI](b, adminWhoAmI(b))
}

// BenchmarkHolderQumuloAllPrivileges evaluates every documented privilege
// against a caller who holds them all: the holder is built and every
// requirement checked, as one privileges data source read does.
func BenchmarkHolderQumuloAllPrivileges(b *testing.B) {
	var w qumulo.WhoAmI
	if err := json.Unmarshal(adminWhoAmI(b), &w); err != nil {
		b.Fatal(err)
	}
	if len(w.Privileges) != len(qumulo.KnownPrivileges) {
		b.Fatalf("admin holds %d privileges, want %d", len(w.Privileges), len(qumulo.KnownPrivileges))
	}
	b.ReportAllocs()
	for b.Loop() {
		if r := privilege.Check(qumulo.KnownPrivileges, qumulo.Holder(&w)); !r.AllGranted() {
			b.Fatalf("missing %v", r.Missing)
		}
	}
}
