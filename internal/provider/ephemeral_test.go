package provider

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simawx "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/awx"
	simfs "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/faynosync"
	simmist "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/mist"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

// gateCase is one platform's ephemeral gate: a provider block for a caller
// that holds granted and lacks missing, for the reason given.
type gateCase struct {
	name      string
	provider  func(t *testing.T) string
	granted   string
	missing   string
	principal string
	reason    string
}

var gateCases = map[string]gateCase{
	"qumulo": {"Qumulo", func(t *testing.T) string {
		srv, _ := startQumulo(t, false)
		return providerBlock("qumulo", tokenAttrs("qumulo", srv.URL))
	}, "PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_QUOTA_WRITE", `Qumulo user "svc-terraform" (id 1026)`, "not listed in who-am-i's privileges"},
	"ece": {"Elastic Cloud Enterprise", func(t *testing.T) string {
		srv, _ := startECE(t, false)
		return eceViewerBlock(srv.URL)
	}, "list-deployments", "create-deployment", `ECE user "ldap-viewer"`, "not listed in security.permissions"},
	"mist": {"Juniper Mist", func(t *testing.T) string {
		srv, _ := startMist(t)
		return orgToken(srv.URL)
	}, "org:" + simmist.OrgBeta + ":write", "org:" + simmist.OrgBeta + ":admin", `Mist org API token "terraform-ci"`,
		"write on this org does not cover admin"},
	"awx": {"AWX", func(t *testing.T) string {
		srv, _ := startAWX(t, simawx.AWX)
		return awxTokenBlock(srv.URL, simawx.CIToken)
	}, "job_template:42:execute", "superuser", `AWX user "svc-ci" (id 7)`, "is_superuser is false"},
	"faynosync": {"faynoSync", func(t *testing.T) string {
		srv, _ := startFaynosync(t)
		return fsLogin(srv.URL, "admin", simfs.AdminPassword)
	}, "apps:delete", "apps:edit:" + simfs.NoOnesApp, `faynoSync user "admin"`, simfs.NoOnesApp + " is not among the apps " +
		"the administrator owns (GET /app/list), and faynoSync lets an administrator act only on its own"},
}

// gate is an ephemeral gate on key's privileges with enforce as given, and
// a resource that waits for it.
func gate(key, enforce string, required ...string) string {
	return `
ephemeral "whoami_` + key + `_current_privileges" "gate" {
  required = ` + hclList(required) + `
  enforce  = ` + enforce + `
}

resource "terraform_data" "work" {
  input      = "deploy"
  depends_on = [ephemeral.whoami_` + key + `_current_privileges.gate]
}
`
}

// Every platform has the twin, deciding as its data source does: what the
// caller holds passes the plan, and what it lacks fails it with the data
// source's message.
func TestEphemeral_gatesThePlanOnEachPlatform(t *testing.T) {
	t.Parallel()
	cli, _ := ephemeralCLI(t)
	forEachPlatform(t, func(t *testing.T, p simulator.Platform, _ Block) {
		c, ok := gateCases[p.Key]
		if !ok {
			t.Fatalf("no gate case for %s", p.Key)
		}
		provider := c.provider(t)
		planOnce(t, provider+gate(p.Key, "true", c.granted), withCLI(cli))
		expectPlanError(t, provider+gate(p.Key, "true", c.granted, c.missing), diagnostic(c.name+" credentials lack required privileges",
			c.principal+" lacks 1 of the 2 required privileges. Missing: - "+c.missing+": "+c.reason+" "+
				"Grant the missing privileges to the account, or remove them from required."), withCLI(cli))
	})
}

// qumuloEnv configures Qumulo from the environment alone, as token's owner.
func qumuloEnv(endpoint, token string) option {
	return withEnv(map[string]string{"QUMULO_ENDPOINT": endpoint, "QUMULO_ACCESS_TOKEN": token})
}

