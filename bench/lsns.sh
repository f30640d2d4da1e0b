#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench/lsns.sh - time "lsns ROW" for util-linux, nook and the floor on machines of
# about 100, 1000 and 4000 processes.
#
# Usage: sudo bench/lsns.sh [SIZE[:RUNS:ROUNDS:WARMUP]...]     (default: 100 1000 4000)
#
# Builds nothing: build first (meson setup build --buildtype=release && ninja -C build),
# or point BUILD at another build directory.  SIZE is the number of processes on the
# machine while it is timed; RUNS per command and row (in ROUNDS rounds, WARMUP warm-up
# runs per round) default to 100:5:5 at 100, 30:3:2 at 1000 and 15:3:1 at 4000, and to
# 10:2:1 at any other size.
#
# For each size the script brings the machine to SIZE processes by starting pairs of
#   unshare --pid --uts --net --fork --kill-child sleep 100000
# (the unshare in a new UTS and net namespace, its sleep also in a new PID namespace: two
# processes and three namespaces a pair), checks that nook lists what util-linux lists,
# times the rows, measures peak RSS, and kills the pairs by PID before the next size.
# As in bench/unshare.sh, the order of the three commands rotates from round to round.
# bench/lsns-report.py pools the rounds and writes the lsns section of bench/RESULTS.md.
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
# A directory of its own: bench/unshare.sh empties bench/out/ (and so this) when it runs.
OUT=bench/out/lsns

# lsns runs no other program, but pin $PATH anyway, as the other benchmarks do.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# slug|options after "lsns" (PID: the PID of one of the bench's sleeps)|floor mode
ROWS=(
	"default||all"
	"json|-J|all"
	"net|-t net|net"
	"pid|-p PID|nofd"
)
# size:runs:rounds:warmup
DEFAULT_SIZES=(100:100:5:5 1000:30:3:2 4000:15:3:1)

BENCH=lsns.sh
# util-linux 2.38.1 lsns exits 1, silently, when a process it is reading ends under it;
# on a machine where processes come and go, one run in a few hundred does.  Keep going,
# and let the report count the runs that failed (their times are in the means).
HYPERFINE_EXTRA=-i
UL=/usr/bin/lsns
UNSHARE=/usr/bin/unshare
NOOK=$BUILD/nook
FLOOR=$BUILD/bench/floor-lsns
TIME=/usr/bin/time
RSS_RUNS=3

# The command line that repeats this run, for the results.
repro="sudo"
[ "${BUILD:-build}" = build ] || repro+=" BUILD=$BUILD"
repro+=" bench/lsns.sh${*:+ $*}"

# The sizes: SIZE or SIZE:RUNS:ROUNDS:WARMUP, defaults as above.
[ $# -gt 0 ] || set -- "${DEFAULT_SIZES[@]%%:*}"
SIZES=()
for arg in "$@"; do
	case $arg in
	*:*:*:*) spec=$arg ;;
	*)
		spec=$arg:10:2:1
		for d in "${DEFAULT_SIZES[@]}"; do
			[ "${d%%:*}" = "$arg" ] && spec=$d
		done
		;;
	esac
	IFS=: read -r _ RUNS ROUNDS WARMUP <<<"$spec"
	if [[ ! $spec =~ ^[1-9][0-9]*:[1-9][0-9]*:[1-9][0-9]*:[0-9]+$ ]] || [ "$RUNS" -lt "$ROUNDS" ]; then
		echo "$BENCH: bad size '$arg' (SIZE or SIZE:RUNS:ROUNDS:WARMUP, RUNS >= ROUNDS)" >&2
		exit 1
	fi
	SIZES+=("$spec")
done

# shellcheck source=bench/lib.sh
. bench/lib.sh
[ -x "$UNSHARE" ] || die "'$UNSHARE' not found"
[ -x "$TIME" ] || die "'$TIME' not found (apt-get install time)"
bench_checks lsns # RUNS, ROUNDS and WARMUP are set per size below

rm -rf "$OUT"
mkdir -p "$OUT"

# ---- machine states ----------------------------------------------------------------
count_procs()
{
	local d n=0
	for d in /proc/[0-9]*; do
		n=$((n + 1))
	done
	echo "$n"
}

# Network namespaces that exist, live or waiting for teardown; empty if not readable.
count_netns()
{
	awk '$1 == "net_namespace" { print $2 }' /proc/slabinfo 2>/dev/null || true
}

