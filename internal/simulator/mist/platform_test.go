package mist_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/mist"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simmist "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/mist"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/simtest"
)

func TestPlatform(t *testing.T) {
	t.Parallel()
	simtest.CheckFacts(t, simmist.Platform, simtest.Facts{
		Key:       "mist",
		Token:     simulator.Identity{Token: simmist.UserToken, ID: "456b7016-a916-a4b1-78dd-72b947c152b7", Name: "jsnow@example.com", Requests: 1},
		Login:     simulator.Identity{Username: simmist.MspAdminEmail, Password: simmist.MspAdminPass, ID: "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a", Name: simmist.MspAdminEmail, Requests: 1},
		LoginPath: "/api/v1/login", UserPath: "/api/v1/self",
		Required: []string{"org:" + simmist.OrgAcme + ":write", "site:" + simmist.SiteAcmeHQ + ":write",
			"site:" + simmist.SiteAcmeLab + ":read", "site:" + simmist.SiteBerlin + ":write"},
		Cost: simulator.Cost{Minimum: 3, Chain: 2, Why: "/self + 2 parent lookups (all independent)"},
	})
	simtest.CheckPlatform(t, simmist.Platform, simtest.Client{Name: mist.Name, Auth: mist.Authenticator, DecodeError: mist.DecodeError,
		User: func(ctx context.Context, hc *httpx.Client) (string, string, error) {
			s, err := mist.NewClient(hc).Self(ctx)
			if err != nil {
				return "", "", err
			}
			return simtest.Str(s.AdminID), simtest.Str(s.Email), nil
		}})
}

// TestBenchCost is the benchmark's model of inheritance on jsnow's grants
// (admin of Acme, read on Beta's Berlin site, observer_plus on Acme DC):
// a lookup only for an object /self does not place under a covering grant.
func TestBenchCost(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name     string
		required []string
		minimum  int
	}{
		{"nothing required", nil, 1},
		{"held on the org itself", []string{"org:" + simmist.OrgAcme + ":admin"}, 1},
		{"held on the site itself", []string{"site:" + simmist.SiteBerlin + ":read"}, 1},
		{"site placed by /self", []string{"site:" + simmist.SiteAcmeDC + ":write", "site:" + simmist.SiteBerlin + ":write"}, 1},
		{"one site twice", []string{"site:" + simmist.SiteAcmeHQ + ":write", "site:" + simmist.SiteAcmeHQ + ":read"}, 2},
		{"two unplaced sites", []string{"site:" + simmist.SiteAcmeHQ + ":write", "site:" + simmist.SiteAcmeLab + ":read"}, 3},
		{"no MSP grant: an org costs nothing", []string{"org:" + simmist.OrgCobalt + ":read"}, 1},
		{"malformed", []string{"org:" + simmist.OrgAcme}, 1},
	} {
		chain := min(c.minimum, 2)
		if got := simmist.Platform.Bench.Cost(c.required); got.Minimum != c.minimum || got.Chain != chain {
			t.Errorf("%s: cost %+v, want minimum %d, chain %d", c.name, got, c.minimum, chain)
		}
	}
}

// TestAcmeLab: the lookup the benchmark counts for Acme Lab answers, with
// Acme as its org.
func TestAcmeLab(t *testing.T) {
	t.Parallel()
	var site struct {
		OrgID string `json:"org_id"`
	}
	body := simulator.Answer(t, simmist.Platform.New(), "/api/v1/sites/"+simmist.SiteAcmeLab, "Token "+simmist.UserToken)
	if err := json.Unmarshal(body, &site); err != nil || site.OrgID != simmist.OrgAcme {
		t.Errorf("GET the Acme Lab site: %s (%v), want org_id %s", body, err, simmist.OrgAcme)
	}
}
