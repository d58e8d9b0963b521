package provider

import (
	"net/http"
	"sync"
	"testing"
)

// An endpoint written empty or blank is an error at the attribute or the
// variable: "   " once became https://:8000, this machine, and "" in a Mist
// block said the endpoint was missing instead of using the default.
func TestEndpoint_emptyOrBlankIsInvalid(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"", "   "} {
		expectPlanError(t, providerBlock("qumulo", assign("endpoint", v), assign("access_token", "x"))+qumuloMe,
			diagnostic("Invalid Qumulo endpoint", "qumulo.endpoint is empty: set it to the API's address, such as https://host:8000."))
		expectPlanError(t, providerBlock("mist", assign("endpoint", v), assign("api_token", "x"))+`data "whoami_mist_current_user" "me" {}`,
			diagnostic("Invalid Juniper Mist endpoint", "mist.endpoint is empty: set it to the API's address, such as https://host:443, "+
				"or leave it out for the default https://api.mist.com."))
	}
	expectPlanError(t, qumuloMe, diagnostic("Invalid Qumulo endpoint", "QUMULO_ENDPOINT is empty: set it to the API's address, such as https://host:8000."),
		withEnv(map[string]string{"QUMULO_ENDPOINT": "  ", "QUMULO_ACCESS_TOKEN": "x"}))
}

// A query written in the endpoint is sent with every request, as written,
// instead of being dropped; messages show it redacted.
func TestEndpoint_queryGoesWithEveryRequest(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	queries := map[string]bool{}
	api := simPlatform("qumulo").New()
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		queries[r.URL.RawQuery] = true
		mu.Unlock()
		api.ServeHTTP(w, r)
	}), false)
	expectUser(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL+"/?tenant=blue"))+qumuloMe)
	mu.Lock()
	defer mu.Unlock()
	if len(queries) != 1 || !queries["tenant=blue"] {
		t.Errorf("queries sent: %v, want only tenant=blue", queries)
	}
}
