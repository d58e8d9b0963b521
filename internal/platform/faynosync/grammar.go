package faynosync

import (
	"fmt"
	"regexp"
	"slices"

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
	return true, s
}

// byResource pairs each grammar resource with its permissions.
func byResource(p *Permissions) map[string]*ResourcePermissions {
	if p == nil {
		return map[string]*ResourcePermissions{}
	}
	return map[string]*ResourcePermissions{"apps": p.Apps, "channels": p.Channels, "platforms": p.Platforms, "archs": p.Archs}
}

// flag returns the action's flag on r.
func flag(r *ResourcePermissions, action string) bool {
	if r == nil {
		return false
	}
	var f *bool
	switch action {
	case "create":
		f = r.Create
	case "delete":
		f = r.Delete
	case "edit":
		f = r.Edit
	case "download":
		f = r.Download
	case "upload":
		f = r.Upload
	}
	return f != nil && *f
}

// Grants lists the caller's privileges: for an admin every resource:action
// the grammar accepts; for a team user each such action whose flag is on, and
// the same with each allowed id.
func Grants(w *WhoAmI) []string {
	out := []string{}
	perms := byResource(w.Permissions)
	for _, res := range Resources {
		for _, action := range Actions {
			if (Grammar{}).Validate(res+":"+action) != nil {
				continue
			}
			if w.IsAdmin != nil && *w.IsAdmin {
				out = append(out, res+":"+action)
				continue
			}
			if r := perms[res]; flag(r, action) {
				out = append(out, res+":"+action)
				for _, id := range r.Allowed {
					out = append(out, res+":"+action+":"+id)
				}
			}
		}
	}
	return out
}

// Holder evaluates requirements for w: an admin satisfies everything; a team
// user needs the action flag and, when the requirement names an id, that id
// among the resource's Allowed.
func Holder(w *WhoAmI) privilege.Holder {
	admin := w.IsAdmin != nil && *w.IsAdmin
	perms := byResource(w.Permissions)
	return privilege.HolderFunc(func(req string) bool {
		if admin {
			return true
		}
		m := requirementShape.FindStringSubmatch(req)
		if m == nil {
			return false
		}
		r := perms[m[1]]
		return flag(r, m[2]) && (m[3] == "" || slices.Contains(r.Allowed, m[3]))
	})
}
