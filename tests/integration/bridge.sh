#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bridge.sh - "nook bridge" against bridge-utils' brctl (1.7), as root, in
# network namespaces the test makes (nkb$ID...), never touching others.
#
# A bridge made by nook in namespace B joins three hosts H1..H3 (one veth
# pair each): they must ping each other.  "bridge show" is compared with
# "ip netns exec B brctl show" byte for byte; stp and setageing are read back
# from /sys/class/net/BR/bridge/ inside B.  Mistakes are made with both
# tools: same message (brctl's "brctl" reads "nook bridge"), same status,
# nothing changed.  Changes are compared in twin namespaces T1 (brctl) and
# T2 (nook).
#
#   NOOK=/tmp/build/nook prove -v tests/integration/bridge.sh

# shellcheck source=tests/integration/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tests/integration/net-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/net-lib.sh"

require_net python3
require_ping
BRCTL=$(command -v brctl || true)

P=nkb$ID
B=${P}b H1=${P}h1 H2=${P}h2 H3=${P}h3 T1=${P}t T2=${P}u
BR=${P}br BR2=${P}bq

# brctl in namespace NS (ip netns exec remounts /sys for it)
brctl_in()
{
	local ns=$1

	shift
	ip netns exec "$ns" "$BRCTL" "$@"
}

# norm_brctl - brctl's name for itself is "nook bridge" for nook
norm_brctl()
{
	sed 's/Usage: brctl /Usage: nook bridge /'
}

sysfs()
{
	ip netns exec "$1" cat "/sys/class/net/$2/bridge/$3" 2>&1
}

# state NS - what a bridge command may change: the bridges with their ports
# (the random part of the bridge id hidden), settings and up/down
state()
{
	local br

	# (stderr: ip's look-up of a peer's namespace may trip over other tests' namespaces)
	ip -n "$1" -o link show 2>/dev/null | sed -E 's/^[0-9]+: //; s/ mtu.*(master [^ ]+).*/ \1/; s/ mtu.*//'
	for br in $(ip -n "$1" -o link show type bridge 2>/dev/null | sed -E 's/^[0-9]+: ([^:@]+).*/\1/'); do
		echo "$br stp=$(sysfs "$1" "$br" stp_state) ageing=$(sysfs "$1" "$br" ageing_time)"
	done
}

# cmp_show DESC ARGS... - "bridge show ARGS" prints what "brctl show ARGS" prints in B
cmp_show()
{
	local desc=$1 want got

	shift
	parity "$BRCTL_SKIP" "$desc: same as brctl" || return 0
	want=$(cap brctl_in "$B" show "$@")
	got=$(cap "$NOOK" -n "$B" bridge show "$@")
	check_eq "$desc: same as brctl" "$want" "$got"
}

# cmp_err DESC ARGS... - a mistake in B: nook says what brctl says (brctl's
# usage lines name it "nook bridge"), exits alike, changes nothing (this
# script's own, in place of net-lib.sh's, which compares with ip)
cmp_err()
{
	local desc=$1 before want got

	shift
	before=$(state "$B")
	got=$(cap "$NOOK" -n "$B" bridge "$@")
	check_eq "$desc: nothing changed" "$before" "$(state "$B")"
	parity "$BRCTL_SKIP" "$desc: brctl changed nothing (test sanity)" "$desc: same as brctl" ||
		return 0
	want=$(cap brctl_in "$B" "$@" | norm_brctl)
	check_eq "$desc: brctl changed nothing (test sanity)" "$before" "$(state "$B")"
	check_eq "$desc: same as brctl" "$want" "$got"
}

# twin ARGS... - "brctl ARGS" in T1 and "nook bridge ARGS" in T2: same
# output and status, the same bridges afterwards
twin()
{
	local want got

	parity "$BRCTL_SKIP" "$*: same as brctl" "$*: same bridges as brctl leaves" || return 0
	want=$(cap brctl_in "$T1" "$@" | norm_brctl)
	got=$(cap "$NOOK" -n "$T2" bridge "$@")
	check_eq "$*: same as brctl" "$want" "$got"
	check_eq "$*: same bridges as brctl leaves" "$(state "$T1")" "$(state "$T2")"
}

# ---------------------------------------------------------------- three hosts on a bridge

for ns in $B $H1 $H2 $H3 $T1 $T2; do
	mkns "$ns" net.ipv6.conf.all.disable_ipv6=1 || skip_all "cannot make network namespaces"
done
# wire N - host N's end of a veth pair (10.91.0.N) and the bridge's end, up
wire()
{
	local h=${P}h$1

	ip -n "$B" link add "${P}p$1" type veth peer name "${P}e$1" netns "$h" &&
		ip -n "$h" addr add "10.91.0.$1/24" dev "${P}e$1" &&
		ip -n "$h" link set "${P}e$1" up && ip -n "$B" link set "${P}p$1" up
}
for i in 1 2 3; do
	wire "$i" || skip_all "cannot wire the namespaces"
