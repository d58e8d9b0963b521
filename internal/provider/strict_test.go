package provider

// strict and the unknown-name warnings (issue #19), on the data source and
// on its ephemeral twin alike, through the real CLI: with strict a name the
// provider does not know fails terraform validate; without it each such
// name is a warning of its own, shown once by validate and once by plan,
// although Terraform validates the configuration twice during a plan.

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
)

const (
	strictTypo  = "PRIVILEGE_SMB_SHARE_REED"
	strictNewer = "PRIVILEGE_FROM_A_NEWER_RELEASE"
)

// Exact texts of the diagnostics for strictTypo and strictNewer.
var (
	typoSummary   = `Unknown Qumulo privilege "` + strictTypo + `"`
	newerSummary  = `Unknown Qumulo privilege "` + strictNewer + `"`
	typoDetail    = `"` + strictTypo + `" is not among the Qumulo privileges the provider knows; did you mean "PRIVILEGE_SMB_SHARE_READ"?`
	newerDetail   = `"` + strictNewer + `" is not among the Qumulo privileges the provider knows.`
	warnTail      = ` It is still evaluated as written, in case it is newer than the provider.`
	strictTail    = ` strict is true, so this is an error: fix the name, or remove strict if the privilege is newer than the provider.`
	strictTypoErr = diagnostic(typoSummary, typoDetail+strictTail)
)

// privilegeKind is one of the two things named whoami_qumulo_current_privileges.
type privilegeKind struct {
	block string // "data" or "ephemeral"
	opts  func(t *testing.T) []option
}

func privilegeKinds() map[string]privilegeKind {
	return map[string]privilegeKind{
		"data_source": {"data", func(*testing.T) []option { return nil }},
		"ephemeral": {"ephemeral", func(t *testing.T) []option {
			cli, _ := ephemeralCLI(t)
			return []option{withCLI(cli)}
		}},
	}
}

// forEachKind runs body as a parallel subtest for the data source and for
// the ephemeral resource.
func forEachKind(t *testing.T, body func(t *testing.T, k privilegeKind, opts []option)) {
	for name, k := range privilegeKinds() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			body(t, k, k.opts(t))
		})
	}
}

// qumuloPrivileges is a whoami_qumulo_current_privileges "p" of kind k with
// the given argument lines.
func qumuloPrivileges(k privilegeKind, lines ...string) string {
	return k.block + ` "whoami_qumulo_current_privileges" "p" {
  ` + strings.Join(lines, "\n  ") + `
}
`
}

// validateText runs terraform validate, with the output people read.
func validateText(t *testing.T, config string, opts []option) cliRun {
	t.Helper()
	return runTerraform(t, config, opts, "validate", "-no-color")
}

// validateJSON is every diagnostic terraform validate -json gives.
func validateJSON(t *testing.T, config string, opts []option) []string {
	t.Helper()
	_, _, got := validateDiagnostics(t, config, opts)
	return got
}

// count is how many times re matches out.
func count(re *regexp.Regexp, out string) int { return len(re.FindAllStringIndex(out, -1)) }

// With strict, a typo fails terraform validate (and so plan) with an error
// per unknown name, each naming it and saying what to do.
func TestStrict_unknownNameFailsValidate(t *testing.T) {
	t.Parallel()
	forEachKind(t, func(t *testing.T, k privilegeKind, opts []option) {
		config := qumuloPrivileges(k, `required = ["PRIVILEGE_SMB_SHARE_READ", "`+strictTypo+`", "`+strictNewer+`"]`, `strict = true`)
		run := validateText(t, config, opts)
		if run.ExitCode != 1 {
			t.Fatalf("validate: exit %d, want 1:\n%s%s", run.ExitCode, run.Stdout, run.Stderr)
		}
		expectMatch(t, run.Stderr, strictTypoErr, diagnostic(newerSummary, newerDetail+strictTail))
		expectLines(t, validateJSON(t, config, opts), []string{
			"error: " + newerSummary + ": " + newerDetail + strictTail,
			"error: " + typoSummary + ": " + typoDetail + strictTail,
		})
		expectPlanError(t, config, strictTypoErr, opts...)
	})
}

// Without strict, each unknown name is a warning of its own, which
// Terraform's text output does not fold into "similar warnings"; validate
// still succeeds.
func TestStrict_offWarnsOncePerNameAtValidate(t *testing.T) {
	t.Parallel()
	forEachKind(t, func(t *testing.T, k privilegeKind, opts []option) {
		for name, strict := range map[string]string{"unset": "", "false": "strict = false"} {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				config := qumuloPrivileges(k, `required = ["`+strictTypo+`", "`+strictNewer+`"]`, strict)
				expectLines(t, validateJSON(t, config, opts), []string{
					"warning: " + newerSummary + ": " + newerDetail + warnTail,
					"warning: " + typoSummary + ": " + typoDetail + warnTail,
				})
				run := validateText(t, config, opts)
				if run.ExitCode != 0 {
					t.Fatalf("validate: exit %d, want 0:\n%s%s", run.ExitCode, run.Stdout, run.Stderr)
				}
				out := run.Stdout + run.Stderr
				for _, w := range []*regexp.Regexp{warning(typoSummary, typoDetail+warnTail), warning(newerSummary, newerDetail+warnTail)} {
					if n := count(w, out); n != 1 {
						t.Errorf("validate shows %s %d times, want once:\n%s", w, n, out)
					}
				}
				if strings.Contains(out, "similar warning") {
					t.Errorf("validate folded the warnings:\n%s", out)
				}
			})
		}
	})
}

