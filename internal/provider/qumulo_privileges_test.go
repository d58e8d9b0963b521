package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

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
	cluster.SetRawWhoAmI(simqumulo.LegacyToken, `{"id":"1030","name":"legacy"}`)
	readOnce(t, providerBlock("qumulo", assign("endpoint", srv.URL), assign("access_token", simqumulo.LegacyToken))+`
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
	cluster.SetRawWhoAmI(simqumulo.LegacyToken, `{"id":"1030","name":"legacy",
		"privileges":["PRIVILEGE_QUOTA_READ","PRIVILEGE_QUOTA_READ",null,"","PRIVILEGE_CLUSTER_READ","not a privilege"]}`)
	cluster.SetRoles("legacy", []string{"Observers", "Observers", "", "Admins"})
	readOnce(t, providerBlock("qumulo", assign("endpoint", srv.URL), assign("access_token", simqumulo.LegacyToken))+`
data "whoami_qumulo_current_privileges" "p" {
  required = ["PRIVILEGE_QUOTA_READ"]
}`,
		privAt("privileges", strList("PRIVILEGE_CLUSTER_READ", "PRIVILEGE_QUOTA_READ")),
		privAt("roles", strList("Admins", "Observers")),
		privAt("all_granted", knownvalue.Bool(true)),
	)
}
