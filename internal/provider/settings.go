package provider

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

const (
	defaultTimeout    = 30 * time.Second
	defaultMaxRetries = 3
	maxMaxRetries     = 10
)

// envNames lists, per setting, the environment variables read when the block
// leaves the setting out; the first one set wins.
type envNames struct {
	Endpoint []string
	// Host and Port are an alternative to Endpoint (QUMULO_HOST + QUMULO_PORT).
	Host, Port []string
	Token      []string
	Username   []string
	Password   []string
	Insecure   []string
	// VerifySSL are variables meaning the opposite of insecure, as the
	// vendors' tools spell it: CONTROLLER_VERIFY_SSL=false is insecure.
	VerifySSL []string
	// Timeout variables hold a duration or a number of seconds, fractional
	// allowed; 0 means no limit beyond Terraform's own.
	Timeout []string
	// Proxy variables name a proxy for this platform alone (MIST_PROXY).
	Proxy []string
	// CACert variables hold PEM CA certificates, or the path of a file
	// holding them, like ca_cert_pem.
	CACert []string
	// MaxRetries variables hold a number of retries, like max_retries.
	MaxRetries []string
}

func (e envNames) all() []string {
	var all []string
	for _, list := range [][]string{e.Endpoint, e.Host, e.Port, e.Token, e.Username, e.Password, e.Insecure, e.VerifySSL, e.Timeout,
		e.Proxy, e.CACert, e.MaxRetries} {
		all = append(all, list...)
	}
	return all
}

// settings is one platform's resolved configuration.
type settings struct {
	Endpoint  string
	Creds     httpx.Credentials
	Insecure  bool
	CACertPEM string
	// Timeout bounds a whole read; 0 means no limit beyond Terraform's own.
	Timeout    time.Duration
	MaxRetries int
	// Proxy is the platform's own proxy, "" for the usual *_PROXY variables.
	Proxy string
	// TokenSource and PasswordSource say where credentials came from, for
	// messages: "the QUMULO_ACCESS_TOKEN environment variable" or
	// "access_token in the qumulo block".
	TokenSource, PasswordSource string
	// TimeoutSource and RetriesSource name where the timeout and max_retries
	// can be raised: "timeout in the ece block", or the variable that set it.
	TimeoutSource, RetriesSource string
	// CACertSource names where CACertPEM came from: "ca_cert_pem in the
	// qumulo block", "the QUMULO_CA_CERT environment variable (the file ...)".
	CACertSource string
	// BareHostSource names the attribute or variable that gave the endpoint
	// as a bare host, to which the platform's scheme was added ("ece.endpoint",
	// "EC_HOST"; "" for a URL written whole). InsecureSource says what turned
	// verification off ("insecure = true in the ece block", "EC_INSECURE=1"),
	// ProxySource the proxy's variable ("MIST_PROXY").
	BareHostSource, InsecureSource, ProxySource string
}

// problem is one rule a platform's configuration breaks.
type problem struct {
	// attr is the block attribute the problem is about ("" for none).
	attr            string
	summary, detail string
	// unset marks a setting nothing gave: terraform validate does not report
	// it, since the environment at plan time may still give it.
	unset bool
}

// resolve merges the block with the environment (the block wins) and checks
// every rule. It is the one place the rules live: terraform validate calls it
// with an empty environment and reports the problems that are not unset
// settings; Configure calls it with the real one. Unknown values are skipped.
func resolve(p *platform, b blockModel, getenv func(string) string) (*settings, []problem) {
	r := &resolver{p: p, b: b, getenv: getenv}
	s := &settings{Timeout: defaultTimeout, MaxRetries: defaultMaxRetries,
		TimeoutSource: p.blockAttr("timeout"), RetriesSource: p.blockAttr("max_retries")}
	s.Endpoint, s.BareHostSource = r.endpoint()
	s.Creds, s.TokenSource, s.PasswordSource = r.credentials()
	s.Insecure, s.InsecureSource = r.insecure()
	s.CACertPEM, s.CACertSource = r.caCert()
	if d, variable, ok := r.timeout(); ok {
		s.Timeout = d
		s.TimeoutSource = or(variable, s.TimeoutSource)
	}
	if n, variable, ok := r.maxRetries(); ok {
		s.MaxRetries = n
		s.RetriesSource = or(variable, s.RetriesSource)
	}
	s.Proxy, s.ProxySource = r.proxy()
	return s, r.problems
}

type resolver struct {
	p        *platform
	b        blockModel
	getenv   func(string) string
	problems []problem
}