// terraform plan validates twice (unconfigured, then configured before the
// read) and reads; it shows each warning exactly once.
func TestStrict_planShowsEachWarningOnce(t *testing.T) {
	t.Parallel()
	forEachKind(t, func(t *testing.T, k privilegeKind, opts []option) {
		srv, _ := startQumulo(t, false)
		config := providerBlock("qumulo", tokenAttrs("qumulo", srv.URL)) +
			qumuloPrivileges(k, `required = ["PRIVILEGE_SMB_SHARE_READ", "`+strictTypo+`", "`+strictNewer+`"]`)
		run := runTerraform(t, config, opts, "plan", "-input=false", "-no-color", "-lock=false")
		out := run.Stdout + run.Stderr
		if run.ExitCode != 0 {
			t.Fatalf("plan: exit %d:\n%s", run.ExitCode, out)
		}
		for _, summary := range []string{typoSummary, newerSummary} {
			if n := count(exactly("Warning: "+summary), out); n != 1 {
				t.Errorf("plan shows %q %d times, want once:\n%s", summary, n, out)
			}
		}
		if n := count(regexp.MustCompile(`Warning: `), out); n != 2 {
			t.Errorf("plan shows %d warnings, want 2:\n%s", n, out)
		}
	})
}

// strict and required from variables are unknown at validate: validate
// cannot decide strict, so it warns, and plan, where both are known, fails.
// A required only known at plan is checked there with strict alone.
func TestStrict_fromVariables(t *testing.T) {
	t.Parallel()
	forEachKind(t, func(t *testing.T, k privilegeKind, opts []option) {
		t.Run("strict", func(t *testing.T) {
			t.Parallel()
			config := `variable "strict" { default = true }
` + qumuloPrivileges(k, `required = ["`+strictTypo+`"]`, `strict = var.strict`)
			expectLines(t, validateJSON(t, config, opts), []string{"warning: " + typoSummary + ": " + typoDetail + warnTail})
			expectPlanError(t, config, strictTypoErr, opts...)
		})
		t.Run("required", func(t *testing.T) {
			t.Parallel()
			config := `variable "required" { default = ["` + strictTypo + `"] }
` + qumuloPrivileges(k, `required = var.required`, `strict = true`)
			expectLines(t, validateJSON(t, config, opts), nil)
			expectPlanError(t, config, strictTypoErr, opts...)
		})
	})
}

// A malformed name stays the attribute validator's error, strict or not,
// and is not also reported as unknown.
func TestStrict_malformedIsOneError(t *testing.T) {
	t.Parallel()
	forEachKind(t, func(t *testing.T, k privilegeKind, opts []option) {
		got := validateJSON(t, qumuloPrivileges(k, `required = ["privilege_smb_share_read"]`, `strict = true`), opts)
		if len(got) != 1 || !strings.HasPrefix(got[0], "error: Malformed Qumulo privilege: ") {
			t.Errorf("validate: %q, want one Malformed Qumulo privilege error", got)
		}
	})
}

// strict with only known names reads as usual, and the state keeps it as
// written.
func TestStrict_knownNamesRead(t *testing.T) {
	t.Parallel()
	srv, _ := startQumulo(t, false)
	block := providerBlock("qumulo", tokenAttrs("qumulo", srv.URL))
	addr := "data.whoami_qumulo_current_privileges.p"
	data := privilegeKinds()["data_source"]
	readOnce(t, block+qumuloPrivileges(data, `required = ["PRIVILEGE_SMB_SHARE_READ"]`, `strict = true`),
		at(addr, "strict", knownvalue.Bool(true)), at(addr, "all_granted", knownvalue.Bool(true)))
	readOnce(t, block+qumuloPrivileges(data, `required = ["PRIVILEGE_SMB_SHARE_READ"]`),
		at(addr, "strict", knownvalue.Null()), at(addr, "all_granted", knownvalue.Bool(true)))
	cli, _ := ephemeralCLI(t)
	planOnce(t, block+gate("qumulo", "true", "PRIVILEGE_SMB_SHARE_READ")+`
ephemeral "whoami_qumulo_current_privileges" "strict" {
  required = ["PRIVILEGE_SMB_SHARE_READ"]
  strict   = true
  enforce  = true
}
`, withCLI(cli))
}
