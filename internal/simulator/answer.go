package simulator

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Answer serves one GET of path with the given Authorization header straight
// from a handler, without a network, and fails tb unless it answers 200. The
// platform packages' benchmarks take their sample bodies from it.
func Answer(tb testing.TB, h http.Handler, path, authorization string) []byte {
	tb.Helper()
	req := httptest.NewRequestWithContext(context.Background(), http.MethodGet, path, nil)
	req.Header.Set("Authorization", authorization)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		tb.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
	}
	return rec.Body.Bytes()
}

// BenchDecode benchmarks decoding body into a fresh T, the work every read of
// a platform's answer does; keep the caller's benchmark name stable so
// benchstat can compare runs.
func BenchDecode[T any](b *testing.B, body []byte) {
	b.Helper()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var v T
		if err := json.Unmarshal(body, &v); err != nil {
			b.Fatal(err)
		}
	}
}
