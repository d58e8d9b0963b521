package privilege

import (
	"fmt"
	"regexp"
)

// Grammar is a platform's language for requirements.
type Grammar interface {
	// Validate returns an error saying what a well-formed requirement looks
	// like when req is malformed.
	Validate(req string) error
	// Unknown reports whether a well-formed req names something the provider
	// does not know, and the closest known name to suggest ("" when none is close).
	Unknown(req string) (unknown bool, suggestion string)
}

// NameGrammar is a grammar of flat names matched by a pattern and checked
// against a list of known names, as Qumulo's PRIVILEGE_* names are.
type NameGrammar struct {
	Pattern *regexp.Regexp
	// Shape describes Pattern for humans: "PRIVILEGE_ followed by A-Z, 0-9 or _".
	Shape string
	Known []string
}

// Validate checks req against the pattern.
func (g NameGrammar) Validate(req string) error {
	if !g.Pattern.MatchString(req) {
		return fmt.Errorf("%q is not a privilege name: expected %s", req, g.Shape)
	}
	return nil
}

// Unknown reports a name outside Known and the closest known one.
func (g NameGrammar) Unknown(req string) (bool, string) {
	for _, k := range g.Known {
		if k == req {
			return false, ""
		}
	}
	return true, Closest(req, g.Known)
}
