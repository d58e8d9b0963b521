package httpx

import (
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Kind classifies a failed exchange so the provider's one diagnostic mapper can
// explain it without parsing error strings.
type Kind int

const (
	// KindStatus means the server answered with a non-2xx status.
	KindStatus Kind = iota + 1
	// KindNotJSON means a 2xx (or error) body that is not JSON, such as an HTML login page.
	KindNotJSON
	// KindMalformed means a body that claims to be JSON but does not decode.
	KindMalformed
	// KindTooLarge means a body over the cap.
	KindTooLarge
	// KindTimeout means the configured timeout ran out.
	KindTimeout
	// KindTLS means the server's certificate was not trusted.
	KindTLS
	// KindConnection means the server could not be reached or dropped the
	// connection. It is the one kind of failure without a status that is
	// retried.
	KindConnection
	// KindRedirect means the server redirected somewhere we refuse to follow.
	KindRedirect
	// KindRequest means the client refused to send the request, such as a
	// header value with a line break (a token read from a file with its
	// trailing newline). Nothing reached the network; Err says why without
	// quoting the header's value.
	KindRequest
	// KindTLSHandshake means the TLS handshake failed for a reason other than
	// the certificate: no protocol version both sides accept (the client
	// requires TLS 1.2 or later), no shared cipher suite, a client
	// certificate demanded. It is separate from KindTLS because the remedy is
	// on the server, not ca_cert_pem.
	KindTLSHandshake
	// KindNotTLS means an https:// endpoint whose server does not speak TLS,
	// usually a plain-HTTP server; the remedy is an http:// endpoint or the
	// right port.
	KindNotTLS
	// KindNoIdentity means a 2xx who-am-i answer that names no one: null,
	// {}, or an object without any of the fields that identify the caller.
	// Err says which fields; Snippet is the start of the answer.
	KindNoIdentity
)

// Error is the one error type httpx returns for a failed request. Its fields are
// safe to show: URLs carry no credentials and bodies are truncated snippets.
type Error struct {
	// Kind says what went wrong, for choosing advice.
	Kind Kind
	// Method and URL name the request; URL carries no user info and no
	// token or key query values.
	Method string
	URL    string
	// Status is the last HTTP status seen, 0 when no response arrived.
	Status      int
	ContentType string
	// Message is the platform's decoded error message, when its body had one.
	Message string
	// Codes are machine-readable error codes the platform sent (body or header).
	Codes []string
	// Snippet is the first bytes of an unexpected body.
	Snippet string
	// Attempts is how many times the request was tried, counting a try the
	// client refused to send (KindRequest) and one resend after renewing a
	// login session.
	Attempts int
	// Retries is how many of those attempts were retries the retry policy
	// granted after a retryable failure (see Retryable and RetrySummary).
	Retries int
	// MaxRetries is the max_retries limit that was in force.
	MaxRetries int
	// Timeout is the configured budget, set for KindTimeout.
	Timeout time.Duration
	// RetryAfter is the delay the server last asked for, if any.
	RetryAfter time.Duration
	// Err is the underlying error, for kinds that have one.
	// Final is set when the platform's Config.Final said no retry changes
	// this answer.
	Final bool
	Err   error
}

// Error describes the failure in one line: method, URL, what went wrong and,
// after more than one attempt, " (after N attempts)".
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", e.Method, e.URL)
	switch e.Kind {
	case KindStatus:
		fmt.Fprintf(&b, " returned %s", statusLine(e.Status))
		if e.Message != "" {
			fmt.Fprintf(&b, ": %s", e.Message)
		}
		if len(e.Codes) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(e.Codes, ", "))
		}
	case KindNotJSON:
		fmt.Fprintf(&b, " returned %d with Content-Type %q instead of JSON%s", e.Status, e.ContentType, e.bodyStart())
	case KindMalformed:
		if e.Snippet == "" {
			// Valid JSON without what the provider needs (a login answer without its token).
			fmt.Fprintf(&b, " returned %d with an unusable answer: %v", e.Status, e.Err)
			break
		}
		var typeErr *json.UnmarshalTypeError
		if errors.As(e.Err, &typeErr) {
			// Valid JSON, of another shape than the API's ({"id": 7} for a string id).
			fmt.Fprintf(&b, " returned %d with JSON of an unexpected shape (%v)%s", e.Status, e.Err, e.bodyStart())
			break
		}
		fmt.Fprintf(&b, " returned %d with a body that is not valid JSON (%v)%s", e.Status, e.Err, e.bodyStart())
	case KindNoIdentity:
		fmt.Fprintf(&b, " returned %d without an identity (%v)%s", e.Status, e.Err, e.bodyStart())
	case KindTooLarge:
		fmt.Fprintf(&b, " returned %d with a body larger than the %d-byte limit", e.Status, maxBody)
	case KindTimeout:
		fmt.Fprintf(&b, " did not complete within the timeout of %s", e.Timeout)
		if e.Status != 0 {
			fmt.Fprintf(&b, "; the last answer was %s", statusLine(e.Status))
		}
		if e.RetryAfter > 0 {
			fmt.Fprintf(&b, " with Retry-After %s", e.RetryAfter)
		}
	case KindTLS, KindConnection, KindRedirect:
		fmt.Fprintf(&b, " failed: %v", e.Err)
	case KindRequest:
		fmt.Fprintf(&b, " could not be sent: %v", e.Err)
	case KindTLSHandshake:
		fmt.Fprintf(&b, " failed in the TLS handshake: %v", e.Err)
		if e.Err != nil && strings.Contains(e.Err.Error(), "protocol version") {
			b.WriteString("; the provider requires TLS 1.2 or later")
		}
	case KindNotTLS:
		if plainHTTP(e.Err) {
			b.WriteString(" failed: the server speaks plain HTTP, not HTTPS; use an http:// endpoint")
			break
		}
		fmt.Fprintf(&b, " failed: the server does not speak TLS (%v); check the endpoint's scheme and port", e.Err)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	return b.String()
}

