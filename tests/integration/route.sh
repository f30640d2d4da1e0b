#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# route.sh - "nook route" against iproute2's "ip route" (6.1), as root, in
# network namespaces the test makes (nkr$ID...), never touching others.
#
# Three namespaces in a line, A - R - C, joined by two veth pairs, with
# forwarding on in R: routes made by nook must carry A's pings to C's
# address.  Listings are compared with ip's byte for byte (stdout, stderr,
# exit status), -j output also as parsed JSON.  Routes nook makes are
# compared with the routes ip makes from the same words in a twin namespace.
# Mistakes are made with both tools: same message, same status, nothing
# left behind.
#
#   NOOK=/tmp/build/nook prove -v tests/integration/route.sh

# shellcheck source=tests/integration/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/integration/net-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/net-lib.sh"

require_net python3
require_ping

P=nkr$ID
A=${P}a R=${P}r C=${P}c T1=${P}t T2=${P}u
# devices: A's end and R's end of the first pair, R's and C's of the second
DA=${P}a0 DRA=${P}ra DRC=${P}rc DC=${P}c0

# ---------------------------------------------------------------- helpers

# routes NS - every route of the namespace, as ip lists them (the state a
# command may change)
# shellcheck disable=SC2317 # called through ERR_STATE
routes()
{
	ip -n "$1" route show table all 2>&1
}

ERR_STATE=routes # what cmp_err checks a mistake leaves alone

# twin ARGS... - "ip ARGS" in T1 and "nook ARGS" in T2 (namespaces made
# alike): same output and status, then the same routes
twin()
{
	local want got

	parity "$IP_SKIP" "$*: same as ip" "$*: same routes as ip makes" || return 0
	want=$(cap ip -n "$T1" "$@")
	got=$(cap "$NOOK" -n "$T2" "$@")
	check_eq "$*: same as ip" "$want" "$got"
	want=$(ip -n "$T1" route show table all | sed "s/$T1/NS/g")
	got=$(ip -n "$T2" route show table all | sed "s/$T2/NS/g")
	check_eq "$*: same routes as ip makes" "$want" "$got"
}

# ---------------------------------------------------------------- namespaces

for ns in $A $R $C $T1 $T2; do
	mkns "$ns" || skip_all "cannot make network namespaces"
done

wire()
{
	ip -n "$A" link add "$DA" type veth peer name "$DRA" netns "$R" &&
		ip -n "$R" link add "$DRC" type veth peer name "$DC" netns "$C" &&
		ip -n "$A" addr add 10.71.1.2/24 dev "$DA" &&
		ip -n "$R" addr add 10.71.1.1/24 dev "$DRA" &&
		ip -n "$R" addr add 10.71.2.1/24 dev "$DRC" &&
		ip -n "$C" addr add 10.71.2.2/24 dev "$DC" &&
		ip -n "$A" link set "$DA" up && ip -n "$R" link set "$DRA" up &&
		ip -n "$R" link set "$DRC" up && ip -n "$C" link set "$DC" up &&
		ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1
}
wire || skip_all "cannot wire the namespaces"

# twin NS - a veth pair with fixed addresses: the same link-local routes in both
wire_twin()
{
	local ns=$1

	ip -n "$ns" link add "${P}v" address 02:00:00:00:72:01 type veth peer name "${P}w" \
		address 02:00:00:00:72:02 &&
		ip -n "$ns" addr add 10.72.0.1/24 dev "${P}v" &&
		ip -n "$ns" addr add 2001:db8:72::1/64 dev "${P}v" &&
		ip -n "$ns" link set "${P}v" up && ip -n "$ns" link set "${P}w" up
}
for ns in $T1 $T2; do
	wire_twin "$ns" || skip_all "cannot wire the twin namespaces"
done

# ---------------------------------------------------------------- routes that carry traffic

ok_not "A cannot reach C before any route" ip netns exec "$A" "${PING[@]}" -c1 -W1 10.71.2.2
run "$NOOK" -n "$A" route add default via 10.71.1.1
check_eq "route add default via: exit 0, silent" "rc=0 ''" "rc=$RC '$OUT$ERR'"
check_eq "ip sees the default route" "default via 10.71.1.1 dev $DA " \
	"$(ip -n "$A" route show default)"
run "$NOOK" -n "$C" route add 10.71.1.0/24 via 10.71.2.1 dev "$DC" metric 10
check_eq "route add PREFIX via dev metric: exit 0" "rc=0" "rc=$RC"
check_eq "ip sees it" "10.71.1.0/24 via 10.71.2.1 dev $DC metric 10 " \
	"$(ip -n "$C" route show 10.71.1.0/24)"
