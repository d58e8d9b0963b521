package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoBuildOutputTracked fails when a compiled binary or a large file is
// committed: a plain `go build ./cmd/whoami-simulator` in the root once wrote
// a 12 MB executable that `git add -A` took in.
func TestNoBuildOutputTracked(t *testing.T) {
	out, err := exec.Command("git", "ls-files", "-z").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v (the tests run in a git checkout)", err)
	}
	const limit = 1 << 20 // the largest tracked file, a go.sum, is 150 KiB
	magics := map[string][]byte{"ELF": []byte("\x7fELF"), "PE": []byte("MZ"), "Mach-O": {0xcf, 0xfa, 0xed, 0xfe}}
	for _, name := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		data, err := os.ReadFile(name)
		if err != nil {
			continue // deleted in the working tree, not yet committed
		}
		if len(data) > limit {
			t.Errorf("%s is tracked and %d bytes, over %d: build outputs and downloads belong in .gitignore", name, len(data), limit)
		}
		for kind, magic := range magics {
			if bytes.HasPrefix(data, magic) {
				t.Errorf("%s is tracked and is a compiled %s binary: remove it and add it to .gitignore", name, kind)
			}
		}
	}
}
