#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench/nsenter.sh - time "nsenter -t PID ROW true" for util-linux, nook and the floor.
#
# Usage: sudo bench/nsenter.sh [ROW...]      (ROW: all all-user net)
#
# Builds nothing: build first (meson setup build --buildtype=release && ninja -C build),
# or point BUILD at another build directory.  Knobs, all optional:
#   BUILD=build   RUNS=1000 (per command and row)   ROUNDS=5   WARMUP=10 (per round)
#
# Each row has a target: a "sleep infinity" that util-linux unshare starts in namespaces
# of its own before the row is timed, and that is killed (by PID) when the row is done
# or the script exits.  As in bench/unshare.sh, each row is timed in ROUNDS rounds of
# RUNS/ROUNDS runs per command, and the order of the three commands is rotated from
# round to round, because the time of one and the same command drifts from one block
# of runs to the next.  bench/unshare-report.py pools the rounds and writes the nsenter
# section of bench/RESULTS.md.
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUNS=${RUNS:-1000}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-10}
# A directory of its own: bench/unshare.sh empties bench/out/ (and so this) when it runs.
OUT=bench/out/nsenter

# All three contenders look "true" up with execvp(); pin $PATH so every one of them
# (and every machine) pays the same lookup.  This is sudo's secure_path on Debian.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# slug|options of "unshare" that make the target|options after "nsenter -t PID"
# (the program, "true", is appended)
ROWS=(
	"all|-fp --mount-proc -miun|-a"
	"all-user|-U -r -fp --mount-proc -miun|-a"
	"net|-n|-n"
)

BENCH=nsenter.sh
UL=/usr/bin/nsenter
UNSHARE=/usr/bin/unshare
NOOK=$BUILD/nook
FLOOR=$BUILD/bench/floor-nsenter
# shellcheck source=bench/lib.sh
. bench/lib.sh
[ -x "$UNSHARE" ] || die "'$UNSHARE' not found"
bench_checks nsenter

# The command line that repeats this run, for the results.
repro="sudo"
[ "$BUILD" = build ] || repro+=" BUILD=$BUILD"
[ "$RUNS" = 1000 ] || repro+=" RUNS=$RUNS"
[ "$ROUNDS" = 5 ] || repro+=" ROUNDS=$ROUNDS"
[ "$WARMUP" = 10 ] || repro+=" WARMUP=$WARMUP"
repro+=" bench/nsenter.sh${*:+ $*}"

select_rows "$@"

rm -rf "$OUT"
mkdir -p "$OUT"

# ---- targets ---------------------------------------------------------------------------
# Every process started here, by PID: killed when a row is done, and at exit whatever
# way the script leaves.
STARTED=()
stop_targets()
{
	local pid
	for pid in "${STARTED[@]}"; do
		kill -KILL "$pid" 2>/dev/null || true
	done
	for pid in "${STARTED[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	STARTED=()
}
trap stop_targets EXIT
trap 'exit 130' INT TERM HUP # and so through the EXIT trap

# Start "unshare OPTS sleep infinity" and set TARGET to the PID of the sleep: unshare
# itself when it does not fork, else its child.  Wait until that process has exec'd
# sleep, which unshare does once the namespaces (and with --mount-proc, /proc) are
# ready; there is no sleeping for a fixed time.
start_target()
{
	local opts=$1 up child comm deadline=$((SECONDS + 10))
	# $opts is split on purpose: it is a list of options.
	# shellcheck disable=SC2086
	"$UNSHARE" $opts sleep infinity </dev/null >/dev/null &
	up=$!
	STARTED+=("$up")
	while [ "$SECONDS" -lt "$deadline" ]; do
		kill -0 "$up" 2>/dev/null || die "'unshare $opts sleep infinity' exited early"
		comm=$(cat "/proc/$up/comm" 2>/dev/null || true)
		if [ "$comm" = sleep ]; then
			TARGET=$up
			return
		fi
		child=$(cat "/proc/$up/task/$up/children" 2>/dev/null || true)
		child=${child%% *}
		if [ -n "$child" ]; then
			comm=$(cat "/proc/$child/comm" 2>/dev/null || true)
			if [ "$comm" = sleep ]; then
				STARTED+=("$child")
				TARGET=$child
				return
			fi
		fi
		sleep 0.005 # not ready yet: look again
	done
	die "'unshare $opts sleep infinity' did not start sleep within 10 seconds"
}

for row in "${ROWS[@]}"; do
	slug=${row%%|*}
	rest=${row#*|}
	topts=${rest%%|*}
	opts=${rest#*|}
	start_target "$topts"
	pid=$TARGET
	TARGET_NS=$(for n in cgroup ipc mnt net pid time user uts; do
		echo "$n $(readlink "/proc/$pid/ns/$n")"
	done)
	write_checks "$slug" "$UL -t $pid $opts" "$NOOK nsenter -t $pid $opts" "$FLOOR $slug $pid"
	# $opts is split by hyperfine on purpose: it is a list of options.
	time_rounds "$slug" "nsenter -t PID $opts true, target: unshare $topts" \
		"$(q "$UL") -t $pid $opts true" "$(q "$NOOK") nsenter -t $pid $opts true" \
		"$(q "$FLOOR") $slug $pid"
	stop_targets
done

{
	machine_record
	echo "command	$repro"
	echo "runs	$RUNS per command and row, in $ROUNDS rounds, $WARMUP warm-up runs per round"
	echo "env	PATH=$PATH LANG=${LANG:-unset}"
	echo "load	$load_start"
	echo "load_end	$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.tsv"

python3 bench/unshare-report.py --tool nsenter "$OUT" bench/RESULTS.md "${ROWS[@]}"
echo "Wrote the nsenter section of bench/RESULTS.md (raw data in $OUT/)"
