package faynosync

import (
	"net/http"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// The demo server's secrets and ids: the ids, names and owners of the real
// v2.1.0 server the recordings in ../shared/api/faynosync/v2.1.0 come from,
// so that its answers can be compared with theirs byte for byte.
const (
	Secret        = "simulator-jwt-secret-not-for-production"
	AdminPassword = "Adm1n-Passw0rd!"
	TeamPassword  = "T3am-Passw0rd!"
	// UploadToken is admin's fns_ API token "ci-upload", allowed to upload
	// the desktop app (token-create.txt); ExpiredToken is its "short" one
	// for mobile, past its expires_at (token-create-expiring.txt).
	UploadToken  = "fns_7d1c9e4b2a6f8035c1e7d9b4a2f6081337c0ffee5eed1e55bead0fc0ffee0001"
	ExpiredToken = "fns_7d1c9e4b2a6f8035c1e7d9b4a2f6081337c0ffee5eed1e55bead0fc0ffee0002"

	AdminID  = "6b0e5a71718db44164937d4c"
	Admin2ID = "6b0e5b25718db44164937d63"

	AppDesktop      = "6b0e5a77718db44164937d4d"
	AppMobile       = "6b0e5a78718db44164937d4e"
	AppCLI          = "6b0e5a78718db44164937d4f"
	AppCreator      = "6b0e5a86718db44164937d5a"
	ChannelStable   = "6b0e5a78718db44164937d50"
	ChannelBeta     = "6b0e5a78718db44164937d51"
	ChannelNightly  = "6b0e5a86718db44164937d5b"
	PlatformWindows = "6b0e5a78718db44164937d52"
	PlatformLinux   = "6b0e5a78718db44164937d53"
	PlatformMacOS   = "6b0e5a87718db44164937d5c"
	ArchAMD64       = "6b0e5a78718db44164937d54"
	ArchUniversal   = "6b0e5a87718db44164937d5d"
	// NoOnesApp is an app id no object of the demo server has.
	NoOnesApp = "6b0e5aff718db44164937dff"
)

func at(clock string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, "2026-12-01T"+clock+"Z")
	if err != nil {
		panic(err)
	}
	return t
}

