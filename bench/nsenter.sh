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

die()
{
	echo "nsenter.sh: $*" >&2
	exit 1
}

command -v hyperfine >/dev/null || die "hyperfine not found (apt-get install hyperfine)"
command -v python3 >/dev/null || die "python3 not found"
[ "$(id -u)" -eq 0 ] || die "run as root: the targets live in pid, mount and net namespaces"
UL=/usr/bin/nsenter
UNSHARE=/usr/bin/unshare
NOOK=$BUILD/nook
FLOOR=$BUILD/bench/floor-nsenter
for f in "$UL" "$UNSHARE" "$NOOK" "$FLOOR"; do
	[ -x "$f" ] || die "'$f' not found: build first (see the top of this script)"
done
if [ "$ROUNDS" -lt 1 ] || [ "$RUNS" -lt "$ROUNDS" ]; then
	die "need RUNS >= ROUNDS >= 1"
fi
per_round=$((RUNS / ROUNDS))

# The command line that repeats this run, for the results.
repro="sudo"
[ "$BUILD" = build ] || repro+=" BUILD=$BUILD"
[ "$RUNS" = 1000 ] || repro+=" RUNS=$RUNS"
[ "$ROUNDS" = 5 ] || repro+=" ROUNDS=$ROUNDS"
[ "$WARMUP" = 10 ] || repro+=" WARMUP=$WARMUP"
repro+=" bench/nsenter.sh${*:+ $*}"

if [ $# -gt 0 ]; then
	selected=()
	for want in "$@"; do
		found=
		for row in "${ROWS[@]}"; do
			[ "${row%%|*}" = "$want" ] && selected+=("$row") && found=1
		done
		[ -n "$found" ] || die "unknown row '$want'"
	done
	ROWS=("${selected[@]}")
fi

buildtype=$(python3 -c 'import json,sys
for o in json.load(open(sys.argv[1])):
    if o["name"] == "buildtype": print(o["value"])' "$BUILD/meson-info/intro-buildoptions.json" \
	2>/dev/null || echo unknown)
[ "$buildtype" = release ] ||
	echo "nsenter.sh: warning: '$BUILD' is a '$buildtype' build; results are meant for release" >&2
if ! "$NOOK" nsenter --help 2>/dev/null | grep -q '^Usage:'; then
	echo "nsenter.sh: warning: '$NOOK nsenter --help' prints no usage: is it still a stub?" >&2
fi

# Other work on the machine (a build, a test suite) shows up as noise and drift far
# larger than the differences measured here: say so, and record the load.
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v l="${load_start%% *}" 'BEGIN { exit !(l > 0.5) }'; then
	echo "nsenter.sh: warning: load average is $load_start; results will be noisy" >&2
fi

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

# Correctness before speed: a contender that skips work would look fast.  Run a probe
# in place of "true" and record which of its namespaces differ from ours (and whether
# they are the target's), and the ids inside.  The report flags any row where nook or
# the floor disagrees with util-linux.
# shellcheck disable=SC2016 # expanded by the probe's own shell
PROBE='for n in cgroup ipc mnt net pid time user uts; do echo "$n $(readlink /proc/self/ns/$n)"; done
echo "ids $(id -u):$(id -g)"'
host=$(sh -c "$PROBE")
signature()
{
	local out line changed=()
	out=$("$@" sh -c "$PROBE") || { echo "FAILED(exit $?)"; return; }
	while read -r line; do
		case $line in
		ids\ *) changed+=("${line#ids }") ;;
		*)
			if grep -qxF -- "$line" <<<"$host"; then
				:
			elif grep -qxF -- "$line" <<<"$target_ns"; then
				changed+=("${line%% *}")
			else
				changed+=("${line%% *}(not-the-target's)")
			fi
			;;
		esac
	done <<<"$out"
	echo "${changed[*]}"
}

# Quote for hyperfine -N, which splits its command line like a POSIX shell.
q()
{
	printf '%q' "$1"
}

for row in "${ROWS[@]}"; do
	slug=${row%%|*}
	rest=${row#*|}
	topts=${rest%%|*}
	opts=${rest#*|}
	start_target "$topts"
	pid=$TARGET
	target_ns=$(for n in cgroup ipc mnt net pid time user uts; do
		echo "$n $(readlink "/proc/$pid/ns/$n")"
	done)
	names=(util-linux nook floor)
	# $opts is split on purpose: it is a list of options.
	# shellcheck disable=SC2206
	cmds=("$(q "$UL") -t $pid $opts true" "$(q "$NOOK") nsenter -t $pid $opts true"
		"$(q "$FLOOR") $slug $pid")
	# shellcheck disable=SC2206
	probes=("$UL -t $pid $opts" "$NOOK nsenter -t $pid $opts" "$FLOOR $slug $pid")
	{
		for i in 0 1 2; do
			# shellcheck disable=SC2086
			printf '%s\t%s\n' "${names[$i]}" "$(signature ${probes[$i]})"
		done
	} >"$OUT/$slug.check"

	echo "== nsenter -t PID $opts true, target: unshare $topts  ($ROUNDS rounds x $per_round runs per command)"
	for ((r = 0; r < ROUNDS; r++)); do
		args=()
		for j in 0 1 2; do
			i=$(((j + r) % 3))
			args+=(-n "${names[$i]}" "${cmds[$i]}")
		done
		hyperfine -N --style basic --time-unit millisecond \
			--warmup "$WARMUP" --runs "$per_round" \
			--export-json "$OUT/$slug.r$r.json" \
			--export-markdown "$OUT/$slug.r$r.md" \
			"${args[@]}" 2>&1 | grep -E -i '^Benchmark|Time \(mean|error'
	done
	stop_targets
done

{
	echo "kernel	$(uname -srm)"
	echo "cpu	$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
	echo "nproc	$(nproc)"
	echo "date	$(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "util-linux	$("$UL" --version)"
	echo "nook	$("$NOOK" --version 2>/dev/null || echo '?') ($(git describe --always --dirty 2>/dev/null || echo 'no git'), $buildtype build)"
	echo "hyperfine	$(hyperfine --version)"
	echo "build	$BUILD"
	echo "command	$repro"
	echo "runs	$RUNS per command and row, in $ROUNDS rounds, $WARMUP warm-up runs per round"
	echo "env	PATH=$PATH LANG=${LANG:-unset}"
	echo "load	$load_start"
	echo "load_end	$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.tsv"

python3 bench/unshare-report.py --tool nsenter "$OUT" bench/RESULTS.md "${ROWS[@]}"
echo "Wrote the nsenter section of bench/RESULTS.md (raw data in $OUT/)"
