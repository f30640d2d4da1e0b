#!/bin/bash
# Runs every test and prints one summary line that CI reads:
#   N passed, N failed, N skipped
# Each test file speaks TAP. Unit tests run from the plain and the sanitized
# build; integration tests run against both binaries too, so that
# AddressSanitizer and UBSan watch the real namespace paths.
set -uo pipefail
cd "$(dirname "$0")/.."

logs=build/test-logs
mkdir -p "$logs"
passed=0 failed=0 skipped=0 files_failed=()

# run_tap NAME CMD...: run one TAP producer, count its results.
run_tap() {
	local name=$1 log
	shift
	log="$logs/$(echo "$name" | tr '/ ' '__').log"
	timeout --kill-after=10 600 "$@" >"$log" 2>&1
	local rc=$?
	local ok notok skip plan
	ok=$(grep -cE '^ok [0-9]+' "$log")
	skip=$(grep -cE '^ok [0-9]+.*# (SKIP|skip)' "$log")
	notok=$(grep -cE '^not ok [0-9]+' "$log")
	plan=$(sed -n 's/^1\.\.\([0-9]\+\).*/\1/p' "$log" | head -1)
	ok=$((ok - skip))
	# A crash, a timeout or a short plan is a failure of its own.
	if [ "$rc" -ne 0 ] && [ "$notok" -eq 0 ]; then
		notok=1
		echo "not ok - $name exited with status $rc" >>"$log"
	elif [ -n "$plan" ] && [ $((ok + skip + notok)) -ne "$plan" ]; then
		notok=$((notok + 1))
		echo "not ok - $name planned $plan tests, ran $((ok + skip + notok - 1))" >>"$log"
	fi
	passed=$((passed + ok)) failed=$((failed + notok)) skipped=$((skipped + skip))
	if [ "$notok" -eq 0 ]; then
		printf 'PASS %-45s %3d ok, %d skipped\n' "$name" "$ok" "$skip"
	else
		printf 'FAIL %-45s %3d ok, %d failed (log: %s)\n' "$name" "$ok" "$notok" "$log"
		grep -E '^not ok|^#' "$log" | head -40 | sed 's/^/     /'
		files_failed+=("$name")
	fi
}

for b in build build-asan; do
	[ -d "$b/tests" ] || continue
	for t in "$b"/tests/test-*; do
		[ -x "$t" ] && [ -f "$t" ] || continue
		run_tap "$b/unit/$(basename "$t")" "$t"
	done
done

# LeakSanitizer cannot stop the world in a process that unshared a PID
# namespace (the kernel refuses CLONE_VM there), so the sanitized integration
# run checks memory errors and undefined behaviour, and the unit tests leaks.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for b in build build-asan; do
	[ -x "$b/nook" ] || continue
	for t in tests/integration/*.sh; do
		case $(basename "$t") in lib.sh | *-lib.sh) continue ;; esac
		ASAN_OPTIONS=detect_leaks=0 NOOK="$PWD/$b/nook" \
			run_tap "$b/integration/$(basename "$t" .sh)" bash "$t"
	done
done

run_tap style tests/style.sh

echo
[ ${#files_failed[@]} -eq 0 ] || echo "failed: ${files_failed[*]}"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
