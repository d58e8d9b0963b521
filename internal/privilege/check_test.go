package privilege

import (
	"reflect"
	"strconv"
	"testing"
)

func TestCheckDecidesEachRequirementOnceWithItsReason(t *testing.T) {
	t.Parallel()
	asked := map[string]int{}
	h := HolderFunc(func(req string) Decision {
		asked[req]++
		switch req {
		case "read":
			return Grant("held through admin")
		case "audit":
			return Undecided("the audit log could not be read: 403")
		}
		return Lack(req + " is not held")
	})
	r := Check([]string{"write", "read", "admin", "audit", "write", "read", "delete", "audit"}, h)
	if want := []string{"admin", "delete", "write"}; !reflect.DeepEqual(r.Missing, want) {
		t.Errorf("missing %q, want %q", r.Missing, want)
	}
	if want := []string{"audit"}; !reflect.DeepEqual(r.Unknown, want) {
		t.Errorf("unknown %q, want %q", r.Unknown, want)
	}
	wantReasons := map[string]string{"read": "held through admin", "audit": "the audit log could not be read: 403",
		"write": "write is not held", "admin": "admin is not held", "delete": "delete is not held"}
	if !reflect.DeepEqual(r.Reasons, wantReasons) {
		t.Errorf("reasons %q, want %q", r.Reasons, wantReasons)
	}
	if r.AllGranted() {
		t.Error("AllGranted with missing and unknown requirements")
	}
	for req, n := range asked {
		if n != 1 {
			t.Errorf("%q decided %d times, want once", req, n)
		}
	}
	if len(asked) != 5 {
		t.Errorf("decided %v, want 5 distinct requirements", asked)
	}
}

func TestCheckUnknownAloneIsNotAllGranted(t *testing.T) {
	t.Parallel()
	r := Check([]string{"x"}, HolderFunc(func(string) Decision { return Undecided("not visible") }))
	if r.AllGranted() || len(r.Missing) != 0 || !reflect.DeepEqual(r.Unknown, []string{"x"}) {
		t.Errorf("result %#v, want x unknown and not all granted", r)
	}
}

// A holder that answers without a state has not decided: unknown, never granted.
func TestCheckSilenceIsUnknown(t *testing.T) {
	t.Parallel()
	r := Check([]string{"x", "y"}, HolderFunc(func(req string) Decision {
		if req == "y" {
			return Decision{Reason: "y has a reason but no state"}
		}
		return Decision{}
	}))
	want := Result{Missing: []string{}, Unknown: []string{"x", "y"},
		Reasons: map[string]string{"x": "the provider could not decide it", "y": "y has a reason but no state"}}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("result %#v, want %#v", r, want)
	}
}

func TestCheckNothingRequired(t *testing.T) {
	t.Parallel()
	never := HolderFunc(func(string) Decision { t.Error("holder asked with nothing required"); return Decision{} })
	for _, required := range [][]string{nil, {}} {
		r := Check(required, never)
		if !r.AllGranted() || r.Missing == nil || len(r.Missing) != 0 || r.Unknown == nil || len(r.Unknown) != 0 || len(r.Reasons) != 0 {
			t.Errorf("Check(%#v) = %#v, want all granted with empty, non-nil lists", required, r)
		}
	}
}

func TestMembershipIsExactWithReasons(t *testing.T) {
	t.Parallel()
	h := Membership([]string{"PRIVILEGE_QUOTA_READ", "PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_READ"}, "who-am-i's privileges")
	cases := map[string]Decision{
		"PRIVILEGE_QUOTA_READ":      Grant("listed in who-am-i's privileges"),
		"PRIVILEGE_SMB_SHARE_WRITE": Grant("listed in who-am-i's privileges"),
		"PRIVILEGE_SMB_SHARE_READ":  Lack("not listed in who-am-i's privileges"), // no implication from WRITE
		"privilege_quota_read":      Lack("not listed in who-am-i's privileges"),
		"PRIVILEGE_QUOTA_READ ":     Lack("not listed in who-am-i's privileges"),
	}
	for req, want := range cases {
		if got := h.Decide(req); got != want {
			t.Errorf("Decide(%q) = %+v, want %+v", req, got, want)
		}
	}
	if got := Membership(nil, "x").Decide("a"); got.State != Missing {
		t.Errorf("empty membership decided %+v", got)
	}
}

func TestCleanSortsDedupesAndDropsWhatTheGrammarRejects(t *testing.T) {
	t.Parallel()
	valid := func(s string) bool { return s != "bad" }
	got := Clean([]string{"b", "", "a", "bad", "b", "c", "a", ""}, valid)
	if want := []string{"a", "b", "c"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Clean = %q, want %q", got, want)
	}
	if got := Clean(nil, valid); got == nil || len(got) != 0 {
		t.Errorf("Clean(nil) = %#v, want an empty, non-nil list", got)
	}
	if got := Clean([]string{"b", "", "bad", "b"}, nil); !reflect.DeepEqual(got, []string{"b", "bad"}) {
		t.Errorf("Clean with no grammar = %q", got)
	}
	in := []string{"z", "y"}
	Clean(in, valid)
	if !reflect.DeepEqual(in, []string{"z", "y"}) {
		t.Errorf("Clean changed its input: %q", in)
	}
}

func TestStateString(t *testing.T) {
	t.Parallel()
	for s, want := range map[State]string{Granted: "granted", Missing: "missing", Unknown: "unknown", 0: "undecided"} {
		if s.String() != want {
			t.Errorf("%d.String() = %q, want %q", s, s.String(), want)
		}
	}
}

func BenchmarkCheck100000(b *testing.B) {
	grants := make([]string, 100000)
	for i := range grants {
		grants[i] = "g" + strconv.Itoa(i)
	}
	h := Membership(grants, "the list")
	b.ReportAllocs()
	for b.Loop() {
		_ = Check(grants, h)
	}
}
