package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simfs "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/faynosync"
)

// The faynoSync tests run against the recorded v2.1.0 server's accounts and
// objects (../shared/api/faynosync/v2.1.0, replayed by the simulator's own
// tests): admin owns every object, admin2 none.

const (
	fsUserAddr = "data.whoami_faynosync_current_user.me"
	fsPrivAddr = "data.whoami_faynosync_current_privileges.p"
)

func init() { traceRequired["faynosync"] = "apps:upload:" + simfs.AppDesktop }

func startFaynosync(t *testing.T) (*simulator.Server, *simfs.Server) {
	fs := simfs.Demo()
	return serve(t, fs.Handler(), false), fs
}

func fsLogin(endpoint, user, password string) string {
	return providerBlock("faynosync", assign("endpoint", endpoint), assign("username", user), assign("password", password))
}

func fsToken(endpoint, token string) string {
	return providerBlock("faynosync", assign("endpoint", endpoint), assign("token", token))
}

// fsRead reads both data sources with required.
func fsRead(provider string, required ...string) string {
	return provider + fmt.Sprintf(`
data "whoami_faynosync_current_user" "me" {}
data "whoami_faynosync_current_privileges" "p" {
  required = %s
}`, hclList(required))
}

func reasons(m map[string]string) knownvalue.Check {
	checks := map[string]knownvalue.Check{}
	for k, v := range m {
		checks[k] = str(v)
	}
	return knownvalue.MapExact(checks)
}

var fsAll = []string{"apps:create", "apps:delete", "apps:download", "apps:edit", "apps:upload", "archs:create", "archs:delete",
	"archs:edit", "channels:create", "channels:delete", "channels:edit", "platforms:create", "platforms:delete", "platforms:edit"}

// An admin acts on the objects it owns (/channel/list, /app/list), and on no
// other (admin2-*.txt); /download takes no app id. One list request per
// resource type an id needs, none for the others.
func TestFaynosync_adminOwnsWhatItsListsShow(t *testing.T) {
	t.Parallel()
	srv, _ := startFaynosync(t)
	readOnce(t, fsRead(fsLogin(srv.URL, "admin", simfs.AdminPassword), "apps:delete", "channels:edit:"+simfs.ChannelStable,
		"apps:edit:"+simfs.NoOnesApp, "apps:upload:"+simfs.AppDesktop, "apps:download:anything"),
		at(fsUserAddr, "id", str(simfs.AdminID)),
		at(fsUserAddr, "username", str("admin")),
		at(fsUserAddr, "is_admin", knownvalue.Bool(true)),
		at(fsUserAddr, "owner", knownvalue.Null()),
		at(fsUserAddr, "credential_kind", str("login")),
		at(fsPrivAddr, "is_admin", knownvalue.Bool(true)),
		at(fsPrivAddr, "permissions", knownvalue.Null()),
		at(fsPrivAddr, "privileges", strList(fsAll...)),
		at(fsPrivAddr, "missing", setOf("apps:edit:"+simfs.NoOnesApp)),
		at(fsPrivAddr, "unknown", setOf()),
		at(fsPrivAddr, "reasons", reasons(map[string]string{
			"apps:delete":                          "the caller is an administrator",
			"channels:edit:" + simfs.ChannelStable: "the administrator owns channel " + simfs.ChannelStable + " (GET /channel/list)",
			"apps:edit:" + simfs.NoOnesApp: simfs.NoOnesApp + " is not among the apps the administrator owns (GET /app/list), " +
				"and faynoSync lets an administrator act only on its own",
			"apps:upload:" + simfs.AppDesktop: "the administrator owns app " + simfs.AppDesktop + " (GET /app/list)",
			"apps:download:anything": "the caller is an administrator, and faynoSync's /download checks only the Download flag, " +
				"not an app id (it takes a storage key)",
		})),
		at(fsPrivAddr, "principal", str(`faynoSync user "admin"`)),
		at(fsPrivAddr, "all_granted", knownvalue.Bool(false)),
	)
	if got := fmt.Sprintf("app=%d channel=%d platform=%d whoami=%d", srv.Count("GET", "/app/list"), srv.Count("GET", "/channel/list"),
		srv.Count("GET", "/platform/list"), srv.Count("GET", "/whoami")); got != "app=1 channel=1 platform=0 whoami=1" {
		t.Errorf("requests: %s", got)
	}
}