// A saved plan is applied with the apply phase's credentials, and the gate
// checks them: it passes at plan for an account that holds the requirement,
// and fails the apply, before the work, for one that lacks it. The reverse
// with enforce = terraform.applying: a read-only plan account passes, and
// the apply account is checked.
func TestEphemeral_checksEachPhaseWithItsCredentials(t *testing.T) {
	t.Parallel()
	cli, _ := ephemeralCLI(t)
	srv, _ := startQumulo(t, false)
	admin, service := qumuloEnv(srv.URL, simqumulo.AdminToken), qumuloEnv(srv.URL, simqumulo.ServiceToken)

	plan := runTerraform(t, gate("qumulo", "true", "PRIVILEGE_QUOTA_WRITE"), []option{admin, withCLI(cli)},
		"plan", "-out=tfplan", "-input=false", "-no-color", "-lock=false")
	if plan.ExitCode != 0 {
		t.Fatalf("plan as admin failed:\n%s", plan.Stderr)
	}
	run := runTerraform(t, "", []option{inDir(plan.Dir), service, withCLI(cli)}, "apply", "-input=false", "-no-color", "-lock=false", "tfplan")
	want := diagnostic("Qumulo credentials lack required privileges", `Qumulo user "svc-terraform" (id 1026) lacks 1 of the 1 `+
		`required privileges. Missing: - PRIVILEGE_QUOTA_WRITE: not listed in who-am-i's privileges Grant the missing `+
		`privileges to the account, or remove them from required.`)
	if run.ExitCode != 1 || !want.MatchString(run.Stderr) {
		t.Errorf("apply as svc-terraform: exit %d, want 1 with %s:\n%s\n%s", run.ExitCode, want, run.Stdout, run.Stderr)
	}
	if strings.Contains(run.Stdout, "terraform_data.work: Creating") {
		t.Errorf("the work started although the gate failed:\n%s", run.Stdout)
	}

	// Plan-time enforcement would stop the read-only account; apply-only
	// enforcement lets it plan, and checks the apply account.
	applyOnly := gate("qumulo", "terraform.applying", "PRIVILEGE_QUOTA_WRITE")
	expectPlanError(t, gate("qumulo", "true", "PRIVILEGE_QUOTA_WRITE"), diagnostic("Qumulo credentials lack required privileges",
		`Qumulo user "svc-terraform" (id 1026) lacks 1 of the 1 required privileges.`), service, withCLI(cli))
	plan = runTerraform(t, applyOnly, []option{service, withCLI(cli)}, "plan", "-out=tfplan", "-input=false", "-no-color", "-lock=false")
	if plan.ExitCode != 0 {
		t.Fatalf("plan as svc-terraform with apply-only enforcement failed:\n%s", plan.Stderr)
	}
	run = runTerraform(t, "", []option{inDir(plan.Dir), admin, withCLI(cli)}, "apply", "-input=false", "-no-color", "-lock=false", "tfplan")
	if run.ExitCode != 0 || !strings.Contains(run.Stdout, "Apply complete! Resources: 1 added") {
		t.Errorf("apply as admin: exit %d, want 0 and the work done:\n%s\n%s", run.ExitCode, run.Stdout, run.Stderr)
	}
}

