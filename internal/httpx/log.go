package httpx

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// secretSet holds every credential value this client knows, so that no log
// line can carry one even if a URL or error message happens to contain it.
type secretSet struct {
	mu     sync.Mutex
	values []string
}

func (s *secretSet) add(values ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range values {
		if v == "" {
			continue
		}
		s.addOne(v)
		// A header value "Bearer abc" also hides a bare "abc".
		if _, bare, ok := strings.Cut(v, " "); ok && bare != "" {
			s.addOne(bare)
		}
	}
}

// addOne adds v in every encoding the provider sends it in, once.
func (s *secretSet) addOne(v string) {
	for _, enc := range variants(v) {
		if !slices.Contains(s.values, enc) {
			s.values = append(s.values, enc)
		}
	}
}

func (s *secretSet) list() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.values...)
}

// logAttempt logs one request at debug level: method, URL, status, timing.
// Headers and bodies are never logged: they are where credentials live.
func (c *Client) logAttempt(ctx context.Context, req *http.Request, attempt, status int, took time.Duration, err error) {
	secrets := c.secrets.list()
	ctx = tflog.MaskMessageStrings(ctx, secrets...)
	ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
	fields := map[string]any{
		"platform":    c.cfg.Platform,
		"method":      req.Method,
		"url":         redactURL(req.URL),
		"attempt":     attempt,
		"duration_ms": took.Milliseconds(),
	}
	if status != 0 {
		fields["status"] = status
	}
	if err != nil {
		fields["error"] = err.Error()
	}
	tflog.Debug(ctx, "whoami HTTP request", fields)
}
