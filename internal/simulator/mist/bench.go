package mist

import (
	"fmt"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// benchCost is the benchmark's minimum for the admin of token in cloud: /self,
// then one lookup per object whose parent inheritance needs and /self does
// not give. The lookups need /self's grants but not one another, so the
// chain is two requests at most.
func benchCost(cloud *Cloud, token string, required []string) simulator.Cost {
	cloud.mu.Lock()
	privileges, _ := cloud.tokens[token].Self["privileges"].([]Privilege)
	cloud.mu.Unlock()
	n := lookups(privileges, required)
	chain := 1
	if n > 0 {
		chain = 2
	}
	return simulator.Cost{Minimum: 1 + n, Chain: chain, Why: fmt.Sprintf("/self + %d parent lookups (all independent)", n)}
}

// lookups is a model of Mist inheritance written apart from the provider's,
// so that the benchmark judges the provider against it: a requirement not
// held on the object itself costs one lookup of that object when some grant
// one scope up carries a covering role and /self does not already say which
// parent the object has. Each object is counted once. It does not follow a
// site's org up to an MSP (no demo account needs two levels).
func lookups(privileges []Privilege, required []string) int {
	looked := map[string]bool{}
	for _, req := range required {
		scope, id, role, ok := parse(req)
		if !ok || holds(privileges, scope, id, role) {
			continue
		}
		switch {
		case scope == "site" && (holds(privileges, "org", "*", role) || holds(privileges, "msp", "*", role)) &&
			!places(privileges, "site", id, "org"):
			looked["site:"+id] = true
		case scope == "org" && holds(privileges, "msp", "*", role) && !places(privileges, "org", id, "msp"):
			looked["org:"+id] = true
		}
	}
	return len(looked)
}

// parse splits <scope>:<id>:<role>.
func parse(req string) (scope, id, role string, ok bool) {
	parts := strings.Split(req, ":")
	if len(parts) != 3 {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[2], true
}

// holds reports whether a grant on scope and id ("*" for any) covers role.
func holds(privileges []Privilege, scope, id, role string) bool {
	for _, p := range privileges {
		if field(p, "scope") == scope && (id == "*" || strings.EqualFold(field(p, scope+"_id"), id)) && covers(field(p, "role"), role) {
			return true
		}
	}
	return false
}

// places reports whether some grant names the object with its parent's id.
func places(privileges []Privilege, scope, id, parent string) bool {
	for _, p := range privileges {
		if strings.EqualFold(field(p, scope+"_id"), id) && field(p, parent+"_id") != "" {
			return true
		}
	}
	return false
}

// covers is Mist's role order: admin covers every role, write and helpdesk
// cover read.
func covers(held, need string) bool {
	return held == need || held == "admin" || ((held == "write" || held == "helpdesk") && need == "read")
}

func field(p Privilege, name string) string {
	s, _ := p[name].(string)
	return s
}