// Nothing the gate read reaches the saved plan or the state: not the
// caller's name or id, not a reason.
func TestEphemeral_nothingInThePlanOrTheState(t *testing.T) {
	t.Parallel()
	cli, _ := ephemeralCLI(t)
	srv, _ := startQumulo(t, false)
	opts := []option{qumuloEnv(srv.URL, simqumulo.ServiceToken), withCLI(cli)}
	plan := runTerraform(t, gate("qumulo", "true", "PRIVILEGE_SMB_SHARE_READ"), opts, "plan", "-out=tfplan", "-input=false",
		"-no-color", "-lock=false")
	if plan.ExitCode != 0 {
		t.Fatalf("plan failed:\n%s", plan.Stderr)
	}
	apply := runTerraform(t, "", append(opts, inDir(plan.Dir)), "apply", "-input=false", "-no-color", "-lock=false", "tfplan")
	if apply.ExitCode != 0 {
		t.Fatalf("apply failed:\n%s", apply.Stderr)
	}
	shown := runTerraform(t, "", append(opts, inDir(plan.Dir)), "show", "-json", "tfplan")
	if shown.ExitCode != 0 || !strings.Contains(shown.Stdout, `"terraform_data"`) {
		t.Fatalf("show -json tfplan: exit %d\n%s\n%s", shown.ExitCode, shown.Stdout, shown.Stderr)
	}
	state, err := os.ReadFile(filepath.Join(plan.Dir, "terraform.tfstate"))
	must(t, err)
	places := map[string]string{"terraform show -json tfplan": shown.Stdout, "terraform.tfstate": string(state)}
	for name, body := range planFileEntries(t, filepath.Join(plan.Dir, "tfplan")) {
		places["tfplan:"+name] = body
	}
	for place, body := range places {
		for _, read := range []string{"svc-terraform", "1026", "who-am-i", "Qumulo user"} {
			if strings.Contains(body, read) {
				t.Errorf("%s holds %q, which only the gate read", place, read)
			}
		}
	}
}

// planFileEntries is every file in a saved plan (a zip archive), by name.
func planFileEntries(t *testing.T, path string) map[string]string {
	t.Helper()
	r, err := zip.OpenReader(path)
	must(t, err)
	defer r.Close()
	out := map[string]string{}
	for _, f := range r.File {
		rc, err := f.Open()
		must(t, err)
		b, err := io.ReadAll(rc)
		rc.Close()
		must(t, err)
		out[f.Name] = string(b)
	}
	if len(out) == 0 {
		t.Fatalf("%s holds no files", path)
	}
	return out
}

// A gate nothing references: Terraform still opens it at apply, and fails
// the apply; OpenTofu does not open it at apply at all, so an apply-only
// check never runs there. The docs therefore ask for depends_on, which the
// other tests use and which both CLIs honour.
func TestEphemeral_unreferencedGateAtApply(t *testing.T) {
	t.Parallel()
	cli, v := ephemeralCLI(t)
	srv, _ := startQumulo(t, false)
	service := qumuloEnv(srv.URL, simqumulo.ServiceToken)
	config := `
ephemeral "whoami_qumulo_current_privileges" "gate" {
  required = ["PRIVILEGE_QUOTA_WRITE"]
  enforce  = terraform.applying
}

resource "terraform_data" "work" { input = "deploy" }
`
	plan := runTerraform(t, config, []option{service, withCLI(cli)}, "plan", "-out=tfplan", "-input=false", "-no-color", "-lock=false")
	if plan.ExitCode != 0 {
		t.Fatalf("plan failed:\n%s", plan.Stderr)
	}
	run := runTerraform(t, "", []option{inDir(plan.Dir), service, withCLI(cli)}, "apply", "-input=false", "-no-color", "-lock=false", "tfplan")
	opened := strings.Contains(run.Stdout, "ephemeral.whoami_qumulo_current_privileges.gate: Opening...")
	failed := run.ExitCode == 1 && strings.Contains(run.Stderr, `Qumulo user "svc-terraform" (id 1026) lacks 1 of the 1 required privileges.`)
	switch v.name {
	case "OpenTofu":
		if opened || run.ExitCode != 0 {
			t.Errorf("%s opened the unreferenced gate at apply (exit %d), which the docs say it does not:\n%s\n%s", v, run.ExitCode,
				run.Stdout, run.Stderr)
		}
	default:
		if !opened || !failed {
			t.Errorf("%s did not open and fail the unreferenced gate at apply (exit %d), which the docs say it does:\n%s\n%s", v,
				run.ExitCode, run.Stdout, run.Stderr)
		}
	}
}