done

run "$NOOK" -n "$B" bridge add "$BR"
check_eq "bridge add BR: exit 0, silent" "rc=0 ''" "rc=$RC '$OUT$ERR'"
check_match "ip sees a bridge" "^[0-9]+: $BR: .*" "$(ip -n "$B" -o link show type bridge 2>/dev/null)"
ok "bridge addif BR DEV" "$NOOK" -n "$B" bridge addif "$BR" "${P}p1"
ok "bridge addif BR DEV DEV (two at once)" "$NOOK" -n "$B" bridge addif "$BR" "${P}p2" "${P}p3"
for i in 1 2 3; do
	check_match "port $i has the bridge for master" "master $BR " \
		"$(ip -n "$B" -o link show "${P}p$i" 2>/dev/null)"
done
ip -n "$B" link set "$BR" up
for i in 1 2 3; do
	for j in 1 2 3; do
		[ "$i" = "$j" ] && continue
		ok "H$i pings H$j across the bridge" \
			ip netns exec "${P}h$i" "${PING[@]}" -c1 -W2 "10.91.0.$j"
	done
done

# ---------------------------------------------------------------- show

ok "second bridge (brctl's word addbr)" "$NOOK" -n "$B" bridge addbr "$BR2"
cmp_show "show"
cmp_show "show BR" "$BR"
cmp_show "show BR BR" "$BR2" "$BR"
cmp_show "show of a missing bridge and a device" "${P}none" "$BR" "${P}p1"
cmp_show "show of a missing bridge" "${P}none"
run "$NOOK" -n "$B" bridge show
check_eq "show: the header" "bridge name	bridge id		STP enabled	interfaces" "$(line 1 "$OUT")"
check_match "show: the ports, one a line" "^							${P}p3$" "$OUT"
run "$NOOK" -n "$B" -j bridge show "$BR"
check_eq "-j show BR" "rc=0" "rc=$RC"
check_eq "-j show BR: name, id, stp, ports" \
	"$BR $(sysfs "$B" "$BR" bridge_id) False ${P}p1,${P}p2,${P}p3" \
	"$(python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert len(d) == 1
b = d[0]
print(b["name"], b["bridge_id"], b["stp_enabled"], ",".join(b["interfaces"]))' "$OUT" 2>&1)"
run "$NOOK" -n "$B" -j bridge show
check_eq "-j show: every bridge, sorted" "$BR2 $BR" \
	"$(python3 -c 'import json,sys; print(*[b["name"] for b in json.loads(sys.argv[1])])' "$OUT" 2>&1)"

# ---------------------------------------------------------------- settings, read back from sysfs

ok "stp BR on" "$NOOK" -n "$B" bridge stp "$BR" on
check_eq "sysfs stp_state is 1" "1" "$(sysfs "$B" "$BR" stp_state)"
cmp_show "show, STP on" "$BR"
ok "stp BR off" "$NOOK" -n "$B" bridge stp "$BR" off
check_eq "sysfs stp_state is 0" "0" "$(sysfs "$B" "$BR" stp_state)"
ok "stp BR yes" "$NOOK" -n "$B" bridge stp "$BR" yes
check_eq "sysfs stp_state is 1 again" "1" "$(sysfs "$B" "$BR" stp_state)"
ok "stp BR 0" "$NOOK" -n "$B" bridge stp "$BR" 0
ok "setageing BR 30" "$NOOK" -n "$B" bridge setageing "$BR" 30
check_eq "sysfs ageing_time is 3000 (centiseconds)" "3000" "$(sysfs "$B" "$BR" ageing_time)"
ok "setageing BR 1.5" "$NOOK" -n "$B" bridge setageing "$BR" 1.5
check_eq "sysfs ageing_time is 150" "150" "$(sysfs "$B" "$BR" ageing_time)"
ok "setageing BR 300" "$NOOK" -n "$B" bridge setageing "$BR" 300

# ---------------------------------------------------------------- mistakes

