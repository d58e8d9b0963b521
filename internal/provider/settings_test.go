package provider

import (
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// envOf is a getenv backed by a map, so no test reads the real environment.
func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func resolveQumulo(t *testing.T, b blockValues, env map[string]string) (*settings, error) {
	t.Helper()
	b.Present = true
	return resolve(&qumuloPlatform.platformBase, b, envOf(env))
}

func TestResolve_blockWinsOverEnvironment(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		"QUMULO_ENDPOINT": "https://env.example.com:9000", "QUMULO_ACCESS_TOKEN": "env-token",
		"QUMULO_HOST": "host.example.com", "QUMULO_PORT": "9443",
	}
	s, err := resolveQumulo(t, blockValues{Endpoint: ptr("q1.example.com"), Token: ptr("block-token")}, env)
	if err != nil {
		t.Fatal(err)
	}
	if s.Endpoint != "https://q1.example.com:8000" || s.Creds != (httpx.Credentials{Token: "block-token"}) || s.TokenSource != "access_token in the qumulo block" {
		t.Errorf("settings %+v", s)
	}

	// A block with a password is not overridden by an exported token.
	s, err = resolveQumulo(t, blockValues{Username: ptr("admin"), Password: ptr("pw")}, env)
	if err != nil {
		t.Fatal(err)
	}
	if s.Endpoint != "https://env.example.com:9000" || s.Creds != (httpx.Credentials{Username: "admin", Password: "pw"}) || s.PasswordSource != "password in the qumulo block" {
		t.Errorf("settings %+v", s)
	}
}

func TestResolve_environmentOnly(t *testing.T) {
	t.Parallel()
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"QUMULO_ENDPOINT": "https://q.example.com:8000/"}, "https://q.example.com:8000"},
		{map[string]string{"QUMULO_HOST": "q.example.com", "QUMULO_PORT": "9443"}, "https://q.example.com:9443"},
		{map[string]string{"QUMULO_HOST": "q.example.com"}, "https://q.example.com:8000"},
		{map[string]string{"QUMULO_HOST": "10.0.0.5", "QUMULO_PORT": "8000"}, "https://10.0.0.5:8000"},
		{map[string]string{"QUMULO_HOST": "fd00::5", "QUMULO_PORT": "8000"}, "https://[fd00::5]:8000"},
		{map[string]string{"QUMULO_ENDPOINT": "http://q.example.com", "QUMULO_HOST": "other.example.com"}, "http://q.example.com"},
	}
	for _, c := range cases {
		c.env["QUMULO_ACCESS_TOKEN"] = "t"
		s, err := resolveQumulo(t, blockValues{}, c.env)
		if err != nil {
			t.Errorf("%v: %v", c.env, err)
			continue
		}
		if s.Endpoint != c.want || s.TokenSource != "the QUMULO_ACCESS_TOKEN environment variable" {
			t.Errorf("%v: endpoint %q, token source %q; want %q", c.env, s.Endpoint, s.TokenSource, c.want)
		}
	}
}

