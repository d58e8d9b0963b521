package provider

import "testing"

// Endpoint defaults are checked without a request: the real clouds are not
// reachable from tests, and must not be tried.
func TestEndpoint_mistDefaultsAndBareHosts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		block *string
		env   map[string]string
		want  string
	}{
		{nil, nil, "https://api.mist.com"},
		{ptr("api.eu.mist.com"), nil, "https://api.eu.mist.com"},
		{nil, map[string]string{"MIST_HOST": "api.gc1.mist.com"}, "https://api.gc1.mist.com"},
		{nil, map[string]string{"MIST_HOST": "https://api.ac2.mist.com/"}, "https://api.ac2.mist.com"},
		{ptr("mist-proxy.example.com:8443"), nil, "https://mist-proxy.example.com:8443"},
	}
	for _, c := range cases {
		getenv := func(k string) string { return c.env[k] }
		s, problems := resolve(mistPlatform, blockValues{Endpoint: c.block, Token: ptr("t")}.model(), getenv)
		if len(problems) > 0 {
			t.Fatalf("%v %v: %+v", c.block, c.env, problems)
		}
		if s.Endpoint != c.want {
			t.Errorf("%v %v: endpoint %q, want %q", deref(c.block), c.env, s.Endpoint, c.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }
