package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/qumulo"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

const qumuloUserAddr = "data.whoami_qumulo_current_user.me"

// startQumulo serves the demo cluster over plain HTTP (or HTTPS with tls).
func startQumulo(t *testing.T, tls bool) (*simulator.Server, *simqumulo.Cluster) {
	cluster := simqumulo.Demo(qumulo.KnownPrivileges)
	return serve(t, cluster.Handler(), tls), cluster
}

// svcTerraformUser is every attribute of the demo service account, read with
// its access token.
func svcTerraformUser(accessTokenID knownvalue.Check) []stateCheck {
	at := func(attr string, v knownvalue.Check) stateCheck { return at(qumuloUserAddr, attr, v) }
	return []stateCheck{
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
	t.Parallel()
	srv, _ := startQumulo(t, false)
	readOnce(t, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL))+qumuloMe, svcTerraformUser(str("2345678901"))...)
}

func TestQumuloUser_login(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	// A session from login carries no access token id.
	readOnce(t, providerBlock("qumulo", loginAttrs("qumulo", srv.URL))+qumuloMe, svcTerraformUser(knownvalue.Null())...)
}

func TestQumuloUser_environmentOnly(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	readFromEnvironment(t, map[string]string{"QUMULO_ENDPOINT": srv.URL, "QUMULO_ACCESS_TOKEN": simqumulo.ServiceToken},
		qumuloMe, svcTerraformUser(str("2345678901"))...)
}

func TestQumuloUser_environmentLoginWithHostAndPort(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, true)
	host, port := splitHostPort(t, srv.URL)
	// QUMULO_HOST + QUMULO_PORT form an https:// endpoint, as the cluster serves.
	env := map[string]string{"QUMULO_HOST": host, "QUMULO_PORT": port, "QUMULO_USERNAME": "svc-terraform", "QUMULO_PASSWORD": simqumulo.ServicePassword}
	readFromEnvironment(t, env, providerBlock("qumulo", assign("ca_cert_pem", srv.CACertPEM()))+qumuloMe, svcTerraformUser(knownvalue.Null())...)
}

func TestQumuloUser_blockWinsOverEnvironment(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	env := map[string]string{"QUMULO_ENDPOINT": "http://127.0.0.1:1", "QUMULO_ACCESS_TOKEN": "access-v1:not-a-token"}
	readFromEnvironment(t, env, providerBlock("qumulo", tokenAttrs("qumulo", srv.URL))+qumuloMe, svcTerraformUser(str("2345678901"))...)
}

// sparse is the block of the demo account whose who-am-i leaves optional fields out.
func sparse(endpoint string) string {
	return providerBlock("qumulo", assign("endpoint", endpoint), assign("access_token", simqumulo.SparseToken))
}

// Fields an answer leaves out are null, never "" or false: the provider treats
// every field as optional, as the api README asks, whatever the release.
func TestQumuloUser_omittedFieldsAreNull(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	readOnce(t, sparse(srv.URL)+qumuloMe,
		at(qumuloUserAddr, "name", str("sparse")),
		at(qumuloUserAddr, "home_directory", knownvalue.Null()),
		at(qumuloUserAddr, "can_change_password", knownvalue.Null()),
		at(qumuloUserAddr, "privileges", strList("PRIVILEGE_CLUSTER_READ")),
	)
}

// A newer cluster sends fields and privileges the provider does not know, and
// explicit nulls: unknown fields are ignored, unknown privileges kept, nulls null.
func TestQumuloUser_unknownFieldsAndNulls(t *testing.T) {
	t.Parallel()
	srv, cluster := startQumulo(t, false)
	cluster.SetRawWhoAmI(simqumulo.SparseToken, `{"id":"1030","name":"sparse","primary_group":null,"sid":null,"uid":"2005",
		"privileges":["PRIVILEGE_CLUSTER_READ","PRIVILEGE_FROM_THE_FUTURE"],"tenant_id":7,"new_object":{"a":[1,2]}}`)
	readOnce(t, sparse(srv.URL)+qumuloMe,
		at(qumuloUserAddr, "id", str("1030")),
		at(qumuloUserAddr, "primary_group", knownvalue.Null()),
		at(qumuloUserAddr, "sid", knownvalue.Null()),
		at(qumuloUserAddr, "access_token_id", knownvalue.Null()),
		at(qumuloUserAddr, "privileges", strList("PRIVILEGE_CLUSTER_READ", "PRIVILEGE_FROM_THE_FUTURE")),
	)
}
