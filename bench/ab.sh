#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench/ab.sh - did a change make nook slower?  Times two nook binaries, A
# (before) and B (after), on the rows of bench/unshare.sh, bench/nsenter.sh,
# lsns and link show, in rounds whose order alternates, and prints B/A per
# row as a markdown table.  Comparing two builds in one run on one machine
# takes out what moves between runs of the other benchmarks (load, CPU
# frequency, a quieter machine that makes the floor relatively cheaper).
#
#   sudo bench/ab.sh OLD/nook NEW/nook [RUNS_PER_ROUND] [ROUNDS]
#
# Build both with --buildtype=release.  Needs hyperfine and python3.
set -euo pipefail

A=$(realpath "$1")
B=$(realpath "$2")
RUNS=${3:-300}
ROUNDS=${4:-6}
OUT=$(mktemp -d /tmp/nook-ab.XXXXXX)
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

[ "$(id -u)" -eq 0 ] || { echo "ab.sh: run as root" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "ab.sh: hyperfine not found" >&2; exit 1; }

pids=()
cleanup()
{
	local p
	# SIGKILL: unshare -f ignores SIGTERM while it waits for its child
	for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
	rm -rf "$OUT"
}
trap cleanup EXIT

# target VAR UNSHARE-OPTIONS... - a sleeping process in new namespaces, in VAR: the
# child unshare forked (with -f), else unshare itself, once it has said it is ready.
target()
{
	local var=$1 fifo=$OUT/fifo.$1 pid
	shift
	mkfifo "$fifo"
	unshare "$@" sh -c 'echo ready >"$0"; exec sleep infinity' "$fifo" &
	pids+=($!)
	read -r _ <"$fifo"
	pid=$(pgrep -P $! || true)
	[ -z "$pid" ] || pids+=("$pid")
	printf -v "$var" %s "${pid:-$!}"
}

target TA -fp --mount-proc -miun
target TN -n

ROWS=(
	"unshare -fp --mount-proc true"
	"unshare -n true"
	"unshare -U -r true"
	"unshare -fpmiun true"
	"nsenter -t $TA -a true"
	"nsenter -t $TN -n true"
	"lsns"
	"link show"
)

for ((round = 0; round < ROUNDS; round++)); do
	for ((i = 0; i < ${#ROWS[@]}; i++)); do
		row=${ROWS[i]}
		if ((round % 2)); then first=$B second=$A; else first=$A second=$B; fi
		hyperfine -N --warmup 20 -r "$RUNS" --output=null \
			--export-json "$OUT/r$round-$i.json" \
			-n "$first" "$first $row" -n "$second" "$second $row" >/dev/null 2>&1
	done
done

python3 - "$OUT" "$A" "$B" "$ROUNDS" "${#ROWS[@]}" "${ROWS[@]}" <<'EOF'
import json, math, re, sys
out, a, b, rounds, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
rows = sys.argv[6:]
print("| row | A (ms) | B (ms) | B/A | ± |")
print("|:---|---:|---:|---:|---:|")
for i in range(n):
    ratios, ta, tb = [], [], []
    for r in range(rounds):
        res = {x["command"]: x for x in json.load(open(f"{out}/r{r}-{i}.json"))["results"]}
        ma, mb = res[a]["mean"], res[b]["mean"]
        ta.append(ma); tb.append(mb); ratios.append(mb / ma)
    m = sum(ratios) / len(ratios)
    se = math.sqrt(sum((x - m) ** 2 for x in ratios) / (len(ratios) - 1) / len(ratios)) if len(ratios) > 1 else 0
    row = re.sub(r"-t \d+", "-t PID", rows[i])
    print(f"| `{row}` | {1000*sum(ta)/len(ta):.2f} | {1000*sum(tb)/len(tb):.2f} | {m:.3f} | {se:.3f} |")
EOF