ok "A pings C through R over nook's routes" ip netns exec "$A" "${PING[@]}" -c1 -W2 10.71.2.2
ok "C pings A back" ip netns exec "$C" "${PING[@]}" -c1 -W2 10.71.1.2

for ns in $A $R $C; do
	cmp_ip "route ($ns)" -n "$ns" route
	cmp_ip "route show table all ($ns)" -n "$ns" route show table all
	cmp_json "route show ($ns)" -n "$ns" route show
	cmp_json "route show table all ($ns)" -n "$ns" route show table all
done
cmp_ip "route list" -n "$A" route list
cmp_ip "route lst (abbreviation)" -n "$A" route lst
cmp_ip "route sh" -n "$A" route sh
cmp_ip "-4 route" -n "$A" -4 route
cmp_ip "-6 route" -n "$A" -6 route
cmp_json "-6 route" -n "$A" -6 route
cmp_ip "-d route" -n "$A" -d route
cmp_ip "-o route" -n "$A" -o route
cmp_ip "-j -p route (pretty)" -n "$R" -j -p route show table all
cmp_ip "route show table local" -n "$A" route show table local
cmp_ip "route show table main" -n "$A" route show table main
cmp_ip "route show table 0" -n "$A" route show table 0
cmp_ip "route show dev DEV" -n "$R" route show dev "$DRC"
cmp_json "route show dev DEV" -n "$R" route show dev "$DRC"
cmp_ip "route show default" -n "$A" route show default
cmp_ip "route show PREFIX" -n "$R" route show 10.71.2.0/24
cmp_ip "route show root PREFIX" -n "$R" route show root 10.71.0.0/16
cmp_ip "route show match ADDR" -n "$A" route show match 10.71.2.2
cmp_ip "route show exact PREFIX" -n "$C" route show exact 10.71.1.0/24
cmp_ip "route show via ADDR" -n "$C" route show via 10.71.2.1
cmp_ip "route show src ADDR" -n "$R" route show src 10.71.1.1
cmp_ip "route show proto kernel" -n "$R" route show proto kernel
cmp_ip "route show proto all" -n "$R" route show proto all
cmp_ip "route show scope link" -n "$R" route show scope link
cmp_ip "route show type unicast" -n "$R" route show type unicast
cmp_ip "route show metric N" -n "$C" route show metric 10
cmp_ip "route show table local type local" -n "$R" route show table local type local
cmp_ip "route get ADDR (via a gateway)" -n "$A" route get 10.71.2.2
cmp_json "route get ADDR" -n "$A" route get 10.71.2.2
cmp_ip "route get ADDR (on the link)" -n "$R" route get 10.71.2.2
cmp_ip "route get ADDR (local)" -n "$R" route get 10.71.1.1
cmp_json "route get ADDR (local)" -n "$R" route get 10.71.1.1
cmp_ip "route get ADDR/N (warning)" -n "$A" route get 10.71.2.2/24
cmp_ip "route get ADDR oif DEV" -n "$R" route get 10.71.2.2 oif "$DRC"

# linkdown: R's end goes down, the routes over it say so
ip -n "$C" link set "$DC" down
cmp_ip "route with linkdown" -n "$R" route
cmp_json "route with linkdown" -n "$R" route
ip -n "$C" link set "$DC" up

# a namespace with no IPv4 route has no main table yet: ip lists it empty, but not for flush
E=${P}e
if ip netns add "$E"; then
	push_cleanup ip netns del "$E"
	cmp_ip "route, no main table yet" -n "$E" route
	cmp_json "route, no main table yet" -n "$E" route
	cmp_ip "route flush table main, no main table yet" -n "$E" route flush table main
	cmp_ip "-j route show table 999 (ip leaves '[' open)" -n "$E" -j route show table 999
else
	fail "route, no main table yet: ip netns add $E"
fi

# ---------------------------------------------------------------- changes, against ip's in a twin namespace

