package qumulo_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/qumulo"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/simtest"
)

func TestPlatform(t *testing.T) {
	t.Parallel()
	p := simqumulo.Platform
	service := simulator.Identity{Token: simqumulo.ServiceToken, ID: "1026", Name: "svc-terraform", Requests: 1}
	simtest.CheckFacts(t, p, simtest.Facts{
		Key:   "qumulo",
		Token: service,
		Login: simulator.Identity{Username: "svc-terraform", Password: simqumulo.ServicePassword, ID: "1026", Name: "svc-terraform", Requests: 1},
		Accounts: map[string]simulator.Identity{
			"service": service,
			"admin":   {Token: simqumulo.AdminToken, ID: "500", Name: "admin", Requests: 1},
		},
		LoginPath: "/v1/session/login", UserPath: "/v1/session/who-am-i",
		Required: []string{"PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_QUOTA_WRITE"},
		Cost:     simulator.Cost{Minimum: 2, Chain: 1, Why: "who-am-i + session roles, in parallel"},
	})
	simtest.CheckPlatform(t, p, simtest.Client{Name: qumulo.Name, Auth: qumulo.Authenticator, DecodeError: qumulo.DecodeError,
		User: func(ctx context.Context, hc *httpx.Client) (string, string, error) {
			w, err := qumulo.NewClient(hc).WhoAmI(ctx)
			if err != nil {
				return "", "", err
			}
			return simtest.Str(w.ID), simtest.Str(w.Name), nil
		}})
}

// TestBenchRequired: the demo's enforce step fails as svc-terraform, which
// holds share read but not quota write (the benchmark requires the same), and
// passes as admin, who holds every privilege the API documents.
func TestBenchRequired(t *testing.T) {
	t.Parallel()
	p := simqumulo.Platform
	whoAmI := func(token string) *qumulo.WhoAmI {
		var w qumulo.WhoAmI
		if err := json.Unmarshal(simulator.Answer(t, p.New(), p.UserPath, "Bearer "+token), &w); err != nil {
			t.Fatal(err)
		}
		return &w
	}
	if got := privilege.Check(p.Bench.Required, qumulo.Holder(whoAmI(p.Token.Token))).Missing; !reflect.DeepEqual(got, []string{"PRIVILEGE_QUOTA_WRITE"}) {
		t.Errorf("svc-terraform misses %q, want only PRIVILEGE_QUOTA_WRITE", got)
	}
	if got := whoAmI(p.Accounts["admin"].Token).Privileges; !reflect.DeepEqual(got, qumulo.KnownPrivileges) {
		t.Errorf("admin holds %d privileges, want the %d of qumulo.KnownPrivileges", len(got), len(qumulo.KnownPrivileges))
	}
}
