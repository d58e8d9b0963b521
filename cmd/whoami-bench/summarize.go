package main

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// summarizeGoBench prints the median of each metric of each benchmark in a
// `go test -bench -benchmem -count N` output file, as a markdown section.
// The file itself stays the input for benchstat (`benchstat old.txt new.txt`);
// this is only the at-a-glance view BENCHMARKS.md keeps.
func summarizeGoBench(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	type bench struct {
		pkg, name string
		metrics   map[string][]float64 // unit → one value per run
	}
	var order []*bench
	byKey := map[string]*bench{}
	pkg, cpu := "", ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = v
			continue
		}
		if v, ok := strings.CutPrefix(line, "cpu: "); ok {
			cpu = v
			continue
		}
		// BenchmarkName-2   1234   567.8 ns/op   90 B/op   1 allocs/op
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") || len(fields)%2 != 0 {
			continue
		}
		key := pkg + " " + fields[0]
		b := byKey[key]
		if b == nil {
			b = &bench{pkg: pkg, name: fields[0], metrics: map[string][]float64{}}
			byKey[key] = b
			order = append(order, b)
		}
		for i := 2; i+1 < len(fields); i += 2 {
			if v, err := strconv.ParseFloat(fields[i], 64); err == nil {
				b.metrics[fields[i+1]] = append(b.metrics[fields[i+1]], v)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	if len(order) == 0 {
		return "", fmt.Errorf("%s holds no benchmark results", path)
	}
	var w strings.Builder
	fmt.Fprintf(&w, "\n## Go benchmarks\n\nMedians of `go test -run '^$' -bench . -benchmem -count 5 ./...`%s. "+
		"The raw output, for `benchstat old.txt new.txt`, is `%s` (not committed).\n\n", onCPU(cpu), path)
	fmt.Fprintf(&w, "| package | benchmark | runs | time/op | B/op | allocs/op |\n|---|---|---|---|---|---|\n")
	for _, b := range order {
		ns := b.metrics["ns/op"]
		fmt.Fprintf(&w, "| %s | %s | %d | %s | %s | %s |\n", strings.TrimPrefix(b.pkg, "github.com/whoami-terraform/terraform-provider-whoami/"),
			trimProcs(b.name), len(ns), duration(medianFloat(ns)), num(medianFloat(b.metrics["B/op"])), num(medianFloat(b.metrics["allocs/op"])))
	}
	return w.String(), nil
}

func onCPU(cpu string) string {
	if cpu == "" {
		return ""
	}
	return " on " + cpu
}

func medianFloat(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// duration shows ns/op in the unit a reader expects.
func duration(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.2f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// trimProcs drops the -GOMAXPROCS suffix go test adds to a benchmark's name.
func trimProcs(name string) string {
	if i := strings.LastIndexByte(name, '-'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			return name[:i]
		}
	}
	return name
}