twin route add 10.73.0.0/16 via 10.72.0.2
twin route add 10.74.0.0/16 dev "${P}v" proto static scope link src 10.72.0.1
twin route add 10.75.0.0/16 via 10.72.0.3 metric 50 table 100
twin route add 10.76.0.0/16 via 10.72.0.4 mtu lock 1300 advmss 1200 hoplimit 5 initcwnd 10 window 1000
twin route add 10.77.0.0/16 via 10.72.0.5 dev "${P}v" onlink
twin route add blackhole 10.78.0.0/16
twin route add unreachable 10.79.0.0/16
twin route add local 10.80.0.1 dev "${P}v"
twin route add 10.81/16 via 10.72.0.6
twin route add 10.82.0.0/255.255.0.0 dev "${P}v"
twin route add 10.83.0.0/16 via inet 10.72.0.7 m 7
twin route add 10.84.0.0/16 dev "${P}v" table 300 proto 99 scope 200
twin route add 2001:db8:73::/48 via 2001:db8:72::2
twin route add 2001:db8:74::/48 dev "${P}v" metric 5
twin route replace 10.73.0.0/16 via 10.72.0.9
twin route change 10.73.0.0/16 via 10.72.0.8
twin route append 10.85.0.0/16 via 10.72.0.2
twin route prepend 10.85.0.0/16 via 10.72.0.3 metric 3
twin route del 10.81.0.0/16
twin route delete 10.75.0.0/16 table 100
twin route d 10.85.0.0/16 via 10.72.0.3
twin route add default via 10.72.0.2
twin route del default
for ns in $T1 $T2; do
	ip -n "$ns" route add 10.86.0.0/16 via 10.72.0.2 mtu 1400
	ip -n "$ns" route add 10.87.0.0/16 dev "${P}v" table 100
done
cmp_ip "route with metrics" -n "$T2" route
cmp_json "route with metrics" -n "$T2" route
cmp_ip "route show table 100" -n "$T2" route show table 100
twin route flush table 300
twin -6 route flush dev "${P}v"
twin route flush dev "${P}v"

# ---------------------------------------------------------------- mistakes

cmp_err "gateway not on a link" route add 10.90.0.0/16 via 10.99.0.1
cmp_err "no such device" route add 10.90.0.0/16 dev "${P}none"
cmp_err "not an address" route add foo dev "$DA"
cmp_err "not an inet prefix (-4)" -4 route add foo dev "$DA"
cmp_err "an inet6 prefix with -4" -4 route add 2001:db8::/32 dev "$DA"
cmp_err "an inet prefix with -6" -6 route add 10.90.0.0/16 dev "$DA"
cmp_err "prefix length out of range" route add 10.90.0.0/33 dev "$DA"
cmp_err "bad gateway" route add 10.90.0.0/16 via bar
cmp_err "route exists" route add default via 10.71.1.1
cmp_err "no such route to delete" route del 10.90.0.0/16
cmp_err "delete what is not there" route del default via 10.71.1.9
cmp_err "via without an address" route add 10.90.0.0/16 via
cmp_err "dev without a name" route add 10.90.0.0/16 dev
cmp_err "bad metric" route add 10.90.0.0/16 metric abc dev "$DA"
cmp_err "bad table" route add 10.90.0.0/16 table foo dev "$DA"
cmp_err "bad protocol" route add 10.90.0.0/16 proto foo dev "$DA"
cmp_err "bad scope" route add 10.90.0.0/16 scope foo dev "$DA"
cmp_err "bad mtu" route add 10.90.0.0/16 mtu x dev "$DA"
cmp_err "hoplimit too big" route add 10.90.0.0/16 hoplimit 300 dev "$DA"
cmp_err "bad src" route add 10.90.0.0/16 src bad dev "$DA"
cmp_err "src not ours" route add 10.90.0.0/16 src 10.9.9.9 dev "$DA"
cmp_err "two prefixes" route add 10.90.0.0/16 10.91.0.0/16
cmp_err "two gateways" route add 10.90.0.0/16 via 10.71.1.1 via 10.71.1.3
cmp_err "unknown command" route bogus
cmp_err "show: bad table" route show table foo
cmp_err "show: no such table" route show table 999
cmp_err "show: no such table (-6)" -6 route show table 999
cmp_err "show: no such device" route show dev "${P}none"
cmp_err "show: not a prefix" route show foo
cmp_err "show: table without a value" route show table
cmp_err "flush without arguments" route flush
cmp_err "get: no address" route get
cmp_err "get: not an address" route get foo
run "$NOOK" -n "$A" route add
check_eq "add without a route: usage, exit 255" "255 Usage:" "$RC $(head -c6 <<<"$ERR")"
run "$NOOK" -n "$A" route add 10.90.0.0/16 nexthop via 10.71.1.1
check_eq "a feature nook lacks is refused by name" \
	"rc=255 Option \"nexthop\" is not supported by nook." "rc=$RC $ERR"

done_testing
