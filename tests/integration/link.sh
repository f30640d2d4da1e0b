#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# link.sh - "nook link" against iproute2's "ip link" (6.1), as root, in
# network namespaces the test makes (nkl$ID...), never touching others.
#
# Devices are made and changed by nook, then looked at with ip; listings are
# run with both and compared byte for byte (stdout, stderr, exit status), and
# -j output also as parsed JSON.  Traffic (ping) flows only between the
# test's own namespaces.
#
#   NOOK=/tmp/build/nook prove -v tests/integration/link.sh

# shellcheck source=tests/integration/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/integration/net-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/net-lib.sh"

require_net python3 ping

P=nkl$ID
A=${P}a B=${P}b C=${P}c D=${P}d E=${P}e F=${P}f

# ---------------------------------------------------------------- helpers

# norm - bridge timers run between two listings (text and JSON)
# shellcheck disable=SC2317 # called through CAP_NORM
norm()
{
	sed -E 's/(_timer) +[0-9]+\.[0-9]+/\1 T/g; s/("[a-z_]*_timer"):[0-9.]+/\1:T/g'
}
CAP_NORM=norm

# jq_ip NS DEV EXPR - a field of "ip -j link show DEV" (python expression on d)
jq_ip()
{
	ip -n "$1" -j link show "$2" 2>/dev/null |
		python3 -c "import json,sys; d=json.load(sys.stdin)[0]; print($3)" 2>/dev/null
}

links_of()
{
	ip -n "$1" -o link show 2>/dev/null | sed -E 's/^[0-9]+: //; s/: .*//'
}

# ---------------------------------------------------------------- namespaces

for ns in $A $B $C $D $E $F; do
	mkns "$ns" || skip_all "cannot make network namespaces"
done

# ---------------------------------------------------------------- veth pair between two namespaces

run "$NOOK" -n "$A" link add "${P}x" type veth peer name "${P}y" netns "$B"
check_eq "link add veth, peer in another namespace: exit 0, silent" "rc=0 ''" "rc=$RC '$OUT$ERR'"
check_match "ip sees ${P}x in $A" "^${P}x@if[0-9]+$" "$(links_of "$A")"
check_match "ip sees ${P}y in $B" "^${P}y@if[0-9]+$" "$(links_of "$B")"

ok "nook link set up (A)" "$NOOK" -n "$A" link set "${P}x" up
ok "nook link set dev up (B)" "$NOOK" -n "$B" link set dev "${P}y" up
ok "nook addr add (A)" "$NOOK" -n "$A" addr add 10.61.0.1/24 dev "${P}x"
ok "nook addr add (B)" "$NOOK" -n "$B" addr add 10.61.0.2/24 dev "${P}y"
ok "ping A -> B over nook's veth" ip netns exec "$A" ping -c1 -W2 10.61.0.2
ok "ping B -> A over nook's veth" ip netns exec "$B" ping -c1 -W2 10.61.0.1

# listings of devices with a peer elsewhere: "@ifN", "link-netns NAME"
for ns in $A $B; do
	for opt in "" -o -d -br; do
		# shellcheck disable=SC2086
		cmp_ip "link show $opt ($ns)" -n "$ns" $opt link show
		# shellcheck disable=SC2086
		cmp_ip "addr show $opt ($ns)" -n "$ns" $opt addr show
	done
	cmp_json "link show ($ns)" -n "$ns" link show
	cmp_json "addr show ($ns)" -n "$ns" addr show
	cmp_json "link show -br ($ns)" -n "$ns" -br link show
done
cmp_ip "link show DEV" -n "$A" link show "${P}x"
cmp_ip "link show dev DEV" -n "$A" link show dev "${P}x"
cmp_ip "link lst (prefix of list)" -n "$A" link lst
cmp_ip "link sh up" -n "$A" link sh up
cmp_ip "link (no verb)" -n "$A" link
cmp_ip "link show type veth" -n "$A" link show type veth
cmp_json "link show type nothing" -n "$A" link show type nothing
cmp_json "link show up" -n "$A" link show up
cmp_json "link show DEV" -n "$A" link show "${P}x"
# -p: json-c indents differently from ip's writer; the document is the same
want=$(ip -n "$A" -j -p link show) got=$("$NOOK" -n "$A" -j -p link show)
if json_eq "$want" "$got"; then pass "-j -p parses as ip's"; else fail "-j -p parses as ip's" "$got"; fi