// Demo returns the recorded server's accounts and objects, as they stood
// after the recordings (the deleter's arch arm64 deleted, whoami-deleter-after.txt),
// except release-bot, as before it created a platform (whoami-release-bot.txt).
// admin owns every object; admin2 owns none (admin2-app-list.txt). Every team
// user's password is TeamPassword.
func Demo() *Server {
	s := New(Secret)
	s.AddAdmin(Admin{ID: AdminID, Username: "admin", Password: AdminPassword})
	s.AddAdmin(Admin{ID: Admin2ID, Username: "admin2", Password: AdminPassword})
	for _, o := range []Object{
		{"apps", AppDesktop, "desktop", "admin", at("05:26:15.833")},
		{"apps", AppMobile, "mobile", "admin", at("05:26:16.382")},
		{"apps", AppCLI, "cli", "admin", at("05:26:16.508")},
		{"channels", ChannelStable, "stable", "admin", at("05:26:16.601")},
		{"channels", ChannelBeta, "beta", "admin", at("05:26:16.702")},
		{"platforms", PlatformWindows, "windows", "admin", at("05:26:16.803")},
		{"platforms", PlatformLinux, "linux", "admin", at("05:26:16.904")},
		{"archs", ArchAMD64, "amd64", "admin", at("05:26:16.955")},
		{"apps", AppCreator, "creator-app", "admin", at("05:26:30.919")},
		{"channels", ChannelNightly, "nightly", "admin", at("05:26:31.101")},
		{"platforms", PlatformMacOS, "macos", "admin", at("05:26:31.202")},
		{"archs", ArchUniversal, "universal", "admin", at("05:26:31.303")},
	} {
		s.AddObject(o)
	}
	team := func(id, name, owner, updated string, p Permissions) {
		s.AddTeamUser(TeamUser{ID: id, Username: name, Password: TeamPassword, Owner: owner, Permissions: p, Updated: at(updated)})
	}
	team("6b0e5a81718db44164937d56", "release-bot", "admin", "05:26:25.193", Permissions{
		Apps:      AppRights{Edit: true, Download: true, Upload: true, Allowed: []string{AppDesktop, AppMobile}},
		Channels:  Rights{Edit: true, Allowed: []string{ChannelStable}},
		Platforms: Rights{Create: true},
		Archs:     Rights{Delete: true},
	})
	team("6b0e5a81718db44164937d57", "viewer", "admin", "05:26:25.634", Permissions{})
	team("6b0e5a81718db44164937d58", "creator", "admin", "05:26:25.882", Permissions{
		Apps:      AppRights{Create: true, Allowed: []string{AppCreator}},
		Channels:  Rights{Create: true, Edit: true, Allowed: []string{ChannelNightly}},
		Platforms: Rights{Create: true, Allowed: []string{PlatformMacOS}},
		Archs:     Rights{Create: true, Allowed: []string{ArchUniversal}},
	})
	team("6b0e5a82718db44164937d59", "postman-style", "admin", "05:26:26.292", Permissions{
		Apps:      AppRights{Delete: true, Edit: true, Download: true, Upload: true, Allowed: []string{"", ""}},
		Channels:  Rights{Create: true, Delete: true, Edit: true, Allowed: []string{""}},
		Platforms: Rights{Create: true, Edit: true, Allowed: []string{"linux"}},
		Archs:     Rights{Create: true, Edit: true, Allowed: []string{ArchAMD64}},
	})
	team("6b0e5aaf718db44164937d61", "dup-ids", "admin", "05:27:59.512", Permissions{Apps: AppRights{Upload: true, Allowed: []string{AppDesktop, AppDesktop}}})
	team("6b0e5ab0718db44164937d62", "empty-id", "admin", "05:27:59.873", Permissions{
		Channels: Rights{Edit: true, Allowed: []string{""}}, Platforms: Rights{Edit: true, Allowed: []string{"linux"}}})
	team("6b0e5b2c718db44164937d64", "cross", "admin2", "05:29:16.201", Permissions{Channels: Rights{Edit: true, Allowed: []string{ChannelStable}}})
	team("6b0e5b32718db44164937d65", "deleter", "admin", "05:29:23.344", Permissions{Archs: Rights{Delete: true}})
	expired := at("05:26:44")
	s.AddAPIToken(APIToken{ID: "6b0e5a8b718db44164937d5e", Token: UploadToken, Name: "ci-upload", Owner: "admin",
		AllowedApps: []string{AppDesktop}, Created: at("05:26:35.725")})
	s.AddAPIToken(APIToken{ID: "6b0e5a8c718db44164937d5f", Token: ExpiredToken, Name: "short", Owner: "admin",
		AllowedApps: []string{AppMobile}, ExpiresAt: &expired, Created: at("05:26:36.053")})
	return s
}

// Platform describes the demo server to the tests, the demo and the benchmark.
// Token is admin's upload-only API token, which /whoami answers as admin
// itself; Login is the team user release-bot by password (a team user cannot
// have an API token, and its /whoami id is the zero id, which current_user
// reports as null). Accounts["team"] is release-bot too, so that the
// simulator command exports its login for the demo.
var Platform = simulator.Platform{
	Key:       "faynosync",
	New:       func() http.Handler { return Demo().Handler() },
	Token:     simulator.Identity{Token: UploadToken, ID: AdminID, Name: "admin", Requests: 1},
	Login:     simulator.Identity{Username: "release-bot", Password: TeamPassword, Name: "release-bot", Requests: 1},
	Accounts:  map[string]simulator.Identity{"team": {Username: "release-bot", Password: TeamPassword, Name: "release-bot", Requests: 1}},
	LoginPath: loginPath,
	UserPath:  whoAmIPath,
	Bench: simulator.Bench{
		// The token's allowed app, an app id admin does not own (no token
		// of admin's can name it) and a create a token may never do.
		Required: []string{"apps:upload:" + AppDesktop, "apps:upload:" + NoOnesApp, "apps:create"},
		// /whoami answers the token as admin, and whether the token may
		// upload to an app at all needs the app to be admin's (a token's
		// allowed_apps can only be its admin's, admin2-token-for-admin-app.txt):
		// GET /app/list, once, after /whoami has said whose the token is.
		Cost: func([]string) simulator.Cost {
			return simulator.Cost{Minimum: 2, Chain: 2, Why: "GET " + whoAmIPath + ", then GET /app/list"}
		},
	},
}
