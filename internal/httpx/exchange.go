package httpx

import (
	"compress/flate"
	"compress/gzip"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// exchange sends one logical request: it sends it again when c.retry says so,
// renews a login session once on 401, and returns the body of a 2xx answer or
// an *Error that says how many attempts and retries it took, cleaned of
// credentials and unsafe text.
func (c *Client) exchange(ctx context.Context, method, path string, payload []byte, authenticate bool) (*response, error) {
	res, err := c.send(ctx, method, path, payload, authenticate)
	return res, c.clean(err)
}

func (c *Client) send(ctx context.Context, method, path string, payload []byte, authenticate bool) (*response, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = c.WithTimeout(ctx)
		defer cancel()
	}
	renewed := false
	retries := 0
	for attempt := 1; ; attempt++ {
		req, err := c.newRequest(ctx, method, path, payload)
		if err != nil {
			// The same inputs would fail the same way: never retried.
			e := &Error{Kind: KindRequest, Method: method, URL: c.displayURL(path), Err: unwrapURLError(err)}
			e.Attempts, e.Retries, e.MaxRetries = attempt, retries, c.retry.max
			return nil, e
		}
		generation := 0
		if authenticate && c.cfg.Auth != nil {
			if generation, err = c.cfg.Auth.Authorize(ctx, c, req); err != nil {
				return nil, err
			}
			// Whatever credential went out (a token, Basic credentials, a
			// session) is masked in anything an echoing server sends back.
			c.secrets.add(req.Header.Get("Authorization"))
		}
		res, failure := c.roundTrip(ctx, req, attempt)
		if failure == nil && res.status/100 == 2 {
			if looksLikeJSON(res.contentType, res.body) {
				return res, nil
			}
			failure = c.newError(KindNotJSON, req, res)
			failure.Snippet = c.answerSnippet(req.Method, res.body)
		}
		if failure == nil && res.status == http.StatusUnauthorized && authenticate && c.cfg.Auth != nil && !renewed {
			renewed = true
			fresh, err := c.cfg.Auth.Renew(ctx, c, generation)
			if err != nil {
				return nil, err
			}
			if fresh {
				continue // a new session, not a retry: it does not count against max_retries
			}
		}
		if failure == nil {
			failure = c.statusError(req, res)
		}
		failure.Attempts = attempt
		if final := c.retry.next(ctx, failure, retries); final != nil {
			return nil, final
		}
		retries++
	}
}

// response is what one attempt brought back.
type response struct {
	status      int
	header      http.Header
	contentType string
	body        []byte
	retryAfter  time.Duration
}

// roundTrip sends req once and reads its capped body. A failure with no usable
// answer comes back as an *Error.
func (c *Client) roundTrip(ctx context.Context, req *http.Request, attempt int) (*response, *Error) {
	if err := checkHeaders(req.Header); err != nil {
		// http.Client would refuse it too, but as an error indistinguishable
		// from a connection failure; caught here it is never retried.
		c.logAttempt(ctx, req, attempt, 0, 0, err)
		e := c.newError(KindRequest, req, nil)
		e.Err = err
		return nil, e
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		c.logAttempt(ctx, req, attempt, 0, time.Since(start), err)
		return nil, c.transportError(ctx, req, err)
	}
	defer resp.Body.Close()
	for _, cookie := range resp.Cookies() {
		// A session cookie is a credential the jar sends from now on.
		if len(cookie.Value) >= minCookieSecret {
			c.secrets.add(cookie.Value)
		}
	}
	body, tooLarge, err := readCapped(resp.Body)
	c.logAttempt(ctx, req, attempt, resp.StatusCode, time.Since(start), err)
	res := &response{
		status:      resp.StatusCode,
		header:      resp.Header,
		contentType: resp.Header.Get("Content-Type"),
		body:        body,
		retryAfter:  parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
	}
	switch {
	case err != nil && corruptEncoding(err):
		// The body arrived whole but its gzip encoding does not decode: the
		// same bytes would come again, so it is malformed, not a connection error.
		e := c.newError(KindMalformed, req, res)
		e.Err = fmt.Errorf("the body's gzip encoding is corrupt (%w)", err) // the transport decodes only gzip
		return res, e
	case err != nil:
		// The connection broke mid-body: as transient as a refused connection,
		// whatever the TLS layer says, and the server's Retry-After still holds.
		e := c.newError(KindConnection, req, res)
		e.Err = unwrapURLError(err)
		if ctx.Err() != nil {
			e.Kind, e.Timeout = KindTimeout, c.cfg.Timeout
		}
		return res, e
	case tooLarge:
		return res, c.newError(KindTooLarge, req, res)
	}
	return res, nil
}

