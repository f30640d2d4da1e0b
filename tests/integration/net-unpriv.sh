#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# net-unpriv.sh - nook's network commands (netns, link, addr, route, neigh,
# bridge) run by an unprivileged user (nook-test), as a rootless container
# runtime runs them: inside its own user, mount and network namespaces made
# by "nook unshare -r -n -m", side by side with iproute2's ip (6.1) and
# brctl run in the same way.  The script itself runs as root, to create the
# user; every ip, brctl and nook command runs as the user through as_user.
#
# Two worlds, each a "nook unshare -r -n -m" of the user (WN and WI), each
# with a second network namespace of the user (a nested "nook unshare -n",
# PN and PI) at the other end of a veth pair.  WN is set up with nook, WI
# with the same ip commands: every step must exit 0 silently in both, the
# listings of WN must read the same with ip and with nook (stdout, stderr,
# exit status; -j also as parsed JSON), and WN must look to ip exactly as WI
# does (explicit MAC addresses, the same creation order).  Pings cross the
# veth pairs.
#
# What needs real root must fail as ip fails (same message, same status) and
# leave nothing behind: "netns add" as the user on the host (with /run/netns
# there or not), "netns del"/"netns exec" of a namespace of root's, "link
# add" and "route add" in the host's network namespace, and from inside the
# user namespace "netns add" (the host's /run/netns) and moving a device to
# the host's namespace.
#
# Every name the test makes starts with nku$ID; processes end by PID.
#
#   NOOK=/tmp/build/nook prove -v tests/integration/net-unpriv.sh

# Single-quoted $ is for the shells run inside the namespaces:
# shellcheck disable=SC2016
# shellcheck source=tests/integration/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# (IP_SKIP and BRCTL_SKIP; the helpers below are this script's own)
# shellcheck source=tests/integration/net-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/net-lib.sh"

skip_unless_root
[ -x "$NOOK" ] || skip_all "no nook binary at $NOOK (set NOOK=)"
for t in ip nsenter ping python3 setpriv; do
	command -v "$t" >/dev/null || skip_all "no $t"
done
setup_test_user || skip_all "cannot create the user $TEST_USER"
userns_works || skip_all "unprivileged user namespaces are disabled"
as_user test -x "$NOOK" || skip_all "$TEST_USER cannot run $NOOK"

P=nku$ID
V0=${P}v0 V1=${P}v1 BR=${P}br B2=${P}b2 DU=${P}du
MAC0=02:6e:6b:75:00:01 MAC1=02:6e:6b:75:00:02 MACB=02:6e:6b:75:00:03 MACN=02:6e:6b:75:00:09
TABLE=$((20000 + $$ % 10000)) # a routing table nobody looks up

# ---------------------------------------------------------------- helpers

# norm - bridge timers run between two listings
norm()
{
	sed -E 's/(_timer) +[0-9]+\.[0-9]+/\1 T/g; s/("[a-z_]*_timer"):[0-9.]+/\1:T/g'
}

# cap CMD... - rc, stdout and stderr of CMD in one string
cap()
{
	run "$@"
	printf 'rc=%s\n%s\n-- stderr:\n%s' "$RC" "$(norm <<<"$OUT")" "$(norm <<<"$ERR")"
}

# uin PID CMD... - CMD as nook-test in the user, mount and network namespaces
# of PID (a process of nook-test's); the user's own ID is root there
uin()
{
	local pid=$1

	shift
	as_user nsenter -t "$pid" -U -m -n --preserve-credentials "$@"
}

# json_eq A B - the two JSON documents are equal (keys, order and types)
json_eq()
{
	python3 -c '
import json, sys
a = json.loads(sys.argv[1], object_pairs_hook=lambda p: list(p))
b = json.loads(sys.argv[2], object_pairs_hook=lambda p: list(p))
sys.exit(0 if a == b else 1)' "$1" "$2" 2>/dev/null
}

# start_ns VAR CMD... - start CMD (which prints its PID and sleeps) as a
# holder of namespaces; VAR gets the PID, killed at exit
start_ns()
{
	local var=$1 pid=

	shift
	spawn "$@"
	read_line "$SPAWN_FD" pid
	exec {SPAWN_FD}<&-
	push_cleanup kill_pids "$pid"
	printf -v "$var" '%s' "$pid"
	[[ "$pid" =~ ^[0-9]+$ ]]
}