# "link-netnsid N": a peer in a namespace without a name
sleep_ns_pid()
{
	unshare --net sleep 600 &
	NSPID=$!
	push_cleanup kill_pids "$NSPID"
	for ((i = 0; i < 50; i++)); do
		[ "$(readlink "/proc/$NSPID/ns/net")" != "$(readlink /proc/$$/ns/net)" ] && return 0
		sleep 0.05
	done
	return 1
}
if sleep_ns_pid; then
	run "$NOOK" -n "$A" link add "${P}p" type veth peer name "${P}q" netns "$NSPID"
	check_eq "link add ... peer netns PID" "rc=0" "rc=$RC"
	check_match "the peer is in the process's namespace" "${P}q" \
		"$(nsenter -t "$NSPID" -n ip -o link show 2>&1)"
	cmp_ip "link-netnsid N for an unnamed namespace" -n "$A" link show "${P}p"
	cmp_ip "addr show, link-netnsid" -n "$A" -o addr show dev "${P}p"
	ok "link del DEV (peer goes too)" "$NOOK" -n "$A" link del "${P}p"
	check_eq "the peer went with it" "" "$(nsenter -t "$NSPID" -n ip -o link show "${P}q" 2>/dev/null)"
else
	fail "link-netnsid N for an unnamed namespace: a process in a new network namespace starts"
fi

# ---------------------------------------------------------------- link set: several changes, one request

ok "link add a local veth pair (name NAME form)" "$NOOK" -n "$C" link add name "${P}m" type veth peer name "${P}n"
cmp_ip "local pair: NAME@PEER and M-DOWN" -n "$C" link show
run "$NOOK" -n "$C" link set "${P}m" mtu 1400 address 02:00:5e:10:00:01 up
check_eq "link set mtu address up: exit 0" "rc=0" "rc=$RC"
check_eq "ip sees mtu 1400" "1400" "$(jq_ip "$C" "${P}m" 'd["mtu"]')"
check_eq "ip sees the address" "02:00:5e:10:00:01" "$(jq_ip "$C" "${P}m" 'd["address"]')"
check_eq "ip sees it up" "True" "$(jq_ip "$C" "${P}m" '"UP" in d["flags"]')"
ok "link set down" "$NOOK" -n "$C" link set "${P}m" down
check_eq "ip sees it down" "False" "$(jq_ip "$C" "${P}m" '"UP" in d["flags"]')"
ok "link set name" "$NOOK" -n "$C" link set "${P}m" name "${P}r"
check_eq "ip sees the new name" "${P}r" "$(jq_ip "$C" "${P}r" 'd["ifname"]')"
ok "link set netns NAME" "$NOOK" -n "$C" link set "${P}r" netns "$F"
check_eq "ip sees it in the other namespace" "${P}r" "$(jq_ip "$F" "${P}r" 'd["ifname"]')"
check_eq "... and not here" "" "$(jq_ip "$C" "${P}r" 'd["ifname"]')"
cmp_ip "link show, peer moved away" -n "$C" link show "${P}n"
ok "link delete dev DEV" "$NOOK" -n "$C" link delete dev "${P}n"
check_eq "both ends are gone" "" "$(jq_ip "$F" "${P}r" 'd["ifname"]')"

# ---------------------------------------------------------------- a bridge between three namespaces

ok "link add bridge" "$NOOK" -n "$D" link add "${P}br" type bridge
ok "bridge up" "$NOOK" -n "$D" link set "${P}br" up
i=1
for ns in $A $B $E; do
	ok "veth from the bridge's namespace to $ns" "$NOOK" -n "$D" link add "${P}p$i" type veth \
		peer name "${P}i" netns "$ns"
	ok "port $i: master BR up in one request" "$NOOK" -n "$D" link set "${P}p$i" master "${P}br" up
	check_eq "ip sees port $i on the bridge" "${P}br" "$(jq_ip "$D" "${P}p$i" 'd.get("master")')"
	ok "addr on $ns" "$NOOK" -n "$ns" addr add "10.62.0.$i/24" dev "${P}i"
	ok "up in $ns" "$NOOK" -n "$ns" link set "${P}i" up
	i=$((i + 1))
done
ok "ping 1 -> 2 over nook's bridge" ip netns exec "$A" ping -c1 -W2 10.62.0.2
ok "ping 2 -> 3 over nook's bridge" ip netns exec "$B" ping -c1 -W2 10.62.0.3
ok "ping 3 -> 1 over nook's bridge" ip netns exec "$E" ping -c1 -W2 10.62.0.1
cmp_ip "bridge namespace: master, link-netns" -n "$D" link show
cmp_ip "bridge namespace -o" -n "$D" -o link show
cmp_ip "bridge namespace -d (bridge, bridge_slave)" -n "$D" -d link show
cmp_ip "link show master BR" -n "$D" link show master "${P}br"
cmp_ip "link show type bridge" -n "$D" link show type bridge
cmp_ip "link show type bridge_slave" -n "$D" link show type bridge_slave
cmp_json "bridge namespace" -n "$D" link show
cmp_json "link show master BR" -n "$D" link show master "${P}br"
cmp_json "-br" -n "$D" -br link show
cmp_ip "addr show in the bridge namespace" -n "$D" addr show
ok "link set nomaster" "$NOOK" -n "$D" link set "${P}p3" nomaster
check_eq "ip sees no master" "None" "$(jq_ip "$D" "${P}p3" 'd.get("master")')"
ok_not "no ping 1 -> 3 without port 3" ip netns exec "$A" ping -c1 -W1 10.62.0.3

