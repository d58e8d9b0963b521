package provider

// The mock kit for module authors (testing/mocks/, documented in the guide
// "Testing modules that use whoami"): the example module's own tests, run by
// the real `terraform test`, and what a mock or a test cannot do. Mock
// providers come with Terraform 1.7 and OpenTofu 1.8. OpenTofu (1.12.6 at
// least) has no `source` argument on mock_provider, so on OpenTofu the kit's
// blocks are pasted into the mock_provider block instead, as the guide says.

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

// kitSource is how the example's tests point at the kit.
const kitSource = `  source = "../mocks/all-granted"` + "\n"

// mockCLI is the CLI of the other tests, or a skip when it has no mock providers.
func mockCLI(t *testing.T) (string, cliInfo) {
	t.Helper()
	path := terraformCLI(t)
	v, err := versionOf()(path)
	if err != nil {
		t.Fatal(err)
	}
	if v.name == "OpenTofu" && v.major == 1 && v.minor < 8 || v.name == "Terraform" && v.major == 1 && v.minor < 7 {
		t.Skipf("skipped: %s (%s) has no mock_provider in terraform test (Terraform 1.7+, OpenTofu 1.8+)", v, path)
	}
	return path, v
}

// copyExample copies testing/example and testing/mocks into a temporary
// directory, side by side as in the repository, and returns the example's
// copy. On OpenTofu each mock_provider's source line becomes the kit's text.
func copyExample(t *testing.T, v cliInfo) string {
	t.Helper()
	root := t.TempDir()
	for _, dir := range []string{"example", "mocks"} {
		from := filepath.Join("..", "..", "testing", dir)
		must(t, filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(from, p)
			if err != nil {
				return err
			}
			to := filepath.Join(root, dir, rel)
			if d.IsDir() {
				return os.MkdirAll(to, 0o700)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(to, b, 0o600)
		}))
	}
	example := filepath.Join(root, "example")
	if v.name != "OpenTofu" {
		return example
	}
	kit, err := os.ReadFile(filepath.Join(root, "mocks", "all-granted", "whoami.tfmock.hcl"))
	must(t, err)
	files, err := filepath.Glob(filepath.Join(example, "tests", "*.tftest.hcl"))
	must(t, err)
	for _, f := range files {
		b, err := os.ReadFile(f)
		must(t, err)
		must(t, os.WriteFile(f, []byte(strings.ReplaceAll(string(b), kitSource, string(kit))), 0o600))
	}
	return example
}

// writeModule writes a module and one test file into a fresh directory.
func writeModule(t *testing.T, config, test string) string {
	t.Helper()
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`terraform {
  required_providers {
    whoami = { source = "whoami-terraform/whoami" }
  }
}
`+config), 0o600))
	must(t, os.MkdirAll(filepath.Join(dir, "tests"), 0o700))
	must(t, os.WriteFile(filepath.Join(dir, "tests", "main.tftest.hcl"), []byte(test), 0o600))
	return dir
}

// terraformTest runs `terraform test` in dir (no init: the provider is this
// process's, through TF_REATTACH_PROVIDERS, and the rest is built in).
func terraformTest(t *testing.T, dir string, opts ...option) cliRun {
	t.Helper()
	return runTerraform(t, "", append([]option{inDir(dir)}, opts...), "test", "-no-color")
}

// The shipped example passes on its own kit: every run, and the summary.
func TestMockKit_exampleTestsPass(t *testing.T) {
	t.Parallel()
	_, v := mockCLI(t)
	example := copyExample(t, v)
	tests, err := os.ReadFile(filepath.Join("..", "..", "testing", "example", "tests", "granted.tftest.hcl"))
	must(t, err)
	if !strings.Contains(string(tests), kitSource) {
		t.Fatalf("testing/example/tests/granted.tftest.hcl no longer has the line %q this test rewrites for OpenTofu", kitSource)
	}
	run := terraformTest(t, example)
	if run.ExitCode != 0 {
		t.Fatalf("terraform test: exit %d:\n%s\n%s", run.ExitCode, run.Stdout, run.Stderr)
	}
	for _, line := range []string{
		`  run "bare_mock_fails_the_gate"... pass`,
		`  run "all_granted"... pass`,
		`  run "quota_write_missing"... pass`,
		`  run "quota_write_undecided"... pass`,
		`Success! 4 passed, 0 failed.`,
	} {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(line) + `$`).MatchString(run.Stdout) {
			t.Errorf("terraform test printed no line %q:\n%s", line, run.Stdout)
		}
	}
}

