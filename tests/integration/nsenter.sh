#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# nsenter.sh - integration tests for "nook nsenter" and "nook enter", run as
# root.
#
# Every test starts its own target processes (util-linux's unshare and nook's
# unshare), waits until they are ready (their command name turns into the
# program they finally exec, after all setup is done), and kills them by PID.
# What is checked is what a user would look at from inside: the namespace
# links of /proc/self/ns, hostname, links, processes, IDs, directories,
# environment; and from outside: that nothing changed and nothing was left.
# Where util-linux's nsenter (2.38.1 here) behaves as the newest util-linux,
# both are run side by side (compare_ns); where only newer util-linux or nook
# has a feature, the expected output is spelled out.  The unprivileged side is
# in nsenter-unpriv.sh.
#
#   prove -v tests/integration/nsenter.sh
#   NOOK=/tmp/build/nook prove -v tests/integration/nsenter.sh

# Single-quoted $ is for the shells run inside the namespaces (file-wide):
# shellcheck disable=SC2016
# shellcheck source=tests/integration/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NOOK_NSENTER=${NOOK_NSENTER:-$(dirname "$NOOK")/nsenter}
UL_NSENTER=${UL_NSENTER:-/usr/bin/nsenter}
UL_SKIP=$(peer_skip util-linux "$UL_WANT" "$(ul_version "$UL_NSENTER")")

# ---------------------------------------------------------------- helpers
# Shared with nsenter-unpriv.sh, which sources this file up to the "return"
# below.  They fork as little as they can: a few hundred checks run here.

# _slurp FILE VAR - VAR is FILE's text without its trailing newlines (as $(...))
_slurp()
{
	local _s=

	IFS= read -r -d '' _s <"$1"
	while [[ $_s == *$'\n' ]]; do
		_s=${_s%$'\n'}
	done
	printf -v "$2" '%s' "$_s"
}

# nrun CMD [ARG...] - as lib.sh's run (stdin from /dev/null or $RUN_STDIN;
# sets RC, OUT and ERR), forking nothing but CMD
nrun()
{
	if [ -n "${RUN_STDIN+x}" ]; then
		{ "$@" >"$TMPD/.out" 2>"$TMPD/.err" <<<"$RUN_STDIN"; } 2>/dev/null
	else
		{ "$@" >"$TMPD/.out" 2>"$TMPD/.err" </dev/null; } 2>/dev/null
	fi
	RC=$?
	_slurp "$TMPD/.out" OUT
	_slurp "$TMPD/.err" ERR
}

# hide_pids TEXT VAR - VAR is TEXT with /proc/N/ read as /proc/PID/
hide_pids()
{
	local _s=$1 _o=

	while [[ $_s =~ /proc/[0-9]+/ ]]; do
		_o+=${_s%%"${BASH_REMATCH[0]}"*}/proc/PID/
		_s=${_s#*"${BASH_REMATCH[0]}"}
	done
	printf -v "$2" '%s' "$_o$_s"
}

# _capture_ns CMD... - the exit status, stdout and stderr of CMD, with the
# program name normalised: util-linux prefixes getopt's messages with the
# full argv[0] ("/usr/bin/nsenter: "), nook with "nook nsenter: ", and its
# Try line names "nook nsenter"; all read "nsenter".  PIDs in /proc paths
# read "PID".
_capture_ns()
{
	nrun "$@"
	printf 'rc=%s\n%s\n-- stderr:\n%s\n' "$RC" "$OUT" "$ERR" |
		sed -E -e 's#/proc/[0-9]+/#/proc/PID/#g' -e 's#^([^ :]*/)?(nook )?nsenter: #nsenter: #' \
			-e "s#^Try '([^ ']*/)?nook nsenter --help'#Try 'nsenter --help'#"
}

# compare_ns [--as-user] DESC ARGS... - util-linux's nsenter, nook's "nsenter"
# link and "nook nsenter" with ARGS: same exit status, stdout and stderr
# (after normalisation).  Two tests.
compare_ns()
{
	local pfx=() want got

	if [ "$1" = --as-user ]; then
		pfx=(as_user)
		shift
	fi
	local desc=$1
	shift
	parity "$UL_SKIP" "$desc: 'nsenter' link matches util-linux" \
		"$desc: 'nook nsenter' matches util-linux" || return 0
	want=$(_capture_ns "${pfx[@]}" "$UL_NSENTER" "$@")
	got=$(_capture_ns "${pfx[@]}" "$NOOK_NSENTER" "$@")
	check_eq "$desc: 'nsenter' link matches util-linux" "$want" "$got"
	got=$(_capture_ns "${pfx[@]}" "$NOOK" nsenter "$@")
	check_eq "$desc: 'nook nsenter' matches util-linux" "$want" "$got"
}

# result - RESULT is "STATUS|STDOUT|STDERR" of the last run, lines joined
# with '|'
result()
{
	RESULT="$RC|${OUT//$'\n'/|}|${ERR//$'\n'/|}"
}

# check_res DESC EXPECTED - the last run gave EXPECTED (as result says)
check_res()
{
	result
	check_eq "$1" "$2" "$RESULT"
}

# nsx ARGS... - "nook nsenter ARGS..." (sets RC, OUT, ERR)
nsx()
{
	nrun "$NOOK" nsenter "$@"
}

# check_ul DESC EXPECTED ARGS... - "nook nsenter ARGS" gives EXPECTED
# ("STATUS|STDOUT|STDERR" as result prints it), and so does util-linux's
# nsenter with the same ARGS.  One test.
check_ul()
{
	local desc=$1 want=$2 nook

	shift 2
	nsx "$@"
	result
	nook=$RESULT
	if [ -n "$UL_SKIP" ]; then
		# nook alone, as check_nook
		check_eq "$desc (nook; util-linux: $UL_SKIP)" "$want" "$nook"
		return
	fi
	nrun "$UL_NSENTER" "$@"
	result
	check_eq "$desc" "nook: $want"$'\n'"util-linux: $want" "nook: $nook"$'\n'"util-linux: $RESULT"
}

# check_nook DESC EXPECTED ARGS... - "nook nsenter ARGS" gives EXPECTED, as
# check_ul, where util-linux 2.38.1 lacks the feature.  One test.
check_nook()
{
	local desc=$1 want=$2

	shift 2
	nsx "$@"
	check_res "$desc" "$want"
}

# leftovers - what a failed command could leave behind (as lib.sh's
# _leftovers, without forking): mount points under $TMPD or /proc, and the
# files under $TMPD
leftovers()
{
	local _ _m f

	while read -r _ _ _ _ _m _; do
		[[ $_m == "$TMPD"* || $_m == /proc* ]] && printf '%s\n' "$_m"
	done </proc/self/mountinfo
	for f in "$TMPD"/**; do
		printf '%s\n' "$f"
	done
}
shopt -s globstar

# check_err_ns [--as-user] DESC RC MESSAGE ARGS... - bad input: one line
# "nsenter: MESSAGE" on stderr ("nook nsenter: MESSAGE" for "nook nsenter"),
# nothing on stdout, exit status RC, nothing left behind.  PIDs in /proc
# paths read "PID".  Two tests.
check_err_ns()
{
	local pfx=() desc rc msg before name err

	if [ "$1" = --as-user ]; then
		pfx=(as_user)
		shift
	fi
	desc=$1 rc=$2 msg=$3
	shift 3
	before=$(leftovers)
	for name in "nsenter" "nook nsenter"; do
		if [ "$name" = nsenter ]; then
			nrun "${pfx[@]}" "$NOOK_NSENTER" "$@"
		else
			nrun "${pfx[@]}" "$NOOK" nsenter "$@"
		fi
		hide_pids "$ERR" err
		check_eq "$desc: '$name' says so, exits $rc, leaves nothing" \
			"rc=$rc"$'\n'"-- stdout:"$'\n'$'\n'"-- stderr:"$'\n'"$name: $msg"$'\n'"-- left:"$'\n'"$before" \
			"rc=$RC"$'\n'"-- stdout:"$'\n'"$OUT"$'\n'"-- stderr:"$'\n'"$err"$'\n'"-- left:"$'\n'"$(leftovers)"
	done
}

# learn_ns PID... - remember the namespace links of processes (they do not
# change namespaces here): NS[PID/TYPE] is readlink of /proc/PID/ns/TYPE,
# NSL[PID] all of them in the order of ALL_TYPES, joined by '|'
ALL_TYPES="cgroup ipc mnt net pid time user uts"
declare -A NS NSL
learn_ns()
{
	local p t l

	for p in "$@"; do
		NSL[$p]=
		for t in $ALL_TYPES; do
			l=$(readlink "/proc/$p/ns/$t" 2>&1)
			NS[$p/$t]=$l
			NSL[$p]+=${NSL[$p]:+|}$l
		done
	done
}

# descendants PID COMM - PID and its descendants, breadth first, whose command
# name is COMM; one a line
descendants()
{
	local queue=("$1") p

	while [ ${#queue[@]} -gt 0 ]; do
		p=${queue[0]}
		queue=("${queue[@]:1}")
		[ "$(cat "/proc/$p/comm" 2>/dev/null)" = "$2" ] && echo "$p"
		# shellcheck disable=SC2207
		queue+=($(cat /proc/"$p"/task/*/children 2>/dev/null))
	done
}