// bodyStart quotes the snippet of an unusable body, or says why it is withheld.
func (e *Error) bodyStart() string {
	if e.Snippet == withheld {
		return "; the body is not shown, as a login answer may hold a session token"
	}
	return fmt.Sprintf("; the body starts with %q", e.Snippet)
}

// plainHTTP reports whether a not-TLS failure is a plain-HTTP answer.
func plainHTTP(err error) bool {
	var rh tls.RecordHeaderError
	return errors.Is(err, http.ErrSchemeMismatch) || errors.As(err, &rh) && string(rh.RecordHeader[:]) == "HTTP/"
}

// statusLine is "404 Not Found", or just the code for a status Go has no
// text for (ECE's 449).
func statusLine(status int) string {
	if text := http.StatusText(status); text != "" {
		return fmt.Sprintf("%d %s", status, text)
	}
	return fmt.Sprint(status)
}

// Unwrap returns the underlying transport or decoding error, if any.
func (e *Error) Unwrap() error { return e.Err }

// Refused says whether err is a server refusing the credentials, as far as
// HTTP tells: a 401, or a login answered 4xx (a POST: the client sends no
// other). A platform that answers a wrong path with 401 too says otherwise.
func Refused(err error) bool {
	e, ok := AsError(err)
	return ok && e.Kind == KindStatus && (e.Status == http.StatusUnauthorized || e.Method == http.MethodPost && e.Status/100 == 4)
}

// AsError returns the *Error in err's chain, if any.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// MessageField decodes the common error body that is a JSON object whose one
// string field carries the message: {"detail": "..."} (Mist, AWX),
// {"error": "..."} (faynoSync).
func MessageField(field string) func(body []byte, header http.Header) (string, []string) {
	return func(body []byte, _ http.Header) (string, []string) {
		var obj map[string]any
		if json.Unmarshal(body, &obj) != nil {
			return "", nil
		}
		msg, _ := obj[field].(string)
		return msg, nil
	}
}
