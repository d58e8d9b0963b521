package provider

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

const (
	defaultTimeout    = 30 * time.Second
	defaultMaxRetries = 3
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
	Timeout    []string
}

func (e envNames) all() []string {
	var all []string
	for _, list := range [][]string{e.Endpoint, e.Host, e.Port, e.Token, e.Username, e.Password, e.Insecure, e.Timeout} {
		all = append(all, list...)
	}
	return all
}

// blockValues is one platform block as plain Go values; a nil pointer means
// the attribute was not set.
type blockValues struct {
	Present                                     bool
	Endpoint, Token, Username, Password, CACert *string
	Timeout                                     *string
	Insecure                                    *bool
	MaxRetries                                  *int64
	// Unknown names attributes whose values are not known until apply.
	Unknown []string
}

// settings is one platform's resolved configuration.
type settings struct {
	Endpoint   string
	Creds      httpx.Credentials
	Insecure   bool
	CACertPEM  string
	Timeout    time.Duration
	MaxRetries int
	// TokenSource and PasswordSource say where credentials came from, for
	// messages: "QUMULO_ACCESS_TOKEN" or "access_token in the qumulo block".
	TokenSource, PasswordSource string
}

// resolve merges the block with the environment (the block wins) and checks
// that the result can be used.
func resolve(p *platformBase, b blockValues, getenv func(string) string) (*settings, error) {
	s := &settings{Timeout: defaultTimeout, MaxRetries: defaultMaxRetries}
	fromEnv := func(names []string) (string, string) {
		for _, n := range names {
			if v := getenv(n); v != "" {
				return v, n
			}
		}
		return "", ""
	}
	inBlock := func(attr string) string { return fmt.Sprintf("%s in the %s block", attr, p.key) }

	var endpoint string
	switch host, _ := fromEnv(p.env.Host); {
	case b.Endpoint != nil:
		endpoint = *b.Endpoint
	default:
		endpoint, _ = fromEnv(p.env.Endpoint)
		if endpoint == "" && host != "" {
			endpoint = host
			if port, _ := fromEnv(p.env.Port); port != "" {
				endpoint = net.JoinHostPort(host, port)
			}
		}
		if endpoint == "" {
			endpoint = p.defaultEndpoint
		}
	}
	if endpoint == "" {
		return nil, fmt.Errorf("no endpoint: set endpoint in the %s block or %s", p.key, orList(append(p.env.Endpoint, p.env.Host...)))
	}
	normalized, err := normalizeEndpoint(endpoint, p.defaultPort)
	if err != nil {
		return nil, err
	}
	s.Endpoint = normalized

	// Credentials come as a kind: a token or a username/password pair. The
	// block's kind wins over the environment's, so that a block with a
	// password is not overridden by an exported token.
	switch {
	case b.Token != nil || b.Username != nil || b.Password != nil:
		s.Creds = httpx.Credentials{Token: deref(b.Token), Username: deref(b.Username), Password: deref(b.Password)}
		s.TokenSource, s.PasswordSource = inBlock(p.tokenAttr), inBlock("password")
	default:
		var tokenEnv, passEnv string
		s.Creds.Token, tokenEnv = fromEnv(p.env.Token)
		s.Creds.Username, _ = fromEnv(p.env.Username)
		s.Creds.Password, passEnv = fromEnv(p.env.Password)
		s.TokenSource, s.PasswordSource = envSource(tokenEnv), envSource(passEnv)
		if s.Creds.Token != "" {
			// An exported token is the explicit choice; a stray username does not conflict with it.
			s.Creds.Username, s.Creds.Password = "", ""
		}
	}
	if err := checkCredentials(p, s.Creds); err != nil {
		return nil, err
	}

	if b.Insecure != nil {
		s.Insecure = *b.Insecure
	} else if v, name := fromEnv(p.env.Insecure); v != "" {
		if s.Insecure, err = strconv.ParseBool(v); err != nil {
			return nil, fmt.Errorf("%s=%q is not a boolean: use true or false", name, v)
		}
	}
	s.CACertPEM = deref(b.CACert)
	if b.Timeout != nil {
		if s.Timeout, err = parseTimeout(*b.Timeout); err != nil {
			return nil, fmt.Errorf("timeout in the %s block: %w", p.key, err)
		}
	} else if v, name := fromEnv(p.env.Timeout); v != "" {
		if s.Timeout, err = parseTimeout(v); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	if b.MaxRetries != nil {
		s.MaxRetries = int(*b.MaxRetries)
	}
	return s, nil
}

// checkCredentials rejects no credentials, both kinds, or half a pair.
func checkCredentials(p *platformBase, c httpx.Credentials) error {
	switch {
	case c.Token != "" && (c.Username != "" || c.Password != ""):
		return fmt.Errorf("%s conflicts with username and password: set one or the other", p.tokenAttr)
	case c.Token != "":
		return nil
	case c.Username != "" && c.Password == "":
		return fmt.Errorf("username is set but password is not: set password in the %s block or %s", p.key, orList(p.env.Password))
	case c.Password != "" && c.Username == "":
		return fmt.Errorf("password is set but username is not: set username in the %s block or %s", p.key, orList(p.env.Username))
	case c.Username != "":
		return nil
	}
	return fmt.Errorf("no credentials: set %s, or username and password, in the %s block, or export %s, or %s and %s",
		p.tokenAttr, p.key, orList(p.env.Token), orList(p.env.Username), orList(p.env.Password))
}

// normalizeEndpoint gives a bare host or host:port https:// and the default
// port; a full URL is kept as written.
func normalizeEndpoint(raw string, defaultPort int) (string, error) {
	raw = strings.TrimSpace(raw)
	if !strings.Contains(raw, "://") {
		host := strings.TrimRight(raw, "/")
		if _, _, err := net.SplitHostPort(host); err != nil && defaultPort != 443 {
			// 443 is https's own port: "https://api.mist.com" reads better than ":443".
			host = net.JoinHostPort(strings.Trim(host, "[]"), strconv.Itoa(defaultPort))
		}
		raw = "https://" + host
	}
	u, err := url.Parse(raw)
	if err == nil && u.User != nil {
		// Never repeat the value: it holds a password.
		return "", errors.New("endpoint must not contain a user name or password: set them in their own attributes")
	}
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", fmt.Errorf("endpoint %q is not a URL such as https://host:%d", raw, defaultPort)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// parseTimeout accepts a Go duration ("30s", "2m") or, as the vendors'
// environment variables use, a number of seconds.
func parseTimeout(v string) (time.Duration, error) {
	if secs, err := strconv.Atoi(v); err == nil && secs > 0 {
		return time.Duration(secs) * time.Second, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q is not a positive duration such as \"30s\" or \"2m\"", v)
	}
	return d, nil
}

func orList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
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