// A second admin owns none of admin's objects: refused on them
// (admin2-edit-admin-channel.txt, admin2-delete-admin-arch.txt; its
// /app/list is {"apps":null}, admin2-app-list.txt).
func TestFaynosync_secondAdminLacksTheFirstOnesObjects(t *testing.T) {
	t.Parallel()
	srv, _ := startFaynosync(t)
	readOnce(t, fsRead(fsLogin(srv.URL, "admin2", simfs.AdminPassword), "channels:edit:"+simfs.ChannelStable, "archs:delete:"+simfs.ArchAMD64, "apps:create"),
		at(fsUserAddr, "id", str(simfs.Admin2ID)),
		at(fsPrivAddr, "missing", setOf("channels:edit:"+simfs.ChannelStable, "archs:delete:"+simfs.ArchAMD64)),
		at(fsPrivAddr, "reasons", reasons(map[string]string{
			"channels:edit:" + simfs.ChannelStable: simfs.ChannelStable + " is not among the channels the administrator owns " +
				"(GET /channel/list), and faynoSync lets an administrator act only on its own",
			"archs:delete:" + simfs.ArchAMD64: simfs.ArchAMD64 + " is not among the archs the administrator owns (GET /arch/list), " +
				"and faynoSync lets an administrator act only on its own",
			"apps:create": "the caller is an administrator",
		})),
	)
}

// An fns_ API token: /whoami answers its owning admin (whoami-api-token.txt),
// but the token may only upload to allowed apps it cannot read.
func TestFaynosync_apiTokenMayOnlyUpload(t *testing.T) {
	t.Parallel()
	srv, _ := startFaynosync(t)
	const cannotRead = "an API token may upload only to its allowed apps, and faynoSync does not let a token read which they are " +
		"(GET /token/list needs an administrator's JWT)"
	const only = `faynoSync lets an API token do nothing but upload to its allowed apps ("API tokens are restricted to app upload")`
	readOnce(t, fsRead(providerBlock("faynosync", tokenAttrs("faynosync", srv.URL)), "apps:upload", "apps:upload:"+simfs.AppDesktop,
		"apps:upload:"+simfs.NoOnesApp, "apps:download", "channels:create", "apps:edit:"+simfs.AppDesktop),
		at(fsUserAddr, "id", str(simfs.AdminID)),
		at(fsUserAddr, "username", str("admin")),
		at(fsUserAddr, "is_admin", knownvalue.Bool(true)),
		at(fsUserAddr, "credential_kind", str("api_token")),
		at(fsPrivAddr, "privileges", strList()),
		at(fsPrivAddr, "missing", setOf("apps:upload:"+simfs.NoOnesApp, "apps:download", "channels:create", "apps:edit:"+simfs.AppDesktop)),
		at(fsPrivAddr, "unknown", setOf("apps:upload", "apps:upload:"+simfs.AppDesktop)),
		at(fsPrivAddr, "reasons", reasons(map[string]string{
			"apps:upload":                     cannotRead,
			"apps:upload:" + simfs.AppDesktop: cannotRead,
			"apps:upload:" + simfs.NoOnesApp: simfs.NoOnesApp + ` is not an app of "admin", the token's administrator (GET /app/list), ` +
				"and a token's allowed apps can only be its administrator's",
			"apps:download": only, "channels:create": only, "apps:edit:" + simfs.AppDesktop: only,
		})),
		at(fsPrivAddr, "principal", str(`faynoSync API token of user "admin"`)),
	)
}

