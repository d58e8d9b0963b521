package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/provider"
)

// env is what each terraform run gets: where the provider is and where the
// RSS wrapper reports.
type env struct {
	terraform string
	cliConfig string // dev_overrides → the wrapper's directory
	provider  string // the real provider binary the wrapper starts
	rssFile   string
}

// droppedEnvPrefixes are dropped from every run's environment: the provider's
// logging, which would slow it, and the RSS wrapper's own variables, which
// runPlan sets.
var droppedEnvPrefixes = []string{"TF_LOG", "WHOAMI_BENCH_"}

// planRun is what one `terraform plan` cost.
type planRun struct {
	wall time.Duration
	// rssKB is the largest peak RSS of the provider processes Terraform
	// started (KiB); processes is how many it started.
	rssKB, processes int
	// requests holds each platform's requests during the run, by key and by
	// "METHOD /path".
	requests map[string]map[string]int
	start    time.Time
	end      time.Time
}

// runPlan runs one plan in dir and measures it.
func runPlan(e env, dir string, sims []*sim) (planRun, error) {
	if err := os.WriteFile(e.rssFile, nil, 0o600); err != nil {
		return planRun{}, err
	}
	before := map[string]map[string]int{}
	for _, s := range sims {
		before[s.key] = s.srv.Counts()
	}
	cmd := exec.CommandContext(context.Background(), e.terraform, "plan", "-refresh=false", "-input=false", "-lock=false", "-no-color")
	cmd.Dir = dir
	cmd.Env = append(filterEnv(os.Environ()),
		"TF_CLI_CONFIG_FILE="+e.cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"WHOAMI_BENCH_PROVIDER="+e.provider, "WHOAMI_BENCH_RSS_FILE="+e.rssFile)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	run := planRun{start: time.Now()}
	err := cmd.Run()
	run.end = time.Now()
	run.wall = run.end.Sub(run.start)
	if err != nil {
		return run, fmt.Errorf("terraform plan in %s: %w\n%s", dir, err, out.String())
	}
	if run.rssKB, run.processes, err = readRSS(e.rssFile); err != nil {
		return run, err
	}
	run.requests = map[string]map[string]int{}
	for _, s := range sims {
		run.requests[s.key] = diff(s.srv.Counts(), before[s.key])
	}
	return run, nil
}

// readRSS waits (briefly) until every wrapper that started has reported, and
// returns the largest peak RSS and the number of provider processes.
func readRSS(path string) (maxKB, processes int, err error) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		data, err := os.ReadFile(path)
		if err != nil {
			return 0, 0, err
		}
		starts, ends := 0, 0
		maxKB = 0
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			switch {
			case len(f) == 2 && f[0] == "start":
				starts++
			case len(f) == 3 && f[0] == "rss":
				ends++
				kb, _ := strconv.Atoi(f[2])
				maxKB = max(maxKB, kb)
			}
		}
		if starts == ends {
			return maxKB, starts, nil
		}
		if time.Now().After(deadline) {
			return 0, 0, fmt.Errorf("%d provider processes started but only %d reported their memory", starts, ends)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func diff(after, before map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range after {
		if d := v - before[k]; d > 0 {
			out[k] = d
		}
	}
	return out
}

func total(counts map[string]int) int {
	n := 0
	for _, v := range counts {
		n += v
	}
	return n
}

// waves counts the serial round trips a platform saw in one run: with every
// answer delayed by latency, requests sent together arrive within a few
// milliseconds and a request that needed an earlier answer arrives at least
// latency later. Meaningful for one provider configuration only.
func waves(s *sim, run planRun, latency time.Duration) int {
	var times []time.Time
	for key := range run.requests[s.key] {
		method, path, _ := strings.Cut(key, " ")
		for _, t := range s.srv.Arrivals(method, path) {
			if !t.Before(run.start) && !t.After(run.end) {
				times = append(times, t)
			}
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	n := 0
	var waveStart time.Time
	for _, t := range times {
		if n == 0 || t.Sub(waveStart) >= latency/2 {
			n++
			waveStart = t
		}
	}
	return n
}

// filterEnv drops every variable the provider reads (each block's
// Environment: QUMULO_ACCESS_TOKEN, EC_API_KEY, AAP_TOKEN, ...), so that only
// the configuration configures the platforms, and those of droppedEnvPrefixes.
func filterEnv(environ []string) []string {
	read := map[string]bool{}
	for _, b := range provider.Blocks() {
		for _, name := range b.Environment {
			read[name] = true
		}
	}
	var out []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if !read[name] && !slices.ContainsFunc(droppedEnvPrefixes, func(p string) bool { return strings.HasPrefix(name, p) }) {
			out = append(out, kv)
		}
	}
	return out
}

// median of durations or ints (sorted copy; the upper middle for even n).
func median[T int | time.Duration](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := append([]T(nil), xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}