// A bare mock_provider: a false all_granted with nothing missing or unknown.
func TestMockKit_bareMockValues(t *testing.T) {
	t.Parallel()
	mockCLI(t)
	dir := writeModule(t, `
data "whoami_qumulo_current_privileges" "p" {
  required = ["PRIVILEGE_QUOTA_WRITE"]
}
`, `
mock_provider "whoami" {}

run "bare" {
  command = plan

  assert {
    condition     = data.whoami_qumulo_current_privileges.p.all_granted == false
    error_message = "all_granted"
  }
  assert {
    condition     = length(data.whoami_qumulo_current_privileges.p.missing) == 0 && length(data.whoami_qumulo_current_privileges.p.unknown) == 0
    error_message = "missing, unknown"
  }
  assert {
    condition     = length(data.whoami_qumulo_current_privileges.p.reasons) == 0 && length(data.whoami_qumulo_current_privileges.p.privileges) == 0
    error_message = "reasons, privileges"
  }
  assert {
    condition     = data.whoami_qumulo_current_privileges.p.enforce == false
    error_message = "enforce"
  }
  assert {
    condition     = data.whoami_qumulo_current_privileges.p.required == toset(["PRIVILEGE_QUOTA_WRITE"])
    error_message = "required"
  }
}
`)
	run := terraformTest(t, dir)
	if run.ExitCode != 0 || !strings.Contains(run.Stdout, "Success! 1 passed, 0 failed.") {
		t.Fatalf("terraform test: exit %d:\n%s\n%s", run.ExitCode, run.Stdout, run.Stderr)
	}
}

// Under a mock the provider never reads, so enforce = true fails nothing,
// whatever missing says: a module gated only by enforce cannot test its gate.
func TestMockKit_enforceIsNotEvaluatedByMocks(t *testing.T) {
	t.Parallel()
	mockCLI(t)
	dir := writeModule(t, `
data "whoami_qumulo_current_privileges" "p" {
  required = ["PRIVILEGE_QUOTA_WRITE"]
  enforce  = true
}
`, `
mock_provider "whoami" {}

run "enforce_under_a_mock" {
  command = plan

  override_data {
    target = data.whoami_qumulo_current_privileges.p
    values = {
      missing     = ["PRIVILEGE_QUOTA_WRITE"]
      all_granted = false
    }
  }

  expect_failures = [data.whoami_qumulo_current_privileges.p]
}
`)
	expectTestFailure(t, terraformTest(t, dir), "enforce_under_a_mock", missingExpectedFailure)
}

// With the real provider, enforce's error is not a custom condition, so
// expect_failures does not catch it: the run fails.
func TestMockKit_enforceErrorCannotBeExpected(t *testing.T) {
	t.Parallel()
	mockCLI(t)
	srv, _ := startQumulo(t, false)
	dir := writeModule(t, `
data "whoami_qumulo_current_privileges" "p" {
  required = ["PRIVILEGE_QUOTA_READ", "PRIVILEGE_QUOTA_WRITE"]
  enforce  = true
}
`, `
run "enforce_fails" {
  command = plan

  expect_failures = [data.whoami_qumulo_current_privileges.p]
}
`)
	expectTestFailure(t, terraformTest(t, dir, qumuloEnv(srv.URL, simqumulo.ServiceToken)), "enforce_fails",
		diagnostic("Qumulo credentials lack required privileges",
			`Qumulo user "svc-terraform" (id 1026) lacks 1 of the 2 required privileges. Missing: `+
				`- PRIVILEGE_QUOTA_WRITE: not listed in who-am-i's privileges `+
				`Grant the missing privileges to the account, or remove them from required.`),
		missingExpectedFailure)
}

// missingExpectedFailure is what Terraform and OpenTofu say of an
// expect_failures entry whose custom conditions all held.
var missingExpectedFailure = diagnostic("Missing expected failure",
	"The checkable object, data.whoami_qumulo_current_privileges.p, was expected to report an error but did not.")

// expectTestFailure fails unless the one run failed the test file, with the
// errors errs match.
func expectTestFailure(t *testing.T, run cliRun, name string, errs ...*regexp.Regexp) {
	t.Helper()
	if run.ExitCode != 1 {
		t.Errorf("terraform test: exit %d, want 1", run.ExitCode)
	}
	for _, line := range []string{`  run "` + name + `"... fail`, `Failure! 0 passed, 1 failed.`} {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(line) + `$`).MatchString(run.Stdout) {
			t.Errorf("terraform test printed no line %q:\n%s", line, run.Stdout)
		}
	}
	expectMatch(t, run.Stderr, errs...)
}
