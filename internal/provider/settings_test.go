package provider

import (
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// envOf is a getenv backed by a map, so no test reads the real environment.
func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

// blockValues writes a block briefly in tests: a nil field is an attribute
// the block leaves out.
type blockValues struct {
	Endpoint, Token, Username, Password, CACert, Timeout *string
	Insecure                                             *bool
	MaxRetries                                           *int64
}

func (v blockValues) model() blockModel {
	s := types.StringPointerValue
	return blockModel{Present: true, Endpoint: s(v.Endpoint), Token: s(v.Token), Username: s(v.Username), Password: s(v.Password),
		CACertPEM: s(v.CACert), Timeout: s(v.Timeout), Insecure: types.BoolPointerValue(v.Insecure), MaxRetries: types.Int64PointerValue(v.MaxRetries)}
}

// resolveWith resolves a block of p against env; the error, if any, is every
// problem as "summary: detail", one per line.
func resolveWith(p *platform, b blockValues, env map[string]string) (*settings, error) {
	s, problems := resolve(p, b.model(), envOf(env))
	if len(problems) == 0 {
		return s, nil
	}
	var lines []string
	for _, pr := range problems {
		lines = append(lines, pr.summary+": "+pr.detail)
	}
	return s, errors.New(strings.Join(lines, "\n"))
}

func resolveQumulo(t *testing.T, b blockValues, env map[string]string) (*settings, error) {
	t.Helper()
	return resolveWith(qumuloPlatform, b, env)
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
	s, err := resolveQumulo(t, blockValues{Endpoint: ptr("q.example.com"), Token: ptr("t"), CACert: ptr(testCAPEM(t))}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Timeout != 30*time.Second || s.MaxRetries != 3 || s.Insecure || s.CACertPEM != testCAPEM(t) {
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
			"Missing Qumulo endpoint: Set endpoint in the qumulo block, or QUMULO_ENDPOINT or QUMULO_HOST."},
		{"bad endpoint", blockValues{Endpoint: ptr("ftp://q.example.com"), Token: ptr("t")}, nil,
			`Invalid Qumulo endpoint: qumulo.endpoint: "ftp://q.example.com" is not a URL such as https://host:8000.`},
		{"bad endpoint in the environment", blockValues{Token: ptr("t")}, map[string]string{"QUMULO_HOST": "ftp://q.example.com", "QUMULO_PORT": "1"},
			`Invalid Qumulo endpoint: QUMULO_HOST and QUMULO_PORT: "ftp://q.example.com:1" is not a URL such as https://host:8000.`},
		{"no credentials", blockValues{Endpoint: endpoint}, nil,
			"Missing Qumulo credentials: Set access_token, or username and password, in the qumulo block, or export QUMULO_ACCESS_TOKEN, or QUMULO_USERNAME and QUMULO_PASSWORD."},
		{"username only in the environment", blockValues{Endpoint: endpoint}, map[string]string{"QUMULO_USERNAME": "admin"},
			"Incomplete Qumulo credentials: QUMULO_USERNAME is set but QUMULO_PASSWORD is not: set both to log in."},
		{"password only in the environment", blockValues{Endpoint: endpoint}, map[string]string{"QUMULO_PASSWORD": "pw"},
			"Incomplete Qumulo credentials: QUMULO_PASSWORD is set but QUMULO_USERNAME is not: set both to log in."},
		{"password only in the block", blockValues{Endpoint: endpoint, Password: ptr("pw")}, map[string]string{"QUMULO_USERNAME": "admin"},
			"Incomplete Qumulo credentials: qumulo.password is set but qumulo.username is not: set both to log in."},
		{"username only in the block", blockValues{Endpoint: endpoint, Username: ptr("admin")}, map[string]string{"QUMULO_PASSWORD": "pw"},
			"Incomplete Qumulo credentials: qumulo.username is set but qumulo.password is not: set both to log in."},
		{"token and password in the block", blockValues{Endpoint: endpoint, Token: ptr("t"), Password: ptr("pw")}, nil,
			"Conflicting Qumulo credentials: qumulo.access_token and qumulo.password cannot both be set: use the access token, or username and password."},
		{"token and username in the block", blockValues{Endpoint: endpoint, Token: ptr("t"), Username: ptr("u"), Password: ptr("pw")}, nil,
			"Conflicting Qumulo credentials: qumulo.access_token and qumulo.username cannot both be set: use the access token, or username and password."},
		{"bad timeout in the block", blockValues{Endpoint: endpoint, Token: ptr("t"), Timeout: ptr("-1s")}, nil,
			`Invalid Qumulo timeout: qumulo.timeout: "-1s" is negative: use a duration such as "30s" or "2m", a number of seconds, or "0" for no limit.`},
		{"max_retries", blockValues{Endpoint: endpoint, Token: ptr("t"), MaxRetries: ptr[int64](11)}, nil,
			"Invalid Qumulo max_retries: qumulo.max_retries is 11: use a number from 0 to 10."},
		{"ca_cert_pem", blockValues{Endpoint: endpoint, Token: ptr("t"), CACert: ptr("not a certificate")}, nil,
			`Invalid Qumulo CA certificate: qumulo.ca_cert_pem holds no PEM-encoded certificate: pass the contents of a PEM file, for example file("${path.module}/ca.pem").`},
		{"everything at once, in order", blockValues{Endpoint: ptr("ftp://x"), Username: ptr("u"), Timeout: ptr("soon")}, nil,
			`Invalid Qumulo endpoint: qumulo.endpoint: "ftp://x" is not a URL such as https://host:8000.` + "\n" +
				"Incomplete Qumulo credentials: qumulo.username is set but qumulo.password is not: set both to log in.\n" +
				`Invalid Qumulo timeout: qumulo.timeout: "soon" is not a duration such as "30s" or "2m", or a number of seconds.`},
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
	ece := ecePlatform
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
	s, err := resolveWith(ece, blockValues{}, (with(map[string]string{"EC_SKIP_TLS_VALIDATION": "true", "EC_TIMEOUT": "90"})))
	if err != nil {
		t.Fatal(err)
	}
	if s.Endpoint != "https://ece.example.com:12443" || !s.Insecure || s.Timeout != 90*time.Second {
		t.Errorf("settings %+v", s)
	}
	s, err = resolveWith(ece, blockValues{Insecure: ptr(false), Timeout: ptr("5s")}, (with(map[string]string{"EC_INSECURE": "true", "EC_TIMEOUT": "90"})))
	if err != nil {
		t.Fatal(err)
	}
	if s.Insecure || s.Timeout != 5*time.Second {
		t.Errorf("the block did not win: %+v", s)
	}
	for env, want := range map[string]string{
		"EC_INSECURE": `Invalid Elastic Cloud Enterprise insecure setting: EC_INSECURE: "maybe" is not a boolean: use true or false (or 1 and 0, yes and no, on and off).`,
		"EC_TIMEOUT":  `Invalid Elastic Cloud Enterprise timeout: EC_TIMEOUT: "maybe" is not a duration such as "30s" or "2m", or a number of seconds.`,
	} {
		_, err := resolveWith(ece, blockValues{}, (with(map[string]string{env: "maybe"})))
		if err == nil || err.Error() != want {
			t.Errorf("%s=maybe: error %v, want %q", env, err, want)
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
		got, err := normalizeEndpoint(c.raw, "", c.port)
		if err != nil || got != c.want {
			t.Errorf("normalizeEndpoint(%q, %d) = %q, %v; want %q", c.raw, c.port, got, err, c.want)
		}
	}
	for raw, want := range map[string]string{
		"ftp://q.example.com": `"ftp://q.example.com" is not a URL such as https://host:8000`,
		"https://":            `"https://" is not a URL such as https://host:8000`,
		// The message must not repeat a password written into the URL.
		"https://admin:pw@q.example.com":  "the endpoint must not contain a user name or password: set them in their own attributes",
		"https://q.example.com:port/x%zz": `"https://q.example.com:port/x%zz" is not a URL such as https://host:8000`,
	} {
		if _, err := normalizeEndpoint(raw, "", 8000); err == nil || err.Error() != want {
			t.Errorf("normalizeEndpoint(%q): %v, want %q", raw, err, want)
		}
	}
}

func TestParseTimeout(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Duration{"30s": 30 * time.Second, "2m": 2 * time.Minute, "1m30s": 90 * time.Second, "45": 45 * time.Second,
		"500ms": 500 * time.Millisecond, "2.5": 2500 * time.Millisecond, "0.25": 250 * time.Millisecond,
		// 0 is no limit beyond Terraform's own, as Juniper's provider reads MIST_API_TIMEOUT.
		"0": 0, "0s": 0} {
		if got, err := parseTimeout(in); err != nil || got != want {
			t.Errorf("parseTimeout(%q) = %s, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "soon", "30 s", "1e9", "NaN", "-soon"} {
		want := `"` + in + `" is not a duration such as "30s" or "2m", or a number of seconds`
		if _, err := parseTimeout(in); err == nil || err.Error() != want {
			t.Errorf("parseTimeout(%q): %v, want %q", in, err, want)
		}
	}
	// A negative number is a number: it once read "is not a duration".
	for _, in := range []string{"-5", "-1m", "-0.5"} {
		want := `"` + in + `" is negative: use a duration such as "30s" or "2m", a number of seconds, or "0" for no limit`
		if _, err := parseTimeout(in); err == nil || err.Error() != want {
			t.Errorf("parseTimeout(%q): %v, want %q", in, err, want)
		}
	}
}

// Which problems terraform validate reports: every rule the block alone
// breaks, never a setting the environment may still give.
func TestResolve_unsetSettingsAreLeftToThePlan(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct {
		b     blockValues
		unset []bool
	}{
		"empty block":        {blockValues{}, []bool{true, true}},
		"token only":         {blockValues{Token: ptr("t")}, []bool{true}},
		"half a pair":        {blockValues{Endpoint: ptr("q.example.com"), Username: ptr("u")}, []bool{false}},
		"endpoint and token": {blockValues{Endpoint: ptr("q.example.com"), Token: ptr("t")}, nil},
	} {
		_, problems := resolve(qumuloPlatform, c.b.model(), envOf(nil))
		var got []bool
		for _, pr := range problems {
			got = append(got, pr.unset)
		}
		if fmt.Sprint(got) != fmt.Sprint(c.unset) {
			t.Errorf("%s: unset flags %v, want %v (%+v)", name, got, c.unset, problems)
		}
	}
}

// Unknown values are skipped: a password from a resource is not "missing".
func TestResolve_unknownValuesAreSkipped(t *testing.T) {
	t.Parallel()
	m := blockValues{Endpoint: ptr("q.example.com"), Username: ptr("u")}.model()
	m.Password = types.StringUnknown()
	if _, problems := resolve(qumuloPlatform, m, envOf(nil)); len(problems) != 0 {
		t.Errorf("problems %+v, want none", problems)
	}
	if got := m.unknownAttributes(qumuloPlatform); fmt.Sprint(got) != "[password]" {
		t.Errorf("unknown attributes %v, want [password]", got)
	}
}

// Alternate variable names are all listed.
func TestResolve_alternateVariableNames(t *testing.T) {
	t.Parallel()
	_, err := resolveWith(ecePlatform, blockValues{Endpoint: ptr("ece.example.com")}, map[string]string{"EC_USER": "u"})
	if want := "Incomplete Elastic Cloud Enterprise credentials: EC_USER is set but EC_PASS or EC_PASSWORD is not: set both to log in."; err == nil || err.Error() != want {
		t.Errorf("ece: %v, want %q", err, want)
	}
	_, err = resolveWith(ecePlatform, blockValues{Endpoint: ptr("ece.example.com")}, nil)
	if want := "Missing Elastic Cloud Enterprise credentials: Set api_key, or username and password, in the ece block, or export EC_API_KEY, or EC_USER or EC_USERNAME and EC_PASS or EC_PASSWORD."; err == nil || err.Error() != want {
		t.Errorf("ece: %v, want %q", err, want)
	}
}

// testCAPEM is a real certificate in PEM, from a TLS test server.
func testCAPEM(t *testing.T) string {
	t.Helper()
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}))
}

// *_VERIFY_SSL=false means insecure, and the platform's own proxy variable
// is checked without repeating its value.
func TestResolve_verifySSLAndProxyVariables(t *testing.T) {
	t.Parallel()
	p := *qumuloPlatform
	p.env.VerifySSL = []string{"X_VERIFY_SSL"}
	p.env.Proxy = []string{"X_PROXY"}
	base := map[string]string{"QUMULO_ENDPOINT": "q.example.com", "QUMULO_ACCESS_TOKEN": "t"}
	with := func(k, v string) map[string]string {
		env := map[string]string{k: v}
		for bk, bv := range base {
			env[bk] = bv
		}
		return env
	}
	for v, insecure := range map[string]bool{"false": true, "true": false, "0": true} {
		s, err := resolveWith(&p, blockValues{}, with("X_VERIFY_SSL", v))
		if err != nil || s.Insecure != insecure {
			t.Errorf("X_VERIFY_SSL=%s: insecure %t, %v; want %t", v, s.Insecure, err, insecure)
		}
	}
	s, err := resolveWith(&p, blockValues{}, with("X_PROXY", "http://user:secret@proxy.example.com:3128"))
	if err != nil || s.Proxy != "http://user:secret@proxy.example.com:3128" {
		t.Errorf("proxy %q, %v", s.Proxy, err)
	}
	_, err = resolveWith(&p, blockValues{}, with("X_PROXY", "secret-not-a-url"))
	if want := "Invalid Qumulo proxy: X_PROXY is not a proxy URL such as http://proxy.example.com:3128."; err == nil || err.Error() != want {
		t.Errorf("bad proxy: %v, want %q", err, want)
	}
}

// A platform whose servers speak plain HTTP gives a bare host http://.
func TestNormalizeEndpoint_bareScheme(t *testing.T) {
	t.Parallel()
	if got, err := normalizeEndpoint("updates.example.com", "http", 9000); err != nil || got != "http://updates.example.com:9000" {
		t.Errorf("normalizeEndpoint = %q, %v", got, err)
	}
}

// Text built from a server's answer loses control characters and is bounded.
func TestShown(t *testing.T) {
	t.Parallel()
	if got, want := shown("Qumulo user \"\x1b[2J\x1b[HApply complete!\" (id 1)\n"), `Qumulo user " [2J [HApply complete!" (id 1) `; got != want {
		t.Errorf("shown = %q, want %q", got, want)
	}
	long := strings.Repeat("é", maxShownText+50)
	if got := shown(long); got != strings.Repeat("é", maxShownText)+"…" {
		t.Errorf("shown kept %d runes", len([]rune(got)))
	}
	if got := shown("plain words"); got != "plain words" {
		t.Errorf("shown changed plain text: %q", got)
	}
}