// fail records a problem; the summary reads "<what> <Platform> <subject>",
// as in "Invalid Qumulo timeout".
func (r *resolver) fail(attr, what, subject, detail string, unset bool) {
	r.problems = append(r.problems, problem{attr: attr, summary: what + " " + r.p.name + " " + subject, detail: detail, unset: unset})
}

// fromEnv returns the first variable of names that is set, and its name.
// Surrounding whitespace is removed, as from every credential and address:
// a secret read from a file or a vault often ends in a line break, which no
// token, password or host holds.
func (r *resolver) fromEnv(names []string) (string, string) {
	for _, n := range names {
		if v := strings.TrimSpace(r.getenv(n)); v != "" {
			return v, n
		}
	}
	return "", ""
}

// inBlock names an attribute as validation errors do: qumulo.endpoint
// (Terraform shows the attribute's path beside them).
func (r *resolver) inBlock(attr string) string { return r.p.key + "." + attr }

// endpoint is the normalized endpoint, and the name of the attribute or
// variable that gave it as a bare host ("" when it was a URL).
func (r *resolver) endpoint() (string, string) {
	p, b := r.p, r.b
	var raw, from string
	hostFrom := "" // the host variable alone, when a port variable joined it
	switch {
	case b.Endpoint.IsUnknown():
		return "", ""
	case !b.Endpoint.IsNull():
		raw, from = b.Endpoint.ValueString(), r.inBlock("endpoint")
	default:
		for _, n := range p.env.Endpoint {
			if v := r.getenv(n); v != "" && strings.TrimSpace(v) == "" {
				raw, from = v, n // set, but blank: an error below, not the default
				break
			}
		}
		if raw == "" {
			raw, from = r.fromEnv(p.env.Endpoint)
		}
		if host, hostVar := r.fromEnv(p.env.Host); raw == "" && host != "" {
			raw, from, hostFrom = host, hostVar, hostVar
			if port, portVar := r.fromEnv(p.env.Port); port != "" {
				raw, from = withPort(host, port), hostVar+" and "+portVar
			}
		}
		if raw == "" {
			raw, from = p.defaultEndpoint, "the default endpoint"
		}
	}
	if raw != "" && strings.TrimSpace(raw) == "" || raw == "" && !b.Endpoint.IsNull() {
		// Written but empty ("", "   "): not the default, and never
		// "https://:port", which is this machine.
		detail := fmt.Sprintf("%s is empty: set it to the API's address, such as https://host:%d", from, p.defaultPort)
		if p.defaultEndpoint != "" {
			detail += ", or leave it out for the default " + p.defaultEndpoint
		}
		r.fail("endpoint", "Invalid", "endpoint", detail+".", false)
		return "", ""
	}
	if raw == "" {
		r.fail("endpoint", "Missing", "endpoint", fmt.Sprintf("Set endpoint in the %s block, or %s.", p.key, orList(append(p.env.Endpoint, p.env.Host...))), true)
		return "", ""
	}
	normalized, err := normalizeEndpoint(raw, p.bareScheme, p.defaultPort)
	if err != nil {
		r.fail("endpoint", "Invalid", "endpoint", from+": "+err.Error()+".", false)
	}
	if strings.Contains(raw, "://") {
		return normalized, ""
	}
	return normalized, or(hostFrom, from)
}

// credentials come as a kind: a token or a username/password pair. A block
// that sets any credential wins over the environment's, so that a block with
// a password is not overridden by an exported token.
func (r *resolver) credentials() (c httpx.Credentials, tokenSource, passwordSource string) {
	p, b := r.p, r.b
	if !b.Token.IsNull() || !b.Username.IsNull() || !b.Password.IsNull() {
		token, user, pass := r.inBlock(p.tokenAttr), r.inBlock("username"), r.inBlock("password")
		c = httpx.Credentials{Token: strings.TrimSpace(b.Token.ValueString()), Username: strings.TrimSpace(b.Username.ValueString()),
			Password: strings.TrimSpace(b.Password.ValueString())}
		for _, e := range []struct {
			v    types.String
			name string
			got  string
		}{{b.Token, token, c.Token}, {b.Username, user, c.Username}, {b.Password, pass, c.Password}} {
			if !e.v.IsNull() && !e.v.IsUnknown() && e.got == "" {
				r.fail(strings.TrimPrefix(e.name, p.key+"."), "Invalid", "credentials", e.name+" is empty: set it, or leave it out.", false)
			}
		}
		r.pair(!b.Token.IsNull(), !b.Username.IsNull(), !b.Password.IsNull(), token, user, pass)
		r.sendable(c.Token, token)
		if b.Token.IsUnknown() || b.Username.IsUnknown() || b.Password.IsUnknown() {
			return c, "", ""
		}
		return c, p.blockAttr(p.tokenAttr), p.blockAttr("password")
	}
	var tokenVar, userVar, passVar string
	c.Token, tokenVar = r.fromEnv(p.env.Token)
	c.Username, userVar = r.fromEnv(p.env.Username)
	c.Password, passVar = r.fromEnv(p.env.Password)
	if c.Token != "" {
		// An exported token is the explicit choice; a stray username does not conflict with it.
		r.sendable(c.Token, tokenVar)
		return httpx.Credentials{Token: c.Token}, envSource(tokenVar), ""
	}
	r.pair(false, c.Username != "", c.Password != "", orList(p.env.Token),
		or(userVar, orList(p.env.Username)), or(passVar, orList(p.env.Password)))
	return c, "", envSource(passVar)
}

