#!/usr/bin/env bash
# Prints the absolute path of a CLI that has ephemeral resources (Terraform
# 1.10+ or OpenTofu 1.11+), for the ephemeral resource tests of make test:
# the CLI given as $1 (the Terraform the other tests use) when it has them,
# else OpenTofu from scripts/ensure-tofu.sh: tofu on PATH when it is 1.11 or
# newer, else v1.12.6 built from the Go module proxy (Terraform 1.10 and
# newer cannot be built from it: their go.mod replaces nested modules that the
# module zip does not contain).
#
# stdout carries only the path (one line); progress goes to stderr.
set -euo pipefail

EPHEMERAL_TOFU_VERSION="1.12.6"

log() { printf 'ensure-ephemeral-cli: %s\n' "$*" >&2; }

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=lib/cli.sh
source "${script_dir}/lib/cli.sh"

tf="${1:?usage: ensure-ephemeral-cli.sh TERRAFORM_PATH}"
if [[ -x "$tf" ]]; then
	name="$("$tf" version 2>/dev/null | sed -n 's/^\(Terraform\|OpenTofu\) v.*/\1/p' | head -n 1 || true)"
	case "$name" in
	Terraform) need=1.10.0 ;;
	OpenTofu) need=1.11.0 ;;
	*) need="" ;;
	esac
	found="$(cli_version "$tf" "$name")"
	if [[ -n "$need" && -n "$found" ]] && version_ge "$found" "$need"; then
		log "using ${tf} (${name} v${found}), which has ephemeral resources"
		abspath "$tf"
		exit 0
	fi
	log "${tf} (${name:-unknown} v${found:-unknown}) has no ephemeral resources; using OpenTofu"
fi
MIN_TOFU_VERSION=1.11.0 PINNED_TOFU_VERSION="$EPHEMERAL_TOFU_VERSION" "${script_dir}/ensure-tofu.sh"
