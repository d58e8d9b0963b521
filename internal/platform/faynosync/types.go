// Package faynosync talks to a faynoSync update server: GET /whoami, the
// POST /login flow, and the <resource>:<action>[:<id>] grammar. It knows
// nothing of Terraform.
package faynosync

// WhoAmI is GET /whoami: an admin has id, username and is_admin; a team user
// adds owner and permissions. The JSON keys of permissions are capitalised
// exactly as the server sends them.
type WhoAmI struct {
	ID          *string      `json:"id"`
	Username    *string      `json:"username"`
	IsAdmin     *bool        `json:"is_admin"`
	Owner       *string      `json:"owner"`
	Permissions *Permissions `json:"permissions"`
}

// Permissions are a team user's rights per resource.
type Permissions struct {
	Apps      *ResourcePermissions `json:"Apps"`
	Channels  *ResourcePermissions `json:"Channels"`
	Platforms *ResourcePermissions `json:"Platforms"`
	Archs     *ResourcePermissions `json:"Archs"`
}

// ResourcePermissions are the action flags on one resource type and the ids
// of the resources they apply to. Download and Upload exist for apps only.
type ResourcePermissions struct {
	Create   *bool    `json:"Create"`
	Delete   *bool    `json:"Delete"`
	Edit     *bool    `json:"Edit"`
	Download *bool    `json:"Download"`
	Upload   *bool    `json:"Upload"`
	Allowed  []string `json:"Allowed"`
}

// ZeroID is the id /whoami sends for every team user
// (whoami-release-bot.txt): not an id of anyone. Their real ids appear only
// in /users/list, which needs an admin.
const ZeroID = "000000000000000000000000"

// UserID is w's id, or "" when the server sent none or the zero id.
func (w *WhoAmI) UserID() string {
	if w.ID == nil || *w.ID == ZeroID {
		return ""
	}
	return *w.ID
}

// Object is one entry of a list endpoint's answer (/app/list, ...): the
// fields of faynoSync's model structs, which have no json tags.
type Object struct {
	ID    *string `json:"ID"`
	Owner *string `json:"Owner"`
}

// ListAnswer is the answer of a list endpoint: {"apps": [...]}, {"channels":
// [...]}, {"platforms": [...]} or {"archs": [...]}, null when there is none.
type ListAnswer struct {
	Apps      []Object `json:"apps"`
	Channels  []Object `json:"channels"`
	Platforms []Object `json:"platforms"`
	Archs     []Object `json:"archs"`
}
