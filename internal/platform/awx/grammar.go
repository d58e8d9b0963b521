package awx

import (
	"fmt"
	"net/http"
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

// grant is a role in the grammar, "" for a role not tied to a resource or
// a custom role definition.
func grant(r Role) string {
	s := r.SummaryFields
	if s.ResourceType == nil || s.ResourceID == nil || r.Name == nil || r.role == "-" {
		return ""
	}
	role := r.role
	if role == "" {
		role = NormalizeRole(*r.Name)
	}
	return *s.ResourceType + ":" + strconv.FormatInt(*s.ResourceID, 10) + ":" + role
}

// heldRole is one role the user holds on a resource, for reasons.
type heldRole struct{ role, name, team string }

func (h heldRole) String() string {
	if h.team != "" {
		return fmt.Sprintf("team %q's %s", h.team, h.name)
	}
	return h.name
}

// Implies says whether holding role held on an object of type typ gives
// role need on the same object. It is AWX's parent_role= on one object
// (awx/main/models/inventory.py, projects.py, jobs.py, workflow.py,
// organization.py, credential.py, ha.py):
//
//	admin_role   parent of every other role of its object (inventory update/adhoc,
//	             project use/update, job template execute, workflow execute/approval,
//	             the organization's execute, member, approval and child admin roles,
//	             team member, credential and instance group use)
//	every role   parent of its object's read_role
//	inventory    adhoc_role is the parent of use_role: Ad Hoc includes Use
//
// Roles across objects (an organization's execute_role over its job
// templates) are not followed: user_capabilities answer those.
func Implies(typ, held, need string) bool {
	switch {
	case held == need, held == "admin", need == "read":
		return true
	case typ == "inventory" && held == "adhoc" && need == "use":
		return true
	}
	return false
}

// Holder is Evaluate without object details, as a controller that shows
// only roles.
func Holder(u *User, roles []Role, unreadable string) privilege.Holder {
	return Evaluate(u, roles, nil, unreadable)
}

// Evaluate applies what the controller's answers show. A superuser holds
// everything; the system auditor may read everything. A resource
// requirement is decided first by the object's detail: 404 is missing (no
// such object, or one the caller may not see), 403 or another failure
// unknown; a detail shown is Read; a role with a capability (capabilityOf)
// is granted when the server computed it true and missing when false
// (unknown when a role held says otherwise: a read-only token, or an object
// that cannot run as it stands). Then the roles the user and its teams hold
// on the object, with Implies. What neither settles is unknown: an
// organization role or a custom role definition may still grant it.
// unreadable, when not "", says which role lists could not be read.
func Evaluate(u *User, roles []Role, objects map[string]*Object, unreadable string) privilege.Holder {
	byResource := map[string][]heldRole{}
	for _, r := range roles {
		if g := grant(r); g != "" {
			i := strings.LastIndex(g, ":")
			byResource[g[:i]] = append(byResource[g[:i]], heldRole{g[i+1:], deref(r.Name), deref(r.Team)})
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
		held, holds := holding(byResource[typ+":"+id], typ+" "+id, typ, need)
		if d, ok := byObject(objects[typ+":"+id], typ, id, need, holds); ok {
			return d
		}
		if holds {
			return privilege.Grant(held)
		}
		if unreadable != "" {
			return privilege.Undecided(unreadable + ", and the object's user_capabilities do not answer " + need)
		}
		return privilege.Undecided(fmt.Sprintf("the controller's user_capabilities do not answer %s on %s %s, and no role the user or "+
			"its teams hold on it includes it; an organization role or a custom role definition may still grant it", need, typ, id))
	})
}

// holding is the reason the roles held on one object give need, if they do.
func holding(held []heldRole, object, typ, need string) (string, bool) {
	for _, h := range held {
		if h.role == need {
			return fmt.Sprintf("held through %s on %s", h, object), true
		}
	}
	for _, h := range held {
		if Implies(typ, h.role, need) {
			what := map[bool]string{true: "every role on it", false: strings.ToUpper(need[:1]) + need[1:]}[h.role == "admin"]
			return fmt.Sprintf("held through %s on %s, which includes %s", h, object, what), true
		}
	}
	return "", false
}

// byObject decides from the object's detail, ok false when it cannot.
func byObject(o *Object, typ, id, need string, holds bool) (privilege.Decision, bool) {
	if o == nil {
		return privilege.Decision{}, false
	}
	if o.Err != nil {
		if isStatus(o.Err, http.StatusNotFound) {
			return privilege.Lack(fmt.Sprintf("no such object, or not visible to these credentials: GET %s answered 404", o.Path)), true
		}
		if isStatus(o.Err, http.StatusForbidden) {
			return privilege.Undecided(fmt.Sprintf("GET %s answered 403, so the controller's own answer could not be read", o.Path)), true
		}
		if !holds {
			return privilege.Undecided(fmt.Sprintf("GET %s failed: %v", o.Path, o.Err)), true
		}
		return privilege.Decision{}, false
	}
	if need == "read" {
		return privilege.Grant(fmt.Sprintf("the controller shows %s %s to the caller, which only Read allows", typ, id)), true
	}
	capability, mapped := capabilityOf[typ][need]
	value, sent := o.Capabilities[capability]
	switch {
	case !mapped || !sent:
		return privilege.Decision{}, false
	case value:
		return privilege.Grant(fmt.Sprintf("user_capabilities.%s is true on %s %s, which the controller grants with %s", capability, typ, id, need)), true
	case holds:
		return privilege.Undecided(fmt.Sprintf("user_capabilities.%s is false on %s %s although a role held includes %s: the token may be "+
			"read-only, or the object cannot run as it stands", capability, typ, id, need)), true
	}
	return privilege.Lack(fmt.Sprintf("user_capabilities.%s is false on %s %s: the controller, counting every path (direct, team, "+
		"organization, custom role), does not give the caller %s", capability, typ, id, need)), true
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
