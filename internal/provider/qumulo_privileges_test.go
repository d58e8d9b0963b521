package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

const qumuloPrivAddr = "data.whoami_qumulo_current_privileges.p"

// qumuloPrivilegesConfig reads svc-terraform's privileges with the given
// arguments inside the data source block.
func qumuloPrivilegesConfig(endpoint, args string) string {
	return fmt.Sprintf(`
provider "whoami" {
  qumulo {
    endpoint     = %q
    access_token = %q
  }
}
data "whoami_qumulo_current_privileges" "p" {
%s
}
`, endpoint, simqumulo.ServiceToken, args)
}

func privAt(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(qumuloPrivAddr, tfjsonpath.New(attr), v)
}

func TestQumuloPrivileges_allGranted(t *testing.T) {
	srv, _ := startQumulo(t, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: qumuloPrivilegesConfig(srv.URL, `
  required = ["PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_QUOTA_READ"]
  enforce  = true
`),
			ConfigStateChecks: []statecheck.StateCheck{
				privAt("id", knownvalue.StringExact("1026")),
				privAt("privileges", setOf("PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_READ", "PRIVILEGE_NFS_EXPORT_READ")),
				privAt("roles", setOf("Observers", "Share Operators")),
				privAt("required", setOf("PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_QUOTA_READ")),
				privAt("missing", setOf()),
				privAt("all_granted", knownvalue.Bool(true)),
				privAt("enforce", knownvalue.Bool(true)),
			},
		}},
	})
}

func TestQumuloPrivileges_someMissing(t *testing.T) {
	srv, _ := startQumulo(t, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			// A _WRITE privilege does not imply its _READ, and the reverse.
			Config: qumuloPrivilegesConfig(srv.URL, `
  required = ["PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_WRITE", "PRIVILEGE_NFS_EXPORT_WRITE", "PRIVILEGE_SNAPSHOT_READ"]
`),
			ConfigStateChecks: []statecheck.StateCheck{
				privAt("missing", setOf("PRIVILEGE_NFS_EXPORT_WRITE", "PRIVILEGE_QUOTA_WRITE", "PRIVILEGE_SNAPSHOT_READ")),
				privAt("all_granted", knownvalue.Bool(false)),
				privAt("enforce", knownvalue.Bool(false)),
			},
		}},
	})
}

func TestQumuloPrivileges_noRequirements(t *testing.T) {
	srv, _ := startQumulo(t, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: qumuloPrivilegesConfig(srv.URL, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				privAt("required", knownvalue.Null()),
				privAt("missing", setOf()),
				privAt("all_granted", knownvalue.Bool(true)),
			},
		}},
	})
}

func TestQumuloPrivileges_enforceFailsThePlan(t *testing.T) {
	srv, _ := startQumulo(t, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: qumuloPrivilegesConfig(srv.URL, `
  required = ["PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_SNAPSHOT_WRITE", "PRIVILEGE_QUOTA_WRITE"]
  enforce  = true
`),
			ExpectError: diagnostic(`Qumulo credentials lack required privileges`,
				`Qumulo user "svc-terraform" (id 1026) is missing 2 of the 3 required privileges: `+
					`- PRIVILEGE_QUOTA_WRITE - PRIVILEGE_SNAPSHOT_WRITE `+
					`Grant them to the account, or remove them from required.`),
		}},
	})
}

func TestQumuloPrivileges_malformedRequirementFailsValidate(t *testing.T) {
	srv, _ := startQumulo(t, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: qumuloPrivilegesConfig(srv.URL, `
  required = ["smb_share_read"]
`),
			ExpectError: diagnostic(`Malformed Qumulo privilege`,
				`"smb_share_read" is not a privilege name: expected PRIVILEGE_ followed by upper-case letters, `+
					`digits or underscores, as Qumulo spells it (PRIVILEGE_SMB_SHARE_READ).`),
		}},
	})
	if n := srv.Total(); n != 0 {
		t.Errorf("validation failed but the provider sent %d requests", n)
	}
}

// A well-formed name the provider does not know is evaluated, not rejected:
// Qumulo adds privileges between releases.
func TestQumuloPrivileges_unknownNameIsEvaluated(t *testing.T) {
	srv, _ := startQumulo(t, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: qumuloPrivilegesConfig(srv.URL, `
  required = ["PRIVILEGE_SMB_SHARE_REED"]
`),
			ConfigStateChecks: []statecheck.StateCheck{
				privAt("missing", setOf("PRIVILEGE_SMB_SHARE_REED")),
			},
		}},
	})
}

// The privileges data source with a login configured only from the
// environment: every attribute.
func TestQumuloPrivileges_loginFromEnvironment(t *testing.T) {
	srv, _ := startQumulo(t, false)
	t.Setenv("QUMULO_ENDPOINT", srv.URL)
	t.Setenv("QUMULO_USERNAME", "svc-terraform")
	t.Setenv("QUMULO_PASSWORD", simqumulo.ServicePassword)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{{
			Config: `
data "whoami_qumulo_current_privileges" "p" {
  required = ["PRIVILEGE_NFS_EXPORT_READ", "PRIVILEGE_NFS_EXPORT_WRITE"]
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				privAt("id", knownvalue.StringExact("1026")),
				privAt("privileges", setOf("PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_READ", "PRIVILEGE_NFS_EXPORT_READ")),
				privAt("roles", setOf("Observers", "Share Operators")),
				privAt("required", setOf("PRIVILEGE_NFS_EXPORT_READ", "PRIVILEGE_NFS_EXPORT_WRITE")),
				privAt("missing", setOf("PRIVILEGE_NFS_EXPORT_WRITE")),
				privAt("all_granted", knownvalue.Bool(false)),
				privAt("enforce", knownvalue.Bool(false)),
			},
		}},
	})
}
