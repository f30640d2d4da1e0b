#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# addr.sh - "nook addr" against iproute2's "ip addr" (6.1), as root, in
# network namespaces the test makes (nka$ID...).  Addresses are added and
# removed by nook and read back by ip; listings are compared byte for byte
# with ip's, and -j also as parsed JSON.
#
#   NOOK=/tmp/build/nook prove -v tests/integration/addr.sh

# shellcheck source=tests/integration/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/integration/net-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/net-lib.sh"

require_net python3

P=nka$ID
A=${P}a B=${P}b

# addrs NS DEV - "ADDR/LEN scope S [label L] [brd B]" per address, as ip -j sees them
addrs()
{
	ip -n "$1" -j addr show dev "$2" | python3 -c '
import json, sys
for a in json.load(sys.stdin)[0]["addr_info"]:
    if a["scope"] == "link" and a["family"] == "inet6":
        continue
    s = "%s/%d scope %s" % (a["local"], a["prefixlen"], a["scope"])
    if "label" in a: s += " label " + a["label"]
    if "broadcast" in a: s += " brd " + a["broadcast"]
    print(s)'
}

for ns in $A $B; do
	mkns "$ns" || skip_all "cannot make network namespaces"
done
ip -n "$A" link add "${P}x" type veth peer name "${P}y" netns "$B" || skip_all "no veth"
ip -n "$A" link set "${P}x" up
ip -n "$B" link set "${P}y" up

# ---------------------------------------------------------------- add, del

ok "addr add CIDR dev DEV" "$NOOK" -n "$A" addr add 10.71.0.1/24 dev "${P}x"
ok "addr add with broadcast + and a label" "$NOOK" -n "$A" addr add 10.71.1.1/24 broadcast + \
	dev "${P}x" label "${P}x:1"
ok "addr add with broadcast ADDR and scope link" "$NOOK" -n "$A" addr add 10.71.2.1/24 \
	brd 10.71.2.200 scope link dev "${P}x"
ok "addr add IPv6" "$NOOK" -n "$A" addr add fd71::1/64 dev "${P}x"
ok "addr add a host address (/32)" "$NOOK" -n "$A" addr add 10.71.3.1 dev "${P}x"
ok "addr add 127.x (host scope)" "$NOOK" -n "$A" addr add 127.0.0.2/8 dev lo
check_eq "ip sees what nook added" \
	"10.71.2.1/24 scope link label ${P}x brd 10.71.2.200
10.71.0.1/24 scope global label ${P}x
10.71.1.1/24 scope global label ${P}x:1 brd 10.71.1.255
10.71.3.1/32 scope global label ${P}x
fd71::1/64 scope global" "$(addrs "$A" "${P}x")"
check_match "127.0.0.2 has host scope" "127.0.0.2/8 scope host" "$(addrs "$A" lo)"
ok "addr add on the peer" "$NOOK" -n "$B" addr add 10.71.0.2/24 dev "${P}y"
ok "ping over nook's addresses" ip netns exec "$A" ping -c1 -W2 10.71.0.2

# ---------------------------------------------------------------- show

for opt in "" -o -br -4 -6 "-4 -o" "-6 -br" -d; do
	# shellcheck disable=SC2086
	cmp_ip "addr show $opt" -n "$A" $opt addr show
	# shellcheck disable=SC2086
	cmp_ip "addr show $opt dev DEV" -n "$A" $opt addr show dev "${P}x"
done
cmp_ip "address list (long object name)" -n "$A" address list
cmp_ip "addr (no verb)" -n "$A" addr
cmp_ip "addr show DEV" -n "$A" addr show "${P}x"
cmp_ip "addr show up" -n "$A" addr show up
cmp_ip "addr show scope link" -n "$A" addr show scope link
cmp_ip "addr show label L" -n "$A" addr show label "${P}x:*"
cmp_ip "addr show to PREFIX" -n "$A" addr show to 10.71.0.0/16
cmp_ip "addr show type veth" -n "$A" addr show type veth
cmp_json "addr show" -n "$A" addr show
cmp_json "addr show -br" -n "$A" -br addr show
cmp_json "addr show -6" -n "$A" -6 addr show
cmp_json "addr show scope global" -n "$A" addr show scope global
cmp_json "addr show dev DEV" -n "$A" addr show dev "${P}x"
cmp_ip "addr show, peer side (link-netns)" -n "$B" addr show