func fsResource(create, del, edit bool, download, upload knownvalue.Check, allowed knownvalue.Check) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"create": knownvalue.Bool(create), "delete": knownvalue.Bool(del), "edit": knownvalue.Bool(edit),
		"download": download, "upload": upload, "allowed": allowed,
	})
}

// A team user (whoami-release-bot.txt) by login: the zero id is null; the
// flag, Allowed and its owner's lists decide.
func TestFaynosync_teamUser(t *testing.T) {
	t.Parallel()
	srv, _ := startFaynosync(t)
	null := knownvalue.Null()
	readOnce(t, fsRead(fsLogin(srv.URL, "release-bot", simfs.TeamPassword), "apps:upload", "apps:upload:"+simfs.AppDesktop,
		"apps:upload:"+simfs.AppCLI, "channels:edit:"+simfs.ChannelStable, "apps:download:"+simfs.AppCLI, "channels:create", "archs:delete"),
		at(fsUserAddr, "id", null),
		at(fsUserAddr, "username", str("release-bot")),
		at(fsUserAddr, "is_admin", knownvalue.Bool(false)),
		at(fsUserAddr, "owner", str("admin")),
		at(fsUserAddr, "credential_kind", str("login")),
		at(fsPrivAddr, "permissions", knownvalue.ObjectExact(map[string]knownvalue.Check{
			"apps":      fsResource(false, false, true, knownvalue.Bool(true), knownvalue.Bool(true), strList(simfs.AppDesktop, simfs.AppMobile)),
			"channels":  fsResource(false, false, true, null, null, strList(simfs.ChannelStable)),
			"platforms": fsResource(true, false, false, null, null, strList()),
			"archs":     fsResource(false, true, false, null, null, strList()),
		})),
		at(fsPrivAddr, "privileges", strList("apps:download", "apps:edit", "apps:upload", "archs:delete", "channels:edit", "platforms:create")),
		at(fsPrivAddr, "missing", setOf("apps:upload:"+simfs.AppCLI, "channels:create")),
		at(fsPrivAddr, "unknown", setOf("apps:upload:"+simfs.AppDesktop)),
		at(fsPrivAddr, "reasons", reasons(map[string]string{
			"apps:upload": "the Upload flag on Apps is on",
			"apps:upload:" + simfs.AppDesktop: simfs.AppDesktop + ` is in Apps.Allowed and belongs to "admin", the team's owner, but ` +
				"faynoSync also requires the upload's channel, platform and arch to be in Allowed, and the requirement names none of them",
			"apps:upload:" + simfs.AppCLI: simfs.AppCLI + " is not in Apps.Allowed",
			"channels:edit:" + simfs.ChannelStable: simfs.ChannelStable + ` is in Channels.Allowed and belongs to "admin", ` +
				"the team's owner (GET /channel/list)",
			// rb-download-any-key.txt: /download checks the flag, not the app.
			"apps:download:" + simfs.AppCLI: "the Download flag on Apps is on, and faynoSync's /download checks only the flag: " +
				"it takes a storage key, not an app id",
			"channels:create": "the Create flag on Channels is off",
			"archs:delete":    "the Delete flag on Archs is on",
		})),
		at(fsPrivAddr, "principal", str(`faynoSync user "release-bot"`)),
	)
}

// A team user whose Allowed names another admin's channel is refused on it
// (cross-edit-admin-channel.txt): its /channel/list does not hold it.
func TestFaynosync_teamUserOfAnotherOwner(t *testing.T) {
	t.Parallel()
	srv, _ := startFaynosync(t)
	jwt := simfs.SignJWT(simfs.Secret, "cross", time.Now().Add(time.Hour))
	readOnce(t, fsRead(fsToken(srv.URL, jwt), "channels:edit:"+simfs.ChannelStable),
		at(fsUserAddr, "credential_kind", str("jwt")),
		at(fsUserAddr, "owner", str("admin2")),
		at(fsPrivAddr, "missing", setOf("channels:edit:"+simfs.ChannelStable)),
		at(fsPrivAddr, "reasons", reasons(map[string]string{"channels:edit:" + simfs.ChannelStable: simfs.ChannelStable +
			` is in Channels.Allowed, but is not one of the channels of "admin2", the team's owner (GET /channel/list): ` +
			"faynoSync lets a team user act only on its owner's objects"})),
	)
}

