package privilege

import (
	"regexp"
	"testing"
)

var testGrammar = NameGrammar{
	Pattern: regexp.MustCompile(`^PRIVILEGE_[A-Z0-9_]+$`),
	Shape:   "PRIVILEGE_ followed by A-Z, 0-9 or _",
	Known:   []string{"PRIVILEGE_QUOTA_READ", "PRIVILEGE_QUOTA_WRITE", "PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_SMB_SHARE_WRITE"},
}

func TestNameGrammarValidate(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"PRIVILEGE_QUOTA_READ", "PRIVILEGE_NOT_KNOWN_9"} {
		if err := testGrammar.Validate(ok); err != nil {
			t.Errorf("Validate(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "quota_read", "PRIVILEGE_", "privilege_quota_read", "PRIVILEGE_QUOTA READ", " PRIVILEGE_QUOTA_READ"} {
		err := testGrammar.Validate(bad)
		want := `"` + bad + `" is not a privilege name: expected PRIVILEGE_ followed by A-Z, 0-9 or _`
		if err == nil || err.Error() != want {
			t.Errorf("Validate(%q) = %v, want %q", bad, err, want)
		}
	}
}

func TestNameGrammarUnknown(t *testing.T) {
	t.Parallel()
	cases := []struct {
		req        string
		unknown    bool
		suggestion string
	}{
		{"PRIVILEGE_QUOTA_READ", false, ""},
		{"PRIVILEGE_QUOTA_RAED", true, "PRIVILEGE_QUOTA_READ"},
		{"PRIVILEGE_SMB_SHARE_WRTIE", true, "PRIVILEGE_SMB_SHARE_WRITE"},
		{"PRIVILEGE_SMB_SHARES_READ", true, "PRIVILEGE_SMB_SHARE_READ"},
		{"PRIVILEGE_KERBEROS_KEYTAB_READ", true, ""},
	}
	for _, c := range cases {
		unknown, suggestion := testGrammar.Unknown(c.req)
		if unknown != c.unknown || suggestion != c.suggestion {
			t.Errorf("Unknown(%q) = %t, %q; want %t, %q", c.req, unknown, suggestion, c.unknown, c.suggestion)
		}
	}
}

func TestClosest(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		candidates []string
		want       string
	}{
		{"wirte", []string{"read", "write", "admin"}, "write"},
		{"admn", []string{"read", "write", "admin"}, "admin"},
		{"helpdesk", []string{"read", "write", "admin"}, ""},
		{"cat", []string{"bat", "hat"}, "bat"}, // a tie goes to the first candidate
		{"read", []string{"read", "reads"}, "read"},
		{"anything", nil, ""},
		// Nine letters allow three edits: "abcdefxyz" is 3 from "abcdefghi"
		// and found, "abcdwvxyz" is 5 away and not.
		{"abcdefxyz", []string{"abcdefghi"}, "abcdefghi"},
		{"abcdwvxyz", []string{"abcdefghi"}, ""},
		// Three to five letters allow one edit; two letters none.
		{"abc", []string{"abx"}, "abx"},
		{"abc", []string{"axy"}, ""},
		{"ab", []string{"ax"}, ""},
	}
	for _, c := range cases {
		if got := Closest(c.name, c.candidates); got != c.want {
			t.Errorf("Closest(%q, %q) = %q, want %q", c.name, c.candidates, got, c.want)
		}
	}
}

func TestDistance(t *testing.T) {
	t.Parallel()
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"same", "same", 0},
		{"kitten", "sitting", 3},
		{"wirte", "write", 1},
		{"ab", "ba", 1},
		{"ca", "abc", 3}, // optimal string alignment: no edits of a swapped pair
		{"héllo", "hello", 1},
		{"naïve", "naive", 1},
		{"PRIVILEGE_QUOTA_RAED", "PRIVILEGE_QUOTA_READ", 1},
	}
	for _, c := range cases {
		if got := distance(c.a, c.b); got != c.want {
			t.Errorf("distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := distance(c.b, c.a); got != c.want {
			t.Errorf("distance(%q, %q) = %d, want %d (symmetry)", c.b, c.a, got, c.want)
		}
	}
}
