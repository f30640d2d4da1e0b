#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# nsenter-unpriv.sh - integration tests for "nook nsenter" and "nook enter"
# run by an unprivileged user (nook-test).  The script itself runs as root,
# to create that user and a target of root's; every nook command runs as the
# user through as_user.
#
# The targets are the user's own "unshare -r": a user namespace in which it
# is root, with other namespaces owned by it.  util-linux's nsenter (2.38.1
# here) trips over two things there that nook handles: setgroups(2) is denied
# in such a user namespace ("setgroups failed" unless
# --preserve-credentials), and -a asks setns(2) for namespaces of the host the
# target shares with us (the cgroup namespace, say), which needs privilege
# over the host.  Those tests say what util-linux does in their names and
# check it, so that the difference is on record.
#
#   prove -v tests/integration/nsenter-unpriv.sh

# Single-quoted $ is for the shells run inside the namespaces; nsenter.sh
# returns early when sourced, which shellcheck cannot see (file-wide):
# shellcheck disable=SC2016,SC2317
# shellcheck source=tests/integration/nsenter.sh
. "$(dirname "${BASH_SOURCE[0]}")/nsenter.sh" # lib.sh and the nsenter helpers

skip_unless_root
require_nook
[ -x "$NOOK_NSENTER" ] || skip_all "no nsenter link at $NOOK_NSENTER (set NOOK_NSENTER=)"
[ -x "$UL_NSENTER" ] || skip_all "no util-linux nsenter at $UL_NSENTER"
setup_test_user || skip_all "cannot create the user $TEST_USER"
userns_works || skip_all "unprivileged user namespaces are disabled"
as_user test -x "$NOOK" || skip_all "$TEST_USER cannot run $NOOK"

UT=$USER_TMPD # the user's working directory, and so its targets'

# unx ARGS... - "nook nsenter ARGS..." as nook-test (sets RC, OUT, ERR)
unx()
{
	nrun as_user "$NOOK" nsenter "$@"
}

# check_unook DESC EXPECTED ARGS... - "nook nsenter ARGS" as nook-test gives
# EXPECTED ("STATUS|STDOUT|STDERR", lines joined with '|').  One test.
check_unook()
{
	local desc=$1 want=$2

	shift 2
	unx "$@"
	check_res "$desc" "$want"
}

# check_vs_ul DESC NOOK-EXPECTED UL-EXPECTED ARGS... - as nook-test, "nook
# nsenter ARGS" gives NOOK-EXPECTED and util-linux's nsenter UL-EXPECTED
# (where util-linux 2.38.1 fails and nook does not).  One test.
check_vs_ul()
{
	local desc=$1 want=$2 ul=$3 nook

	shift 3
	unx "$@"
	result
	nook=$RESULT
	if [ -n "$UL_SKIP" ]; then
		# what util-linux does is on record for 2.38.1 only
		check_eq "$desc (nook; util-linux: $UL_SKIP)" "$want" "$nook"
		return
	fi
	nrun as_user "$UL_NSENTER" "$@"
	result
	check_eq "$desc" "nook: $want"$'\n'"util-linux: $ul" "nook: $nook"$'\n'"util-linux: $RESULT"
}

learn_ns $$

# ============================================================ targets
# UA: util-linux's unshare as the user: user, network and UTS namespaces;
# UB: nook unshare as the user, every namespace, its own /proc.
start_target UA as_user "$UL_UNSHARE" -r -n -u sh -c 'hostname nook-ua && exec sleep 600'
start_target UB as_user "$NOOK" unshare -r -f -p --mount-proc -n -u -i -C -T sh -c 'hostname nook-ub && exec sleep 600'
check_eq "targets: both run as $TEST_USER" "$TEST_UID $TEST_UID" \
	"$(stat -c %u "/proc/${UA:-0}" "/proc/${UB:-0}" 2>&1 | paste -sd' ')"
check_ne "targets: UA's user namespace is not ours" "${NS[$$/user]}" "${NS[$UA/user]}"
check_ne "targets: UB's user namespace is not ours" "${NS[$$/user]}" "${NS[$UB/user]}"