# flat CMD... - "rc=N 'stdout and stderr'" of CMD, on one line
flat()
{
	run "$@"
	printf "rc=%s '%s'" "$RC" "$(printf '%s%s' "$OUT" "${OUT:+${ERR:+ }}$ERR" | norm | paste -sd' ')"
}

# step DESC ARGS... - "nook ARGS" in WN and "ip ARGS" in WI: both exit 0,
# silently.  PEER in ARGS stands for the world's peer (PN, PI).
step()
{
	local desc=$1 want got

	shift
	want=$(flat uin "$WI" ip "${@//PEER/$PI}")
	got=$(flat uin "$WN" "$NOOK" "${@//PEER/$PN}")
	if [ -n "$IP_SKIP" ]; then
		# WI is still made with ip, for the checks that need no comparison
		check_eq "$desc: exit 0, silent (ip: $IP_SKIP)" "rc=0 ''" "$got"
		return
	fi
	check_eq "$desc: exit 0, silent, as ip" "ip:   rc=0 ''"$'\n'"nook: rc=0 ''" \
		"ip:   $want"$'\n'"nook: $got"
}

# pstep DESC ARGS... - the same in the peers: "nook -n PN ARGS" from inside
# WN (-n takes a PID) and "ip ARGS" entered into PI
pstep()
{
	local desc=$1 want got

	shift
	want=$(flat uin "$PI" ip "$@")
	got=$(flat uin "$WN" "$NOOK" -n "$PN" "$@")
	if [ -n "$IP_SKIP" ]; then
		check_eq "$desc: exit 0, silent (ip: $IP_SKIP)" "rc=0 ''" "$got"
		return
	fi
	check_eq "$desc: exit 0, silent, as ip" "ip:   rc=0 ''"$'\n'"nook: rc=0 ''" \
		"ip:   $want"$'\n'"nook: $got"
}

# settle - wait (up to 10 s) until the devices of both worlds are where
# carrier and bridge port states take them, so that listings taken one after
# the other see the same
settle()
{
	local i

	for ((i = 0; i < 100; i++)); do
		[ "$(uin "$WN" ip -o link show; uin "$PN" ip -o link show)" = \
			"$(uin "$WI" ip -o link show; uin "$PI" ip -o link show)" ] &&
			! uin "$WN" ip -d link show | grep -Eq "^[0-9]+: $P.* state (LOWERLAYERDOWN|DOWN|UNKNOWN) mode|bridge_slave state (disabled|listening|learning)" &&
			! uin "$WN" ip addr show | grep -q tentative &&
			! uin "$PN" ip addr show | grep -q tentative && return 0
		sleep 0.1
	done
	return 1
}

# same DESC ARGS... - in WN, "nook ARGS" prints what "ip ARGS" prints and
# exits alike; and WN looks to ip as WI does.  Two tests.
same()
{
	local desc=$1 want got other

	shift
	parity "$IP_SKIP" "$desc: nook as ip" "$desc: nook's namespace as ip's" || return 0
	want=$(cap uin "$WN" ip "$@")
	got=$(cap uin "$WN" "$NOOK" "$@")
	check_eq "$desc: nook as ip" "$want" "$got"
	other=$(cap uin "$WI" ip "$@")
	check_eq "$desc: nook's namespace as ip's" "$other" "$want"
}

# psame DESC ARGS... - the same for the peers: "nook -n PN ARGS" from inside
# WN against "ip ARGS" entered into PN, and PN against PI.  Two tests.
psame()
{
	local desc=$1 want got other

	shift
	parity "$IP_SKIP" "$desc: nook -n PID as ip" "$desc: nook's namespace as ip's" || return 0
	want=$(cap uin "$PN" ip "$@")
	got=$(cap uin "$WN" "$NOOK" -n "$PN" "$@")
	check_eq "$desc: nook -n PID as ip" "$want" "$got"
	other=$(cap uin "$PI" ip "$@")
	check_eq "$desc: nook's namespace as ip's" "$other" "$want"
}