# The unshares started here (children of this script, so their PIDs stay theirs until
# they are waited for) and their sleeps.
UNSHARES=()
SLEEPS=()
stop_state()
{
	local pid cmd left deadline=$((SECONDS + 60))
	[ ${#UNSHARES[@]} -gt 0 ] || return 0
	echo "-- stopping ${#UNSHARES[@]} pairs"
	# SIGKILL: util-linux 2.38 unshare does not end on SIGTERM while it waits for its
	# child.  --kill-child makes the kernel kill the sleep when its unshare dies.
	kill -KILL "${UNSHARES[@]}" 2>/dev/null || true
	for pid in "${UNSHARES[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	UNSHARES=()
	# The sleeps are not ours to wait for: watch them go, and kill by PID any one that
	# is still there (and still our "sleep 100000", not a new process with its PID).
	while :; do
		left=()
		for pid in "${SLEEPS[@]}"; do
			[ -e "/proc/$pid" ] || continue
			cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" || true)
			[ "$cmd" = "sleep 100000 " ] || continue
			left+=("$pid")
		done
		[ ${#left[@]} -gt 0 ] || break
		if [ "$SECONDS" -ge "$deadline" ]; then
			warn "${#left[@]} sleeps still there after 60 seconds"
			break
		fi
		kill -KILL "${left[@]}" 2>/dev/null || true
		sleep 0.1
	done
	SLEEPS=()
}
trap stop_state EXIT
trap 'exit 130' INT TERM HUP # and so through the EXIT trap

# build_state SIZE - start pairs until the machine has about SIZE processes; sets PAIRS,
# PROCS (processes once all are up) and BUILD_S (seconds it took)
build_state()
{
	local size=$1 i pid child comm pending next t0=$SECONDS deadline
	PAIRS=$(((size - $(count_procs)) / 2))
	[ "$PAIRS" -ge 1 ] || PAIRS=1 # the -p row needs a sleep of ours
	echo "-- starting $PAIRS pairs"
	for ((i = 0; i < PAIRS; i++)); do
		"$UNSHARE" --pid --uts --net --fork --kill-child sleep 100000 </dev/null >/dev/null 2>&1 &
		UNSHARES+=("$!")
	done
	# Up once each unshare's child has exec'd sleep: its namespaces are all made.
	deadline=$((SECONDS + 120))
	pending=("${UNSHARES[@]}")
	while [ ${#pending[@]} -gt 0 ]; do
		next=()
		for pid in "${pending[@]}"; do
			child='' comm=''
			read -r child _ <"/proc/$pid/task/$pid/children" 2>/dev/null || true
			[ -z "$child" ] || read -r comm <"/proc/$child/comm" 2>/dev/null || true
			if [ "$comm" = sleep ]; then
				SLEEPS+=("$child")
			else
				kill -0 "$pid" 2>/dev/null || die "an 'unshare ... sleep 100000' (PID $pid) exited early"
				next+=("$pid")
			fi
		done
		pending=("${next[@]}")
		if [ ${#pending[@]} -gt 0 ]; then
			[ "$SECONDS" -lt "$deadline" ] || die "${#pending[@]} pairs not up after 120 seconds"
			sleep 0.1
		fi
	done
	BUILD_S=$((SECONDS - t0))
	PROCS=$(count_procs)
}

# wait_netns - after stop_state: wait until the network namespaces of the pairs are gone.
# The kernel tears a network namespace down in a worker (cleanup_net) after its last
# process has exited, in batches, seconds later; the next size must not be timed while
# that work competes for the CPUs.  Sets TEARDOWN_S.
wait_netns()
{
	local n t0=$SECONDS deadline=$((SECONDS + 180))
	TEARDOWN_S=
	[ -n "$NETNS_BASE" ] || {
		sleep 10
		return
	}
	while n=$(count_netns) && [ "$n" -gt $((NETNS_BASE + 8)) ]; do
		if [ "$SECONDS" -ge "$deadline" ]; then
			warn "$((n - NETNS_BASE)) more network namespaces than at the start, after 180 seconds"
			return
		fi
		sleep 0.5
	done
	TEARDOWN_S=$((SECONDS - t0))
}
NETNS_BASE=$(count_netns)

# cpu_busy SECONDS - percentage of CPU time not idle over SECONDS, machine-wide
cpu_busy()
{
	local a b
	a=$(head -n1 /proc/stat)
	sleep "$1"
	b=$(head -n1 /proc/stat)
	awk -v a="$a" -v b="$b" 'BEGIN {
		n = split(a, x); split(b, y); total = 0
		for (i = 2; i <= 9 && i <= n; i++) total += y[i] - x[i] # to steal: guest is in user
		idle = (y[5] - x[5]) + (y[6] - x[6])
		printf "%d\n", (total > 0 ? 100 * (total - idle) / total + 0.5 : 0) }'
}

# wait_quiet - before timing a size: let the work of starting the pairs settle, and wait
# for other work on the machine (a build, a test suite), which moves the times at 4000
# processes by up to a factor of 2, to end.  Quiet is less than 10% busy over 2 seconds,
# plus 5% per 1000 processes: a machine with thousands of processes is busy on its own
# (on the reference VM, PID 1, an agent that scans /proc, and kdamond, the memory
# monitor, take about 16% of the CPU time at 4000 processes).  At most 5 minutes.
# Sets BUSY (the last measurement, %).
wait_quiet()
{
	local max=$((10 + PROCS / 200)) deadline=$((SECONDS + 300))
	while BUSY=$(cpu_busy 2) && [ "$BUSY" -ge "$max" ]; do
		if [ "$SECONDS" -ge "$deadline" ]; then
			warn "the machine is still ${BUSY}% busy after 5 minutes; timing anyway"
			return
		fi
	done
}

# ---- checks --------------------------------------------------------------------------
# listing CMD... - the PID the command runs as, then its output
listing()
{
	# shellcheck disable=SC2016 # expanded by that shell
	sh -c 'echo "$$"; exec "$@"' sh "$@"
}

# check_row SIZE SLUG OPTIONS... - nook's output must be util-linux's, apart from the
# rows of the listing processes themselves and the namespaces no process is in (which
# util-linux lists since 2.40/2.41, and 2.38.1 does not).  Processes of the rest of the
# machine come and go between the two listings: try a few times before failing.
check_row()
{
	local size=$1 slug=$2 try
	shift 2
	for try in 1 2 3 4 5; do
		# A failed listing (util-linux's, when a process ends under it) is a failed try.
		if listing "$UL" "$@" >"$OUT/$size-$slug.ul.out" &&
			listing "$NOOK" lsns "$@" >"$OUT/$size-$slug.nook.out" &&
			python3 bench/lsns-report.py compare "$OUT/$size-$slug.ul.out" \
				"$OUT/$size-$slug.nook.out" >"$OUT/$size-$slug.check" 2>"$OUT/$size-$slug.diff"; then
			[ "$try" -eq 1 ] || echo "(after $try tries)" >>"$OUT/$size-$slug.check"
			return 0
		fi
		sleep 1
	done
	cat "$OUT/$size-$slug.diff" >&2
	die "size $size, 'lsns $*': nook's output differs from util-linux's, or a listing failed (5 tries; last diff above)"
}

# rss SIZE SLUG CMD... - peak RSS (KiB) of RSS_RUNS runs, one line "KB KB KB"
rss()
{
	local i out=()
	for ((i = 0; i < RSS_RUNS; i++)); do
		"$TIME" -f %M -o "$OUT/rss.tmp" "$@" >/dev/null || true # its peak RSS all the same
		out+=("$(tail -n1 "$OUT/rss.tmp")")
	done
	rm -f "$OUT/rss.tmp"
	echo "${out[*]}"
}

# ---- the sizes ---------------------------------------------------------------------
for spec in "${SIZES[@]}"; do
	IFS=: read -r size RUNS ROUNDS WARMUP <<<"$spec"
	per_round=$((RUNS / ROUNDS))
	echo "=== about $size processes"
	build_state "$size"
	pid=${SLEEPS[0]}
	nsids=$(ip netns list-id 2>/dev/null | grep -c '^nsid' || true)
	for _ in 1 2 3; do # util-linux's count; it fails now and then (see HYPERFINE_EXTRA)
		namespaces=$("$UL" -n -o NS | wc -l) && break
	done
	wait_quiet
	echo "-- $PROCS processes, $namespaces namespaces (util-linux's count), -p PID: $pid;" \
		"machine ${BUSY}% busy before timing"

	for row in "${ROWS[@]}"; do
		slug=${row%%|*}
		rest=${row#*|}
		opts=${rest%%|*}
		opts=${opts//PID/$pid}
		# $opts is split on purpose: it is a list of options.
		# shellcheck disable=SC2086
		check_row "$size" "$slug" $opts
	done
	for row in "${ROWS[@]}"; do
		slug=${row%%|*}
		rest=${row#*|}
		opts=${rest%%|*}
		mode=${rest#*|}
		opts=${opts//PID/$pid}
		# shellcheck disable=SC2086
		{
			printf 'util-linux\t%s\n' "$(rss "$UL" $opts)"
			printf 'nook\t%s\n' "$(rss "$NOOK" lsns $opts)"
			printf 'floor\t%s\n' "$(rss "$FLOOR" "$mode")"
		} >"$OUT/$size-$slug.rss"
		time_rounds "$size-$slug" "lsns $opts, $PROCS processes" \
			"$(q "$UL")${opts:+ $opts}" "$(q "$NOOK") lsns${opts:+ $opts}" "$(q "$FLOOR") $mode"
	done

	busy_after=$(cpu_busy 2) # with the pairs still there: is anything else running?
	stop_state
	wait_netns
	{
		echo "size	$size"
		echo "procs	$PROCS"
		echo "pairs	$PAIRS"
		echo "namespaces	$namespaces"
		echo "pid	$pid"
		echo "nsids	$nsids"
		echo "build_s	$BUILD_S"
		echo "teardown_s	${TEARDOWN_S:-unknown}"
		echo "busy	$BUSY"
		echo "busy_after	$busy_after"
		echo "runs	$RUNS per command and row, in $ROUNDS rounds, $WARMUP warm-up runs per round"
	} >"$OUT/$size.state"
	echo "-- network namespaces gone ${TEARDOWN_S:-?} s after the kill"
done

{
	machine_record
	echo "command	$repro"
	echo "env	PATH=$PATH LANG=${LANG:-unset}"
	echo "load	$load_start"
	echo "load_end	$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/machine.tsv"

python3 bench/lsns-report.py report "$OUT" bench/RESULTS.md "${SIZES[@]%%:*}"
echo "Wrote the lsns section of bench/RESULTS.md (raw data in $OUT/)"