# _kill_tree PID - SIGKILL PID and its descendants, by PID
_kill_tree()
{
	local queue=("$1") all=() p

	while [ ${#queue[@]} -gt 0 ]; do
		p=${queue[0]}
		queue=("${queue[@]:1}")
		all+=("$p")
		# shellcheck disable=SC2207
		queue+=($(cat /proc/"$p"/task/*/children 2>/dev/null))
	done
	kill_pids "${all[@]}"
}

# _end_target LAUNCHER TARGET - SIGKILL the target, give its launcher (an
# "unshare -f" waiting for it, say) the chance to reap it and leave (no
# zombie is handed to PID 1), then make sure of it
_end_target()
{
	local i

	kill_pids "$2"
	for ((i = 0; i < 40; i++)); do
		is_dead "$1" && break
		sleep 0.05
	done
	kill_pids "$1"
	return 0
}

# start_target VAR [-c COMM] CMD... - run CMD in the background; CMD sets up
# its namespaces and finally execs "sleep 600" (or a program named COMM).
# Waits (10 s at most) until a process named COMM is CMD or a descendant of
# it: then it is ready.  VAR is set to its PID (empty if it never came), and
# both it and CMD are killed (by PID) at exit or by end_target VAR.
start_target()
{
	local var=$1 comm=sleep launcher p='' i

	shift
	if [ "$1" = -c ]; then
		comm=$2
		shift 2
	fi
	"$@" </dev/null >/dev/null 2>>"$TMPD/target.err" &
	launcher=$!
	disown # no "Killed" report; bash still reaps it
	push_cleanup _kill_tree "$launcher" # should we stop before it is ready
	for ((i = 0; i < 200; i++)); do
		p=$(descendants "$launcher" "$comm" | head -n1)
		[ -n "$p" ] && break
		is_dead "$launcher" && break
		sleep 0.05
	done
	push_cleanup _end_target "$launcher" "$p"
	[ -n "$p" ] && learn_ns "$p" "$launcher"
	printf -v "$var" '%s' "$p"
	printf -v "${var}_LAUNCHER" '%s' "$launcher"
	local what="$*"
	what=${what//$'\n'/ }
	what=${what//$'\t'/}
	if [ -n "$p" ]; then
		pass "target $var ready: ${what:0:100}"
	else
		fail "target $var ready: ${what:0:100}" "$(tail -n5 "$TMPD/target.err")"
	fi
}

# end_target VAR - stop a target of start_target now
end_target()
{
	local l=${1}_LAUNCHER

	_end_target "${!l}" "${!1}"
}

# pidfd_ino PID - the inode of a pidfd for PID (util-linux's PID:INODE)
pidfd_ino()
{
	/usr/bin/python3 -c 'import os, sys; print(os.fstat(os.pidfd_open(int(sys.argv[1]))).st_ino)' "$1"
}

# starttime PID - field 22 of /proc/PID/stat: when it started, in ticks
starttime()
{
	awk '{ sub(/^.*\) /, ""); print $20 }' "/proc/$1/stat"
}

# host_mountinfo - our mount table, without the mount IDs
host_mountinfo()
{
	awk '{ $1 = ""; $2 = ""; print }' "/proc/$$/mountinfo"
}

# all_ns - a script printing the namespace links of the process in the
# order of ALL_TYPES, one a line
all_ns='for t in '$ALL_TYPES'; do readlink /proc/self/ns/$t; done'

declare -A short=([mnt]=-m [uts]=-u [ipc]=-i [net]=-n [pid]=-p [cgroup]=-C [user]=-U [time]=-T)
declare -A long=([mnt]=--mount [uts]=--uts [ipc]=--ipc [net]=--net [pid]=--pid [cgroup]=--cgroup
	[user]=--user [time]=--time)

# nsenter-unpriv.sh sources this file for the helpers above
[[ ${BASH_SOURCE[0]} != "$0" ]] && return 0

skip_unless_root
require_nook
[ -x "$NOOK_NSENTER" ] || skip_all "no nsenter link at $NOOK_NSENTER (set NOOK_NSENTER=)"
[ -x "$UL_NSENTER" ] || skip_all "no util-linux nsenter at $UL_NSENTER"
setup_test_user || skip_all "cannot create the user $TEST_USER"

D=$TMPD/d # a private tmpfs: namespace files can be bind-mounted there
private_tmpfs "$D" || skip_all "cannot mount a tmpfs"
cd "$TMPD" || skip_all "cannot enter $TMPD"

learn_ns $$
mkdir -p "$D/m" "$D/wd" "$D/pf" "$D/bin"
PF=$D/pf

# ============================================================ targets
# TA: util-linux's unshare, every namespace, root in a user namespace (-r),
# CLOCK_BOOTTIME a day ahead; TB: the same made by nook unshare.  Each sets
# a hostname, brings lo up, makes a message queue, mounts a tmpfs with a
# file, and sits in $D/wd with a marker in its environment.
setup='hostname "$0" && ip link set lo up && ipcmk -Q >/dev/null &&
	mount -t tmpfs "$0" "$1/m" && echo "$0" >"$1/m/file" && cd "$1/wd" && exec sleep 600'
start_target TA env NOOK_MARK=ta-$$ "$UL_UNSHARE" -U -r -f -p -m -n -u -i -C -T --boottime 86400 \
	sh -c "$setup" nook-ta "$D"
start_target TB env NOOK_MARK=tb-$$ "$NOOK" unshare -r -f -p -m -n -u -i -C -T --boottime 86400 \
	sh -c "$setup" nook-tb "$D"
# TC: a plain network and UTS namespace, no user namespace
start_target TC "$UL_UNSHARE" -n -u sh -c 'hostname nook-tc && exec sleep 600'
# TP: a PID namespace with its own /proc
start_target TP "$UL_UNSHARE" -f -p --mount-proc sh -c 'exec sleep 600'

check_ne "targets: TA's namespaces are not ours" "${NSL[$$]}" "${NSL[$TA]}"
check_ne "targets: TB's namespaces are not ours" "${NSL[$$]}" "${NSL[$TB]}"

# ============================================================ each namespace type
# -X alone: the program is in the target's namespace of that type, as with
# util-linux's nsenter.
for tgt in TA TB; do
	p=${!tgt}
	for t in $ALL_TYPES; do
		check_ul "$tgt ${short[$t]}: in the target's $t namespace, as util-linux" \
			"0|${NS[$p/$t]}|" -t "$p" "${short[$t]}" readlink "/proc/self/ns/$t"
	done
	check_ul "$tgt ${long[net]} (long option)" "0|${NS[$p/net]}|" \
		--target="$p" "${long[net]}" readlink /proc/self/ns/net
done

# What is in them.
compare_ns "TA -u hostname" -t "$TA" -u hostname
check_nook "TA -u hostname: the target's" "0|nook-ta|" -t "$TA" -u hostname
check_nook "TB -u hostname: the target's" "0|nook-tb|" -t "$TB" -u hostname
compare_ns "TA -n ip -br link" -t "$TA" -n ip -br link
nsx -t "$TB" -n ip -br link
check_match "TB -n ip -br link: only lo, up" '^lo +UNKNOWN ' "$OUT"
check_eq "TB -n ip -br link: one link" "0 1" "$RC $(wc -l <<<"$OUT")"
compare_ns "TA -i ipcs -q" -t "$TA" -i sh -c 'ipcs -q | grep -c "^0x"'
check_nook "TB -i: the target's message queue" "0|1|" -t "$TB" -i sh -c 'ipcs -q | grep -c "^0x"'
compare_ns "TA -m: the target's tmpfs" -t "$TA" -m cat "$D/m/file"
check_nook "TB -m: the target's tmpfs" "0|nook-tb|" -t "$TB" -m cat "$D/m/file"
check_eq "-m: the targets' tmpfs is not ours" "" "$(findmnt -n "$D/m")"
compare_ns "TA -U id" -t "$TA" -U id
check_nook "TB -U id: root in the target's user namespace" "0|0 0|" -t "$TB" -U sh -c 'echo $(id -u) $(id -g)'
compare_ns "TA -p: a child in the target's PID namespace" -t "$TA" -p sh -c 'readlink /proc/self/ns/pid'
compare_ns "TP -p -m: ps shows the target's processes" -t "$TP" -p -m ps -e -o comm=
check_nook "TP -p -m: only the target's sleep, and ps" "0|sleep|ps|" -t "$TP" -p -m ps -e -o comm=
# uptime_ahead DESC TARGET - "-T cat /proc/uptime" shows CLOCK_BOOTTIME a day ahead
uptime_ahead()
{
	local u0 u1 in

	u0=$(cut -d' ' -f1 /proc/uptime)
	nsx -t "$2" -T cat /proc/uptime
	u1=$(cut -d' ' -f1 /proc/uptime)
	in=${OUT%% *}
	if [ "$RC" = 0 ] && awk -v a="$u0" -v b="$u1" -v x="$in" 'BEGIN { exit !(x >= a + 86400 && x <= b + 86400) }'; then
		pass "$1"
	else
		fail "$1" "rc=$RC outside $u0..$u1 inside '$in'" "$ERR"
	fi
}
uptime_ahead "TA -T: the target's clocks (uptime a day ahead)" "$TA"
uptime_ahead "TB -T: the target's clocks (uptime a day ahead)" "$TB"
nsx -t "$TP" -p -m sh -c 'echo $$; cat /proc/1/comm'
check_match "TP -p -m: the program has a PID of the namespace, not 1" '^([2-9]|[1-9][0-9]+)$' "$(line 1 "$OUT")"
check_eq "TP -p -m: PID 1 is the target" "0 sleep" "$RC $(line 2 "$OUT")"

# ============================================================ persistent files
# Namespace files bind-mounted by util-linux's unshare: --TYPE=FILE and
# -XFILE as util-linux 2.38.1 knows them, -X=FILE as util-linux HEAD.
for t in net uts ipc mnt cgroup time user; do
	touch "$PF/$t"
	push_cleanup umount -l "$PF/$t"
done
nrun "$UL_UNSHARE" -r --user="$PF/user" --net="$PF/net" --uts="$PF/uts" --ipc="$PF/ipc" \
	--mount="$PF/mnt" --cgroup="$PF/cgroup" --time="$PF/time" sh -c 'hostname nook-pf'
check_eq "persistent namespace files made" "0 nsfs" "$RC $(findmnt -n -o FSTYPE "$PF/net")"
for t in net uts ipc mnt cgroup time user; do
	want="0|$t:[$(nsid "$PF/$t")]|"
	check_ul "${long[$t]}=FILE" "$want" "${long[$t]}=$PF/$t" readlink "/proc/self/ns/$t"
	check_ul "${short[$t]}FILE" "$want" "${short[$t]}$PF/$t" readlink "/proc/self/ns/$t"
	check_nook "${short[$t]}=FILE (util-linux HEAD)" "$want" "${short[$t]}=$PF/$t" \
		readlink "/proc/self/ns/$t"
done
check_ul "--pid=/proc/PID/ns/pid: a child in that PID namespace" "0|${NS[$TP/pid]}|" \
	--pid="/proc/$TP/ns/pid" sh -c 'readlink /proc/self/ns/pid'
check_ul "--uts=FILE hostname" "0|nook-pf|" --uts="$PF/uts" hostname
compare_ns "--net=FILE --uts=FILE" --net="$PF/net" --uts="$PF/uts" sh -c 'hostname; readlink /proc/self/ns/net'
check_nook "--user=FILE --net=FILE: the uid map of the user namespace" "0|0 0 1|" \
	--user="$PF/user" --net="$PF/net" sh -c 'cat /proc/self/uid_map | awk "{ \$1 = \$1; print }"'

# ============================================================ -a
check_ul "-a: every namespace of TA" "0|${NSL[$TA]}|" -t "$TA" -a sh -c "$all_ns"
check_nook "-a: every namespace of TB" "0|${NSL[$TB]}|" -t "$TB" -a sh -c "$all_ns"
check_ul "-a, target in our user namespace: user skipped, the rest entered" \
	"0|${NSL[$TC]}|" -t "$TC" -a sh -c "$all_ns"
check_eq "-a, target in our user namespace: that is our user namespace" "${NS[$$/user]}" "${NS[$TC/user]}"
compare_ns "-a hostname" -t "$TC" -a hostname
compare_ns "--all --uts: -u given with -a" -t "$TA" --all --uts hostname

# ============================================================ credentials
compare_ns "-S -G" -t "$TC" -n -S 65534 -G 65534 id
compare_ns "--setuid --setgid" -t "$TC" -n --setuid=65534 --setgid=65533 sh -c 'id -u; id -g; id -G'
check_nook "-S -G: uid, gid, no other groups" "0|65534|65533|65533|" \
	-t "$TC" -n -S 65534 -G 65533 sh -c 'id -u; id -g; id -G'
compare_ns "no -S/-G, no -U: credentials untouched" -t "$TC" -n id
compare_ns "-U: no ambient capabilities" -t "$TA" -U grep CapAmb /proc/self/status
nsx -t "$TA" -U --keep-caps grep CapAmb /proc/self/status
check_match "-U --keep-caps: ambient capabilities raised" '^CapAmb:[[:space:]]+0*[1-9a-f][0-9a-f]*$' "$OUT"
nsx -t "$TB" -U grep CapAmb /proc/self/status
check_match "-U without --keep-caps: none" '^CapAmb:[[:space:]]+0+$' "$OUT"

# -S follow / -G follow: the owner of /proc/PID (util-linux 2.39)
start_target TF "$UL_UNSHARE" -n setpriv --reuid="$TEST_UID" --regid="$TEST_GID" --clear-groups sleep 600
check_nook "-S follow -G follow: the target's uid and gid" "0|$TEST_UID|$TEST_GID|" \
	-t "$TF" -n -S follow -G follow sh -c 'id -u; id -g'
check_nook "-S follow alone" "0|$TEST_UID|0|" -t "$TF" -n -S follow sh -c 'id -u; id -g'
check_nook "--setgid=follow alone" "0|0|$TEST_GID|" -t "$TF" -n --setgid=follow sh -c 'id -u; id -g'
end_target TF

# --preserve-credentials: a user namespace with no mapping at all
start_target TD "$UL_UNSHARE" -U sh -c 'exec sleep 600'
compare_ns "-U --preserve-credentials, nothing mapped: overflow uid" -t "$TD" -U --preserve-credentials id -u
check_nook "-U --preserve-credentials: uid unchanged (shown as overflow)" "0|65534|" \
	-t "$TD" -U --preserve-credentials id -u
nsx -t "$TD" -U id -u
check_eq "-U, nothing mapped: setgid fails, exit 1, one line" "1 1" "$RC $(wc -l <<<"$ERR")"
check_match "-U, nothing mapped: says why and what to do" \
	'^nook nsenter: setgid\(\) failed: Invalid argument .*--preserve-credentials' "$ERR"
end_target TD

# ============================================================ root, working directory
compare_ns "-w: the target's working directory" -t "$TA" -n -w pwd
check_nook "-w: the target's working directory" "0|$D/wd|" -t "$TA" -n -w pwd
compare_ns "-wDIR" -t "$TA" -n -w"$D/m" pwd
compare_ns "--wd=DIR" -t "$TA" -n --wd="$D/m" pwd
check_nook "-w=DIR (util-linux HEAD)" "0|$D/m|" -t "$TA" -n -w="$D/m" pwd
compare_ns "-r -m: the target's root, cwd its /" -t "$TA" -m -r pwd
compare_ns "-r -w" -t "$TA" -m -r -w pwd
check_nook "-r -w: the target's root and working directory" "0|$D/wd|" -t "$TA" -m -r -w pwd
compare_ns "-WDIR: a path in the target's mount namespace" -t "$TA" -m -W"$D/m" sh -c 'pwd; cat file'
compare_ns "--wdns=DIR" -t "$TA" -m --wdns="$D/m" sh -c 'pwd; cat file'
check_nook "-W DIR: in the target's mount namespace" "0|$D/m|nook-ta|" -t "$TA" -m -W"$D/m" sh -c 'pwd; cat file'
check_nook "-W=DIR (util-linux HEAD)" "0|$D/m|nook-tb|" -t "$TB" -m -W="$D/m" sh -c 'pwd; cat file'
check_nook "-W DIR as two words: optional argument, DIR is the program (util-linux HEAD)" \
	"126||nook nsenter: failed to execute $D/m: Permission denied" -t "$TA" -m -W "$D/m" pwd

# A target chrooted into a tiny root file system, with its own /proc.
R=$D/rootfs
make_rootfs "$R"
ln -s busybox "$R/bin/sleep"
ln -s busybox "$R/bin/env"
start_target TE env -i NOOK_MARK=te-$$ SHELL=/bin/sh PATH=/bin "$UL_UNSHARE" -f -p -u -n -i \
	--mount-proc="$R/proc" sh -c "hostname nook-te && exec /usr/sbin/chroot '$R' /bin/sh -c 'cd /tmp && exec sleep 600'"
compare_ns "-r: the target's root directory" -t "$TE" -u -r /bin/cat /marker
compare_ns "-r -w: root and working directory" -t "$TE" -u -r -w /bin/pwd
check_err_ns "-r, no namespace (util-linux 2.38.1 runs the program)" 1 "no namespace specified" \
	-t "$TE" -r /bin/cat /marker
compare_ns "-a -r -w" -t "$TE" -a -r -w /bin/sh -c 'pwd; cat /marker /proc/sys/kernel/hostname'
check_nook "-a -r -w: /marker, its cwd, its hostname" "0|/tmp|nook-rootfs|nook-te|" \
	-t "$TE" -a -r -w /bin/sh -c 'pwd; cat /marker /proc/sys/kernel/hostname'

# ============================================================ environment
nsx -t "$TE" -u -e -r /bin/env
check_eq "-e: exactly the target's environment" "0|$(tr '\0' '\n' <"/proc/$TE/environ" | sort | paste -sd'|')" \
	"$RC|$(sort <<<"$OUT" | paste -sd'|')"
NOOK_NSENTER_TEST=1 nsx -t "$TA" -n -e env
check_match "-e: the target's marker" "^NOOK_MARK=ta-$$\$" "$OUT"
check_eq "-e: none of ours" "0 0" "$RC $(grep -c '^NOOK_NSENTER_TEST=' <<<"$OUT")"
NOOK_NSENTER_TEST=1 nsx -t "$TA" -n sh -c 'echo ${NOOK_NSENTER_TEST:-unset} ${NOOK_MARK:-unset}'
check_eq "without -e: our environment" "0 1 unset" "$RC $OUT"
start_target TV env -i "$UL_UNSHARE" -n /bin/sleep 600
check_nook "-e, the target's environment is empty: so is the program's" "0||" -t "$TV" -n -e /usr/bin/env
end_target TV

# ============================================================ -F, fork, status
# -p forks: the program is in the PID namespace; -F: only its children are
# (the first readlink is a child of the shell, the second the shell itself)
kids_and_self='readlink /proc/self/ns/pid; exec readlink /proc/self/ns/pid'
compare_ns "-p: the program is in the PID namespace" -t "$TP" -p sh -c "$kids_and_self"
check_nook "-p: the program and its children in the target's" \
	"0|${NS[$TP/pid]}|${NS[$TP/pid]}|" -t "$TP" -p sh -c "$kids_and_self"
compare_ns "-p -F: no fork, only the program's children are" -t "$TP" -p -F sh -c "$kids_and_self"
check_nook "-p -F: the program's children in the target's, the program in ours" \
	"0|${NS[$TP/pid]}|${NS[$$/pid]}|" -t "$TP" -p -F sh -c "$kids_and_self"
nsx -t "$TP" -p -F sh -c 'echo $PPID'
check_eq "-p -F: the program replaces nsenter" "0 $$" "$RC $OUT"
nsx -t "$TP" -p sh -c 'cat /proc/$PPID/comm 2>/dev/null || echo outside'
check_eq "-p: the program is a child of nsenter (its parent is outside)" "0 outside" "$RC $OUT"

compare_ns "exit status" -t "$TC" -n sh -c 'exit 7'
compare_ns "exit status through the fork" -t "$TP" -p sh -c 'exit 7'
check_nook "exit status 7 through the fork" "7||" -t "$TP" -p sh -c 'exit 7'
compare_ns "killed by SIGTERM, no fork" -t "$TC" -n sh -c 'kill -TERM $$'
compare_ns "killed by SIGTERM: the parent re-raises it" -t "$TP" -p sh -c 'kill -TERM $$'
check_nook "killed by SIGTERM through the fork: 143" "143||" -t "$TP" -p sh -c 'kill -TERM $$'
compare_ns "killed by SIGKILL: the parent re-raises it" -t "$TP" -p sh -c 'kill -KILL $$'
printf 'echo should not run\n' >"$TMPD/noexec"
chmod 644 "$TMPD/noexec"
compare_ns "missing program" -t "$TC" -n /nonexistent
compare_ns "missing program, forked" -t "$TP" -p /nonexistent
compare_ns "non-executable program" -t "$TC" -n "$TMPD/noexec"
check_err_ns "missing program" 127 "failed to execute /nonexistent: No such file or directory" \
	-t "$TC" -n /nonexistent
check_err_ns "non-executable program" 126 "failed to execute $TMPD/noexec: Permission denied" \
	-t "$TP" -p "$TMPD/noexec"
RUN_STDIN='echo $0' SHELL=/bin/sh compare_ns "no program: login shell from \$SHELL" -t "$TC" -u

# ============================================================ -t NAME (nook)
# A copy of sleep with a name nothing else on this machine has.
N1=nook1t$ID
cp /bin/sleep "$D/bin/$N1"
start_target T1 -c "$N1" "$UL_UNSHARE" -n -u sh -c "hostname nook-t1 && exec '$D/bin/$N1' 600"
check_nook "-t NAME: the one process of that name" "0|${NS[$T1/net]}|nook-t1|" \
	-t "$N1" -n -u sh -c 'readlink /proc/self/ns/net; hostname'
nrun "$NOOK_NSENTER" --target="$N1" -n readlink /proc/self/ns/net
check_res "--target=NAME through the 'nsenter' link" "0|${NS[$T1/net]}|"
check_err_ns "-t NAME: no such process" 1 "no process is named 'nooknone$ID'" -t "nooknone$ID" -n true
check_err_ns "-t NAME: no such process, similar names listed" 1 \
	"no process is named exactly 'ook1t$ID'; similar: $N1 ($T1)" -t "ook1t$ID" -n true
end_target T1

# Names longer than the 15 bytes the kernel keeps as comm: argv[0] says the rest.
NL=nook-long-name-$ID
cp /bin/sleep "$D/bin/$NL"
start_target TL -c "${NL:0:15}" "$UL_UNSHARE" -u sh -c "hostname nook-tl && exec '$D/bin/$NL' 600"
check_nook "-t NAME longer than 15 bytes" "0|nook-tl|" -t "$NL" -u hostname
end_target TL

# A process of that name that has exited (a zombie its parent has not
# reaped) has no namespaces and cannot be entered: it is no candidate.
NZ=nookzomb$ID
cp /bin/sleep "$D/bin/$NZ"
start_target TZ sh -c "'$D/bin/$NZ' 0 & exec sleep 600"
for ((i = 0; i < 200; i++)); do
	zombie=$(descendants "$TZ" "$NZ")
	[ -n "$zombie" ] && is_dead "$zombie" && break
	sleep 0.05
done
start_target TZL -c "$NZ" "$UL_UNSHARE" -n "$D/bin/$NZ" 600
check_eq "-t NAME: one zombie, one live process of that name" "Z S" \
	"$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/${zombie:-0}/stat" "/proc/$TZL/stat" 2>&1 | paste -sd' ')"
check_nook "-t NAME: an exited (zombie) process of that name is no candidate" "0|${NS[$TZL/net]}|" \
	-t "$NZ" -n readlink /proc/self/ns/net
nrun "$NOOK" enter "$NZ" readlink /proc/self/ns/net
check_res "enter NAME: the zombie of that name is no candidate either" "0|${NS[$TZL/net]}|"
end_target TZL
end_target TZ

# Two processes of one name in the same network namespace, with different
# working directories and environments: the oldest is entered.
N2=nook2t$ID
cp /bin/sleep "$D/bin/$N2"
touch "$PF/n2"
push_cleanup umount -l "$PF/n2"
"$UL_UNSHARE" --net="$PF/n2" true
for w in first second; do
	mkdir -p "$D/$w"
	(cd "$D/$w" && exec env NOOK_WHO=$w "$UL_NSENTER" --net="$PF/n2" "$D/bin/$N2" 600) </dev/null &
	push_cleanup _end_target $! $!
	disown
done
for ((i = 0; i < 200; i++)); do
	mapfile -t n2 < <(pgrep -x "$N2")
	[ ${#n2[@]} -ge 2 ] && break
	sleep 0.05
done
# the oldest as pgrep -o: the earliest start, then the lowest PID
old=$(for p in "${n2[@]}"; do echo "$(starttime "$p") $p"; done | sort -n -k1,1 -k2,2 | head -n1 | cut -d' ' -f2)
who=$(tr '\0' '\n' <"/proc/$old/environ" | sed -n 's/^NOOK_WHO=//p')
learn_ns "$old"
check_eq "-t NAME: two processes running" "2" "${#n2[@]}"
check_nook "-t NAME, several in the same namespaces: the oldest" \
	"0|${NS[$old/net]}|$(readlink "/proc/$old/cwd")|$who|" \
	-t "$N2" -n -w -e sh -c 'readlink /proc/self/ns/net; pwd; echo $NOOK_WHO'

# A third in another network namespace: which one is meant is a guess.
start_target T3 -c "$N2" "$UL_UNSHARE" -n "$D/bin/$N2" 600
list=$(for p in "${n2[@]}" "$T3"; do echo "$(starttime "$p") $p"; done | sort -n -k1,1 -k2,2 |
	cut -d' ' -f2 | paste -sd, | sed 's/,/, /g')
check_err_ns "-t NAME, several in different namespaces" 1 \
	"3 processes are named '$N2', in different namespaces, roots or of different users: $list; give a PID" \
	-t "$N2" -n true
check_nook "-t NAME, several, but the same in the namespaces entered (-u): the oldest" \
	"0|${NS[$old/uts]}|$who|" -t "$N2" -u -e sh -c 'readlink /proc/self/ns/uts; echo $NOOK_WHO'
end_target T3

# Anyone may call a process anything: root is not led by a name into another
# user's process on the host (and its environment: LD_PRELOAD and all).
NH=nookh$ID
cp /bin/sleep "$D/bin/$NH"
start_target TH1 -c "$NH" setpriv --reuid="$TEST_UID" --regid="$TEST_GID" --clear-groups \
	env NOOK_BAIT=1 "$D/bin/$NH" 600
check_err_ns "-t NAME: another user's host process, found by name" 1 \
	"the process named '$NH' (PID $TH1) belongs to uid $TEST_UID, not to root: by name, root enters only its own processes and containers'; give the PID" \
	-t "$NH" -n -e true
start_target TH2 -c "$NH" "$D/bin/$NH" 600
check_err_ns "-t NAME: root's and another user's process of one name" 1 \
	"2 processes are named '$NH', in different namespaces, roots or of different users: $TH1, $TH2; give a PID" \
	-t "$NH" -n true
end_target TH1
check_nook "-t NAME: root's own process once it is the only one" "0|$TH2|" -t "$NH" -n sh -c 'echo '"$TH2"
end_target TH2

# ============================================================ --net=NAME (nook)
NETNS=nooktest$ID
if ! ip netns add "$NETNS"; then
	fail "--net=NAME: ip netns add $NETNS"
else
	push_cleanup ip netns delete "$NETNS"
	netns_ino=$(nsid "/run/netns/$NETNS")
	check_nook "--net=NAME: the 'ip netns' namespace" "0|net:[$netns_ino]|" --net="$NETNS" readlink /proc/self/ns/net
	check_nook "-nNAME" "0|net:[$netns_ino]|" -n"$NETNS" readlink /proc/self/ns/net
	check_nook "-n=NAME" "0|net:[$netns_ino]|" -n="$NETNS" readlink /proc/self/ns/net
	nrun "$NOOK_NSENTER" --net="$NETNS" readlink /proc/self/ns/net
	check_res "--net=NAME through the 'nsenter' link" "0|net:[$netns_ino]|"
	# a file of that name in the working directory comes first
	touch "$D/$NETNS"
	push_cleanup umount -l "$D/$NETNS"
	"$UL_UNSHARE" --net="$D/$NETNS" true
	nrun env -C "$D" "$NOOK" nsenter --net="$NETNS" readlink /proc/self/ns/net
	check_res "--net=NAME: a file NAME wins over the netns" "0|net:[$(nsid "$D/$NETNS")]|"
	check_ne "--net=NAME: (the file is another namespace)" "$netns_ino" "$(nsid "$D/$NETNS")"
fi
check_err_ns "--net=NAME: no such file nor netns" 1 \
	"cannot open nooknone$ID: No such file or directory (nor is there a network namespace /run/netns/nooknone$ID)" \
	--net="nooknone$ID" true
check_eq "--net=NAME: nothing made in /run/netns" "no" "$(test -e "/run/netns/nooknone$ID" && echo yes || echo no)"

# ============================================================ --read-only (nook)
# TR: a mount namespace with a tmpfs holding a file.
mkdir -p "$D/ro" "$D/rowd"
start_target TR "$UL_UNSHARE" -m --propagation private sh -c \
	"mount -t tmpfs nook-ro '$D/ro' && echo data >'$D/ro/file' && cd '$D/rowd' && exec sleep 600"
ROTEST=/nook-ro-test.$ID
push_cleanup rm -f "$ROTEST"
# ro_probe - inside: read the file, then try to open for writing (creating,
# appending nothing) a file on the tmpfs, one on /, and a sysctl
ro_probe='cat "$0/ro/file"
for f in "$0/ro/new" "$1" /proc/sys/kernel/hostname; do
	(: >>"$f") 2>&1 | sed "s/.*: //"
done'
ro_want="0|data|Read-only file system|Read-only file system|Read-only file system|"
tr_mounts=$(awk '{ print $5, $6 }' "/proc/$TR/mountinfo")
mounts_before=$(host_mountinfo)
check_nook "--read-only: reads work, writes fail with EROFS (tmpfs, /, /proc/sys)" "$ro_want" \
	-t "$TR" --read-only sh -c "$ro_probe" "$D" "$ROTEST"
check_nook "--mount-ro: the same" "$ro_want" -t "$TR" --mount-ro sh -c "$ro_probe" "$D" "$ROTEST"
check_nook "--read-only -m: the same" "$ro_want" -t "$TR" -m --read-only sh -c "$ro_probe" "$D" "$ROTEST"
check_nook "--read-only: in the target's mount namespace (its tmpfs)" \
	"0|$(findmnt -N "$TR" -n -o SOURCE "$D/ro")|" -t "$TR" --read-only findmnt -n -o SOURCE "$D/ro"
check_nook "--read-only: its own private copy of it" "0|yes|" -t "$TR" --read-only sh -c \
	"test \"\$(readlink /proc/self/ns/mnt)\" != '${NS[$TR/mnt]}' && echo yes"
check_nook "--read-only -r -w: the target's working directory" "0|$D/rowd|" -t "$TR" --read-only -r -w pwd
check_nook "-r /:/ro, the tutorials' spelling (util-linux: a program named /:/ro): root, read-only" \
	"$ro_want" -t "$TR" -r /:/ro sh -c "$ro_probe" "$D" "$ROTEST"
check_nook "--mount-ro -W DIR" "0|$D/ro|data|" -t "$TR" --mount-ro -W"$D/ro" sh -c 'pwd; cat file'
check_eq "--read-only: the target's mounts unchanged" "$tr_mounts" \
	"$(awk '{ print $5, $6 }' "/proc/$TR/mountinfo")"
check_match "--read-only: the target's tmpfs and / still rw" "^/ rw,.*\|$D/ro rw," \
	"$(awk -v d="$D/ro" '$5 == "/" || $5 == d { print $5, $6 }' "/proc/$TR/mountinfo" | paste -sd'|')"
check_eq "--read-only: nothing written in the target" "no|no" \
	"$("$UL_NSENTER" -t "$TR" -m sh -c "test -e '$D/ro/new' && echo yes || echo no")|$(test -e "$ROTEST" && echo yes || echo no)"
check_eq "--read-only: the target can still write" "0" \
	"$("$UL_NSENTER" -t "$TR" -m sh -c ": >'$D/ro/probe' && rm '$D/ro/probe'"; echo $?)"
check_eq "--read-only: our mounts unchanged" "$mounts_before" "$(host_mountinfo)"
compare_ns "-m only: writes allowed (no --read-only in util-linux)" -t "$TR" -m sh -c \
	": >'$D/ro/w' && cat '$D/ro/file' && rm '$D/ro/w'"

# ============================================================ PID extensions (nook)
# --pid-for-children: "unshare -p" without -f: the process is in our PID
# namespace, its children go to the new one, which has no process yet.
# util-linux can open no /proc/PID/ns/pid_for_children then (ENOENT).
start_target TK "$UL_UNSHARE" -p sh -c 'exec sleep 600'
nsx -t "$TK" --pid-for-children sh -c 'echo $$; readlink /proc/self/ns/pid'
check_eq "--pid-for-children: unshare -p (no -f): first process there, PID 1" "0 1" "$RC $(line 1 "$OUT")"
check_ne "--pid-for-children: not our PID namespace" "${NS[$$/pid]}" "$(line 2 "$OUT")"
check_eq "--pid-for-children: the target itself is still in ours" "${NS[$$/pid]}" "${NS[$TK/pid]}"
end_target TK
# unshare -p -f: the parent's pid_for_children is the child's PID namespace
check_nook "--pid-for-children on unshare -p -f's parent: the child's namespace" \
	"0|${NS[$TP/pid]}|" -t "$TP_LAUNCHER" --pid-for-children readlink /proc/self/ns/pid
check_ul "--pid=/proc/PID/ns/pid_for_children: the same by file" "0|${NS[$TP/pid]}|" \
	--pid="/proc/$TP_LAUNCHER/ns/pid_for_children" readlink /proc/self/ns/pid

# --mount-proc: a /proc of the entered PID namespace, in a private mount namespace
mounts_before=$(host_mountinfo)
nsx -t "$TP" --mount-proc ps -e -o pid=,comm=
check_eq "--mount-proc: ps sees the target's PID namespace only" "0|1 sleep|N ps|" \
	"$RC|$(squeeze <<<"$OUT" | sed -E 's/^[0-9]+ ps$/N ps/' | paste -sd'|')|$ERR"
check_nook "-p --mount-proc: /proc/1 is the target" "0|sleep|" -t "$TP" -p --mount-proc cat /proc/1/comm
mkdir -p "$D/proc"
check_nook "--mount-proc=DIR" "0|sleep|proc|" -t "$TP" --mount-proc="$D/proc" \
	sh -c "cat '$D/proc/1/comm'; findmnt -n -o FSTYPE '$D/proc'"
check_eq "--mount-proc: our /proc and mounts untouched" "$mounts_before" "$(host_mountinfo)"
check_eq "--mount-proc=DIR: not mounted outside" "" "$(findmnt -n "$D/proc")"
check_err_ns "--mount-proc with -F" 1 \
	"--mount-proc needs a child in the PID namespace; it cannot be combined with --no-fork" \
	-t "$TP" --mount-proc -F true

# ============================================================ -t PID:INODE (util-linux 2.42)
ino=$(pidfd_ino "$TC")
check_nook "-t PID:INODE: the right inode" "0|${NS[$TC/net]}|" -t "$TC:$ino" -n readlink /proc/self/ns/net
check_err_ns "-t PID:INODE: a wrong inode" 1 \
	"failed to obtain a valid file descriptor for PID $TC: No such process" -t "$TC:$((ino + 1))" -n true

# ============================================================ -c (util-linux 2.40)
CGROOT=$(findmnt -n -t cgroup2 -o TARGET | head -n1)
if [ -z "$CGROOT" ]; then
	skip "-c" "no cgroup2 hierarchy to make a cgroup in"
elif ! mkdir "$CGROOT/nooktest$ID"; then
	fail "-c: mkdir $CGROOT/nooktest$ID"
else
	CG=$CGROOT/nooktest$ID
	cg_ours=$(grep '^0::' /proc/self/cgroup)
	# runs after the target below is gone (the stack unwinds in reverse)
	push_cleanup rmdir "$CG"
	start_target TG "$UL_UNSHARE" -n sh -c "echo \$\$ >'$CG/cgroup.procs' && exec sleep 600"
	check_eq "-c: the target is in its cgroup" "0::/nooktest$ID" "$(grep '^0::' "/proc/$TG/cgroup")"
	check_nook "-c: the program joins the target's cgroup" "0|0::/nooktest$ID|" \
		-t "$TG" -n -c sh -c 'grep "^0::" /proc/self/cgroup'
	check_nook "--join-cgroup" "0|0::/nooktest$ID|" -t "$TG" -n --join-cgroup sh -c 'grep "^0::" /proc/self/cgroup'
	check_eq "-c: we stay where we were" "$cg_ours" "$(grep '^0::' /proc/self/cgroup)"
	end_target TG
fi
check_err_ns "-c without -t" 1 "neither filename nor target pid supplied for cgroup" -n"$PF/net" -c true

# ============================================================ -N (util-linux 2.41)
# A process in our network namespace holding a socket made in another one.
spawn /usr/bin/python3 -c '
import ctypes, os, socket, sys, time
libc = ctypes.CDLL(None, use_errno=True)
ours = os.open("/proc/self/ns/net", os.O_RDONLY)
if libc.unshare(0x40000000) != 0:
    sys.exit("unshare: " + os.strerror(ctypes.get_errno()))
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
inner = os.readlink("/proc/self/ns/net")
if libc.setns(ours, 0x40000000) != 0:
    sys.exit("setns: " + os.strerror(ctypes.get_errno()))
f = open("/etc/hostname")
print(s.fileno(), f.fileno(), inner, flush=True)
time.sleep(600)
'
read_line "$SPAWN_FD" sk_line
read -r sk_fd file_fd sk_ns <<<"${sk_line:-}"
learn_ns "$SPAWN_PID"
check_eq "-N: the holder is in our network namespace" "${NS[$$/net]}" "${NS[$SPAWN_PID/net]}"
check_nook "-N FD: the socket's network namespace" "0|${sk_ns:-?}|" -t "$SPAWN_PID" -N "${sk_fd:-?}" readlink /proc/self/ns/net
check_ne "-N FD: not ours" "${NS[$$/net]}" "${sk_ns:-}"
check_nook "--net-socket=FD" "0|${sk_ns:-?}|" -t "$SPAWN_PID" --net-socket="${sk_fd:-?}" readlink /proc/self/ns/net
nsx -t "$SPAWN_PID" -N "${file_fd:-?}" true
check_eq "-N FD, FD not a socket: exit 1, one line" "1 1 " "$RC $(wc -l <<<"$ERR") $OUT"
check_match "-N FD, FD not a socket: names the fd" "^nook nsenter: .*fd ${file_fd:-?}\b" "$ERR"
check_err_ns "-N without -t" 1 "no target PID specified" -N 0 true
check_err_ns "-N abc" 1 "failed to parse file descriptor: 'abc'" -N abc true
stop_spawn

# ============================================================ --user-parent (util-linux 2.40)
# nested user namespaces: the outer unshare -f stays in the outer one
start_target TU "$UL_UNSHARE" -U -r -f "$UL_UNSHARE" -U -r sh -c 'exec sleep 600'
outer=${NS[$TU_LAUNCHER/user]}
check_ne "nested user namespaces: inner and outer differ" "$outer" "${NS[$TU/user]}"
check_nook "--user-parent: the parent of the target's user namespace" "0|$outer|" \
	-t "$TU" --user-parent readlink /proc/self/ns/user
check_nook "-U --user-parent" "0|$outer|0|" -t "$TU" -U --user-parent sh -c 'readlink /proc/self/ns/user; id -u'
check_nook "-U alone: the inner one" "0|${NS[$TU/user]}|" -t "$TU" -U readlink /proc/self/ns/user
end_target TU

# ============================================================ -Z
nsx -t "$TC" -u -Z hostname
check_eq "-Z: runs the program" "0 nook-tc" "$RC $OUT"
if [ -e /sys/fs/selinux/enforce ]; then
	skip "-Z: warns that SELinux is off" "SELinux is enabled here"
else
	check_match "-Z: warns that SELinux is not enabled" '^nook nsenter: .*SELinux is not enabled' "$ERR"
fi
if [ -e /sys/fs/selinux/enforce ]; then
	check_err_ns "-Z without -t" 1 "no target PID specified for --follow-context" -Z -n"$PF/net" true
else
	nsx -Z -n"$PF/net" true
	check_eq "-Z without -t, SELinux off: a warning, and on (util-linux ignores -Z then)" \
		"0 1" "$RC $(grep -c 'SELinux is not enabled' <<<"$ERR")"
fi

# ============================================================ bad input
dead_pid=$(sh -c 'echo $$')
compare_ns "dead PID" -t "$dead_pid" -n true
check_err_ns "dead PID" 1 "cannot open /proc/PID/ns/net: No such file or directory" -t "$dead_pid" -n true
if [ "$(cat /proc/2/comm 2>/dev/null)" = kthreadd ]; then
	check_err_ns "kernel thread" 1 "cannot enter the namespaces of PID 2 (kthreadd): it is a kernel thread" \
		-t 2 -n true
	check_err_ns "kernel thread, -a" 1 "cannot enter the namespaces of PID 2 (kthreadd): it is a kernel thread" \
		-t 2 -a true
else
	skip "kernel thread" "PID 2 is no kthreadd here"
fi
check_err_ns "not a namespace file" 1 "cannot use /etc/passwd for --net: not a namespace file" --net=/etc/passwd true
check_err_ns "namespace file of the wrong type" 1 "cannot use $PF/uts for --net: it is a uts namespace" \
	--net="$PF/uts" true
check_err_ns "missing file" 1 "cannot open $PF/none: No such file or directory" -m"$PF/none" true
check_err_ns "--net=:NSID, not a number" 1 "failed to parse nsid: abc" --net=:abc true
if awk -F. '{ exit !($1 < 6 || ($1 == 6 && $2 < 19)) }' <<<"$(uname -r)"; then
	nsx --net=:4026531833 true
	check_eq "--net=:NSID before Linux 6.19: exit 1, one line" "1 1 " "$RC $(wc -l <<<"$ERR") $OUT"
	check_match "--net=:NSID before Linux 6.19: says it needs 6.19" \
		'^nook nsenter: cannot open namespace of id 4026531833: .*from Linux 6\.19 on' "$ERR"
else
	skip "--net=:NSID before Linux 6.19" "this kernel finds namespaces by id"
fi
if as_user test -x "$NOOK"; then
	check_err_ns --as-user "no permission: nook-test into root's network namespace" 1 \
		"reassociate to namespaces failed: Operation not permitted" -t "$TC" -n true
else
	skip "no permission" "$TEST_USER cannot run $NOOK"
fi
compare_ns "unknown option" --bogus
check_err_ns "-t 0" 1 "failed to parse PID argument '0': Numerical result out of range" -t 0 -n true
check_err_ns "-t 12x: not a PID, so a name (7zip is one)" 1 "no process is named '12x'" -t 12x -n true
check_err_ns "-t -5" 1 "failed to parse PID argument '-5': Numerical result out of range" -t -5 -n true
compare_ns "-S abc" -S abc true
check_err_ns "-S abc" 1 "failed to parse uid: 'abc'" -t "$TC" -n -S abc true
check_err_ns "-G abc" 1 "failed to parse gid: 'abc'" -t "$TC" -n -G abc true
check_err_ns "no namespace (util-linux 2.38.1 just runs the program)" 1 "no namespace specified" true
check_err_ns "-t but no namespace" 1 "no namespace specified" -t "$TC" true
check_err_ns "-n without -t (2.38.1: neither filename nor target pid)" 1 "no target PID specified" -n true
compare_ns "-a without -t" -a true
check_err_ns "-a without -t" 1 "no target PID specified for --all" -a true
check_err_ns "--user-parent, target in the initial user namespace" 1 \
	"failed to open parent namespace: Operation not permitted" -t "$TC" --user-parent true
check_err_ns "--read-only without -t" 1 "no target PID specified" --read-only true
check_err_ns "--mount-proc without -t" 1 "no target PID specified" --mount-proc true
check_err_ns "--pid-for-children without -t" 1 "no target PID specified" --pid-for-children true
check_err_ns "-t twice" 1 "option --target may be given only once" -t "$TC" -t "$TC" -n true
check_err_ns "-w with -W" 1 "options --wdns and --wd cannot be combined" -t "$TC" -n -w/tmp -W/tmp true
check_err_ns "-W with -w" 1 "options --wdns and --wd cannot be combined" -t "$TC" -n --wdns=/tmp --wd=/tmp true
nrun "$NOOK" nsenter --bogus
check_eq "unknown option: getopt's message and the Try line" \
	"1|nook nsenter: unrecognized option '--bogus'|Try 'nook nsenter --help' for more information." \
	"$RC|$(paste -sd'|' <<<"$ERR")"

# ============================================================ help, version
nrun "$NOOK_NSENTER" --help
check_eq "--help: usage on stdout, exit 0" "0||Usage:| nsenter [options] [<program> [<argument>...]]" \
	"$RC|$(head -3 <<<"$OUT" | paste -sd'|')$ERR"
missing=""
for o in all target mount uts ipc net net-socket pid cgroup user user-parent time setuid setgid \
	preserve-credentials keep-caps root wd wdns env no-fork join-cgroup follow-context \
	read-only pid-for-children mount-proc help version; do
	grep -q -- "--$o\b" <<<"$OUT" || missing+=" --$o"
done
check_eq "--help: lists every option" "" "$missing"
nrun "$NOOK_NSENTER" --version
check_match "--version" '^nsenter from ' "$OUT"

# ============================================================ nook enter
# TE: chrooted into $R, cwd /tmp, its own PID, UTS, network and IPC
# namespaces and /proc, NOOK_MARK and SHELL=/bin/sh in its environment.
nrun "$NOOK" enter "$TE" /bin/sh -c 'cat /marker; pwd; cat /proc/sys/kernel/hostname; echo $NOOK_MARK'
check_res "enter PID: the target's root, cwd, hostname, environment" "0|nook-rootfs|/tmp|nook-te|te-$$|"
nrun "$NOOK" enter "$TE" /bin/sh -c "$all_ns"
check_res "enter PID: all the target's namespaces" "0|${NSL[$TE]}|"
nrun "$NOOK" enter "$TE" /bin/sh -c 'test $$ -gt 1 && echo child; cat /proc/1/comm; id -u'
check_res "enter PID: a child in the PID namespace, as root" "0|child|sleep|0|"
# by name: a copy of sleep, outside the chroot
NE=nookent$ID
cp /bin/sleep "$D/bin/$NE"
mkdir -p "$D/ewd"
start_target TN -c "$NE" env NOOK_MARK=tn-$$ "$UL_UNSHARE" -n -u sh -c \
	"hostname nook-tn && cd '$D/ewd' && exec '$D/bin/$NE' 600"
nrun "$NOOK" enter "$NE" sh -c 'hostname; pwd; echo $NOOK_MARK; readlink /proc/self/ns/net'
check_res "enter NAME: by command name" "0|nook-tn|$D/ewd|tn-$$|${NS[$TN/net]}|"
end_target TN

nrun "$NOOK" enter --read-only "$TE" /bin/sh -c 'cat /marker; (: >>/marker) 2>&1 | sed "s/.*: //"; (: >>/tmp/x) 2>&1 | sed "s/.*: //"'
check_res "enter --read-only: reads work, writes fail" "0|nook-rootfs|Read-only file system|Read-only file system|"
check_eq "enter --read-only: nothing written" "no" "$(test -e "$R/tmp/x" && echo yes || echo no)"
nrun "$NOOK" enter -u 65534:65533 "$TE" /bin/sh -c 'id -u; id -g; id -G'
check_res "enter -u UID:GID" "0|65534|65533|65533|"
nrun "$NOOK" enter --user=1000 "$TE" /bin/sh -c 'id -u; id -g'
check_res "enter --user=UID: gid the same" "0|1000|1000|"
nrun "$NOOK" enter -w /bin "$TE" /bin/pwd
check_res "enter -w DIR: a directory inside the target" "0|/bin|"
nrun "$NOOK" enter --workdir=/proc/1 "$TE" /bin/sh -c 'pwd; cat comm'
check_res "enter --workdir=DIR" "0|/proc/1|sleep|"
nrun env NOOK_CALLER=yes "$NOOK" enter --no-env "$TE" /bin/sh -c 'echo ${NOOK_MARK:-none} ${NOOK_CALLER:-none}'
check_res "enter --no-env: our environment, not the target's" "0|none yes|"
nrun env NOOK_CALLER=yes "$NOOK" enter "$TE" /bin/sh -c 'echo ${NOOK_MARK:-none} ${NOOK_CALLER:-none}'
check_res "enter: the target's environment, not ours" "0|te-$$ none|"
RUN_STDIN='echo $0; pwd' nrun env SHELL=/bin/bash "$NOOK" enter "$TE"
check_res "enter, no command: a login shell (the target's \$SHELL), in its cwd" "0|-sh|/tmp|"
RUN_STDIN='echo $0' nrun env SHELL=/bin/sh "$NOOK" enter --no-env "$TE"
check_res "enter --no-env, no command: a login shell from our \$SHELL" "0|-sh|"
nrun "$NOOK" enter -u 1000 "$TA" true
check_eq "enter -u, uid not mapped in the target's user namespace: exit 1, one line" "1 1" "$RC $(wc -l <<<"$ERR")"
check_match "enter -u, not mapped: says so" '^nook enter: setgid\(\) failed: Invalid argument \(gid 1000 is not mapped' "$ERR"
check_eq "enter -u, not mapped: the hint names no option nook enter lacks" "" \
	"$(grep -oE -- '(^|[ (])(-G|-S|--preserve-credentials)\b' <<<"$ERR")"
ino=$(pidfd_ino "$TE")
nrun "$NOOK" enter "$TE:$ino" /bin/cat /marker
check_res "enter PID:INODE" "0|nook-rootfs|"

nrun "$NOOK" enter
check_res "enter, no target: exit 1, says so" \
	"1||nook enter: no target given: a PID or a command name|Try 'nook enter --help' for more information."
nrun "$NOOK" enter "nooknone$ID" true
check_res "enter NAME, no such process" "1||nook enter: no process is named 'nooknone$ID'"
nrun "$NOOK" enter "$dead_pid" true
check_eq "enter, dead PID: exit 1, one line" "1 1 " "$RC $(wc -l <<<"$ERR") $OUT"
nrun "$NOOK" enter --bogus "$TE"
check_eq "enter, unknown option" "1|nook enter: unrecognized option '--bogus'|Try 'nook enter --help' for more information." \
	"$RC|$(paste -sd'|' <<<"$ERR")"
nrun "$NOOK" enter "$TE" /nonexistent
check_res "enter, missing program: 127" "127||nook enter: failed to execute /nonexistent: No such file or directory"
nrun "$NOOK" enter "$TE" /bin/sh -c 'exit 9'
check_res "enter: exit status" "9||"
nrun "$NOOK" enter --help
check_eq "enter --help: exit 0, usage" "0 yes" "$RC $(grep -q -- '--read-only' <<<"$OUT" && echo yes)$ERR"

# ============================================================ the end
for tgt in TE TP TC TB TA TR; do
	end_target "$tgt"
done

done_testing
