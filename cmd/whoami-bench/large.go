package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/provider"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/registry"
)

// grantCounts are the answer sizes timed: the 10,000 and 100,000.
var grantCounts = []int{10_000, 100_000}

// largeLimit is the goal for reading an answer of 100,000 grants.
const largeLimit = 5 * time.Second

// largeResult is the plan of one current_privileges data source whose answer
// holds n grants.
type largeResult struct {
	key  string
	n    int
	runs []planRun
}

// runLarge plans, for every platform whose simulator offers such a fixture
// (simulator.Bench.Grants), one current_privileges data source over answers of
// each size in grantCounts, runs times each.
func runLarge(e env, work string, runs int) ([]largeResult, error) {
	blocks := provider.Blocks()
	var out []largeResult
	for _, p := range registry.Platforms {
		if p.Bench.Grants == nil {
			continue
		}
		i := slices.IndexFunc(blocks, func(b provider.Block) bool { return b.Key == p.Key })
		for _, n := range grantCounts {
			h, token := p.Bench.Grants(n)
			s := &sim{key: p.Key, srv: simulator.Start(h, simulator.Options{}), tokenAttr: blocks[i].TokenAttribute, token: token}
			dir := filepath.Join(work, fmt.Sprintf("large-%s-%d", p.Key, n))
			r := largeResult{key: p.Key, n: n}
			err := writeLargeConfig(dir, s)
			log.Printf("%s, an answer of %d grants: %d plans", p.Key, n, runs)
			for j := 0; err == nil && j < runs; j++ {
				var pr planRun
				if pr, err = runPlan(e, dir, []*sim{s}); err == nil {
					r.runs = append(r.runs, pr)
				}
			}
			s.srv.Close()
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// writeLargeConfig reads the caller's privileges with a generous timeout
// (the measurement is the plan's time, not the provider's budget) and shows
// how many came back, so a plan that lost some would be seen.
func writeLargeConfig(dir string, s *sim) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	config := fmt.Sprintf(`terraform {
  required_providers {
    whoami = { source = "whoami-terraform/whoami" }
  }
}

provider "whoami" {
  %s {
    endpoint = %q
    %s = %q
    timeout  = "5m"
  }
}

data "whoami_%s_current_privileges" "large" {}

output "privileges" {
  value = length(data.whoami_%s_current_privileges.large.privileges)
}
`, s.key, s.srv.URL, s.tokenAttr, s.token, s.key, s.key)
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600)
}

// largeMarkdown is the report's section on large answers.
func largeMarkdown(results []largeResult) string {
	var b strings.Builder
	b.WriteString("\n## Large answers\n\nOne `current_privileges` data source whose answer holds this many grants " +
		"(Qumulo privileges, ECE permissions, AWX roles over pages of 200), median of the runs:\n\n" +
		"| platform | grants | plan wall time | provider peak RSS | requests |\n|---|---|---|---|---|\n")
	for _, r := range results {
		wall := median(mapRuns(r.runs, func(p planRun) time.Duration { return p.wall }))
		rss := median(mapRuns(r.runs, func(p planRun) int { return p.rssKB }))
		requests := mapRuns(r.runs, func(p planRun) int { return total(p.requests[r.key]) })
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s |\n", r.key, r.n, secs(wall), mb(rss), counts(requests))
	}
	return b.String()
}

// largeTargets is one target per platform: 100,000 grants read within largeLimit.
func largeTargets(results []largeResult) []target {
	var out []target
	for _, r := range results {
		if r.n != grantCounts[len(grantCounts)-1] {
			continue
		}
		wall := median(mapRuns(r.runs, func(p planRun) time.Duration { return p.wall }))
		out = append(out, target{fmt.Sprintf("plan reading an answer of %d grants, %s", r.n, r.key),
			"< " + secs(largeLimit), secs(wall), wall < largeLimit, false})
	}
	return out
}
