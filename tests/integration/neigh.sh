#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# neigh.sh - "nook neigh" against iproute2's "ip neigh" (6.1), as root, in
# network namespaces the test makes (nkn$ID...), never touching others.
#
# Two namespaces joined by a veth pair: entries nook adds must show up in
# ip's listing (and be used: a permanent entry with a wrong address stops
# the ping), entries the kernel learns from a ping must list alike.
# Listings are compared with ip's byte for byte, -j output also as parsed
# JSON; mistakes must give ip's message and status and change nothing.
#
#   NOOK=/tmp/build/nook prove -v tests/integration/neigh.sh

# shellcheck source=tests/integration/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/integration/net-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/net-lib.sh"

require_net python3
require_ping

P=nkn$ID
A=${P}a B=${P}b
DA=${P}a0 DB=${P}b0 DX=${P}x0

# entries NS - the entries of NS, sorted (the kernel's hash order is its
# own), as the state a mistake must not change; a dynamic entry's state moves
# on by itself (REACHABLE becomes STALE), so it reads "DYNAMIC"
# shellcheck disable=SC2317 # called through ERR_STATE
entries()
{
	ip -n "$1" neigh show nud all 2>&1 | grep -v '^ff02::' |
		sed -E 's/ (REACHABLE|STALE|DELAY|PROBE) $/ DYNAMIC /' | sort
}

ERR_STATE=entries # what cmp_err checks a mistake leaves alone

# norm - with -s, an entry's "used A/B/C" (JSON: "used", "confirmed",
# "updated") counts the seconds since it was used, confirmed and updated:
# ip's listing and nook's, one after the other, may fall in two seconds.  The
# comparisons read them as N (0 in JSON); ages_between checks nook's own.
# shellcheck disable=SC2317 # called through CAP_NORM
norm()
{
	sed -E 's# used [0-9]+/[0-9]+/[0-9]+# used N/N/N#g; s#"(used|confirmed|updated)":[0-9]+#"\1":0#g'
}
CAP_NORM=norm

# ages NS CMD... - "ADDR DEV USED CONFIRMED UPDATED" of each entry that CMD
# ("ip" or nook) lists with -j -s, sorted
ages()
{
	local ns=$1

	shift
	"$@" -n "$ns" -j -s neigh show nud all | python3 -c '
import json, sys
for e in json.load(sys.stdin):
    print(e["dst"], e["dev"], e.get("used", "-"), e.get("confirmed", "-"), e.get("updated", "-"))' |
		sort
}

# ages_between DESC - nook's ages of A's entries lie between ip's just before
# and ip's just after (the same entries, each age within its two bounds)
ages_between()
{
	local before got after

	before=$(ages "$A" ip)
	got=$(ages "$A" "$NOOK" 2>&1)
	after=$(ages "$A" ip)
	check_eq "$1" "ok" "$(python3 -c '
import sys
rows = [dict((" ".join(l.split()[:2]), l.split()[2:]) for l in t.splitlines()) for t in sys.argv[1:]]
before, got, after = rows
if set(before) != set(got) or set(got) != set(after):
    sys.exit("entries differ: ip %s, nook %s, ip %s" % (sorted(before), sorted(got), sorted(after)))
for k in got:
    for b, g, a in zip(before[k], got[k], after[k]):
        if not (b == g == a == "-" or (b != "-" and a != "-" and g != "-" and int(b) <= int(g) <= int(a))):
            sys.exit("%s: ip %s, nook %s, ip %s" % (k, before[k], got[k], after[k]))
print("ok")' "$before" "$got" "$after" 2>&1)"
}

for ns in $A $B; do
	mkns "$ns" || skip_all "cannot make network namespaces"
done
# The entries of DA (learnt, or added as reachable) would turn stale after
# the reachable time (15 to 45 s) and be probed again: a base of an hour
# keeps them as they are while the test runs.
wire()
{
	ip -n "$A" link add "$DA" type veth peer name "$DB" netns "$B" &&
		ip netns exec "$A" sysctl -qw "net.ipv4.neigh.$DA.base_reachable_time_ms=3600000" \
			"net.ipv6.neigh.$DA.base_reachable_time_ms=3600000" &&
		ip -n "$A" link add "$DX" type veth peer name "${P}y0" &&
		ip -n "$A" addr add 10.81.0.1/24 dev "$DA" && ip -n "$B" addr add 10.81.0.2/24 dev "$DB" &&
		ip -n "$A" link set "$DA" up && ip -n "$B" link set "$DB" up
}
wire || skip_all "cannot wire the namespaces"
BMAC=$(ip -n "$B" -j link show "$DB" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["address"])')

# ---------------------------------------------------------------- learnt entries

