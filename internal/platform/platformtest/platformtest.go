// Package platformtest holds the properties every platform package's tests
// check the same way: an API answer decodes to the same value after a trip
// through JSON, a grammar's warnings suggest only requirements it accepts and
// knows, and the grants a platform lists pass its own grammar. It is not a
// platform; only tests import it.
package platformtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

// RoundTrip checks v, decoded from an answer: it encodes to JSON that decodes
// to an equal value and encodes to the same bytes again. A failure means a
// type loses or invents something between what the server said and what the
// provider keeps.
func RoundTrip[T any](v T) error {
	first, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encoding the decoded value: %w", err)
	}
	var again T
	if err := json.Unmarshal(first, &again); err != nil {
		return fmt.Errorf("decoding the re-encoded %s: %w", first, err)
	}
	second, err := json.Marshal(again)
	if err != nil {
		return fmt.Errorf("encoding the value decoded again: %w", err)
	}
	if !reflect.DeepEqual(v, again) || !bytes.Equal(first, second) {
		return fmt.Errorf("re-encoded as %s, which decodes to a different value (encoded: %s)", first, second)
	}
	return nil
}

// CheckUnknown checks what g.Unknown says of req, a requirement g.Validate
// accepts: a known requirement comes with no suggestion, and a suggestion is
// a requirement g accepts and knows, so that following a warning never leads
// to an error or to another warning.
func CheckUnknown(g privilege.Grammar, req string) error {
	unknown, suggestion := g.Unknown(req)
	switch {
	case !unknown && suggestion != "":
		return fmt.Errorf("Unknown(%q) suggests %q for a requirement it knows", req, suggestion)
	case suggestion == "":
		return nil
	}
	if err := g.Validate(suggestion); err != nil {
		return fmt.Errorf("Unknown(%q) suggests %q, which Validate rejects: %v", req, suggestion, err)
	}
	if again, _ := g.Unknown(suggestion); again {
		return fmt.Errorf("Unknown(%q) suggests %q, which Unknown warns about too", req, suggestion)
	}
	return nil
}

// InvalidGrants returns the grants g.Validate rejects. A platform should list
// none: a privilege the caller holds must be one a configuration can require.
func InvalidGrants(g privilege.Grammar, grants []string) []string {
	var bad []string
	for _, grant := range grants {
		if g.Validate(grant) != nil {
			bad = append(bad, grant)
		}
	}
	return bad
}
