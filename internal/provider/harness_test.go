package provider

// The acceptance-test harness: every test runs the real Terraform CLI, one
// command per assertion, against the simulators on loopback. By default the
// provider runs in this process (served through TF_REATTACH_PROVIDERS), as a
// fresh whoamiProvider per command with a map for its environment and a sleep
// that returns at once, so tests run in parallel and never wait out a backoff.
// withBinary() runs the built provider through dev_overrides instead, for the
// one thing only a separate process gives: its own log lines in Terraform's
// TF_LOG output.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// cliCalls counts Terraform CLI invocations, printed by TestMain (go test -v).
var cliCalls atomic.Int64

// TestMain clears every variable any platform reads, so that no test depends
// on the shell it runs in (the built binary inherits the environment).
func TestMain(m *testing.M) {
	for _, b := range Blocks() {
		for _, name := range b.Environment {
			os.Unsetenv(name)
		}
	}
	code := m.Run()
	removeProviderBinary()
	if n := cliCalls.Load(); n > 0 {
		fmt.Printf("terraform CLI invocations: %d\n", n)
	}
	os.Exit(code)
}

// terraformPath finds the CLI: TF_ACC_TERRAFORM_PATH, terraform on PATH, or
// the one scripts/ensure-terraform.sh builds into .tools/.
var terraformPath = sync.OnceValue(func() string {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	if p, err := exec.LookPath("terraform"); err == nil {
		return p
	}
	// .tools/terraform-<version>/terraform, relative to this package: the last
	// by name, so 1.8.5 rather than the 1.5.7 make test-compat builds beside it.
	pinned, _ := filepath.Glob(filepath.Join("..", "..", ".tools", "terraform-*", "terraform"))
	if len(pinned) == 0 {
		return ""
	}
	sort.Strings(pinned)
	p, _ := filepath.Abs(pinned[len(pinned)-1])
	return p
})

func terraformCLI(t *testing.T) string {
	t.Helper()
	p := terraformPath()
	if p == "" {
		t.Skip("skipped: no Terraform CLI: set TF_ACC_TERRAFORM_PATH, put terraform on PATH, or run make test once " +
			"(scripts/ensure-terraform.sh builds one into .tools/)")
	}
	return p
}

// providerAddress is the provider's source address; make test-compat sets
// TF_ACC_PROVIDER_HOST=registry.opentofu.org for OpenTofu.
func providerAddress() string {
	host := "registry.terraform.io"
	if h := os.Getenv("TF_ACC_PROVIDER_HOST"); h != "" {
		host = strings.TrimSuffix(h, "/")
	}
	return host + "/whoami-terraform/whoami"
}

// option configures one Terraform command.
type option func(*runOptions)

type runOptions struct {
	env    map[string]string
	sleep  func(context.Context, time.Duration) bool
	binary bool
	// dir, when set, is the working directory of an earlier command, reused
	// as it is (a saved plan, a state).
	dir string
	// cli, when set, is the CLI to run instead of terraformPath's.
	cli string
}

// inDir runs the command in the working directory of an earlier one.
func inDir(dir string) option { return func(o *runOptions) { o.dir = dir } }

// withEnv is the environment the provider reads: its getenv in-process, or
// variables added to Terraform's environment (which the binary inherits).
func withEnv(env map[string]string) option { return func(o *runOptions) { o.env = env } }

// withWaits records the waits between retries into w (in-process only).
func withWaits(w *waits) option { return func(o *runOptions) { o.sleep = w.sleep } }

// withRealSleep waits between retries with a real timer, which also refuses a
// wait that would outlast the timeout.
func withRealSleep() option { return func(o *runOptions) { o.sleep = nil } }

// withCLI runs the command with the CLI at path.
func withCLI(path string) option { return func(o *runOptions) { o.cli = path } }

// withBinary runs the built provider binary through dev_overrides.
func withBinary() option { return func(o *runOptions) { o.binary = true } }

