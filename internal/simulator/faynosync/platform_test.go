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
		Token:     simulator.Identity{Token: simfs.UploadToken, ID: simfs.AdminID, Name: "admin", Requests: 1},
		Login:     simulator.Identity{Username: "release-bot", Password: simfs.TeamPassword, Name: "release-bot", Requests: 1},
		Accounts:  map[string]simulator.Identity{"team": {Username: "release-bot", Password: simfs.TeamPassword, Name: "release-bot", Requests: 1}},
		LoginPath: "/login", UserPath: "/whoami",
		Required: []string{"apps:upload:" + simfs.AppDesktop, "apps:upload:" + simfs.NoOnesApp, "apps:create"},
		Cost:     simulator.Cost{Minimum: 2, Chain: 2, Why: "GET /whoami, then GET /app/list"},
	})
	simtest.CheckPlatform(t, simfs.Platform, simtest.Client{Name: faynosync.Name, Auth: faynosync.Authenticator, DecodeError: faynosync.DecodeError,
		User: func(ctx context.Context, hc *httpx.Client) (string, string, error) {
			w, err := faynosync.NewClient(hc).WhoAmI(ctx)
			if err != nil {
				return "", "", err
			}
			// A team user's zero id is no id: current_user reports null.
			return w.UserID(), simtest.Str(w.Username), nil
		}})
}

// TestBenchRequired: the upload token's allowed app is unknown (a token
// cannot read its allowed apps), an app admin does not own is missing, and
// so is a create; deciding them costs /whoami and /app/list.
func TestBenchRequired(t *testing.T) {
	t.Parallel()
	p := simfs.Platform
	srv := simulator.Start(p.New(), simulator.Options{})
	defer srv.Close()
	hc, err := httpx.New(httpx.Config{Platform: faynosync.Name, BaseURL: srv.URL, Auth: faynosync.Authenticator(httpx.Credentials{Token: p.Token.Token}),
		DecodeError: faynosync.DecodeError})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	client := faynosync.NewClient(hc)
	w, err := client.WhoAmI(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c := faynosync.Caller{Who: w, Kind: faynosync.KindOf(hc)}
	lists := map[string]*faynosync.Listing{}
	for _, res := range c.Needs(p.Bench.Required) {
		lists[res] = client.Owned(ctx, res)
	}
	check := privilege.Check(p.Bench.Required, c.Holder(lists))
	if !reflect.DeepEqual(check.Missing, []string{"apps:create", "apps:upload:" + simfs.NoOnesApp}) ||
		!reflect.DeepEqual(check.Unknown, []string{"apps:upload:" + simfs.AppDesktop}) {
		t.Errorf("missing %q, unknown %q", check.Missing, check.Unknown)
	}
	if got := p.Bench.Cost(p.Bench.Required).Minimum; srv.Total() != got {
		t.Errorf("%d requests %v, the Cost says %d", srv.Total(), srv.Counts(), got)
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
