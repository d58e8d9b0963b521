// Package httpx is the provider's one HTTP layer: every request to every platform
// goes through Client, which owns TLS, retries, authentication, the body cap,
// JSON checking, typed errors and secret-free logging.
package httpx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
)

// maxBody caps every response body: who-am-i answers are a few KiB, so anything
// near this size is a misconfigured endpoint, not a user.
const maxBody = 4 << 20

// Config describes one platform connection.
type Config struct {
	// Platform is the display name the request log lines carry ("Qumulo");
	// diagnostics name the platform themselves.
	Platform string
	// BaseURL is scheme://host:port plus an optional path prefix.
	BaseURL string
	// CACertPEM holds CA certificates trusted in addition to the system roots,
	// for servers with self-signed or private-CA certificates.
	CACertPEM string
	// Insecure skips certificate verification (the user's explicit choice).
	Insecure bool
	// Timeout bounds one whole request, retries and waits included; zero
	// means 30s.
	Timeout time.Duration
	// MaxRetries is how many times a failed request may be sent again after
	// the first attempt (see RetriedDescription); negative means 0.
	MaxRetries int
	// UserAgent is sent with every request.
	UserAgent string
	// Auth adds credentials to requests; nil sends none.
	Auth Authenticator
	// DecodeError extracts the platform's message and codes from an error body.
	DecodeError func(body []byte, header http.Header) (message string, codes []string)
	// Secrets are masked in every log line (tokens, passwords).
	Secrets []string
	// BackoffBase is the first retry delay, doubled for each further retry
	// and jittered; zero means 250ms. A server's Retry-After replaces it.
	BackoffBase time.Duration
	// Final, when set, marks answers of a retried status that the platform
	// knows a retry cannot change (old ECE's 500 "Current configuration is
	// invalid for this endpoint"): they are not sent again.
	Final func(*Error) bool
	// NoTimeout lifts the limit on a whole read (MIST_API_TIMEOUT=0): only
	// the caller's context, Terraform's own, bounds it.
	NoTimeout bool
	// Proxy, when set, is the proxy every request goes through (a platform's
	// own variable, such as MIST_PROXY); otherwise HTTPS_PROXY, HTTP_PROXY
	// and NO_PROXY apply, as for any Go program.
	Proxy string
	// Sleep waits d between attempts and reports whether the wait completed
	// before ctx ended; nil means a real timer. Tests pass one that returns at
	// once, so that backoff and Retry-After cost no wall time. A wait that
	// would pass ctx's deadline is never asked for: the request fails with
	// KindTimeout at once instead.
	Sleep func(ctx context.Context, d time.Duration) bool
}

// Client sends requests for one platform connection. It is safe for
// concurrent use and remembers GET answers for its lifetime (one plan).
type Client struct {
	cfg     Config
	base    *url.URL
	http    *http.Client
	retry   retryPolicy
	memo    memo
	secrets secretSet
}

// New checks cfg and builds a client. It sends nothing.
func New(cfg Config) (*Client, error) {
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || base.Host == "" || (base.Scheme != "http" && base.Scheme != "https") {
		return nil, fmt.Errorf("%q is not an http or https URL", cfg.BaseURL)
	}
	// "https://host/?q" has the path "/": the API's paths go after "", not "/".
	base.Path, base.RawPath = strings.TrimRight(base.Path, "/"), strings.TrimRight(base.RawPath, "/")
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	transport := cleanhttp.DefaultPooledTransport()
	tlsConfig, err := tlsConfig(cfg.CACertPEM, cfg.Insecure)
	if err != nil {
		return nil, err
	}
	transport.TLSClientConfig = tlsConfig
	if cfg.Proxy != "" {
		proxy, err := url.Parse(cfg.Proxy)
		if err != nil || proxy.Host == "" {
			return nil, errors.New("the proxy is not a URL such as http://proxy.example.com:3128")
		}
		transport.Proxy = http.ProxyURL(proxy)
	}
	jar, _ := cookiejar.New(nil) // session cookies of a login flow; never fails with nil options
	c := &Client{cfg: cfg, base: base, retry: newRetryPolicy(cfg)}
	c.secrets.add(cfg.Secrets...)
	c.http = &http.Client{Transport: transport, Jar: jar, CheckRedirect: sameHostRedirects}
	return c, nil
}

// Auth returns the client's authenticator, for a platform that needs to know
// which kind of credential its reads go out with.
func (c *Client) Auth() Authenticator { return c.cfg.Auth }

// URL returns the absolute URL of an API path. The path is already escaped,
// as the platforms build it (url.PathEscape of an id) and as Relative returns
// a server's link: "%2F" stays "%2F", never "%252F".
func (c *Client) URL(path string) string {
	u := *c.base
	p, q, _ := strings.Cut(path, "?")
	escaped := c.base.EscapedPath() + p
	if unescaped, err := url.PathUnescape(escaped); err == nil {
		u.Path, u.RawPath = unescaped, escaped
	} else {
		u.Path, u.RawPath = c.base.Path+p, "" // not a valid escape: escaped as it is
	}
	u.RawQuery = joinQuery(c.base.RawQuery, q)
	return u.String()
}

