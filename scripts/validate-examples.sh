#!/usr/bin/env bash
# make examples-validate: `terraform validate` on every example directory.
#
#   scripts/validate-examples.sh TERRAFORM PROVIDER_BIN_DIR [EPHEMERAL_CLI]
#
# TERRAFORM is the CLI to run (Terraform or OpenTofu); PROVIDER_BIN_DIR holds
# a freshly built terraform-provider-whoami. EPHEMERAL_CLI, when given, runs
# the examples that declare an ephemeral block (Terraform 1.10+, OpenTofu
# 1.11+); without it they are validated with TERRAFORM too. Each directory under examples/
# that holds .tf files is copied to a temporary directory; when none of its
# files declares required_providers (the documentation snippets under
# examples/data-sources/ do not), one that does is added. A dev_overrides CLI
# configuration points Terraform at the local build, so no `terraform init`
# is needed: the examples otherwise use only built-in providers.
#
# Any error fails, and so does any warning other than Terraform's note about
# the dev override (an unknown privilege name in `required`, for example).
set -euo pipefail

if [[ $# -ne 2 && $# -ne 3 ]]; then
	echo "usage: $0 TERRAFORM PROVIDER_BIN_DIR [EPHEMERAL_CLI]" >&2
	exit 2
fi
resolve() {
	case "$1" in
	*/*) printf '%s\n' "$(cd -- "$(dirname -- "$1")" && pwd -P)/$(basename -- "$1")" ;;
	*) command -v -- "$1" || { echo "validate-examples: $1 not found" >&2; exit 1; } ;;
	esac
}
main_tf="$(resolve "$1")"
eph_tf="$main_tf"
[[ $# -eq 3 ]] && eph_tf="$(resolve "$3")"
bin_dir="$(cd -- "$2" && pwd -P)"
[[ -x "$bin_dir/terraform-provider-whoami" ]] || {
	echo "validate-examples: no provider binary in $bin_dir (run make build)" >&2
	exit 1
}

repo_root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo_root"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/whoami-examples.XXXXXX")"
trap 'rm -rf -- "$tmp"' EXIT

# Both registry hosts, so the script also works with OpenTofu.
cat >"$tmp/dev.tfrc" <<EOT
provider_installation {
  dev_overrides {
    "registry.terraform.io/whoami-terraform/whoami" = "$bin_dir"
    "registry.opentofu.org/whoami-terraform/whoami" = "$bin_dir"
  }
  direct {}
}
EOT
export TF_CLI_CONFIG_FILE="$tmp/dev.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
# The examples must validate on their own, whatever the caller's shell holds.
unset TF_DATA_DIR TF_WORKSPACE

mapfile -t dirs < <(find examples -type f -name '*.tf' -printf '%h\n' | LC_ALL=C sort -u)
[[ ${#dirs[@]} -gt 0 ]] || { echo "validate-examples: no examples found" >&2; exit 1; }

failed=0
for dir in "${dirs[@]}"; do
	work="$tmp/work/$dir"
	mkdir -p "$work"
	cp -R "$dir/." "$work/"
	if ! grep -qs 'required_providers' "$work"/*.tf; then
		cat >"$work/zz_required_providers.tf" <<'EOT'
terraform {
  required_providers {
    whoami = {
      source = "whoami-terraform/whoami"
    }
  }
}
EOT
	fi
	tf="$main_tf"
	grep -qs '^ephemeral "' "$work"/*.tf && tf="$eph_tf"
	# -json lists every diagnostic (the text output folds similar warnings).
	json="$(cd "$work" && "$tf" validate -json -no-color 2>"$tmp/stderr")" && rc=0 || rc=$?
	others="$(printf '%s\n' "$json" | grep '"summary":' |
		grep -v '"summary": *"Provider development overrides are in effect"' || true)"
	if [[ $rc -ne 0 || -n "$others" ]]; then
		echo "FAIL  $dir" >&2
		(cd "$work" && "$tf" validate -no-color >&2) || true
		cat "$tmp/stderr" >&2
		failed=1
	else
		echo "ok    $dir ($(basename -- "$tf"))"
	fi
done

if [[ $failed -ne 0 ]]; then
	echo "examples do not validate: see above" >&2
	exit 1
fi
