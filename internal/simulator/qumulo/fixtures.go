package qumulo

import (
	"fmt"
	"net/http"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/qumulo"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// The demo cluster's accounts, shared by the tests, the demo and the benchmark.
const (
	AdminToken   = "access-v1:YWRtaW4tdG9rZW4tZm9yLXRoZS1zaW11bGF0b3I="
	ServiceToken = "access-v1:c3ZjLXRlcnJhZm9ybS10b2tlbi1zaW11bGF0b3I="
	// SparseToken belongs to a user whose who-am-i leaves home_directory and
	// can_change_password out: no release is known to do so, but the schema
	// requires no field, so the provider must cope with any absent one.
	SparseToken     = "access-v1:c3BhcnNlLXRva2VuLWZvci10aGUtc2ltdWxhdG9y"
	ServicePassword = "s3rvice-Passw0rd!"
)

// Demo returns a cluster with three accounts:
//   - admin: every privilege the API documents, role Administrators;
//   - svc-terraform: a service account with share and quota privileges;
//   - sparse: a user whose who-am-i leaves optional fields out.
func Demo(allPrivileges []string) *Cluster {
	c := New()
	home, no, yes := "/home/svc-terraform", false, true
	c.AddUser(&User{ID: "500", Name: "admin", PrimaryGroup: "513", SID: "S-1-5-21-2147483648-1153213397-3474133447-500",
		UID: "0", HomeDirectory: strPtr("/"), CanChangePassword: &yes, Privileges: allPrivileges,
		Roles: []string{"Administrators"}, Password: "Admin-Passw0rd!"})
	c.AddUser(&User{ID: "1026", Name: "svc-terraform", PrimaryGroup: "1025", SID: "S-1-5-21-2147483648-1153213397-3474133447-1026",
		UID: "2001", HomeDirectory: &home, CanChangePassword: &no,
		Privileges: []string{"PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_READ", "PRIVILEGE_NFS_EXPORT_READ"},
		Roles:      []string{"Observers", "Share Operators"}, Password: ServicePassword})
	c.AddUser(&User{ID: "1030", Name: "sparse", PrimaryGroup: "513", SID: "S-1-5-21-2147483648-1153213397-3474133447-1030",
		UID: "2005", Privileges: []string{"PRIVILEGE_CLUSTER_READ"}})
	c.AddAccessToken("admin", AdminToken, "1234567890")
	c.AddAccessToken("svc-terraform", ServiceToken, "2345678901")
	c.AddAccessToken("sparse", SparseToken, "3456789012")
	return c
}

func strPtr(s string) *string { return &s }

// service is the account the demo and the benchmark configure the provider with.
var service = simulator.Identity{Token: ServiceToken, ID: "1026", Name: "svc-terraform", Requests: 1}

// Platform describes the demo cluster to the tests, the demo and the benchmark.
var Platform = simulator.Platform{
	Key:   "qumulo",
	New:   func() http.Handler { return Demo(qumulo.KnownPrivileges).Handler() },
	Token: service,
	Login: simulator.Identity{Username: "svc-terraform", Password: ServicePassword, ID: "1026", Name: "svc-terraform", Requests: 1},
	// The demo plans as the service account, which lacks quota write, then
	// as admin, who holds every privilege.
	Accounts: map[string]simulator.Identity{
		"service": service,
		"admin":   {Token: AdminToken, ID: "500", Name: "admin", Requests: 1},
	},
	LoginPath: loginPath,
	UserPath:  whoAmIPath,
	Bench: simulator.Bench{
		Required: []string{"PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_QUOTA_WRITE"},
		// current_privileges reports roles, which only /v1/session/roles
		// lists; it does not depend on who-am-i, so both go at once.
		Cost: func([]string) simulator.Cost {
			return simulator.Cost{Minimum: 2, Chain: 1, Why: "who-am-i + session roles, in parallel"}
		},
		Grants: func(n int) (http.Handler, string) {
			c := New()
			privileges := make([]string, n)
			for i := range privileges {
				privileges[i] = fmt.Sprintf("PRIVILEGE_BENCH_%06d", i)
			}
			c.AddUser(&User{ID: "2000", Name: "svc-large", PrimaryGroup: "513", Privileges: privileges, Roles: []string{"Administrators"}})
			c.AddAccessToken("svc-large", LargeToken, "4567890123")
			return c.Handler(), LargeToken
		},
	},
}

// LargeToken is the access token of the benchmark's account with many privileges.
const LargeToken = "access-v1:bGFyZ2UtYW5zd2VyLWJlbmNobWFyaw=="
