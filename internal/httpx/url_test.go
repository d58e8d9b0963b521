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
