package mist

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

var (
	// KnownScopes are the scopes a requirement can name: the ones whose ids
	// /self carries and whose inheritance the provider can resolve.
	KnownScopes = []string{"msp", "org", "site"}
	// KnownRoles are the roles of admin_privilege_role.
	KnownRoles = []string{"admin", "helpdesk", "installer", "read", "write"}

	requirementShape = regexp.MustCompile(`^([a-z_]+):([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}):([a-z_]+)$`)
)

// Requirement is one parsed <scope>:<id>:<role>.
type Requirement struct{ Scope, ID, Role string }

func (r Requirement) String() string { return r.Scope + ":" + r.ID + ":" + r.Role }

// ParseRequirement splits s; ids are compared in lower case, as Mist sends them.
func ParseRequirement(s string) (Requirement, error) {
	m := requirementShape.FindStringSubmatch(s)
	if m == nil {
		return Requirement{}, fmt.Errorf("%q is not a Mist privilege: expected <scope>:<id>:<role> with a UUID id, "+
			"such as org:a97c1b22-a4e9-411e-9bfd-d8695a0f9e61:write", s)
	}
	return Requirement{Scope: m[1], ID: strings.ToLower(m[2]), Role: m[3]}, nil
}

// Grammar is the <scope>:<id>:<role> grammar.
type Grammar struct{}

// Validate checks the shape.
func (Grammar) Validate(req string) error {
	_, err := ParseRequirement(req)
	return err
}

// Unknown warns about a scope or role outside the known ones, suggesting the
// requirement with the closest known value in its place.
func (Grammar) Unknown(req string) (bool, string) {
	r, err := ParseRequirement(req)
	if err != nil {
		return false, ""
	}
	known := true
	if !slices.Contains(KnownScopes, r.Scope) {
		known, r.Scope = false, privilege.Closest(r.Scope, KnownScopes)
	}
	if !slices.Contains(KnownRoles, r.Role) {
		known, r.Role = false, privilege.Closest(r.Role, KnownRoles)
	}
	if known {
		return false, ""
	}
	if r.Scope == "" || r.Role == "" {
		return true, ""
	}
	return true, r.Scope + ":" + r.ID + ":" + r.Role
}

// coverage decides whether a held role covers a needed one on the same
// object: admin ⊇ write ⊇ read, admin ⊇ helpdesk ⊇ read, admin ⊇ installer.
// A role covers itself. When either role is one the provider does not know,
// Mist may define an order the provider cannot see: unknown, not missing.
func coverage(held, need string) privilege.State {
	switch {
	case held == need:
		return privilege.Granted
	case !slices.Contains(KnownRoles, held) || !slices.Contains(KnownRoles, need):
		return privilege.Unknown
	case held == "admin", (held == "write" || held == "helpdesk") && need == "read":
		return privilege.Granted
	}
	return privilege.Missing
}

// objectID is the id a privilege grants on, by scope; "" for scopes the
// grammar does not name (orgsites, orggroup, sitegroup, newer ones).
func objectID(p Privilege) string {
	switch deref(p.Scope) {
	case "msp":
		return strings.ToLower(deref(p.MspID))
	case "org":
		return strings.ToLower(deref(p.OrgID))
	case "site":
		return strings.ToLower(deref(p.SiteID))
	}
	return ""
}

// Grants lists the caller's privileges in the grammar, sorted and without
// repeats (two entries differing only in views are one grant). Privileges of
// scopes the grammar does not name, and ids or roles it would reject, are
// left out here and kept in the typed objects.
func Grants(s *Self) []string {
	out := make([]string, 0, len(s.Privileges))
	for _, p := range s.Privileges {
		if id := objectID(p); id != "" && deref(p.Role) != "" {
			out = append(out, deref(p.Scope)+":"+id+":"+deref(p.Role))
		}
	}
	return privilege.Clean(out, privilege.Valid(Grammar{}))
}
