package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// scenario is one configuration the benchmark plans.
type scenario struct {
	// name is the scenario's directory; title is how tables show it.
	name, title string
	// aliases are the provider configurations ("" is the default one); each
	// has a block per platform and both data sources of every platform.
	// None means the baseline: no whoami provider at all.
	aliases []string
	dir     string
}

// writeConfig writes the scenario's main.tf into its own directory under root.
func writeConfig(root string, s *scenario, sims []*sim) error {
	s.dir = filepath.Join(root, s.name)
	if err := os.MkdirAll(s.dir, 0o750); err != nil {
		return err
	}
	text := baselineConfig
	if len(s.aliases) > 0 {
		text = whoamiConfig(s.aliases, sims)
	}
	return os.WriteFile(filepath.Join(s.dir, "main.tf"), []byte(text), 0o600)
}

// baselineConfig is what every plan costs Terraform without this provider:
// locals, a terraform_data resource and an output, no data source at all.
const baselineConfig = `locals {
  greeting = "hello"
}

resource "terraform_data" "baseline" {
  input = local.greeting
}

output "greeting" {
  value = terraform_data.baseline.input
}
`

// whoamiConfig has, for each alias, a provider block with every platform
// configured by endpoint and token, and both data sources of every platform
// with the platform's requirements; an output per privileges data source
// keeps the answers in the plan, as a real configuration would.
func whoamiConfig(aliases []string, sims []*sim) string {
	var b strings.Builder
	b.WriteString("terraform {\n  required_providers {\n    whoami = { source = \"whoami-terraform/whoami\" }\n  }\n}\n")
	for _, alias := range aliases {
		b.WriteString("\nprovider \"whoami\" {\n")
		if alias != "" {
			fmt.Fprintf(&b, "  alias = %q\n", alias)
		}
		for _, s := range sims {
			fmt.Fprintf(&b, "  %s {\n    endpoint = %q\n    %s = %q\n  }\n", s.key, s.srv.URL, s.tokenAttr, s.token)
		}
		b.WriteString("}\n")
	}
	for _, alias := range aliases {
		name, ref := "me", ""
		if alias != "" {
			name, ref = alias, "  provider = whoami."+alias+"\n"
		}
		for _, s := range sims {
			fmt.Fprintf(&b, "\ndata \"whoami_%s_current_user\" %q {\n%s}\n", s.key, name, ref)
			fmt.Fprintf(&b, "\ndata \"whoami_%s_current_privileges\" %q {\n%s  required = %s\n}\n",
				s.key, name, ref, hclList(s.required))
			fmt.Fprintf(&b, "\noutput \"%s_%s_missing\" {\n  value = data.whoami_%s_current_privileges.%s.missing\n}\n",
				s.key, name, s.key, name)
		}
	}
	return b.String()
}

// writeCLIConfig points the whoami provider at dir (the RSS wrapper).
func writeCLIConfig(path, dir string) error {
	return os.WriteFile(path, []byte(`provider_installation {
  dev_overrides {
    "registry.terraform.io/whoami-terraform/whoami" = `+strconv.Quote(dir)+`
  }
  direct {}
}
`), 0o600)
}

func hclList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}
