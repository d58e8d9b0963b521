package awx

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

const (
	superuser     = "superuser"
	systemAuditor = "system_auditor"
)

var (
	// KnownResourceTypes are the resource types controller roles attach to.
	KnownResourceTypes = []string{"credential", "execution_environment", "instance_group", "inventory", "job_template",
		"notification_template", "organization", "project", "team", "workflow_job_template"}
	// KnownRoles are controller role names normalised to lower_snake.
	KnownRoles = []string{"adhoc", "admin", "approve", "auditor", "credential_admin", "execute", "execution_environment_admin",
		"inventory_admin", "job_template_admin", "member", "notification_admin", "project_admin", "read", "update", "use",
		"workflow_admin"}

	requirementShape = regexp.MustCompile(`^([a-z][a-z_]*):([0-9]+):([a-z][a-z_]*)$`)
)

// NormalizeRole writes a role name as the grammar does: "Ad Hoc" → "adhoc",
// "Job Template Admin" → "job_template_admin".
func NormalizeRole(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.ReplaceAll(n, "ad hoc", "adhoc")
	return strings.Join(strings.Fields(n), "_")
}

// Grammar is the requirement grammar: superuser, system_auditor, or
// <resource_type>:<id>:<role>.
type Grammar struct{}

// Validate checks the shape.
func (Grammar) Validate(req string) error {
	if req == superuser || req == systemAuditor || requirementShape.MatchString(req) {
		return nil
	}
	return fmt.Errorf("%q is not an AWX privilege: expected superuser, system_auditor or <resource_type>:<id>:<role> "+
		"with a numeric id and a lower_snake role, such as job_template:42:execute", req)
}

// Unknown warns about a resource type or role outside the known ones.
func (Grammar) Unknown(req string) (bool, string) {
	m := requirementShape.FindStringSubmatch(req)
	if m == nil {
		return false, ""
	}
	typ, id, role := m[1], m[2], m[3]
	known := true
	if !slices.Contains(KnownResourceTypes, typ) {
		known, typ = false, privilege.Closest(typ, KnownResourceTypes)
	}
	if !slices.Contains(KnownRoles, role) {
		known, role = false, privilege.Closest(role, KnownRoles)
	}
	if known {
		return false, ""
	}
	if typ == "" || role == "" {
		return true, ""
	}
	return true, typ + ":" + id + ":" + role
}

// Grants lists the caller's privileges in the grammar.
func Grants(u *User, roles []Role) []string {
	out := []string{}
	if deref(u.IsSuperuser) {
		out = append(out, superuser)
	}
	if deref(u.IsSystemAuditor) {
		out = append(out, systemAuditor)
	}
	for _, r := range roles {
		if g := grant(r); g != "" {
			out = append(out, g)
		}
	}
	return out
}

// grant is a role in the grammar, "" for a role not tied to a resource.
func grant(r Role) string {
	s := r.SummaryFields
	if s.ResourceType == nil || s.ResourceID == nil || r.Name == nil {
		return ""
	}
	return *s.ResourceType + ":" + strconv.FormatInt(*s.ResourceID, 10) + ":" + NormalizeRole(*r.Name)
}

// Holder applies the controller's rules: superuser satisfies everything; the
// system auditor satisfies every read; on one resource, admin satisfies every
// role and any role satisfies read. Roles implied across resources (an
// organization admin's rights on its job templates) are not inferred: the
// roles list does not say which resources an organization holds.
func Holder(u *User, roles []Role) privilege.Holder {
	grants := Grants(u, roles)
	held := privilege.NewSet(grants)
	byResource := map[string][]string{}
	for _, g := range grants {
		if i := strings.LastIndex(g, ":"); i > 0 {
			byResource[g[:i]] = append(byResource[g[:i]], g[i+1:])
		}
	}
	return privilege.HolderFunc(func(req string) bool {
		if held[superuser] || held[req] {
			return true
		}
		m := requirementShape.FindStringSubmatch(req)
		if m == nil {
			return false
		}
		if m[3] == "read" && held[systemAuditor] {
			return true
		}
		onResource := byResource[m[1]+":"+m[2]]
		return slices.Contains(onResource, "admin") || (m[3] == "read" && len(onResource) > 0)
	})
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