// sendable rejects a token holding a control character after trimming: no
// platform issues one (they are base64, hex or JWT text), so it is two
// values pasted together or a file with more than the token in it, and a
// line break cannot even be sent in the header every platform puts the
// token in. Said here, the error names where the token came from, before
// any request; the position helps find it, and says nothing of the token.
func (r *resolver) sendable(token, from string) {
	i := strings.IndexFunc(token, unicode.IsControl)
	if i < 0 {
		return
	}
	c, _ := utf8.DecodeRuneInString(token[i:])
	r.fail(r.p.tokenAttr, "Invalid", "credentials", fmt.Sprintf("%s holds a control character (%q) at byte %d, inside the %s: "+
		"no %s holds one. Check that it holds the %s alone, on one line.",
		from, string(c), i+1, r.p.tokenNoun, r.p.tokenNoun, r.p.tokenNoun), false)
}

// pair applies the credential rules to which of token, username and
// password are given; the names say where each is (or would be) set.
func (r *resolver) pair(hasToken, hasUser, hasPass bool, token, user, pass string) {
	p := r.p
	switch {
	case hasToken && (hasUser || hasPass):
		other := user
		if !hasUser {
			other = pass
		}
		r.fail(p.tokenAttr, "Conflicting", "credentials", fmt.Sprintf("%s and %s cannot both be set: use the %s, or username and password.",
			token, other, p.tokenNoun), false)
	case hasToken:
	case hasUser && !hasPass:
		r.fail("password", "Incomplete", "credentials", fmt.Sprintf("%s is set but %s is not: set both to log in.", user, pass), false)
	case hasPass && !hasUser:
		r.fail("username", "Incomplete", "credentials", fmt.Sprintf("%s is set but %s is not: set both to log in.", pass, user), false)
	case !hasUser:
		r.fail(p.tokenAttr, "Missing", "credentials", fmt.Sprintf("Set %s, or username and password, in the %s block, or export %s, or %s and %s.",
			p.tokenAttr, p.key, orList(p.env.Token), orList(p.env.Username), orList(p.env.Password)), true)
	}
}

func (r *resolver) insecure() (bool, string) {
	if !r.b.Insecure.IsNull() {
		return r.b.Insecure.ValueBool(), "insecure = true in the " + r.p.key + " block" // said only when true
	}
	v, name := r.fromEnv(r.p.env.Insecure)
	verify := false
	if v == "" {
		if v, name = r.fromEnv(r.p.env.VerifySSL); v == "" {
			return false, ""
		}
		verify = true
	}
	b, ok := parseBool(v)
	if !ok {
		r.fail("insecure", "Invalid", "insecure setting", fmt.Sprintf("%s: %q is not a boolean: use true or false "+
			"(or 1 and 0, yes and no, on and off).", name, v), false)
		return false, ""
	}
	return b != verify, name + "=" + v // *_VERIFY_SSL=false means insecure
}

// parseBool reads a boolean as Go does (true, false, 1, 0, t, f) and as
// Ansible spells one in the variables its collections read (yes, no, on,
// off: AAP_VALIDATE_CERTS=no), in any case.
func parseBool(v string) (bool, bool) {
	switch strings.ToLower(v) {
	case "yes", "on", "y":
		return true, true
	case "no", "off", "n":
		return false, true
	}
	b, err := strconv.ParseBool(strings.ToLower(v))
	return b, err == nil
}

// proxy is the platform's own proxy variable, checked to be a URL; its value
// is never repeated, since a proxy URL can carry a password.
func (r *resolver) proxy() (string, string) {
	v, name := r.fromEnv(r.p.env.Proxy)
	if v == "" {
		return "", ""
	}
	u, err := url.Parse(v)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "socks5") {
		r.fail("", "Invalid", "proxy", name+" is not a proxy URL such as http://proxy.example.com:3128.", false)
		return "", ""
	}
	return v, name
}

