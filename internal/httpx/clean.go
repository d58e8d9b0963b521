package httpx

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text a server sent reaches diagnostics and log lines only through Error,
// and Error's server-supplied fields (Message, Codes, Snippet, Err) pass
// through clean (and a body through cleanSnippet) before an Error leaves the
// client: every credential the client knows is masked in every encoding it
// was sent in; in Message, Codes and Err control characters become spaces
// (an escape sequence could redraw the terminal) and the text is bounded.

// MaxServerText is how many characters of a server's text (a message, an
// error code, an underlying error) an Error carries; the rest becomes "…".
const MaxServerText = 500

// maxCodes is how many error codes an Error carries; more are counted.
const maxCodes = 10

// redacted replaces a credential in text.
const redacted = "REDACTED"

// minCookieSecret is the shortest cookie value treated as a credential: a
// session cookie is long, while masking a value such as "1" or "true" would
// garble every message.
const minCookieSecret = 8

// mask replaces every secret the client knows in s, longest first, so that
// "Basic <base64>" goes before a bare part of it.
func (s *secretSet) mask(text string) string {
	values := s.list()
	sort.Slice(values, func(i, j int) bool { return len(values[i]) > len(values[j]) })
	for _, v := range values {
		if strings.Contains(text, v) {
			text = strings.ReplaceAll(text, v, redacted)
		}
	}
	return text
}

// variants are the encodings in which the provider sends a credential: as
// it is, and as a JSON string in a login body.
func variants(v string) []string {
	out := []string{v}
	if enc, err := json.Marshal(v); err == nil {
		if quoted := string(enc[1 : len(enc)-1]); quoted != v {
			out = append(out, quoted)
		}
	}
	return out
}

// Sanitize makes server text safe to show: control characters and invalid
// UTF-8 become spaces (an escape sequence could redraw the terminal), and it
// is cut to limit characters (the last of them "…").
func Sanitize(s string, limit int) string {
	clean := true
	for _, r := range s {
		if unicode.IsControl(r) || r == utf8.RuneError {
			clean = false
			break
		}
	}
	if clean && utf8.RuneCountInString(s) <= limit {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == limit-1 {
			b.WriteString("…")
			break
		}
		if unicode.IsControl(r) || r == utf8.RuneError {
			r = ' '
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// cleanText masks and sanitizes one piece of server text.
func (c *Client) cleanText(s string) string {
	return Sanitize(c.secrets.mask(s), MaxServerText)
}

// cleanSnippet is snippet(body) with the whole body masked first, so that a
// credential cut in half at the snippet's end cannot leak its first part. A
// snippet is short and always printed Go-quoted (%q), which escapes control
// characters, so they are kept: "\n" in a quoted body reads as it should.
func (c *Client) cleanSnippet(body []byte) string {
	return snippet([]byte(c.secrets.mask(string(body))))
}

// clean returns err with every server-supplied text of an *Error masked and
// bounded. It copies rather than changes the Error, which may be shared (a
// remembered answer, a refused login returned to every request).
func (c *Client) clean(err error) error {
	e, ok := err.(*Error) //nolint:errorlint // only the *Error httpx returns itself; a wrapped one was cleaned when httpx returned it
	if !ok || e == nil {
		return err
	}
	cp := *e
	cp.Message = c.cleanText(e.Message)
	cp.Snippet = c.secrets.mask(e.Snippet) // short, and quoted when shown
	if len(e.Codes) > 0 {
		n := min(len(e.Codes), maxCodes)
		cp.Codes = make([]string, 0, n+1)
		for _, code := range e.Codes[:n] {
			cp.Codes = append(cp.Codes, c.cleanText(code))
		}
		if more := len(e.Codes) - n; more > 0 {
			cp.Codes = append(cp.Codes, fmt.Sprintf("and %d more", more))
		}
	}
	if e.Err != nil {
		if text := e.Err.Error(); c.cleanText(text) != text {
			cp.Err = &cleanedError{text: c.cleanText(text), err: e.Err}
		}
	}
	return &cp
}

// cleanedError is an error whose text was masked; errors.Is and errors.As
// still see the original.
type cleanedError struct {
	text string
	err  error
}

func (e *cleanedError) Error() string { return e.text }
func (e *cleanedError) Unwrap() error { return e.err }
