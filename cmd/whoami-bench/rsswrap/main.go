// Command rsswrap stands in for terraform-provider-whoami during the
// benchmark, so that the benchmark can learn the provider's peak memory.
//
// whoami-bench builds it under the name terraform-provider-whoami into the
// directory a dev_overrides CLI configuration points at. Terraform starts it
// as it would the provider; it starts the real provider binary (the path in
// WHOAMI_BENCH_PROVIDER) with the same arguments, environment and standard
// streams, so the go-plugin handshake line the provider prints reaches
// Terraform unchanged. When the provider exits, rsswrap appends the child's
// peak resident set size (getrusage ru_maxrss, KiB on Linux) to the file named
// by WHOAMI_BENCH_RSS_FILE and exits with the provider's status.
//
// Each process writes "start <pid>" when it begins and "rss <pid> <KiB>" when
// it ends, so the reader can wait until every started provider has reported.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
)

func main() {
	provider, rssFile := os.Getenv("WHOAMI_BENCH_PROVIDER"), os.Getenv("WHOAMI_BENCH_RSS_FILE")
	if provider == "" || rssFile == "" {
		fmt.Fprintln(os.Stderr, "rsswrap: WHOAMI_BENCH_PROVIDER and WHOAMI_BENCH_RSS_FILE must be set")
		os.Exit(2)
	}
	record(rssFile, fmt.Sprintf("start %d\n", os.Getpid()))

	cmd := exec.CommandContext(context.Background(), provider, os.Args[1:]...)
	// *os.File streams are handed to the child as they are: no copying
	// goroutines, no added latency on the handshake line.
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	// Pass on whatever Terraform (go-plugin) sends the plugin process; the
	// provider decides what a signal means.
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "rsswrap:", err)
		record(rssFile, fmt.Sprintf("rss %d 0\n", os.Getpid()))
		os.Exit(1)
	}
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	var maxrss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		maxrss = ru.Maxrss
	}
	record(rssFile, fmt.Sprintf("rss %d %d\n", os.Getpid(), maxrss))
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		os.Exit(exit.ExitCode())
	}
}

// record appends one line; O_APPEND keeps concurrent processes' lines whole.
func record(path, line string) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		fmt.Fprintln(os.Stderr, "rsswrap:", err)
		return
	}
	defer f.Close()
	_, _ = f.WriteString(line)
}