// caCert is ca_cert_pem, or a CACert variable holding PEM certificates or
// the path of a file that holds them (a CI file variable gives a path). The
// second result names where it came from, for the untrusted-certificate
// advice.
func (r *resolver) caCert() (string, string) {
	if r.b.CACertPEM.IsUnknown() {
		return "", ""
	}
	if !r.b.CACertPEM.IsNull() {
		pem := r.b.CACertPEM.ValueString()
		if err := httpx.ValidateCACertPEM(pem); err != nil {
			r.fail("ca_cert_pem", "Invalid", "CA certificate", strings.Replace(err.Error(), "ca_cert_pem", r.inBlock("ca_cert_pem"), 1)+
				": pass the contents of a PEM file, for example file(\"${path.module}/ca.pem\").", false)
		}
		return pem, r.p.blockAttr("ca_cert_pem")
	}
	pem, name := r.fromEnv(r.p.env.CACert)
	if pem == "" {
		return "", ""
	}
	from, source := name, envSource(name)
	// PEM text may follow other lines (openssl's "subject=" lines, as
	// s_client -showcerts prints them); anything else is a path.
	if !strings.Contains(pem, "-----BEGIN") {
		if strings.Contains(pem, "\n") {
			r.fail("ca_cert_pem", "Invalid", "CA certificate", name+" holds several lines but no -----BEGIN CERTIFICATE----- line: "+
				"set it to the PEM text, or to a PEM file's path.", false)
			return "", ""
		}
		b, err := readCAFile(pem)
		if err != nil {
			// A path is not a secret: saying which file helps find the typo.
			r.fail("ca_cert_pem", "Invalid", "CA certificate", fmt.Sprintf("%s names the file %s, which %v: "+
				"set it to a PEM file's path or to the PEM text itself.", name, pem, err), false)
			return "", ""
		}
		from, source = fmt.Sprintf("%s (the file %s)", name, pem), fmt.Sprintf("%s (the file %s)", source, pem)
		pem = string(b)
	}
	if err := httpx.ValidateCACertPEM(pem); err != nil {
		r.fail("ca_cert_pem", "Invalid", "CA certificate", strings.Replace(err.Error(), "ca_cert_pem", from, 1)+
			": set it to the PEM text, or to the path of a PEM file.", false)
	}
	return pem, source
}

// maxCAFile bounds a CA file read from a variable: the system bundle of a
// Debian machine is 220 KB, and /dev/zero or a disk image must not hang the
// plan or fill memory.
const maxCAFile = 4 << 20

// readCAFile reads a CA variable's file, at most maxCAFile bytes; its error
// completes "the file ... which".
func readCAFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot be read (%v)", errors.Unwrap(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxCAFile+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("cannot be read (%v)", errors.Unwrap(err))
	case len(b) > maxCAFile:
		return nil, fmt.Errorf("is larger than %d MiB, as no CA bundle is", maxCAFile>>20)
	}
	return b, nil
}

// timeout is the timeout and, when a variable set it, that variable as
// advice names it ("the EC_TIMEOUT environment variable").
func (r *resolver) timeout() (time.Duration, string, bool) {
	v, from := r.b.Timeout.ValueString(), r.inBlock("timeout")
	switch {
	case r.b.Timeout.IsUnknown():
		return 0, "", false
	case r.b.Timeout.IsNull():
		if v, from = r.fromEnv(r.p.env.Timeout); v == "" {
			return 0, "", false
		}
	}
	d, err := parseTimeout(v)
	if err != nil {
		r.fail("timeout", "Invalid", "timeout", fmt.Sprintf("%s: %v.", from, err), false)
		return 0, "", false
	}
	if r.b.Timeout.IsNull() {
		return d, envSource(from), true
	}
	return d, "", true
}

// maxRetries is max_retries and, when a variable set it, that variable as
// advice names it.
func (r *resolver) maxRetries() (int, string, bool) {
	if r.b.MaxRetries.IsUnknown() {
		return 0, "", false
	}
	n, from, variable := r.b.MaxRetries.ValueInt64(), r.inBlock("max_retries"), ""
	if r.b.MaxRetries.IsNull() {
		v, name := r.fromEnv(r.p.env.MaxRetries)
		if v == "" {
			return 0, "", false
		}
		from = envSource(name)
		variable = from
		var err error
		if n, err = strconv.ParseInt(v, 10, 64); err != nil {
			r.fail("max_retries", "Invalid", "max_retries", fmt.Sprintf("%s: %q is not a whole number: use a number from 0 to %d.",
				name, v, maxMaxRetries), false)
			return 0, "", false
		}
	}
	if n < 0 || n > maxMaxRetries {
		r.fail("max_retries", "Invalid", "max_retries", fmt.Sprintf("%s is %d: use a number from 0 to %d.", from, n, maxMaxRetries), false)
		return 0, "", false
	}
	return int(n), variable, true
}

