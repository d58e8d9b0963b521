package faynosync

import (
	"net/http"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// The demo server's secrets and ids.
const (
	Secret        = "simulator-jwt-secret-not-for-production"
	AdminPassword = "Adm1n-Passw0rd!"
	TeamPassword  = "T3am-Passw0rd!"
	TeamAPIToken  = "fns_7d1c9e4b2a6f8035c1e7d9b4a2f60813"
	AppDesktop    = "64f1c2a9e4b0d51a2c3e4f50"
	AppMobile     = "64f1c2a9e4b0d51a2c3e4f51"
	ChannelStable = "64f1c2b0e4b0d51a2c3e4f60"
	teamUserID    = "64f1c1f0e4b0d51a2c3e4f10"
)

// Demo returns a server with an admin ("admin"), a team user ("release-bot")
// who may upload and download two apps and edit the stable channel, and a
// team user ("viewer") with every flag off.
func Demo() *Server {
	s := New(Secret)
	s.AddUser(&User{Username: "admin", Password: AdminPassword,
		Body: map[string]any{"id": "64f1c1f0e4b0d51a2c3e4f00", "username": "admin", "is_admin": true}})
	s.AddUser(&User{Username: "release-bot", Password: TeamPassword, Body: map[string]any{
		"id": teamUserID, "username": "release-bot", "is_admin": false, "owner": "admin",
		"permissions": map[string]any{
			"Apps": map[string]any{"Create": false, "Delete": false, "Edit": true, "Download": true, "Upload": true,
				"Allowed": []string{AppDesktop, AppMobile}},
			"Channels":  map[string]any{"Create": false, "Delete": false, "Edit": true, "Allowed": []string{ChannelStable}},
			"Platforms": map[string]any{"Create": false, "Delete": false, "Edit": false, "Allowed": []string{}},
			"Archs":     map[string]any{"Create": false, "Delete": false, "Edit": false, "Allowed": nil},
		}}})
	s.AddUser(&User{Username: "viewer", Password: "V1ewer-Passw0rd!", Body: map[string]any{
		"id": "64f1c1f0e4b0d51a2c3e4f20", "username": "viewer", "is_admin": false, "owner": "admin",
		"permissions": map[string]any{
			"Apps":      map[string]any{"Create": false, "Delete": false, "Edit": false, "Download": false, "Upload": false, "Allowed": []string{}},
			"Channels":  map[string]any{"Create": false, "Delete": false, "Edit": false, "Allowed": []string{}},
			"Platforms": map[string]any{"Create": false, "Delete": false, "Edit": false, "Allowed": []string{}},
			"Archs":     map[string]any{"Create": false, "Delete": false, "Edit": false, "Allowed": []string{}},
		}}})
	s.AddAPIToken("release-bot", TeamAPIToken)
	return s
}

// Platform describes the demo server to the tests, the demo and the benchmark.
var Platform = simulator.Platform{
	Key:       "faynosync",
	New:       func() http.Handler { return Demo().Handler() },
	Token:     simulator.Identity{Token: TeamAPIToken, ID: teamUserID, Name: "release-bot", Requests: 1},
	Login:     simulator.Identity{Username: "release-bot", Password: TeamPassword, ID: teamUserID, Name: "release-bot", Requests: 1},
	LoginPath: loginPath,
	UserPath:  whoAmIPath,
	Bench: simulator.Bench{
		// The allowed app and channel, and a create flag that is off.
		Required: []string{"apps:upload:" + AppDesktop, "channels:edit:" + ChannelStable, "apps:create"},
		// /whoami carries the action flags and Allowed ids: one answer
		// decides all three.
		Cost: func([]string) simulator.Cost { return simulator.Cost{Minimum: 1, Chain: 1, Why: "GET " + whoAmIPath} },
	},
}
