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

BENCH=unshare.sh
UL=/usr/bin/unshare
NOOK=$BUILD/nook
FLOOR=$BUILD/bench/floor-unshare
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_checks unshare
select_rows "$@"

rm -rf "$OUT"
mkdir -p "$OUT"

for row in "${ROWS[@]}"; do
	slug=${row%%|*}
	opts=${row#*|}
	write_checks "$slug" "$UL $opts" "$NOOK unshare $opts" "$FLOOR $slug"
	# $opts is split by hyperfine on purpose: it is a list of options.
	time_rounds "$slug" "unshare $opts true" "$(q "$UL") $opts true" \
		"$(q "$NOOK") unshare $opts true" "$(q "$FLOOR") $slug"
done

{
	machine_record
	echo "runs	$RUNS per command and row, in $ROUNDS rounds, $WARMUP warm-up runs per round"
	echo "env	PATH=$PATH LANG=${LANG:-unset}"
	echo "load	$load_start"
} >"$OUT/machine.tsv"

python3 bench/unshare-report.py "$OUT" bench/RESULTS.md "${ROWS[@]}"
echo "Wrote bench/RESULTS.md (raw data in $OUT/)"
