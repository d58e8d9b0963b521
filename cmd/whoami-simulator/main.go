// Command whoami-simulator serves the simulated platforms on loopback for the
// demo (and the benchmark) until it receives SIGINT or SIGTERM.
//
//	whoami-simulator -env-file /tmp/sim.env
//
// The env file holds shell `export` lines: each platform's endpoint in the
// environment variable the provider reads (QUMULO_ENDPOINT, ...) and the demo
// accounts' credentials as WHOAMI_DEMO_<PLATFORM>_* variables. It is written
// once every server listens, so its existence means "ready".
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/qumulo"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

// env is one exported variable, in the order written.
type env struct{ name, value string }

// platforms start one simulated platform each, with its demo accounts;
// adding a platform adds one line here and its start function.
var platforms = []struct {
	key   string
	start func() (*simulator.Server, []env)
}{
	{"qumulo", startQumulo},
}

func startQumulo() (*simulator.Server, []env) {
	s := simulator.Start(simqumulo.Demo(qumulo.KnownPrivileges).Handler(), simulator.Options{})
	return s, []env{
		{"QUMULO_ENDPOINT", s.URL},
		{"WHOAMI_DEMO_QUMULO_SERVICE_TOKEN", simqumulo.ServiceToken},
		{"WHOAMI_DEMO_QUMULO_ADMIN_TOKEN", simqumulo.AdminToken},
	}
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("whoami-simulator: ")
	envFile := flag.String("env-file", "", "write `export` lines for the demo to this `path` once the servers listen")
	flag.Parse()
	if err := run(*envFile); err != nil {
		log.Fatal(err)
	}
}

// run serves every platform until SIGINT or SIGTERM, then closes the servers.
func run(envFile string) error {
	var lines []string
	for _, p := range platforms {
		s, vars := p.start()
		defer s.Close()
		for _, v := range vars {
			lines = append(lines, "export "+v.name+"="+shellQuote(v.value))
		}
		log.Printf("%s listening on %s", p.key, s.URL)
	}
	if envFile != "" {
		if err := writeAtomically(envFile, strings.Join(lines, "\n")+"\n"); err != nil {
			return err
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	log.Print("stopping")
	return nil
}

// writeAtomically writes through a temporary file and a rename, so a reader
// polling for path never sees half of it.
func writeAtomically(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".whoami-simulator-*")
	if err != nil {
		return fmt.Errorf("env file: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		return fmt.Errorf("env file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("env file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("env file: %w", err)
	}
	return nil
}

// shellQuote quotes s for POSIX shells.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
