package mist

import "testing"

func TestRoleCovers(t *testing.T) {
	for _, c := range []struct {
		held, need string
		want       bool
	}{
		{"admin", "write", true}, {"admin", "installer", true}, {"admin", "helpdesk", true}, {"write", "read", true},
		{"helpdesk", "read", true}, {"write", "helpdesk", false}, {"helpdesk", "write", false}, {"installer", "read", false},
		{"read", "write", false}, {"observer_plus", "observer_plus", true}, {"admin", "observer_plus", false},
	} {
		if got := roleCovers(c.held, c.need); got != c.want {
			t.Errorf("roleCovers(%s, %s) = %t, want %t", c.held, c.need, got, c.want)
		}
	}
}

func TestParseRequirementLowercasesIDs(t *testing.T) {
	r, err := ParseRequirement("site:441A1214-6928-442A-8E92-E1D34B8EC6A6:read")
	if err != nil || r.String() != "site:441a1214-6928-442a-8e92-e1d34b8ec6a6:read" {
		t.Errorf("ParseRequirement = %v, %v", r, err)
	}
}