func TestResolve_defaults(t *testing.T) {
	t.Parallel()
	s, err := resolveQumulo(t, blockValues{Endpoint: ptr("q.example.com"), Token: ptr("t"), CACert: ptr("PEM")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Timeout != 30*time.Second || s.MaxRetries != 3 || s.Insecure || s.CACertPEM != "PEM" {
		t.Errorf("settings %+v", s)
	}
	s, err = resolveQumulo(t, blockValues{Endpoint: ptr("q.example.com"), Token: ptr("t"), Timeout: ptr("2m"), MaxRetries: ptr[int64](0), Insecure: ptr(true)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Timeout != 2*time.Minute || s.MaxRetries != 0 || !s.Insecure {
		t.Errorf("settings %+v", s)
	}
}

func TestResolve_environmentTokenWinsOverStrayUsername(t *testing.T) {
	t.Parallel()
	s, err := resolveQumulo(t, blockValues{Endpoint: ptr("q.example.com")}, map[string]string{"QUMULO_ACCESS_TOKEN": "t", "QUMULO_USERNAME": "admin"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Creds != (httpx.Credentials{Token: "t"}) {
		t.Errorf("credentials %+v, want the token alone", s.Creds)
	}
}

func TestResolve_errors(t *testing.T) {
	t.Parallel()
	endpoint := ptr("q.example.com")
	cases := []struct {
		name string
		b    blockValues
		env  map[string]string
		want string
	}{
		{"no endpoint", blockValues{Token: ptr("t")}, nil,
			"no endpoint: set endpoint in the qumulo block or QUMULO_ENDPOINT or QUMULO_HOST"},
		{"bad endpoint", blockValues{Endpoint: ptr("ftp://q.example.com"), Token: ptr("t")}, nil,
			`endpoint "ftp://q.example.com" is not a URL such as https://host:8000`},
		{"no credentials", blockValues{Endpoint: endpoint}, nil,
			"no credentials: set access_token, or username and password, in the qumulo block, or export QUMULO_ACCESS_TOKEN, or QUMULO_USERNAME and QUMULO_PASSWORD"},
		{"username only in the environment", blockValues{Endpoint: endpoint}, map[string]string{"QUMULO_USERNAME": "admin"},
			"username is set but password is not: set password in the qumulo block or QUMULO_PASSWORD"},
		{"password only in the block", blockValues{Endpoint: endpoint, Password: ptr("pw")}, map[string]string{"QUMULO_USERNAME": "admin"},
			"password is set but username is not: set username in the qumulo block or QUMULO_USERNAME"},
		{"token and password in the block", blockValues{Endpoint: endpoint, Token: ptr("t"), Password: ptr("pw")}, nil,
			"access_token conflicts with username and password: set one or the other"},
		{"bad timeout in the block", blockValues{Endpoint: endpoint, Token: ptr("t"), Timeout: ptr("-1s")}, nil,
			`timeout in the qumulo block: "-1s" is not a positive duration such as "30s" or "2m"`},
	}
	for _, c := range cases {
		_, err := resolveQumulo(t, c.b, c.env)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

// Qumulo reads no insecure or timeout variables; ECE does.
func TestResolve_insecureAndTimeoutFromEnvironment(t *testing.T) {
	t.Parallel()
	ece := &ecePlatform.platformBase
	base := map[string]string{"EC_HOST": "ece.example.com", "EC_API_KEY": "k"}
	with := func(extra map[string]string) map[string]string {
		env := map[string]string{}
		for k, v := range base {
			env[k] = v
		}
		for k, v := range extra {
			env[k] = v
		}
		return env
	}
	s, err := resolve(ece, blockValues{}, envOf(with(map[string]string{"EC_SKIP_TLS_VALIDATION": "true", "EC_TIMEOUT": "90"})))
	if err != nil {
		t.Fatal(err)
	}
	if s.Endpoint != "https://ece.example.com:12443" || !s.Insecure || s.Timeout != 90*time.Second {
		t.Errorf("settings %+v", s)
	}
	s, err = resolve(ece, blockValues{Insecure: ptr(false), Timeout: ptr("5s")}, envOf(with(map[string]string{"EC_INSECURE": "true", "EC_TIMEOUT": "90"})))
	if err != nil {
		t.Fatal(err)
	}
	if s.Insecure || s.Timeout != 5*time.Second {
		t.Errorf("the block did not win: %+v", s)
	}
	for env, want := range map[string]string{
		"EC_INSECURE": `EC_INSECURE="yes" is not a boolean: use true or false`,
		"EC_TIMEOUT":  `EC_TIMEOUT: "yes" is not a positive duration such as "30s" or "2m"`,
	} {
		_, err := resolve(ece, blockValues{}, envOf(with(map[string]string{env: "yes"})))
		if err == nil || err.Error() != want {
			t.Errorf("%s=yes: error %v, want %q", env, err, want)
		}
	}
}

func TestNormalizeEndpoint(t *testing.T) {
	t.Parallel()
	cases := []struct {
		raw  string
		port int
		want string
	}{
		{"q.example.com", 8000, "https://q.example.com:8000"},
		{"  q.example.com/ ", 8000, "https://q.example.com:8000"},
		{"q.example.com:9000", 8000, "https://q.example.com:9000"},
		{"10.1.2.3", 8000, "https://10.1.2.3:8000"},
		{"::1", 8000, "https://[::1]:8000"},
		{"[::1]", 8000, "https://[::1]:8000"},
		{"[::1]:9000", 8000, "https://[::1]:9000"},
		{"https://q.example.com", 8000, "https://q.example.com"},
		{"http://q.example.com:8080/", 8000, "http://q.example.com:8080"},
		{"https://q.example.com:8000/api/", 8000, "https://q.example.com:8000/api"},
		{"api.eu.mist.com", 443, "https://api.eu.mist.com"},
		{"ece.example.com", 12443, "https://ece.example.com:12443"},
	}
	for _, c := range cases {
		got, err := normalizeEndpoint(c.raw, c.port)
		if err != nil || got != c.want {
			t.Errorf("normalizeEndpoint(%q, %d) = %q, %v; want %q", c.raw, c.port, got, err, c.want)
		}
	}
	for raw, want := range map[string]string{
		"ftp://q.example.com": `endpoint "ftp://q.example.com" is not a URL such as https://host:8000`,
		"https://":            `endpoint "https://" is not a URL such as https://host:8000`,
		// The message must not repeat a password written into the URL.
		"https://admin:pw@q.example.com":  "endpoint must not contain a user name or password: set them in their own attributes",
		"https://q.example.com:port/x%zz": `endpoint "https://q.example.com:port/x%zz" is not a URL such as https://host:8000`,
	} {
		if _, err := normalizeEndpoint(raw, 8000); err == nil || err.Error() != want {
			t.Errorf("normalizeEndpoint(%q): %v, want %q", raw, err, want)
		}
	}
}

func TestParseTimeout(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Duration{"30s": 30 * time.Second, "2m": 2 * time.Minute, "1m30s": 90 * time.Second, "45": 45 * time.Second, "500ms": 500 * time.Millisecond} {
		if got, err := parseTimeout(in); err != nil || got != want {
			t.Errorf("parseTimeout(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-5", "0s", "-1m", "1.5", "soon", "30 s"} {
		want := `"` + in + `" is not a positive duration such as "30s" or "2m"`
		if _, err := parseTimeout(in); err == nil || err.Error() != want {
			t.Errorf("parseTimeout(%q): %v, want %q", in, err, want)
		}
	}
}

func TestCheckCredentials(t *testing.T) {
	t.Parallel()
	p := &qumuloPlatform.platformBase
	for _, ok := range []httpx.Credentials{{Token: "t"}, {Username: "u", Password: "p"}} {
		if err := checkCredentials(p, ok); err != nil {
			t.Errorf("%+v: %v", ok, err)
		}
	}
	for c, want := range map[httpx.Credentials]string{
		{}:                          "no credentials: set access_token, or username and password, in the qumulo block, or export QUMULO_ACCESS_TOKEN, or QUMULO_USERNAME and QUMULO_PASSWORD",
		{Token: "t", Username: "u"}: "access_token conflicts with username and password: set one or the other",
		{Token: "t", Password: "p"}: "access_token conflicts with username and password: set one or the other",
		{Username: "u"}:             "username is set but password is not: set password in the qumulo block or QUMULO_PASSWORD",
		{Password: "p"}:             "password is set but username is not: set username in the qumulo block or QUMULO_USERNAME",
	} {
		if err := checkCredentials(p, c); err == nil || err.Error() != want {
			t.Errorf("%+v: %v, want %q", c, err, want)
		}
	}
	// Alternate variable names are all listed.
	err := checkCredentials(&ecePlatform.platformBase, httpx.Credentials{Username: "u"})
	if want := "username is set but password is not: set password in the ece block or EC_PASS or EC_PASSWORD"; err == nil || err.Error() != want {
		t.Errorf("ece: %v, want %q", err, want)
	}
}
