package httpx

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// logEntries decodes what tflogtest captured.
func logEntries(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	entries, err := tflogtest.MultilineJSONDecode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("decoding logs: %v\n%s", err, buf)
	}
	return entries
}

func expectNoSecrets(t *testing.T, logs string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(logs, s) {
			t.Errorf("the logs carry %q:\n%s", s, logs)
		}
	}
}

func TestLogsCarryRequestsButNoToken(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	srv.Inject("/me", simulator.Fault{Status: 503})
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	// No Secrets: headers are never logged, so the token cannot appear.
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Auth = Header("Authorization", "Bearer s3cr3t-token") })
	if err := c.Get(ctx, "/me", nil); err != nil {
		t.Fatal(err)
	}
	expectNoSecrets(t, buf.String(), "s3cr3t-token")
	entries := logEntries(t, &buf)
	if len(entries) != 2 {
		t.Fatalf("%d log entries, want 2:\n%s", len(entries), buf.String())
	}
	for i, e := range entries {
		want := map[string]any{
			"@message": "whoami HTTP request", "@level": "debug", "platform": "Test",
			"method": "GET", "url": srv.URL + "/me", "attempt": float64(i + 1), "status": float64([]int{503, 200}[i]),
		}
		for k, v := range want {
			if e[k] != v {
				t.Errorf("entry %d: %s = %v, want %v", i, k, e[k], v)
			}
		}
		for _, k := range []string{"Authorization", "authorization", "header", "body"} {
			if _, ok := e[k]; ok {
				t.Errorf("entry %d logs %s", i, k)
			}
		}
	}
}

// A secret that slips into a logged value (here a query parameter whose name
// redaction does not recognise) is masked all the same.
func TestLogsMaskSecretsInURLs(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	c := newTestClient(t, srv, func(cfg *Config) {
		cfg.Auth = Header("Authorization", "Bearer s3cr3t-token")
		cfg.Secrets = []string{"s3cr3t-token"}
	})
	if err := c.Get(ctx, "/me?session=s3cr3t-token&api_key=k3y-value", nil); err != nil {
		t.Fatal(err)
	}
	expectNoSecrets(t, buf.String(), "s3cr3t-token", "k3y-value")
	entries := logEntries(t, &buf)
	if len(entries) != 1 || entries[0]["url"] != srv.URL+"/me?api_key=REDACTED&session=***" {
		t.Errorf("entries %v", entries)
	}
}

func TestLogsCarryNoPasswordOrSessionToken(t *testing.T) {
	t.Parallel()
	ss := &sessionServer{}
	srv := start(t, ss, false)
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	c := newTestClient(t, srv, func(cfg *Config) {
		cfg.Auth = loginAuth(false)
		cfg.Secrets = []string{"hunter2"}
	})
	if err := c.Get(ctx, "/me", nil); err != nil {
		t.Fatal(err)
	}
	ss.expire()
	if err := c.Get(ctx, "/again", nil); err != nil {
		t.Fatal(err)
	}
	expectNoSecrets(t, buf.String(), "hunter2", "sess-1", "sess-2")
	var got []string
	for _, e := range logEntries(t, &buf) {
		if e["@message"] != "whoami HTTP request" {
			t.Errorf("unexpected entry %v", e)
		}
		got = append(got, e["method"].(string)+" "+strings.TrimPrefix(e["url"].(string), srv.URL))
	}
	want := "POST /login, GET /me, GET /again, POST /login, GET /again"
	if strings.Join(got, ", ") != want {
		t.Errorf("logged %s, want %s", strings.Join(got, ", "), want)
	}
}
