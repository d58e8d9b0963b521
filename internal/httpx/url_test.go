package httpx

import "testing"

// Paths and a server's links are already escaped: they are sent as they
// are, not escaped a second time (an AWX next link with %20 or %2F).
func TestURLKeepsEscapes(t *testing.T) {
	t.Parallel()
	c, err := New(Config{BaseURL: "https://awx.example.com/prefix"})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"/api/v2/me/":                      "https://awx.example.com/prefix/api/v2/me/",
		"/api/v2/roles/?name=a%20b&page=2": "https://awx.example.com/prefix/api/v2/roles/?name=a%20b&page=2",
		"/api/v1/sites/a%2Fb":              "https://awx.example.com/prefix/api/v1/sites/a%2Fb",
		"/api/v1/sites/a%20b":              "https://awx.example.com/prefix/api/v1/sites/a%20b",
		c.Relative("https://awx.example.com/prefix/api/v2/users/1/roles/?q=x%26y&page=2"): "https://awx.example.com/prefix/api/v2/users/1/roles/?q=x%26y&page=2",
		c.Relative("/prefix/api/v2/teams/a%2Fb/roles/"):                                   "https://awx.example.com/prefix/api/v2/teams/a%2Fb/roles/",
		"/bad%zz": "https://awx.example.com/prefix/bad%25zz",
	} {
		if got := c.URL(path); got != want {
			t.Errorf("URL(%q) = %s, want %s", path, got, want)
		}
	}
}

// A query in the endpoint goes with every request, once, also on the pages a
// server links to (which repeat it).
func TestURLCarriesTheEndpointQuery(t *testing.T) {
	t.Parallel()
	c, err := New(Config{BaseURL: "https://awx.example.com/prefix?tenant=blue&api_key=k"})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"/api/v2/me/":        "https://awx.example.com/prefix/api/v2/me/?tenant=blue&api_key=k",
		"/api/v2/me/?page=2": "https://awx.example.com/prefix/api/v2/me/?tenant=blue&api_key=k&page=2",
		c.Relative("https://awx.example.com/prefix/api/v2/roles/?tenant=blue&api_key=k&page=3"): "https://awx.example.com/prefix/api/v2/roles/?tenant=blue&api_key=k&page=3",
		c.Relative("/prefix/api/v2/roles/?page=3"):                                              "https://awx.example.com/prefix/api/v2/roles/?tenant=blue&api_key=k&page=3",
	} {
		if got := c.URL(path); got != want {
			t.Errorf("URL(%q) = %s, want %s", path, got, want)
		}
	}
	if got := c.displayURL("/api/v2/me/"); got != "https://awx.example.com/prefix/api/v2/me/?api_key=REDACTED&tenant=blue" {
		t.Errorf("displayURL = %s", got)
	}
}