// faynoSync stores Allowed as sent (whoami-postman-style.txt,
// whoami-dup-ids.txt): repeats and empty ids are dropped, null is [], so
// length() and contains() work; no privilege has an empty id.
func TestFaynosync_allowedAsStoredIsCleaned(t *testing.T) {
	t.Parallel()
	srv, _ := startFaynosync(t)
	for user, allowed := range map[string][]string{"postman-style": {}, "dup-ids": {simfs.AppDesktop}} {
		t.Run(user, func(t *testing.T) {
			t.Parallel()
			out := planOnce(t, fsToken(srv.URL, simfs.SignJWT(simfs.Secret, user, time.Now().Add(time.Hour)))+`
data "whoami_faynosync_current_privileges" "p" {}
output "apps" { value = "${length(data.whoami_faynosync_current_privileges.p.permissions.apps.allowed)} ${jsonencode(data.whoami_faynosync_current_privileges.p.permissions.apps.allowed)}" }
output "privileges" { value = join(",", data.whoami_faynosync_current_privileges.p.privileges) }
`)
			want := fmt.Sprintf("%d [%s]", len(allowed), strings.Join(quoted(allowed), ","))
			if got := outputValue(t, out, "apps"); got != want {
				t.Errorf("apps.allowed = %s, want %s", got, want)
			}
			if got := outputValue(t, out, "privileges"); strings.Contains(got, ":,") || strings.HasSuffix(got, ":") {
				t.Errorf("privileges with an empty id: %s", got)
			}
		})
	}
}

func quoted(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = fmt.Sprintf("%q", id)
	}
	return out
}

// A list endpoint that fails makes only what needs it unknown.
func TestFaynosync_listFailureIsUnknown(t *testing.T) {
	t.Parallel()
	srv, _ := startFaynosync(t)
	srv.Inject("/arch/list", simulator.Fault{Status: http.StatusForbidden, Body: `{"error":"Permission denied"}`})
	readOnce(t, fsRead(fsLogin(srv.URL, "admin", simfs.AdminPassword), "archs:edit:"+simfs.ArchAMD64, "channels:edit:"+simfs.ChannelBeta),
		at(fsPrivAddr, "missing", setOf()),
		at(fsPrivAddr, "unknown", setOf("archs:edit:"+simfs.ArchAMD64)),
		at(fsPrivAddr, "reasons", reasons(map[string]string{
			"archs:edit:" + simfs.ArchAMD64: "an administrator acts only on the objects it owns, and GET /arch/list failed: GET " +
				srv.URL + "/arch/list returned 403 Forbidden: Permission denied",
			"channels:edit:" + simfs.ChannelBeta: "the administrator owns channel " + simfs.ChannelBeta + " (GET /channel/list)",
		})),
	)
}

// FAYNOSYNC_URL is faynoSync's own CLI's name for the endpoint; a bare
// host:port is plain HTTP, as faynoSync serves.
func TestFaynosync_urlVariableAndBareHost(t *testing.T) {
	t.Parallel()
	srv, _ := startFaynosync(t)
	readFromEnvironment(t, map[string]string{"FAYNOSYNC_URL": strings.TrimPrefix(srv.URL, "http://"), "FAYNOSYNC_USERNAME": "viewer",
		"FAYNOSYNC_PASSWORD": simfs.TeamPassword}, `
data "whoami_faynosync_current_privileges" "p" {
  required = ["apps:download", "apps:download:`+simfs.AppDesktop+`"]
}`,
		at(fsPrivAddr, "privileges", strList()),
		at(fsPrivAddr, "missing", setOf("apps:download", "apps:download:"+simfs.AppDesktop)),
		at(fsPrivAddr, "all_granted", knownvalue.Bool(false)),
	)
}

