package httpx

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

func TestReadCapped(t *testing.T) {
	t.Parallel()
	cases := []struct {
		size     int
		wantLen  int
		tooLarge bool
	}{
		{0, 0, false},
		{maxBody - 1, maxBody - 1, false},
		{maxBody, maxBody, false},
		{maxBody + 1, maxBody, true},
		{2 * maxBody, maxBody, true},
	}
	for _, c := range cases {
		body, tooLarge, err := readCapped(bytes.NewReader(make([]byte, c.size)))
		if err != nil || len(body) != c.wantLen || tooLarge != c.tooLarge {
			t.Errorf("readCapped(%d bytes) = %d bytes, tooLarge %t, err %v; want %d, %t, nil", c.size, len(body), tooLarge, err, c.wantLen, c.tooLarge)
		}
	}
}

func TestLooksLikeJSON(t *testing.T) {
	t.Parallel()
	cases := []struct {
		contentType, body string
		want              bool
	}{
		{"application/json", `{}`, true},
		{"application/json; charset=utf-8", `{}`, true},
		{"Application/JSON", `{}`, true},
		{"application/problem+json", `{"title":"x"}`, true},
		{"application/vnd.api+json", `[]`, true},
		{"text/html", `{}`, false},
		{"text/html; charset=utf-8", `<html></html>`, false},
		{"text/plain", `{}`, false},
		{"application/json;;", `{}`, false},
		{"", `{"a":1}`, true},
		{"", "  \n[1,2]", true},
		{"", `<html>`, false},
		{"", `"a string"`, false},
		{"", ``, false},
	}
	for _, c := range cases {
		if got := looksLikeJSON(c.contentType, []byte(c.body)); got != c.want {
			t.Errorf("looksLikeJSON(%q, %q) = %t, want %t", c.contentType, c.body, got, c.want)
		}
	}
}

func TestRedactURL(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"https://q.example.com:8000/v1/session/who-am-i":                    "https://q.example.com:8000/v1/session/who-am-i",
		"https://admin:hunter2@q.example.com/v1/x":                          "https://q.example.com/v1/x",
		"https://q.example.com/x?access_token=abc&page=2":                   "https://q.example.com/x?access_token=REDACTED&page=2",
		"https://q.example.com/x?api_key=abc&AuthToken=def&Key=ghi&limit=5": "https://q.example.com/x?AuthToken=REDACTED&Key=REDACTED&api_key=REDACTED&limit=5",
		"https://u@q.example.com/x?token=a&token=b":                         "https://q.example.com/x?token=REDACTED",
	}
	for in, want := range cases {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := redactURL(u); got != want {
			t.Errorf("redactURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSnippet(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 200)
	cases := []struct{ in, want string }{
		{"", ""},
		{"  <html>\n", "<html>"},
		{strings.Repeat("b", 120), strings.Repeat("b", 120)},
		{long, strings.Repeat("a", 120) + "…"},
		// A cut through the middle of "é" drops the broken rune.
		{strings.Repeat("a", 119) + "é" + long, strings.Repeat("a", 119) + "…"},
	}
	for _, c := range cases {
		if got := snippet([]byte(c.in)); got != c.want {
			t.Errorf("snippet(%d bytes) = %q, want %q", len(c.in), got, c.want)
		}
	}
}

func TestGetDecodesJSON(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	var got person
	if err := newTestClient(t, srv, nil).Get(context.Background(), "/me", &got); err != nil {
		t.Fatal(err)
	}
	if got != (person{Name: "alice", N: 1}) {
		t.Errorf("decoded %+v", got)
	}
}

func TestGetAcceptsJSONWithoutContentType(t *testing.T) {
	t.Parallel()
	srv := start(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header()["Content-Type"] = nil // no sniffing: send no Content-Type at all
		_, _ = w.Write([]byte(`{"name":"bare"}`))
	}), false)
	var got person
	if err := newTestClient(t, srv, nil).Get(context.Background(), "/me", &got); err != nil {
		t.Fatal(err)
	}
	if got.Name != "bare" {
		t.Errorf("decoded %+v", got)
	}
}

func TestGetHTMLIsNotJSON(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	page := "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>" + strings.Repeat("<p>Please sign in.</p>", 10) + "</body></html>"
	srv.Inject("/me", simulator.Fault{Body: page, ContentType: "text/html; charset=utf-8"})
	err := newTestClient(t, srv, nil).Get(context.Background(), "/me", new(person))
	e := wantError(t, err, KindNotJSON, "GET "+srv.URL+`/me returned 200 with Content-Type "text/html; charset=utf-8" instead of JSON; the body starts with `+
		`"<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><p>Please sign in.</p><p>Please sign in.</p><p>Please sig…"`)
	if e.Status != 200 || e.ContentType != "text/html; charset=utf-8" {
		t.Errorf("status %d, content type %q", e.Status, e.ContentType)
	}
	if n := srv.Count("GET", "/me"); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestGetMalformedJSON(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	srv.Inject("/me", simulator.Fault{Body: `{"name": "alice"`})
	err := newTestClient(t, srv, nil).Get(context.Background(), "/me", new(person))
	wantError(t, err, KindMalformed, "GET "+srv.URL+`/me returned 200 with a body that is not valid JSON (unexpected end of JSON input); the body starts with "{\"name\": \"alice\""`)
	if n := srv.Count("GET", "/me"); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestGetMalformedJSONErrorRedactsTheURL(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	srv.Inject("/me", simulator.Fault{Body: `nope`})
	err := newTestClient(t, srv, nil).Get(context.Background(), "/me?api_key=s3cr3t", new(person))
	e := wantError(t, err, KindMalformed, "GET "+srv.URL+`/me?api_key=REDACTED returned 200 with a body that is not valid JSON (invalid character 'o' in literal null (expecting 'u')); the body starts with "nope"`)
	if strings.Contains(e.URL, "s3cr3t") {
		t.Errorf("URL %q carries the key", e.URL)
	}
}

func TestGetBodyTooLarge(t *testing.T) {
	t.Parallel()
	srv := start(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`["` + strings.Repeat("x", maxBody) + `"]`))
	}), false)
	err := newTestClient(t, srv, nil).Get(context.Background(), "/me", new([]string))
	wantError(t, err, KindTooLarge, "GET "+srv.URL+"/me returned 200 with a body larger than the 4194304-byte limit")
	if n := srv.Count("GET", "/me"); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}