# ---------------------------------------------------------------- mistakes

before=$(ip -n "$A" -o addr show)
cmp_ip "bad prefix" -n "$A" addr add 10.0.0.300/24 dev "${P}x"
cmp_ip "prefix of the other family" -n "$A" -6 addr add 10.1.0.9/24 dev "${P}x"
cmp_ip "no dev" -n "$A" addr add 10.0.0.3/24
cmp_ip "unknown device" -n "$A" addr add 10.0.0.3/24 dev nope
cmp_ip "address exists" -n "$A" addr add 10.71.0.1/24 dev "${P}x"
cmp_ip "del an address it has not" -n "$A" addr del 10.9.9.9/24 dev "${P}x"
cmp_ip "bad scope" -n "$A" addr add 10.1.0.2/24 dev "${P}x" scope bogus
cmp_ip "duplicate broadcast" -n "$A" addr add 1.2.3.4/24 broadcast 1.2.3.255 broadcast + dev "${P}x"
cmp_ip "two local addresses" -n "$A" addr add 1.2.3.4/24 1.2.3.5/24 dev "${P}x"
cmp_ip "broadcast + on IPv6" -n "$A" addr add fd72::1/64 broadcast + dev "${P}x"
cmp_ip "flush without arguments" -n "$A" addr flush
cmp_ip "show a missing device" -n "$A" addr show dev nope
cmp_ip "unknown command" -n "$A" addr frob
cmp_ip "incomplete" -n "$A" addr add 10.0.0.1/24 dev
check_eq "bad input left nothing behind" "$before" "$(ip -n "$A" -o addr show)"

# ---------------------------------------------------------------- del, flush

ok "addr del CIDR dev DEV" "$NOOK" -n "$A" addr del 10.71.2.1/24 dev "${P}x"
run "$NOOK" -n "$A" addr del 10.71.3.1 dev "${P}x"
check_match "del without a prefix length warns as ip does" \
	"Explicitly specify the prefix length \(10.71.3.1/32\)" "$ERR"
check_eq "... and deletes it (exit 0)" "0" "$RC"
check_eq "ip sees them gone" \
	"10.71.0.1/24 scope global label ${P}x
10.71.1.1/24 scope global label ${P}x:1 brd 10.71.1.255
fd71::1/64 scope global" "$(addrs "$A" "${P}x")"
ok "addr flush -4 dev DEV" "$NOOK" -n "$A" -4 addr flush dev "${P}x"
check_eq "only IPv6 is left" "fd71::1/64 scope global" "$(addrs "$A" "${P}x")"
run "$NOOK" -n "$A" -s addr flush dev "${P}x"
check_eq "addr flush -s dev DEV: ip's round report" \
	"rc=0

*** Round 1, deleting 2 addresses ***
*** Flush is complete after 1 round ***" "rc=$RC
$OUT"
check_eq "nothing is left, link-local included" "" \
	"$(ip -n "$A" -o addr show dev "${P}x")"
run "$NOOK" -n "$A" -s addr flush dev "${P}x"
check_eq "flush of nothing" "rc=0 Nothing to flush." "rc=$RC $OUT"

# ---------------------------------------------------------------- the family of "to"

# ip reads the devices in its own family (-4, -6, -f), not in the one that
# "to" implies: without -6, lo keeps "qdisc noqueue ... group default",
# which the IPv6 table of devices does not have
cmp_ip "addr show to ::1/128 (no -6)" -n "$A" addr show to ::1/128
run "$NOOK" -n "$A" addr show to ::1/128
check_match "addr show to ::1/128: lo's qdisc and group" \
	"^1: lo: <.*> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000$" "$OUT"
cmp_json "addr show to ::1/128 (no -6)" -n "$A" addr show to ::1/128
cmp_ip "addr show to fd71::/16 (no -6)" -n "$A" addr show to fd71::/16
cmp_ip "-6 addr show to ::1/128 (the IPv6 table)" -n "$A" -6 addr show to ::1/128

done_testing
