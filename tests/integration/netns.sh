#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# netns.sh - integration tests for "nook netns", side by side with iproute2's
# "ip netns" (6.1 on Debian 12), as root.
#
# Most comparisons run in a sandbox: a process holding a private mount
# namespace, with a tmpfs of its own on /run/netns, and a network namespace
# of its own, entered with nsenter for each command.  There the listings,
# NSIDs, "-all delete" and "-all exec" see only what this script made, while
# other tests on the machine add and delete names in the real /run/netns.
# Interoperation (ip makes, nook uses, and the other way round) and "exec"
# run on the real /run/netns with names that carry this script's prefix.
# Every name, file and process made here is removed or killed (by PID) at
# exit.
#
#   NOOK=/tmp/build/nook prove -v tests/integration/netns.sh

# Single-quoted $ is for the shells run inside namespaces (file-wide):
# shellcheck disable=SC2016
# shellcheck source=tests/integration/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/integration/net-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/net-lib.sh"

require_net nsenter

P=nkns$ID # every name made here starts with this

# ---------------------------------------------------------------- helpers

# capture CMD... - exit status, stdout and stderr of CMD as one text; nook's
# "try \"nook netns help\"" reads as ip's
capture()
{
	run "$@"
	printf 'rc=%s\n%s\n-- stderr:\n%s' "$RC" "$OUT" \
		"$(sed -e 's/try "nook netns help"/try "ip netns help"/' <<<"$ERR")"
}

# in_sb CMD... - run CMD in the sandbox (its mount and network namespaces)
in_sb()
{
	nsenter -m -n -t "$SB_PID" "$@"
}

# compare DESC ARGS... - "ip ARGS" and "nook ARGS" in the sandbox: the same
# exit status, stdout and stderr.  For commands that change nothing, or fail.
compare()
{
	local desc=$1 want got

	shift
	parity "$IP_SKIP" "$desc" || return 0
	want=$(capture in_sb ip "$@")
	got=$(capture in_sb "$NOOK" "$@")
	check_eq "$desc" "$want" "$got"
}

# compare_host DESC ARGS... - as compare, on the real /run/netns
compare_host()
{
	local desc=$1 want got

	shift
	parity "$IP_SKIP" "$desc" || return 0
	want=$(capture ip "$@")
	got=$(capture "$NOOK" "$@")
	check_eq "$desc" "$want" "$got"
}

# ip_eq DESC WANT GOT - check_eq where WANT is ip's: skipped on another
# iproute2 than the one the comparisons were written against
ip_eq()
{
	parity "$IP_SKIP" "$1" && check_eq "$@"
}

# quiet_ok DESC CMD... - CMD succeeds and prints nothing (as ip's add, set, delete)
quiet_ok()
{
	local desc=$1

	shift
	run "$@"
	check_eq "$desc" "rc=0" "rc=$RC$OUT$ERR"
}

# fresh CMD... - run CMD in a private mount namespace whose /run is a new
# shared tmpfs without a netns directory (a freshly booted machine)
fresh()
{
	unshare -m --propagation private sh -c \
		'mount -t tmpfs nkns /run && mount --make-shared /run && exec "$@"' _ "$@"
}

# fresh_nn CMD... - run CMD in a private mount namespace with a tmpfs of its
# own on /run/netns
fresh_nn()
{
	unshare -m --propagation private sh -c \
		'mount -t tmpfs nkns /run/netns && exec "$@"' _ "$@"
}

# host_del NAME... - remove names from the real /run/netns (cleanup)
host_del()
{
	local n

	for n in "$@"; do
		umount -l "/run/netns/$n" 2>/dev/null
		rm -f "/run/netns/$n"
	done
	return 0
}

# mounted PATH [MOUNTINFO [FSTYPE]] - how many mounts (of FSTYPE) sit exactly on PATH
mounted()
{
	local info=${2:-$(cat /proc/self/mountinfo)}

	awk -v p="$1" -v t="${3:-}" '$5 == p {
		for (i = 7; $i != "-"; i++)
			;
		if (t == "" || $(i + 1) == t)
			n++
	} END { print n + 0 }' <<<"$info"
}

