package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// result is every run of one scenario at one latency.
type result struct {
	sc      *scenario
	latency time.Duration
	runs    []planRun
}

func (r result) wall() time.Duration {
	return median(mapRuns(r.runs, func(p planRun) time.Duration { return p.wall }))
}

func (r result) rssKB() int { return median(mapRuns(r.runs, func(p planRun) int { return p.rssKB })) }

func (r result) processes() int {
	return median(mapRuns(r.runs, func(p planRun) int { return p.processes }))
}

// requests is each run's request count for one platform.
func (r result) requests(key string) []int {
	return mapRuns(r.runs, func(p planRun) int { return total(p.requests[key]) })
}

func mapRuns[T any](runs []planRun, f func(planRun) T) []T {
	out := make([]T, len(runs))
	for i, r := range runs {
		out[i] = f(r)
	}
	return out
}

// report is everything the tables show.
type report struct {
	command, terraformVersion, machine string
	runs                               int
	sims                               []*sim
	results                            []result
	large                              []largeResult
	start                              startup
}

func (rp report) find(name string, latency time.Duration) result {
	for _, r := range rp.results {
		if r.sc.name == name && r.latency == latency {
			return r
		}
	}
	return result{sc: &scenario{name: name}}
}

// chain is the longest chain of dependent requests over all platforms.
func (rp report) chain() int {
	n := 0
	for _, s := range rp.sims {
		n = max(n, s.chain)
	}
	return n
}

// markdown renders the report; the Go benchmark summary is appended later
// by make bench.
func (rp report) markdown() string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("# Benchmarks\n\nWritten by `make bench`, which ran the command below and then appended the Go benchmarks:\n\n    %s\n\n", rp.command)
	w("%s; %s. Every figure is the median of %d runs of `terraform plan -refresh=false -input=false -lock=false` "+
		"against the in-process simulators on 127.0.0.1, each with a fresh provider; the latency is added by the "+
		"simulators to every answer. Peak RSS is the largest `ru_maxrss` of the provider processes Terraform "+
		"started in a run (1 MB = 10^6 bytes).\n\n", rp.terraformVersion, rp.machine, rp.runs)

	w("## Plans\n\n| configuration | latency | plan wall time | over baseline | provider peak RSS | provider processes |")
	for _, s := range rp.sims {
		w(" %s |", s.key)
	}
	w("\n|---|---|---|---|---|---|%s\n", strings.Repeat("---|", len(rp.sims)))
	baseline := rp.find("baseline", 0).wall()
	for _, r := range rp.results {
		if len(r.sc.aliases) == 0 {
			w("| %s | — | %s | — | — | %d |%s\n", r.sc.title, secs(r.wall()), r.processes(), strings.Repeat(" — |", len(rp.sims)))
			continue
		}
		w("| %s | %d ms | %s | +%s | %s | %d |", r.sc.title, r.latency.Milliseconds(), secs(r.wall()), secs(r.wall()-baseline),
			mb(r.rssKB()), r.processes())
		for _, s := range rp.sims {
			w(" %s |", counts(r.requests(s.key)))
		}
		w("\n")
	}
	w("\nThe request columns are what each platform received in one plan (a range when runs differed). Terraform starts " +
		"the provider several times a plan (schema, validation, then one process per provider configuration); the RSS " +
		"wrapper each start goes through costs about a millisecond. The API minimum is, per provider configuration with " +
		"token auth, as follows; a serial round trip is a group of requests arriving within 100 ms of each other when " +
		"every answer takes 200 ms, so it counts what the platform's requests really waited for:\n\n| platform | minimum requests | longest dependent chain | why | serial round trips seen at 200 ms |\n|---|---|---|---|---|\n")
	ten := rp.find("ten", 200*time.Millisecond)
	for _, s := range rp.sims {
		seen := mapRuns(ten.runs, func(p planRun) int { return waves(s, p, ten.latency) })
		w("| %s | %d | %d | %s | %s |\n", s.key, s.minimum, s.chain, s.why, counts(seen))
	}
	w("\nA username/password configuration adds one login (POST) per platform that has one, before the first request " +
		"(AWX sends HTTP Basic and needs none).\n")

	w("%s", largeMarkdown(rp.large))

	w("\n## Provider start-up\n\n| measure | median | min | max |\n|---|---|---|---|\n")
	for _, m := range []struct {
		name string
		d    []time.Duration
	}{
		{"exec → go-plugin handshake line", rp.start.handshake},
		{fmt.Sprintf("exec → GetProviderSchema answer over gRPC (%d bytes)", rp.start.schemaBytes), rp.start.schema},
		{"GetProviderSchema in process (providerserver, no exec)", rp.start.inProcess},
	} {
		w("| %s | %s | %s | %s |\n", m.name, ms(median(m.d)), ms(slices.Min(m.d)), ms(slices.Max(m.d)))
	}

	w("\n## Targets\n\n| target | limit | measured | met |\n|---|---|---|---|\n")
	var missed []string
	for _, t := range rp.targets() {
		verdict := yesNo(t.met)
		if t.info {
			verdict = strings.Trim(verdict, "*") + " (not a target)"
		} else if !t.met {
			missed = append(missed, t.name)
		}
		w("| %s | %s | %s | %s |\n", t.name, t.limit, t.measured, verdict)
	}
	if len(missed) == 0 {
		w("\nEvery target is met.\n")
	} else {
		w("\nTargets missed: %s.\n", strings.Join(missed, "; "))
	}
	return b.String()
}

