#!/usr/bin/env bash
# Prints the absolute path of a Terraform CLI to use for tests and docs.
#
# Resolution order:
#   1. $TF_ACC_TERRAFORM_PATH, when set and executable.
#   2. `terraform` on PATH, when it reports version >= MIN_TERRAFORM_VERSION
#      (skipped when FORCE_PINNED_TERRAFORM=1).
#   3. A pinned Terraform built from the Go module proxy into
#      <repo>/.tools/terraform-<PINNED_TERRAFORM_VERSION>/terraform
#      (built only when not already there; v1.8.5 is the last release that
#      `go install` can build). PINNED_TERRAFORM_VERSION in the environment
#      picks another version (make test-compat builds 1.5.7 this way).
#
# stdout carries only the path (one line); progress and warnings go to stderr.
set -euo pipefail

MIN_TERRAFORM_VERSION="1.5.0"
PINNED_TERRAFORM_VERSION="${PINNED_TERRAFORM_VERSION:-1.8.5}"

# Never let terraform phone home (checkpoint) while we probe it.
export CHECKPOINT_DISABLE=1

log() { printf 'ensure-terraform: %s\n' "$*" >&2; }

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
repo_root="$(cd -- "${script_dir}/.." && pwd -P)"

# shellcheck source=lib/cli.sh
source "${script_dir}/lib/cli.sh"

# 1. Explicit override.
if [[ -n "${TF_ACC_TERRAFORM_PATH:-}" ]]; then
	if [[ -f "${TF_ACC_TERRAFORM_PATH}" && -x "${TF_ACC_TERRAFORM_PATH}" ]]; then
		abspath "${TF_ACC_TERRAFORM_PATH}"
		exit 0
	fi
	log "TF_ACC_TERRAFORM_PATH=${TF_ACC_TERRAFORM_PATH} is not an executable file; ignoring it"
fi

# 2. terraform on PATH, when new enough.
if [[ "${FORCE_PINNED_TERRAFORM:-0}" != "1" ]]; then
	if tf_on_path="$(command -v terraform 2>/dev/null)" && [[ -n "$tf_on_path" && -x "$tf_on_path" ]]; then
		tf_on_path="$(abspath "$tf_on_path")"
		found_version="$(cli_version "$tf_on_path" Terraform)"
		if [[ -n "$found_version" ]] && version_ge "$found_version" "$MIN_TERRAFORM_VERSION"; then
			log "using ${tf_on_path} (v${found_version})"
			printf '%s\n' "$tf_on_path"
			exit 0
		fi
		log "${tf_on_path} reports version '${found_version:-unknown}', need >= ${MIN_TERRAFORM_VERSION}; using pinned v${PINNED_TERRAFORM_VERSION}"
	else
		log "no terraform on PATH; using pinned v${PINNED_TERRAFORM_VERSION}"
	fi
else
	log "FORCE_PINNED_TERRAFORM=1; using pinned v${PINNED_TERRAFORM_VERSION}"
fi

# 3. Pinned Terraform built from the Go module proxy.
pinned_dir="${repo_root}/.tools/terraform-${PINNED_TERRAFORM_VERSION}"
pinned_bin="${pinned_dir}/terraform"

if [[ ! -x "$pinned_bin" ]]; then
	if ! command -v go >/dev/null 2>&1; then
		log "error: go is not on PATH; cannot build Terraform v${PINNED_TERRAFORM_VERSION}"
		exit 1
	fi
	log "building Terraform v${PINNED_TERRAFORM_VERSION} with go install into ${pinned_dir} (this takes a few minutes)..."
	mkdir -p "${repo_root}/.tools"
	# Build into a private directory and move the result into place, so an
	# interrupted or concurrent build never leaves a half-written binary.
	build_dir="$(mktemp -d "${repo_root}/.tools/.terraform-build.XXXXXX")"
	trap 'rm -rf -- "$build_dir"' EXIT
	# `go install pkg@version` ignores any go.mod; the cd just keeps it tidy.
	if ! (cd "$build_dir" && GOBIN="$build_dir/bin" go install "github.com/hashicorp/terraform@v${PINNED_TERRAFORM_VERSION}" >&2); then
		log "error: go install github.com/hashicorp/terraform@v${PINNED_TERRAFORM_VERSION} failed"
		exit 1
	fi
	mkdir -p "$pinned_dir"
	mv -f -- "$build_dir/bin/terraform" "$pinned_bin"
	log "built ${pinned_bin}"
fi

built_version="$(cli_version "$pinned_bin" Terraform)"
if [[ "${built_version%%[-+]*}" != "$PINNED_TERRAFORM_VERSION" ]]; then
	log "warning: ${pinned_bin} reports version '${built_version:-unknown}', expected ${PINNED_TERRAFORM_VERSION}"
else
	log "using ${pinned_bin} (v${built_version})"
fi
printf '%s\n' "$pinned_bin"
