package ece_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/ece"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simece "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/ece"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/simtest"
)

func TestPlatform(t *testing.T) {
	t.Parallel()
	simtest.CheckFacts(t, simece.Platform, simtest.Facts{
		Key:       "ece",
		Token:     simulator.Identity{Token: simece.DeployerAPIKey, ID: "svc-deployer", Name: "svc-deployer", Requests: 1},
		Login:     simulator.Identity{Username: "ldap-viewer", Password: simece.ViewerPassword, ID: "ldap-viewer", Name: "ldap-viewer", Requests: 1},
		LoginPath: "/api/v1/users/auth/_login", UserPath: "/api/v1/user",
		Required: []string{"create-deployment", "update-deployment", "role:ece_platform_admin"},
		Cost:     simulator.Cost{Minimum: 1, Chain: 1, Why: "GET /api/v1/user"},
	})
	simtest.CheckPlatform(t, simece.Platform, simtest.Client{Name: ece.Name, Auth: ece.Authenticator, DecodeError: ece.DecodeError,
		User: func(ctx context.Context, hc *httpx.Client) (string, string, error) {
			u, err := ece.NewClient(hc).CurrentUser(ctx)
			if err != nil {
				return "", "", err
			}
			// ECE users have no other id than their name.
			return simtest.Str(u.UserName), simtest.Str(u.UserName), nil
		}})
}

// TestBenchRequired: of the benchmark's requirements (the demo's too),
// svc-deployer's role allows the two operations and lacks the admin role.
func TestBenchRequired(t *testing.T) {
	t.Parallel()
	p := simece.Platform
	var u ece.User
	if err := json.Unmarshal(simulator.Answer(t, p.New(), p.UserPath, "ApiKey "+p.Token.Token), &u); err != nil {
		t.Fatal(err)
	}
	if got := privilege.Check(p.Bench.Required, ece.Holder(&u)).Missing; !reflect.DeepEqual(got, []string{"role:ece_platform_admin"}) {
		t.Errorf("missing %q, want only role:ece_platform_admin", got)
	}
}
