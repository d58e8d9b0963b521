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
		Key: "awx",
		// GET /api/, and me/ under both bases, one of them wasted.
		Token: simulator.Identity{Token: simawx.CIToken, ID: "7", Name: "svc-ci", Requests: 3},
		Login: simulator.Identity{Username: "admin", Password: simawx.AdminPassword, ID: "1", Name: "admin", Requests: 3},
		// HTTP Basic on every request: no login path.
		LoginPath: "", UserPath: "/api/controller/v2/me/",
		Required: []string{"job_template:42:execute", "job_template:43:execute", "project:9:admin"},
		Cost: simulator.Cost{Minimum: 13, Chain: 3, Why: "/api/ + me/ and the version root under both bases; 3 object details; " +
			"3 role_user_assignments pages (9 entries, 4 a page: the first, then the rest at once) beside 1 teams pages, then " +
			"1 role_team_assignments pages for 1 teams"},
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

// TestBench: the benchmark's controller spreads svc-ci's nine assignments
// (eight roles and one team) over three pages, as its Cost says; the
// objects' user_capabilities settle all three requirements: start is true on
// job templates 42 (Execute) and 43 (Admin), edit false on project 9.
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
	objects, err := c.Objects(ctx, p.Bench.Required)
	if err != nil {
		t.Fatal(err)
	}
	set, err := c.Roles(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if pages := srv.Count(http.MethodGet, "/api/controller/v2/role_user_assignments/"); len(set.Roles) != 11 || pages != 3 {
		t.Errorf("%d roles in %d pages, want 11 (9 of the user's, 2 of its team) in 3", len(set.Roles), pages)
	}
	r := privilege.Check(p.Bench.Required, awx.Evaluate(u, set.Roles, objects, set.Unreadable))
	if !reflect.DeepEqual(r.Missing, []string{"project:9:admin"}) || len(r.Unknown) != 0 {
		t.Errorf("missing %q, unknown %q, want only project:9:admin missing", r.Missing, r.Unknown)
	}
}
