package ece

import (
	"net/http"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// Only old ECE's "Current configuration is invalid for this endpoint" 500 is
// final; any other 500 is retried as usual.
func TestFinal(t *testing.T) {
	t.Parallel()
	cases := []struct {
		e    httpx.Error
		want bool
	}{
		{httpx.Error{Status: http.StatusInternalServerError, Message: "Current configuration is invalid for this endpoint"}, true},
		{httpx.Error{Status: http.StatusInternalServerError, Message: "An internal server error occurred"}, false},
		{httpx.Error{Status: http.StatusServiceUnavailable, Message: "Current configuration is invalid for this endpoint"}, false},
	}
	for _, c := range cases {
		if got := Final(&c.e); got != c.want {
			t.Errorf("Final(%d %q) = %v, want %v", c.e.Status, c.e.Message, got, c.want)
		}
	}
}

// The 449 advice names the Cloud UI, not the elevate endpoint ECE removed.
func TestAdviceElevation(t *testing.T) {
	t.Parallel()
	_, advice, ok := Advice(&httpx.Error{Kind: httpx.KindStatus, Status: StatusElevationRequired, Codes: []string{"root.needs_elevated_permissions"}})
	if !ok || !strings.Contains(advice, "Cloud UI") || strings.Contains(advice, "_elevate") {
		t.Errorf("449 advice %q (ok %v)", advice, ok)
	}
}
