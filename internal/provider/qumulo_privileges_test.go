package provider

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

const qumuloPrivAddr = "data.whoami_qumulo_current_privileges.p"

func init() { traceRequired["qumulo"] = "PRIVILEGE_SMB_SHARE_READ" }

// qumuloPrivilegesConfig reads svc-terraform's privileges with the given
// arguments inside the data source block.
func qumuloPrivilegesConfig(endpoint, args string) string {
	return providerBlock("qumulo", tokenAttrs("qumulo", endpoint)) + `
data "whoami_qumulo_current_privileges" "p" {
` + args + `
}
`
}

func privAt(attr string, v knownvalue.Check) stateCheck { return at(qumuloPrivAddr, attr, v) }

func TestQumuloPrivileges_allGranted(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	readOnce(t, qumuloPrivilegesConfig(srv.URL, `
  required = ["PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_QUOTA_READ"]
  enforce  = true
`),
		privAt("id", knownvalue.StringExact("1026")),
		privAt("privileges", setOf("PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_READ", "PRIVILEGE_NFS_EXPORT_READ")),
		privAt("roles", setOf("Observers", "Share Operators")),
		privAt("required", setOf("PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_QUOTA_READ")),
		privAt("missing", setOf()),
		privAt("all_granted", knownvalue.Bool(true)),
		privAt("enforce", knownvalue.Bool(true)),
	)
}

func TestQumuloPrivileges_someMissing(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	// A _WRITE privilege does not imply its _READ, and the reverse.
	readOnce(t, qumuloPrivilegesConfig(srv.URL, `
  required = ["PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_WRITE", "PRIVILEGE_NFS_EXPORT_WRITE", "PRIVILEGE_SNAPSHOT_READ"]
`),
		privAt("missing", setOf("PRIVILEGE_NFS_EXPORT_WRITE", "PRIVILEGE_QUOTA_WRITE", "PRIVILEGE_SNAPSHOT_READ")),
		privAt("all_granted", knownvalue.Bool(false)),
		privAt("enforce", knownvalue.Bool(false)),
	)
}

func TestQumuloPrivileges_noRequirements(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	readOnce(t, qumuloPrivilegesConfig(srv.URL, ""),
		privAt("required", knownvalue.Null()),
		privAt("missing", setOf()),
		privAt("all_granted", knownvalue.Bool(true)),
	)
}

func TestQumuloPrivileges_enforceFailsThePlan(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	expectPlanError(t, qumuloPrivilegesConfig(srv.URL, `
  required = ["PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_SNAPSHOT_WRITE", "PRIVILEGE_QUOTA_WRITE"]
  enforce  = true
`), diagnostic(`Qumulo credentials lack required privileges`,
		`Qumulo user "svc-terraform" (id 1026) lacks 2 of the 3 required privileges. Missing: `+
			`- PRIVILEGE_QUOTA_WRITE: not listed in who-am-i's privileges - PRIVILEGE_SNAPSHOT_WRITE: not listed in who-am-i's privileges `+
			`Grant the missing privileges to the account, or remove them from required.`))
}

func TestQumuloPrivileges_malformedRequirementFailsValidate(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	expectPlanError(t, qumuloPrivilegesConfig(srv.URL, `
  required = ["smb_share_read"]
`), diagnostic(`Malformed Qumulo privilege`,
		`"smb_share_read" is not a privilege name: expected PRIVILEGE_ followed by upper-case letters, `+
			`digits or underscores, as Qumulo spells it (PRIVILEGE_SMB_SHARE_READ).`))
	if n := srv.Total(); n != 0 {
		t.Errorf("validation failed but the provider sent %d requests", n)
	}
}

// A well-formed name the provider does not know is evaluated, not rejected:
// Qumulo adds privileges between releases.
func TestQumuloPrivileges_unknownNameIsEvaluated(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	readOnce(t, qumuloPrivilegesConfig(srv.URL, `
  required = ["PRIVILEGE_SMB_SHARE_REED"]
`),
		privAt("missing", setOf("PRIVILEGE_SMB_SHARE_REED")),
	)
}

