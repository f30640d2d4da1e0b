#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench/net.sh - time "nook netns connect" against the nine ip commands it replaces, and
# "nook link show" against "ip link show" with 1000 links, each with a floor.
#
# Usage: sudo bench/net.sh [ROW...]      (ROW: setup link link-json)
#
# Builds nothing: build first (meson setup build --buildtype=release && ninja -C build),
# or point BUILD at another build directory.  Knobs, all optional:
#   BUILD=build   RUNS=300 (per command and row)   ROUNDS=5   WARMUP=3 (per round)
#   LINKS=1000 (devices in the link rows' namespace)
#
# setup: two namespaces joined by a veth pair, addressed and up, made from nothing by
#   nook netns connect A B --addr 10.213.0.1/24 10.213.0.2/24
# against a script of the nine ip commands (run as "sh SCRIPT", as a user would), the
# floor (floor-net setup) and "sh" on a script with no commands (what the shell costs).
# hyperfine's --prepare deletes A and B before every run, so that every run starts from
# nothing, and --cleanup after the last.
# link, link-json: "ip [-j] -n NS link show" and "nook [-j] -n NS link show" in a namespace
# of LINKS devices, and the floor (floor-net links NS: one dump, one line per device).
#
# The namespaces are the bench's own (nb<PID>a, nb<PID>b, nb<PID>l) and are deleted at
# exit however the script ends.  Before timing, each contender runs once and is checked:
# for setup, A pings B's address and the namespaces look the same after each contender;
# for the link rows, nook prints what ip prints.  As in bench/unshare.sh, the order of
# the commands rotates from round to round; bench/net-report.py pools the rounds and
# writes the net section of bench/RESULTS.md.
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUNS=${RUNS:-300}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-3}
LINKS=${LINKS:-1000}
# A directory of its own: bench/unshare.sh empties bench/out/ (and so this) when it runs.
OUT=bench/out/net

# The ip script and the shell look ip up in $PATH, as a user's script does; pin it.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# slug|what is timed
ROWS=(
	"setup|netns connect"
	"link|link show"
	"link-json|link show -j"
)

BENCH=net.sh
UL=$(command -v ip || echo /usr/sbin/ip)
NOOK=$BUILD/nook
FLOOR=$BUILD/bench/floor-net
PING=$(command -v ping || echo /usr/bin/ping)
# shellcheck source=bench/lib.sh
. bench/lib.sh
NAMES=(ip nook floor sh)
UL_VERSION=-V
[ -x "$PING" ] || warn "'ping' not found (apt-get install iputils-ping): the setup row's ping check is skipped"
bench_checks "netns connect"

# The command line that repeats this run, for the results.
repro="sudo"
[ "$BUILD" = build ] || repro+=" BUILD=$BUILD"
[ "$RUNS" = 300 ] || repro+=" RUNS=$RUNS"
[ "$ROUNDS" = 5 ] || repro+=" ROUNDS=$ROUNDS"
[ "$WARMUP" = 3 ] || repro+=" WARMUP=$WARMUP"
[ "$LINKS" = 1000 ] || repro+=" LINKS=$LINKS"
repro+=" bench/net.sh${*:+ $*}"

select_rows "$@"

# ---- the bench's namespaces -----------------------------------------------------------
# Names of its own (short enough that "veth-" and a name fit in a device name), and only
# these are ever deleted.
NS_A=nb$$a
NS_B=nb$$b
NS_L=nb$$l
IF_A=veth-$NS_B # in A, the end that leads to B
IF_B=veth-$NS_A
ADDR_A=10.213.0.1/24
ADDR_B=10.213.0.2/24

del_ns()
{
	local n
	for n in "$@"; do
		if [ -e "/run/netns/$n" ]; then
			ip netns del "$n" 2>/dev/null || rm -f "/run/netns/$n"
		fi
	done
}
trap 'del_ns "$NS_A" "$NS_B" "$NS_L"' EXIT
trap 'exit 130' INT TERM HUP # and so through the EXIT trap

for n in "$NS_A" "$NS_B" "$NS_L"; do
	[ ! -e "/run/netns/$n" ] || die "/run/netns/$n exists already (another run?)"
done

rm -rf "$OUT"
mkdir -p "$OUT"
ABS_OUT=$PWD/$OUT

# /run/netns, a shared mount, as "ip netns add" makes it: the floor assumes it.
ip netns add "$NS_L"

