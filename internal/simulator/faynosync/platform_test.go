package faynosync_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/faynosync"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simfs "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/faynosync"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/simtest"
)

func TestPlatform(t *testing.T) {
	t.Parallel()
	simtest.CheckFacts(t, simfs.Platform, simtest.Facts{
		Key:       "faynosync",
		Token:     simulator.Identity{Token: simfs.TeamAPIToken, ID: "64f1c1f0e4b0d51a2c3e4f10", Name: "release-bot", Requests: 1},
		Login:     simulator.Identity{Username: "release-bot", Password: simfs.TeamPassword, ID: "64f1c1f0e4b0d51a2c3e4f10", Name: "release-bot", Requests: 1},
		LoginPath: "/login", UserPath: "/whoami",
		Required: []string{"apps:upload:" + simfs.AppDesktop, "channels:edit:" + simfs.ChannelStable, "apps:create"},
		Cost:     simulator.Cost{Minimum: 1, Chain: 1, Why: "GET /whoami"},
	})
	simtest.CheckPlatform(t, simfs.Platform, simtest.Client{Name: faynosync.Name, Auth: faynosync.Authenticator, DecodeError: faynosync.DecodeError,
		User: func(ctx context.Context, hc *httpx.Client) (string, string, error) {
			w, err := faynosync.NewClient(hc).WhoAmI(ctx)
			if err != nil {
				return "", "", err
			}
			return simtest.Str(w.ID), simtest.Str(w.Username), nil
		}})
}

// TestBenchRequired: release-bot may upload the desktop app and edit the
// stable channel, but its create flag is off.
func TestBenchRequired(t *testing.T) {
	t.Parallel()
	p := simfs.Platform
	var w faynosync.WhoAmI
	if err := json.Unmarshal(simulator.Answer(t, p.New(), p.UserPath, "Bearer "+p.Token.Token), &w); err != nil {
		t.Fatal(err)
	}
	if got := privilege.Check(p.Bench.Required, faynosync.Holder(&w)).Missing; !reflect.DeepEqual(got, []string{"apps:create"}) {
		t.Errorf("missing %q, want only apps:create", got)
	}
}

// TestLoginTokenLifetime: a login JWT expires TokenLifetime after it is
// issued, as faynoSync's do.
func TestLoginTokenLifetime(t *testing.T) {
	t.Parallel()
	p := simfs.Platform
	srv := simulator.Start(p.New(), simulator.Options{})
	defer srv.Close()
	hc, err := httpx.New(httpx.Config{Platform: faynosync.Name, BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	var out struct{ Token string }
	issued := time.Now()
	if err := hc.Post(context.Background(), p.LoginPath, map[string]string{"username": p.Login.Username, "password": p.Login.Password}, &out); err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(out.Token, ".")
	if len(parts) != 3 {
		t.Fatalf("login answered %q, not a JWT", out.Token)
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	var claims struct {
		Username string
		Exp      int64
	}
	if err != nil || json.Unmarshal(raw, &claims) != nil {
		t.Fatalf("JWT claims %q: %v", raw, err)
	}
	if want := issued.Add(simfs.TokenLifetime).Unix(); claims.Username != p.Login.Username || claims.Exp < want || claims.Exp > want+2 {
		t.Errorf("claims %+v, want username %q and exp %d", claims, p.Login.Username, want)
	}
}
