package provider

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// These tests run the built provider binary: only a separate process puts
// the provider's own log lines into Terraform's TF_LOG=trace output.

// traceRequired is the requirement each platform's trace run checks, so that
// evaluating it is in the logs too; each platform's test file sets its own.
var traceRequired = map[string]string{}

// traceConfig reads both of key's data sources, configured from the environment.
func traceConfig(key string) string {
	required := ""
	if r := traceRequired[key]; r != "" {
		required = "required = [\"" + r + "\"]"
	}
	return fmt.Sprintf(`
data "whoami_%[1]s_current_user" "me" {}
data "whoami_%[1]s_current_privileges" "p" {
  %[2]s
}
`, key, required)
}

// applyWithTrace runs terraform apply with TF_LOG=trace and returns everything
// a user could see or keep: stdout, stderr (where the logs go) and the state.
// apiPath is a path the provider must be seen requesting in the logs.
func applyWithTrace(t *testing.T, config, apiPath string, env map[string]string) (string, int) {
	t.Helper()
	return traceRun(t, config, apiPath, env, true)
}

// traceRun is applyWithTrace, with the saved plan searched only when
// savedPlan: a plan file holds the configuration itself, so a credential
// written as a literal in the provider block is in it by Terraform's design,
// not through the provider.
func traceRun(t *testing.T, config, apiPath string, env map[string]string, savedPlan bool) (string, int) {
	t.Helper()
	env["TF_LOG"] = "trace"
	run := runTerraform(t, config, []option{withBinary(), withEnv(env)}, "apply", "-auto-approve", "-input=false", "-no-color")
	state, err := os.ReadFile(filepath.Join(run.Dir, "terraform.tfstate"))
	if err != nil && run.ExitCode == 0 {
		t.Fatalf("apply succeeded but wrote no state: %v", err)
	}
	all := run.Stdout + run.Stderr + string(state)
	// A saved plan keeps what the data sources read: plan it into a file and
	// search what terraform show -json finds in it too.
	opts := []option{withBinary(), withEnv(env), inDir(run.Dir)}
	saved := cliRun{ExitCode: -1}
	if savedPlan {
		saved = runTerraform(t, config, opts, "plan", "-out=saved.tfplan", "-input=false", "-no-color", "-lock=false")
		all += saved.Stdout + saved.Stderr
	}
	if saved.ExitCode == 0 {
		shown := runTerraform(t, config, opts, "show", "-json", "saved.tfplan")
		if shown.ExitCode != 0 || !strings.Contains(shown.Stdout, `"prior_state"`) {
			t.Fatalf("terraform show -json of the saved plan failed (exit %d):\n%s%s", shown.ExitCode, shown.Stdout, shown.Stderr)
		}
		all += shown.Stdout + shown.Stderr
	}
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

// addCredential adds a credential to secrets under what, and for a prefixed
// one ("access-v1:<payload>") its payload alone.
func addCredential(secrets map[string]string, what, credential string) {
	secrets[what] = credential
	if _, payload, ok := strings.Cut(credential, ":"); ok {
		secrets[what+"'s payload"] = payload
	}
}

// sentCredentials are the credentials the last request to srv carried: the
// Authorization header's and every cookie's.
func sentCredentials(t *testing.T, srv *simulator.Server, secrets map[string]string) {
	t.Helper()
	h := srv.LastHeader()
	before := len(secrets)
	if _, credential, ok := strings.Cut(h.Get("Authorization"), " "); ok {
		addCredential(secrets, "credential sent in the Authorization header", credential)
	}
	for _, c := range (&http.Request{Header: h}).Cookies() {
		secrets["cookie "+c.Name] = c.Value
	}
	if len(secrets) == before {
		t.Fatal("the last request carried no credential: the test would prove nothing")
	}
}

// Every platform, authenticated from the environment with its demo token and
// then its demo login: neither the credentials nor what the provider sent
// with them (a session token, a cookie, Basic credentials) is ever logged.
func TestSecrets_neverLogged(t *testing.T) {
	t.Parallel()
	forEachPlatform(t, func(t *testing.T, p simulator.Platform, b Block) {
		srv := serve(t, p.New(), false)
		out, code := applyWithTrace(t, traceConfig(p.Key), p.UserPath, map[string]string{b.EndpointEnv[0]: srv.URL, b.TokenEnv[0]: p.Token.Token})
		if code != 0 {
			t.Fatalf("apply with a token failed:\n%s", out)
		}
		secrets := map[string]string{}
		addCredential(secrets, "token", p.Token.Token)
		sentCredentials(t, srv, secrets)
		expectAbsent(t, out, secrets)

		srv = serve(t, p.New(), false)
		out, code = applyWithTrace(t, traceConfig(p.Key), p.UserPath,
			map[string]string{b.EndpointEnv[0]: srv.URL, b.UsernameEnv[0]: p.Login.Username, b.PasswordEnv[0]: p.Login.Password})
		if code != 0 {
			t.Fatalf("apply with a login failed:\n%s", out)
		}
		if p.LoginPath != "" {
			// One login for the apply and one for the saved plan: each
			// Terraform command starts its own provider.
			if n := srv.Count(http.MethodPost, p.LoginPath); n != 2 {
				t.Fatalf("sessions = %d, want 2", n)
			}
		}
		secrets = map[string]string{"password": p.Login.Password,
			"Basic credentials": base64.StdEncoding.EncodeToString([]byte(p.Login.Username + ":" + p.Login.Password))}
		sentCredentials(t, srv, secrets)
		expectAbsent(t, out, secrets)
	})
}

// Credentials written in the provider block reach the provider through
// Terraform's configuration, not the environment: the same holds there. The
// path is the framework's, not a platform's, so Qumulo stands for all.
func TestSecrets_qumuloPasswordInTheBlockNeverLogged(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	out, code := traceRun(t, providerBlock("qumulo", loginAttrs("qumulo", srv.URL))+traceConfig("qumulo"), whoAmI, map[string]string{}, false)
	if code != 0 {
		t.Fatalf("apply failed:\n%s", out)
	}
	if n := srv.Count(http.MethodPost, login); n != 1 {
		t.Fatalf("sessions = %d, want 1", n)
	}
	secrets := map[string]string{"password": simPlatform("qumulo").Login.Password}
	sentCredentials(t, srv, secrets)
	expectAbsent(t, out, secrets)
}

func TestSecrets_qumuloRejectedTokenNeverLogged(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	const rejected = "access-v1:cmVqZWN0ZWQtdG9rZW4tbXVzdC1ub3QtbGVhaw=="
	out, code := applyWithTrace(t, traceConfig("qumulo"), whoAmI, map[string]string{"QUMULO_ENDPOINT": srv.URL, "QUMULO_ACCESS_TOKEN": rejected})
	if code == 0 || !strings.Contains(out, "Qumulo rejected the credentials") {
		t.Fatalf("want the apply to fail with rejected credentials:\n%s", out)
	}
	expectAbsent(t, out, map[string]string{"rejected token": strings.TrimPrefix(rejected, "access-v1:")})
}
