package main

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/provider"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/registry"
)

// TestEnvScript sources the env file in sh over a caller's stray variables:
// every variable the provider reads is unset, then each platform's endpoint
// and demo token are set, with Qumulo's named accounts.
func TestEnvScript(t *testing.T) {
	blocks, servers := startAll(t, simulator.Options{})
	script := envScript(registry.Platforms, blocks, servers)
	if !strings.HasPrefix(script, "unset ") {
		t.Fatalf("the env file begins %q, want an unset line", strings.SplitN(script, "\n", 2)[0])
	}
	path := filepath.Join(t.TempDir(), "sim.env")
	if err := os.WriteFile(path, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", "-c", `. "$1" && env`, "sh", path)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	for _, b := range provider.Blocks() {
		for _, name := range b.Environment {
			cmd.Env = append(cmd.Env, name+"=stray")
		}
	}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("sourcing the env file: %v\n%s", err, script)
	}
	got := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			got[k] = v
		}
	}
	want := map[string]string{}
	for i, p := range registry.Platforms {
		want[blocks[i].EndpointEnv[0]] = servers[i].URL
		want[blocks[i].TokenEnv[0]] = p.Token.Token
	}
	q, _ := registry.Get("qumulo")
	want["WHOAMI_DEMO_QUMULO_SERVICE_TOKEN"] = q.Accounts["service"].Token
	want["WHOAMI_DEMO_QUMULO_ADMIN_TOKEN"] = q.Accounts["admin"].Token
	for _, b := range provider.Blocks() {
		for _, name := range b.Environment {
			if got[name] != want[name] {
				t.Errorf("%s=%q after sourcing, want %q", name, got[name], want[name])
			}
		}
	}
	for name, value := range want {
		if got[name] != value {
			t.Errorf("%s=%q after sourcing, want %q", name, got[name], value)
		}
	}
	if c := strings.Count(script, "\n# "); c != len(registry.Platforms) {
		t.Errorf("%d comment lines, want one per platform:\n%s", c, script)
	}
}

func TestBlocksOfUnknownPlatform(t *testing.T) {
	_, err := blocksOf([]simulator.Platform{{Key: "nope"}})
	if err == nil || !strings.Contains(err.Error(), `"nope" has no provider block`) {
		t.Errorf("err = %v", err)
	}
}

// TestEnvScriptTLS: under -tls each platform's first CA variable, once the
// env file is sourced, holds the certificate its server presents, so an
// HTTPS client trusting only that PEM reaches the server.
func TestEnvScriptTLS(t *testing.T) {
	blocks, servers := startAll(t, simulator.Options{TLS: true})
	path := filepath.Join(t.TempDir(), "sim.env")
	if err := os.WriteFile(path, []byte(envScript(registry.Platforms, blocks, servers)), 0o600); err != nil {
		t.Fatal(err)
	}
	for i, b := range blocks {
		name := b.CACertEnv[0]
		out, err := exec.Command("sh", "-c", `. "$1" && printf %s "$2=$(printenv "$2")"`, "sh", path, name).Output()
		if err != nil {
			t.Fatalf("sourcing the env file: %v", err)
		}
		pemText, ok := strings.CutPrefix(string(out), name+"=")
		if !ok || pemText != strings.TrimSuffix(servers[i].CACertPEM(), "\n") {
			t.Fatalf("%s after sourcing is %q, want the server's certificate", name, out)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM([]byte(pemText)) {
			t.Fatalf("%s holds no certificate: %q", name, pemText)
		}
		client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
		resp, err := client.Get(servers[i].URL + simulator.RequestsPath)
		if err != nil {
			t.Fatalf("%s: an HTTPS client trusting only %s: %v", b.Key, name, err)
		}
		resp.Body.Close()
		if !strings.HasPrefix(servers[i].URL, "https://127.0.0.1:") || resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %s answered %d", b.Key, servers[i].URL, resp.StatusCode)
		}
	}
}

// startAll starts every simulated platform as the command does, and returns
// the provider's block for each.
func startAll(t *testing.T, opts simulator.Options) ([]provider.Block, []*simulator.Server) {
	t.Helper()
	blocks, err := blocksOf(registry.Platforms)
	if err != nil {
		t.Fatal(err)
	}
	var servers []*simulator.Server
	for _, p := range registry.Platforms {
		s := simulator.Start(p.New(), opts)
		t.Cleanup(s.Close)
		servers = append(servers, s)
	}
	return blocks, servers
}
