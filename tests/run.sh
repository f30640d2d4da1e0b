#!/bin/bash
# Runs every test and prints one summary line that CI reads:
#   N passed, N failed, N skipped
# Each test file speaks TAP. Unit tests run from the plain and the sanitized
# build, as root and as an ordinary user under a root parent (the
# integration tests' nook-test user, tests/helpers/as-user); integration
# tests run against both binaries too, so that AddressSanitizer and UBSan
# watch the real namespace paths.
#
# Where a test runs matters as much as what it runs: a machine that has just
# booted has low PIDs and few processes.  --fresh-pid=WHICH runs each test
# of WHICH in a PID namespace of its own (tests/helpers/fresh-pid: PIDs from
# 1, PID 1 a plain sh), so that every run shows the suite holds there too:
#   asan  the sanitized build's tests (the default, ./dev test): each run
#         proves both places without running anything twice
#   all   every test (./dev test-fresh)
#   none  none
#
# A skipped test counts as skipped, with its reason printed: an "ok # SKIP"
# line, a script skipped whole ("1..0 # SKIP why") and a unit test program
# whose every test skipped (exit status 77, meson's skip).  Lines "# retry"
# (a test that tried again because the kernel's state moved) are printed too.
set -uo pipefail
cd "$(dirname "$0")/.."

fresh=asan
for a in "$@"; do
	case $a in
	--fresh-pid=none | --fresh-pid=asan | --fresh-pid=all) fresh=${a#--fresh-pid=} ;;
	*)
		echo "usage: tests/run.sh [--fresh-pid=none|asan|all]" >&2
		exit 2
		;;
	esac
done

# Only what the packages of scripts/install-deps.sh put on a fresh machine:
# no tool installed by hand (/usr/local, pyenv, ~/.cargo) may stand in.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

logs=build/test-logs
mkdir -p "$logs"
passed=0 failed=0 skipped=0 files_failed=()

# in_fresh_pid BUILD - whether BUILD's tests run in a fresh PID namespace
in_fresh_pid()
{
	[ "$fresh" = all ] || { [ "$fresh" = asan ] && [ "$1" = build-asan ]; }
}

# run_tap NAME [--fresh-pid] CMD...: run one TAP producer (10 minutes at
# most), count its results.
run_tap()
{
	local name=$1 wrap=() log rc
	shift
	if [ "$1" = --fresh-pid ]; then
		wrap=(tests/helpers/fresh-pid)
		shift
	fi
	log="$logs/$(echo "$name" | tr '/ ' '__').log"
	"${wrap[@]}" timeout --kill-after=10 600 "$@" >"$log" 2>&1
	rc=$?
	local ok notok skip plan why=
	ok=$(grep -cE '^ok [0-9]+' "$log")
	skip=$(grep -cE '^ok [0-9]+.*# (SKIP|skip)' "$log")
	notok=$(grep -cE '^not ok [0-9]+' "$log")
	plan=$(sed -n 's/^1\.\.\([0-9]\+\).*/\1/p' "$log" | head -1)
	ok=$((ok - skip))
	# Skipped whole: a plan of 0 tests, or exit status 77 with every test
	# skipped (or none run).  One skip, with its reason.
	if [ "$notok" -eq 0 ] && [ "$ok" -eq 0 ] && { [ "$plan" = 0 ] || [ "$rc" -eq 77 ]; } &&
		{ [ "$rc" -eq 0 ] || [ "$rc" -eq 77 ]; }; then
		why=$(sed -n 's/^1\.\.0 *# *[Ss][Kk][Ii][Pp] *//p' "$log" | head -1)
		[ "$skip" -gt 0 ] && why=$(sed -n 's/^ok [0-9]\+.*# *[Ss][Kk][Ii][Pp] *//p' "$log" | sort -u | paste -sd';')
		[ -n "$why" ] || why="exit status $rc, no reason given"
		[ "$skip" -gt 0 ] || skip=1
		rc=0
	fi
	# A crash, a timeout or a short plan is a failure of its own.
	if [ "$rc" -ne 0 ] && [ "$notok" -eq 0 ]; then
		notok=1
		echo "not ok - $name exited with status $rc" >>"$log"
	elif [ -n "$plan" ] && [ $((ok + skip + notok)) -ne "$plan" ] && [ -z "$why" ]; then
		notok=$((notok + 1))
		echo "not ok - $name planned $plan tests, ran $((ok + skip + notok - 1))" >>"$log"
	elif [ -z "$plan" ] && [ -z "$why" ]; then
		notok=$((notok + 1))
		echo "not ok - $name printed no plan" >>"$log"
	fi
	passed=$((passed + ok)) failed=$((failed + notok)) skipped=$((skipped + skip))
	if [ "$notok" -ne 0 ]; then
		printf 'FAIL %-45s %3d ok, %d failed (log: %s)\n' "$name" "$ok" "$notok" "$log"
		grep -E '^not ok|^#' "$log" | head -40 | sed 's/^/     /'
		files_failed+=("$name")
	elif [ -n "$why" ]; then
		printf 'SKIP %-45s %3d ok, %d skipped: %s\n' "$name" "$ok" "$skip" "$why"
	else
		printf 'PASS %-45s %3d ok, %d skipped\n' "$name" "$ok" "$skip"
		# what was skipped and why, and every retry
		grep -E '^ok [0-9]+.*# (SKIP|skip)|^# retry' "$log" | sed 's/^/     /'
	fi
}

# section TEXT - a heading between the groups of results
section()
{
	printf '\n== %s\n' "$1"
}

builds=()
for b in build build-asan; do
	[ -d "$b/tests" ] || [ -x "$b/nook" ] && builds+=("$b")
done

for as in root user; do
	if [ "$as" = root ]; then
		section "unit tests"
	else
		section "unit tests as an ordinary user under a root parent (tests/helpers/as-user)"
	fi
	for b in "${builds[@]}"; do
		in_fresh_pid "$b" && echo "   ($b: each in a fresh PID namespace)"
		for t in "$b"/tests/test-*; do
			[ -x "$t" ] && [ -f "$t" ] || continue
			w=()
			in_fresh_pid "$b" && w=(--fresh-pid)
			if [ "$as" = root ]; then
				run_tap "$b/unit/$(basename "$t")" "${w[@]}" "$t"
			else
				run_tap "$b/unit-as-user/$(basename "$t")" "${w[@]}" tests/helpers/as-user "$t"
			fi
		done
	done
done

# LeakSanitizer cannot stop the world in a process that unshared a PID
# namespace (the kernel refuses CLONE_VM there), so the sanitized integration
# run checks memory errors and undefined behaviour, and the unit tests leaks.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for b in "${builds[@]}"; do
	[ -x "$b/nook" ] || continue
	w=()
	if in_fresh_pid "$b"; then
		section "integration tests, $b, each in a fresh PID namespace (PIDs from 1, PID 1 is sh)"
		w=(--fresh-pid)
	else
		section "integration tests, $b"
	fi
	for t in tests/integration/*.sh; do
		case $(basename "$t") in lib.sh | *-lib.sh) continue ;; esac
		ASAN_OPTIONS=detect_leaks=0 NOOK="$PWD/$b/nook" \
			run_tap "$b/integration/$(basename "$t" .sh)" "${w[@]}" bash "$t"
	done
done

section "style"
run_tap style tests/style.sh

echo
[ ${#files_failed[@]} -eq 0 ] || echo "failed: ${files_failed[*]}"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