# ---- setup: scripts and checks ----------------------------------------------------------
cat >"$OUT/clean.sh" <<EOF
# Delete the setup row's namespaces if they are there (hyperfine --prepare, --cleanup).
for n in $NS_A $NS_B; do
	if [ -e /run/netns/\$n ]; then ip netns del \$n; fi
done
exit 0
EOF
cat >"$OUT/ip-setup.sh" <<EOF
# What "nook netns connect $NS_A $NS_B --addr $ADDR_A $ADDR_B" does, in ip commands.
set -e
ip netns add $NS_A
ip netns add $NS_B
ip link add $IF_A netns $NS_A type veth peer name $IF_B netns $NS_B
ip -n $NS_A addr add $ADDR_A dev $IF_A
ip -n $NS_B addr add $ADDR_B dev $IF_B
ip -n $NS_A link set $IF_A up
ip -n $NS_B link set $IF_B up
ip -n $NS_A link set lo up
ip -n $NS_B link set lo up
EOF
cat >"$OUT/sh-only.sh" <<EOF
# The shell's own cost: the ip script with no ip command.
set -e
EOF

SETUP_CMDS=(
	"sh $(q "$ABS_OUT/ip-setup.sh")"
	"$(q "$NOOK") netns connect $NS_A $NS_B --addr $ADDR_A $ADDR_B"
	"$(q "$FLOOR") setup $NS_A $NS_B $IF_A $IF_B $ADDR_A $ADDR_B"
	"sh $(q "$ABS_OUT/sh-only.sh")"
)

# The namespaces as a contender left them, without what differs from run to run (MAC
# addresses and the link-local IPv6 addresses made from them, whether duplicate address
# detection is still going on) and with the names replaced by A and B.
setup_state()
{
	local n
	for n in "$NS_A" "$NS_B"; do
		echo "[$n]"
		ip -n "$n" -o link show
		ip -n "$n" -o addr show
	done | sed -E -e 's#(link/[a-z]+) [0-9a-f:]+ brd [0-9a-f:]+#\1 MAC brd MAC#' \
		-e 's#inet6 fe80::[0-9a-f:]+/64#inet6 fe80::EUI64/64#; s/ tentative / /' \
		-e "s/$NS_A/A/g; s/$NS_B/B/g"
}

# check_setup - each contender once from nothing: exit status, ping, state; to setup.check
check_setup()
{
	local i name out ping state
	for i in 0 1 2; do
		name=${NAMES[$i]}
		sh "$OUT/clean.sh"
		# shellcheck disable=SC2086 # a command line, split on purpose (no quoting in it)
		if ! out=$(eval "${SETUP_CMDS[$i]}" 2>&1); then
			printf '%s\tFAILED: %s\t-\t-\n' "$name" "${out//$'\n'/ }"
			continue
		fi
		if [ ! -x "$PING" ]; then
			ping="not checked: no ping"
		elif ip netns exec "$NS_A" "$PING" -c1 -W2 "${ADDR_B%/*}" >/dev/null 2>&1; then
			ping="A pings ${ADDR_B%/*}"
		else
			ping="FAILED: A does not ping ${ADDR_B%/*}"
		fi
		# Operational state (UP) follows IFF_UP through a kernel worker, up to a second.
		sleep 1.5
		setup_state >"$OUT/setup.$name.state"
		if [ "$i" -eq 0 ]; then
			state="(reference)"
		elif diff -u "$OUT/setup.ip.state" "$OUT/setup.$name.state" >"$OUT/setup.$name.diff"; then
			state="same as ip's"
		else
			state="DIFFERS from ip's: $(grep -c '^[-+][^-+]' "$OUT/setup.$name.diff" || true) lines (setup.$name.diff)"
		fi
		printf '%s\tran\t%s\t%s\n' "$name" "$ping" "$state"
	done >"$OUT/setup.check"
	sh "$OUT/clean.sh"
	sed 's/\t/  /g' "$OUT/setup.check"
}