// The privileges data source with a login configured only from the
// environment: every attribute.
func TestQumuloPrivileges_loginFromEnvironment(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	login := simPlatform("qumulo").Login
	readFromEnvironment(t, map[string]string{"QUMULO_ENDPOINT": srv.URL, "QUMULO_USERNAME": login.Username, "QUMULO_PASSWORD": login.Password}, `
data "whoami_qumulo_current_privileges" "p" {
  required = ["PRIVILEGE_NFS_EXPORT_READ", "PRIVILEGE_NFS_EXPORT_WRITE"]
}`,
		privAt("id", knownvalue.StringExact("1026")),
		privAt("privileges", setOf("PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_READ", "PRIVILEGE_NFS_EXPORT_READ")),
		privAt("roles", setOf("Observers", "Share Operators")),
		privAt("required", setOf("PRIVILEGE_NFS_EXPORT_READ", "PRIVILEGE_NFS_EXPORT_WRITE")),
		privAt("missing", setOf("PRIVILEGE_NFS_EXPORT_WRITE")),
		privAt("all_granted", knownvalue.Bool(false)),
		privAt("enforce", knownvalue.Bool(false)),
	)
}

// Each outcome with its reason, and a who-am-i answer with no privileges
// list: nothing can be decided from it, so every requirement is unknown.
func TestQumuloPrivileges_reasonsAndUnknown(t *testing.T) {
	t.Parallel()
	srv, cluster := startQumulo(t, false)
	readOnce(t, qumuloPrivilegesConfig(srv.URL, `
  required = ["PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_QUOTA_WRITE"]
`),
		privAt("principal", str(`Qumulo user "svc-terraform" (id 1026)`)),
		privAt("missing", setOf("PRIVILEGE_QUOTA_WRITE")),
		privAt("unknown", setOf()),
		privAt("reasons", knownvalue.MapExact(map[string]knownvalue.Check{
			"PRIVILEGE_SMB_SHARE_READ": str("listed in who-am-i's privileges"),
			"PRIVILEGE_QUOTA_WRITE":    str("not listed in who-am-i's privileges"),
		})),
	)
	cluster.SetRawWhoAmI(simqumulo.SparseToken, `{"id":"1030","name":"sparse"}`)
	readOnce(t, providerBlock("qumulo", assign("endpoint", srv.URL), assign("access_token", simqumulo.SparseToken))+`
data "whoami_qumulo_current_privileges" "p" {
  required = ["PRIVILEGE_CLUSTER_READ"]
}`,
		privAt("privileges", strList()),
		privAt("missing", setOf()),
		privAt("unknown", setOf("PRIVILEGE_CLUSTER_READ")),
		privAt("reasons", knownvalue.MapExact(map[string]knownvalue.Check{
			"PRIVILEGE_CLUSTER_READ": str("who-am-i answered without a privileges list"),
		})),
		privAt("all_granted", knownvalue.Bool(false)),
	)
}

// A privilege listed twice, a null and an empty entry, and a role held both
// directly and through a group never fail a read: they are dropped.
func TestQumuloPrivileges_repeatsAndNullsNeverFailARead(t *testing.T) {
	t.Parallel()
	srv, cluster := startQumulo(t, false)
	cluster.SetRawWhoAmI(simqumulo.SparseToken, `{"id":"1030","name":"sparse",
		"privileges":["PRIVILEGE_QUOTA_READ","PRIVILEGE_QUOTA_READ",null,"","PRIVILEGE_CLUSTER_READ","not a privilege"]}`)
	cluster.SetRoles("sparse", []string{"Observers", "Observers", "", "Admins"})
	readOnce(t, providerBlock("qumulo", assign("endpoint", srv.URL), assign("access_token", simqumulo.SparseToken))+`
data "whoami_qumulo_current_privileges" "p" {
  required = ["PRIVILEGE_QUOTA_READ"]
}`,
		privAt("privileges", strList("PRIVILEGE_CLUSTER_READ", "PRIVILEGE_QUOTA_READ")),
		privAt("roles", strList("Admins", "Observers")),
		privAt("all_granted", knownvalue.Bool(true)),
	)
}