# json_canon TEXT - TEXT as canonical JSON, or "not JSON: TEXT"
json_canon()
{
	perl -MJSON::PP -e 'my $in = do { local $/; <STDIN> };
		my $d = eval { JSON::PP->new->decode($in) };
		print defined $d ? JSON::PP->new->canonical->encode($d) : "not JSON: $in";' <<<"$1"
}

# ---------------------------------------------------------------- the sandbox

spawn unshare -m -n --propagation private sh -c \
	'mkdir -p /run/netns && mount -t tmpfs nkns /run/netns && echo ready && exec sleep 1000000'
SB_PID=$SPAWN_PID
if ! read_line "$SPAWN_FD" line || [ "$line" != ready ]; then
	fail "sandbox starts" "$(cat "$TMPD/spawn.err")"
	done_testing
fi
pass "sandbox starts"

# ---------------------------------------------------------------- words and arguments

compare "no sub-command, no names" netns
compare "add without a name" netns add
compare "add a/b: invalid name" netns add a/b
compare "add ..: invalid name" netns add ..
compare "add '': invalid name" netns add ""
compare "add a name longer than NAME_MAX" netns add "$(printf 'x%.0s' {1..256})"
compare "any word after the sub-command is checked" netns monitor a/b
compare "unknown sub-command" netns bogus
compare "empty sub-command is unknown" netns ""
compare "exec without a name" netns exec
compare "exec without a command" netns exec "$P-x"
compare "exec of a name that does not exist" netns exec "$P-nosuch" true
compare "delete without a name" netns delete
compare "delete a name that does not exist" netns del "$P-nosuch"
compare "set without a name" netns set
compare "set without an NSID" netns set "$P-x"
compare "set: a negative NSID" netns set "$P-x" -1
compare "set: a word for an NSID" netns set "$P-x" abc
compare "set: an NSID too large" netns set "$P-x" 0x7fffffffff
compare "set: a name that does not exist" netns set "$P-nosuch" 3
compare "attach without a PID" netns attach "$P-x"
compare "attach: PID 0" netns attach "$P-x" 0
compare "attach: PID not a number" netns attach "$P-x" abc
compare "identify: not a PID" netns identify abc
compare "identify: extra arguments" netns identify 1 2
compare "identify: a PID that does not exist" netns identify 999999999
compare "identify ourselves: no name" netns identify
compare "pids without a name" netns pids
compare "pids: extra arguments" netns pids a b
compare "pids of a name that does not exist" netns pids "$P-nosuch"
compare "list-id: incomplete" netns list-id target-nsid
compare "list-id: negative target (ip names the next word)" netns list-id target-nsid -1
compare "list-id: negative target, a word after" netns list-id target-nsid -1 nsid
compare "list-id: NSID not a number" netns list-id nsid abc
compare "list-id: NSID twice" netns list-id nsid 1 nsid 2
compare "list-id: target twice" netns list-id target-nsid 1 target-nsid 2
compare "list-id: an NSID nobody has" netns list-id nsid 999
compare "-all exec without a command" -all netns exec
compare "-all delete with no names" -all netns delete
compare "monitor: no such option" netns monitor extra/arg

# help: ip's text with "ip" read as "nook", and connect after monitor
run in_sb ip netns help
want=$(printf 'rc=%s\n%s' "$RC" "$ERR" | sed -E -e 's/\bip /nook /g' \
	-e '/netns monitor$/a\	nook netns connect NS1 NS2 [--addr CIDR1 CIDR2] | connect NS --bridge BR [--addr CIDR]')
run in_sb "$NOOK" netns help
ip_eq "help: ip's text on stderr, exit 255, nothing on stdout" "$want" "rc=$RC$OUT"$'\n'"$ERR"
run in_sb "$NOOK" netns h
ip_eq "'h' is help" "$want" "rc=$RC$OUT"$'\n'"$ERR"
run in_sb "$NOOK" netns list-id bogus
ip_eq "list-id with an unknown word prints the help" "$want" "rc=$RC$OUT"$'\n'"$ERR"

# ---------------------------------------------------------------- add, list, set, list-id (sandbox)

