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

const qumuloUserAddr = "data.whoami_qumulo_current_user.me"

// svcTerraformUser is every attribute of the demo service account, read with
// its access token.
func svcTerraformUser(accessTokenID knownvalue.Check) []statecheck.StateCheck {
	at := func(attr string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(qumuloUserAddr, tfjsonpath.New(attr), v)
	}
	return []statecheck.StateCheck{
		at("id", knownvalue.StringExact("1026")),
		at("name", knownvalue.StringExact("svc-terraform")),
		at("primary_group", knownvalue.StringExact("1025")),
		at("sid", knownvalue.StringExact("S-1-5-21-2147483648-1153213397-3474133447-1026")),
		at("uid", knownvalue.StringExact("2001")),
		at("home_directory", knownvalue.StringExact("/home/svc-terraform")),
		at("can_change_password", knownvalue.Bool(false)),
		at("privileges", knownvalue.ListExact([]knownvalue.Check{
			knownvalue.StringExact("PRIVILEGE_SMB_SHARE_READ"),
			knownvalue.StringExact("PRIVILEGE_SMB_SHARE_WRITE"),
			knownvalue.StringExact("PRIVILEGE_QUOTA_READ"),
			knownvalue.StringExact("PRIVILEGE_NFS_EXPORT_READ"),
		})),
		at("access_token_id", accessTokenID),
	}
}

func TestQumuloUser_accessToken(t *testing.T) {
	srv, _ := startQumulo(t, false)
	readOnce(t, qumuloUserWith(tokenBlock(srv.URL, "")), svcTerraformUser(str("2345678901"))...)
}

func TestQumuloUser_login(t *testing.T) {
	srv, _ := startQumulo(t, false)
	// A session from login carries no access token id.
	readOnce(t, qumuloUserWith(fmt.Sprintf("endpoint = %q\nusername = \"svc-terraform\"\npassword = %q", srv.URL, simqumulo.ServicePassword)),
		svcTerraformUser(knownvalue.Null())...)
}

// readFromEnvironment reads with the environment the test has set, so it
// cannot run in parallel.
func readFromEnvironment(t *testing.T, config string, checks ...statecheck.StateCheck) {
	t.Helper()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})
}

func TestQumuloUser_environmentOnly(t *testing.T) {
	srv, _ := startQumulo(t, false)
	t.Setenv("QUMULO_ENDPOINT", srv.URL)
	t.Setenv("QUMULO_ACCESS_TOKEN", simqumulo.ServiceToken)
	readFromEnvironment(t, `data "whoami_qumulo_current_user" "me" {}`, svcTerraformUser(str("2345678901"))...)
}

func TestQumuloUser_environmentLoginWithHostAndPort(t *testing.T) {
	srv, _ := startQumulo(t, true)
	host, port := splitHostPort(t, srv.URL)
	// QUMULO_HOST + QUMULO_PORT form an https:// endpoint, as the cluster serves.
	t.Setenv("QUMULO_HOST", host)
	t.Setenv("QUMULO_PORT", port)
	t.Setenv("QUMULO_USERNAME", "svc-terraform")
	t.Setenv("QUMULO_PASSWORD", simqumulo.ServicePassword)
	readFromEnvironment(t, qumuloUserWith(fmt.Sprintf("ca_cert_pem = %q", srv.CACertPEM())), svcTerraformUser(knownvalue.Null())...)
}

func TestQumuloUser_blockWinsOverEnvironment(t *testing.T) {
	srv, _ := startQumulo(t, false)
	t.Setenv("QUMULO_ENDPOINT", "http://127.0.0.1:1")
	t.Setenv("QUMULO_ACCESS_TOKEN", "access-v1:not-a-token")
	readFromEnvironment(t, qumuloUserWith(tokenBlock(srv.URL, "")), svcTerraformUser(str("2345678901"))...)
}

func legacyBlock(endpoint string) string {
	return fmt.Sprintf("endpoint = %q\naccess_token = %q", endpoint, simqumulo.LegacyToken)
}

// An older cluster leaves fields out: they are null, never "" or false.
func TestQumuloUser_omittedFieldsAreNull(t *testing.T) {
	srv, _ := startQumulo(t, false)
	readOnce(t, qumuloUserWith(legacyBlock(srv.URL)),
		at(qumuloUserAddr, "name", str("legacy")),
		at(qumuloUserAddr, "home_directory", knownvalue.Null()),
		at(qumuloUserAddr, "can_change_password", knownvalue.Null()),
		at(qumuloUserAddr, "privileges", strList("PRIVILEGE_CLUSTER_READ")),
	)
}

// A newer cluster sends fields and privileges the provider does not know, and
// explicit nulls: unknown fields are ignored, unknown privileges kept, nulls null.
func TestQumuloUser_unknownFieldsAndNulls(t *testing.T) {
	srv, cluster := startQumulo(t, false)
	cluster.SetRawWhoAmI(simqumulo.LegacyToken, `{"id":"1030","name":"legacy","primary_group":null,"sid":null,"uid":"2005",
		"privileges":["PRIVILEGE_CLUSTER_READ","PRIVILEGE_FROM_THE_FUTURE"],"tenant_id":7,"new_object":{"a":[1,2]}}`)
	readOnce(t, qumuloUserWith(legacyBlock(srv.URL)),
		at(qumuloUserAddr, "id", str("1030")),
		at(qumuloUserAddr, "primary_group", knownvalue.Null()),
		at(qumuloUserAddr, "sid", knownvalue.Null()),
		at(qumuloUserAddr, "access_token_id", knownvalue.Null()),
		at(qumuloUserAddr, "privileges", strList("PRIVILEGE_CLUSTER_READ", "PRIVILEGE_FROM_THE_FUTURE")),
	)
}