# ---------------------------------------------------------------- mistakes: ip's words and status, nothing left

before=$(ip -n "$A" -o link show; ip -n "$A" -o addr show)
cmp_ip "set unknown device" -n "$A" link set nope up
cmp_ip "bad mtu" -n "$A" link set dev "${P}x" mtu abc
cmp_ip "duplicate mtu" -n "$A" link set "${P}x" mtu 1400 mtu 1300
cmp_ip "name exists" -n "$A" link add "${P}x" type veth
cmp_ip "del unknown device" -n "$A" link del nope
cmp_ip "del without a device" -n "$A" link del
cmp_ip "add without anything" -n "$A" link add
cmp_ip "add without type" -n "$A" link add "${P}z"
cmp_ip "type without a kind" -n "$A" link add "${P}z" type
cmp_ip "unknown kind" -n "$A" link add "${P}z" type nothere
cmp_ip "veth garbage" -n "$A" link add "${P}z" type veth foo
cmp_ip "veth peer with a second type" -n "$A" link add "${P}z" type veth peer name "${P}w" type veth
cmp_ip "master that does not exist" -n "$A" link set "${P}x" master nope
cmp_ip "netns that does not exist" -n "$A" link set "${P}x" netns nope
cmp_ip "bad lladdr" -n "$A" link set "${P}x" address 02:zz:00:00:00:01
cmp_ip "name without a value" -n "$A" link set "${P}x" name
cmp_ip "name with a blank" -n "$A" link set "${P}x" name "a b"
cmp_ip "two devices" -n "$A" link set dev "${P}x" dev "${P}y"
cmp_ip "mtu above the maximum" -n "$A" link set "${P}x" mtu 100000
cmp_ip "mtu below the minimum" -n "$A" link set "${P}x" mtu 10
cmp_ip "name too long for the kernel" -n "$A" link add x1234567890123456 type veth
cmp_ip "vlan on a missing device" -n "$A" link add link nope name "${P}v" type vlan id 3
cmp_ip "vlan id out of range" -n "$A" link add link "${P}x" name "${P}v" type vlan id 99999
cmp_ip "unknown command" -n "$A" link frob
cmp_ip "show a missing device" -n "$A" link show nope
cmp_ip "show dev without a name" -n "$A" link show dev
check_eq "bad input left nothing behind" "$before" "$(ip -n "$A" -o link show; ip -n "$A" -o addr show)"

# ---------------------------------------------------------------- VLAN (802.1Q) and dummy

run "$NOOK" -n "$A" link add link "${P}x" name "${P}x.10" type vlan id 10
if [ "$RC" = 2 ] && [[ "$ERR" == *'no "vlan" support'* ]]; then
	check_eq "vlan on a kernel without 802.1Q: says what is missing, exit 2" \
		'rc=2 Error: Unknown device type: this kernel has no "vlan" support (802.1Q, CONFIG_VLAN_8021Q).' \
		"rc=$RC $ERR"
	check_eq "... and leaves nothing behind" "$before" "$(ip -n "$A" -o link show; ip -n "$A" -o addr show)"
	skip "ping over a VLAN between two namespaces" "no 802.1Q in this kernel"
else
	check_eq "link add ... type vlan id 10" "rc=0" "rc=$RC"
	ok "vlan peer side (B)" "$NOOK" -n "$B" link add link "${P}y" name "${P}y.10" type vlan id 10
	ok "vlan up (A)" "$NOOK" -n "$A" link set "${P}x.10" up
	ok "vlan up (B)" "$NOOK" -n "$B" link set "${P}y.10" up
	ok "vlan addr (A)" "$NOOK" -n "$A" addr add 10.63.0.1/24 dev "${P}x.10"
	ok "vlan addr (B)" "$NOOK" -n "$B" addr add 10.63.0.2/24 dev "${P}y.10"
	ok "ping over a VLAN between two namespaces" ip netns exec "$A" ping -c1 -W2 10.63.0.2
	cmp_ip "vlan -d" -n "$A" -d link show "${P}x.10"
fi
run "$NOOK" -n "$A" link add "${P}d" type dummy
if [ "$RC" = 2 ]; then
	check_eq "dummy on a kernel without it: says what is missing" \
		'rc=2 Error: Unknown device type: this kernel has no "dummy" support (CONFIG_DUMMY).' \
		"rc=$RC $ERR"
	skip "dummy listing" "no dummy devices in this kernel"
else
	check_eq "link add type dummy" "rc=0" "rc=$RC"
	cmp_ip "dummy listing" -n "$A" link show "${P}d"
	cmp_json "dummy listing" -n "$A" link show "${P}d"
fi

done_testing