# same_json DESC ARGS... - "nook -j ARGS" in WN: same bytes as "ip -j
# ARGS", and valid JSON equal to ip's.  Two tests.
same_json()
{
	local desc=$1 want got

	shift
	parity "$IP_SKIP" "$desc -j: JSON equals ip's" "$desc -j: bytes as ip's" || return 0
	want=$(uin "$WN" ip -j "$@" 2>&1)
	got=$(uin "$WN" "$NOOK" -j "$@" 2>&1)
	want=$(norm <<<"$want") got=$(norm <<<"$got")
	if [ -n "$want" ] && json_eq "$want" "$got"; then
		pass "$desc -j: JSON equals ip's"
	else
		fail "$desc -j: JSON equals ip's" "ip:   $want" "nook: $got"
	fi
	check_eq "$desc -j: bytes as ip's" "$want" "$got"
}

# cmp_fail DESC CMD... - the failing CMD (ip's syntax, as the user, "TOOL"
# standing for the tool) gives the same status, stdout and stderr with nook
# as with ip; the status is not 0.  One test.
cmp_fail()
{
	local desc=$1 want got

	shift
	parity "$IP_SKIP" "$desc: fails as ip fails" || return 0
	want=$(cap "${@//TOOL/ip}")
	got=$(cap "${@//TOOL/$NOOK}")
	if [[ "$want" == rc=0$'\n'* ]]; then
		fail "$desc: fails as ip fails" "ip succeeded here: $want"
	else
		check_eq "$desc: fails as ip fails" "$want" "$got"
	fi
}

# host_has DEV - the host's network namespace has DEV
host_has()
{
	ip link show dev "$1" >/dev/null 2>&1
}

# ================================================================ on the host, no privilege

# netns add: ip 6.1 makes /run/netns if missing, makes it a shared mount,
# then creates /run/netns/NAME; the user fails at one of those steps,
# depending on what the host has, so the two are run against the same host.
push_cleanup ip netns del "${P}x"
cmp_fail "netns add as $TEST_USER on the host" as_user TOOL netns add "${P}x"
run as_user "$NOOK" netns add "${P}x"
check_match "netns add as $TEST_USER: one of ip's messages, exit 1" \
	"^1 (mkdir /run/netns failed: Permission denied|mount --make-shared /run/netns failed: Operation not permitted|Cannot create namespace file \"/run/netns/${P}x\": Permission denied)$" \
	"$RC $ERR"
check_eq "netns add as $TEST_USER: no /run/netns/${P}x" "no" \
	"$(test -e "/run/netns/${P}x" && echo yes || echo no)"

# The same with /run of its own (a private mount namespace of root's, then
# the user): no /run/netns and /run root's (mkdir fails), no /run/netns and
# /run world-writable (the user makes the directory, the mount fails), and
# /run/netns a shared mount writable by all (the mount still needs root).
# What is in /run afterwards is listed after the command.
# shellcheck disable=SC2317 # called through cmp_fail
priv_run()
{
	local setup=$1

	shift
	unshare -m --propagation private sh -c "$setup"' && exec "$@"' sh \
		setpriv --reuid="$TEST_USER" --regid="$TEST_USER" --init-groups \
		--reset-env env PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		sh -c '"$@"; rc=$?; find /run -mindepth 1 -path /run/mount -prune -o -printf "%p %u %m\n" | sort; exit $rc' sh "$@"
}
cmp_fail "netns add, no /run/netns, /run root's" \
	priv_run 'mount -t tmpfs -o mode=755 nku /run' TOOL netns add "${P}x"
run priv_run 'mount -t tmpfs -o mode=755 nku /run' "$NOOK" netns add "${P}x"
check_eq "netns add, no /run/netns: ip's message, exit 1, nothing made" \
	"1|mkdir /run/netns failed: Permission denied" \
	"$RC|$(printf '%s\n%s' "$ERR" "$OUT" | sed '/^$/d' | paste -sd'|')"
cmp_fail "netns add, /run open to all" \
	priv_run 'mount -t tmpfs -o mode=1777 nku /run' TOOL netns add "${P}x"
cmp_fail "netns add, /run/netns a shared mount open to all" \
	priv_run 'mount -t tmpfs -o mode=755 nku /run && mkdir -m 777 /run/netns && mount --bind /run/netns /run/netns && mount --make-shared /run/netns' \
	TOOL netns add "${P}x"
run priv_run 'mount -t tmpfs -o mode=755 nku /run && mkdir -m 777 /run/netns && mount --bind /run/netns /run/netns && mount --make-shared /run/netns' \
	"$NOOK" netns add "${P}x"
