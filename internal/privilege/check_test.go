package privilege

import (
	"reflect"
	"testing"
)

func TestCheckDedupesAndSortsMissing(t *testing.T) {
	t.Parallel()
	asked := map[string]int{}
	h := HolderFunc(func(req string) bool {
		asked[req]++
		return req == "read"
	})
	r := Check([]string{"write", "read", "admin", "write", "read", "delete"}, h)
	if want := []string{"admin", "delete", "write"}; !reflect.DeepEqual(r.Missing, want) {
		t.Errorf("missing %q, want %q", r.Missing, want)
	}
	if r.AllGranted() {
		t.Error("AllGranted with missing privileges")
	}
	for req, n := range asked {
		if n != 1 {
			t.Errorf("%q evaluated %d times, want once", req, n)
		}
	}
	if len(asked) != 4 {
		t.Errorf("evaluated %v, want 4 distinct requirements", asked)
	}
}

func TestCheckNothingRequired(t *testing.T) {
	t.Parallel()
	never := HolderFunc(func(string) bool { t.Error("holder asked with nothing required"); return false })
	for _, required := range [][]string{nil, {}} {
		r := Check(required, never)
		if !r.AllGranted() || r.Missing == nil || len(r.Missing) != 0 {
			t.Errorf("Check(%#v) = %#v, want all granted with an empty, non-nil Missing", required, r)
		}
	}
}

func TestCheckAllGranted(t *testing.T) {
	t.Parallel()
	r := Check([]string{"a", "b"}, NewSet([]string{"b", "a", "c"}))
	if !r.AllGranted() || len(r.Missing) != 0 {
		t.Errorf("result %#v, want all granted", r)
	}
}

func TestSetIsExactMembership(t *testing.T) {
	t.Parallel()
	s := NewSet([]string{"PRIVILEGE_QUOTA_READ", "PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_READ"})
	if len(s) != 2 {
		t.Errorf("set %v, want 2 members", s)
	}
	cases := map[string]bool{
		"PRIVILEGE_QUOTA_READ":      true,
		"PRIVILEGE_SMB_SHARE_WRITE": true,
		"PRIVILEGE_SMB_SHARE_READ":  false, // no implication from WRITE
		"privilege_quota_read":      false,
		"PRIVILEGE_QUOTA_READ ":     false,
		"":                          false,
	}
	for req, want := range cases {
		if got := s.Satisfies(req); got != want {
			t.Errorf("Satisfies(%q) = %t, want %t", req, got, want)
		}
	}
	if got := NewSet(nil).Satisfies("x"); got {
		t.Error("an empty set satisfies x")
	}
}