cmp_ip "neigh, empty" -n "$A" neigh
ok "A pings B" ip netns exec "$A" "${PING[@]}" -c1 -W2 10.81.0.2
check_match "the kernel learnt B's address" "^10.81.0.2 dev $DA lladdr $BMAC " \
	"$(ip -n "$A" neigh show 10.81.0.2)"
cmp_ip "neigh with a learnt entry" -n "$A" neigh
cmp_json "neigh with a learnt entry" -n "$A" neigh

# ---------------------------------------------------------------- entries nook makes

run "$NOOK" -n "$A" neigh add 10.81.0.5 lladdr aa:bb:cc:dd:ee:05 dev "$DA"
check_eq "neigh add ADDR lladdr MAC dev DEV: exit 0, silent" "rc=0 ''" "rc=$RC '$OUT$ERR'"
check_eq "ip sees it, PERMANENT" "10.81.0.5 dev $DA lladdr aa:bb:cc:dd:ee:05 PERMANENT " \
	"$(ip -n "$A" neigh show 10.81.0.5)"
ok "neigh add nud reachable" "$NOOK" -n "$A" neigh add 10.81.0.6 lladdr aa:bb:cc:dd:ee:06 dev "$DA" nud reachable
ok "neigh add nud stale" "$NOOK" -n "$A" neigh add 10.81.0.7 lladdr aa:bb:cc:dd:ee:07 dev "$DA" nud stale
ok "neigh add nud noarp" "$NOOK" -n "$A" neigh add 10.81.0.8 lladdr aa:bb:cc:dd:ee:08 dev "$DA" nud noarp
ok "neigh add nud perm router" "$NOOK" -n "$A" neigh add 10.81.0.9 lladdr 0xa:b:c:d:e:9 dev "$DA" nud perm router
ok "neighbour add (alias), IPv6" "$NOOK" -n "$A" neighbour add 2001:db8:81::9 lladdr aa:bb:cc:dd:ee:0a dev "$DA"
ok "neighbor add proxy" "$NOOK" -n "$A" neighbor add proxy 10.81.0.10 dev "$DA"
ok "neigh add on another device" "$NOOK" -n "$A" neigh add 10.82.0.1 lladdr aa:bb:cc:dd:ee:0b dev "$DX"
check_eq "ip sees stale" "10.81.0.7 dev $DA lladdr aa:bb:cc:dd:ee:07 STALE " "$(ip -n "$A" neigh show 10.81.0.7)"
check_eq "ip sees noarp" "10.81.0.8 dev $DA lladdr aa:bb:cc:dd:ee:08 NOARP " \
	"$(ip -n "$A" neigh show 10.81.0.8 nud all)"
check_eq "ip sees router" "10.81.0.9 dev $DA lladdr 0a:0b:0c:0d:0e:09 router PERMANENT " \
	"$(ip -n "$A" neigh show 10.81.0.9)"

cmp_ip "neigh" -n "$A" neigh
cmp_ip "neigh show" -n "$A" neigh show
cmp_ip "neigh list" -n "$A" neigh list
cmp_ip "neighbour lst" -n "$A" neighbour lst
cmp_ip "neigh show dev DEV" -n "$A" neigh show dev "$DA"
cmp_ip "-4 neigh" -n "$A" -4 neigh
cmp_ip "-6 neigh" -n "$A" -6 neigh
cmp_ip "neigh show nud all" -n "$A" neigh show nud all
cmp_ip "neigh show nud stale" -n "$A" neigh show nud stale
cmp_ip "neigh show nud permanent nud noarp" -n "$A" neigh show nud permanent nud noarp
cmp_ip "neigh show ADDR" -n "$A" neigh show 10.81.0.5
cmp_ip "neigh show to PREFIX" -n "$A" neigh show to 10.81.0.0/29
cmp_ip "neigh show proxy" -n "$A" neigh show proxy
cmp_ip "-s neigh" -n "$A" -s neigh
cmp_ip "-j -p neigh (pretty)" -n "$A" -j -p neigh
cmp_json "neigh" -n "$A" neigh
cmp_json "neigh show dev DEV" -n "$A" neigh show dev "$DA"
cmp_json "neigh show nud all" -n "$A" neigh show nud all
cmp_json "neigh show proxy" -n "$A" neigh show proxy
cmp_json "-s neigh" -n "$A" -s neigh
ages_between "-s: nook's seconds since each entry was used, confirmed, updated lie between ip's before and after"

cmp_ip "neigh get ADDR dev DEV" -n "$A" neigh get 10.81.0.9 dev "$DA"
cmp_ip "-j neigh get (text, as ip 6.1 prints it)" -n "$A" -j neigh get 10.81.0.9 dev "$DA"
cmp_ip "neigh get proxy ADDR dev DEV" -n "$A" neigh get proxy 10.81.0.10 dev "$DA"

