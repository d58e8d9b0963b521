#!/usr/bin/env bash
# Prints the absolute path of an OpenTofu CLI: for the compatibility tests
# (make test-compat), and for the ephemeral resource tests when no Terraform
# 1.10+ is at hand (scripts/ensure-ephemeral-cli.sh).
#
# Resolution order:
#   1. $TOFU_PATH, when set and executable.
#   2. `tofu` on PATH, when it reports version >= MIN_TOFU_VERSION
#      (skipped when FORCE_PINNED_TOFU=1, as make test-compat sets).
#   3. A pinned OpenTofu built from the Go module proxy into
#      <repo>/.tools/tofu-<PINNED_TOFU_VERSION>/tofu
#      (built only when not already there). `go install
#      github.com/opentofu/opentofu/cmd/tofu@vX` refuses to build OpenTofu
#      because its go.mod has a replace directive, so the build runs in the
#      wrapper module tools/opentofu-<major.minor>, which requires that
#      version and repeats the replace.
#
# PINNED_TOFU_VERSION (default 1.10.6) and MIN_TOFU_VERSION (default 1.6.0)
# may be set by the caller; a version has a wrapper module only when
# tools/opentofu-<major.minor>/go.mod requires it.
#
# stdout carries only the path (one line); progress and warnings go to stderr.
set -euo pipefail

MIN_TOFU_VERSION="${MIN_TOFU_VERSION:-1.6.0}"
# Must match the require in tools/opentofu-<major.minor>/go.mod.
PINNED_TOFU_VERSION="${PINNED_TOFU_VERSION:-1.10.6}"

log() { printf 'ensure-tofu: %s\n' "$*" >&2; }

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
repo_root="$(cd -- "${script_dir}/.." && pwd -P)"
wrapper_dir="${repo_root}/tools/opentofu-${PINNED_TOFU_VERSION%.*}"

# shellcheck source=lib/cli.sh
source "${script_dir}/lib/cli.sh"

# 1. Explicit override.
if [[ -n "${TOFU_PATH:-}" ]]; then
	if [[ -f "${TOFU_PATH}" && -x "${TOFU_PATH}" ]]; then
		abspath "${TOFU_PATH}"
		exit 0
	fi
	log "TOFU_PATH=${TOFU_PATH} is not an executable file; ignoring it"
fi

# 2. tofu on PATH, when new enough.
if [[ "${FORCE_PINNED_TOFU:-0}" != "1" ]]; then
	if tofu_on_path="$(command -v tofu 2>/dev/null)" && [[ -n "$tofu_on_path" && -x "$tofu_on_path" ]]; then
		tofu_on_path="$(abspath "$tofu_on_path")"
		found_version="$(cli_version "$tofu_on_path" OpenTofu)"
		if [[ -n "$found_version" ]] && version_ge "$found_version" "$MIN_TOFU_VERSION"; then
			log "using ${tofu_on_path} (v${found_version})"
			printf '%s\n' "$tofu_on_path"
			exit 0
		fi
		log "${tofu_on_path} reports version '${found_version:-unknown}', need >= ${MIN_TOFU_VERSION}; using pinned v${PINNED_TOFU_VERSION}"
	else
		log "no tofu on PATH; using pinned v${PINNED_TOFU_VERSION}"
	fi
else
	log "FORCE_PINNED_TOFU=1; using pinned v${PINNED_TOFU_VERSION}"
fi

# 3. Pinned OpenTofu built from the Go module proxy.
pinned_dir="${repo_root}/.tools/tofu-${PINNED_TOFU_VERSION}"
pinned_bin="${pinned_dir}/tofu"

if [[ ! -x "$pinned_bin" ]]; then
	if ! command -v go >/dev/null 2>&1; then
		log "error: go is not on PATH; cannot build OpenTofu v${PINNED_TOFU_VERSION}"
		exit 1
	fi
	if ! grep -q "github.com/opentofu/opentofu v${PINNED_TOFU_VERSION}\$" "${wrapper_dir}/go.mod"; then
		log "error: ${wrapper_dir}/go.mod does not require github.com/opentofu/opentofu v${PINNED_TOFU_VERSION}"
		exit 1
	fi
	log "building OpenTofu v${PINNED_TOFU_VERSION} in ${wrapper_dir} into ${pinned_dir} (this takes several minutes)..."
	mkdir -p "${repo_root}/.tools"
	# Build into a private directory and move the result into place, so an
	# interrupted or concurrent build never leaves a half-written binary.
	build_dir="$(mktemp -d "${repo_root}/.tools/.tofu-build.XXXXXX")"
	trap 'rm -rf -- "$build_dir"' EXIT
	# The flags of OpenTofu's own release build (its .goreleaser.yaml); without
	# version.dev=no the binary calls itself v${PINNED_TOFU_VERSION}-dev.
	if ! (cd "$wrapper_dir" && GOWORK=off CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath \
		-ldflags "-X 'github.com/opentofu/opentofu/version.dev=no'" \
		-o "$build_dir/tofu" github.com/opentofu/opentofu/cmd/tofu >&2); then
		log "error: building github.com/opentofu/opentofu/cmd/tofu v${PINNED_TOFU_VERSION} failed"
		exit 1
	fi
	mkdir -p "$pinned_dir"
	mv -f -- "$build_dir/tofu" "$pinned_bin"
	log "built ${pinned_bin}"
fi

built_version="$(cli_version "$pinned_bin" OpenTofu)"
if [[ "$built_version" != "$PINNED_TOFU_VERSION" ]]; then
	log "warning: ${pinned_bin} reports version '${built_version:-unknown}', expected ${PINNED_TOFU_VERSION}"
else
	log "using ${pinned_bin} (v${built_version})"
fi
printf '%s\n' "$pinned_bin"