type target struct {
	name, limit, measured string
	met                   bool
	// info marks a row that is not one of the targets: shown to
	// explain the numbers, left out of the verdict.
	info bool
}

// targets computes each target of the performance issue from the numbers.
func (rp report) targets() []target {
	var out []target
	// Requests: every run of every whoami scenario at the API minimum.
	for _, r := range rp.results {
		if len(r.sc.aliases) == 0 {
			continue
		}
		var got, want []string
		met := true
		for _, s := range rp.sims {
			expected := s.minimum * len(r.sc.aliases)
			seen := r.requests(s.key)
			met = met && slices.Min(seen) == expected && slices.Max(seen) == expected
			got, want = append(got, s.key+" "+counts(seen)), append(want, fmt.Sprint(expected))
		}
		out = append(out, target{fmt.Sprintf("requests per platform = API minimum (%s, %d ms)", r.sc.title, r.latency.Milliseconds()),
			strings.Join(want, " / "), strings.Join(got, ", "), met, false})
	}
	// Latency: data sources and platforms overlap, so a slow server costs
	// the longest chain of dependent requests, not their sum.
	for _, c := range []struct {
		name, note string
		latency    time.Duration
	}{
		{"ten", "", 200 * time.Millisecond},
		{"ten", " (same formula)", 50 * time.Millisecond},
		{"aliased", " (same formula; Terraform reads at most 10 of the 30 data sources at once, -parallelism=10)", 200 * time.Millisecond},
	} {
		base := rp.find(c.name, 0).wall()
		limit := base + time.Duration(1.5*float64(c.latency)*float64(rp.chain()))
		got := rp.find(c.name, c.latency).wall()
		out = append(out, target{fmt.Sprintf("plan with %d ms latency, %s%s", c.latency.Milliseconds(), rp.find(c.name, 0).sc.title, c.note),
			fmt.Sprintf("≤ %s (0 ms plan %s + 1.5 × %d ms × chain %d)", secs(limit), secs(base), c.latency.Milliseconds(), rp.chain()),
			secs(got), got <= limit, c.note != ""})
	}
	// Where overlap is lost: a platform whose requests arrive in more waves
	// than its chain of dependent requests sends something in sequence that
	// could go in parallel (this stays hidden in the plan time while another
	// platform's chain is longer).
	ten := rp.find("ten", 200*time.Millisecond)
	var want, got []string
	overlap := true
	for _, s := range rp.sims {
		seen := mapRuns(ten.runs, func(p planRun) int { return waves(s, p, ten.latency) })
		overlap = overlap && len(seen) > 0 && slices.Max(seen) <= s.chain
		want, got = append(want, fmt.Sprint(s.chain)), append(got, s.key+" "+counts(seen))
	}
	out = append(out, target{"serial round trips per platform at 200 ms ≤ its dependent chain (diagnostic)",
		strings.Join(want, " / "), strings.Join(got, ", "), overlap, false})
	maxRSS := 0
	for _, r := range rp.results {
		for _, p := range r.runs {
			maxRSS = max(maxRSS, p.rssKB)
		}
	}
	out = append(out, target{"provider peak RSS (largest of every run)", "< 60 MB", mb(maxRSS), maxRSS*1024 < 60e6, false})
	startToSchema := median(rp.start.schema)
	out = append(out, target{"provider start → schema (median)", "< 100 ms", ms(startToSchema), startToSchema < 100*time.Millisecond, false})
	return append(out, largeTargets(rp.large)...)
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func mb(kb int) string { return fmt.Sprintf("%.1f MB", float64(kb)*1024/1e6) }

// counts shows one number when every run agreed and min–max otherwise.
func counts(xs []int) string {
	if len(xs) == 0 {
		return "—"
	}
	lo, hi := slices.Min(xs), slices.Max(xs)
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "**no**"
}
