# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# lib.sh - a small TAP library for nook's integration tests (sourced, bash).
#
# Each script prints "ok N - ..." / "not ok N - ..." lines and a trailing plan
# from done_testing, so that a script that dies half-way is reported as such
# by prove (no plan) instead of passing.  Failure details go to stderr as "#"
# lines, which prove shows even without -v.
#
# Everything a test creates (temporary files, mounts, background processes,
# the nook-test user) is registered on a cleanup stack that the EXIT trap
# unwinds, so a failing or interrupted test leaves nothing behind.
#
# Environment:
#   NOOK          the nook binary (default: build/nook of this tree)
#   NOOK_UNSHARE  the multi-call link (default: "unshare" next to $NOOK)
#   UL_UNSHARE    util-linux's unshare, the peer we compare with (/usr/bin/unshare)

set -u

TOPDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NOOK=${NOOK:-$TOPDIR/build/nook}
NOOK=$(realpath -s "$NOOK")
NOOK_UNSHARE=${NOOK_UNSHARE:-$(dirname "$NOOK")/unshare}
UL_UNSHARE=${UL_UNSHARE:-/usr/bin/unshare}
export LC_ALL=C

# ID: this run's mark in the names it makes (namespaces, devices, files,
# process names).  Random, not $$: PIDs repeat in every fresh PID namespace
# and after a reboot, and a name left behind by a run that was killed must
# not get in the way of the next.  Always 5 characters: device names made
# of it must fit in 15 (IFNAMSIZ), whatever the PIDs look like.
# shellcheck disable=SC2034 # used by the scripts
ID=$(tr -dc 'a-z0-9' </dev/urandom | head -c 5)

TEST_USER=nook-test
SUBID_START=200000
SUBID_COUNT=65536

_ntest=0
_nfail=0
_cleanups=()
_test_user_lock=/run/nook-test-user.lock
_test_user_refs=/run/nook-test-user.d

# ---------------------------------------------------------------- cleanup stack

# push_cleanup CMD [ARG...] - run CMD at exit (last pushed runs first)
push_cleanup()
{
	_cleanups+=("$(printf '%q ' "$@")")
}