A=$P-a B=$P-b
quiet_ok "ip adds a name" in_sb ip netns add "$A"
quiet_ok "nook adds a name" in_sb "$NOOK" netns add "$B"
compare "add a name that exists (ip's)" netns add "$A"
compare "add a name that exists (nook's)" netns add "$B"
run in_sb stat -c '%a %F' "/run/netns/$B"
check_eq "nook's name is read-only for all, as ip's" "444 regular empty file" "$OUT"
run in_sb sh -c "stat -L -c %i /run/netns/$B; $NOOK netns exec $B stat -L -c %i /proc/self/ns/net"
check_eq "nook's name is a bind mount of the namespace" "$(line 1 "$OUT")" "$(line 2 "$OUT")"
run in_sb awk -v p="/run/netns/$B" '$5 == p { print $9 }' /proc/self/mountinfo
check_eq "nook's name is an nsfs mount" "nsfs" "$OUT"
run in_sb "$NOOK" netns exec "$B" ip -o link show
check_match "a new namespace has lo, down" '^1: lo: <LOOPBACK> .* state DOWN' "$OUT"
check_eq "... and nothing else" 1 "$(wc -l <<<"$OUT")"

for w in "" list show lst l s sh ls li; do
	compare "list ('$w')" netns $w
done
compare "list ignores extra words" netns list extra words
compare "list in JSON" -j netns list
quiet_ok "nook sets an NSID" in_sb "$NOOK" netns set "$A" 5
quiet_ok "nook sets an NSID in hex, as ip reads it" in_sb "$NOOK" netns set "$B" 0x10
compare "set an NSID that is set" netns set "$A" 6
compare "set auto when set" netns set "$A" auto
compare "list with NSIDs" netns list
compare "list with NSIDs in JSON" -j netns list
compare "list-id" netns list-id
compare "list-id ('list-')" netns list-
compare "list-id in JSON" -j netns list-id
compare "list-id nsid 5" netns list-id nsid 5
compare "list-id nsid 5 in JSON" -j netns list-id nsid 5
run in_sb "$NOOK" -j netns list
check_match "JSON of list: a name with its NSID" "\\{\"id\":5,\"name\":\"$A\"\\}" "$(json_canon "$OUT")"
check_match "JSON of list: NSID 0x10 read as 16" "\\{\"id\":16,\"name\":\"$B\"\\}" "$(json_canon "$OUT")"
for what in "netns list" "netns list-id"; do
	# shellcheck disable=SC2086
	run in_sb ip -j -p $what
	want=$(json_canon "$OUT")
	# shellcheck disable=SC2086
	run in_sb "$NOOK" -j -p $what
	ip_eq "-j -p $what: JSON that parses, and means what ip's means" "$want" \
		"$(json_canon "$OUT")"
	check_ne "-j -p $what is pretty-printed" 1 "$(wc -l <<<"$OUT")"
done
run in_sb "$NOOK" netns -j list
ip_eq "-j after the verb" "$(in_sb ip -j netns list)" "$OUT"

# NSIDs seen from inside A: A names B 9 and itself 0
quiet_ok "set, run inside a namespace" in_sb "$NOOK" netns exec "$A" "$NOOK" netns set "$B" 9
quiet_ok "set auto" in_sb "$NOOK" netns exec "$A" "$NOOK" netns set "$A" auto
compare "list-id target-nsid 5" netns list-id target-nsid 5
compare "list-id target-nsid 5 in JSON" -j netns list-id target-nsid 5
compare "list-id target-nsid 5 nsid 9" netns list-id target-nsid 5 nsid 9
compare "list-id target-nsid 5 nsid 0" netns list-id target-nsid 5 nsid 0
compare "list-id inside A" netns exec "$A" "$NOOK" netns list-id
run in_sb "$NOOK" netns exec "$A" ip netns list-id
want=$OUT
run in_sb "$NOOK" netns exec "$A" "$NOOK" netns list-id
ip_eq "list-id inside A, ip and nook" "$want" "$OUT"
compare "list inside A" netns exec "$A" "$NOOK" netns list

# A dump the kernel refuses: "Error: REASON." from the extended ACK of the
# dump's end, then "Dump terminated", exit 1.
run in_sb ip netns list-id target-nsid 77
want_err=$ERR want="rc=$RC $OUT $(line 2 "$ERR")"
run in_sb "$NOOK" netns list-id target-nsid 77
ip_eq "list-id with a target nobody has: exit 1, Dump terminated" "$want" \
	"rc=$RC $OUT $(line 2 "$ERR")"
