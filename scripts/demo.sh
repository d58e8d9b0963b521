#!/usr/bin/env bash
# make demo: a newcomer's tour of terraform-provider-whoami.
#
# Builds the provider, starts every simulated platform on 127.0.0.1
# (cmd/whoami-simulator), and runs `terraform plan` on examples/demo through
# a dev_overrides CLI configuration: first to show what all ten data sources
# return, then with enforce = true to show a preflight failure. Everything lives in a temporary directory that is
# removed, with the simulator stopped, however the script ends.
#
# Needs Go (the version in go.mod). Terraform is taken from PATH when it is
# >= 1.5, otherwise built once into .tools/ (see scripts/ensure-terraform.sh).
set -euo pipefail

repo_root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$repo_root"

if [[ -t 1 ]]; then
	bold=$'\033[1m' reset=$'\033[0m' no_color=()
else
	bold='' reset='' no_color=(-no-color)
fi
heading() { printf '\n%s==> %s%s\n' "$bold" "$*" "$reset"; }
say() { printf '    %s\n' "$@"; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/whoami-demo.XXXXXX")"
# shellcheck source=lib/simulator.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/lib/simulator.sh"
trap simulator_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

heading "Finding a Terraform CLI (>= 1.5)"
tf="$(scripts/ensure-terraform.sh)"

heading "Building the provider"
go build -o "$tmp/bin/terraform-provider-whoami" .
say "provider:  $tmp/bin/terraform-provider-whoami"

heading "Building and starting the simulated platforms on 127.0.0.1"
start_simulator demo
# The env file first unsets every variable the provider reads, so that none
# from the caller's shell redirects or reconfigures it, then exports each
# platform's endpoint and demo token (QUMULO_ENDPOINT, QUMULO_ACCESS_TOKEN,
# EC_ENDPOINT, EC_API_KEY, ...) and Qumulo's two accounts as
# WHOAMI_DEMO_QUMULO_SERVICE_TOKEN and WHOAMI_DEMO_QUMULO_ADMIN_TOKEN.
# shellcheck source=/dev/null
source "$tmp/simulator.env"

# Terraform runs the local build instead of downloading the provider; no
# `terraform init` is needed. It warns about the override: that is expected.
cat >"$tmp/terraformrc" <<EOF
provider_installation {
  dev_overrides {
    "registry.terraform.io/whoami-terraform/whoami" = "$tmp/bin"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="$tmp/terraformrc" CHECKPOINT_DISABLE=1 TF_INPUT=0

# The provider reads every connection from the environment. For Qumulo the
# demo starts as svc-terraform, a service account without quota write
# rights. The env file says, in one comment line per platform, what it set.
export QUMULO_ACCESS_TOKEN="$WHOAMI_DEMO_QUMULO_SERVICE_TOKEN"
sed -n 's/^# //p' "$tmp/simulator.env" | while IFS= read -r line; do say "$line"; done

cp -R examples/demo "$tmp/demo"
cd "$tmp/demo"

heading "1. terraform plan: who am I, and what may I do? (five platforms, ten data sources)"
say "Each platform's part of examples/demo lists a few required privileges in its"
say "own grammar; some are held, some are missing. Data sources are read during"
say "plan, so the answers appear under 'Changes to Outputs', sorted by name."
echo
"$tf" plan "${no_color[@]}"
heading "What you saw"
say "<platform>_user:    who the credentials belong to (the who-am-i answer)"
say "<platform>_missing: the required privileges the answers show they lack:"
say "  awx        project:9:admin: user_capabilities.edit is false on project 9"
say "  ece        role:ece_platform_admin: a deployment manager is not a platform admin"
say "  faynosync  apps:create and the channel edit: an fns_ API token may only upload"
say "  mist       write on the Berlin site (c0ffee00-...): read does not cover write"
say "             (admin of the Acme org covers write on the org and on its sites)"
say "  qumulo     PRIVILEGE_QUOTA_WRITE (qumulo_roles are reported, not evaluated)"
say "<platform>_unknown: what the provider cannot decide, with the reason - never a guess:"
say "  awx        project:9:use: neither the project's user_capabilities nor any role"
say "             of svc-ci or its team settle it"
say "  faynosync  the upload: faynoSync does not let a token read its allowed apps"
say "  mist       read on the Cobalt org: jsnow's org group may hold it, and /self"
say "             does not show Cobalt's groups"
say "faynosync_user is admin with credential_kind api_token: faynoSync answers a"
say "token as its owning admin."
say "qumulo_all_granted is false - but with enforce = false the plan still succeeds."

heading "2. terraform plan -var enforce=true: the preflight fails the plan"
say "Qumulo's check, now with enforce = true. Expect an error:"
say "(The outputs are the same as in step 1; only the error is shown.)"
echo
if "$tf" plan -no-color -var enforce=true >"$tmp/enforce-plan.txt" 2>&1; then
	cat "$tmp/enforce-plan.txt" >&2
	echo "demo: the plan succeeded, but it should have failed the preflight" >&2
	exit 1
fi
sed -n '/^Error:/,$p' "$tmp/enforce-plan.txt"
heading "What you saw"
say "The plan failed before anything was created: the error names the caller"
say "and every missing privilege. That failure is the point of a preflight -"
say "a pipeline stops at plan time instead of half-way through an apply."
say "The same gate can be a lifecycle postcondition on all_granted, or a check"
say "block that only warns: see examples/preflight/main.tf."

heading "3. The same plan as the admin account passes"
export QUMULO_ACCESS_TOKEN="$WHOAMI_DEMO_QUMULO_ADMIN_TOKEN"
if ! "$tf" plan -no-color -var enforce=true >"$tmp/admin-plan.txt" 2>&1; then
	cat "$tmp/admin-plan.txt" >&2
	echo "demo: the admin plan failed, but admin holds every privilege" >&2
	exit 1
fi
grep -E '^[[:space:]]*[+~][[:space:]]+qumulo_(all_granted|missing)[[:space:]]' "$tmp/admin-plan.txt" || true
say "admin holds every privilege, so enforce = true lets the plan through."

heading "4. faynoSync as a team user, through login"
say "faynoSync lets only admins create API tokens, so a team user logs in with its"
say "password; the provider then checks who owns each object it names."
echo
unset FAYNOSYNC_TOKEN
export FAYNOSYNC_USERNAME="$WHOAMI_DEMO_FAYNOSYNC_TEAM_USERNAME" FAYNOSYNC_PASSWORD="$WHOAMI_DEMO_FAYNOSYNC_TEAM_PASSWORD"
if ! "$tf" plan -no-color >"$tmp/team-plan.txt" 2>&1; then
	cat "$tmp/team-plan.txt" >&2
	echo "demo: the team user's plan failed" >&2
	exit 1
fi
sed -n '/^  + faynosync_missing/,/^  + mist_missing/p' "$tmp/team-plan.txt" | sed '$d'
say "release-bot's id is null (faynoSync sends every team user the zero id), and"
say "credential_kind is login; its requirements are decided from its flags, its"
say "allowed ids and its owner's objects."

heading "Done"
say "The simulator is stopped and $tmp removed on exit."
say "Next: README.md, docs/, and make test."
