// Package privilege is the shared preflight engine: it turns the privileges a
// configuration requires into the ones the caller lacks. Platforms supply the
// grammar (what a requirement looks like) and the holder (what satisfies one,
// after their implication rules); this package knows neither.
package privilege

import "sort"

// Holder answers whether the caller satisfies one well-formed requirement.
type Holder interface {
	Satisfies(requirement string) bool
}

// HolderFunc adapts a function to Holder.
type HolderFunc func(requirement string) bool

// Satisfies calls f.
func (f HolderFunc) Satisfies(requirement string) bool { return f(requirement) }

// Result is the outcome of a check.
type Result struct {
	// Missing holds the requirements not satisfied, sorted and without repeats.
	Missing []string
}

// AllGranted reports whether nothing is missing.
func (r Result) AllGranted() bool { return len(r.Missing) == 0 }

// Check evaluates every requirement against h.
func Check(required []string, h Holder) Result {
	seen := map[string]bool{}
	missing := []string{}
	for _, req := range required {
		if seen[req] {
			continue
		}
		seen[req] = true
		if !h.Satisfies(req) {
			missing = append(missing, req)
		}
	}
	sort.Strings(missing)
	return Result{Missing: missing}
}

// Set is a Holder satisfied by exact membership: the simplest platforms need
// no implication rules.
type Set map[string]bool

// NewSet builds a Set from grants.
func NewSet(grants []string) Set {
	s := make(Set, len(grants))
	for _, g := range grants {
		s[g] = true
	}
	return s
}

// Satisfies reports exact membership.
func (s Set) Satisfies(requirement string) bool { return s[requirement] }
