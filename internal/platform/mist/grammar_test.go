package mist

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

func TestCoverage(t *testing.T) {
	t.Parallel()
	g, m, u := privilege.Granted, privilege.Missing, privilege.Unknown
	for _, c := range []struct {
		held, need string
		want       privilege.State
	}{
		{"admin", "write", g}, {"admin", "installer", g}, {"admin", "helpdesk", g}, {"write", "read", g},
		{"helpdesk", "read", g}, {"write", "helpdesk", m}, {"helpdesk", "write", m}, {"installer", "read", m},
		{"read", "write", m}, {"read", "admin", m}, {"observer_plus", "observer_plus", g},
		// A role newer than the provider: Mist may order it above or below.
		{"admin", "observer_plus", u}, {"observer_plus", "read", u}, {"observer_plus", "admin", u},
	} {
		if got := coverage(c.held, c.need); got != c.want {
			t.Errorf("coverage(%s, %s) = %s, want %s", c.held, c.need, got, c.want)
		}
	}
}

func TestParseRequirementLowercasesIDs(t *testing.T) {
	r, err := ParseRequirement("site:441A1214-6928-442A-8E92-E1D34B8EC6A6:read")
	if err != nil || r.String() != "site:441a1214-6928-442a-8e92-e1d34b8ec6a6:read" {
		t.Errorf("ParseRequirement = %v, %v", r, err)
	}
}

// Views decode from every shape a spec has used, and ignore others.
func TestViewsOfEveryShape(t *testing.T) {
	t.Parallel()
	cases := map[string][]string{
		`{"views":["reporting","marketing"]}`:           {"reporting", "marketing"},
		`{"views":"location"}`:                          {"location"},
		`{"view":"security"}`:                           {"security"},
		`{"views":["reporting"],"view":"reporting"}`:    {"reporting"},
		`{"views":["reporting"],"view":"location"}`:     {"reporting", "location"},
		`{"views":[]}`:                                  {},
		`{"views":null}`:                                nil,
		`{"views":7}`:                                   nil,
		`{"views":[null,"",  "lobby_admin"],"view":{}}`: {"lobby_admin"},
		`{}`: nil,
	}
	for body, want := range cases {
		var p Privilege
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			t.Errorf("%s: %v", body, err)
			continue
		}
		if got := p.AllViews(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: views %#v, want %#v", body, got, want)
		}
	}
}
