package provider

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Some tests need what terraform-plugin-testing cannot give: exactly one
// `terraform plan` per assertion (to count one provider instance's requests),
// the provider's own log lines in Terraform's output, or warnings. They build
// the provider binary once and run the real CLI with a dev_overrides
// configuration, as a user trying a local build would.

var providerBinary struct {
	once sync.Once
	dir  string
	err  error
}

// buildProvider builds the provider once per test binary run.
func buildProvider(t *testing.T) string {
	t.Helper()
	providerBinary.once.Do(func() {
		dir, err := os.MkdirTemp("", "whoami-provider-")
		if err != nil {
			providerBinary.err = err
			return
		}
		providerBinary.dir = dir
		out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-whoami"),
			"github.com/whoami-terraform/terraform-provider-whoami").CombinedOutput()
		if err != nil {
			providerBinary.err = errors.New("go build: " + err.Error() + "\n" + string(out))
		}
	})
	if providerBinary.err != nil {
		t.Fatal(providerBinary.err)
	}
	return providerBinary.dir
}

func removeProviderBinary() {
	if providerBinary.dir != "" {
		os.RemoveAll(providerBinary.dir)
	}
}

// terraformCLI is the CLI the acceptance tests use.
func terraformCLI(t *testing.T) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("no terraform on PATH and TF_ACC_TERRAFORM_PATH unset: run make test")
	}
	return p
}

// cliRun is what one terraform command printed.
type cliRun struct {
	Stdout, Stderr string
	ExitCode       int
	// Dir is the working directory, holding terraform.tfstate after an apply.
	Dir string
}

// runTerraform writes config into a fresh directory and runs terraform there
// with args, the built provider, and env added to the environment.
func runTerraform(t *testing.T, config string, env []string, args ...string) cliRun {
	t.Helper()
	tf := terraformCLI(t)
	bin := buildProvider(t)
	dir := t.TempDir()
	cliConfig := filepath.Join(dir, "dev.tfrc")
	must(t, os.WriteFile(cliConfig, []byte(`provider_installation {
  dev_overrides {
    "registry.terraform.io/whoami-terraform/whoami" = "`+bin+`"
    "registry.opentofu.org/whoami-terraform/whoami" = "`+bin+`"
  }
  direct {}
}
`), 0o600))
	must(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`terraform {
  required_providers {
    whoami = { source = "whoami-terraform/whoami" }
  }
}
`+config), 0o600))
	cmd := exec.Command(tf, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	run := cliRun{Stdout: stdout.String(), Stderr: stderr.String(), Dir: dir}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		run.ExitCode = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return run
}

// planOnce runs one `terraform plan` that must succeed and returns its output.
func planOnce(t *testing.T, config string, env ...string) string {
	t.Helper()
	run := runTerraform(t, config, env, "plan", "-input=false", "-no-color", "-lock=false")
	if run.ExitCode != 0 {
		t.Fatalf("terraform plan failed (exit %d):\n%s\n%s", run.ExitCode, run.Stdout, run.Stderr)
	}
	return run.Stdout
}

// expectOutputs fails unless plan output shows every `name = "value"` line.
func expectOutputs(t *testing.T, out string, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if !strings.Contains(out, "\n  + "+l+"\n") {
			t.Errorf("plan output lacks %q:\n%s", "+ "+l, out)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// readState returns the state file an apply wrote.
func readState(t *testing.T, run cliRun) string {
	t.Helper()
	state, err := os.ReadFile(filepath.Join(run.Dir, "terraform.tfstate"))
	must(t, err)
	return string(state)
}

// validateWarnings runs terraform validate -json (which, unlike the text
// output, does not fold similar warnings together) and returns each warning
// as "warning: summary: detail", sorted, without Terraform's own dev-override note.
func validateWarnings(t *testing.T, config string) []string {
	t.Helper()
	run := runTerraform(t, config, nil, "validate", "-json")
	var result struct {
		Valid       bool `json:"valid"`
		Diagnostics []struct {
			Severity, Summary, Detail string
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(run.Stdout), &result); err != nil || run.ExitCode != 0 || !result.Valid {
		t.Fatalf("validate: exit %d, %v:\n%s%s", run.ExitCode, err, run.Stdout, run.Stderr)
	}
	var got []string
	for _, d := range result.Diagnostics {
		if d.Summary != "Provider development overrides are in effect" {
			got = append(got, d.Severity+": "+d.Summary+": "+d.Detail)
		}
	}
	sort.Strings(got)
	return got
}

func expectLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// hclList writes strings as an HCL list.
func hclList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// outputValue returns the string value of a plan's `+ name = "value"` line.
func outputValue(t *testing.T, planOutput, name string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^\s+\+ ` + regexp.QuoteMeta(name) + `\s+= (".*")$`).FindStringSubmatch(planOutput)
	if m == nil {
		t.Fatalf("plan output has no output %q:\n%s", name, planOutput)
	}
	v, err := strconv.Unquote(m[1])
	must(t, err)
	return v
}
