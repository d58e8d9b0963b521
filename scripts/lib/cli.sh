# Helpers shared by ensure-terraform.sh and ensure-tofu.sh (sourced, not run).

# abspath PATH: make a path absolute without resolving symlinks.
abspath() {
	case "$1" in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(cd -- "$(dirname -- "$1")" && pwd -P)" "$(basename -- "$1")" ;;
	esac
}

# version_ge A B: succeeds when version A >= version B (major.minor.patch,
# any pre-release/build suffix ignored).
version_ge() {
	local a="${1%%[-+]*}" b="${2%%[-+]*}"
	local a1 a2 a3 b1 b2 b3
	IFS=. read -r a1 a2 a3 _ <<<"${a}.0.0.0"
	IFS=. read -r b1 b2 b3 _ <<<"${b}.0.0.0"
	for v in "$a1" "$a2" "$a3" "$b1" "$b2" "$b3"; do
		[[ "$v" =~ ^[0-9]+$ ]] || return 1
	done
	((10#$a1 != 10#$b1)) && { ((10#$a1 > 10#$b1)); return; }
	((10#$a2 != 10#$b2)) && { ((10#$a2 > 10#$b2)); return; }
	((10#$a3 >= 10#$b3))
}

# cli_version BIN NAME: prints the version BIN reports (e.g. 1.11.4), or
# nothing. NAME is the first word of its plain `version` line ("Terraform",
# "OpenTofu"); both CLIs answer `version -json` with a terraform_version key.
# stderr is discarded (e.g. warnings about a missing TF_CLI_CONFIG_FILE).
cli_version() {
	local bin="$1" name="$2" out v=""
	if out="$("$bin" version -json 2>/dev/null)"; then
		v="$(printf '%s\n' "$out" |
			sed -n 's/.*"terraform_version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' |
			head -n 1)"
	fi
	if [[ -z "$v" ]]; then
		out="$("$bin" version 2>/dev/null || true)"
		v="$(printf '%s\n' "$out" |
			sed -n "1s/^${name} v\{0,1\}\([0-9][^[:space:]]*\).*/\1/p")"
	fi
	printf '%s\n' "$v"
}
