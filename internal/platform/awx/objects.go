package awx

import (
	"context"
	"fmt"
	"slices"

	"golang.org/x/sync/errgroup"
)

// Object is what the controller answered for one required object's detail.
type Object struct {
	// Path is the detail's URL, for reasons.
	Path string
	// Err is the failure, nil when the detail was read.
	Err error
	// Capabilities are summary_fields.user_capabilities, computed by the
	// server for the caller through every path (direct, team, organization,
	// custom role definition).
	Capabilities map[string]bool
}

// capabilityOf maps a role to the user_capabilities entry the controller
// computes from exactly that role (awx/api/serializers.py show_capabilities,
// awx/main/access.py):
//
//	job_template, workflow_job_template  execute → start  (can_start: user in execute_role)
//	project                              update  → start  (can_start: user in update_role)
//	inventory                            adhoc   → adhoc  (can_run_ad_hoc_commands: user in adhoc_role)
//	credential                           use     → use    (can_use: user in use_role)
//	all five, and organization           admin   → edit   (can_change with no data: user in admin_role)
//
// Other roles (inventory use and update, project use, approve, member, the
// organization's child admin roles) have no capability of their own, and a
// team's edit follows MANAGE_ORGANIZATION_AUTH rather than its admin role,
// so it is not used. Read needs no capability: a detail the caller is shown
// is one it may read.
var capabilityOf = map[string]map[string]string{
	"job_template":          {"execute": "start", "admin": "edit"},
	"workflow_job_template": {"execute": "start", "admin": "edit"},
	"project":               {"update": "start", "admin": "edit"},
	"inventory":             {"adhoc": "adhoc", "admin": "edit"},
	"credential":            {"use": "use", "admin": "edit"},
	"organization":          {"admin": "edit"},
}

// plural is the path segment of a resource type's list.
func plural(typ string) string {
	if typ == "inventory" {
		return "inventories"
	}
	return typ + "s"
}

// Objects reads the detail of every object the requirements name, once
// each and concurrently (the answers are shared with every data source of
// the configuration). A failure is kept with its object, never returned.
func (c *Client) Objects(ctx context.Context, required []string) (map[string]*Object, error) {
	var keys [][2]string
	seen := map[string]bool{}
	for _, req := range required {
		m := requirementShape.FindStringSubmatch(req)
		if m == nil || !slices.Contains(KnownResourceTypes, m[1]) || seen[m[1]+":"+m[2]] {
			continue
		}
		seen[m[1]+":"+m[2]] = true
		keys = append(keys, [2]string{m[1], m[2]})
	}
	if len(keys) == 0 {
		return nil, nil
	}
	base, err := c.BasePath(ctx)
	if err != nil {
		return nil, err
	}
	objects := make([]*Object, len(keys))
	var g errgroup.Group
	g.SetLimit(concurrency)
	for i, k := range keys {
		g.Go(func() error {
			path := fmt.Sprintf("%s%s/%s/", base, plural(k[0]), k[1])
			o := &Object{Path: c.http.URL(path)}
			var d detail
			if o.Err = c.http.Get(ctx, path, &d); o.Err == nil {
				o.Capabilities = map[string]bool{}
				for name, v := range d.SummaryFields.UserCapabilities {
					if v != nil {
						o.Capabilities[name] = *v
					}
				}
			}
			objects[i] = o
			return nil
		})
	}
	_ = g.Wait() // every goroutine returns nil
	out := make(map[string]*Object, len(keys))
	for i, k := range keys {
		out[k[0]+":"+k[1]] = objects[i]
	}
	return out, nil
}
