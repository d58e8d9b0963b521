package provider

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	simawx "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/awx"
	simece "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/ece"
	simfs "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/faynosync"
	simmist "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/mist"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

// applyWithTrace runs terraform apply with TF_LOG=trace and returns everything
// a user could see or keep: stdout, stderr (where the logs go) and the state.
// apiPath is a path the provider must be seen requesting in the logs.
func applyWithTrace(t *testing.T, config, apiPath string, env ...string) (string, int) {
	t.Helper()
	vars := map[string]string{"TF_LOG": "trace"}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	run := runTerraform(t, config, []option{withBinary(), withEnv(vars)}, "apply", "-auto-approve", "-input=false", "-no-color")
	state, err := os.ReadFile(filepath.Join(run.Dir, "terraform.tfstate"))
	if err != nil && run.ExitCode == 0 {
		t.Fatalf("apply succeeded but wrote no state: %v", err)
	}
	all := run.Stdout + run.Stderr + string(state)
	// The check is only worth something if the provider's request logs are there.
	if !strings.Contains(all, "whoami HTTP request") || !strings.Contains(all, apiPath) {
		t.Fatalf("the trace output has no provider request log, so it proves nothing:\n%s", all)
	}
	return all, run.ExitCode
}

func expectAbsent(t *testing.T, output string, secrets map[string]string) {
	t.Helper()
	for what, secret := range secrets {
		if secret == "" {
			t.Fatalf("%s is empty: the test would prove nothing", what)
		}
		if strings.Contains(output, secret) {
			t.Errorf("the %s appears in the logs, output or state", what)
		}
	}
}

const qumuloTraceConfig = `
data "whoami_qumulo_current_user" "me" {}
data "whoami_qumulo_current_privileges" "p" {
  required = ["PRIVILEGE_SMB_SHARE_READ"]
}
output "name" { value = data.whoami_qumulo_current_user.me.name }
`

func TestSecrets_qumuloAccessTokenNeverLogged(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	out, code := applyWithTrace(t, qumuloTraceConfig, whoAmI, "QUMULO_ENDPOINT="+srv.URL, "QUMULO_ACCESS_TOKEN="+simqumulo.ServiceToken)
	if code != 0 {
		t.Fatalf("apply failed:\n%s", out)
	}
	expectAbsent(t, out, map[string]string{
		"access token":           simqumulo.ServiceToken,
		"access token's payload": strings.TrimPrefix(simqumulo.ServiceToken, "access-v1:"),
	})
}

func TestSecrets_qumuloPasswordAndSessionNeverLogged(t *testing.T) {
	t.Parallel()
	srv, cluster := startQumulo(t, false)
	out, code := applyWithTrace(t, providerBlock("qumulo", loginAttrs("qumulo", srv.URL))+qumuloTraceConfig, whoAmI)
	if code != 0 {
		t.Fatalf("apply failed:\n%s", out)
	}
	sessions := cluster.SessionTokens()
	if len(sessions) != 1 {
		t.Fatalf("sessions = %d, want 1", len(sessions))
	}
	expectAbsent(t, out, map[string]string{
		"password":      simqumulo.ServicePassword,
		"session token": strings.TrimPrefix(sessions[0], "session-v1:"),
	})
}

func TestSecrets_qumuloRejectedTokenNeverLogged(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	const rejected = "access-v1:cmVqZWN0ZWQtdG9rZW4tbXVzdC1ub3QtbGVhaw=="
	out, code := applyWithTrace(t, qumuloTraceConfig, whoAmI, "QUMULO_ENDPOINT="+srv.URL, "QUMULO_ACCESS_TOKEN="+rejected)
	if code == 0 || !strings.Contains(out, "Qumulo rejected the credentials") {
		t.Fatalf("want the apply to fail with rejected credentials:\n%s", out)
	}
	expectAbsent(t, out, map[string]string{"rejected token": strings.TrimPrefix(rejected, "access-v1:")})
}

const eceTraceConfig = `
data "whoami_ece_current_user" "me" {}
data "whoami_ece_current_privileges" "p" {
  required = ["create-deployment"]
}
`

func TestSecrets_eceAPIKeyNeverLogged(t *testing.T) {
	t.Parallel()
	srv, _ := startECE(t, false)
	out, code := applyWithTrace(t, eceTraceConfig, eceUserPath, "EC_ENDPOINT="+srv.URL, "EC_API_KEY="+simece.DeployerAPIKey)
	if code != 0 {
		t.Fatalf("apply failed:\n%s", out)
	}
	expectAbsent(t, out, map[string]string{"API key": simece.DeployerAPIKey})
}

