package provider

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simfs "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/faynosync"
)

const (
	fsUserAddr = "data.whoami_faynosync_current_user.me"
	fsPrivAddr = "data.whoami_faynosync_current_privileges.p"
)

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

func TestFaynosync_admin(t *testing.T) {
	t.Parallel()
	srv, _ := startFaynosync(t)
	readOnce(t, fsLogin(srv.URL, "admin", simfs.AdminPassword)+`
data "whoami_faynosync_current_user" "me" {}
data "whoami_faynosync_current_privileges" "p" {
  required = ["apps:delete", "archs:create", "channels:edit:anything"]
}`,
		at(fsUserAddr, "id", str("64f1c1f0e4b0d51a2c3e4f00")),
		at(fsUserAddr, "username", str("admin")),
		at(fsUserAddr, "is_admin", knownvalue.Bool(true)),
		at(fsUserAddr, "owner", knownvalue.Null()),
		at(fsPrivAddr, "is_admin", knownvalue.Bool(true)),
		at(fsPrivAddr, "permissions", knownvalue.Null()),
		at(fsPrivAddr, "privileges", strList("apps:create", "apps:delete", "apps:download", "apps:edit", "apps:upload",
			"archs:create", "archs:delete", "archs:edit", "channels:create", "channels:delete", "channels:edit",
			"platforms:create", "platforms:delete", "platforms:edit")),
		at(fsPrivAddr, "missing", setOf()),
		// An admin acts only on the objects it owns (admin2-*.txt): an id is unknown.
		at(fsPrivAddr, "unknown", setOf("channels:edit:anything")),
		at(fsPrivAddr, "reasons", knownvalue.MapExact(map[string]knownvalue.Check{
			"apps:delete":            str("the caller is an administrator"),
			"archs:create":           str("the caller is an administrator"),
			"channels:edit:anything": str("an administrator acts only on the objects it owns, and the provider does not check who owns anything"),
		})),
		at(fsPrivAddr, "principal", str(`faynoSync user "admin"`)),
		at(fsPrivAddr, "all_granted", knownvalue.Bool(false)),
	)
}

func fsResource(create, del, edit bool, download, upload knownvalue.Check, allowed knownvalue.Check) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"create": knownvalue.Bool(create), "delete": knownvalue.Bool(del), "edit": knownvalue.Bool(edit),
		"download": download, "upload": upload, "allowed": allowed,
	})
}

func TestFaynosync_teamUserWithAllowedIDs(t *testing.T) {
	t.Parallel()
	srv, _ := startFaynosync(t)
	null := knownvalue.Null()
	readOnce(t, providerBlock("faynosync", tokenAttrs("faynosync", srv.URL))+fmt.Sprintf(`
data "whoami_faynosync_current_user" "me" {}
data "whoami_faynosync_current_privileges" "p" {
  required = ["apps:upload", "apps:upload:%[1]s", "apps:upload:64f1c2a9e4b0d51a2c3e4fff", "channels:edit:%[2]s",
              "channels:create", "platforms:edit", "archs:delete"]
}`, simfs.AppDesktop, simfs.ChannelStable),
		at(fsUserAddr, "id", str("64f1c1f0e4b0d51a2c3e4f10")),
		at(fsUserAddr, "username", str("release-bot")),
		at(fsUserAddr, "is_admin", knownvalue.Bool(false)),
		at(fsUserAddr, "owner", str("admin")),
		at(fsPrivAddr, "permissions", knownvalue.ObjectExact(map[string]knownvalue.Check{
			"apps":      fsResource(false, false, true, knownvalue.Bool(true), knownvalue.Bool(true), strList(simfs.AppDesktop, simfs.AppMobile)),
			"channels":  fsResource(false, false, true, null, null, strList(simfs.ChannelStable)),
			"platforms": fsResource(false, false, false, null, null, strList()),
			"archs":     fsResource(false, false, false, null, null, null),
		})),
		// Ids are not listed: whether an allowed id may be acted on depends on its owner.
		at(fsPrivAddr, "privileges", strList("apps:download", "apps:edit", "apps:upload", "channels:edit")),
		at(fsPrivAddr, "missing", setOf("apps:upload:64f1c2a9e4b0d51a2c3e4fff", "archs:delete", "channels:create", "platforms:edit")),
		at(fsPrivAddr, "unknown", setOf("apps:upload:"+simfs.AppDesktop, "channels:edit:"+simfs.ChannelStable)),
		at(fsPrivAddr, "reasons", knownvalue.MapExact(map[string]knownvalue.Check{
			"apps:upload": str("the Upload flag on Apps is on"),
			"apps:upload:" + simfs.AppDesktop: str(simfs.AppDesktop + " is in Apps.Allowed, but faynoSync also requires it to belong " +
				"to the team's owner, which the provider does not check"),
			"apps:upload:64f1c2a9e4b0d51a2c3e4fff": str("64f1c2a9e4b0d51a2c3e4fff is not in Apps.Allowed"),
			"channels:edit:" + simfs.ChannelStable: str(simfs.ChannelStable + " is in Channels.Allowed, but faynoSync also requires it " +
				"to belong to the team's owner, which the provider does not check"),
			"channels:create": str("the Create flag on Channels is off"),
			"platforms:edit":  str("the Edit flag on Platforms is off"),
			"archs:delete":    str("the Delete flag on Archs is off"),
		})),
	)
}

