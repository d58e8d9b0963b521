//go:build tools

// Package tools pins the OpenTofu CLI that scripts/ensure-tofu.sh builds with
// `go build github.com/opentofu/opentofu/cmd/tofu` from this directory.
package tools

import _ "github.com/opentofu/opentofu/cmd/tofu"