check_eq "netns add, /run/netns open: ip's message, exit 1, no file made" \
	"1|mount --make-shared /run/netns failed: Operation not permitted|/run/netns root 777" \
	"$RC|$(printf '%s\n%s' "$ERR" "$OUT" | sed '/^$/d' | paste -sd'|')"

# A namespace of root's: the user can neither delete nor enter it.
if ip netns add "${P}r" 2>/dev/null; then
	push_cleanup ip netns del "${P}r"
	cmp_fail "netns del of root's namespace" as_user TOOL netns del "${P}r"
	check_eq "netns del of root's namespace: still there, still a namespace" "yes" \
		"$(ip netns exec "${P}r" true 2>/dev/null && echo yes || echo no)"
	cmp_fail "netns exec in root's namespace" as_user TOOL netns exec "${P}r" true
else
	fail "netns del of root's namespace: root makes a named namespace"
fi

# Devices and routes in the host's namespace need CAP_NET_ADMIN there.
push_cleanup ip link del "$DU"
push_cleanup ip link del "$V0"
push_cleanup ip link del "$BR"
push_cleanup ip route del 203.0.113.7/32 dev lo table "$TABLE"
for args in "link add $DU type dummy" "link add $V0 type veth peer name $V1" \
	"link add $BR type bridge" "route add 203.0.113.7/32 dev lo table $TABLE"; do
	# shellcheck disable=SC2086 # word splitting wanted
	set -- $args
	desc="${args//$P/} in the host's namespace"
	cmp_fail "$desc" as_user TOOL "$@"
	run as_user "$NOOK" "$@"
	check_eq "$desc: ip's words, exit 2, stdout empty" \
		"2||RTNETLINK answers: Operation not permitted" "$RC|$OUT|$ERR"
done
check_eq "nothing was made in the host's namespace" "" \
	"$(for d in "$DU" "$V0" "$V1" "$BR"; do host_has "$d" && echo "$d"; done
	ip route show table "$TABLE" 2>/dev/null)"

# ================================================================ the user's own namespaces

# WN and WI: a user namespace mapping the user to root, with its own mount
# and network namespaces, each with a sysfs of its network namespace (for
# brctl, which reads /sys/class/net).
holder='echo $$; exec sleep 600'
start_ns WN as_user "$NOOK" unshare -r -n -m sh -c "$holder" ||
	skip_all "nook unshare -r -n -m fails as $TEST_USER: $(cat "$TMPD/spawn.err")"
start_ns WI as_user "$NOOK" unshare -r -n -m sh -c "$holder" ||
	skip_all "nook unshare -r -n -m fails as $TEST_USER"
check_eq "holders run as $TEST_USER" "$TEST_UID $TEST_UID" "$(stat -c %u "/proc/$WN" "/proc/$WI" | paste -sd' ')"
check_eq "holders: the user is root in their user namespace" "0 $TEST_UID 1|0 $TEST_UID 1" \
	"$(squeeze <"/proc/$WN/uid_map")|$(squeeze <"/proc/$WI/uid_map")"
check_ne "holders: a network namespace other than the host's" "$(readlink /proc/$$/ns/net)" \
	"$(readlink "/proc/$WN/ns/net")"
check_ne "holders: each its own network namespace" "$(readlink "/proc/$WI/ns/net")" \
	"$(readlink "/proc/$WN/ns/net")"
for w in "$WN" "$WI"; do
	uin "$w" mount -t sysfs nku /sys 2>/dev/null
done

# PN and PI: a second network namespace of the user's, in the same user and
# mount namespaces.
start_ns PN uin "$WN" "$NOOK" unshare -n sh -c "$holder" || skip_all "nested nook unshare -n fails"
start_ns PI uin "$WI" "$NOOK" unshare -n sh -c "$holder" || skip_all "nested nook unshare -n fails"
check_eq "peers: in their world's user namespace, a network namespace of their own" \
	"same other|same other" \
	"$(for p in "$PN:$WN" "$PI:$WI"; do
		a=${p%:*} b=${p#*:}
		[ "$(readlink "/proc/$a/ns/user")" = "$(readlink "/proc/$b/ns/user")" ] && printf same || printf diff
		[ "$(readlink "/proc/$a/ns/net")" = "$(readlink "/proc/$b/ns/net")" ] && echo " same" || echo " other"
	done | paste -sd'|')"

# IPv6 duplicate address detection off, so that no address is "tentative"
# in one listing and not in the next.
for w in "$WN" "$WI" "$PN" "$PI"; do
	uin "$w" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
