package ece

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

// KnownRoles are the roles ECE defines.
var KnownRoles = []string{"ece_deployment_manager", "ece_deployment_viewer", "ece_platform_admin", "ece_platform_viewer"}

const rolePrefix = "role:"

var (
	operationID = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	roleName    = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// Grammar is the requirement grammar: an API operation id (create-deployment), which
// security.permissions lists, or role:<role> (role:ece_platform_admin).
type Grammar struct{}

// Validate checks the shape of req.
func (Grammar) Validate(req string) error {
	if role, ok := strings.CutPrefix(req, rolePrefix); ok {
		if !roleName.MatchString(role) {
			return fmt.Errorf("%q is not an ECE role requirement: expected role: followed by a role name such as role:ece_platform_admin", req)
		}
		return nil
	}
	if !operationID.MatchString(req) {
		return fmt.Errorf("%q is not an ECE permission: expected an API operation id such as create-deployment, or role:<role>", req)
	}
	return nil
}

// Unknown warns about roles outside the four ECE defines. Operation ids are
// not checked: ECE adds operations in every release and the provider does not
// ship their list.
func (Grammar) Unknown(req string) (bool, string) {
	role, ok := strings.CutPrefix(req, rolePrefix)
	if !ok || slices.Contains(KnownRoles, role) {
		return false, ""
	}
	if s := privilege.Closest(role, KnownRoles); s != "" {
		return true, rolePrefix + s
	}
	return true, ""
}

// Privileges lists the caller's grants in the grammar, sorted and without
// repeats: each permission, and role:<role> for each role.
func Privileges(u *User) []string {
	if u.Security == nil {
		return []string{}
	}
	out := make([]string, 0, len(u.Security.Permissions)+len(u.Security.Roles))
	out = append(out, u.Security.Permissions...)
	for _, r := range u.Security.Roles {
		if r != "" {
			out = append(out, rolePrefix+r)
		}
	}
	return privilege.Clean(out, privilege.Valid(Grammar{}))
}

// Holder decides by membership: ECE already expands roles into
// security.permissions, so no implication is needed or claimed. An answer
// without security (elastic/cloud-sdk-go's mock of the built-in admin has
// none), or without the list a requirement needs, decides nothing: unknown.
func Holder(u *User) privilege.Holder {
	if u.Security == nil {
		return privilege.HolderFunc(func(string) privilege.Decision {
			return privilege.Undecided("ECE answered GET /api/v1/user without security, as it does for built-in users, so the user's roles and permissions are not visible")
		})
	}
	roles := privilege.Membership(u.Security.Roles, "security.roles")
	permissions := privilege.Membership(u.Security.Permissions, "security.permissions")
	return privilege.HolderFunc(func(req string) privilege.Decision {
		if role, ok := strings.CutPrefix(req, rolePrefix); ok {
			if u.Security.Roles == nil {
				return privilege.Undecided("ECE's answer has no security.roles")
			}
			return roles.Decide(role)
		}
		if u.Security.Permissions == nil {
			return privilege.Undecided("ECE's answer has no security.permissions")
		}
		return permissions.Decide(req)
	})
}
