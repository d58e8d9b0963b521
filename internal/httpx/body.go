package httpx

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"
)

// readCapped reads at most maxBody bytes and says whether there was more.
func readCapped(r io.Reader) (body []byte, tooLarge bool, err error) {
	body, err = io.ReadAll(io.LimitReader(r, maxBody+1))
	if len(body) > maxBody {
		return body[:maxBody], true, nil
	}
	return body, false, err
}

// looksLikeJSON accepts application/json and any +json type; a server that
// sends no Content-Type passes when the body starts like a JSON value.
func looksLikeJSON(contentType string, body []byte) bool {
	if contentType == "" {
		trimmed := bytes.TrimSpace(body)
		return len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
	}
	media, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return media == "application/json" || strings.HasSuffix(media, "+json")
}

// decode decodes a 2xx JSON body into out.
func (c *Client) decode(method, path string, res *response, out any) error {
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(res.body, out); err != nil {
		return c.clean(&Error{Kind: KindMalformed, Method: method, URL: c.displayURL(path), Status: res.status,
			ContentType: res.contentType, Snippet: c.answerSnippet(method, res.body), Err: err, Attempts: 1})
	}
	return nil
}

// answerSnippet is the snippet of a 2xx body that could not be used. The
// answer to a login POST is not quoted: it may carry the session token just
// issued, which the client cannot recognise in a body it cannot decode.
func (c *Client) answerSnippet(method string, body []byte) string {
	if method == http.MethodPost {
		return withheld
	}
	return c.cleanSnippet(body)
}

// withheld stands for the body of a login answer in a message.
const withheld = "\x00withheld"

// snippet is the first bytes of a body, safe to print.
func snippet(body []byte) string {
	const n = 120
	b := bytes.TrimSpace(body)
	if len(b) > n {
		b = b[:n]
		for len(b) > 0 && !utf8.Valid(b) {
			b = b[:len(b)-1]
		}
		return string(b) + "…"
	}
	return string(b)
}

func marshal(in any) ([]byte, error) {
	if in == nil {
		return nil, nil
	}
	return json.Marshal(in)
}
