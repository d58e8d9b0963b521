package faynosync

import (
	"errors"
	"fmt"
	"slices"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

// Caller is what the evaluation knows of the caller: its /whoami answer and
// the kind of credential it was read with.
type Caller struct {
	Who  *WhoAmI
	Kind CredentialKind
}

func (c Caller) admin() bool { return c.Who.IsAdmin != nil && *c.Who.IsAdmin }

// Principal names the caller in messages.
func (c Caller) Principal() string {
	name := ""
	if c.Who.Username != nil {
		name = *c.Who.Username
	}
	if c.Kind == KindAPIToken {
		return fmt.Sprintf("faynoSync API token of user %q", name)
	}
	return fmt.Sprintf("faynoSync user %q", name)
}

// CleanAllowed is Allowed as the server enforces it: each id once, in
// order, without the empty ids faynoSync stores as sent
// (whoami-dup-ids.txt, whoami-postman-style.txt); never nil.
func CleanAllowed(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// Grants lists what the caller is shown to hold, sorted: for an admin's JWT
// every resource:action the grammar accepts; for a team user each such
// action whose flag is on; for an API token nothing it can see (it may
// upload only to allowed apps it cannot read). Ids are never listed: whether
// an object may be acted on depends on who owns it.
func Grants(c Caller) []string {
	out := []string{}
	if c.Kind == KindAPIToken {
		return out
	}
	perms := byResource(c.Who.Permissions)
	for _, res := range Resources {
		for _, action := range Actions {
			if (Grammar{}).Validate(res+":"+action) != nil {
				continue
			}
			if r := perms[res]; c.admin() || (r != nil && deref(flag(r, action))) {
				out = append(out, res+":"+action)
			}
		}
	}
	return privilege.Clean(out, privilege.Valid(Grammar{}))
}

// errNotRead stands for a list Needs has not read.
var errNotRead = errors.New("not read")

// Needs returns the resource types whose list endpoint deciding required
// takes, sorted: none for a requirement without an id or one its flag or
// Allowed already decides.
func (c Caller) Needs(required []string) []string {
	var out []string
	for _, req := range required {
		c.decide(req, func(res string) *Listing {
			if !slices.Contains(out, res) {
				out = append(out, res)
			}
			return &Listing{Err: errNotRead}
		})
	}
	slices.Sort(out)
	return out
}

// Holder decides requirements for c from the lists read for Needs (a
// resource type missing from lists is unknown). See the data source's
// documentation for the rules; each cites the recording or source it
// comes from.
func (c Caller) Holder(lists map[string]*Listing) privilege.Holder {
	return privilege.HolderFunc(func(req string) privilege.Decision {
		return c.decide(req, func(res string) *Listing {
			if l := lists[res]; l != nil {
				return l
			}
			return &Listing{Err: errNotRead}
		})
	})
}

var singular = map[string]string{"apps": "app", "channels": "channel", "platforms": "platform", "archs": "arch"}

func (c Caller) decide(req string, owned func(resource string) *Listing) privilege.Decision {
	m := requirementShape.FindStringSubmatch(req)
	if m == nil {
		return privilege.Undecided("not a faynoSync privilege")
	}
	res, action, id := m[1], m[2], m[3]
	switch {
	case c.Kind == KindAPIToken:
		return c.token(res, action, id, owned)
	case c.admin():
		return c.adminDecides(res, action, id, owned)
	}
	return c.team(res, action, id, owned)
}

// token: an fns_ token may only POST /upload to its allowed_apps
// (server/utils/permissions.go; api-token-*.txt), which only an admin's JWT
// can read (GET /token/list); they can only be its admin's apps
// (admin2-token-for-admin-app.txt).
func (c Caller) token(res, action, id string, owned func(string) *Listing) privilege.Decision {
	if res != "apps" || action != "upload" {
		return privilege.Lack(`faynoSync lets an API token do nothing but upload to its allowed apps ("API tokens are restricted to app upload")`)
	}
	const cannotRead = "an API token may upload only to its allowed apps, and faynoSync does not let a token read which they are " +
		"(GET /token/list needs an administrator's JWT)"
	if id == "" {
		return privilege.Undecided(cannotRead)
	}
	owner := derefString(c.Who.Username)
	switch l := owned("apps"); {
	case l.Err != nil:
		return privilege.Undecided(fmt.Sprintf("%s; and GET %s failed: %v", cannotRead, ListPaths["apps"], l.Err))
	case !l.IDs[id] && !l.Full:
		return privilege.Lack(fmt.Sprintf("%s is not an app of %q, the token's administrator (GET %s), and a token's allowed apps "+
			"can only be its administrator's", id, owner, ListPaths["apps"]))
	}
	return privilege.Undecided(cannotRead)
}

// adminDecides: an admin may do everything, but only to the objects it
// owns (admin2-*.txt), which its list endpoints answer.
func (c Caller) adminDecides(res, action, id string, owned func(string) *Listing) privilege.Decision {
	switch {
	case id == "":
		return privilege.Grant("the caller is an administrator")
	case action == "download":
		return privilege.Grant("the caller is an administrator, and faynoSync's /download checks only the Download flag, " +
			"not an app id (it takes a storage key)")
	}
	path := ListPaths[res]
	switch l := owned(res); {
	case l.Err != nil:
		return privilege.Undecided(fmt.Sprintf("an administrator acts only on the objects it owns, and GET %s failed: %v", path, l.Err))
	case l.IDs[id]:
		return privilege.Grant(fmt.Sprintf("the administrator owns %s %s (GET %s)", singular[res], id, path))
	case l.Full:
		return privilege.Undecided(fmt.Sprintf("%s is not among the first %d %s GET %s answers, and faynoSync answers no more", id, ListLimit, res, path))
	}
	return privilege.Lack(fmt.Sprintf("%s is not among the %s the administrator owns (GET %s), and faynoSync lets an administrator "+
		"act only on its own", id, res, path))
}

// team: a team user needs the action's flag (server/utils/permissions.go),
// the id in Allowed (rb-*-not-allowed.txt) and the object owned by its
// owner (cross-edit-admin-channel.txt), which the list endpoints answer: a
// team user's lists hold the objects of its owner whose ids are in Allowed
// (mongod/list.go). /download checks the flag alone (rb-download-any-key.txt).
func (c Caller) team(res, action, id string, owned func(string) *Listing) privilege.Decision {
	if c.Who.Permissions == nil {
		return privilege.Undecided("faynoSync's answer has neither is_admin true nor permissions")
	}
	key, Action := capitalized(res), capitalized(action)
	r := byResource(c.Who.Permissions)[res]
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
	case action == "download":
		return privilege.Grant("the Download flag on Apps is on, and faynoSync's /download checks only the flag: " +
			"it takes a storage key, not an app id")
	case !slices.Contains(r.Allowed, id):
		return privilege.Lack(fmt.Sprintf("%s is not in %s.Allowed", id, key))
	}
	owner, path := derefString(c.Who.Owner), ListPaths[res]
	switch l := owned(res); {
	case l.Err != nil:
		return privilege.Undecided(fmt.Sprintf("%s is in %s.Allowed, but faynoSync also requires it to belong to %q, the team's owner, "+
			"and GET %s failed: %v", id, key, owner, path, l.Err))
	case !l.IDs[id] && l.Full:
		return privilege.Undecided(fmt.Sprintf("%s is in %s.Allowed, but not among the first %d %s GET %s answers, and faynoSync answers no more",
			id, key, ListLimit, res, path))
	case !l.IDs[id]:
		return privilege.Lack(fmt.Sprintf("%s is in %s.Allowed, but is not one of the %s of %q, the team's owner (GET %s): "+
			"faynoSync lets a team user act only on its owner's objects", id, key, res, owner, path))
	case action == "upload":
		return privilege.Undecided(fmt.Sprintf("%s is in Apps.Allowed and belongs to %q, the team's owner, but faynoSync also requires "+
			"the upload's channel, platform and arch to be in Allowed, and the requirement names none of them", id, owner))
	}
	return privilege.Grant(fmt.Sprintf("%s is in %s.Allowed and belongs to %q, the team's owner (GET %s)", id, key, owner, path))
}

func deref(p *bool) bool { return p != nil && *p }

func derefString(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
