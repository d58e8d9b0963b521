package httpx

import (
	"context"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// FuzzErrorText: whatever a server answers, echoing the credential it was
// sent or not, the error the provider turns into a diagnostic holds no
// credential in any encoding the client sent it, no control character, and
// stays under a bound.
func FuzzErrorText(f *testing.F) {
	const token = "s3cr3t-T0ken-value-for-the-fuzz-target"
	basic := base64.StdEncoding.EncodeToString([]byte("svc:" + token))
	f.Add(401, "application/json", `{"detail":"bad token `+token+`"}`)
	f.Add(500, "application/json", `{"detail":"\u001b[2J\u001b[HApply complete! Authorization: Bearer `+token+`"}`)
	f.Add(200, "text/html", "<html>"+token+"</html>")
	f.Add(403, "text/plain", strings.Repeat("x", 10000)+token)
	f.Add(400, "application/json", `{"detail":"`+basic+`"}`)
	f.Add(502, "application/json", `{"detail":"`+token[:10]+`\n`+token[10:]+`"}`)

	var mu sync.Mutex
	var status int
	var contentType, body string
	srv := simulator.Start(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		// Echo the Authorization header too, as a hostile server would.
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(strings.ReplaceAll(body, "$AUTH", r.Header.Get("Authorization"))))
	}), simulator.Options{})
	f.Cleanup(srv.Close)
	c, err := New(Config{Platform: "Test", BaseURL: srv.URL, Timeout: 5 * time.Second, MaxRetries: 0,
		Auth: Basic("svc", token), DecodeError: MessageField("detail"), Secrets: []string{token}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, st int, ct, b string) {
		if st < 200 || st > 599 {
			st = 500
		}
		mu.Lock()
		status, contentType, body = st, ct, b+" $AUTH"
		mu.Unlock()
		err := c.Get(context.Background(), "/me?n="+strconv.Itoa(len(b)), nil)
		if err == nil {
			return // a 2xx JSON answer decoded into nothing
		}
		text := err.Error()
		for _, secret := range []string{token, basic, "Basic " + basic} {
			if strings.Contains(text, secret) {
				t.Fatalf("the error holds a credential: %q", text)
			}
		}
		for _, r := range text {
			if unicode.IsControl(r) {
				t.Fatalf("the error holds control character %U: %q", r, text)
			}
		}
		if len(text) > 8<<10 {
			t.Fatalf("the error is %d bytes long", len(text))
		}
	})
}
