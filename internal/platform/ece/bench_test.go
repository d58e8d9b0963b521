package ece

import (
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simece "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/ece"
)

// BenchmarkDecodeECE decodes the simulator's GET /api/v1/user answer for
// svc-deployer into User. Keep the name: benchstat compares runs by name
// (make bench writes .tools/bench/go-bench.txt).
func BenchmarkDecodeECE(b *testing.B) {
	body := simulator.Answer(b, simece.Demo().Handler(), userPath, "ApiKey "+simece.DeployerAPIKey)
	simulator.BenchDecode[User](b, body)
}