cmp_err "addbr of an existing name" addbr "$BR"
cmp_err "addbr of a device's name" addbr "${P}p1"
cmp_err "addbr of an invalid name" addbr "a/b"
cmp_err "delbr of a missing bridge" delbr "${P}none"
cmp_err "delbr of a bridge that is up" delbr "$BR"
cmp_err "delbr of a device" delbr "${P}p1"
cmp_err "addif of a port of a bridge" addif "$BR2" "${P}p1"
cmp_err "addif of a port again" addif "$BR" "${P}p1"
cmp_err "addif of a missing device" addif "$BR" "${P}none"
cmp_err "addif to a missing bridge" addif "${P}none" "${P}p1"
cmp_err "addif of a bridge" addif "$BR" "$BR2"
cmp_err "addif of loopback" addif "$BR2" lo
cmp_err "addif stops at the first failure" addif "$BR2" "${P}none" "${P}p1"
cmp_err "delif of a port of another bridge" delif "$BR2" "${P}p1"
cmp_err "delif of a missing device" delif "$BR" "${P}none"
cmp_err "delif from a missing bridge" delif "${P}none" "${P}p1"
cmp_err "stp with a bad word" stp "$BR" maybe
cmp_err "stp of a missing bridge" stp "${P}none" on
cmp_err "stp of a device" stp "${P}p1" on
cmp_err "setageing with a bad time" setageing "$BR" abc
cmp_err "setageing of a missing bridge" setageing "${P}none" 10
cmp_err "setageing of a device" setageing "${P}p1" 10
cmp_err "stp without a value" stp "$BR"
cmp_err "addif without a device" addif "$BR"
cmp_err "addbr without a name" addbr
run "$NOOK" -n "$B" bridge bogus
check_eq "unknown command: brctl's words, exit 1" "1 never heard of command [bogus]" "$RC $ERR"

# ---------------------------------------------------------------- changes, against brctl's in twin namespaces

for ns in $T1 $T2; do
	ip -n "$ns" link add "${P}x" type veth peer name "${P}y"
done
twin addbr "${P}tb"
twin addbr "${P}long890123456789"
twin addif "${P}tb" "${P}x"
twin addif "${P}tb" "${P}y"
twin stp "${P}tb" on
twin setageing "${P}tb" 12.5
twin setageing "${P}tb" 0x10
twin delif "${P}tb" "${P}x"
twin delbr "${P}long890123456789"
twin delbr "${P}tb"

# ---------------------------------------------------------------- delete

ok "delif BR DEV" "$NOOK" -n "$B" bridge delif "$BR" "${P}p3"
check_eq "the port has no master" "" "$(ip -n "$B" -o link show "${P}p3" 2>/dev/null | grep -o "master $BR")"
ok_not "H3 is cut off" ip netns exec "$H3" "${PING[@]}" -c1 -W1 10.91.0.1
ip -n "$B" link set "$BR" down
ok "del BR (down)" "$NOOK" -n "$B" bridge del "$BR"
ok "delbr BR" "$NOOK" -n "$B" bridge delbr "$BR2"
check_eq "no bridge is left" "" "$(ip -n "$B" -o link show type bridge 2>/dev/null)"
cmp_show "show with no bridge"

# ---------------------------------------------------------------- options are not names

# opt_err DESC ARGS... - brctl reads options anywhere on its line (getopt):
# one it does not know is refused in its words (getopt's "/usr/sbin/brctl: "
# reads "nook bridge: "), with its usage on stdout and status 1, and is never
# taken for a name; nothing is made or changed in B
opt_err()
{
	local desc=$1 before want got

	shift
	before=$(state "$B")
	run "$NOOK" -n "$B" bridge "$@"
	got="rc=$RC $ERR"
	check_eq "$desc: nothing made or changed" "$before" "$(state "$B")"
	check_match "$desc: the usage on stdout" "^Usage: nook bridge \[commands\]$" "$OUT"
	if [ -z "$BRCTL" ]; then
		skip "$desc: same as brctl" "no brctl"
		return
	fi
	run brctl_in "$B" "$@"
	want="rc=$RC $(sed 's|^[^ ]*brctl: |nook bridge: |' <<<"$ERR")"
	check_eq "$desc: brctl changed nothing (test sanity)" "$before" "$(state "$B")"
	check_eq "$desc: same words and status as brctl" "$want" "$got"
}

opt_err "addbr --foo" addbr --foo
opt_err "addbr -x" addbr -x
opt_err "addbr NAME --foo=1" addbr "${P}o" --foo=1
opt_err "delbr --foo" delbr --foo
opt_err "addif DEV --foo" addif "${P}p1" --foo
opt_err "delif --foo DEV" delif --foo "${P}p1"
opt_err "stp --foo on" stp --foo on
opt_err "setageing --foo 10" setageing --foo 10
opt_err "show --foo" show --foo
opt_err "show -j (an option after the verb)" show -j
run "$NOOK" -n "$B" bridge addbr -h
check_eq "addbr -h: the usage, exit 0, nothing made" "rc=0 Usage: nook bridge [commands] " \
	"rc=$RC $(line 1 "$OUT") $(ip -n "$B" -o link show dev -h 2>/dev/null)"
ok "addbr -- --foo: \"--\" ends the options, as for brctl" "$NOOK" -n "$B" bridge addbr -- --foo
check_match "... and makes a bridge named --foo" "^[0-9]+: --foo: " \
	"$(ip -n "$B" -o link show type bridge 2>/dev/null)"
ok "delbr -- --foo" "$NOOK" -n "$B" bridge delbr -- --foo

done_testing
