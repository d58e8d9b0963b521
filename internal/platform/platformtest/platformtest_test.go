package platformtest

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// forgetful encodes as an empty object whatever it holds.
type forgetful struct{ Name string }

func (forgetful) MarshalJSON() ([]byte, error) { return []byte(`{}`), nil }

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	type answer struct {
		ID    *string        `json:"id"`
		Tags  []string       `json:"tags"`
		Extra map[string]any `json:"extra"`
	}
	for _, body := range []string{`{}`, `{"id":null,"tags":[]}`, `{"id":"1","tags":null,"extra":{"n":1e21,"s":"\u00e9"}}`} {
		var v answer
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatal(err)
		}
		if err := RoundTrip(v); err != nil {
			t.Errorf("%s: %v", body, err)
		}
	}
	err := RoundTrip(forgetful{Name: "x"})
	if want := `re-encoded as {}, which decodes to a different value (encoded: {})`; err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}

// grammar accepts lower-case words, knows "read" and "write", and suggests
// whatever suggestions says.
type grammar struct{ suggestions map[string]string }

func (grammar) Validate(req string) error {
	if req == "" || strings.Trim(req, "abcdefghijklmnopqrstuvwxyz") != "" {
		return errors.New("not a lower-case word")
	}
	return nil
}

func (g grammar) Unknown(req string) (bool, string) {
	return req != "read" && req != "write", g.suggestions[req]
}

func TestCheckUnknown(t *testing.T) {
	t.Parallel()
	g := grammar{suggestions: map[string]string{"raed": "read", "wirte": "Write", "reed": "red", "write": "read"}}
	for req, want := range map[string]string{
		"read":  "",
		"raed":  "",
		"xyz":   "",
		"wirte": `Unknown("wirte") suggests "Write", which Validate rejects: not a lower-case word`,
		"reed":  `Unknown("reed") suggests "red", which Unknown warns about too`,
		"write": `Unknown("write") suggests "read" for a requirement it knows`,
	} {
		var got string
		if err := CheckUnknown(g, req); err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("CheckUnknown(%q) = %q, want %q", req, got, want)
		}
	}
}

func TestInvalidGrants(t *testing.T) {
	t.Parallel()
	if got, want := InvalidGrants(grammar{}, []string{"read", "Read", "", "write", "a:b"}), []string{"Read", "", "a:b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("InvalidGrants = %q, want %q", got, want)
	}
	if got := InvalidGrants(grammar{}, []string{"read"}); got != nil {
		t.Errorf("InvalidGrants = %q, want none", got)
	}
}
