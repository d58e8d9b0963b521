package faynosync

import (
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simfaynosync "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/faynosync"
)

// BenchmarkDecodeFaynosync decodes the simulator's GET /whoami answer for
// release-bot, a team user with permissions, into WhoAmI. Keep the name:
// benchstat compares runs by name.
func BenchmarkDecodeFaynosync(b *testing.B) {
	body := simulator.Answer(b, simfaynosync.Demo().Handler(), whoAmIPath, "Bearer "+simfaynosync.SignJWT(simfaynosync.Secret, "release-bot", time.Now().Add(time.Hour)))
	simulator.BenchDecode[WhoAmI](b, body)
}