done

# ---------------------------------------------------------------- setting up, nook in WN, ip in WI

same "link show, fresh namespace" link show
step "link set lo up" link set lo up
step "link add veth pair with addresses" link add "$V0" address "$MAC0" type veth peer name "$V1" address "$MAC1"
step "link add bridge with an address" link add "$BR" address "$MACB" type bridge
step "link set master" link set "$V0" master "$BR"
step "link set netns PID" link set "$V1" netns PEER
step "addr add to the bridge" addr add 10.200.0.1/24 dev "$BR"
step "addr add IPv6, nodad" addr add fd00:6e6b:75::1/64 dev "$BR" nodad
step "link set bridge up" link set "$BR" up
step "link set port up" link set "$V0" up
pstep "-n PID link set lo up" link set lo up
pstep "-n PID addr add" addr add 10.200.0.2/24 dev "$V1"
pstep "-n PID addr add IPv6, nodad" addr add fd00:6e6b:75::2/64 dev "$V1" nodad
pstep "-n PID addr add on lo" addr add 10.201.0.1/32 dev lo
pstep "-n PID link set up" link set "$V1" up
pstep "-n PID route add default" route add default via 10.200.0.1
step "route add via the peer" route add 10.201.0.0/16 via 10.200.0.2
step "route add in a table" route add 10.202.0.0/24 dev "$BR" table "$TABLE"
step "neigh add permanent" neigh add 10.200.0.3 lladdr "$MACN" dev "$BR" nud permanent
step "neigh add IPv6 permanent" neigh add fd00:6e6b:75::3 lladdr "$MACN" dev "$BR" nud permanent

# ---------------------------------------------------------------- what ip and nook see

if settle; then
	pass "both worlds settle: links up, ports forwarding"
else
	fail "both worlds settle: links up, ports forwarding" "WN:" "$(uin "$WN" ip -o link show)" \
		"WI:" "$(uin "$WI" ip -o link show)"
fi

same "link show" link show
same "link show DEV" link show dev "$V0"
same "link show master" link show master "$BR"
same "link show type bridge" link show type bridge
same "-o link show" -o link show
same "-br link show" -br link show
same "-d link show veth" -d link show dev "$V0"
same_json "link show" link show
same_json "link show DEV" link show dev "$BR"
same "addr show" addr show
same "-4 addr show" -4 addr show
same "addr show dev" addr show dev "$BR"
same "-o addr show" -o addr show
same_json "addr show" addr show
same "route show" route show
same "-6 route show" -6 route show
same "route show table" route show table "$TABLE"
same "route get" route get 10.201.0.5
same_json "route show" route show
same "neigh show" neigh show
same "neigh show dev" neigh show dev "$BR"
same "-6 neigh show nud permanent" -6 neigh show nud permanent
same_json "neigh show" neigh show
psame "link show" link show
psame "addr show" addr show
psame "route show" route show
run uin "$WN" "$NOOK" -n "$PN" -j addr show
want_j=$(uin "$PN" ip -j addr show 2>&1)
if ! parity "$IP_SKIP" "-n PID -j addr show: JSON equals ip's in that namespace"; then
	:
elif json_eq "$want_j" "$OUT"; then
	pass "-n PID -j addr show: JSON equals ip's in that namespace"
else
	fail "-n PID -j addr show: JSON equals ip's in that namespace" "ip:   $want_j" "nook: $OUT$ERR"
fi

# ---------------------------------------------------------------- traffic between the user's namespaces

for w in "WN $WN $PN" "WI $WI $PI"; do
	read -r name wp pp <<<"$w"
	ok "$name: ping the peer across the veth pair" uin "$wp" ping -c1 -W3 10.200.0.2
	ok "$name: the peer pings back across the bridge" uin "$pp" ping -c1 -W3 10.200.0.1
	ok "$name: ping over the route via the peer" uin "$wp" ping -c1 -W3 10.201.0.1
	ok "$name: ping IPv6 across the veth pair" uin "$wp" ping -6 -c1 -W3 fd00:6e6b:75::2
done

# ---------------------------------------------------------------- brctl's view (bridge-utils)

