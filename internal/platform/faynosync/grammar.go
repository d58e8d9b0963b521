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
	if m[2] == "create" && m[3] != "" {
		return fmt.Errorf("%q names an id, but creating acts on no existing object: write %s:create", req, m[1])
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

// capitalized is a word as faynoSync's JSON keys spell it: "apps" → "Apps".
func capitalized(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
