package ece

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// notInExcerpt are real operation ids that the excerpt of ECE's Swagger
// document in ../shared/api/ece does not include: each was checked against
// the whole document, elastic/cloud-sdk-go's api/apidocs.json (commit
// f60338f2b356b682e4c4cf7f4309e71621ef1b08). The test fails for any name that
// is neither in the excerpt nor here, and for a name here that the excerpt
// has come to include, so the list can only shrink.
var notInExcerpt = []string{
	"create-deployment", "delete-deployment", "get-allocators", "get-deployment",
	"get-platform", "list-deployments", "update-deployment",
}

// operationName is how an operation id is written in prose and HCL: a verb,
// then hyphenated words, quoted or in backticks.
var operationName = regexp.MustCompile("[`\"]((?:get|list|create|update|delete|search|set|start|stop|shutdown|restart|move|" +
	"migrate|upgrade|cancel|reset|enable|disable|resync|restore|login|elevate)(?:-[a-z0-9]+)+)[`\"]")

// Every permission name in the simulator, the examples and the docs is an
// operationId of ECE's API specification: a permission ECE never grants
// would make a demo or a doc claim something no real user can hold.
func TestPermissionNamesAreOperationIDs(t *testing.T) {
	t.Parallel()
	root := repoRoot(t)
	// testdata/spec holds ../shared/api/ece's two Swagger excerpts, copied so
	// that the test runs from a clone alone.
	spec := specOperationIDs(t, filepath.Join("testdata", "spec"))
	uses := map[string][]string{} // name → where it is used
	e := Demo()
	for name, body := range e.users {
		security, _ := body["security"].(map[string]any)
		permissions, _ := security["permissions"].([]string)
		for _, p := range permissions {
			uses[p] = append(uses[p], "simulator user "+name)
		}
	}
	for _, r := range Platform.Bench.Required {
		if !strings.HasPrefix(r, "role:") {
			uses[r] = append(uses[r], "Platform.Bench.Required")
		}
	}
	var files []string
	for _, pattern := range []string{"examples/data-sources/whoami_ece_*/*.tf", "examples/demo/ece.tf",
		"templates/data-sources/ece_*.md.tmpl", "internal/provider/ece.go", "internal/platform/ece/*.go"} {
		matches, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil || len(matches) == 0 {
			t.Fatalf("no files match %s (%v)", pattern, err)
		}
		files = append(files, matches...)
	}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, f)
		for _, m := range operationName.FindAllStringSubmatch(string(text), -1) {
			uses[m[1]] = append(uses[m[1]], rel)
		}
	}
	names := make([]string, 0, len(uses))
	for n := range uses {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !spec[n] && !slices.Contains(notInExcerpt, n) {
			t.Errorf("%q (used in %s) is not an operationId of ECE's API specification", n, strings.Join(slices.Compact(uses[n]), ", "))
		}
	}
	for _, n := range notInExcerpt {
		if spec[n] {
			t.Errorf("%q is in the specification excerpt now: remove it from notInExcerpt", n)
		}
	}
	if len(names) < 5 {
		t.Errorf("found only %q: the scan is broken", names)
	}
}

// repoRoot is the directory holding go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// specOperationIDs collects every operationId of the Swagger files in dir.
func specOperationIDs(t *testing.T, dir string) map[string]bool {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Fatalf("no ECE specification in %s", dir)
	}
	ids := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				if id, ok := child.(string); ok && k == "operationId" {
					ids[id] = true
				}
				walk(child)
			}
		case []any:
			for _, child := range v {
				walk(child)
			}
		}
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		walk(doc)
	}
	if len(ids) == 0 {
		t.Fatalf("no operationId in %s", dir)
	}
	return ids
}

// testdata/spec is a copy of ../shared/api/ece's excerpts: where the shared
// folder is beside the repository (CI, a developer's workplace), it must not
// have drifted from them.
func TestSpecCopyMatchesShared(t *testing.T) {
	t.Parallel()
	shared := filepath.Join(repoRoot(t), "..", "shared", "api", "ece")
	copies, _ := filepath.Glob(filepath.Join("testdata", "spec", "*.json"))
	if _, err := os.Stat(shared); err != nil {
		t.Skip("no ../shared/api/ece beside the repository to compare with")
	}
	for _, c := range copies {
		want, err := os.ReadFile(filepath.Join(shared, filepath.Base(c)))
		got, _ := os.ReadFile(c)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs from ../shared/api/ece/%s (%v): copy it again", c, filepath.Base(c), err)
		}
	}
}