if parity "$BRCTL_SKIP" "bridge show: as brctl show"; then
	want=$(cap uin "$WN" brctl show)
	got=$(cap uin "$WN" "$NOOK" bridge show)
	check_eq "bridge show: as brctl show" "$want" "$got"
	for w in "$WN:$NOOK bridge" "$WI:brctl"; do
		wp=${w%%:*}
		# shellcheck disable=SC2086 # the tool is two words for nook
		uin "$wp" ${w#*:} addbr "$B2" >/dev/null 2>&1
	done
	step "link set address of the new bridge" link set "$B2" address "$MACB"
	same "bridge addbr: the bridge" -d link show dev "$B2"
	want=$(cap uin "$WI" brctl addif "$B2" "$V0")
	got=$(cap uin "$WN" "$NOOK" bridge addif "$B2" "$V0")
	check_eq "bridge addif: a port of another bridge is refused, as brctl" "$want" "$got"
	want=$(cap uin "$WN" brctl show)
	got=$(cap uin "$WN" "$NOOK" bridge show)
	check_eq "bridge show, two bridges: as brctl show" "$want" "$got"
fi

# ---------------------------------------------------------------- what stays root's inside the user namespace

# /run/netns is the host's (and root's): a namespace cannot be named.
for w in "$WN" "$WI"; do
	uin "$w" ls -A /run/netns >/dev/null 2>&1 # nothing; both worlds alike
done
want=$(cap uin "$WI" ip netns add "${P}y")
got=$(cap uin "$WN" "$NOOK" netns add "${P}y")
if ! parity "$IP_SKIP" "netns add inside the user namespace: fails as ip fails"; then
	:
elif [[ "$want" == rc=0$'\n'* ]]; then
	fail "netns add inside the user namespace: fails as ip fails" "ip succeeded: $want"
else
	check_eq "netns add inside the user namespace: fails as ip fails" "$want" "$got"
fi
check_eq "netns add inside the user namespace: no /run/netns/${P}y" "no" \
	"$(test -e "/run/netns/${P}y" && echo yes || echo no)"
push_cleanup ip netns del "${P}y"

# Moving a device to the host's namespace (PID 1's) needs CAP_NET_ADMIN there.
push_cleanup ip link del "$V0"
want=$(flat uin "$WI" ip link set "$V0" netns 1)
got=$(flat uin "$WN" "$NOOK" link set "$V0" netns 1)
[ -n "$IP_SKIP" ] && want="rc=2 'RTNETLINK answers: Operation not permitted'" # nook's alone
check_eq "link set netns 1 (the host's): EPERM as ip" \
	"ip:   rc=2 'RTNETLINK answers: Operation not permitted'"$'\n'"nook: rc=2 'RTNETLINK answers: Operation not permitted'" \
	"ip:   $want"$'\n'"nook: $got"
check_eq "link set netns 1: the device stayed, none came to the host" "yes no" \
	"$(uin "$WN" ip link show dev "$V0" >/dev/null 2>&1 && echo yes || echo no) $(host_has "$V0" && echo yes || echo no)"
run uin "$WN" "$NOOK" -n 1 link show
check_eq "-n 1 (the host's namespace, a PID) from inside: refused, nothing printed" \
	"255||Cannot open network namespace \"1\": Permission denied" "$RC|$OUT|$ERR"
same "after the refusals, the links are as they were" link show

# ---------------------------------------------------------------- taking it down

step "neigh del" neigh del 10.200.0.3 dev "$BR"
step "route del" route del 10.201.0.0/16 via 10.200.0.2
step "addr del" addr del 10.200.0.1/24 dev "$BR"
step "link set nomaster" link set "$V0" nomaster
same "neigh show after del" neigh show nud permanent
same "route show after del" route show
same "addr show after del" addr show dev "$BR"
step "link del bridge" link del "$BR"
step "link del veth" link del "$V0"
same "link show after del" link show
check_eq "the peer's end went with the pair" "1|1" \
	"$(uin "$PN" ip -o link show | wc -l)|$(uin "$PI" ip -o link show | wc -l)"

# The holders end by PID; their namespaces go with them.
kill_pids "$PN" "$PI" "$WN" "$WI"
check_eq "the holders end, killed by PID" "" \
	"$(for p in "$PN" "$PI" "$WN" "$WI"; do wait_dead "$p" || echo "$p still there"; done)"
check_eq "nothing of the test in the host's namespace" "" \
	"$(ip -o link show | grep -o "${P}[a-z0-9]*" | sort -u)"

done_testing
