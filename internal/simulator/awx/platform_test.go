package awx_test

import (
	"context"
	"net/http"
	"reflect"
	"strconv"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/awx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simawx "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/awx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/simtest"
)

func TestPlatform(t *testing.T) {
	t.Parallel()
	simtest.CheckFacts(t, simawx.Platform, simtest.Facts{
		Key:   "awx",
		Token: simulator.Identity{Token: simawx.CIToken, ID: "7", Name: "svc-ci", Requests: 2},
		Login: simulator.Identity{Username: "admin", Password: simawx.AdminPassword, ID: "1", Name: "admin", Requests: 2},
		// HTTP Basic on every request: no login path.
		LoginPath: "", UserPath: "/api/controller/v2/me/",
		Required: []string{"job_template:42:execute", "job_template:43:execute", "project:9:admin"},
		Cost:     simulator.Cost{Minimum: 4, Chain: 4, Why: "/api/ + me/ + 2 roles pages (7 roles, 4 a page), one after another"},
	})
	simtest.CheckPlatform(t, simawx.Platform, simtest.Client{Name: awx.Name, Auth: awx.Authenticator, DecodeError: awx.DecodeError,
		User: func(ctx context.Context, hc *httpx.Client) (string, string, error) {
			u, err := awx.NewClient(hc).Me(ctx)
			if err != nil {
				return "", "", err
			}
			return strconv.FormatInt(*u.ID, 10), simtest.Str(u.Username), nil
		}})
}

// TestBench: the benchmark's controller spreads svc-ci's seven roles over two
// pages, as its Cost says, and of the requirements svc-ci lacks only admin
// on project 9 (admin of job template 43 covers execute there).
func TestBench(t *testing.T) {
	t.Parallel()
	p := simawx.Platform
	srv := simulator.Start(p.BenchHandler(), simulator.Options{})
	defer srv.Close()
	hc, err := httpx.New(httpx.Config{Platform: awx.Name, BaseURL: srv.URL, Auth: awx.Authenticator(httpx.Credentials{Token: p.Token.Token}),
		DecodeError: awx.DecodeError})
	if err != nil {
		t.Fatal(err)
	}
	ctx, c := context.Background(), awx.NewClient(hc)
	u, err := c.Me(ctx)
	if err != nil {
		t.Fatal(err)
	}
	roles, err := c.Roles(ctx, *u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if pages := srv.Count(http.MethodGet, "/api/controller/v2/users/7/roles/"); len(roles) != 7 || pages != 2 {
		t.Errorf("%d roles in %d pages, want 7 in 2", len(roles), pages)
	}
	// The roles list shows direct grants only: what it does not show is unknown.
	if got := privilege.Check(p.Bench.Required, awx.Holder(u, roles, "")).Unknown; !reflect.DeepEqual(got, []string{"project:9:admin"}) {
		t.Errorf("unknown %q, want only project:9:admin", got)
	}
}
