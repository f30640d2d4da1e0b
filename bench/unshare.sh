#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench/unshare.sh - time "unshare ROW true" for util-linux, nook and the floor.
#
# Usage: sudo bench/unshare.sh [ROW...]      (ROW: fp-mount-proc net user-root fpmiun)
#
# Builds nothing: build first (meson setup build --buildtype=release && ninja -C build),
# or point BUILD at another build directory.  Knobs, all optional:
#   BUILD=build   RUNS=1000 (per command and row)   ROUNDS=5   WARMUP=10 (per round)
#
# Each row is timed in ROUNDS rounds of RUNS/ROUNDS runs per command, and the order of
# the three commands is rotated from round to round.  On this kind of machine the time
# of one and the same command drifts by up to ~10% from one block of runs to the next
# (namespace teardown runs asynchronously in kernel workers), so timing each command in
# one block would give whichever went first an edge as large as the difference we are
# looking for.  bench/unshare-report.py pools the rounds and writes bench/RESULTS.md.
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUNS=${RUNS:-1000}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-10}
OUT=bench/out

# All three contenders look "true" up with execvp(); pin $PATH so every one of them
# (and every machine) pays the same lookup.  This is sudo's secure_path on Debian.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# slug|options after "unshare" (the program, "true", is appended)
ROWS=(
	"fp-mount-proc|-fp --mount-proc"
	"net|-n"
	"user-root|-U -r"
	"fpmiun|-fpmiun"
)

die()
{
	echo "unshare.sh: $*" >&2
	exit 1
}

command -v hyperfine >/dev/null || die "hyperfine not found (apt-get install hyperfine)"
command -v python3 >/dev/null || die "python3 not found"
[ "$(id -u)" -eq 0 ] || die "run as root: the rows create pid, mount and net namespaces"
UL=/usr/bin/unshare
NOOK=$BUILD/nook
FLOOR=$BUILD/bench/floor-unshare
for f in "$UL" "$NOOK" "$FLOOR"; do
	[ -x "$f" ] || die "'$f' not found: build first (see the top of this script)"
done
if [ "$ROUNDS" -lt 1 ] || [ "$RUNS" -lt "$ROUNDS" ]; then
	die "need RUNS >= ROUNDS >= 1"
fi
per_round=$((RUNS / ROUNDS))

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
	echo "unshare.sh: warning: '$BUILD' is a '$buildtype' build; results are meant for release" >&2
if ! "$NOOK" unshare --help 2>/dev/null | grep -q '^Usage:'; then
	echo "unshare.sh: warning: '$NOOK unshare --help' prints no usage: is it still a stub?" >&2
fi

# Other work on the machine (a build, a test suite) shows up as noise and drift far
# larger than the differences measured here: say so, and record the load.
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v l="${load_start%% *}" 'BEGIN { exit !(l > 0.5) }'; then
	echo "unshare.sh: warning: load average is $load_start; results will be noisy" >&2
fi

rm -rf "$OUT"
mkdir -p "$OUT"

# Correctness before speed: a contender that skips work would look fast.  Run a probe
# in place of "true" and record which namespaces differ from ours and the ids inside.
# The report flags any row where nook or the floor disagrees with util-linux.
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
		*) grep -qxF -- "$line" <<<"$host" || changed+=("${line%% *}") ;;
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
	opts=${row#*|}
	names=(util-linux nook floor)
	# $opts is split on purpose: it is a list of options.
	# shellcheck disable=SC2206
	cmds=("$(q "$UL") $opts true" "$(q "$NOOK") unshare $opts true" "$(q "$FLOOR") $slug")
	# shellcheck disable=SC2206
	probes=("$UL $opts" "$NOOK unshare $opts" "$FLOOR $slug")
	{
		for i in 0 1 2; do
			# shellcheck disable=SC2086
			printf '%s\t%s\n' "${names[$i]}" "$(signature ${probes[$i]})"
		done
	} >"$OUT/$slug.check"

	echo "== unshare $opts true  ($ROUNDS rounds x $per_round runs per command)"
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
	echo "runs	$RUNS per command and row, in $ROUNDS rounds, $WARMUP warm-up runs per round"
	echo "env	PATH=$PATH LANG=${LANG:-unset}"
	echo "load	$load_start"
} >"$OUT/machine.tsv"

python3 bench/unshare-report.py "$OUT" bench/RESULTS.md "${ROWS[@]}"
echo "Wrote bench/RESULTS.md (raw data in $OUT/)"
