package awx

import (
	"fmt"
	"net/http"
	"strings"

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
//   - svc-ci (id 7, CIToken): seven roles of its own on job templates, an
//     inventory, a project, an organization and a credential; the custom
//     role definition "Deployer" (execute) on job template 45; and member
//     of team "Deployers" (id 4), which may execute job template 44 and run
//     ad hoc commands on inventory 5;
//   - auditor (id 12, AuditorToken): system auditor who may not list roles;
//   - job template 50, which only admin and auditor may see.
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
			{ID: 108, Custom: "Deployer", Grants: "execute", ResourceType: "job_template", ResourceName: "Rollout canary", ResourceID: 45},
		}}, CIToken)
	c.AddTeam(&Team{ID: 4, Name: "Deployers", Members: []int64{7}, Roles: []Role{
		{ID: 201, Name: "Execute", ResourceType: "job_template", ResourceName: "Nightly backup", ResourceID: 44},
		{ID: 202, Name: "Ad Hoc", ResourceType: "inventory", ResourceName: "Staging", ResourceID: 5},
	}})
	c.AddUser(&User{ID: 12, Username: "auditor", Email: "audit@example.com", IsAuditor: true, RolesForbidden: true}, AuditorToken)
	c.AddObject("job_template", 50, "Restricted")
	return c
}

// benchPageSize caps page_size for the benchmark: svc-ci's seven roles then
// span two pages, so a plan must follow "next".
const benchPageSize = 4

// Platform describes the demo controller (the AAP 2.5 layout) to the tests,
// the demo and the benchmark. Username and password go as HTTP Basic on every
// request: there is no login path and no session.
var Platform = simulator.Platform{
	Key: "awx",
	New: func() http.Handler { return Demo(AAP).Handler() },
	// GET /api/, and me/ under both bases (see the provider's basePathAsking).
	Token:    simulator.Identity{Token: CIToken, ID: "7", Name: "svc-ci", Requests: 3},
	Login:    simulator.Identity{Username: "admin", Password: AdminPassword, ID: "1", Name: "admin", Requests: 3},
	UserPath: AAP.prefix() + "me/",
	Bench: simulator.Bench{
		New: func() http.Handler {
			c := Demo(AAP)
			c.SetMaxPageSize(benchPageSize)
			return c.Handler()
		},
		// svc-ci executes 42 and administers 43 (user_capabilities.start is
		// true on both), and may only update project 9 (edit is false).
		Required: []string{"job_template:42:execute", "job_template:43:execute", "project:9:admin"},
		Cost:     func(required []string) simulator.Cost { return benchCost(Demo(AAP), CIToken, required) },
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

// benchCost models a privileges read. GET /api/ says where the API is; beside
// it go me/ (the user's id) and the version root (which role endpoints
// exist) under both bases a controller may have, the wrong two wasted. Then,
// at once, the detail of each required object (its user_capabilities),
// role_user_assignments/?user=<id> and /users/<id>/teams/, each list's first
// page; then the rest of the user's pages and each team's
// role_team_assignments/?team=<id> in parallel, and the rest of those.
func benchCost(c *Controller, token string, required []string) simulator.Cost {
	c.mu.Lock()
	u := c.tokens[token]
	c.mu.Unlock()
	pages := func(n int) int { return max(1, (n+benchPageSize-1)/benchPageSize) }
	teams := c.teamsOf(u)
	objects := map[string]bool{}
	for _, r := range required {
		if i := strings.LastIndex(r, ":"); i > 0 {
			objects[r[:i]] = true
		}
	}
	userPages, teamPages, teamRequests, teamChain := pages(len(u.Roles)+len(teams)), pages(len(teams)), 0, 0
	for _, t := range teams {
		teamRequests += pages(len(t.Roles))
		teamChain = max(teamChain, min(pages(len(t.Roles)), 2))
	}
	minimum := 5 + len(objects) + userPages + teamPages + teamRequests
	chain := 1 + max(1, min(userPages, 2), min(teamPages, 2)+teamChain)
	return simulator.Cost{Minimum: minimum, Chain: chain,
		Why: fmt.Sprintf("/api/ + me/ and the version root under both bases; %d object details; %d role_user_assignments pages "+
			"(%d entries, %d a page: the first, then the rest at once) beside %d teams pages, then %d role_team_assignments pages "+
			"for %d teams", len(objects), userPages, len(u.Roles)+len(teams), benchPageSize, teamPages, teamRequests, len(teams))}
}
