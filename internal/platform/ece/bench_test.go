package ece

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	simece "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/ece"
)

// The benchmark keeps its name: `benchstat old.txt new.txt` compares runs by
// name (make bench writes .tools/bench/go-bench.txt).

// BenchmarkDecodeECE decodes the simulator's GET /api/v1/user answer for
// svc-deployer into User.
func BenchmarkDecodeECE(b *testing.B) {
	req := httptest.NewRequest(http.MethodGet, userPath, nil)
	req.Header.Set("Authorization", "ApiKey "+simece.DeployerAPIKey)
	rec := httptest.NewRecorder()
	simece.Demo().Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("current user: %d %s", rec.Code, rec.Body)
	}
	body := rec.Body.Bytes()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var u User
		if err := json.Unmarshal(body, &u); err != nil {
			b.Fatal(err)
		}
	}
}