# a permanent entry is used: a wrong address for B breaks the ping
ok "neigh replace with a wrong address" "$NOOK" -n "$A" neigh replace 10.81.0.2 lladdr 02:00:00:00:00:99 dev "$DA"
check_eq "ip sees the replacement" "10.81.0.2 dev $DA lladdr 02:00:00:00:00:99 PERMANENT " \
	"$(ip -n "$A" neigh show 10.81.0.2)"
ok_not "A cannot reach B through a wrong permanent entry" ip netns exec "$A" "${PING[@]}" -c1 -W1 10.81.0.2
ok "neigh change back to B's address" "$NOOK" -n "$A" neigh change 10.81.0.2 lladdr "$BMAC" dev "$DA"
ok "A reaches B again" ip netns exec "$A" "${PING[@]}" -c1 -W2 10.81.0.2

ok "neigh del ADDR dev DEV" "$NOOK" -n "$A" neigh del 10.81.0.5 dev "$DA"
check_eq "ip no longer sees it" "" "$(ip -n "$A" neigh show 10.81.0.5)"
ok "neigh delete proxy" "$NOOK" -n "$A" neigh delete proxy 10.81.0.10 dev "$DA"
check_eq "the proxy entry is gone" "" "$(ip -n "$A" neigh show proxy)"

# ---------------------------------------------------------------- mistakes

cmp_err "entry exists" neigh add 10.81.0.9 lladdr aa:bb:cc:dd:ee:09 dev "$DA"
cmp_err "bad lladdr" neigh add 10.81.0.20 lladdr zz dev "$DA"
cmp_err "bad lladdr part" neigh add 10.81.0.20 lladdr aa:zz:cc dev "$DA"
cmp_err "short lladdr (kernel)" neigh add 10.81.0.20 lladdr aa:bb dev "$DA"
cmp_err "bad nud" neigh add 10.81.0.20 dev "$DA" nud bogus
cmp_err "no such device" neigh add 10.81.0.20 lladdr aa:bb:cc:dd:ee:20 dev "${P}none"
cmp_err "no device" neigh add 10.81.0.20 lladdr aa:bb:cc:dd:ee:20
cmp_err "not an address" neigh add foo dev "$DA"
cmp_err "inet6 address with -4" -4 neigh add 2001:db8::1 dev "$DA"
cmp_err "two addresses" neigh add 10.81.0.20 10.81.0.21 dev "$DA"
cmp_err "two lladdrs" neigh add 10.81.0.20 lladdr 1:2:3:4:5:6 lladdr 1:2:3:4:5:7 dev "$DA"
cmp_err "nothing to delete" neigh del 10.81.0.99 dev "$DA"
cmp_err "delete without dev" neigh del 10.81.0.6
cmp_err "lladdr without a value" neigh add 10.81.0.20 lladdr
cmp_err "flush without arguments" neigh flush
cmp_err "show: no such device" neigh show dev "${P}none"
cmp_err "show: dev twice" neigh show dev "$DA" dev "$DX"
cmp_err "show: bad nud" neigh show nud bogus
cmp_err "show: not a prefix" neigh show foo
cmp_err "get: no such entry" neigh get 10.81.0.99 dev "$DA"
cmp_err "get: no device" neigh get 10.81.0.9
cmp_err "unknown command" neigh bogus

# ---------------------------------------------------------------- flush

before=$(ip -n "$A" neigh show dev "$DX" nud all)
ok "neigh flush dev DEV" "$NOOK" -n "$A" neigh flush dev "$DA"
check_eq "flush keeps permanent and noarp entries" \
	"$(printf '%s\n' "10.81.0.2 lladdr $BMAC PERMANENT " \
		"10.81.0.9 lladdr 0a:0b:0c:0d:0e:09 router PERMANENT " \
		"10.81.0.8 lladdr aa:bb:cc:dd:ee:08 NOARP " \
		"2001:db8:81::9 lladdr aa:bb:cc:dd:ee:0a PERMANENT " | sort)" \
	"$(ip -n "$A" neigh show dev "$DA" nud all | grep -v '^ff02::' | sort)"
check_eq "flush of one device leaves the others" "$before" "$(ip -n "$A" neigh show dev "$DX" nud all)"
ok "neigh flush nud all dev DEV" "$NOOK" -n "$A" neigh flush nud all dev "$DA"
check_eq "flush nud all leaves only noarp entries" "" \
	"$(ip -n "$A" neigh show dev "$DA" nud all | grep -v NOARP)"
run "$NOOK" -n "$A" -s neigh flush dev "$DA"
check_eq "-s flush with nothing to flush" "rc=0 Nothing to flush." "rc=$RC $OUT"

done_testing
