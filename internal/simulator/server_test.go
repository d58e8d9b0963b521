package simulator_test

import (
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// TestRequestsPath: the counters endpoint reports every request the platform
// received, and reading it is neither counted nor faulted nor delayed.
func TestRequestsPath(t *testing.T) {
	t.Parallel()
	srv := simulator.Start(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		simulator.WriteJSON(w, http.StatusOK, map[string]string{})
	}), simulator.Options{})
	defer srv.Close()
	get := func(path string) []byte {
		t.Helper()
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s %s", path, res.Status, body)
		}
		return body
	}
	get("/me")
	get("/me")
	get("/other")
	srv.Inject("", simulator.Fault{Status: http.StatusServiceUnavailable})
	for range 2 {
		var got struct {
			Total    int
			Requests map[string]int
		}
		if err := json.Unmarshal(get(simulator.RequestsPath), &got); err != nil {
			t.Fatal(err)
		}
		if want := map[string]int{"GET /me": 2, "GET /other": 1}; got.Total != 3 || !reflect.DeepEqual(got.Requests, want) {
			t.Errorf("counters %+v, want total 3 and %v", got, want)
		}
	}
	if n := srv.Total(); n != 3 {
		t.Errorf("Total() = %d after reading the counters, want 3", n)
	}
}
