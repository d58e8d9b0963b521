package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
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