// withPort joins a host variable and a port variable: a host written as a
// URL (QUMULO_HOST=https://10.0.0.5) keeps its scheme and takes the port
// unless it has one; a bare host becomes host:port.
func withPort(host, port string) string {
	if !strings.Contains(host, "://") {
		return net.JoinHostPort(strings.Trim(host, "[]"), port)
	}
	u, err := url.Parse(host)
	if err != nil || u.Port() != "" || u.Host == "" {
		return host // normalizeEndpoint says what is wrong with it
	}
	u.Host = net.JoinHostPort(u.Hostname(), port)
	return u.String()
}

// normalizeEndpoint gives a bare host or host:port the scheme (https when
// "") and the default port; a full URL is kept as written.
func normalizeEndpoint(raw, scheme string, defaultPort int) (string, error) {
	raw = strings.TrimSpace(raw)
	if scheme == "" {
		scheme = "https"
	}
	if !strings.Contains(raw, "://") {
		host := strings.TrimRight(raw, "/")
		if _, _, err := net.SplitHostPort(host); err != nil && defaultPort != 443 {
			// 443 is https's own port: "https://api.mist.com" reads better than ":443".
			host = net.JoinHostPort(strings.Trim(host, "[]"), strconv.Itoa(defaultPort))
		}
		raw = scheme + "://" + host
	}
	u, err := url.Parse(raw)
	if err == nil && u.User != nil {
		// Never repeat the value: it holds a password.
		return "", errors.New("the endpoint must not contain a user name or password: set them in their own attributes")
	}
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", fmt.Errorf("%q is not a URL such as https://host:%d", raw, defaultPort)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// parseTimeout accepts a Go duration ("30s", "2m") or, as the vendors'
// environment variables use, a number of seconds, fractional allowed ("2.5");
// 0 means no limit beyond Terraform's own, as Juniper's provider reads
// MIST_API_TIMEOUT.
//
// A timeout is at most maxTimeout: a larger number of seconds once read as
// no duration at all, and one past what a time.Duration holds overflowed.
func parseTimeout(v string) (time.Duration, error) {
	tooLong := fmt.Errorf("%q is more than a day: use at most \"24h\" (86400 seconds), or \"0\" for no limit", v)
	negative := fmt.Errorf("%q is negative: use a duration such as \"30s\" or \"2m\", a number of seconds, or \"0\" for no limit", v)
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		switch {
		case secs < 0:
			return 0, negative
		case secs <= maxTimeout.Seconds():
			return time.Duration(secs * float64(time.Second)), nil
		case decimalSeconds.MatchString(v):
			return 0, tooLong
		}
		// "1e9", "NaN", "Inf": numbers, but not as anyone writes seconds.
	}
	d, err := time.ParseDuration(v)
	switch {
	case err != nil && durationSyntax.MatchString(v):
		return 0, tooLong // well formed, so too large to hold
	case err != nil:
		return 0, fmt.Errorf("%q is not a duration such as \"30s\" or \"2m\", or a number of seconds", v)
	case d < 0:
		return 0, negative
	case d > maxTimeout:
		return 0, tooLong
	}
	return d, nil
}

// decimalSeconds is a plain number of seconds ("45", "2.5").
var decimalSeconds = regexp.MustCompile(`^([0-9]+(\.[0-9]*)?|\.[0-9]+)$`)

// durationSyntax is what time.ParseDuration accepts, without a sign.
var durationSyntax = regexp.MustCompile(`^([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h)(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))*$`)

// maxTimeout is the longest timeout: a read that needs a day is broken.
const maxTimeout = 24 * time.Hour

func orList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// or is a, or b when a is empty.
func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// plainTextToRemote reports an http:// endpoint on a host other than
// loopback: credentials sent there can be read on the network.
func (s *settings) plainTextToRemote() bool {
	u, err := url.Parse(s.Endpoint)
	if err != nil || u.Scheme != "http" {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

func envSource(name string) string {
	if name == "" {
		return ""
	}
	return "the " + name + " environment variable"
}
