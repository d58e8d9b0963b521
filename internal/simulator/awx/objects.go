package awx

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// plural is the path segment of a resource type's list.
func plural(typ string) string {
	if typ == "inventory" {
		return "inventories"
	}
	return typ + "s"
}

func (c *Controller) objectPath(typ string, id int64) string {
	return fmt.Sprintf("%s%s/%d/", c.prefix, plural(typ), id)
}

func displayName(typ string) string {
	words := strings.Split(typ, "_")
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// capabilities are the user_capabilities an object's serializer shows
// (awx/api/serializers.py show_capabilities), each with the roles that
// grant it (awx/main/access.py): admin grants them all.
var capabilities = map[string]map[string]string{
	"job_template":          {"start": "execute", "schedule": "execute", "copy": "admin", "edit": "admin", "delete": "admin"},
	"workflow_job_template": {"start": "execute", "schedule": "execute", "copy": "admin", "edit": "admin", "delete": "admin"},
	"project":               {"start": "update", "schedule": "update", "copy": "admin", "edit": "admin", "delete": "admin"},
	"inventory":             {"adhoc": "adhoc", "copy": "admin", "edit": "admin", "delete": "admin"},
	"credential":            {"use": "use", "copy": "admin", "edit": "admin", "delete": "admin"},
}

// detail serves <api>/<plural>/<id>/ with user_capabilities computed for
// the caller from its roles and its teams' (custom ones included), and 404
// to a caller who may not see the object.
func (c *Controller) detail(typ string) func(http.ResponseWriter, *http.Request, *User) {
	return func(w http.ResponseWriter, r *http.Request, u *User) { c.writeDetail(w, r, u, typ) }
}

func (c *Controller) writeDetail(w http.ResponseWriter, r *http.Request, u *User, typ string) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeDetail(w, http.StatusNotFound, "Not found.")
		return
	}
	name, exists, held := c.object(typ, id, u)
	if !exists || (len(held) == 0 && !u.IsSuperuser && !u.IsAuditor) {
		writeDetail(w, http.StatusNotFound, "Not found.")
		return
	}
	caps := map[string]bool{}
	table := capabilities[typ]
	if table == nil {
		table = map[string]string{"edit": "admin", "delete": "admin"}
	}
	for capability, role := range table {
		caps[capability] = u.IsSuperuser || held["admin"] || held[role]
	}
	simulator.WriteJSON(w, http.StatusOK, map[string]any{
		"id": id, "type": typ, "url": c.objectPath(typ, id), "name": name, "description": "",
		"summary_fields": map[string]any{"user_capabilities": caps},
	})
}

// object finds a resource by the roles naming it and the objects added, and
// the old roles u holds on it directly or through a team (a custom role
// counts as the role it grants).
func (c *Controller) object(typ string, id int64, u *User) (name string, exists bool, held map[string]bool) {
	held = map[string]bool{}
	visit := func(roles []Role, mine bool) {
		for _, role := range roles {
			if role.ResourceType != typ || role.ResourceID != id {
				continue
			}
			name, exists = role.ResourceName, true
			if mine {
				r := role.Grants
				if r == "" {
					r = strings.ReplaceAll(strings.ToLower(role.Name), "ad hoc", "adhoc")
				}
				held[r] = true
			}
		}
	}
	mine := map[int64]bool{}
	for _, t := range c.teamsOf(u) {
		mine[t.ID] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, other := range c.users {
		visit(other.Roles, other == u)
	}
	for _, t := range c.teams {
		visit(t.Roles, mine[t.ID])
	}
	if n, ok := c.objects[fmt.Sprintf("%s:%d", typ, id)]; ok {
		name, exists = n, true
	}
	return name, exists, held
}