func TestSecrets_ecePasswordAndSessionNeverLogged(t *testing.T) {
	t.Parallel()
	srv, inst := startECE(t, false)
	out, code := applyWithTrace(t, eceTraceConfig, eceUserPath, "EC_ENDPOINT="+srv.URL, "EC_USERNAME=ldap-viewer", "EC_PASSWORD="+simece.ViewerPassword)
	if code != 0 {
		t.Fatalf("apply failed:\n%s", out)
	}
	sessions := inst.SessionTokens()
	if len(sessions) != 1 {
		t.Fatalf("sessions = %d, want 1", len(sessions))
	}
	expectAbsent(t, out, map[string]string{"password": simece.ViewerPassword, "session token": sessions[0]})
}

const mistTraceConfig = `
data "whoami_mist_current_user" "me" {}
data "whoami_mist_current_privileges" "p" {}
`

func TestSecrets_mistTokenNeverLogged(t *testing.T) {
	t.Parallel()
	srv, _ := startMist(t)
	out, code := applyWithTrace(t, mistTraceConfig, mistSelf, "MIST_HOST="+srv.URL, "MIST_API_TOKEN="+simmist.UserToken)
	if code != 0 {
		t.Fatalf("apply failed:\n%s", out)
	}
	expectAbsent(t, out, map[string]string{"API token": simmist.UserToken})
}

func TestSecrets_mistPasswordAndSessionCookieNeverLogged(t *testing.T) {
	t.Parallel()
	srv, cloud := startMist(t)
	out, code := applyWithTrace(t, mistTraceConfig, mistSelf, "MIST_HOST="+srv.URL, "MIST_USERNAME="+simmist.MspAdminEmail, "MIST_PASSWORD="+simmist.MspAdminPass)
	if code != 0 {
		t.Fatalf("apply failed:\n%s", out)
	}
	sessions := cloud.SessionIDs()
	if len(sessions) != 1 {
		t.Fatalf("sessions = %d, want 1", len(sessions))
	}
	expectAbsent(t, out, map[string]string{"password": simmist.MspAdminPass, "session cookie": sessions[0]})
}

func TestSecrets_awxTokenAndPasswordNeverLogged(t *testing.T) {
	t.Parallel()
	config := `
data "whoami_awx_current_user" "me" {}
data "whoami_awx_current_privileges" "p" {}
`
	srv, _ := startAWX(t, simawx.AAP)
	out, code := applyWithTrace(t, config, "/api/controller/v2/me/", "AAP_HOSTNAME="+srv.URL, "AAP_TOKEN="+simawx.CIToken)
	if code != 0 {
		t.Fatalf("apply failed:\n%s", out)
	}
	expectAbsent(t, out, map[string]string{"token": simawx.CIToken})
	out, code = applyWithTrace(t, config, "/api/controller/v2/me/", "AAP_HOSTNAME="+srv.URL, "AAP_USERNAME=admin", "AAP_PASSWORD="+simawx.AdminPassword)
	if code != 0 {
		t.Fatalf("apply failed:\n%s", out)
	}
	expectAbsent(t, out, map[string]string{"password": simawx.AdminPassword,
		"Basic credentials": base64.StdEncoding.EncodeToString([]byte("admin:" + simawx.AdminPassword))})
}

func TestSecrets_faynosyncPasswordJWTAndAPITokenNeverLogged(t *testing.T) {
	t.Parallel()
	config := `
data "whoami_faynosync_current_user" "me" {}
data "whoami_faynosync_current_privileges" "p" {}
`
	srv, fs := startFaynosync(t)
	out, code := applyWithTrace(t, config, "/whoami", "FAYNOSYNC_ENDPOINT="+srv.URL, "FAYNOSYNC_USERNAME=release-bot", "FAYNOSYNC_PASSWORD="+simfs.TeamPassword)
	if code != 0 {
		t.Fatalf("apply failed:\n%s", out)
	}
	issued := fs.IssuedTokens()
	if len(issued) != 1 {
		t.Fatalf("issued %d JWTs, want 1", len(issued))
	}
	expectAbsent(t, out, map[string]string{"password": simfs.TeamPassword, "JWT": issued[0]})
	out, code = applyWithTrace(t, config, "/whoami", "FAYNOSYNC_ENDPOINT="+srv.URL, "FAYNOSYNC_TOKEN="+simfs.TeamAPIToken)
	if code != 0 {
		t.Fatalf("apply failed:\n%s", out)
	}
	expectAbsent(t, out, map[string]string{"API token": simfs.TeamAPIToken})
}