// A bare remote host gets http:// and port 9000, and the plain-text warning;
// nothing is sent there because no faynoSync data source reads.
func TestFaynosync_bareRemoteHostIsPlainHTTPWithAWarning(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	out := planOnce(t, fmt.Sprintf(`
provider "whoami" {
  faynosync {
    endpoint = "updates.example.com"
    token    = "fns_x"
  }
  qumulo {
    %s
  }
}
data "whoami_qumulo_current_user" "me" {}
output "name" { value = data.whoami_qumulo_current_user.me.name }
`, tokenAttrs("qumulo", srv.URL)))
	if !warning("faynoSync credentials travel unencrypted",
		"The endpoint http://updates.example.com:9000 is plain http:// on a host that is not loopback, so the token or password "+
			"crosses the network readable by anyone on the path. Use https://.").MatchString(out) {
		t.Errorf("plan output lacks the plain-http warning:\n%s", out)
	}
	if exactly("Qumulo credentials travel unencrypted").MatchString(out) {
		t.Errorf("loopback http must not warn:\n%s", out)
	}
}

// A JWT expiring mid-plan gets one new login.
func TestFaynosync_expiredTokenLogsInAgain(t *testing.T) {
	t.Parallel()
	srv, fs := startFaynosync(t)
	srv.Inject("/whoami", simulator.Fault{Status: http.StatusUnauthorized, Body: `{"error":"token expired"}`})
	out := planOnce(t, fsLogin(srv.URL, "release-bot", simfs.TeamPassword)+`
data "whoami_faynosync_current_user" "me" {}
output "username" { value = data.whoami_faynosync_current_user.me.username }
`)
	expectOutputs(t, out, `username = "release-bot"`)
	if got := fmt.Sprintf("login=%d whoami=%d issued=%d", srv.Count(http.MethodPost, "/login"), srv.Count(http.MethodGet, "/whoami"), len(fs.IssuedTokens())); got != "login=2 whoami=2 issued=2" {
		t.Errorf("requests: %s, want login=2 whoami=2 issued=2", got)
	}
}

