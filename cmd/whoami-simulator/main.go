// Command whoami-simulator serves every simulated platform of
// internal/simulator/registry on loopback, with its demo accounts, for the
// demo (and benchmarks outside this repository) until it receives SIGINT or
// SIGTERM.
//
//	whoami-simulator -env-file /tmp/sim.env [-latency 50ms] [-tls]
//
// The env file is for a POSIX shell to source. Its first line unsets every
// environment variable the provider reads (provider.Blocks' Environment), so
// that a caller's stray QUMULO_USERNAME or EC_INSECURE cannot reconfigure the
// demo. Then, per platform: a comment line saying what follows
// ("# qumulo     QUMULO_ENDPOINT=http://127.0.0.1:..., QUMULO_ACCESS_TOKEN=<svc-terraform's access token>"),
// the export of the endpoint (the first of the block's endpoint variables)
// and of the Token demo account's token (the first token variable), and the
// credentials of the platform's named demo accounts as
// WHOAMI_DEMO_<KEY>_<NAME>_TOKEN (or _USERNAME and _PASSWORD): the demo
// switches Qumulo between WHOAMI_DEMO_QUMULO_SERVICE_TOKEN and
// WHOAMI_DEMO_QUMULO_ADMIN_TOKEN. It is written once every server listens, so
// its existence means "ready".
//
// -latency delays every answer by the given duration, as a slow or distant
// server would.
//
// -tls serves HTTPS instead, each server with its own self-signed
// certificate (for 127.0.0.1), as Qumulo clusters ship; the env file then
// also exports each certificate's PEM text as the platform's first CA
// variable (QUMULO_CA_CERT, ...), so an environment-only configuration can be
// tried against it, and one without the variable sees the untrusted-certificate
// error.
//
// Every server answers GET /_simulator/requests (simulator.RequestsPath) with
// the requests it has received, {"total": 3, "requests": {"GET
// /v1/session/who-am-i": 2, "POST /v1/session/login": 1}}; reading it is not
// counted and not delayed, so a benchmark can diff it around a run.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/provider"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/registry"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("whoami-simulator: ")
	envFile := flag.String("env-file", "", "write the demo's shell `path` (unset, then export lines) once the servers listen")
	latency := flag.Duration("latency", 0, "add this `duration` to every answer of every server")
	useTLS := flag.Bool("tls", false, "serve HTTPS with self-signed certificates, exported as the CA variables")
	flag.Parse()
	if err := run(*envFile, *latency, *useTLS); err != nil {
		log.Fatal(err)
	}
}

// run serves every platform until SIGINT or SIGTERM, then closes the servers.
func run(envFile string, latency time.Duration, useTLS bool) error {
	blocks, err := blocksOf(registry.Platforms)
	if err != nil {
		return err
	}
	var servers []*simulator.Server
	defer func() {
		for _, s := range servers {
			s.Close()
		}
	}()
	for _, p := range registry.Platforms {
		s := simulator.Start(p.New(), simulator.Options{TLS: useTLS})
		s.SetLatency(latency)
		servers = append(servers, s)
		log.Printf("%s listening on %s", p.Key, s.URL)
	}
	if envFile != "" {
		if err := writeAtomically(envFile, envScript(registry.Platforms, blocks, servers)); err != nil {
			return err
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	log.Print("stopping")
	return nil
}

// blocksOf returns the provider's block for each platform, in order: a
// simulated platform the provider has no block for is an error, because the
// demo could not configure it.
func blocksOf(platforms []simulator.Platform) ([]provider.Block, error) {
	all := provider.Blocks()
	out := make([]provider.Block, len(platforms))
	for i, p := range platforms {
		j := slices.IndexFunc(all, func(b provider.Block) bool { return b.Key == p.Key })
		if j < 0 {
			return nil, fmt.Errorf("the simulated platform %q has no provider block (provider.Blocks)", p.Key)
		}
		if len(all[j].EndpointEnv) == 0 || len(all[j].TokenEnv) == 0 || len(all[j].CACertEnv) == 0 {
			return nil, fmt.Errorf("the provider block %q names no endpoint, token or CA certificate variable", p.Key)
		}
		out[i] = all[j]
	}
	return out, nil
}

// envScript is the env file: see the command's documentation.
func envScript(platforms []simulator.Platform, blocks []provider.Block, servers []*simulator.Server) string {
	var unset []string
	width := 0
	for i, b := range blocks {
		for _, name := range b.Environment {
			if !slices.Contains(unset, name) {
				unset = append(unset, name)
			}
		}
		width = max(width, len(platforms[i].Key)+2)
	}
	lines := []string{"unset " + strings.Join(unset, " ")}
	for i, p := range platforms {
		b, endpoint, token := blocks[i], blocks[i].EndpointEnv[0], blocks[i].TokenEnv[0]
		comment := fmt.Sprintf("# %-*s%s=%s, %s=<%s's %s>", width, p.Key, endpoint, servers[i].URL, token, p.Token.Name,
			strings.ReplaceAll(b.TokenAttribute, "_", " "))
		ca := servers[i].CACertPEM()
		if ca != "" {
			comment += ", " + b.CACertEnv[0] + "=<the server's self-signed certificate>"
		}
		lines = append(lines, comment, export(endpoint, servers[i].URL), export(token, p.Token.Token))
		if ca != "" {
			lines = append(lines, export(b.CACertEnv[0], ca))
		}
		names := make([]string, 0, len(p.Accounts))
		for name := range p.Accounts {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			a, prefix := p.Accounts[name], "WHOAMI_DEMO_"+strings.ToUpper(p.Key+"_"+name)+"_"
			for _, v := range []struct{ suffix, value string }{{"TOKEN", a.Token}, {"USERNAME", a.Username}, {"PASSWORD", a.Password}} {
				if v.value != "" {
					lines = append(lines, export(prefix+v.suffix, v.value))
				}
			}
		}
	}
	return strings.Join(lines, "\n") + "\n"
}

func export(name, value string) string { return "export " + name + "=" + shellQuote(value) }

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
