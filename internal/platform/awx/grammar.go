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

// Grants lists the caller's privileges in the grammar, sorted and without
// repeats; a role the grammar cannot name (no resource, a name or type it
// would reject) is left out here and kept in the typed roles.
func Grants(u *User, roles []Role) []string {
	out := make([]string, 0, len(roles)+2)
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
	return privilege.Clean(out, privilege.Valid(Grammar{}))
}

// grant is a role in the grammar, "" for a role not tied to a resource.
func grant(r Role) string {
	s := r.SummaryFields
	if s.ResourceType == nil || s.ResourceID == nil || r.Name == nil {
		return ""
	}
	return *s.ResourceType + ":" + strconv.FormatInt(*s.ResourceID, 10) + ":" + NormalizeRole(*r.Name)
}

// heldRole is one role the user holds on a resource, for reasons.
type heldRole struct{ role, name string }

// Holder applies what the controller's answers show: a superuser holds
// everything; the system auditor may read everything; on one resource, Admin
// holds every role and any role includes Read. The roles list shows only
// roles granted to the user directly (not through a team, an organization
// or a custom role definition), so a resource requirement it does not show
// is unknown, never missing. unreadable, when not "", says why the roles
// could not be listed.
func Holder(u *User, roles []Role, unreadable string) privilege.Holder {
	byResource := map[string][]heldRole{}
	for _, r := range roles {
		if g := grant(r); g != "" {
			i := strings.LastIndex(g, ":")
			byResource[g[:i]] = append(byResource[g[:i]], heldRole{g[i+1:], deref(r.Name)})
		}
	}
	super, auditor := deref(u.IsSuperuser), deref(u.IsSystemAuditor)
	return privilege.HolderFunc(func(req string) privilege.Decision {
		switch {
		case super:
			return privilege.Grant("the user is a superuser")
		case req == superuser:
			return privilege.Lack("is_superuser is false")
		case req == systemAuditor && auditor:
			return privilege.Grant("is_system_auditor is true")
		case req == systemAuditor:
			return privilege.Lack("is_system_auditor is false")
		}
		m := requirementShape.FindStringSubmatch(req)
		if m == nil {
			return privilege.Undecided("not an AWX privilege")
		}
		typ, id, need := m[1], m[2], m[3]
		if need == "read" && auditor {
			return privilege.Grant("a system auditor may read everything")
		}
		held := byResource[typ+":"+id]
		for _, h := range held {
			if h.role == need {
				return privilege.Grant(fmt.Sprintf("held through %s on %s %s", h.name, typ, id))
			}
		}
		for _, h := range held {
			switch {
			case h.role == "admin":
				return privilege.Grant(fmt.Sprintf("held through Admin on %s %s, which includes every role on it", typ, id))
			case need == "read":
				return privilege.Grant(fmt.Sprintf("held through %s on %s %s, which includes Read", h.name, typ, id))
			}
		}
		if unreadable != "" {
			return privilege.Undecided(unreadable + ", so only is_superuser and is_system_auditor could be checked")
		}
		return privilege.Undecided("not among the roles granted to the user directly; a team, an organization or a custom role " +
			"may still grant it, and the roles list does not show those")
	})
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