// Roles are reported, not evaluated: a roles answer of 403, 404 or a 5xx
// that outlasts the retries leaves the privilege check whole, with roles null
// and a warning naming the status.
func TestQumuloPrivileges_rolesUnavailableIsAWarning(t *testing.T) {
	t.Parallel()
	cases := []struct {
		status      int
		text, class string
		faults      int
	}{
		{http.StatusForbidden, "Forbidden", "http_forbidden_error", 1},
		{http.StatusNotFound, "Not Found", "http_not_found_error", 1},
		{http.StatusServiceUnavailable, "Service Unavailable", "service_unavailable", 2},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			t.Parallel()
			srv, _ := startQumulo(t, false)
			for range c.faults {
				srv.Inject("/v1/session/roles", simulator.Fault{Status: c.status, Body: qumuloErrorBody(c.class, "roles refused")})
			}
			out := planOnce(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL), "max_retries = 1")+`
data "whoami_qumulo_current_privileges" "p" {
  required = ["PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_QUOTA_WRITE"]
}
output "missing" { value = join(",", data.whoami_qumulo_current_privileges.p.missing) }
output "granted" { value = data.whoami_qumulo_current_privileges.p.reasons["PRIVILEGE_SMB_SHARE_READ"] }
output "roles_known" { value = data.whoami_qumulo_current_privileges.p.roles != null }
`)
			expectOutputs(t, out, `missing     = "PRIVILEGE_QUOTA_WRITE"`, `granted     = "listed in who-am-i's privileges"`, `roles_known = false`)
			attempts := ""
			if c.faults > 1 {
				attempts = fmt.Sprintf(" (after %d attempts)", c.faults)
			}
			want := warning("Qumulo roles not readable", fmt.Sprintf("The cluster answered %d %s to GET /v1/session/roles, so roles is null. "+
				"Roles are reported, not evaluated: the privilege check reads who-am-i alone and is complete. "+
				"GET %s/v1/session/roles returned %d %s: roles refused (%s)%s", c.status, c.text, srv.URL, c.status, c.text, c.class, attempts))
			if !want.MatchString(out) {
				t.Errorf("plan output lacks the warning %s:\n%s", want, out)
			}
			if got := srv.Count(http.MethodGet, "/v1/session/roles"); got != c.faults {
				t.Errorf("roles requests = %d, want %d", got, c.faults)
			}
		})
	}
}

// A roles answer of 401 is not a partial answer but a broken connection: the
// read fails.
func TestQumuloPrivileges_rolesUnauthorizedFails(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	srv.Inject("/v1/session/roles", simulator.Fault{Status: http.StatusUnauthorized, Body: qumuloErrorBody("http_unauthorized_error", "token expired")})
	out := planFails(t, qumuloPrivilegesConfig(srv.URL, ``))
	if want := exactly("GET " + srv.URL + "/v1/session/roles returned 401 Unauthorized: token expired (http_unauthorized_error)"); !want.MatchString(out) {
		t.Errorf("plan errors lack %s:\n%s", want, out)
	}
}

// A name with escape sequences cannot redraw the terminal through principal:
// it is quoted with its control characters escaped (and shown() would turn
// any left into spaces).
func TestQumuloPrivileges_serverTextIsShownSafely(t *testing.T) {
	t.Parallel()
	srv, cluster := startQumulo(t, false)
	cluster.SetRawWhoAmI(simqumulo.SparseToken, `{"id":"1030","name":"x\u001b[2J\u001b[HApply complete!","privileges":[]}`)
	readOnce(t, providerBlock("qumulo", assign("endpoint", srv.URL), assign("access_token", simqumulo.SparseToken))+`
data "whoami_qumulo_current_privileges" "p" {}`,
		privAt("principal", str(`Qumulo user "x\x1b[2J\x1b[HApply complete!" (id 1030)`)),
	)
}
