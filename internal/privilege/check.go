// Package privilege is the shared preflight engine: it decides each privilege
// a configuration requires as granted, missing or unknown, with a one-line
// reason. Platforms supply the grammar (what a requirement looks like) and the
// holder (how a requirement is decided, after their implication rules, and
// why); this package knows no platform.
package privilege

import (
	"cmp"
	"slices"
)

// State is how a requirement is decided.
type State int

const (
	// Granted means the server's answer shows the caller holds it.
	Granted State = iota + 1
	// Missing means the server's answer shows the caller lacks it.
	Missing
	// Unknown means the answer does not show either way: the provider does
	// not guess.
	Unknown
)

func (s State) String() string {
	switch s {
	case Granted:
		return "granted"
	case Missing:
		return "missing"
	case Unknown:
		return "unknown"
	}
	return "undecided"
}

// Decision is a holder's answer to one requirement: its state, and why, in
// plain words a user can act on ("held through Admin on inventory 5", "site
// read does not cover write", "the site's groups could not be read: 403").
type Decision struct {
	State  State
	Reason string
}

// Grant is a granted decision with its reason.
func Grant(reason string) Decision { return Decision{Granted, reason} }

// Lack is a missing decision with its reason.
func Lack(reason string) Decision { return Decision{Missing, reason} }

// Undecided is an unknown decision with its reason: what the provider could
// not see, so a user knows what to check by hand.
func Undecided(reason string) Decision { return Decision{Unknown, reason} }

// Holder decides one well-formed requirement for the caller.
type Holder interface {
	Decide(requirement string) Decision
}

// HolderFunc adapts a function to Holder.
type HolderFunc func(requirement string) Decision

// Decide calls f.
func (f HolderFunc) Decide(requirement string) Decision { return f(requirement) }

// Result is the outcome of a check.
type Result struct {
	// Missing and Unknown hold the requirements in each state, sorted and
	// without repeats.
	Missing, Unknown []string
	// Reasons has, for every requirement, the reason of its decision.
	Reasons map[string]string
}

// AllGranted reports whether every requirement is granted: nothing missing
// and nothing unknown. With nothing required, it is true.
func (r Result) AllGranted() bool { return len(r.Missing) == 0 && len(r.Unknown) == 0 }

// Check decides every requirement once, in time linear in their number (plus
// sorting the two lists). A holder's decision without a state counts as
// unknown: the engine never turns silence into an answer.
func Check(required []string, h Holder) Result {
	r := Result{Missing: []string{}, Unknown: []string{}, Reasons: make(map[string]string, len(required))}
	for _, req := range required {
		if _, seen := r.Reasons[req]; seen {
			continue
		}
		d := h.Decide(req)
		switch d.State {
		case Granted:
		case Missing:
			r.Missing = append(r.Missing, req)
		default:
			r.Unknown = append(r.Unknown, req)
			if d.State != Unknown && d.Reason == "" {
				d.Reason = "the provider could not decide it"
			}
		}
		r.Reasons[req] = d.Reason
	}
	slices.Sort(r.Missing)
	slices.Sort(r.Unknown)
	return r
}

// Membership is a Holder deciding by exact membership in grants, the rule of
// platforms with no implications (Qumulo's privileges, ECE's permissions).
// source names where the grants were listed, for the reasons: a requirement
// in grants is granted as "listed in <source>", any other is missing as "not
// listed in <source>".
func Membership(grants []string, source string) Holder {
	held := make(map[string]bool, len(grants))
	for _, g := range grants {
		held[g] = true
	}
	return HolderFunc(func(req string) Decision {
		if held[req] {
			return Grant("listed in " + source)
		}
		return Lack("not listed in " + source)
	})
}

// Clean returns values sorted, without repeats, and without empty entries (a
// null element decodes as "") or entries valid rejects (anything outside the
// platform's grammar; nil keeps every non-empty entry), so that a list built
// from a server's answer never fails a read and never holds a privilege the
// grammar would refuse as a requirement. It runs in O(n log n) and leaves
// values untouched.
func Clean(values []string, valid func(string) bool) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		if v != "" && (valid == nil || valid(v)) {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, cmp.Compare[string])
	return slices.Compact(out)
}

// Valid turns a grammar into the predicate Clean takes.
func Valid(g Grammar) func(string) bool {
	return func(s string) bool { return g.Validate(s) == nil }
}