# ============================================================ -U and the rest
setgroups_failed="1||nsenter: setgroups failed: Operation not permitted"
check_vs_ul "-U -n: in its user and network namespaces (util-linux: setgroups failed)" \
	"0|${NS[$UA/user]}|${NS[$UA/net]}|" "$setgroups_failed" \
	-t "$UA" -U -n sh -c 'readlink /proc/self/ns/user; readlink /proc/self/ns/net'
check_vs_ul "-U id: root there, setgroups denied is no error (util-linux: setgroups failed)" \
	"0|0 0|" "$setgroups_failed" -t "$UA" -U sh -c 'echo $(id -u) $(id -g)'
unx -t "$UA" -U id
check_match "-U id: uid=0" '^uid=0\(root\) gid=0\(root\)' "$OUT"
compare_ns --as-user "-U --preserve-credentials id" -t "$UA" -U --preserve-credentials id
check_unook "-U --preserve-credentials: root there too (our uid is mapped to 0)" "0|0|" \
	-t "$UA" -U --preserve-credentials id -u
compare_ns --as-user "-U -u --preserve-credentials hostname" -t "$UA" -U -u --preserve-credentials hostname
check_unook "-U -u hostname" "0|nook-ua|" -t "$UA" -U -u hostname
check_unook "-U -S 0 -G 0" "0|0 0|" -t "$UA" -U -S 0 -G 0 sh -c 'echo $(id -u) $(id -g)'

for t in $ALL_TYPES; do
	[ "$t" = mnt ] && continue # see below
	opts=(-U)
	[ "$t" = user ] || opts+=("${short[$t]}")
	check_unook "UB ${opts[*]}: in the target's $t namespace" "0|${NS[$UB/$t]}|" \
		-t "$UB" "${opts[@]}" readlink "/proc/self/ns/$t"
done
# In UB's mount namespace /proc is that of UB's PID namespace, where a
# program that was not forked into it (no -p) has no /proc/self: its /proc/1
# is UB's sleep.
check_unook "UB -U -m: in the target's mount namespace (its /proc)" "0|sleep|" -t "$UB" -U -m cat /proc/1/comm
check_unook "UB -U -m -p: the same, forked into its PID namespace" "0|sleep|${NS[$UB/mnt]}|" \
	-t "$UB" -U -m -p sh -c 'cat /proc/1/comm; readlink /proc/self/ns/mnt'
check_unook "UB -U -m --preserve-credentials" "0|sleep|" -t "$UB" -U -m --preserve-credentials cat /proc/1/comm
check_unook "UB -U -r: the target's root (its /proc)" "0|sleep|" -t "$UB" -U -r cat /proc/1/comm
check_unook "UB -a -F: no fork, all its namespaces" "0|sleep|" -t "$UB" -a -F cat /proc/1/comm
check_unook "UB -U -p -m: ps sees the target's PID namespace" "0|sleep|ps|" -t "$UB" -U -p -m ps -e -o comm=

# ============================================================ -a
check_vs_ul "-a: every namespace of UA, ours where it shares them (util-linux: EPERM on our cgroup namespace)" \
	"0|${NSL[$UA]}|" "1||nsenter: reassociate to namespace 'ns/cgroup' failed: Operation not permitted" \
	-t "$UA" -a sh -c "$all_ns"
check_vs_ul "-a hostname (util-linux: EPERM on our cgroup namespace)" "0|nook-ua|" \
	"1||nsenter: reassociate to namespace 'ns/cgroup' failed: Operation not permitted" -t "$UA" -a hostname
check_unook "-a: every namespace of UB" "0|${NSL[$UB]}|" -t "$UB" -a sh -c "$all_ns"
check_unook "-a -r -w: the target's root and working directory" "0|$UT|" -t "$UA" -a -r -w pwd
unx -t "$UA" -U -e env
check_eq "-U -e: exactly the target's environment" "0|$(tr '\0' '\n' <"/proc/$UA/environ" | sort | paste -sd'|')" \
	"$RC|$(sort <<<"$OUT" | paste -sd'|')"
unx -t "$UB" -a --read-only sh -c "cat /proc/1/comm; (: >>'$UT/ro') 2>&1 | sed 's/.*: //'"
check_res "-a --read-only: reads work, writes fail" "0|sleep|Read-only file system|"
check_eq "-a --read-only: nothing written" "no" "$(test -e "$UT/ro" && echo yes || echo no)"

