# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# bench/lib.sh - what bench/unshare.sh, nsenter.sh, lsns.sh and net.sh share: checks before
# a run, row selection, the correctness probe, the rotated hyperfine rounds, the machine
# record.  Source it after setting BENCH (the script's name), BUILD, RUNS, ROUNDS, WARMUP,
# OUT, UL (the tool nook replaces: util-linux's, or iproute2's ip), NOOK and FLOOR.  A
# script may then set NAMES (the contenders, UL's first) and UL_VERSION (the option that
# makes UL print its version, --version by default).

die()
{
	echo "$BENCH: $*" >&2
	exit 1
}

warn()
{
	echo "$BENCH: warning: $*" >&2
}

# bench_checks TOOL - tools, root, binaries, knobs; sets per_round, buildtype, load_start
# (TOOL: nook's command, words split: "lsns", "netns connect")
bench_checks()
{
	local tool=$1 f
	command -v hyperfine >/dev/null || die "hyperfine not found (apt-get install hyperfine)"
	command -v python3 >/dev/null || die "python3 not found"
	[ "$(id -u)" -eq 0 ] || die "run as root: the rows create pid, mount and net namespaces"
	for f in "$UL" "$NOOK" "$FLOOR"; do
		[ -x "$f" ] || die "'$f' not found: build first (see the top of this script)"
	done
	if [ "$ROUNDS" -lt 1 ] || [ "$RUNS" -lt "$ROUNDS" ]; then
		die "need RUNS >= ROUNDS >= 1"
	fi
	per_round=$((RUNS / ROUNDS))

	buildtype=$(python3 -c 'import json,sys
for o in json.load(open(sys.argv[1])):
    if o["name"] == "buildtype": print(o["value"])' "$BUILD/meson-info/intro-buildoptions.json" \
		2>/dev/null || echo unknown)
	[ "$buildtype" = release ] || warn "'$BUILD' is a '$buildtype' build; results are meant for release"
	# shellcheck disable=SC2086 # TOOL may be a command and a subcommand
	if ! "$NOOK" $tool --help 2>/dev/null | grep -q '^Usage:'; then
		warn "'$NOOK $tool --help' prints no usage: is it still a stub?"
	fi

	# Other work on the machine (a build, a test suite) shows up as noise and drift far
	# larger than the differences measured here: say so, and record the load.
	load_start=$(cut -d' ' -f1-3 /proc/loadavg)
	if awk -v l="${load_start%% *}" 'BEGIN { exit !(l > 0.5) }'; then
		warn "load average is $load_start; results will be noisy"
	fi
}

# select_rows [SLUG...] - keep only the named rows of ROWS (all when none is named)
select_rows()
{
	local want row found selected=()
	[ $# -gt 0 ] || return 0
	for want in "$@"; do
		found=
		for row in "${ROWS[@]}"; do
			[ "${row%%|*}" = "$want" ] && selected+=("$row") && found=1
		done
		[ -n "$found" ] || die "unknown row '$want'"
	done
	ROWS=("${selected[@]}")
}

# Correctness before speed: a contender that skips work would look fast.  A probe runs
# in place of "true" and records which of its namespaces differ from ours, and the ids
# inside.  With TARGET_NS set (the target's "TYPE LINK" lines), a namespace that is
# neither ours nor the target's is marked so.  The report flags any row where nook or
# the floor disagrees with util-linux.
# shellcheck disable=SC2016 # expanded by the probe's own shell
PROBE='for n in cgroup ipc mnt net pid time user uts; do echo "$n $(readlink /proc/self/ns/$n)"; done
echo "ids $(id -u):$(id -g)"'
host=$(sh -c "$PROBE")
TARGET_NS=
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
			elif [ -z "$TARGET_NS" ] || grep -qxF -- "$line" <<<"$TARGET_NS"; then
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

NAMES=(util-linux nook floor)

# write_checks SLUG PROBE0 PROBE1 PROBE2 - each contender's probe signature, to OUT/SLUG.check
# (a PROBE is a command line, split on purpose)
write_checks()
{
	local slug=$1 i
	shift
	local probes=("$@")
	for i in 0 1 2; do
		# shellcheck disable=SC2086
		printf '%s\t%s\n' "${NAMES[$i]}" "$(signature ${probes[$i]})"
	done >"$OUT/$slug.check"
}

# time_rounds SLUG TITLE CMD0 CMD1 CMD2 [CMD3...] - ROUNDS rounds of per_round runs of each
# command (named NAMES[0], NAMES[1], ...: util-linux, nook, floor), the order rotated from
# round to round.  HYPERFINE_EXTRA, if set, is more options for hyperfine, a word or an
# array (bench/lsns.sh: -i, keep going past a failed run; bench/net.sh: --prepare ...)
time_rounds()
{
	local slug=$1 title=$2 r j i n args
	shift 2
	local cmds=("$@")
	n=${#cmds[@]}
	echo "== $title  ($ROUNDS rounds x $per_round runs per command)"
	for ((r = 0; r < ROUNDS; r++)); do
		args=()
		for ((j = 0; j < n; j++)); do
			i=$(((j + r) % n))
			args+=(-n "${NAMES[$i]}" "${cmds[$i]}")
		done
		hyperfine -N --style basic --time-unit millisecond \
			--warmup "$WARMUP" --runs "$per_round" \
			--export-json "$OUT/$slug.r$r.json" \
			--export-markdown "$OUT/$slug.r$r.md" ${HYPERFINE_EXTRA+"${HYPERFINE_EXTRA[@]}"} \
			"${args[@]}" 2>&1 | grep -E -i '^Benchmark|Time \(mean|error|non-zero'
	done
}

# machine_record - the machine, versions and knobs, as "key<TAB>value" lines on stdout
machine_record()
{
	echo "kernel	$(uname -srm)"
	echo "cpu	$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
	echo "nproc	$(nproc)"
	echo "date	$(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "${NAMES[0]}	$("$UL" "${UL_VERSION:---version}")"
	echo "nook	$("$NOOK" --version 2>/dev/null || echo '?') ($(git describe --always --dirty 2>/dev/null || echo 'no git'), $buildtype build)"
	echo "hyperfine	$(hyperfine --version)"
	echo "build	$BUILD"
}