ip_eq "list-id with a target nobody has: the kernel's reason" "$want_err" "$ERR"

# A name that is a plain file: the kernel's complaint, twice for list (ip asks
# about every name twice), and setns refused.
in_sb touch "/run/netns/$P-plain"
compare "list with a name that is no namespace" netns list
compare "list-id with a name that is no namespace" netns list-id
compare "list in JSON with a name that is no namespace" -j netns list
compare "set on a name that is no namespace" netns set "$P-plain" 3
compare "exec in a name that is no namespace" netns exec "$P-plain" true
compare "pids of a name that is no namespace" netns pids "$P-plain"

# ---------------------------------------------------------------- exec, identify, pids (sandbox)

compare "exec: the command's exit status" netns exec "$A" sh -c 'exit 7'
compare "exec: a command that does not exist" netns exec "$A" /nonexistent
compare "exec, prefix 'e'" netns e "$A" true
compare "exec identify inside" netns exec "$A" "$NOOK" netns identify
compare "exec: /sys/class/net is the namespace's" netns exec "$A" ls /sys/class/net
in_sb ip netns exec "$B" ip link add "$P-d0" type bridge
compare "exec: a device made inside shows in its /sys" netns exec "$B" ls /sys/class/net
run in_sb "$NOOK" netns exec "$B" ls /sys/class/net
check_eq "exec: /sys/class/net has the namespace's devices only" "lo $P-d0" "$(sort <<<"$OUT" | tr "\n" " " | sed "s/ $//")"
run in_sb "$NOOK" netns exec "$B" sh -c 'awk '\''$5 == "/sys" { for (i = 7; $i != "-"; i++); print $4, $(i + 1), $(i + 2) }'\'' /proc/self/mountinfo'
check_eq "exec: one sysfs on /sys, named after the namespace" "/ sysfs $B" "$OUT"

run in_sb sh -c "ip netns exec $A sleep 1000 & echo \$!"
S=$OUT
push_cleanup kill_pids "$S"
compare "identify PID" netns identify "$S"
compare "pids" netns pids "$A"
run in_sb "$NOOK" netns pids "$A"
check_eq "pids lists the process" "$S" "$OUT"
compare "identify a PID whose namespace has no name" netns identify "$$"
quiet_ok "attach a process's namespace" in_sb "$NOOK" netns attach "$P-att" "$S"
run in_sb "$NOOK" netns identify "$S"
ip_eq "identify: the last name of the namespace" "$(in_sb ip netns identify "$S")" "$OUT"
compare "attach a name that exists" netns attach "$P-att" "$S"
compare "attach a PID that does not exist" netns attach "$P-x" 999999999
compare "attach a negative PID (ip tries it)" netns attach "$P-x" -5
run in_sb ls /run/netns
check_eq "failed attach leaves no name" "" "$(grep -x "$P-x" <<<"$OUT")"
check_eq "failed attach leaves no mount" 0 "$(in_sb cat /proc/self/mountinfo | mounted "/run/netns/$P-x")"

# A PID where a name is expected: its namespace (when no such name exists)
run in_sb "$NOOK" netns exec "$S" "$NOOK" netns identify
ip_eq "exec PID: that process's namespace" "$(in_sb ip netns identify "$S")" "$OUT"
run in_sb "$NOOK" netns pids "$S"
check_eq "pids PID" "$S" "$OUT"
run in_sb "$NOOK" -n "$A" netns identify
ip_eq "-n NAME before the verb" "$(in_sb ip -n "$A" netns identify)" "$OUT"

# -all: exec in every name (in directory order), delete every name
in_sb "$NOOK" netns delete "$P-plain"
compare "-all exec" -all netns exec sh -c 'echo hi; exit 3'
compare "-all exec of a command that does not exist" -all netns exec /nonexistent
compare "-all exec stops when a command dies of a signal" -all netns exec sh -c 'kill -9 $$'
compare "-all exec: each command is inside its namespace" -all netns exec "$NOOK" netns identify
run in_sb "$NOOK" netns -all exec true
ip_eq "-all after the verb" "$(in_sb ip -all netns exec true)" "$OUT"