_run_cleanups()
{
	local i

	for ((i = ${#_cleanups[@]} - 1; i >= 0; i--)); do
		eval "${_cleanups[i]}" >/dev/null 2>&1 || true
	done
	_cleanups=()
}

trap _run_cleanups EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- TAP

diag()
{
	local line

	while IFS= read -r line; do
		printf '# %s\n' "$line" >&2
	done <<<"$*"
}

pass()
{
	_ntest=$((_ntest + 1))
	printf 'ok %d - %s\n' "$_ntest" "$1"
}

# fail DESC [DIAGNOSTIC...]
fail()
{
	_ntest=$((_ntest + 1))
	_nfail=$((_nfail + 1))
	printf 'not ok %d - %s\n' "$_ntest" "$1"
	shift
	[ $# -gt 0 ] && diag "$@"
	return 0
}

# skip DESC REASON
skip()
{
	_ntest=$((_ntest + 1))
	printf 'ok %d - %s # SKIP %s\n' "$_ntest" "$1" "$2"
}

# skip_all REASON - skip the whole script (only before the first test)
skip_all()
{
	printf '1..0 # SKIP %s\n' "$1"
	exit 0
}

done_testing()
{
	printf '1..%d\n' "$_ntest"
	[ "$_nfail" -eq 0 ]
	exit
}

# ok DESC CMD [ARG...] - passes when CMD succeeds
ok()
{
	local desc=$1 out

	shift
	if out=$("$@" 2>&1); then
		pass "$desc"
	else
		fail "$desc" "command failed: $*" "$out"
	fi
}

# ok_not DESC CMD [ARG...] - passes when CMD fails
ok_not()
{
	local desc=$1 out

	shift
	if out=$("$@" 2>&1); then
		fail "$desc" "command succeeded but should not: $*" "$out"
	else
		pass "$desc"
	fi
}

# check_eq DESC EXPECTED ACTUAL
check_eq()
{
	if [ "$2" == "$3" ]; then
		pass "$1"
	else
		if [[ "$2$3" != *$'\n'* ]]; then
			fail "$1" "expected: '$2'" "     got: '$3'"
		else
			fail "$1" "$(diff -u --label expected --label got <(printf '%s\n' "$2") \
				<(printf '%s\n' "$3") | sed -n '3,40p')"
		fi
	fi
}

# check_ne DESC UNEXPECTED ACTUAL
check_ne()
{
	if [ "$2" != "$3" ]; then
		pass "$1"
	else
		fail "$1" "expected anything but: '$2'"
	fi
}

# check_match DESC ERE ACTUAL - some line of ACTUAL matches ERE
check_match()
{
	if grep -Eq -- "$2" <<<"$3"; then
		pass "$1"
	else
		fail "$1" "no line matches /$2/ in:" "$3"
	fi
}

# ---------------------------------------------------------------- the peers' versions

# The side-by-side comparisons hold nook up against one version of each peer
# (Debian 12's): util-linux 2.38.1, iproute2 6.1, bridge-utils 1.7.  Another
# version words or does things differently in hundreds of places, none of
# which is nook's fault, so there those comparisons skip, with the reason;
# the checks that compare with no peer still run.

# peer_skip NAME WANT HAVE - empty when HAVE is WANT, else why the
# comparisons with NAME skip
peer_skip()
{
	[ "$3" = "$2" ] || printf '%s %s is not %s' "$1" "${3:-(not found)}" "$2"
}

# ul_version CMD - the util-linux version of a util-linux program
ul_version()
{
	"$1" --version 2>/dev/null | sed -n 's/.* util-linux \([0-9][0-9a-z.+~-]*\)$/\1/p' | head -n1
}

# UL_SKIP: why comparisons with util-linux skip (empty: they run).  Scripts
# that compare with another util-linux program set it from that one.
UL_WANT=2.38.1
UL_SKIP=$(peer_skip util-linux "$UL_WANT" "$(ul_version "$UL_UNSHARE")")

# parity SKIP DESC... - true when SKIP (one of UL_SKIP, IP_SKIP, BRCTL_SKIP)
# is empty: the comparisons run; else each DESC is skipped with SKIP's reason
parity()
{
	local why=$1 d

	shift
	[ -z "$why" ] && return 0
	for d in "$@"; do
		skip "$d" "$why"
	done
	return 1
}

# ---------------------------------------------------------------- running

TMPD=$(mktemp -d /tmp/nook-it.XXXXXX)
chmod 755 "$TMPD"

_remove_tmpd()
{
	# Lazily detach anything still mounted below TMPD (deepest first), then
	# delete without crossing into another file system.
	awk -v d="$TMPD" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo |
		sort -r | while read -r m; do umount -l "$m"; done
	rm -rf --one-file-system "$TMPD"
}
push_cleanup _remove_tmpd

# run CMD [ARG...] - run CMD with stdin from /dev/null (or $RUN_STDIN if set);
# sets RC, OUT and ERR (trailing newlines stripped, like $(...))
run()
{
	# The outer 2>/dev/null only silences bash's "Killed" job report.
	if [ -n "${RUN_STDIN+x}" ]; then
		{ "$@" >"$TMPD/.out" 2>"$TMPD/.err" <<<"$RUN_STDIN"; } 2>/dev/null
	else
		{ "$@" >"$TMPD/.out" 2>"$TMPD/.err" </dev/null; } 2>/dev/null
	fi
	RC=$?
	OUT=$(cat "$TMPD/.out")
	ERR=$(cat "$TMPD/.err")
}

# run_nook ARGS... - "nook unshare ARGS..."
run_nook()
{
	run "$NOOK" unshare "$@"
}

# norm_link - util-linux prefixes getopt's messages with the full argv[0];
# strip the directory so /usr/bin/unshare and build/unshare compare equal.
# Also hide PIDs in /proc paths.
norm_link()
{
	sed -E -e 's#^/[^ :]*/unshare: #unshare: #' -e 's#/proc/[0-9]+/#/proc/PID/#g'
}

# norm_nook - as norm_link, and turn "nook unshare: " into "unshare: " (also in
# the Try line) for output of "nook unshare ...".
norm_nook()
{
	norm_link | sed -E -e 's#^([^ :]*/)?nook unshare: #unshare: #' \
		-e "s#^Try '([^ ']*/)?nook unshare --help'#Try 'unshare --help'#"
}

# _capture NORM CMD... - one string with the normalised rc, stdout and stderr
_capture()
{
	local norm=$1

	shift
	run "$@"
	printf 'rc=%s\n%s\n-- stderr:\n%s' "$RC" "$(norm_link <<<"$OUT")" "$("$norm" <<<"$ERR")"
}

# compare_ul [--as-user] DESC ARGS... - run util-linux's unshare, nook's
# "unshare" link and "nook unshare" with ARGS; each nook form must give the
# same exit status, stdout and stderr (after prefix normalisation).  Two tests.
compare_ul()
{
	local pfx=() want got

	if [ "$1" = --as-user ]; then
		pfx=(as_user)
		shift
	fi
	local desc=$1
	shift
	parity "$UL_SKIP" "$desc: 'unshare' link matches util-linux" \
		"$desc: 'nook unshare' matches util-linux" || return 0
	want=$(_capture norm_link "${pfx[@]}" "$UL_UNSHARE" "$@")
	got=$(_capture norm_link "${pfx[@]}" "$NOOK_UNSHARE" "$@")
	check_eq "$desc: 'unshare' link matches util-linux" "$want" "$got"
	got=$(_capture norm_nook "${pfx[@]}" "$NOOK" unshare "$@")
	check_eq "$desc: 'nook unshare' matches util-linux" "$want" "$got"
}

# nsid PATH - the inode of a namespace file (also works on a bind mount of one)
nsid()
{
	stat -L -c %i "$1"
}

# private_tmpfs DIR - mount a private tmpfs on DIR (created), unmounted at exit.
# Namespace files can only be bind-mounted onto non-shared mounts, and tests
# must not depend on the propagation of the host's /tmp.
private_tmpfs()
{
	mkdir -p "$1"
	mount -t tmpfs -o mode=755 nook-test "$1" || return 1
	push_cleanup umount -l "$1"
	mount --make-private "$1"
}

# uid_map and friends print padded columns; keep one space between fields.
squeeze()
{
	awk '{ $1 = $1; print }'
}

# readlink of our own namespaces, to tell "new" from "inherited"
host_ns()
{
	readlink "/proc/$$/ns/$1"
}

# check_new_ns DESC TYPE LINK - LINK (readlink of /proc/self/ns/TYPE inside)
# names a namespace of that type other than ours
check_new_ns()
{
	if [[ "$3" =~ ^$2:\[[0-9]+\]$ ]] && [ "$3" != "$(host_ns "$2")" ]; then
		pass "$1"
	else
		fail "$1" "inside: '$3', outside: '$(host_ns "$2")'"
	fi
}

# _leftovers - what a failed command could leave behind: mounts under $TMPD
# or /proc, and files under $TMPD
_leftovers()
{
	awk -v d="$TMPD" 'index($5, d) == 1 || index($5, "/proc") == 1' /proc/self/mountinfo
	find "$TMPD" -path "$TMPD/.*" -prune -o -print | sort
}

# check_err [--as-user] DESC RC MESSAGE ARGS... - bad input: one line
# "unshare: MESSAGE" on stderr ("nook unshare: MESSAGE" for "nook unshare"),
# nothing on stdout, exit status RC, nothing left behind.  PIDs in /proc
# paths read "PID".  Two tests.
check_err()
{
	local pfx=() desc rc msg before name

	if [ "$1" = --as-user ]; then
		pfx=(as_user)
		shift
	fi
	desc=$1 rc=$2 msg=$3
	shift 3
	for name in "unshare" "nook unshare"; do
		before=$(_leftovers)
		if [ "$name" = unshare ]; then
			run "${pfx[@]}" "$NOOK_UNSHARE" "$@"
		else
			run "${pfx[@]}" "$NOOK" unshare "$@"
		fi
		check_eq "$desc: '$name' says so, exits $rc, leaves nothing" \
			"rc=$rc"$'\n'"-- stdout:"$'\n'$'\n'"-- stderr:"$'\n'"$name: $msg"$'\n'"-- left:"$'\n'"$before" \
			"rc=$RC"$'\n'"-- stdout:"$'\n'"$OUT"$'\n'"-- stderr:"$'\n'"$(sed -E 's#/proc/[0-9]+/#/proc/PID/#g' <<<"$ERR")"$'\n'"-- left:"$'\n'"$(_leftovers)"
	done
}

# line N TEXT - the Nth line of TEXT
line()
{
	sed -n "${1}p" <<<"$2"
}

# make_rootfs DIR - a tiny root file system: busybox (static) with a few
# applets, /proc, /tmp and /marker (containing "nook-rootfs")
make_rootfs()
{
	local a

	mkdir -p "$1/bin" "$1/proc" "$1/tmp" || return 1
	cp /bin/busybox "$1/bin/busybox" || return 1
	for a in sh cat ls pwd true unshare readlink id; do
		ln -s busybox "$1/bin/$a"
	done
	echo nook-rootfs >"$1/marker"
}

# ---------------------------------------------------------------- processes

# spawn CMD [ARG...] - start CMD in the background with its stdout on a pipe
# (a fifo); sets SPAWN_PID (CMD's pid) and SPAWN_FD (read end).  The process
# is killed (by PID) at exit if it is still there.
spawn()
{
	local fifo=$TMPD/.fifo.$RANDOM$RANDOM

	mkfifo "$fifo"
	"$@" >"$fifo" 2>>"$TMPD/spawn.err" </dev/null &
	SPAWN_PID=$!
	push_cleanup kill_pids "$SPAWN_PID"
	exec {SPAWN_FD}<"$fifo"
	rm -f "$fifo"
}

# kill_pids PID... - SIGKILL each PID; empty, non-numeric and <= 1 values are
# ignored (kill -9 0 would kill our own process group)
kill_pids()
{
	local p

	for p in "$@"; do
		[[ "$p" =~ ^[0-9]+$ ]] && [ "$p" -gt 1 ] && kill -9 "$p" 2>/dev/null
	done
	return 0
}

# stop_spawn - kill the last spawned process (if still there), reap it
# quietly and close its pipe
stop_spawn()
{
	kill_pids "$SPAWN_PID"
	wait "$SPAWN_PID" 2>/dev/null
	exec {SPAWN_FD}<&-
}

# read_line FD VAR - read one line from FD into VAR, giving up after 10 s
read_line()
{
	IFS= read -r -t 10 -u "$1" "$2"
}

# is_dead PID - the process is gone or a zombie nobody has reaped yet
is_dead()
{
	local st

	st=$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$1/stat" 2>/dev/null) || return 0
	[ -z "$st" ] || [ "$st" = Z ] || [ "$st" = X ]
}

# wait_dead PID - poll (bounded, 10 s) until PID is dead; fails if it is not
wait_dead()
{
	local i

	for ((i = 0; i < 200; i++)); do
		is_dead "$1" && return 0
		sleep 0.05
	done
	return 1
}

# wait_exit PID - wait for a child of this shell; sets RC to its status
wait_exit()
{
	if wait_dead "$1"; then
		wait "$1"
		RC=$?
	else
		RC=timeout
	fi
}

# ---------------------------------------------------------------- privileges

is_root()
{
	[ "$(id -u)" -eq 0 ]
}

skip_unless_root()
{
	is_root || skip_all "needs root"
}

# setup_test_user - create the unprivileged user nook-test with a block of
# subordinate IDs ($SUBID_START:$SUBID_COUNT), once per script; removed at
# exit.  Scripts may run in parallel, so the user is reference-counted under
# a lock and deleted by the last script that used it.  A reference is a file
# this script holds a shared lock on while it runs (not its PID: PIDs repeat
# across PID namespaces), so that one left by a script that was killed is
# seen to be stale.
setup_test_user()
{
	local lock

	[ -n "${TEST_UID:-}" ] && return 0
	exec {lock}>"$_test_user_lock"
	flock "$lock"
	mkdir -p "$_test_user_refs"
	if ! getent passwd "$TEST_USER" >/dev/null; then
		useradd --no-create-home --home-dir /nonexistent --shell /bin/sh \
			-K SUB_UID_COUNT=0 -K SUB_GID_COUNT=0 "$TEST_USER" || {
			exec {lock}>&-
			return 1
		}
	fi
	touch /etc/subuid /etc/subgid
	sed -i "/^$TEST_USER:/d" /etc/subuid /etc/subgid
	echo "$TEST_USER:$SUBID_START:$SUBID_COUNT" >>/etc/subuid
	echo "$TEST_USER:$SUBID_START:$SUBID_COUNT" >>/etc/subgid
	_test_user_ref=$(mktemp "$_test_user_refs/ref.XXXXXX")
	exec {_test_user_ref_fd}<"$_test_user_ref"
	flock -s "$_test_user_ref_fd"
	exec {lock}>&-
	push_cleanup _release_test_user
	TEST_UID=$(id -u "$TEST_USER")
	TEST_GID=$(id -g "$TEST_USER")
	# A directory the user can work in (its cwd for as_user).
	USER_TMPD=$TMPD/user
	mkdir -p "$USER_TMPD"
	chown "$TEST_UID:$TEST_GID" "$USER_TMPD"
}

_release_test_user()
{
	local lock ref

	exec {lock}>"$_test_user_lock"
	flock "$lock"
	exec {_test_user_ref_fd}<&-
	rm -f "$_test_user_ref"
	# stale references: nobody holds their lock any more
	for ref in "$_test_user_refs"/*; do
		[ -e "$ref" ] || continue
		flock -n -x "$ref" true && rm -f "$ref"
	done
	if [ -z "$(ls -A "$_test_user_refs" 2>/dev/null)" ]; then
		userdel -f "$TEST_USER"
		sed -i "/^$TEST_USER:/d" /etc/subuid /etc/subgid
		rmdir "$_test_user_refs"
	fi
	exec {lock}>&-
}

# as_user CMD [ARG...] - run CMD as nook-test, with a clean environment (plus
# a PATH that has ip, and the sanitizers' settings) in a directory it owns
as_user()
{
	local keep=() v

	for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
		[ -n "${!v+x}" ] && keep+=("$v=${!v}")
	done
	(cd "$USER_TMPD" && setpriv --reuid="$TEST_USER" --regid="$TEST_USER" --init-groups \
		--reset-env env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		"${keep[@]}" "$@")
}

# userns_works - whether this kernel lets nook-test create a user namespace
userns_works()
{
	as_user "$UL_UNSHARE" -U true >/dev/null 2>&1
}

# require_nook - skip the whole script if the binary is missing
require_nook()
{
	[ -x "$NOOK" ] || skip_all "no nook binary at $NOOK (set NOOK=)"
	[ -x "$NOOK_UNSHARE" ] || skip_all "no unshare link at $NOOK_UNSHARE (set NOOK_UNSHARE=)"
}
