# shellcheck shell=bash disable=SC2154 # tmp is set by the caller
# Starting and stopping cmd/whoami-simulator, shared by demo.sh and
# validate-examples.sh (sourced, not run). The caller sets tmp to a private
# temporary directory first; the helpers own sim_pid.

sim_pid=""

# simulator_cleanup stops the simulator and removes $tmp: the callers' EXIT trap.
simulator_cleanup() {
	if [[ -n "$sim_pid" ]]; then
		kill "$sim_pid" 2>/dev/null || true
		wait "$sim_pid" 2>/dev/null || true
	fi
	rm -rf -- "$tmp"
}

# start_simulator WHO [LOG]: builds and starts every simulated platform on
# 127.0.0.1, until the script ends; returns once "$tmp/simulator.env" exists
# (they all listen). Its output goes to LOG, or to the terminal without one;
# WHO names the caller in errors.
start_simulator() {
	local who="$1" log="${2:-}"
	go build -o "$tmp/whoami-simulator" ./cmd/whoami-simulator
	if [[ -n "$log" ]]; then
		"$tmp/whoami-simulator" -env-file "$tmp/simulator.env" >"$log" 2>&1 &
	else
		"$tmp/whoami-simulator" -env-file "$tmp/simulator.env" &
	fi
	sim_pid=$!
	for _ in $(seq 100); do
		[[ -f "$tmp/simulator.env" ]] && return 0
		kill -0 "$sim_pid" 2>/dev/null || break
		sleep 0.1
	done
	[[ -n "$log" ]] && cat "$log" >&2
	echo "${who}: the simulator did not start within 10s" >&2
	exit 1
}