# ---- link rows: the namespace and checks -------------------------------------------------
# dummy devices if the kernel has them, else ifb ones (as simple: no lower device, no
# carrier, a MAC address); the kind is recorded.
link_state()
{
	local t0=$SECONDS i
	LINK_KIND=dummy
	if ! ip -n "$NS_L" link add nbprobe type dummy 2>/dev/null; then
		LINK_KIND=ifb
	else
		ip -n "$NS_L" link del nbprobe
	fi
	for ((i = 0; i < LINKS; i++)); do
		echo "link add d$i type $LINK_KIND"
	done >"$OUT/links.batch"
	ip -n "$NS_L" -batch "$OUT/links.batch"
	LINKS_S=$((SECONDS - t0))
	[ "$(ip -n "$NS_L" -o link show | wc -l)" -eq $((LINKS + 1)) ] ||
		die "namespace $NS_L does not have $LINKS devices and lo"
}

# check_link SLUG OPTS - nook's output must be ip's; to SLUG.check
check_link()
{
	local slug=$1 opts=$2 res
	# shellcheck disable=SC2086
	"$UL" $opts -n "$NS_L" link show >"$OUT/$slug.ip.out" 2>&1 || true
	# shellcheck disable=SC2086
	"$NOOK" $opts -n "$NS_L" link show >"$OUT/$slug.nook.out" 2>&1 || true
	"$FLOOR" links "$NS_L" >"$OUT/$slug.floor.out" 2>&1 || true
	if cmp -s "$OUT/$slug.ip.out" "$OUT/$slug.nook.out"; then
		res="same as ip's ($(wc -l <"$OUT/$slug.ip.out") lines, $(wc -c <"$OUT/$slug.ip.out") bytes)"
	elif [ "$opts" = -j ] && python3 -c 'import json, sys
sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' \
		"$OUT/$slug.ip.out" "$OUT/$slug.nook.out" 2>/dev/null; then
		res="same JSON as ip's, other bytes"
	else
		diff -u "$OUT/$slug.ip.out" "$OUT/$slug.nook.out" >"$OUT/$slug.diff" || true
		res="DIFFERS from ip's: $(grep -c '^[-+][^-+]' "$OUT/$slug.diff" || true) lines ($slug.diff)"
	fi
	{
		printf 'ip\tran\t(reference)\n'
		printf 'nook\tran\t%s\n' "$res"
		printf 'floor\tran\t%s lines, its own format (not compared)\n' \
			"$(wc -l <"$OUT/$slug.floor.out")"
	} >"$OUT/$slug.check"
	sed 's/\t/  /g' "$OUT/$slug.check"
}

# ---- the rows --------------------------------------------------------------------------------
for row in "${ROWS[@]}"; do
	slug=${row%%|*}
	case $slug in
	setup)
		echo "-- checks: $NS_A and $NS_B from nothing, once per contender"
		check_setup
		if grep -q $'^[a-z]*\tFAILED' "$OUT/setup.check"; then
			die "a contender failed to set up (above; nothing timed): is 'nook netns connect' built?"
		fi
		HYPERFINE_EXTRA=(--prepare "sh $(q "$ABS_OUT/clean.sh")"
			--cleanup "sh $(q "$ABS_OUT/clean.sh")")
		time_rounds setup "netns connect (two namespaces, veth, addresses, up)" \
			"${SETUP_CMDS[@]}"
		HYPERFINE_EXTRA=()
		;;
	link | link-json)
		if [ -z "${LINK_KIND:-}" ]; then
			echo "-- $LINKS devices in $NS_L"
			link_state
		fi
		opts=
		[ "$slug" = link ] || opts=-j
		echo "-- checks: ip${opts:+ $opts} -n $NS_L link show"
		check_link "$slug" "$opts"
		time_rounds "$slug" "link show${opts:+ $opts}, $LINKS devices" \
			"$(q "$UL")${opts:+ $opts} -n $NS_L link show" \
			"$(q "$NOOK")${opts:+ $opts} -n $NS_L link show" \
			"$(q "$FLOOR") links $NS_L"
		;;
	esac
done

{
	machine_record
	echo "command	$repro"
	echo "runs	$RUNS per command and row, in $ROUNDS rounds, $WARMUP warm-up runs per round"
	echo "env	PATH=$PATH LANG=${LANG:-unset}"
	echo "load	$load_start"
	echo "load_end	$(cut -d' ' -f1-3 /proc/loadavg)"
	echo "links	$LINKS ${LINK_KIND:-}"
	echo "links_s	${LINKS_S:-}"
	echo "names	$NS_A $NS_B $NS_L"
} >"$OUT/machine.tsv"

python3 bench/net-report.py "$OUT" bench/RESULTS.md "${ROWS[@]%%|*}"
echo "Wrote the net section of bench/RESULTS.md (raw data in $OUT/)"
