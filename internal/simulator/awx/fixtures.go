package awx

import (
	"fmt"
	"net/http"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// The demo controller's credentials.
const (
	CIToken       = "Xq8mPz3LrT6vN1sK4wJ9bY2cH7fD5gA0"
	AuditorToken  = "Aud1torT0kenV4lueForTheS1mulat0r"
	AdminPassword = "Adm1n-Passw0rd!"
)

// Demo returns a controller in layout with:
//   - admin (id 1): superuser, HTTP Basic with AdminPassword;
//   - svc-ci (id 7, CIToken): seven roles on job templates, an inventory, a
//     project, an organization and a credential;
//   - auditor (id 12, AuditorToken): system auditor who may not list roles.
func Demo(layout Layout) *Controller {
	c := New(layout)
	lastLogin := "2026-11-22T21:04:11.500000Z"
	c.AddUser(&User{ID: 1, Username: "admin", Password: AdminPassword, Email: "admin@example.com", IsSuperuser: true, LastLogin: &lastLogin}, "")
	c.AddUser(&User{ID: 7, Username: "svc-ci", FirstName: "CI", LastName: "Pipeline", Email: "ci@example.com",
		LdapDN: "cn=svc-ci,ou=services,dc=example,dc=com",
		Roles: []Role{
			{ID: 101, Name: "Execute", ResourceType: "job_template", ResourceName: "Deploy web", ResourceID: 42},
			{ID: 102, Name: "Admin", ResourceType: "job_template", ResourceName: "Patch fleet", ResourceID: 43},
			{ID: 103, Name: "Use", ResourceType: "inventory", ResourceName: "Production", ResourceID: 3},
			{ID: 104, Name: "Ad Hoc", ResourceType: "inventory", ResourceName: "Production", ResourceID: 3},
			{ID: 105, Name: "Update", ResourceType: "project", ResourceName: "Playbooks", ResourceID: 9},
			{ID: 106, Name: "Member", ResourceType: "organization", ResourceName: "Default", ResourceID: 2},
			{ID: 107, Name: "Use", ResourceType: "credential", ResourceName: "Vault", ResourceID: 11},
		}}, CIToken)
	c.AddUser(&User{ID: 12, Username: "auditor", Email: "audit@example.com", IsAuditor: true, RolesForbidden: true}, AuditorToken)
	return c
}

// benchPageSize caps page_size for the benchmark: svc-ci's seven roles then
// span two pages, so a plan must follow "next".
const benchPageSize = 4

// Platform describes the demo controller (the AAP 2.5 layout) to the tests,
// the demo and the benchmark. Username and password go as HTTP Basic on every
// request: there is no login path and no session.
var Platform = simulator.Platform{
	Key:      "awx",
	New:      func() http.Handler { return Demo(AAP).Handler() },
	Token:    simulator.Identity{Token: CIToken, ID: "7", Name: "svc-ci", Requests: 2},
	Login:    simulator.Identity{Username: "admin", Password: AdminPassword, ID: "1", Name: "admin", Requests: 2},
	UserPath: AAP.prefix() + "me/",
	Bench: simulator.Bench{
		New: func() http.Handler {
			c := Demo(AAP)
			c.SetMaxPageSize(benchPageSize)
			return c.Handler()
		},
		// svc-ci executes 42, administers 43 (which covers execute), and may
		// only update project 9.
		Required: []string{"job_template:42:execute", "job_template:43:execute", "project:9:admin"},
		Cost:     func([]string) simulator.Cost { return benchCost(Demo(AAP), CIToken) },
		// n roles of one user, over pages of 200 as a real controller sends them.
		Grants: func(n int) (http.Handler, string) {
			c := New(AWX)
			roles := make([]Role, n)
			for i := range roles {
				roles[i] = Role{ID: int64(1000 + i), Name: "Execute", ResourceType: "job_template", ResourceName: fmt.Sprintf("Template %d", i),
					ResourceID: int64(i + 1)}
			}
			c.AddUser(&User{ID: 70, Username: "svc-large", Roles: roles}, LargeToken)
			return c.Handler(), LargeToken
		},
	},
}

// LargeToken is the token of the benchmark's user with many roles.
const LargeToken = "LargeAnswerT0kenForTheBenchmark00"

// benchCost is GET /api/ (where the controller API lives), then me/ (the
// user's id), then each roles page, each named by the one before's "next":
// every request waits for the previous answer.
func benchCost(c *Controller, token string) simulator.Cost {
	c.mu.Lock()
	roles := len(c.tokens[token].Roles)
	c.mu.Unlock()
	pages := max(1, (roles+benchPageSize-1)/benchPageSize)
	return simulator.Cost{Minimum: 2 + pages, Chain: 2 + pages,
		Why: fmt.Sprintf("/api/ + me/ + %d roles pages (%d roles, %d a page), one after another", pages, roles, benchPageSize)}
}
