#!/usr/bin/env bash
# make examples-validate: `terraform validate` on every example directory, then
# `terraform plan` on each runnable one against the simulators.
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
# Then every simulated platform is started on 127.0.0.1 (cmd/whoami-simulator,
# built here; its env file sets each platform's endpoint and demo token) and
# each directory is planned as plan_policy below says, with the demo account
# it names: most must plan (exit 0); those written to stop a plan, which no
# simulated account could pass, must fail with exactly the errors they are
# meant to show; a directory may also be skipped, with its reason (none is).
# A directory that reads no whoami data source and opens no ephemeral one
# (examples/provider) gets a whoami_<platform>_current_user for each platform
# block its provider configuration sets, so that the configuration is
# evaluated as it would be in use. Nothing leaves loopback.
#
# Any error fails, and so does any warning other than Terraform's note about
# the dev override (an unknown privilege name in `required`, a failed check
# block, for example).
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
# shellcheck source=lib/simulator.sh
source "$repo_root/scripts/lib/simulator.sh"
trap simulator_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

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

# plan_policy DIR sets, for DIR's plan against the simulators:
#   mode    plan (must succeed), fail (must fail with exactly the errors in
#           expect) or skip (reason says why);
#   env     NAME=FROM entries applied after the simulator's env file: NAME
#           takes the value of FROM (a variable of that file), or is unset
#           when FROM is empty;
#   expect  for fail: one "summary: first line of the detail" per error.
# The simulators' accounts are described in internal/simulator/*/fixtures.go.
qumulo_admin=(QUMULO_ACCESS_TOKEN=WHOAMI_DEMO_QUMULO_ADMIN_TOKEN)
faynosync_team=(FAYNOSYNC_TOKEN= FAYNOSYNC_USERNAME=WHOAMI_DEMO_FAYNOSYNC_TEAM_USERNAME
	FAYNOSYNC_PASSWORD=WHOAMI_DEMO_FAYNOSYNC_TEAM_PASSWORD)
plan_policy() {
	mode=plan env=() expect=() reason=""
	case "$1" in
	examples/provider)
		env=(TF_VAR_qumulo_endpoint=QUMULO_ENDPOINT TF_VAR_qumulo_token=QUMULO_ACCESS_TOKEN) ;;
	# Gates on privileges that only Qumulo's admin account holds.
	examples/data-sources/whoami_qumulo_current_privileges | examples/preflight)
		env=("${qumulo_admin[@]}") ;;
	# Written to show one plan reporting two platforms' gaps (the guide
	# prints this output); no simulated ECE account is a platform admin.
	examples/preflight-gate)
		mode=fail
		expect=("Resource precondition failed: Qumulo: missing PRIVILEGE_QUOTA_WRITE."
			"Resource precondition failed: ECE: missing role:ece_platform_admin.") ;;
	# No simulated account may delete the desktop app: admin's API token
	# may only upload, and the team user release-bot lacks the Delete flag.
	examples/data-sources/whoami_faynosync_current_privileges)
		mode=fail env=("${faynosync_team[@]}")
		expect=('faynoSync credentials lack required privileges: faynoSync user "release-bot" lacks 1 of the 2 required privileges.') ;;
	esac
}

# plan_errors FILE: "summary: first line of the detail" of each error
# diagnostic in a `terraform plan -json` stream, sorted.
plan_errors() {
	grep '"@level":"error"' "$1" |
		sed -nE 's/.*"diagnostic":\{"severity":"error","summary":"((\\.|[^"\\])*)","detail":"((\\.|[^"\\])*)".*/\1: \3/p' |
		sed -E 's/\\n.*//; s/\\"/"/g; s/\\u003c/</g; s/\\u003e/>/g; s/\\u0026/\&/g' | LC_ALL=C sort || true
}

# add_probes WORK: a current_user data source for each platform block of a
# configuration that reads none of its own. The platforms are the simulator
# env file's comment lines ("# qumulo  QUMULO_ENDPOINT=..."), so a new
# platform needs no edit here.
add_probes() {
	grep -qsE '^(data|ephemeral) "whoami_' "$1"/*.tf && return 0
	local hash key _
	while read -r hash key _; do
		[[ $hash == "#" ]] || continue
		grep -qsE "^[[:space:]]+${key}[[:space:]]*\\{" "$1"/*.tf &&
			printf 'data "whoami_%s_current_user" "zz_probe" {}\n' "$key" >>"$1/zz_probe.tf"
	done <"$tmp/simulator.env"
	return 0
}

# run_plan WORK TF [ARGS]: `TF plan -no-color ARGS` in WORK, with the
# simulator's env file and plan_policy's env.
run_plan() {
	local work="$1" tf="$2" e name from
	shift 2
	(
		# shellcheck source=/dev/null
		source "$tmp/simulator.env"
		for e in "${env[@]}"; do
			name="${e%%=*}" from="${e#*=}"
			if [[ -z "$from" ]]; then unset "$name"; else export "$name=${!from}"; fi
		done
		cd "$work" && "$tf" plan -no-color "$@"
	)
}

# plan_dir DIR WORK TF: plans WORK as plan_policy says; 0 when it behaved.
plan_dir() {
	local dir="$1" work="$2" tf="$3" rc others got want
	plan_policy "$dir"
	if [[ $mode == skip ]]; then
		echo "skip  $dir (plan: $reason)"
		return 0
	fi
	add_probes "$work"
	run_plan "$work" "$tf" -json >"$tmp/plan.json" 2>"$tmp/stderr" && rc=0 || rc=$?
	others="$(grep '"@level":"warn"' "$tmp/plan.json" | grep -o '"summary":"[^"]*"' |
		grep -v '"summary":"Provider development overrides are in effect"' || true)"
	got="$(plan_errors "$tmp/plan.json")"
	case "$mode" in
	plan) want="" ;;
	fail) want="$(printf '%s\n' "${expect[@]}" | LC_ALL=C sort)" ;;
	esac
	if [[ $mode == plan && $rc -eq 0 && -z "$others" ]] ||
		[[ $mode == fail && $rc -eq 1 && -z "$others" && "$got" == "$want" ]]; then
		echo "ok    $dir (plan: $([[ $mode == fail ]] && echo "fails as written" || echo "succeeds"))"
		return 0
	fi
	echo "FAIL  $dir (plan, expected to $([[ $mode == fail ]] && echo fail || echo succeed); exit $rc)" >&2
	if [[ $mode == fail && "$got" != "$want" ]]; then
		printf 'expected errors:\n%s\ngot:\n%s\n' "$want" "$got" >&2
	fi
	if [[ -n "$others" ]]; then printf 'warnings:\n%s\n' "$others" >&2; fi
	cat "$tmp/stderr" >&2
	run_plan "$work" "$tf" >&2 || true
	return 1
}

start_simulator validate-examples "$tmp/simulator.log"

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
		echo "FAIL  $dir (validate)" >&2
		(cd "$work" && "$tf" validate -no-color >&2) || true
		cat "$tmp/stderr" >&2
		failed=1
		continue
	fi
	echo "ok    $dir ($(basename -- "$tf") validate)"
	plan_dir "$dir" "$work" "$tf" || failed=1
done

if [[ $failed -ne 0 ]]; then
	echo "examples do not validate or plan: see above" >&2
	exit 1
fi
