package faynosync

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

var (
	// Resources are the resource types the grammar names.
	Resources = []string{"apps", "archs", "channels", "platforms"}
	// Actions are the action flags; download and upload exist for apps only.
	Actions = []string{"create", "delete", "download", "edit", "upload"}

	requirementShape = regexp.MustCompile(`^([a-z]+):([a-z]+)(?::([A-Za-z0-9_-]+))?$`)
)

// Grammar is <resource>:<action> or <resource>:<action>:<id>.
type Grammar struct{}

// Validate checks the shape and that the action exists for the resource.
func (Grammar) Validate(req string) error {
	m := requirementShape.FindStringSubmatch(req)
	if m == nil {
		return fmt.Errorf("%q is not a faynoSync privilege: expected <resource>:<action> or <resource>:<action>:<id>, such as apps:upload or channels:edit:64f1c2", req)
	}
	if slices.Contains(Resources, m[1]) && (m[2] == "download" || m[2] == "upload") && m[1] != "apps" {
		return fmt.Errorf("%q names an action faynoSync has only for apps: %s has create, delete and edit", req, m[1])
	}
	return nil
}

// Unknown warns about a resource or action outside the known ones.
func (Grammar) Unknown(req string) (bool, string) {
	m := requirementShape.FindStringSubmatch(req)
	if m == nil {
		return false, ""
	}
	resource, action := m[1], m[2]
	known := true
	if !slices.Contains(Resources, resource) {
		known, resource = false, privilege.Closest(resource, Resources)
	}
	if !slices.Contains(Actions, action) {
		known, action = false, privilege.Closest(action, Actions)
	}
	if known || resource == "" || action == "" {
		return !known, ""
	}
	s := resource + ":" + action
	if m[3] != "" {
		s += ":" + m[3]
	}
	if (Grammar{}).Validate(s) != nil {
		// Corrected one part at a time, a resource and an action can make a
		// pair faynoSync does not have (archs:upload): suggest nothing.
		return true, ""
	}
	return true, s
}

// byResource pairs each grammar resource with its permissions.
func byResource(p *Permissions) map[string]*ResourcePermissions {
	if p == nil {
		return map[string]*ResourcePermissions{}
	}
	return map[string]*ResourcePermissions{"apps": p.Apps, "channels": p.Channels, "platforms": p.Platforms, "archs": p.Archs}
}

// flag returns the action's flag on r, nil when the answer has none.
func flag(r *ResourcePermissions, action string) *bool {
	switch action {
	case "create":
		return r.Create
	case "delete":
		return r.Delete
	case "edit":
		return r.Edit
	case "download":
		return r.Download
	case "upload":
		return r.Upload
	}
	return nil
}

// Grants lists what the caller is shown to hold, sorted: for an admin every
// resource:action the grammar accepts; for a team user each such action
// whose flag is on. Ids are left out: whether an id in Allowed may be acted
// on depends on who owns the object (see Holder), which /whoami does not say.
func Grants(w *WhoAmI) []string {
	out := []string{}
	admin := w.IsAdmin != nil && *w.IsAdmin
	perms := byResource(w.Permissions)
	for _, res := range Resources {
		for _, action := range Actions {
			if (Grammar{}).Validate(res+":"+action) != nil {
				continue
			}
			if r := perms[res]; admin || (r != nil && deref(flag(r, action))) {
				out = append(out, res+":"+action)
			}
		}
	}
	return privilege.Clean(out, privilege.Valid(Grammar{}))
}

// Holder decides requirements for w. An administrator may do everything to
// the objects it owns, but a real v2.1.0 server refuses a second admin on the
// first one's objects (../shared/api/faynosync/v2.1.0/admin2-*.txt), and
// /whoami does not say who owns what: a requirement with an id is unknown for
// an admin. A team user needs the action's flag and, for an id, the id in
// Allowed; Allowed is not enough on its own (the server also wants the object
// to belong to the team's owner, cross-edit-admin-channel.txt), so an allowed
// id is unknown too. What the answer does not say is unknown, never missing.
func Holder(w *WhoAmI) privilege.Holder {
	admin := w.IsAdmin != nil && *w.IsAdmin
	perms := byResource(w.Permissions)
	return privilege.HolderFunc(func(req string) privilege.Decision {
		m := requirementShape.FindStringSubmatch(req)
		if m == nil {
			return privilege.Undecided("not a faynoSync privilege")
		}
		res, action, id := m[1], m[2], m[3]
		key, Action := capitalized(res), capitalized(action)
		switch {
		case admin && id == "":
			return privilege.Grant("the caller is an administrator")
		case admin:
			return privilege.Undecided(fmt.Sprintf("an administrator acts only on the objects it owns, and the provider does not check who owns %s", id))
		case w.Permissions == nil:
			return privilege.Undecided("faynoSync's answer has neither is_admin true nor permissions")
		}
		r := perms[res]
		if r == nil {
			return privilege.Undecided(fmt.Sprintf("faynoSync's answer has no %s permissions", key))
		}
		switch on := flag(r, action); {
		case on == nil:
			return privilege.Undecided(fmt.Sprintf("faynoSync's answer has no %s flag on %s", Action, key))
		case !*on:
			return privilege.Lack(fmt.Sprintf("the %s flag on %s is off", Action, key))
		case id == "":
			return privilege.Grant(fmt.Sprintf("the %s flag on %s is on", Action, key))
		case !slices.Contains(r.Allowed, id):
			return privilege.Lack(fmt.Sprintf("%s is not in %s.Allowed", id, key))
		}
		return privilege.Undecided(fmt.Sprintf("%s is in %s.Allowed, but faynoSync also requires it to belong to the team's owner, "+
			"which the provider does not check", id, key))
	})
}

// capitalized is a word as faynoSync's JSON keys spell it: "apps" → "Apps".
func capitalized(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func deref(p *bool) bool { return p != nil && *p }
