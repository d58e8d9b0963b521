package provider

// The state checks: assertions on the terraform.tfstate an apply wrote,
// evaluated with terraform-plugin-testing's knownvalue checks.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
)

// stateCheck is one assertion on the state an apply wrote: the value of
// attribute attr of addr, then of map keys (string) and list indexes (int).
type stateCheck struct {
	addr, attr string
	steps      []any
	want       knownvalue.Check
}

func at(addr, attr string, want knownvalue.Check, steps ...any) stateCheck {
	return stateCheck{addr: addr, attr: attr, steps: steps, want: want}
}

// state is the part of terraform.tfstate the checks read, decoded with
// UseNumber into the shapes knownvalue checks expect.
type state struct {
	Resources []struct {
		Mode, Type, Name string
		Instances        []struct {
			Attributes map[string]any
		}
	}
}

// verify reports what is wrong with the value c names in s, or nil.
func (c stateCheck) verify(s state) error {
	path := c.addr + "." + c.attr
	var v any
	found := false
	for _, r := range s.Resources {
		if r.Mode+"."+r.Type+"."+r.Name != c.addr {
			continue
		}
		if len(r.Instances) == 0 {
			return fmt.Errorf("%s has no instance in the state", c.addr)
		}
		if v, found = r.Instances[0].Attributes[c.attr]; !found {
			return fmt.Errorf("%s has no attribute %q", c.addr, c.attr)
		}
	}
	if !found {
		return fmt.Errorf("%s is not in the state", c.addr)
	}
	for _, step := range c.steps {
		switch step := step.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return fmt.Errorf("%s is %s, not an object or map with key %q", path, describe(v), step)
			}
			if v, ok = m[step]; !ok {
				return fmt.Errorf("%s has no key %q", path, step)
			}
			path += "." + step
		case int:
			l, ok := v.([]any)
			if !ok || step < 0 || step >= len(l) {
				return fmt.Errorf("%s is %s, which has no element %d", path, describe(v), step)
			}
			v, path = l[step], path+"["+strconv.Itoa(step)+"]"
		default:
			return fmt.Errorf("%s: a step must be a map key or a list index, not %T", path, step)
		}
	}
	if err := c.want.CheckValue(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func describe(v any) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprintf("a %T", v)
}

// expectState fails the test for every check the state of run does not pass.
func expectState(t *testing.T, run cliRun, checks ...stateCheck) {
	t.Helper()
	f, err := os.Open(filepath.Join(run.Dir, "terraform.tfstate"))
	must(t, err)
	defer f.Close()
	var s state
	dec := json.NewDecoder(f)
	dec.UseNumber()
	must(t, dec.Decode(&s))
	for _, c := range checks {
		if err := c.verify(s); err != nil {
			t.Errorf("state check: %v", err)
		}
	}
}

func str(s string) knownvalue.Check { return knownvalue.StringExact(s) }

func strList(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = str(v)
	}
	return knownvalue.ListExact(checks)
}

func setOf(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = str(v)
	}
	return knownvalue.SetExact(checks)
}

// The state checks must be able to fail: a wrong value, a missing address,
// attribute, key or element each fails with a message naming it.
func TestHarness_stateChecksFail(t *testing.T) {
	t.Parallel()
	dec := json.NewDecoder(strings.NewReader(`{"resources": [{"mode": "data", "type": "whoami_x", "name": "me",
		"instances": [{"attributes": {"id": "7", "n": 3, "tags": ["a"], "obj": {"k": null}}}]}]}`))
	dec.UseNumber()
	var s state
	must(t, dec.Decode(&s))
	const addr = "data.whoami_x.me"
	for _, c := range []stateCheck{at(addr, "id", str("7")), at(addr, "n", knownvalue.Int64Exact(3)),
		at(addr, "tags", str("a"), 0), at(addr, "obj", knownvalue.Null(), "k")} {
		if err := c.verify(s); err != nil {
			t.Errorf("%v", err)
		}
	}
	for want, c := range map[string]stateCheck{
		`data.whoami_x.me.id: expected value 8 for StringExact check, got: 7`: at(addr, "id", str("8")),
		`data.whoami_x.you is not in the state`:                               at("data.whoami_x.you", "id", str("7")),
		`data.whoami_x.me has no attribute "name"`:                            at(addr, "name", str("7")),
		`data.whoami_x.me.obj has no key "j"`:                                 at(addr, "obj", knownvalue.Null(), "j"),
		`data.whoami_x.me.tags is a []interface {}, which has no element 1`:   at(addr, "tags", str("a"), 1),
		`data.whoami_x.me.obj.k is null, not an object or map with key "x"`:   at(addr, "obj", knownvalue.Null(), "k", "x"),
	} {
		if err := c.verify(s); err == nil || err.Error() != want {
			t.Errorf("error %v, want %s", err, want)
		}
	}
}
