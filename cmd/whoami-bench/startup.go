package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/provider"
)

// magicCookie is the go-plugin handshake value every Terraform sends
// (terraform-plugin-go's tf6server checks it before serving).
const magicCookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"

// startup is the provider's start-up cost.
type startup struct {
	// handshake is exec → the go-plugin handshake line on stdout; schema is
	// exec → the GetProviderSchema answer over gRPC, what Terraform waits for
	// before it can do anything with the provider.
	handshake, schema []time.Duration
	schemaBytes       int
	// inProcess is GetProviderSchema on a fresh providerserver in this
	// process: the framework's own share of schema, without exec and gRPC.
	inProcess []time.Duration
}

// startupRuns is how many times each start-up measure is taken.
const startupRuns = 10

// measureStartup starts the provider binary startupRuns times (after one
// discarded warm-up) as Terraform does, and times as many in-process schema
// calls.
func measureStartup(binary string) (startup, error) {
	var st startup
	for i := -1; i < startupRuns; i++ {
		hs, sc, size, err := startOnce(binary)
		if err != nil {
			return st, err
		}
		if i >= 0 {
			st.handshake, st.schema, st.schemaBytes = append(st.handshake, hs), append(st.schema, sc), size
		}
	}
	for i := 0; i < startupRuns; i++ {
		srv, err := providerserver.NewProtocol6WithError(provider.New("bench")())()
		if err != nil {
			return st, err
		}
		t := time.Now()
		resp, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
		if err != nil {
			return st, fmt.Errorf("in-process GetProviderSchema: %w", err)
		}
		if len(resp.Diagnostics) > 0 {
			return st, fmt.Errorf("in-process GetProviderSchema: %v", resp.Diagnostics)
		}
		st.inProcess = append(st.inProcess, time.Since(t))
	}
	return st, nil
}

// startOnce runs the provider with the environment a Terraform sets for a
// protocol 6 plugin, waits for its handshake line, asks for its schema and
// kills it.
func startOnce(binary string) (handshake, schema time.Duration, size int, err error) {
	sockets, err := os.MkdirTemp("", "whoami-bench-plugin-")
	if err != nil {
		return 0, 0, 0, err
	}
	defer os.RemoveAll(sockets)
	cmd := exec.CommandContext(context.Background(), binary)
	cmd.Env = append(filterEnv(os.Environ()), "TF_PLUGIN_MAGIC_COOKIE="+magicCookie, "PLUGIN_PROTOCOL_VERSIONS=6",
		"PLUGIN_MIN_PORT=10000", "PLUGIN_MAX_PORT=25000", "PLUGIN_UNIX_SOCKET_DIR="+sockets)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, 0, 0, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, 0, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	handshake = time.Since(start)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("provider handshake: %w (read %q)", err, line)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	// core-version|protocol-version|network|address|grpc|server-cert
	parts := strings.Split(strings.TrimSpace(line), "|")
	if len(parts) < 5 || parts[1] != "6" || parts[4] != "grpc" {
		return 0, 0, 0, fmt.Errorf("unexpected handshake line %q", line)
	}
	target := "passthrough:///" + parts[3]
	if parts[2] == "unix" {
		target = "unix://" + parts[3]
	}
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.ForceCodec(rawCodec{})))
	if err != nil {
		return 0, 0, 0, err
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// An empty GetProviderSchema.Request encodes to zero bytes.
	req, resp := []byte{}, []byte{}
	if err := conn.Invoke(ctx, "/tfplugin6.Provider/GetProviderSchema", &req, &resp); err != nil {
		return 0, 0, 0, fmt.Errorf("GetProviderSchema over gRPC: %w", err)
	}
	return handshake, time.Since(start), len(resp), nil
}

// rawCodec moves protobuf bytes as they are: the benchmark only times the
// call and needs no generated tfplugin6 types (terraform-plugin-go keeps them
// internal).
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) { return *v.(*[]byte), nil }

func (rawCodec) Unmarshal(data []byte, v any) error {
	*v.(*[]byte) = append([]byte(nil), data...)
	return nil
}

func (rawCodec) Name() string { return "proto" }
