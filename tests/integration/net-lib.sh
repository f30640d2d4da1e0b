# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# net-lib.sh - helpers of the network tests (netns, link, addr, route,
# neigh, bridge, connect), which hold nook up against iproute2's ip in
# network namespaces they make.  Sourced after lib.sh; not a test itself
# (tests/run.sh passes over *-lib.sh).
#
# Settings a script may make after sourcing (each has a default):
#   CAP_NORM        a filter (function or command) that cap and cmp_json
#                   pass stdout through, for output that moves by itself
#                   between two runs (bridge timers, neighbour ages); none
#                   by default
#   ERR_STATE       the function "ERR_STATE NS" that prints what cmp_err
#                   checks is left unchanged in namespace $A

# ---------------------------------------------------------------- the peers' versions

# The comparisons were written against iproute2 6.1 ("ip -V": "ip utility,
# iproute2-6.1.0, libbpf ...") and bridge-utils 1.7 ("brctl --version":
# "bridge-utils, 1.7"); on another version they skip with the reason
# (parity IP_SKIP DESC, parity BRCTL_SKIP DESC; see lib.sh).
IP_WANT=6.1.0 BRCTL_WANT=1.7
# shellcheck disable=SC2034 # used by the scripts
IP_SKIP=$(peer_skip iproute2 "$IP_WANT" "$(ip -V 2>/dev/null | sed -n 's/.*iproute2-\([^ ,]*\).*/\1/p')")
# shellcheck disable=SC2034 # used by the scripts
BRCTL_SKIP=$(peer_skip bridge-utils "$BRCTL_WANT" \
	"$(brctl --version 2>/dev/null | sed -n 's/^bridge-utils, \([^ ]*\)$/\1/p')")

# ---------------------------------------------------------------- requirements

# require_net [TOOL...] - skip the whole script unless it runs as root with
# the nook binary, ip and each TOOL on PATH
require_net()
{
	local t

	skip_unless_root
	[ -x "$NOOK" ] || skip_all "no nook binary at $NOOK (set NOOK=)"
	for t in ip "$@"; do
		command -v "$t" >/dev/null || skip_all "no $t"
	done
}

# require_ping - set PING (an array) to iputils' ping or, failing that,
# busybox's; skip the whole script if there is neither
require_ping()
{
	# shellcheck disable=SC2034 # PING is the script's
	if command -v ping >/dev/null; then
		PING=(ping)
	elif busybox ping 2>&1 | grep -q Usage; then
		PING=(busybox ping)
	else
		skip_all "no ping"
	fi
}

# ---------------------------------------------------------------- namespaces

# mkns NAME [SYSCTL...] - a network namespace of the test, deleted at exit,
# with lo up.  The SYSCTL settings (KEY=VALUE) are made in it; by default
# IPv6 DAD is off, so that addresses are not "tentative" in one listing and
# not the next.
mkns()
{
	local ns=$1

	shift
	[ $# -gt 0 ] || set -- net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
	ip netns add "$ns" || return 1
	push_cleanup ip netns del "$ns"
	ip netns exec "$ns" sysctl -qw "$@" >/dev/null
	ip -n "$ns" link set lo up
}

# ---------------------------------------------------------------- comparing with ip

# cap CMD... - rc, stdout (through $CAP_NORM, if set) and stderr of CMD in
# one string
cap()
{
	local out

	run "$@"
	out=$OUT
	[ -n "${CAP_NORM:-}" ] && out=$("$CAP_NORM" <<<"$OUT")
	printf 'rc=%s\n%s\n-- stderr:\n%s' "$RC" "$out" "$ERR"
}

# _moved DESC TRY WANT CMD... - after a difference: whether CMD (ip's
# side) now prints other than WANT, i.e. the kernel's state moved between
# the two runs (a carrier coming up, an entry changing state), and this is
# not the third try; then says so ("# retry") and the runs are tried again.
# A difference while ip's own output holds still is never tried again.
_moved()
{
	local desc=$1 try=$2 want=$3 again

	shift 3
	[ "$try" -lt 3 ] || return 1
	again=$("$@")
	[ "$again" != "$want" ] || return 1
	diag "retry $try: $desc: ip's own output changed between two runs (the kernel's state moved)"
}

# cmp_ip DESC ARGS... - "ip ARGS" and "nook ARGS" print the same and exit
# alike (one test).  Tried again only when ip's own output moved meanwhile
# (see _moved).
cmp_ip()
{
	local desc=$1 want got i

	shift
	parity "$IP_SKIP" "$desc: same as ip" || return 0
	for ((i = 1; ; i++)); do
		want=$(cap ip "$@")
		got=$(cap "$NOOK" "$@")
		[ "$want" == "$got" ] && break
		_moved "$desc" "$i" "$want" cap ip "$@" || break
	done
	check_eq "$desc: same as ip" "$want" "$got"
}

# _json CMD... - CMD's stdout and stderr, stdout through $CAP_NORM if set
_json()
{
	local out

	out=$("$@" 2>&1)
	[ -n "${CAP_NORM:-}" ] && out=$("$CAP_NORM" <<<"$out")
	printf '%s' "$out"
}

# json_eq A B - the two JSON documents are equal (keys, order and types)
json_eq()
{
	python3 -c '
import json, sys
a = json.loads(sys.argv[1], object_pairs_hook=lambda p: list(p))
b = json.loads(sys.argv[2], object_pairs_hook=lambda p: list(p))
sys.exit(0 if a == b else 1)' "$1" "$2"
}

# cmp_json DESC ARGS... - "ip -j ARGS" and "nook -j ARGS" parse to the same
# document, in the same bytes (two tests); tried again as cmp_ip
cmp_json()
{
	local desc=$1 want got i

	shift
	parity "$IP_SKIP" "$desc: JSON equals ip's" "$desc: JSON bytes as ip's" || return 0
	for ((i = 1; ; i++)); do
		want=$(_json ip -j "$@")
		got=$(_json "$NOOK" -j "$@")
		[ "$want" == "$got" ] && break
		_moved "$desc (-j)" "$i" "$want" _json ip -j "$@" || break
	done
	if json_eq "$want" "$got"; then
		pass "$desc: JSON equals ip's"
	else
		fail "$desc: JSON equals ip's" "ip:   $want" "nook: $got"
	fi
	check_eq "$desc: JSON bytes as ip's" "$want" "$got"
}

# cmp_err DESC ARGS... - a mistake, "ip -n $A ARGS" and "nook -n $A ARGS":
# nook says what ip says, exits alike, and neither changes what
# "$ERR_STATE $A" prints (three tests; on another iproute2, only that nook
# changes nothing)
cmp_err()
{
	local desc=$1 before want got

	shift
	before=$("$ERR_STATE" "$A")
	if parity "$IP_SKIP" "$desc: ip changed nothing (test sanity)" "$desc: same as ip"; then
		want=$(cap ip -n "$A" "$@")
		check_eq "$desc: ip changed nothing (test sanity)" "$before" "$("$ERR_STATE" "$A")"
		got=$(cap "$NOOK" -n "$A" "$@")
		check_eq "$desc: same as ip" "$want" "$got"
	else
		run "$NOOK" -n "$A" "$@"
	fi
	check_eq "$desc: nothing changed" "$before" "$("$ERR_STATE" "$A")"
}