// waits records what the provider asked to wait between attempts, and returns
// at once, unless the context has already ended.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) sleep(ctx context.Context, d time.Duration) bool {
	if ctx.Err() != nil {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.d = append(w.d, d)
	return true
}

// expect fails unless exactly n waits were asked for; a non-zero want is the
// duration every one of them must have (a Retry-After).
func (w *waits) expect(t *testing.T, n int, want time.Duration) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.d) != n {
		t.Errorf("waits between attempts = %v, want %d", w.d, n)
	}
	for _, d := range w.d {
		if want != 0 && d != want || d <= 0 {
			t.Errorf("waits between attempts = %v, want each %v", w.d, want)
			return
		}
	}
}

// cliRun is what one terraform command printed.
type cliRun struct {
	Stdout, Stderr string
	ExitCode       int
	// Dir is the working directory, holding terraform.tfstate after an apply.
	Dir string
}

// runTerraform writes config into a fresh directory and runs terraform there
// with args against the provider opts describe.
func runTerraform(t *testing.T, config string, opts []option, args ...string) cliRun {
	t.Helper()
	o := runOptions{sleep: new(waits).sleep}
	for _, opt := range opts {
		opt(&o)
	}
	tf := o.cli
	if tf == "" {
		tf = terraformCLI(t)
	}
	dir := o.dir
	if dir == "" {
		dir = t.TempDir()
		must(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`terraform {
  required_providers {
    whoami = { source = "whoami-terraform/whoami" }
  }
}
`+config), 0o600))
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_REATTACH_PROVIDERS=") && !strings.HasPrefix(kv, "TF_CLI_CONFIG_FILE=") {
			env = append(env, kv)
		}
	}
	cliConfig := filepath.Join(dir, "cli.tfrc")
	env = append(env, "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	if o.binary {
		bin := buildProvider(t)
		must(t, os.WriteFile(cliConfig, []byte(`provider_installation {
  dev_overrides {
    "registry.terraform.io/whoami-terraform/whoami" = "`+bin+`"
    "registry.opentofu.org/whoami-terraform/whoami" = "`+bin+`"
  }
  direct {}
}
`), 0o600))
		for k, v := range o.env {
			env = append(env, k+"="+v)
		}
	} else {
		must(t, os.WriteFile(cliConfig, nil, 0o600))
		p := &whoamiProvider{version: "test", getenv: func(name string) string { return o.env[name] }, sleep: o.sleep}
		reattach, stop := serveInProcess(t, p)
		defer stop()
		env = append(env, "TF_REATTACH_PROVIDERS="+reattach)
	}
	cmd := exec.Command(tf, args...)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cliCalls.Add(1)
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

// serveInProcess serves p over gRPC in this process, as terraform-plugin-testing
// does, and returns the TF_REATTACH_PROVIDERS value that points Terraform at it.
func serveInProcess(t *testing.T, p *whoamiProvider) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	config := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	failed := make(chan error, 1)
	go func() {
		failed <- tf6server.Serve(providerAddress(), providerserver.NewProtocol6(p),
			tf6server.WithDebug(ctx, config, closed),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithoutLogStderrOverride(),
			// Provider logs follow TF_LOG (off when unset), TF_LOG_PATH and TF_ACC_LOG_PATH.
			tf6server.WithLoggingSink(t))
	}()
	var c *plugin.ReattachConfig
	select {
	case c = <-config:
	case err := <-failed:
		cancel()
		t.Fatalf("serving the provider: %v", err)
	}
	type addr struct{ Network, String string }
	type server struct {
		Protocol        string
		ProtocolVersion int
		Pid             int
		Test            bool
		Addr            addr
	}
	at := server{string(c.Protocol), c.ProtocolVersion, c.Pid, c.Test, addr{c.Addr.Network(), c.Addr.String()}}
	// Under both registries' addresses, so that Terraform and OpenTofu alike
	// (withCLI) find it; each ignores the other's.
	reattach, err := json.Marshal(map[string]any{providerAddress(): at,
		"registry.terraform.io/whoami-terraform/whoami": at, "registry.opentofu.org/whoami-terraform/whoami": at})
	must(t, err)
	return string(reattach), func() { cancel(); <-closed }
}