func TestFaynosync_teamUserWithoutRightsFromEnvironment(t *testing.T) {
	t.Parallel()
	srv, _ := startFaynosync(t)
	readFromEnvironment(t, map[string]string{"FAYNOSYNC_ENDPOINT": srv.URL, "FAYNOSYNC_USERNAME": "viewer", "FAYNOSYNC_PASSWORD": "V1ewer-Passw0rd!"}, `
data "whoami_faynosync_current_privileges" "p" {
  required = ["apps:download", "apps:download:`+simfs.AppDesktop+`"]
}`,
		at(fsPrivAddr, "privileges", strList()),
		at(fsPrivAddr, "missing", setOf("apps:download", "apps:download:"+simfs.AppDesktop)),
		at(fsPrivAddr, "unknown", setOf()),
		at(fsPrivAddr, "all_granted", knownvalue.Bool(false)),
	)
}

// A JWT expiring mid-plan gets one new login.
func TestFaynosync_expiredTokenLogsInAgain(t *testing.T) {
	t.Parallel()
	srv, fs := startFaynosync(t)
	srv.Inject("/whoami", simulator.Fault{Status: http.StatusUnauthorized, Body: `{"error":"token expired"}`})
	out := planOnce(t, providerBlock("faynosync", loginAttrs("faynosync", srv.URL))+`
data "whoami_faynosync_current_user" "me" {}
output "username" { value = data.whoami_faynosync_current_user.me.username }
`)
	expectOutputs(t, out, `username = "release-bot"`)
	if got := fmt.Sprintf("login=%d whoami=%d issued=%d", srv.Count(http.MethodPost, "/login"), srv.Count(http.MethodGet, "/whoami"), len(fs.IssuedTokens())); got != "login=2 whoami=2 issued=2" {
		t.Errorf("requests: %s, want login=2 whoami=2 issued=2", got)
	}
}

func TestFaynosync_tokenErrorsToldApart(t *testing.T) {
	t.Parallel()
	srv, _ := startFaynosync(t)
	expired := simfs.SignJWT(simfs.Secret, "release-bot", time.Now().Add(-time.Hour))
	foreign := simfs.SignJWT("another-server-secret", "release-bot", time.Now().Add(time.Hour))
	cases := map[string]struct{ token, summary, detail string }{
		"expired": {expired, "faynoSync token expired",
			"The JWT has expired (faynoSync issues them for 24 hours). Use an fns_ API token, or set username and password so the provider logs in itself. " +
				"GET " + srv.URL + "/whoami returned 401 Unauthorized: token expired"},
		"foreign": {foreign, "faynoSync token was not signed by this server",
			"The token's signature does not match this server's key: it was issued by another faynoSync server, or the server's JWT secret changed. " +
				"Log in to this server again. GET " + srv.URL + "/whoami returned 401 Unauthorized: invalid token signature"},
		"malformed": {"not-a-jwt", "faynoSync token is malformed",
			`The token is neither a JWT nor an fns_ API token as faynoSync issued it: check that it was copied whole, without quotes, spaces or a "Bearer " prefix. ` +
				"GET " + srv.URL + "/whoami returned 401 Unauthorized: malformed token"},
		"revoked api token": {"fns_00000000000000000000000000000000", "faynoSync rejected the credentials",
			"The token came from token in the faynosync block; check that it is correct and has not expired or been revoked. " +
				"GET " + srv.URL + "/whoami returned 401 Unauthorized: invalid API token"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			expectPlanError(t, fsToken(srv.URL, c.token)+`data "whoami_faynosync_current_user" "me" {}`, diagnostic(c.summary, c.detail))
		})
	}
	t.Run("wrong password", func(t *testing.T) {
		t.Parallel()
		expectPlanError(t, fsLogin(srv.URL, "admin", "nope")+`data "whoami_faynosync_current_user" "me" {}`,
			diagnostic("faynoSync rejected the credentials", "The user name and password (password from password in the faynosync block) "+
				"were not accepted; check them, and that the account is not locked. POST "+srv.URL+"/login returned 401 Unauthorized: invalid username or password"))
	})
}

