package httpx

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// person is the JSON the test handlers answer with.
type person struct {
	Name string `json:"name"`
	N    int    `json:"n"`
}

// personHandler answers every request with {"name":name,"n":<how many requests so far>}.
func personHandler(name string) http.Handler {
	var n atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		simulator.WriteJSON(w, http.StatusOK, person{Name: name, N: int(n.Add(1))})
	})
}

// start serves h over HTTP (or HTTPS with tls) until the test ends.
func start(t *testing.T, h http.Handler, tls bool) *simulator.Server {
	t.Helper()
	srv := simulator.Start(h, simulator.Options{TLS: tls})
	t.Cleanup(srv.Close)
	return srv
}

// newTestClient builds a client for srv with fast retries; edit fills in the rest.
func newTestClient(t *testing.T, srv *simulator.Server, edit func(*Config)) *Client {
	t.Helper()
	cfg := Config{Platform: "Test", BaseURL: srv.URL, Timeout: 5 * time.Second, MaxRetries: 3, BackoffBase: 5 * time.Millisecond}
	if edit != nil {
		edit(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// wantError checks that err is an *Error of kind with exactly the message msg.
func wantError(t *testing.T, err error, kind Kind, msg string) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", msg)
	}
	e, ok := AsError(err)
	if !ok {
		t.Fatalf("error %T %q is not an *httpx.Error", err, err)
	}
	if e.Kind != kind {
		t.Errorf("kind %d, want %d (%q)", e.Kind, kind, err)
	}
	if err.Error() != msg {
		t.Errorf("error\n got %q\nwant %q", err.Error(), msg)
	}
	return e
}

// decodeJSONError reads {"message": ..., "code": ...} error bodies.
func decodeJSONError(body []byte, _ http.Header) (string, []string) {
	var e struct{ Message, Code string }
	if json.Unmarshal(body, &e) != nil {
		return "", nil
	}
	var codes []string
	if e.Code != "" {
		codes = []string{e.Code}
	}
	return e.Message, codes
}

// waits replaces Config.Sleep: it records every wait the retry policy asks
// for and returns at once, so retry tests cost no wall time.
type waits struct {
	mu  sync.Mutex
	got []time.Duration
}

// install makes cfg use w instead of a real timer.
func (w *waits) install(cfg *Config) { cfg.Sleep = w.sleep }

func (w *waits) sleep(ctx context.Context, d time.Duration) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.got = append(w.got, d)
	return ctx.Err() == nil
}

// list returns the waits asked for so far.
func (w *waits) list() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.got...)
}