# ---------------------------------------------------------------- monitor

spawn nsenter -m -n -t "$SB_PID" "$NOOK" netns monitor
MON=$SPAWN_PID
# Ready once it watches the sandbox's /run/netns: an inotify watch on that
# inode in its fdinfo (nsenter execs nook; polled, 10 s at most).
nn_ino=$(printf '%x' "$(in_sb stat -c %i /run/netns)")
for ((i = 0; i < 200; i++)); do
	grep -qs "^inotify wd:[0-9a-f]* ino:$nn_ino " /proc/"$MON"/fdinfo/* && break
	sleep 0.05
done
check_eq "monitor: watches /run/netns before anything happens" 1 \
	"$(grep -ls "^inotify wd:[0-9a-f]* ino:$nn_ino " /proc/"$MON"/fdinfo/* | wc -l)"
in_sb ip netns add "$P-m"
in_sb "$NOOK" netns delete "$P-m"
l1='' l2=''
read_line "$SPAWN_FD" l1
read_line "$SPAWN_FD" l2
check_eq "monitor prints add and delete, line by line on a pipe" \
	"add $P-m"$'\n'"delete $P-m" "$l1"$'\n'"$l2"
stop_spawn
check_eq "monitor ends when killed" 0 "$(kill -0 "$MON" 2>/dev/null && echo 1 || echo 0)"

# ---------------------------------------------------------------- delete (sandbox)

run in_sb "$NOOK" netns del "$B"
check_eq "delete" "rc=0" "rc=$RC$OUT$ERR"
check_eq "delete unmounts the name" 0 "$(in_sb cat /proc/self/mountinfo | mounted "/run/netns/$B")"
compare "delete a deleted name" netns delete "$B"
# The same names, made in the same order, for ip and for nook: a namespace,
# a symlink, a directory (which cannot be unlinked), a plain file.
allDel='ip netns add $0-n1 && ln -s /proc/1/ns/net /run/netns/$0-link && mkdir /run/netns/$0-dir &&
	touch /run/netns/$0-p && ip netns add $0-n2 && "$1" -all netns delete; echo rc=$?; ls -f /run/netns'
want=$(capture fresh_nn sh -c "$allDel" "$P" ip)
got=$(capture fresh_nn sh -c "$allDel" "$P" "$NOOK")
ip_eq "-all delete stops at the first failure and exits 0" "$want" "$got"
check_match "... which is the directory" "Cannot remove namespace file \"/run/netns/$P-dir\": Is a directory" "$got"
run in_sb "$NOOK" -all netns delete
check_eq "nook -all netns delete" "rc=0" "rc=$RC$OUT$ERR"
run in_sb ls -A /run/netns
check_eq "... removes every name" "" "$OUT"
check_eq "... and every mount" "" "$(in_sb awk -v p="/run/netns/$P" 'index($5, p) == 1' /proc/self/mountinfo)"
compare "list after -all delete" netns list
compare "list after -all delete, JSON" -j netns list

# ---------------------------------------------------------------- /run/netns set-up

# A machine whose /run is a fresh shared tmpfs: nook makes /run/netns a
# mount with a peer group of its own, so that every name is mounted once.
info=$(fresh sh -c "$NOOK netns add $P-f1 && $NOOK netns add $P-f2 && cat /proc/self/mountinfo")
# (The host's /run/netns, under the new /run, shows too: count the tmpfs ones.)
check_eq "/run/netns becomes one mount point" 1 "$(mounted /run/netns "$info" tmpfs)"
run_grp=$(awk '$5 == "/run" { for (i = 7; $i != "-"; i++) if ($i ~ /^shared:/) print $i }' <<<"$info")
nn_grp=$(awk '$5 == "/run/netns" { for (i = 7; $i != "-"; i++) if ($i ~ /^shared:/) print $i }' <<<"$info")
check_match "/run/netns is a shared mount" '^shared:[0-9]+$' "$nn_grp"
check_ne "... in a peer group of its own, not /run's" "$run_grp" "$nn_grp"
check_eq "each name is mounted once" "1 1" \
	"$(mounted "/run/netns/$P-f1" "$info") $(mounted "/run/netns/$P-f2" "$info")"

# Many at once: the lock keeps them from binding /run/netns onto itself twice.
info=$(fresh sh -c "for i in 1 2 3 4 5 6 7 8; do $NOOK netns add $P-c\$i & done; wait; ls /run/netns | wc -l; cat /proc/self/mountinfo")
check_eq "8 adds at once: 8 names" 8 "$(line 1 "$info")"
check_eq "8 adds at once: /run/netns mounted once" 1 "$(mounted /run/netns "$info" tmpfs)"

# No /run/netns at all
for args in "netns list" "-j netns list" "netns identify" "-all netns delete" "-all netns exec true" \
	"netns list-id"; do
	# shellcheck disable=SC2086
	want=$(capture fresh ip $args)
	# shellcheck disable=SC2086
	got=$(capture fresh "$NOOK" $args)
	ip_eq "no /run/netns: $args" "$want" "$got"
done

# Not allowed to mount: the same message as ip, and nothing made
mkdir -p /run/netns
want=$(capture setpriv --reuid=65534 --regid=65534 --clear-groups ip netns add "$P-u")
got=$(capture setpriv --reuid=65534 --regid=65534 --clear-groups "$NOOK" netns add "$P-u")
ip_eq "add without privileges" "$want" "$got"
check_eq "... leaves no name" "no" "$([ -e "/run/netns/$P-u" ] && echo yes || echo no)"

# A failure after the file is made (no network namespace may be created):
# the file goes again.  ip 6.1 leaves it behind here.
run unshare -Urm --propagation private sh -c \
	"mount -t tmpfs nkns /run/netns && echo 0 >/proc/sys/user/max_net_namespaces &&
	 ASAN_OPTIONS=detect_leaks=0 $NOOK netns add $P-fail; echo rc=\$?; ls -A /run/netns;
	 awk -v p=/run/netns/$P 'index(\$5, p) == 1' /proc/self/mountinfo"
check_eq "add that cannot create the namespace: message, exit 1, nothing left" \
	"rc=1"$'\n'"Failed to create a new network namespace \"$P-fail\": No space left on device" \
	"$OUT"$'\n'"$ERR"

# ---------------------------------------------------------------- read-only /sys

run in_sb "$NOOK" netns add "$P-ro"
run in_sb unshare -m --propagation private sh -c \
	"mount -o remount,bind,ro /sys && $NOOK netns exec $P-ro sh -c 'awk '\''\$5 == \"/sys\" { print \$6 }'\'' /proc/self/mountinfo; ls /sys/class/net'"
check_match "exec under a read-only /sys: read-only ..." '^ro(,|$)' "$(line 1 "$OUT")"
check_eq "... and the namespace's" "lo" "$(line 2 "$OUT")"

# ---------------------------------------------------------------- the real /run/netns

# ip makes, nook uses
I=$P-ip
push_cleanup host_del "$I"
quiet_ok "ip netns add (host)" ip netns add "$I"
run "$NOOK" netns exec "$I" ip netns identify
check_eq "nook exec into ip's name" "$I" "$OUT"
ip netns exec "$I" sleep 1000 </dev/null >/dev/null 2>&1 &
S2=$!
disown "$S2"
push_cleanup kill_pids "$S2"
for ((i = 0; i < 200; i++)); do
	[ "$(stat -L -c %i "/proc/$S2/ns/net")" = "$(stat -L -c %i "/run/netns/$I")" ] && break
	sleep 0.05
done
compare_host "identify a process in ip's name" netns identify "$S2"
compare_host "pids of ip's name" netns pids "$I"
run "$NOOK" netns list
check_eq "nook lists ip's name" "$I" "$(sed 's/ (id: .*//' <<<"$OUT" | grep -x "$I")"
quiet_ok "nook deletes ip's name" "$NOOK" netns delete "$I"
check_eq "... it is gone for ip" "" "$(ip netns list | grep -x "$I")"
check_eq "... and unmounted" 0 "$(mounted "/run/netns/$I")"
kill_pids "$S2"