// joinQuery is the endpoint's own query (sent with every request, as the
// user wrote it) followed by the path's.
func joinQuery(base, q string) string {
	switch {
	case base == "":
		return q
	case q == "":
		return base
	}
	return base + "&" + q
}

// displayURL is URL(path) made safe for messages.
func (c *Client) displayURL(path string) string {
	u, err := url.Parse(c.URL(path))
	if err != nil {
		return c.base.Redacted()
	}
	return redactURL(u)
}

// AddSecret masks a value obtained at run time (a session token) in logs.
func (c *Client) AddSecret(s string) { c.secrets.add(s) }

// Get sends an authenticated GET and decodes the JSON answer into out. The
// answer for a path is fetched once per client, however many callers ask, so
// data sources sharing a platform share its round trips.
func (c *Client) Get(ctx context.Context, path string, out any) error {
	res, err := c.memo.do(ctx, path, func() (*response, error) {
		return c.exchange(ctx, http.MethodGet, path, nil, true)
	})
	if errors.Is(err, context.DeadlineExceeded) && !isError(err) {
		// The timeout ended the wait for another caller's request to the same
		// path: the same timeout error as that request's, not a bare
		// "context deadline exceeded".
		return &Error{Kind: KindTimeout, Method: http.MethodGet, URL: c.displayURL(path), Timeout: c.cfg.Timeout, MaxRetries: c.retry.max}
	}
	if err != nil {
		return err
	}
	return c.decode(http.MethodGet, path, res, out)
}

// NoIdentity is the error for a who-am-i answer from Get(path) that names no
// one (null, {}, an object without any identifying field); missing says what
// it lacks ("an id or a name"). It quotes the start of the answer.
func (c *Client) NoIdentity(path, missing string) error {
	e := &Error{Kind: KindNoIdentity, Method: http.MethodGet, URL: c.displayURL(path), Status: http.StatusOK,
		Attempts: 1, Err: errors.New("it has no " + missing)}
	if res := c.memo.answer(path); res != nil {
		e.Status, e.ContentType, e.Snippet = res.status, res.contentType, c.cleanSnippet(res.body)
	}
	return c.clean(e)
}

func isError(err error) bool {
	_, ok := AsError(err)
	return ok
}

// GetAs is Get into a fresh T, the shape of every platform's who-am-i call.
func GetAs[T any](ctx context.Context, c *Client, path string) (*T, error) {
	var v T
	if err := c.Get(ctx, path, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// Post sends an unauthenticated JSON POST, as login endpoints need, and
// decodes the JSON answer into out. It is never remembered.
func (c *Client) Post(ctx context.Context, path string, in, out any) error {
	payload, err := marshal(in)
	if err != nil {
		return err
	}
	res, err := c.exchange(ctx, http.MethodPost, path, payload, false)
	if err != nil {
		return err
	}
	return c.decode(http.MethodPost, path, res, out)
}

// WithTimeout bounds ctx by the configured timeout unless it already has an
// earlier deadline.
func (c *Client) WithTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if c.cfg.NoTimeout {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, c.cfg.Timeout)
}

func sameHostRedirects(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return &redirectError{msg: "stopped after 5 redirects", loop: true}
	}
	if req.URL.Host != via[0].URL.Host || req.URL.Scheme != via[0].URL.Scheme {
		// Following would send credentials, or ask for them, somewhere the user did not configure.
		return &redirectError{msg: fmt.Sprintf("refused a redirect to %s://%s; point the endpoint at the final address", req.URL.Scheme, req.URL.Host)}
	}
	return nil
}

type redirectError struct {
	msg string
	// loop is a chain of same-host redirects too long to follow.
	loop bool
}

func (e *redirectError) Error() string { return e.msg }

// RedirectLoop reports a KindRedirect failure that is a chain of redirects on
// the configured host too long to follow, not a redirect to another host.
func (e *Error) RedirectLoop() bool {
	var r *redirectError
	return e.Kind == KindRedirect && errors.As(e.Err, &r) && r.loop
}

func (c *Client) newRequest(ctx context.Context, method, path string, payload []byte) (*http.Request, error) {
	var body *bytes.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	} else {
		body = bytes.NewReader(nil)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.URL(path), body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// Relative turns a link the server sent (a "next" page, absolute or rooted)
// into a path for Get, dropping the endpoint's own path prefix, so that a
// server behind a reverse-proxy prefix pages correctly. Links to another host
// are refused by returning "".
func (c *Client) Relative(link string) string {
	u, err := url.Parse(link)
	if err != nil || (u.Host != "" && u.Host != c.base.Host) {
		return ""
	}
	p := strings.TrimPrefix(u.EscapedPath(), c.base.Path)
	if q := withoutBaseQuery(u.RawQuery, c.base.RawQuery); q != "" {
		p += "?" + q
	}
	return p
}

// withoutBaseQuery drops from a link's query the endpoint's own parameters,
// which a server repeats from the request and URL adds again.
func withoutBaseQuery(q, base string) string {
	if base == "" || q == "" {
		return q
	}
	var kept []string
	for _, part := range strings.Split(q, "&") {
		if !slices.Contains(strings.Split(base, "&"), part) {
			kept = append(kept, part)
		}
	}
	return strings.Join(kept, "&")
}
