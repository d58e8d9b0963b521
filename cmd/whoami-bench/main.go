// Command whoami-bench measures what a real `terraform plan` costs with this
// provider, and checks the numbers against the performance targets.
//
//	go run ./cmd/whoami-bench -terraform "$(scripts/ensure-terraform.sh)"
//	go run ./cmd/whoami-bench -summarize go-bench.txt   # medians of `go test -bench` output
//
// It builds the provider, and a wrapper that records the provider's peak RSS,
// into a temporary directory; starts every simulated platform of
// internal/simulator/registry in this process on 127.0.0.1 with its benchmark
// fixture (simulator.Platform's Bench: the required list and the API
// minimum it costs); writes three configurations (all ten data
// sources; the same through three aliased provider configurations; a baseline
// without the provider); plans each several times with a dev_overrides CLI
// configuration, at 0, 50 and 200 ms of injected latency; times the provider's
// start-up; plans one data source over answers of 10,000 and 100,000 grants
// where a simulator offers such a fixture (Bench.Grants); and prints a markdown report, which it also writes to
// BENCHMARKS.md. Request counts come from the simulators' counters, diffed
// around each run. The targets are judged from the numbers here, never by a
// timed test.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("whoami-bench: ")
	terraform := flag.String("terraform", os.Getenv("TF_ACC_TERRAFORM_PATH"), "`path` of the Terraform CLI (default: $TF_ACC_TERRAFORM_PATH, else terraform on PATH)")
	runs := flag.Int("runs", 5, "plans per configuration and latency; the report shows medians")
	out := flag.String("out", "BENCHMARKS.md", "write the report to this `file` as well as to stdout")
	summarize := flag.String("summarize", "", "print a markdown summary of the `go test -bench` output in this `file`, and do nothing else")
	flag.Parse()
	if *summarize != "" {
		text, err := summarizeGoBench(*summarize)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Print(text)
		return
	}
	if *terraform == "" {
		*terraform = "terraform"
	}
	tf, err := exec.LookPath(*terraform)
	if err != nil {
		log.Fatalf("no Terraform CLI: %v (run make bench, or pass -terraform)", err)
	}
	text, err := run(tf, *runs)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(text)
	if *out != "" {
		if err := os.WriteFile(*out, []byte(text), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

func run(tf string, runs int) (string, error) {
	work, err := os.MkdirTemp("", "whoami-bench-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(work)
	e := env{terraform: tf, cliConfig: filepath.Join(work, "dev.tfrc"), rssFile: filepath.Join(work, "rss.txt"),
		provider: filepath.Join(work, "real", "terraform-provider-whoami")}
	wrapDir := filepath.Join(work, "wrap")
	log.Print("building the provider and the RSS wrapper")
	if err := goBuild(e.provider, "."); err != nil {
		return "", err
	}
	if err := goBuild(filepath.Join(wrapDir, "terraform-provider-whoami"), "./cmd/whoami-bench/rsswrap"); err != nil {
		return "", err
	}
	if err := writeCLIConfig(e.cliConfig, wrapDir); err != nil {
		return "", err
	}
	sims, err := startSims()
	if err != nil {
		return "", err
	}
	defer closeSims(sims)

	scenarios := []*scenario{
		{name: "baseline", title: "baseline: no whoami data source"},
		{name: "ten", title: "10 data sources, 1 provider configuration", aliases: []string{""}},
		{name: "aliased", title: "30 data sources, 3 aliased configurations", aliases: []string{"", "b", "c"}},
	}
	for _, sc := range scenarios {
		if err := writeConfig(work, sc, sims); err != nil {
			return "", err
		}
	}
	// One discarded plan warms the page cache and Terraform's own start-up.
	if _, err := runPlan(e, scenarios[1].dir, sims); err != nil {
		return "", err
	}
	var results []result
	for _, sc := range scenarios {
		latencies := []time.Duration{0, 50 * time.Millisecond, 200 * time.Millisecond}
		if len(sc.aliases) == 0 {
			latencies = latencies[:1] // the baseline talks to no server
		}
		for _, lat := range latencies {
			log.Printf("%s, %d ms latency: %d plans", sc.name, lat.Milliseconds(), runs)
			for _, s := range sims {
				s.srv.SetLatency(lat)
			}
			r := result{sc: sc, latency: lat}
			for i := 0; i < runs; i++ {
				p, err := runPlan(e, sc.dir, sims)
				if err != nil {
					return "", err
				}
				r.runs = append(r.runs, p)
			}
			results = append(results, r)
		}
	}
	large, err := runLarge(e, work, min(runs, 3))
	if err != nil {
		return "", err
	}
	log.Print("timing provider start-up")
	st, err := measureStartup(e.provider)
	if err != nil {
		return "", err
	}
	return report{command: command(), terraformVersion: terraformVersion(tf), runs: runs, sims: sims,
		machine: fmt.Sprintf("%s, %s/%s, %d CPUs", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU()),
		results: results, large: large, start: st}.markdown(), nil
}

// goBuild builds pkg (relative to the module root, the working directory of
// make) as a user would, into out.
func goBuild(out, pkg string) error {
	cmd := exec.CommandContext(context.Background(), "go", "build", "-o", out, pkg)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %w\n%s", pkg, err, b)
	}
	return nil
}

// command is this invocation as the report quotes it.
func command() string {
	args := []string{"go run ./cmd/whoami-bench"}
	for _, a := range os.Args[1:] {
		if strings.ContainsAny(a, " '\"$") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		args = append(args, a)
	}
	return strings.Join(args, " ")
}

func terraformVersion(tf string) string {
	cmd := exec.CommandContext(context.Background(), tf, "version", "-json")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err != nil || json.Unmarshal(out, &v) != nil {
		return "Terraform (version unknown)"
	}
	return "Terraform " + v.Version
}