# ============================================================ credentials
unx -t "$UA" -U -S 1000 id
check_eq "-U -S UID not mapped: exit 1, one line" "1 1 " "$RC $(wc -l <<<"$ERR") $OUT"
check_match "-U -S UID not mapped: a hint at --preserve-credentials" \
	'^nook nsenter: setuid\(\) failed: Invalid argument .*uid 1000 is not mapped.*--preserve-credentials' "$ERR"
unx -t "$UA" -U -G 1000 id
check_eq "-U -G GID not mapped: exit 1, one line" "1 1 " "$RC $(wc -l <<<"$ERR") $OUT"
check_match "-U -G GID not mapped: a hint at --preserve-credentials" \
	'^nook nsenter: setgid\(\) failed: Invalid argument .*gid 1000 is not mapped.*--preserve-credentials' "$ERR"
unx -t "$UA" -U --keep-caps grep CapAmb /proc/self/status
check_match "-U --keep-caps: ambient capabilities raised" '^CapAmb:[[:space:]]+0*[1-9a-f][0-9a-f]*$' "$OUT"
unx -t "$UA" -U grep CapAmb /proc/self/status
check_match "-U without --keep-caps: none" '^CapAmb:[[:space:]]+0+$' "$OUT"

# ============================================================ by name
NU=nookusr$ID
cp /bin/sleep "$UT/$NU"
chown "$TEST_UID:$TEST_GID" "$UT/$NU"
start_target UN -c "$NU" as_user "$UL_UNSHARE" -r -n "$UT/$NU" 600
check_unook "-t NAME as the user" "0|${NS[$UN/net]}|" -t "$NU" -U -n readlink /proc/self/ns/net
end_target UN

# ============================================================ bad input
check_err_ns --as-user "-n without -U (util-linux: reassociate to namespace 'ns/net' failed)" 1 \
	"reassociate to namespaces failed: Operation not permitted" -t "$UA" -n true
check_err_ns --as-user "--read-only without -U: no privilege to copy the mounts" 1 \
	"--read-only: unshare failed: Operation not permitted" -t "$UA" --read-only true
# a target of root's
start_target RT "$UL_UNSHARE" -n -u sh -c 'hostname nook-rt && exec sleep 600'
check_err_ns --as-user "root's target (util-linux: cannot open /proc/PID/ns/net: Permission denied)" 1 \
	"reassociate to namespaces failed: Operation not permitted" -t "$RT" -n true
check_err_ns --as-user "root's target, -U -u" 1 \
	"reassociate to namespaces failed: Operation not permitted" -t "$RT" -U -u true
compare_ns --as-user "root's target, -a" -t "$RT" -a true
nrun as_user "$NOOK" enter "$RT" true
check_eq "enter root's target: exit 1, one line" "1 1 " "$RC $(wc -l <<<"$ERR") $OUT"
end_target RT

# ============================================================ nook enter
nrun as_user "$NOOK" enter "$UA" sh -c 'id -u; hostname; pwd; readlink /proc/self/ns/user; readlink /proc/self/ns/net'
check_res "enter PID: root in the target's namespaces, its cwd" "0|0|nook-ua|$UT|${NS[$UA/user]}|${NS[$UA/net]}|"
nrun as_user "$NOOK" enter "$UB" sh -c "$all_ns"
check_res "enter PID: all of UB's namespaces" "0|${NSL[$UB]}|"
nrun as_user "$NOOK" enter "$UB" sh -c 'cat /proc/1/comm; hostname'
check_res "enter: UB's /proc and hostname" "0|sleep|nook-ub|"
RUN_STDIN='echo $0' nrun as_user "$NOOK" enter "$UA"
check_res "enter, no command: a login shell" "0|-sh|"
nrun as_user "$NOOK" enter --read-only "$UB" sh -c "(: >>'$UT/ro2') 2>&1 | sed 's/.*: //'"
check_res "enter --read-only" "0|Read-only file system|"
nrun as_user "$NOOK" enter -u 1000 "$UA" true
check_eq "enter -u UID not mapped: exit 1, one line" "1 1" "$RC $(wc -l <<<"$ERR")"

# ============================================================ the end
end_target UB
end_target UA

done_testing
