package provider

import "testing"

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