# nook makes, ip uses
K=$P-nk
push_cleanup host_del "$K"
quiet_ok "nook netns add (host)" "$NOOK" netns add "$K"
check_eq "ip lists nook's name" "$K" "$(ip netns list | sed 's/ (id: .*//' | grep -x "$K")"
check_eq "nook's name is one nsfs mount" "1 nsfs" \
	"$(mounted "/run/netns/$K") $(awk -v p="/run/netns/$K" '$5 == p { print $9 }' /proc/self/mountinfo)"
run ip netns exec "$K" "$NOOK" netns identify
check_eq "ip exec into nook's name" "$K" "$OUT"
quiet_ok "ip deletes nook's name" ip netns delete "$K"
check_eq "... it is gone" "no 0" "$([ -e "/run/netns/$K" ] && echo yes || echo no) $(mounted "/run/netns/$K")"

# exec: /etc/netns/NAME/FILE over /etc/FILE, mounts stay inside, the rest unchanged
E=$P-etc
push_cleanup host_del "$E"
[ -d /etc/netns ] || push_cleanup rmdir /etc/netns
push_cleanup rm -rf "/etc/netns/$E" "/etc/$P.conf"
echo host >"/etc/$P.conf"
mkdir -p "/etc/netns/$E"
echo "inside $E" >"/etc/netns/$E/$P.conf"
quiet_ok "add for exec" "$NOOK" netns add "$E"
run "$NOOK" netns exec "$E" cat "/etc/$P.conf"
check_eq "exec: /etc/netns/NAME/FILE is /etc/FILE" "inside $E" "$OUT"
compare_host "exec: /etc override, as ip" netns exec "$E" cat "/etc/$P.conf"
check_eq "... and outside /etc/FILE is untouched" host "$(cat "/etc/$P.conf")"
echo x >"/etc/netns/$E/$P-missing"
compare_host "exec: a file without a namesake in /etc is reported and skipped" \
	netns exec "$E" cat "/etc/$P.conf"
