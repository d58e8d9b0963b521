package faynosync

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	simfaynosync "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/faynosync"
)

// The benchmark keeps its name: `benchstat old.txt new.txt` compares runs by
// name (make bench writes .tools/bench/go-bench.txt).

// BenchmarkDecodeFaynosync decodes the simulator's GET /whoami answer for
// release-bot, a team user with permissions, into WhoAmI.
func BenchmarkDecodeFaynosync(b *testing.B) {
	req := httptest.NewRequest(http.MethodGet, whoAmIPath, nil)
	req.Header.Set("Authorization", "Bearer "+simfaynosync.TeamAPIToken)
	rec := httptest.NewRecorder()
	simfaynosync.Demo().Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("whoami: %d %s", rec.Code, rec.Body)
	}
	body := rec.Body.Bytes()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var w WhoAmI
		if err := json.Unmarshal(body, &w); err != nil {
			b.Fatal(err)
		}
	}
}