func TestFaynosync_validation(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"apps":              `"apps" is not a faynoSync privilege: expected <resource>:<action> or <resource>:<action>:<id>, such as apps:upload or channels:edit:64f1c2.`,
		"channels:upload":   `"channels:upload" names an action faynoSync has only for apps: channels has create, delete and edit.`,
		"apps:upload:a b c": `"apps:upload:a b c" is not a faynoSync privilege: expected <resource>:<action> or <resource>:<action>:<id>, such as apps:upload or channels:edit:64f1c2.`,
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
		`warning: Unknown faynoSync privilege: "apss:upload" is not among the faynoSync privileges the provider knows; did you mean "apps:upload"?` + tail,
		`warning: Unknown faynoSync privilege: "channels:eddit:64f1c2" is not among the faynoSync privileges the provider knows; did you mean "channels:edit:64f1c2"?` + tail,
	})
}

// Plain http to a remote host is configured with a warning; nothing is sent
// there because no faynoSync data source reads.
func TestFaynosync_plainHTTPToRemoteHostWarns(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	out := planOnce(t, fmt.Sprintf(`
provider "whoami" {
  faynosync {
    endpoint = "http://updates.example.com:9000"
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
	// The simulators run on plain http on loopback: no warning for them.
	if exactly("Qumulo credentials travel unencrypted").MatchString(out) {
		t.Errorf("loopback http must not warn:\n%s", out)
	}
}

// faynoSync stores Allowed as sent (whoami-dup-ids.txt, whoami-postman-style.txt):
// repeats, empty ids and a null never fail a read, and never become a
// privilege such as channels:edit: with no id.
func TestFaynosync_repeatedAndEmptyAllowedIDsNeverFailARead(t *testing.T) {
	t.Parallel()
	srv, _ := startFaynosync(t)
	srv.Inject("/whoami", simulator.Fault{Status: http.StatusOK, Body: `{"id":"000000000000000000000000","username":"release-bot",
		"is_admin":false,"owner":"admin","permissions":{
		"Apps":{"Create":false,"Delete":false,"Edit":false,"Download":false,"Upload":true,"Allowed":["","",null]},
		"Channels":{"Create":false,"Delete":false,"Edit":true,"Allowed":["` + simfs.ChannelStable + `","` + simfs.ChannelStable + `"]},
		"Platforms":{"Create":false,"Delete":false,"Edit":false,"Allowed":null},
		"Archs":{"Create":false,"Delete":false,"Edit":false,"Allowed":null}}}`})
	readOnce(t, providerBlock("faynosync", tokenAttrs("faynosync", srv.URL))+`
data "whoami_faynosync_current_privileges" "p" {
  required = ["channels:edit:`+simfs.ChannelStable+`", "apps:upload:`+simfs.AppDesktop+`"]
}`,
		at(fsPrivAddr, "privileges", strList("apps:upload", "channels:edit")),
		at(fsPrivAddr, "permissions", strList("", "", ""), "apps", "allowed"),
		at(fsPrivAddr, "missing", setOf("apps:upload:"+simfs.AppDesktop)),
		at(fsPrivAddr, "unknown", setOf("channels:edit:"+simfs.ChannelStable)),
	)
}