// Each 401 of server/utils/auth.go (err-*.txt) has its own cure.
func TestFaynosync_errorsToldApart(t *testing.T) {
	t.Parallel()
	srv, _ := startFaynosync(t)
	down, fs := startFaynosync(t)
	fs.SetDatabaseDown(true)
	// Each advice ends naming where the refused credential came from.
	source := " The token came from token in the faynosync block."
	whoami := source + " GET " + srv.URL + "/whoami returned 401 Unauthorized: "
	cases := map[string]struct{ config, summary, detail string }{
		"expired jwt": {fsToken(srv.URL, simfs.SignJWT(simfs.Secret, "release-bot", time.Now().Add(-time.Hour))), "faynoSync token expired",
			"The JWT has expired (faynoSync issues them for 24 hours): log in again for a new one, or set username and password " +
				"so the provider logs in itself." + whoami + "token expired"},
		"expired api token": {fsToken(srv.URL, simfs.ExpiredToken), "faynoSync API token expired",
			"The fns_ API token is past its expiry date. API tokens cannot be renewed: ask a faynoSync administrator for a new one " +
				"(POST /token/create)." + whoami + "token expired"},
		"unknown api token": {fsToken(srv.URL, "fns_0000000000000000000000000000000000000000000000000000000000000000"), "faynoSync API token not recognised",
			"faynoSync knows no fns_ API token like this one: it was revoked, mistyped, or issued by another faynoSync server. " +
				"Ask a faynoSync administrator for a new one." + whoami + "invalid or expired token"},
		"foreign": {fsToken(srv.URL, simfs.SignJWT("another-server-secret", "admin", time.Now().Add(time.Hour))), "faynoSync token was not signed by this server",
			"The JWT's signature does not match this server's key: the token is damaged (cut short or altered when it was copied) " +
				"or from another server (another faynoSync, or this one before its JWT secret changed). Log in to this server again." +
				whoami + "invalid token signature"},
		"malformed": {fsToken(srv.URL, "not-a-jwt"), "faynoSync token is malformed",
			`The token is neither a JWT nor an fns_ API token as faynoSync issued it: check that it was copied whole, without quotes, ` +
				`spaces or a "Bearer " prefix.` + whoami + "malformed token"},
		"database down": {fsToken(down.URL, simfs.SignJWT(simfs.Secret, "admin", time.Now().Add(time.Hour))), "faynoSync user not found",
			"faynoSync knows no user of this token's name: the account was deleted, or the token comes from another server that " +
				"shares this one's JWT secret. faynoSync also answers so when its database is unreachable (after 30 seconds): if the " +
				"account exists, check the server's MongoDB." + source + " GET " + down.URL + "/whoami returned 401 Unauthorized: User not found"},
		"login path": {fsLogin(srv.URL+"/api", "admin", simfs.AdminPassword), "faynoSync login path not found",
			`faynoSync answers a path it does not serve with "missing authorization header" when the request carries no token, ` +
				"as a login does: the endpoint's path is probably wrong. faynoSync serves POST /login at the root, so the endpoint is " +
				"http://host:9000 or the address of the proxy in front of it, without a path. POST " + srv.URL +
				"/api/login returned 401 Unauthorized: missing authorization header"},
		"wrong password": {fsLogin(srv.URL, "admin", "nope"), "faynoSync rejected the credentials",
			"The user name \"admin\" and its password (from password in the faynosync block) were not accepted; check them, and that " +
				"the account is not locked. POST " + srv.URL + "/login returned 401 Unauthorized: invalid username or password"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			expectPlanError(t, c.config+`data "whoami_faynosync_current_user" "me" {}`, diagnostic(c.summary, c.detail))
		})
	}
}

func TestFaynosync_validation(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"apps":               `"apps" is not a faynoSync privilege: expected <resource>:<action> or <resource>:<action>:<id>, such as apps:upload or channels:edit:64f1c2.`,
		"channels:upload":    `"channels:upload" names an action faynoSync has only for apps: channels has create, delete and edit.`,
		"apps:upload:a b c":  `"apps:upload:a b c" is not a faynoSync privilege: expected <resource>:<action> or <resource>:<action>:<id>, such as apps:upload or channels:edit:64f1c2.`,
		"platforms:create:x": `"platforms:create:x" names an id, but creating acts on no existing object: write platforms:create.`,
	}
	for req, detail := range cases {
		t.Run(req, func(t *testing.T) {
			t.Parallel()
			expectPlanError(t, fmt.Sprintf(`data "whoami_faynosync_current_privileges" "p" { required = [%q] }`, req),
				diagnostic("Malformed faynoSync privilege", detail))
		})
	}
}

func TestFaynosync_typoWarnings(t *testing.T) {
	t.Parallel()
	tail := ` It is still evaluated as written, in case it is newer than the provider.`
	expectLines(t, validateWarnings(t, `
data "whoami_faynosync_current_privileges" "p" {
  required = ["apss:upload", "channels:eddit:64f1c2"]
}`), []string{
		`warning: Unknown faynoSync privilege "apss:upload": "apss:upload" is not among the faynoSync privileges the provider knows; did you mean "apps:upload"?` + tail,
		`warning: Unknown faynoSync privilege "channels:eddit:64f1c2": "channels:eddit:64f1c2" is not among the faynoSync privileges the provider knows; did you mean "channels:edit:64f1c2"?` + tail,
	})
}
