// Command whoami-simulator serves the simulated platforms on loopback for the
// demo (and the benchmark) until it receives SIGINT or SIGTERM.
//
//	whoami-simulator -env-file /tmp/sim.env
//
// The env file holds shell `export` lines: each platform's endpoint and the
// demo account's credentials in the environment variables the provider reads
// (EC_ENDPOINT and EC_API_KEY, MIST_HOST and MIST_API_TOKEN, ...), and, for
// Qumulo, whose demo switches accounts, the tokens as WHOAMI_DEMO_QUMULO_*
// variables. It is written once every server listens, so its existence means
// "ready".
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
	simawx "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/awx"
	simece "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/ece"
	simfaynosync "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/faynosync"
	simmist "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/mist"
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
	{"ece", startECE},
	{"mist", startMist},
	{"awx", startAWX},
	{"faynosync", startFaynosync},
}

func startQumulo() (*simulator.Server, []env) {
	s := simulator.Start(simqumulo.Demo(qumulo.KnownPrivileges).Handler(), simulator.Options{})
	return s, []env{
		{"QUMULO_ENDPOINT", s.URL},
		{"WHOAMI_DEMO_QUMULO_SERVICE_TOKEN", simqumulo.ServiceToken},
		{"WHOAMI_DEMO_QUMULO_ADMIN_TOKEN", simqumulo.AdminToken},
	}
}

// startECE serves svc-deployer, an ece_deployment_manager, through its API key.
func startECE() (*simulator.Server, []env) {
	s := simulator.Start(simece.Demo().Handler(), simulator.Options{})
	return s, []env{{"EC_ENDPOINT", s.URL}, {"EC_API_KEY", simece.DeployerAPIKey}}
}

// startMist serves jsnow, admin of the Acme org, through a user API token.
func startMist() (*simulator.Server, []env) {
	s := simulator.Start(simmist.Demo().Handler(), simulator.Options{})
	return s, []env{{"MIST_HOST", s.URL}, {"MIST_API_TOKEN", simmist.UserToken}}
}

// startAWX serves an Ansible Automation Platform 2.5 gateway (the controller
// API under /api/controller/v2/) and the svc-ci user's token.
func startAWX() (*simulator.Server, []env) {
	s := simulator.Start(simawx.Demo(simawx.AAP).Handler(), simulator.Options{})
	return s, []env{{"AAP_HOSTNAME", s.URL}, {"AAP_TOKEN", simawx.CIToken}}
}

// startFaynosync serves release-bot, a team user, through its fns_ API token.
func startFaynosync() (*simulator.Server, []env) {
	s := simulator.Start(simfaynosync.Demo().Handler(), simulator.Options{})
	return s, []env{{"FAYNOSYNC_ENDPOINT", s.URL}, {"FAYNOSYNC_TOKEN", simfaynosync.TeamAPIToken}}
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