func (c *Client) newError(kind Kind, req *http.Request, res *response) *Error {
	e := &Error{Kind: kind, Method: req.Method, URL: redactURL(req.URL)}
	if res != nil {
		e.Status = res.status
		e.ContentType = res.contentType
		e.RetryAfter = res.retryAfter
	}
	return e
}

func (c *Client) statusError(req *http.Request, res *response) *Error {
	e := c.newError(KindStatus, req, res)
	if looksLikeJSON(res.contentType, res.body) && c.cfg.DecodeError != nil {
		e.Message, e.Codes = c.cfg.DecodeError(res.body, res.header)
	} else if c.cfg.DecodeError != nil {
		_, e.Codes = c.cfg.DecodeError(nil, res.header)
	}
	if e.Message == "" && len(res.body) > 0 {
		e.Snippet = c.cleanSnippet(res.body)
	}
	return e
}

// transportError classifies a failure of http.Client.Do, where no answer
// arrived. What it decides is whether a retry can help: a timeout ends the
// budget, and certificate, handshake and not-TLS failures repeat identically,
// so only KindConnection is retried.
func (c *Client) transportError(ctx context.Context, req *http.Request, err error) *Error {
	e := c.newError(KindConnection, req, nil)
	e.Err = unwrapURLError(err)
	var certErr *tls.CertificateVerificationError
	var redirect *redirectError
	var recordHeader tls.RecordHeaderError
	switch {
	case ctx.Err() != nil:
		e.Kind = KindTimeout
		e.Timeout = c.cfg.Timeout
	case errors.As(err, &certErr):
		e.Kind = KindTLS
	case errors.As(err, &redirect):
		e.Kind = KindRedirect
	case errors.Is(err, http.ErrSchemeMismatch), errors.As(err, &recordHeader):
		// http.Client turns a RecordHeaderError that starts "HTTP/" into
		// ErrSchemeMismatch; any other one is a server speaking neither.
		e.Kind = KindNotTLS
	case tlsHandshakeFailure(e.Err):
		e.Kind = KindTLSHandshake
	}
	return e
}

// tlsHandshakeFailure reports whether err is crypto/tls refusing the
// connection, or the server's TLS stack refusing it with an alert: no shared
// protocol version or cipher suite, a client certificate demanded, a malformed
// handshake. These are settings on one side or the other and repeat on every
// attempt. A connection reset or EOF during the handshake is not among them:
// a restarting server causes those, and they stay retried.
func tlsHandshakeFailure(err error) bool {
	var alert tls.AlertError
	if errors.As(err, &alert) {
		return true
	}
	// crypto/tls reports alerts as *net.OpError with these two Ops, and no
	// other package in the standard library uses them.
	var op *net.OpError
	if errors.As(err, &op) && (op.Op == "remote error" || op.Op == "local error") {
		return true
	}
	// The rest of crypto/tls's own errors ("tls: server selected unsupported
	// protocol version 301") are plain errors named by their prefix.
	return strings.HasPrefix(err.Error(), "tls: ")
}

// checkHeaders applies the rules http.Client enforces before sending (RFC 9110
// token names; values without control characters other than tab) and says
// which header breaks them without quoting its value, which is usually a
// credential.
func checkHeaders(h http.Header) error {
	for name, values := range h {
		if !validHeaderName(name) {
			return fmt.Errorf("%q is not a valid header name", name)
		}
		for _, v := range values {
			if !validHeaderValue(v) {
				return fmt.Errorf("the value of the %s header contains a line break or another control character", name)
			}
		}
	}
	return nil
}

func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		b := name[i]
		ok := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", b) >= 0
		if !ok {
			return false
		}
	}
	return true
}

func validHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if b := v[i]; b < ' ' && b != '\t' || b == 0x7f {
			return false
		}
	}
	return true
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// RedactURL is raw made safe for a message, as every URL httpx prints: no
// user info, and REDACTED for the value of every query parameter whose name
// holds "token" or "key". A raw URL that does not parse is not shown.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(an endpoint that is not a URL)"
	}
	return redactURL(u)
}

// redactURL drops user info and the values of query parameters whose name
// holds "token" or "key": neither belongs in a message.
func redactURL(u *url.URL) string {
	r := *u
	r.User = nil
	if r.RawQuery != "" {
		q := r.Query()
		for k := range q {
			if strings.Contains(strings.ToLower(k), "token") || strings.Contains(strings.ToLower(k), "key") {
				q.Set(k, "REDACTED")
			}
		}
		r.RawQuery = q.Encode()
	}
	return r.String()
}

// corruptEncoding reports a body whose Content-Encoding does not decode
// (the transport decompresses gzip itself).
func corruptEncoding(err error) bool {
	var corrupt flate.CorruptInputError
	return errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum) || errors.As(err, &corrupt)
}