rm -f "/etc/netns/$E/$P-missing"
# Under a shared mount: mounts made inside stay inside (a slave mount
# namespace), mounts made outside later still show inside.
SH=$TMPD/shared
mkdir -p "$SH"
mount -t tmpfs nkns "$SH" && mount --make-shared "$SH"
mkdir -p "$SH/m" "$SH/in"
run "$NOOK" netns exec "$E" sh -c "mount -t tmpfs nkns $SH/m && echo mounted"
check_eq "exec: a mount made inside ..." mounted "$OUT"
check_eq "... does not show outside" 0 "$(mounted "$SH/m")"
# The command says "inside" once it runs in the namespace; only then is the
# mount made outside, and the command polls (10 s at most) for its file.
spawn "$NOOK" netns exec "$E" sh -c "echo inside; i=0; while [ ! -e $SH/in/marker ] && [ \$i -lt 200 ]; do
	sleep 0.05; i=\$((i + 1)); done; cat $SH/in/marker"
l1='' l2=''
read_line "$SPAWN_FD" l1
mount -t tmpfs nkns "$SH/in" && echo outside >"$SH/in/marker"
read_line "$SPAWN_FD" l2
wait_exit "$SPAWN_PID"
exec {SPAWN_FD}<&-
check_eq "exec: a mount made outside afterwards shows inside" "inside|outside|0" "$l1|$l2|$RC"
run env -C "$TMPD" NKNS_VAR=kept "$NOOK" netns exec "$E" sh -c 'echo "$PWD $NKNS_VAR"; readlink /proc/self/ns/user'
check_eq "exec: cwd, environment and user namespace unchanged" \
	"$TMPD kept $(readlink /proc/self/ns/user)" "$(tr '\n' ' ' <<<"$OUT" | sed 's/ $//')"
run "$NOOK" netns exec "$E" sh -c 'readlink /proc/self/ns/net; readlink /proc/self/ns/mnt'
check_eq "exec: in the name's network namespace, exit 0, nothing on stderr" \
	"0|net:[$(nsid "/run/netns/$E")]|" "$RC|$(line 1 "$OUT")|$ERR"
check_new_ns "exec: a mount namespace of its own" mnt "$(line 2 "$OUT")"
quiet_ok "delete after exec" "$NOOK" netns delete "$E"

done_testing
