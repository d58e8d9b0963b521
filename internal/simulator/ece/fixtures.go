package ece

import (
	"fmt"
	"net/http"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// The demo installation's credentials, shared by the tests, the demo and the
// benchmark.
const (
	DeployerAPIKey   = "ZGVwbG95ZXIta2V5LWlkOmRlcGxveWVyLWFwaS1rZXktc2VjcmV0"
	OrphanAPIKey     = "b3JwaGFuLWtleS1pZDpvcnBoYW4tYXBpLWtleS1zZWNyZXQ="
	ViewerPassword   = "v1ewer-Passw0rd!"
	AdminPassword    = "Adm1n-Passw0rd!"
	deployerUserName = "svc-deployer"
)

// Demo returns an installation with:
//   - svc-deployer: ece_deployment_manager through an API key, native realm;
//   - ldap-viewer: ece_platform_viewer from LDAP, logs in with a password,
//     elevated permissions enabled, no metadata, no email;
//   - admin: the built-in platform admin (password login), answered without
//     security;
//   - an API key whose user was deleted (OrphanAPIKey).
func Demo() *Installation {
	e := New()
	e.AddUser(map[string]any{
		"user_name": deployerUserName, "full_name": "Deployment pipeline", "email": "deployer@example.com", "builtin": false,
		"security": map[string]any{
			"enabled": true,
			"roles":   []string{"ece_deployment_manager"},
			"permissions": []string{"create-deployment", "get-deployment", "list-deployments", "update-deployment",
				"delete-deployment", "get-current-user"},
			"elevated_permissions": map[string]any{"enabled": false},
			"security_realm":       map[string]any{"type": "native", "id": "native"},
		},
		"metadata": map[string]any{
			"created_at": "2025-03-04T08:15:30.123Z", "created_by": "admin",
			"updated_at": "2026-10-01T12:00:00Z", "updated_by": "admin",
			"first_login_at": "2025-03-04T09:00:00Z", "last_login_at": "2026-11-20T17:45:12Z",
		},
	}, "")
	e.AddUser(map[string]any{
		"user_name": "ldap-viewer", "full_name": "Platform Auditor", "builtin": false,
		"security": map[string]any{
			"enabled":              true,
			"roles":                []string{"ece_platform_viewer"},
			"permissions":          []string{"get-current-user", "list-deployments", "get-platform", "get-allocators"},
			"elevated_permissions": map[string]any{"enabled": true, "expires_at": "2026-11-23T18:00:00Z"},
			"security_realm":       map[string]any{"type": "ldap", "id": "corp-ldap"},
		},
	}, ViewerPassword)
	// As elastic/cloud-sdk-go mocks GET /user for the built-in admin
	// (../shared/api/ece/examples/user_get_current_sdk_mock_minimal.json).
	e.AddUser(map[string]any{"user_name": "admin", "builtin": true}, AdminPassword)
	e.AddAPIKey(deployerUserName, DeployerAPIKey)
	e.AddAPIKey("deleted-user", OrphanAPIKey)
	return e
}

// Platform describes the demo installation to the tests, the demo and the benchmark.
var Platform = simulator.Platform{
	Key:       "ece",
	New:       func() http.Handler { return Demo().Handler() },
	Token:     simulator.Identity{Token: DeployerAPIKey, ID: deployerUserName, Name: deployerUserName, Requests: 1},
	Login:     simulator.Identity{Username: "ldap-viewer", Password: ViewerPassword, ID: "ldap-viewer", Name: "ldap-viewer", Requests: 1},
	LoginPath: loginPath,
	UserPath:  userPath,
	Bench: simulator.Bench{
		// Operation ids svc-deployer's role allows, and a role it lacks.
		Required: []string{"create-deployment", "update-deployment", "role:ece_platform_admin"},
		// Roles and permissions come with the user: one answer decides all.
		Cost: func([]string) simulator.Cost { return simulator.Cost{Minimum: 1, Chain: 1, Why: "GET " + userPath} },
		Grants: func(n int) (http.Handler, string) {
			e := New()
			permissions := make([]string, n)
			for i := range permissions {
				permissions[i] = fmt.Sprintf("bench-operation-%d", i)
			}
			e.AddUser(map[string]any{"user_name": "svc-large", "builtin": false,
				"security": map[string]any{"enabled": true, "roles": []string{"ece_platform_admin"}, "permissions": permissions}}, "")
			e.AddAPIKey("svc-large", LargeAPIKey)
			return e.Handler(), LargeAPIKey
		},
	},
}

// LargeAPIKey is the API key of the benchmark's user with many permissions.
const LargeAPIKey = "bGFyZ2Uta2V5LWlkOmxhcmdlLWFuc3dlci1iZW5jaG1hcms="