var providerBinary struct {
	once sync.Once
	dir  string
	err  error
}

// buildProvider builds the provider binary once per test run.
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

// apply runs one terraform apply (data sources only: one command) that must succeed.
func apply(t *testing.T, config string, opts ...option) cliRun {
	t.Helper()
	run := runTerraform(t, config, opts, "apply", "-auto-approve", "-input=false", "-no-color", "-lock=false")
	if run.ExitCode != 0 {
		t.Fatalf("terraform apply failed (exit %d):\n%s\n%s", run.ExitCode, run.Stdout, run.Stderr)
	}
	return run
}

// readOnce applies config and checks the state it wrote.
func readOnce(t *testing.T, config string, checks ...stateCheck) {
	t.Helper()
	expectState(t, apply(t, config), checks...)
}

// readFromEnvironment is readOnce with env as the provider's environment.
func readFromEnvironment(t *testing.T, env map[string]string, config string, checks ...stateCheck) {
	t.Helper()
	expectState(t, apply(t, config, withEnv(env)), checks...)
}

// planOnce runs one terraform plan that must succeed and returns its output.
func planOnce(t *testing.T, config string, opts ...option) string {
	t.Helper()
	run := runTerraform(t, config, opts, "plan", "-input=false", "-no-color", "-lock=false")
	if run.ExitCode != 0 {
		t.Fatalf("terraform plan failed (exit %d):\n%s\n%s", run.ExitCode, run.Stdout, run.Stderr)
	}
	return run.Stdout
}

// planFails runs one terraform plan that must fail and returns its error output.
func planFails(t *testing.T, config string, opts ...option) string {
	t.Helper()
	run := runTerraform(t, config, opts, "plan", "-input=false", "-no-color", "-lock=false")
	if run.ExitCode == 0 {
		t.Fatalf("plan succeeded, want a failure:\n%s", run.Stdout)
	}
	return run.Stderr
}

// expectPlanError runs one plan that must fail with an error matching re.
func expectPlanError(t *testing.T, config string, re *regexp.Regexp, opts ...option) {
	t.Helper()
	if out := planFails(t, config, opts...); !re.MatchString(out) {
		t.Errorf("the plan's errors do not match %s:\n%s", re, out)
	}
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

// validateWarnings runs terraform validate -json (which, unlike the text
// output, does not fold similar warnings together) and returns each warning
// as "warning: summary: detail", sorted.
func validateWarnings(t *testing.T, config string) []string {
	t.Helper()
	run, valid, got := validateDiagnostics(t, config, nil)
	if !valid || run.ExitCode != 0 {
		t.Fatalf("validate: exit %d:\n%s%s", run.ExitCode, run.Stdout, run.Stderr)
	}
	return got
}

// validateDiagnostics runs terraform validate -json and returns whether it
// found the configuration valid, and every diagnostic as "severity: summary:
// detail", sorted.
func validateDiagnostics(t *testing.T, config string, opts []option) (cliRun, bool, []string) {
	t.Helper()
	run := runTerraform(t, config, opts, "validate", "-json")
	var result struct {
		Valid       bool `json:"valid"`
		Diagnostics []struct {
			Severity, Summary, Detail string
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(run.Stdout), &result); err != nil {
		t.Fatalf("validate -json: exit %d, %v:\n%s%s", run.ExitCode, err, run.Stdout, run.Stderr)
	}
	var got []string
	for _, d := range result.Diagnostics {
		got = append(got, d.Severity+": "+d.Summary+": "+d.Detail)
	}
	sort.Strings(got)
	return run, result.Valid, got
}

func expectLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func expectMatch(t *testing.T, out string, want ...*regexp.Regexp) {
	t.Helper()
	for _, re := range want {
		if !re.MatchString(out) {
			t.Errorf("output does not match %v:\n%s", re, out)
		}
	}
}
