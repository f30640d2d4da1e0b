#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# lsns.sh - integration tests for "nook lsns", run as root, with a part run
# as an unprivileged user the test creates (nook-test).
#
# The script builds its own namespaces: processes in fresh namespaces, nested
# user namespaces, a user namespace no process is in any more (a "ghost"
# owner), an "ip netns" namespace, a UTS namespace bind-mounted by
# "unshare --uts=FILE", and network namespaces held only by an open nsfs file
# or only by a socket.  It then runs util-linux's lsns (2.38.1 here) and nook
# side by side and compares them on those namespaces only: the machine has
# other processes and namespaces that come and go between two runs, and the
# host namespaces count the listing processes themselves.
#
# Two kinds of comparison:
#  - exact (cmp_exact): exit status, stdout and stderr byte for byte, for
#    listings that hold only our namespaces, or host rows whose cells do not
#    change (no NPROCS): "-p PID" of a process whose every namespace is new,
#    "lsns NSID", error messages.  Column widths, tree lines and JSON layout
#    are checked here.
#  - by rows (cmp_rows): the whole listing of both, cut down to the rows of
#    our namespaces (by the inode in the NS column, or the "ns" key of JSON
#    objects), blanks squeezed (other rows set the column widths) and a tree
#    prefix in front of NS turned into its depth (other rows decide between
#    "|-" and "`-").  JSON objects are compared with their depth and parent.
#
# util-linux 2.38.1 does not list namespaces that no process is in (bind
# mounts, fds, sockets); nook does, as util-linux 2.39+ does (NPROCS 0, no
# PID or COMMAND, NSFS).  Those rows are left out of the comparison and
# checked on their own against what newer util-linux prints.  So are nook's
# own features: -P, -H, -Q, --compare, --tree=nesting, NAME and OWNER.
#
# The last part runs both as nook-test, on namespaces of its own.
#
#   prove -v tests/integration/lsns.sh
#   NOOK=/tmp/build/nook prove -v tests/integration/lsns.sh

# Single-quoted $ is for the shells run inside the namespaces; nsenter.sh
# returns early when sourced, which shellcheck cannot see (file-wide):
# shellcheck disable=SC2016,SC2317
# shellcheck source=tests/integration/nsenter.sh
. "$(dirname "${BASH_SOURCE[0]}")/nsenter.sh" # lib.sh, start_target and friends

NOOK_LSNS=${NOOK_LSNS:-$(dirname "$NOOK")/lsns}
UL_LSNS=${UL_LSNS:-/usr/bin/lsns}
UL_SKIP=$(peer_skip util-linux "$UL_WANT" "$(ul_version "$UL_LSNS")")

skip_unless_root
require_nook
[ -x "$NOOK_LSNS" ] || skip_all "no lsns link at $NOOK_LSNS (set NOOK_LSNS=)"
[ -x "$UL_LSNS" ] || skip_all "no util-linux lsns at $UL_LSNS"
[ -x "$UL_NSENTER" ] || skip_all "no util-linux nsenter at $UL_NSENTER"
command -v perl >/dev/null || skip_all "no perl"
perl -MJSON::PP -e 1 2>/dev/null || skip_all "no perl JSON::PP"

D=$TMPD/d # a private tmpfs: namespace files can be bind-mounted there
private_tmpfs "$D" || skip_all "cannot mount a tmpfs"
cd "$TMPD" || skip_all "cannot enter $TMPD"

# ---------------------------------------------------------------- helpers

# ul_run ARGS... - util-linux's lsns (as nrun: RC, OUT, ERR).  2.38.1 gives
# up without a word (exit status 1) when a process it is reading ends
# half-way, which happens on a busy machine: such a run is tried again (three
# runs at most), and says so ("# retry").
ul_run()
{
	local i

	for ((i = 1; ; i++)); do
		nrun "$@"
		if [ "$RC" != 1 ] || [ -n "$OUT$ERR" ] || [ "$i" -ge 3 ]; then
			break
		fi
		diag "retry $i: util-linux's lsns $*: exit status 1 without a word (a process ended while it read)"
	done
}

# _norm_lsns - the program name in messages normalised: util-linux's getopt
# messages start with the full argv[0], nook's with "nook lsns: "; all read
# "lsns: " (and "Try 'lsns --help'").
_norm_lsns()
{
	sed -E -e 's#^([^ :]*/)?(nook )?lsns: #lsns: #' \
		-e "s#^Try '([^ ']*/)?(nook )?lsns --help'#Try 'lsns --help'#"
}

# cmp_exact [--as-user] DESC ARGS... - util-linux's lsns, nook's "lsns" link
# and "nook lsns" with ARGS: the same exit status, stdout and stderr (program
# names normalised).  For listings that hold only rows that do not change
# between two runs.  Two tests.
cmp_exact()
{
	local pfx=() want got name

	if [ "$1" = --as-user ]; then
		pfx=(as_user)
		shift
	fi
	local desc=$1
	shift
	parity "$UL_SKIP" "$desc: 'lsns' matches util-linux" "$desc: 'nook lsns' matches util-linux" ||
		return 0
	ul_run "${pfx[@]}" "$UL_LSNS" "$@"
	want=$(printf 'rc=%s\n%s\n-- stderr:\n%s\n' "$RC" "$OUT" "$ERR" | _norm_lsns)
	for name in lsns "nook lsns"; do
		if [ "$name" = lsns ]; then
			nrun "${pfx[@]}" "$NOOK_LSNS" "$@"
		else
			nrun "${pfx[@]}" "$NOOK" lsns "$@"
		fi
		got=$(printf 'rc=%s\n%s\n-- stderr:\n%s\n' "$RC" "$OUT" "$ERR" | _norm_lsns)
		check_eq "$desc: '$name' matches util-linux" "$want" "$got"
	done
}

# The filter of the row comparisons: reads a listing on stdin; arguments:
# the mode ("json", "raw" or "text"), the inodes to keep and the inodes to
# leave out (comma lists).
#  - raw and text: a line whose first 10-digit number is a kept inode is
#    kept (NS comes before PNS and ONS in every column list used here); a
#    line without one (the heading, the rest of a multi-line NSFS cell) goes
#    with the line before.  A tree drawn in front of NS ("|-", "  `-", also
#    "\x20"-escaped in raw mode) becomes "dN " with N its depth: which of
#    "|-" and "`-" is drawn depends on the rows after it, other processes'
#    too.  In text mode blanks are squeezed: other rows set the widths.
#  - json: each object at any depth whose "ns" is kept, without its
#    children, as "DEPTH PARENT-NS {canonical JSON}".
FILTER_PL='
use strict;
use warnings;
use JSON::PP;
my ($mode, $keep, $drop) = @ARGV;
my %keep = map { $_ => 1 } split /,/, $keep;
my %drop = map { $_ => 1 } split /,/, ($drop // "");
my $in = do { local $/; <STDIN> } // "";
if ($mode eq "json") {
	my $data = eval { JSON::PP->new->decode($in) };
	if (!defined $data) { print "not JSON: $in"; exit; }
	my $js = JSON::PP->new->canonical;
	my $walk;
	$walk = sub {
		my ($list, $depth, $parent) = @_;
		for my $o (@$list) {
			my %c = %$o;
			delete $c{children};
			my $ns = $o->{ns} // "-";
			print "$depth $parent ", $js->encode(\%c), "\n"
				if $keep{$ns} && !$drop{$ns};
			$walk->($o->{children}, $depth + 1, $ns) if $o->{children};
		}
	};
	for my $k (sort keys %$data) {
		print "table $k\n";
		$walk->($data->{$k}, 0, "-");
	}
	exit;
}
my $on = 1;
for my $l (split /\n/, $in) {
	my $depth = "";
	if ($l =~ s/^((?:(?:[|]|\\x20| )(?: |\\x20))*[|`]-)(?=\d)//) {
		(my $p = $1) =~ s/\\x20/ /g;
		$depth = "d" . (length($p) / 2) . " ";
	}
	$on = $keep{$1} && !$drop{$1} if $l =~ /(?<!\d)(\d{10,})(?!\d)/;
	next unless $on;
	if ($mode eq "text") {
		$l =~ s/\s+/ /g;
		$l =~ s/^ | $//g;
	}
	print "$depth$l\n";
}
'

# OURS[INODE]=what: every namespace this script made.  PERSIST: those no
# process is in (util-linux 2.38.1 does not list them).
declare -A OURS PERSIST

# list_of ARRAY - the keys of an associative array, comma-separated
list_of()
{
	local -n _a=$1
	local IFS=,

	printf '%s' "${!_a[*]}"
}

# out_mode ARGS... - how lsns ARGS prints: json, raw or text
out_mode()
{
	local a c i

	for a in "$@"; do
		case $a in
		--json) echo json && return ;;
		--raw) echo raw && return ;;
		--*) ;;
		-*)
			# short options up to the first that takes an argument
			for ((i = 1; i < ${#a}; i++)); do
				c=${a:i:1}
				[[ $c == [oQtpT] ]] && break
				[ "$c" = J ] && echo json && return
				[ "$c" = r ] && echo raw && return
			done
			;;
		esac
	done
	echo text
}

# ours_rows MODE [DROP [KEEP]] - stdin cut down to the rows of OURS (or of
# KEEP), less those of DROP (comma lists); see FILTER_PL
ours_rows()
{
	perl -e "$FILTER_PL" "$1" "${3:-$(list_of OURS)}" "${2:-}"
}

# cmp_rows [--as-user] [--ul-drop ERE] DESC ARGS... - util-linux's lsns and "nook lsns" with
# ARGS over the whole system, compared on the rows of our namespaces (see
# above) with the exit status and stderr; nook's rows of namespaces no
# process is in are left out.  Fails too when util-linux shows none of ours.
# With --ul-drop, util-linux's rows that match ERE are left out too.
# One test.
cmp_rows()
{
	local pfx=() desc mode want got ul_rc ul_err ul_drop='^$'

	if [ "$1" = --as-user ]; then
		pfx=(as_user)
		shift
	fi
	if [ "$1" = --ul-drop ]; then
		ul_drop=$2
		shift 2
	fi
	desc=$1
	shift
	parity "$UL_SKIP" "$desc: rows of our namespaces match util-linux" || return 0
	mode=$(out_mode "$@")
	ul_run "${pfx[@]}" "$UL_LSNS" "$@"
	ul_rc=$RC ul_err=$ERR
	want=$(ours_rows "$mode" <<<"$OUT" | grep -Ev -- "$ul_drop")
	nrun "${pfx[@]}" "$NOOK" lsns "$@"
	got=$(ours_rows "$mode" "$(list_of PERSIST)" <<<"$OUT")
	if ! grep -q '[0-9]\{10\}' <<<"$want"; then
		fail "$desc: rows of our namespaces match util-linux" \
			"util-linux shows none of our namespaces (rc=$ul_rc):" "$want" "$ul_err"
		return
	fi
	check_eq "$desc: rows of our namespaces match util-linux" \
		"rc=$ul_rc"$'\n'"$want"$'\n'"-- stderr:"$'\n'"$(_norm_lsns <<<"$ul_err")" \
		"rc=$RC"$'\n'"$got"$'\n'"-- stderr:"$'\n'"$(_norm_lsns <<<"$ERR")"
}

# nook_rows [--as-user] [--keep LIST] DESC EXPECTED ARGS... - "nook lsns ARGS"
# over the whole system, cut down to the rows of our namespaces (as
# cmp_rows; or to those of LIST, a comma list), is EXPECTED, with exit
# status 0 and nothing on stderr.  One test.
nook_rows()
{
	local pfx=() only='' desc want

	if [ "$1" = --as-user ]; then
		pfx=(as_user)
		shift
	fi
	if [ "$1" = --keep ]; then
		only=$2
		shift 2
	fi
	desc=$1 want=$2
	shift 2
	nrun "${pfx[@]}" "$NOOK" lsns "$@"
	check_eq "$desc" "rc=0"$'\n'"$want"$'\n'"-- stderr:"$'\n' \
		"rc=$RC"$'\n'"$(ours_rows "$(out_mode "$@")" "" "$only" <<<"$OUT")"$'\n'"-- stderr:"$'\n'"$ERR"
}

# check_nook_out DESC EXPECTED ARGS... - "nook lsns ARGS" prints EXPECTED
# and exits 0, nothing on stderr.  One test.
check_nook_out()
{
	local desc=$1 want=$2

	shift 2
	nrun "$NOOK" lsns "$@"
	check_eq "$desc" "rc=0"$'\n'"$want"$'\n'"-- stderr:"$'\n' "rc=$RC"$'\n'"$OUT"$'\n'"-- stderr:"$'\n'"$ERR"
}

# check_lsns_err [--ul] DESC RC MESSAGE ARGS... - bad input: nothing on
# stdout, exit status RC, MESSAGE on stderr, each line prefixed "lsns: " for
# the link and "nook lsns: " for "nook lsns".  With --ul, util-linux's lsns
# must say the same.  Two tests (three with --ul).
check_lsns_err()
{
	local ul=false desc rc msg name want

	if [ "$1" = --ul ]; then
		ul=true
		shift
	fi
	desc=$1 rc=$2 msg=$3
	shift 3
	for name in "lsns" "nook lsns" "util-linux"; do
		case $name in
		lsns) nrun "$NOOK_LSNS" "$@" ;;
		"nook lsns") nrun "$NOOK" lsns "$@" ;;
		*)
			$ul || continue
			parity "$UL_SKIP" "$desc: '$name' says so, exits $rc" || continue
			# (a failure without a word is what is expected here: not retried)
			if [ -n "$msg" ]; then
				ul_run "$UL_LSNS" "$@"
			else
				nrun "$UL_LSNS" "$@"
			fi
			ERR=$(_norm_lsns <<<"$ERR")
			;;
		esac
		want=
		# shellcheck disable=SC2001 # a prefix on every line
		[ -n "$msg" ] && want=$(sed "s#^#${name/util-linux/lsns}: #" <<<"$msg")
		check_eq "$desc: '$name' says so, exits $rc" \
			"rc=$rc"$'\n'"-- stdout:"$'\n'$'\n'"-- stderr:"$'\n'"$want" \
			"rc=$RC"$'\n'"-- stdout:"$'\n'"$OUT"$'\n'"-- stderr:"$'\n'"$ERR"
	done
}

# tree_pids PID - PID and its descendants, breadth first, one a line
tree_pids()
{
	local queue=("$1") p

	while [ ${#queue[@]} -gt 0 ]; do
		p=${queue[0]}
		queue=("${queue[@]:1}")
		echo "$p"
		# shellcheck disable=SC2207
		queue+=($(cat /proc/"$p"/task/*/children 2>/dev/null))
	done
}

# ino PID TYPE - the inode of a process's namespace
ino()
{
	local l

	l=$(readlink "/proc/$1/ns/$2") || return 1
	l=${l#*[}
	printf '%s' "${l%]}"
}

# add_ours LABEL PID... - the namespaces of these processes and their
# descendants that are not the test's own join OURS, as LABEL/TYPE
add_ours()
{
	local label=$1 p t i

	shift
	for p in $(for q in "$@"; do tree_pids "$q"; done); do
		for t in $ALL_TYPES; do
			i=$(ino "$p" "$t") || continue
			[ "$i" = "$(ino $$ "$t")" ] && continue
			[ -n "${OURS[$i]:-}" ] || OURS[$i]=$label/$t
		done
	done
}

# NS_GET_PARENT (1) or NS_GET_USERNS (0) of a namespace file: the inode
ns_up()
{
	perl -e 'open(my $f, "<", $ARGV[0]) or die "$ARGV[0]: $!\n";
		my $fd = ioctl($f, $ARGV[1] ? 0xb702 : 0xb701, 0) or die "ioctl: $!\n";
		open(my $p, "<&=", $fd) or die; print +(stat $p)[1]' "$1" "$2"
}

# ============================================================ the states
HOST_NET=$(ino $$ net)

# T1: util-linux's "unshare --fork --pid --mount-proc --net --uts --ipc"
start_target T1 "$UL_UNSHARE" --fork --pid --mount-proc --net --uts --ipc sleep 600
# T2: every namespace new, root in a user namespace
start_target T2 "$UL_UNSHARE" -U -r -m -n -u -i -p -C -T --fork --mount-proc sleep 600
# T3: nested user namespaces
start_target T3 "$UL_UNSHARE" -U -r --fork "$UL_UNSHARE" -U -r --fork sleep 600
# T4: PID namespaces nested in and across user namespaces: P1 (owner U1) >
# P2 (owner U1) > P3 (owner U2, a child of U1)
start_target T4 "$UL_UNSHARE" -U -r -p --fork "$UL_UNSHARE" -p --fork \
	"$UL_UNSHARE" -U -r -p --fork sleep 600
# T5: its user namespace's parent (G1) has no process left: the shell that
# made it execs the unshare that makes the next one
start_target T5 "$UL_UNSHARE" -U -r sh -c 'readlink /proc/self/ns/user >"$0" && exec "$1" -U -r sleep 600' \
	"$TMPD/t5-user" "$UL_UNSHARE"
# C1: shares T1's network namespace, nothing else of T1's
start_target C1 "$UL_NSENTER" --net="/proc/${T1:-0}/ns/net" sleep 600
# T6: net and UTS namespaces whose only process runs as a uid without a name
NONAME=54321
while getent passwd "$NONAME" >/dev/null; do NONAME=$((NONAME + 1)); done
start_target T6 "$UL_UNSHARE" -n -u setpriv --reuid="$NONAME" --regid="$NONAME" --clear-groups sleep 600

for t in T1 T2 T3 T4 T5 T6 C1; do
	l=${t}_LAUNCHER
	add_ours "$t" "${!l}"
done
G1=$(sed 's/.*\[\(.*\)\]/\1/' "$TMPD/t5-user" 2>/dev/null)
[ -n "$G1" ] && OURS[$G1]=T5-ghost/user

# T1's network namespace under two names: "ip netns attach" and a bind mount
NETNS=nook-lsns-$ID
NETNS_T1=nook-lsns-t1-$ID
push_cleanup ip netns delete "$NETNS_T1"
ok "states: ip netns attach T1's network namespace" ip netns attach "$NETNS_T1" "${T1:-0}"
touch "$D/t1-net"
ok "states: bind-mount T1's network namespace" mount --bind "/proc/${T1:-0}/ns/net" "$D/t1-net"
# ... with a NETNSID (it goes away with the namespace)
ok "states: ip netns set NAME auto" ip netns set "$NETNS_T1" auto

# NP: an "ip netns add" namespace, no process in it
if ip netns add "$NETNS"; then
	push_cleanup ip netns delete "$NETNS"
	NP=$(nsid "/run/netns/$NETNS")
	OURS[$NP]=ip-netns/net PERSIST[$NP]=1
	pass "states: ip netns add"
else
	fail "states: ip netns add"
fi
# UP: a UTS namespace that "unshare --uts=FILE" left bind-mounted
touch "$D/uts"
if "$UL_UNSHARE" --uts="$D/uts" true; then
	UP=$(nsid "$D/uts")
	OURS[$UP]=bind/uts PERSIST[$UP]=1
	pass "states: unshare --uts=FILE"
else
	fail "states: unshare --uts=FILE"
fi
# NF: a network namespace held by an open nsfs file of HF (a sleep)
start_target NFP "$UL_UNSHARE" --net sleep 600
start_target HF sh -c 'exec sleep 600 7<"$0"' "/proc/${NFP:-0}/ns/net"
NF=$(ino "${NFP:-0}" net)
end_target NFP
# NS: a network namespace held by a socket of HS, which is in ours
start_target NSP "$UL_UNSHARE" --net sleep 600
start_target HS "$UL_NSENTER" --net="/proc/${NSP:-0}/ns/net" bash -c \
	'ip link set lo up && exec 5<>/dev/udp/127.0.0.1/9 && exec "$0" --net="/proc/$1/ns/net" sleep 600' \
	"$UL_NSENTER" $$
NSK=$(ino "${NSP:-0}" net)
end_target NSP
# NB: a network namespace held by an fd of HB opened through a bind mount that
# is gone since: /proc/HB/fd/8 does not read "net:[...]"
start_target NBP "$UL_UNSHARE" --net sleep 600
touch "$D/nb"
mount --bind "/proc/${NBP:-0}/ns/net" "$D/nb"
start_target HB sh -c 'exec sleep 600 8<"$0"' "$D/nb"
umount -l "$D/nb" # busy: HB has it open
NB=$(ino "${NBP:-0}" net)
end_target NBP
for v in NF NSK NB; do
	[ -n "${!v}" ] && OURS[${!v}]=$v/net PERSIST[${!v}]=1
done

check_eq "states: HF holds NF by fd 7" "net:[$NF]" "$(readlink "/proc/${HF:-0}/fd/7")"
check_match "states: HS holds a socket (fd 5)" '^socket:' "$(readlink "/proc/${HS:-0}/fd/5")"
check_eq "states: HS is in our network namespace" "$HOST_NET" "$(ino "${HS:-0}" net)"
check_eq "states: HB holds NB by fd 8, which does not say so" "$NB no" \
	"$(stat -L -c %i "/proc/${HB:-0}/fd/8") $(readlink "/proc/${HB:-0}/fd/8" | grep -q "^net:" && echo yes || echo no)"
check_eq "states: NB is not mounted any more" "" "$(awk -v m="$D/nb" '$5 == m' /proc/self/mountinfo)"
check_eq "states: no process is in NF, NS or NB any more" "" \
	"$(for p in /proc/[0-9]*; do readlink "$p/ns/net"; done 2>/dev/null | grep -F -e "[$NF]" -e "[$NSK]" -e "[$NB]")"
check_eq "states: G1 is the parent of T5's user namespace" "$G1" \
	"$(ns_up "/proc/${T5:-0}/ns/user" 1 2>&1)"
check_eq "states: T5's user namespace is the only one in G1" "" \
	"$(for p in /proc/[0-9]*; do readlink "$p/ns/user"; done 2>/dev/null | grep -F "[$G1]")"
if [ -n "${LSNS_DEBUG_STATES:-}" ]; then
	for i in "${!OURS[@]}"; do echo "# $i ${OURS[$i]}"; done | sort >&2
fi

T1N=$(ino "${T1:-0}" net)
# T3: outer unshare (user U3A), inner unshare and sleep (U3B)
mapfile -t t3 < <(tree_pids "${T3_LAUNCHER:-0}")
U3A=$(ino "${t3[0]}" user) U3B=$(ino "${t3[1]}" user)
# T4: outer unshare (U4A), the middle one (P4A), the inner one (U4B, P4B),
# sleep (P4C)
mapfile -t t4 < <(tree_pids "${T4_LAUNCHER:-0}")
U4A=$(ino "${t4[0]}" user) P4A=$(ino "${t4[1]}" pid) U4B=$(ino "${t4[2]}" user)
P4B=$(ino "${t4[2]}" pid) P4C=$(ino "${t4[3]}" pid)
check_eq "states: T4's PID namespaces nest P4A > P4B > P4C" "$P4A $P4B" \
	"$(ns_up "/proc/${t4[2]}/ns/pid" 1) $(ns_up "/proc/${t4[3]}/ns/pid" 1)"
check_eq "states: T4's user namespaces nest U4A > U4B" "$U4A" "$(ns_up "/proc/${t4[2]}/ns/user" 1)"
check_eq "states: P4C is owned by U4B, P4B by U4A" "$U4B $U4A" \
	"$(ns_up "/proc/${t4[3]}/ns/pid" 0) $(ns_up "/proc/${t4[2]}/ns/pid" 0)"

# ============================================================ whole listings, our rows
cmp_rows "default (process tree)"
cmp_rows "-J" -J
cmp_rows "-r" -r
cmp_rows "-l" -l
cmp_rows "-n" -n
cmp_rows "-u" -u
cmp_rows "-W" -W
cmp_rows "--output-all" --output-all
cmp_rows "--output-all -r" --output-all -r
cmp_rows "--output-all -J" --output-all -J
cmp_rows "-o LIST" -o NS,TYPE,PATH,PPID,UID,PNS,ONS
cmp_rows "-o LIST (any case)" -o ns,Type,nprocs,Pid,command
cmp_rows "-o +LIST" -o +PNS,ONS,PATH
cmp_rows "-o +LIST -l -r" -l -r -o +UID,NETNSID
cmp_rows "-t net (NETNSID and NSFS, multi-line)" -t net
cmp_rows "-t net -W" -t net -W
cmp_rows "-t net -r" -t net -r
cmp_rows "-t net -J" -t net -J
cmp_rows "-t user -t pid" -t user -t pid
cmp_rows "-t uts -t ipc -t mnt -t cgroup -t time" -t uts -t ipc -t mnt -t cgroup -t time
cmp_rows "-T (owner)" -T
cmp_rows "-Towner" -Towner
cmp_rows "--tree=owner -J" --tree=owner -J
cmp_rows "-Tparent" -Tparent
cmp_rows "--tree=parent" --tree=parent
cmp_rows "-T=parent -r" -T=parent -r
cmp_rows "-J -T parent" -J --tree=parent
cmp_rows "-Tprocess" -Tprocess
cmp_rows "-Tprocess -J" -Tprocess -J
cmp_rows "-l -T: the tree wins" -l -T
cmp_rows "-T -t user" -T -t user
cmp_rows "-Tparent -t pid -t user" -Tparent -t pid -t user
# util-linux 2.38.1 adds the owners of what it shows as NPROCS 0 user rows
# even when -t leaves user namespaces out; 2.39+ and nook do not.
cmp_rows --ul-drop '^d?[0-9]* ?[0-9]+ user ' "-Tparent -t pid (2.38.1's user rows left out)" -Tparent -t pid
cmp_rows "-T --output-all" -T --output-all
cmp_rows "-n -Tparent -o NS,TYPE,PNS,ONS" -n -Tparent -o NS,TYPE,PNS,ONS
# util-linux reads NAMESPACE-ID 0 as "no namespace", yet takes the columns of a
# NAMESPACE-ID listing: the namespaces, with PID PPID USER COMMAND.
cmp_rows "NAMESPACE-ID 0 lists every namespace (PID PPID USER COMMAND)" -l -r 0 -o +NS

# ============================================================ exact: T2, every namespace new
cmp_exact "-p T2" -p "${T2:-0}"
cmp_exact "-p T2 -J" -p "${T2:-0}" -J
cmp_exact "-p T2 -r" -p "${T2:-0}" -r
cmp_exact "-p T2 -l" -p "${T2:-0}" -l
cmp_exact "-p T2 -n" -p "${T2:-0}" -n
cmp_exact "-p T2 -u" -p "${T2:-0}" -u
cmp_exact "-p T2 -W" -p "${T2:-0}" -W
cmp_exact "-p T2 --output-all" -p "${T2:-0}" --output-all
cmp_exact "-p T2 --output-all -J" -p "${T2:-0}" --output-all -J
cmp_exact "-p T2 -o LIST" -p "${T2:-0}" -o NS,TYPE,PATH,UID,PNS,ONS,NETNSID
cmp_exact "-p T2 -o +LIST" -p "${T2:-0}" -o +PPID,PATH
cmp_exact "-p T2 -t net" -p "${T2:-0}" -t net
cmp_exact "-p T2 -t user -t pid -t time" -p "${T2:-0}" -t user -t pid -t time
cmp_exact "-p T2 -Tprocess -J" -p "${T2:-0}" -Tprocess -J
cmp_exact "--task=T2 -l -r" --task="${T2:-0}" -l -r
cmp_exact "-p T2 -J -n: JSON has no headings to leave out" -p "${T2:-0}" -J -n
cmp_exact "-p T2 -o twice: the last one counts" -p "${T2:-0}" -o NS,PID -o TYPE,NPROCS
cmp_exact "-p T6: a user without a name shows as its number" -p "${T6:-0}" -t net -t uts -o +UID,PPID
cmp_exact "-p of no process: nothing" -p 99999999
# In the owner and parent trees the host's user and PID namespaces are
# printed above ours, whatever -p says, and their rows show their process as
# any row does; without NPROCS they hold still.
notnp=NS,TYPE,PID,PPID,USER,UID,COMMAND,PNS,ONS
cmp_exact "-p T2 -T, host rows without NPROCS" -p "${T2:-0}" -T -o "$notnp"
cmp_exact "-p T2 -Tparent, host rows without NPROCS" -p "${T2:-0}" -Tparent -o "$notnp"
cmp_exact "-p T2 -J -T parent, host rows without NPROCS" -p "${T2:-0}" -J --tree=parent -o "$notnp"
cmp_exact "-p T2 -r -T owner, host rows without NPROCS" -p "${T2:-0}" -r --tree=owner -o "$notnp"
cmp_exact "-p T2 -T -o NS,TYPE,PNS,ONS" -p "${T2:-0}" -T -o NS,TYPE,PNS,ONS

# ============================================================ exact: T1's network namespace
# Three processes (T1's unshare, its sleep, C1), two bind mounts, an NSID.
cmp_exact "-p T1 -t net: NSFS on two lines, NETNSID" -p "${T1:-0}" -t net
cmp_exact "-p T1 -t net -W: NSFS joined by commas" -p "${T1:-0}" -t net -W
cmp_exact "-p T1 -t net -r" -p "${T1:-0}" -t net -r
cmp_exact "-p T1 -t net -J: NSFS with a newline" -p "${T1:-0}" -t net -J
cmp_exact "-p T1 -t net -J -W" -p "${T1:-0}" -t net -J -W
cmp_exact "-p T1 -t net --output-all" -p "${T1:-0}" -t net --output-all
cmp_exact "-p C1: PID is the lowest of each namespace, not C1" -p "${C1:-0}" -o NS,TYPE,PID,USER,COMMAND
cmp_exact "NAMESPACE-ID: T1's net" "$T1N"
cmp_exact "NAMESPACE-ID -J" "$T1N" -J
cmp_exact "NAMESPACE-ID -r" "$T1N" -r
cmp_exact "NAMESPACE-ID -l" "$T1N" -l
cmp_exact "NAMESPACE-ID -n -u" "$T1N" -n -u
cmp_exact "NAMESPACE-ID --output-all" "$T1N" --output-all
cmp_exact "NAMESPACE-ID -o +NS,TYPE" "$T1N" -o +NS,TYPE
cmp_exact "NAMESPACE-ID -T (flat)" "$T1N" -T
cmp_exact "NAMESPACE-ID -Tparent" "$T1N" -Tparent
cmp_exact "NAMESPACE-ID -t net" "$T1N" -t net
cmp_exact "NAMESPACE-ID -t pid: not of that type" "$T1N" -t pid
cmp_exact "NAMESPACE-ID before options" "$T1N" -o PID,COMMAND -r
cmp_exact "NAMESPACE-ID: T3's inner user namespace" "$U3B"
cmp_exact "NAMESPACE-ID: T4's middle PID namespace -J" "$P4A" -J
cmp_exact "NAMESPACE-ID: the ghost G1, no tree: not found" "$G1"
# -T owner and parent add the ghosts before NAMESPACE-ID is looked up
cmp_exact "NAMESPACE-ID: the ghost G1 with -T: found, nothing printed" "$G1" -T

# ============================================================ exact: the ghost user namespace
# Both add G1, which no process is in, between the host's user namespace and
# T5's in the trees (util-linux 2.38 and later).
cmp_exact "-p T5 -T: G1 between the host's and T5's user namespace" -p "${T5:-0}" -T -t user -o "$notnp"
cmp_exact "-p T5 -Tparent -t user" -p "${T5:-0}" -Tparent -t user -o "$notnp"
cmp_exact "-p T5 -J -T -t user" -p "${T5:-0}" -J -T -t user -o NS,TYPE,UID,USER,PNS,ONS

# ============================================================ namespaces no process is in (nook)
# util-linux 2.38.1 does not list them; 2.39+ do: NPROCS 0, no PID, PPID,
# COMMAND or PATH, the owner's user, NSFS, and (2.42) NETNSID.
declare -A NAME=([$T1N]=$NETNS_T1 [${NP:-x}]=$NETNS [${UP:-x}]=$D/uts)
# sorted - the keys of PERSIST (and more inodes) in ascending order
sorted()
{
	printf '%s\n' "$@" | sort -n
}
# row CELL... - one raw row: cells joined by single spaces (empty ones too)
row()
{
	local IFS=' '

	printf '%s\n' "$*"
}
want=$(for i in $(sorted "${!PERSIST[@]}"); do
	nsfs=
	[ -n "${NAME[$i]:-}" ] && nsfs=${NAME[$i]/#$NETNS//run/netns/$NETNS}
	netnsid=unassigned
	[ "$i" = "${UP:-}" ] && netnsid=
	row "$i" "${OURS[$i]#*/}" 0 "" "" "" "" 0 root "$netnsid" "$nsfs" "${NAME[$i]:-}" root
done)
allcols=NS,TYPE,NPROCS,PID,PPID,COMMAND,PATH,UID,USER,NETNSID,NSFS,NAME,OWNER
nook_rows "no process: ip netns, bind mount, fd, socket (-P -l -r)" "$want" -P -l -r -n -o "$allcols"
nook_rows --keep "$(list_of PERSIST)" "no process: the same in a full listing" "$want" \
	-l -r -n -o "$allcols"
want=$(for i in $(sorted "${!PERSIST[@]}"); do
	case $i in
	"${UP:-}") ;;
	"${NP:-}") row "$i" net 0 "" root unassigned "/run/netns/$NETNS" "" ;;
	*) row "$i" net 0 "" root unassigned "" "" ;;
	esac
done)
nook_rows --keep "$(list_of PERSIST)" "no process: -t net default columns (-r)" "$want" -t net -r -n
nook_rows "no process: -t uts -P" "${UP:-} uts 0 root" -t uts -P -n
nook_rows "no process: -J -P -t uts: null cells" \
	"table namespaces"$'\n'"0 - {\"command\":null,\"netnsid\":null,\"nprocs\":0,\"ns\":${UP:-0},\"nsfs\":\"$D/uts\",\"pid\":null,\"type\":\"uts\"}" \
	-J -P -t uts -o NS,TYPE,NPROCS,PID,COMMAND,NSFS,NETNSID
nook_rows "no process: -J -P -t net: NETNSID a string" \
	"$(printf 'table namespaces\n'; for i in $(sorted "${!PERSIST[@]}"); do
		[ "$i" = "${UP:-}" ] && continue
		printf '0 - {"netnsid":"unassigned","nprocs":0,"ns":%s}\n' "$i"
	done)" -J -P -t net -o NS,NPROCS,NETNSID
nrun "$NOOK" lsns -P -r -n -o NPROCS
check_eq "-P: every row has NPROCS 0" "0|0" "$RC|$(sort -u <<<"$OUT")"
nook_rows "-P -T: with the ghost G1, under the host's user namespace" \
	"$(for i in $(sorted "${!PERSIST[@]}" "$G1"); do
		echo "d1 $i ${OURS[$i]#*/} 0 root"
	done)" -P -T -n -o NS,TYPE,NPROCS,USER
# (G1 comes first, after the host's user namespace, which has the lowest
# inode of the top rows; the kernel reuses freed inode numbers, so G1's own
# may be above or below the others')
nook_rows "-P -Tparent: G1 under the host's, the others at the top" \
	"$(echo "d1 $G1 user"
	for i in $(sorted "${!PERSIST[@]}"); do
		echo "$i ${OURS[$i]#*/}"
	done)" -P -Tparent -n -o NS,TYPE
check_nook_out "NAMESPACE-ID of a namespace no process is in: nothing" "" "${NP:-0}"
check_nook_out "NAMESPACE-ID of a namespace no process is in: -J, an empty array" \
	'{'$'\n''   "namespaces": ['$'\n'$'\n''   ]'$'\n''}' "${NP:-0}" -J
nook_rows "-o +NAME,OWNER: ip netns name, bind mount path, owner" \
	"$(for i in "${NP:-}" "${UP:-}" "$T1N"; do
		echo "$i ${NAME[$i]} root"
	done | sort -n)" -l -r -n -o NS,NAME,OWNER -Q 'NAME'

# -o +NAME,OWNER adds two columns and changes nothing else (the rows
# themselves are held up against util-linux's by cmp_rows "-l -r" above)
nrun "$NOOK" lsns -l -r -n
want=$(ours_rows raw "$(list_of PERSIST)" <<<"$OUT" | while read -r l; do
	i=${l%% *}
	printf '%s %s root\n' "$l" "${NAME[$i]:-}"
done)
nrun "$NOOK" lsns -l -r -n -o +NAME,OWNER
check_eq "-o +NAME,OWNER: the rows of -l -r and the two columns" "$want" \
	"$(ours_rows raw "$(list_of PERSIST)" <<<"$OUT")"

# ============================================================ -H (nook; util-linux 2.41+)
want=$(while IFS='|' read -r c t d; do
	printf '%7s %-9s %s\n' "$c" "<$t>" "$d"
done <<'COLS'
NS|integer|namespace identifier (inode number)
TYPE|string|kind of namespace
PATH|string|path to the namespace
NPROCS|integer|number of processes in the namespace
PID|integer|lowest PID in the namespace
PPID|integer|PPID of the PID
COMMAND|string|command line of the PID
UID|integer|UID of the PID
USER|string|username of the PID
NETNSID|string|namespace ID as used by network subsystem
NSFS|string|nsfs mountpoint (usually used network subsystem)
PNS|integer|parent namespace identifier (inode number)
ONS|integer|owner namespace identifier (inode number)
NAME|string|name of the namespace: the ip netns name, else its nsfs file
OWNER|string|user who owns the namespace (of its user namespace)
COLS
)
check_nook_out "-H: util-linux's 13 columns, NAME and OWNER" "$want" -H
check_nook_out "--list-columns" "$want" --list-columns
nrun "$NOOK_LSNS" -H
check_eq "-H: the 'lsns' link prints the same" "0|$want" "$RC|$OUT"
check_nook_out "-H -r: blanks escaped" "$(awk '{ c = $1; t = $2; $1 = ""; $2 = ""
	sub(/^  /, ""); gsub(/ /, "\\x20"); print c, t, $0 }' <<<"$want")" -H -r
nrun "$NOOK" lsns -J -H
json_cols=$(perl -MJSON::PP -e 'my $d = decode_json(do { local $/; <STDIN> });
	print join("\n", map { "$_->{holder} $_->{type} $_->{description}" } @{$d->{"lsns-columns"}}), "\n";
	print join(",", sort keys %$d), "\n"' <<<"$OUT" 2>&1)
check_eq "-J -H: the same list under \"lsns-columns\"" \
	"$(awk '{ $1 = $1; print }' <<<"$want")"$'\n'"lsns-columns" "$(sed '$!s/ \+/ /g' <<<"$json_cols")"
nrun "$NOOK" lsns -H -J
check_eq "-H -J: -J after -H counts too" "$(printf '%s\n' "$OUT" | head -c 200)" \
	"$("$NOOK" lsns -J -H | head -c 200)"
check_lsns_err "-H -J -r" 1 "options --json and --raw cannot be combined" -H -J -r

# ============================================================ -Q (nook; util-linux 2.41+)
FCOLS=NS,TYPE,NPROCS,PID,USER,NSFS,PNS,UID,NETNSID
nrun "$NOOK" lsns -l -r -n -o "$FCOLS"
ALLROWS=$(ours_rows raw <<<"$OUT")

# check_filter [--maybe-none] DESC EXPR COND - "nook lsns -l -r -o FCOLS -Q
# EXPR" keeps, of our rows, those for which the awk condition COND holds
# ($1 NS, $2 TYPE, $3 NPROCS, $4 PID, $5 USER, $6 NSFS, $7 PNS, $8 UID, $9
# NETNSID; an empty cell is ""); some, unless --maybe-none.  One test.
check_filter()
{
	local some=true desc expr want

	if [ "$1" = --maybe-none ]; then
		some=false
		shift
	fi
	desc=$1 expr=$2
	want=$(awk -F'[ ]' "$3" <<<"$ALLROWS")
	if $some && [ -z "$want" ]; then
		fail "-Q '$expr': $desc" "none of our rows satisfies: $3" "$ALLROWS"
		return
	fi
	nrun "$NOOK" lsns -l -r -n -o "$FCOLS" -Q "$expr"
	check_eq "-Q '$expr': $desc" "rc=0"$'\n'"$want"$'\n'"-- stderr:"$'\n' \
		"rc=$RC"$'\n'"$(ours_rows raw <<<"$OUT")"$'\n'"-- stderr:"$'\n'"$ERR"
}
check_filter "&& of a string and a number comparison" 'TYPE == "net" && NPROCS > 0' '$2 == "net" && $3 > 0'
check_filter "a column alone: not empty" 'NSFS' '$6 != ""'
check_filter "=~ regular expression" 'USER =~ "^ro"' '$5 ~ /^ro/'
check_filter "NOT of a number column: 0" 'NOT NPROCS' '$3 == 0'
check_filter "! of an empty cell" '!PID' '$4 == ""'
check_filter "parentheses" '(TYPE == "net" || TYPE == "uts") && NPROCS == 0' \
	'($2 == "net" || $2 == "uts") && $3 == 0'
# libsmartcols' grammar gives && and || one precedence, left to right
check_filter "&& and || from left to right" 'TYPE == "net" || TYPE == "uts" && NPROCS == 0' \
	'($2 == "net" || $2 == "uts") && $3 == 0'
# A number column compares as numbers: thresholds taken from our own rows'
# PIDs (on a machine that has just booted every PID may be below 1000), which
# a comparison of strings gets wrong for at least one row.  For the highest
# PID, of D digits (D > 1): "9" D-1 times is below it as a number, and above
# it as a string unless it starts with 9; then "1" and D zeros is above it as
# a number, and below it as a string.
maxpid=$(awk -F'[ ]' '$4 != "" && $4 + 0 > m { m = $4 + 0 } END { print m + 0 }' <<<"$ALLROWS")
if [[ $maxpid == 9* ]]; then
	pidlim=1$(printf '0%.0s' $(seq ${#maxpid})) some='<' none='>'
else
	pidlim=$(printf '9%.0s' $(seq $((${#maxpid} - 1)))) some='>' none='<'
fi
check_match "-Q: (test sanity) PID $some ${pidlim:-?}: as numbers and as strings, our rows differ" '^[1-9]' \
	"$(awk -F'[ ]' -v t="$pidlim" -v op="$some" -v m="$maxpid" 'function cmp(a, b) { return op == ">" ? a > b : a < b }
		t != "" && $4 != "" && cmp($4 + 0, t + 0) != cmp($4 "", t "") { n++ }
		END { print n + 0, "rows differ; highest PID", m }' <<<"$ALLROWS")"
check_filter "a number column compares as numbers (PID $some $pidlim)" "PID $some $pidlim" \
	"\$4 != \"\" && \$4 + 0 $some $pidlim"
check_filter --maybe-none "numbers, not strings (PID $none $pidlim)" "PID $none $pidlim" \
	"\$4 != \"\" && \$4 + 0 $none $pidlim"
check_filter "a string column compares as strings" 'TYPE < "n"' '$2 < "n"'
check_filter "word operators, any case; column names in any case" \
	'nprocs eq 0 AND type NE "uts"' '$3 == 0 && $2 != "uts"'
check_filter "NETNSID (a string) against a number" 'NETNSID >= 0' '$9 ~ /^[0-9]+$/'
check_filter "an empty cell is != anything" 'NETNSID != "unassigned"' '$9 != "unassigned"'
check_filter "regex alternatives and a negated comparison" \
	'TYPE =~ "^(user|pid)$" && !(NPROCS > 1)' '($2 == "user" || $2 == "pid") && !($3 > 1)'
check_filter "single quotes" "TYPE == 'net' and NSFS =~ 'netns'" '$2 == "net" && $6 ~ /netns/'
check_filter "PNS: a column that is not shown in the default list" 'PNS != 0' '$7 != 0'
check_filter --maybe-none "an empty cell equals nothing" 'PID == ""' '0'
check_filter "true" 'true' '1'
check_filter --maybe-none "false" 'false' '0'
check_filter --maybe-none "K suffix: 1024" 'NPROCS >= 1K' '$3 >= 1024'
nrun "$NOOK" lsns -l -r -n -o NS,TYPE -Q 'PNS > 0 || UID != 0'
check_eq "-Q on columns that are not printed" "$(awk -F'[ ]' '$7 > 0 || $8 != 0 { print $1, $2 }' <<<"$ALLROWS")" \
	"$(ours_rows raw <<<"$OUT")"

# cmp_nook DESC ARGS -- ARGS2 - "nook lsns ARGS" and "nook lsns ARGS2" show
# the same rows of ours.  One test.
cmp_nook()
{
	local desc=$1 a=() want

	shift
	while [ "$1" != -- ]; do
		a+=("$1")
		shift
	done
	shift
	nrun "$NOOK" lsns "${a[@]}"
	want=$(ours_rows "$(out_mode "${a[@]}")" <<<"$OUT")
	nrun "$NOOK" lsns "$@"
	check_eq "$desc" "$want" "$(ours_rows "$(out_mode "$@")" <<<"$OUT")"
}
cmp_nook "-Q in a tree: the rows under a row that passes stay under it" \
	-T -n -o NS,TYPE -Q 'TYPE == "user"' -- -T -n -o NS,TYPE -t user
cmp_nook "-Q in a tree: a row whose parent row is left out goes to the top" \
	-T -n -o NS,TYPE -Q 'TYPE != "user"' -- -l -n -o NS,TYPE -Q 'TYPE != "user"'
cmp_nook "-Q -J" -J -o NS,TYPE,NPROCS -Q 'NPROCS > 1' -- -J -o NS,TYPE,NPROCS -Q 'NPROCS >= 2'
nrun "$NOOK" lsns "$T1N" -r -n -o PID,COMMAND -Q "PID == ${C1:-0}"
check_eq "-Q with a NAMESPACE-ID: applies to the process rows" "0|${C1:-0} sleep\\x20600" "$RC|$OUT"

check_lsns_err "-Q: syntax error" 1 'failed to parse "NS ==": unexpected end of expression' -Q 'NS =='
check_lsns_err "-Q: stray )" 1 'failed to parse "NPROCS > 1 )": unexpected )' -Q 'NPROCS > 1 )'
check_lsns_err "-Q: missing )" 1 "failed to parse \"(NPROCS > 1\": expected ')' at end of expression" \
	-Q '(NPROCS > 1'
check_lsns_err "-Q: unterminated string" 1 'failed to parse "TYPE == "net": unterminated string' \
	-Q 'TYPE == "net'
check_lsns_err "-Q: bad number" 1 'failed to parse "NPROCS > 12x": invalid number at "12x"' \
	-Q 'NPROCS > 12x'
check_lsns_err "-Q: =~ takes a string" 1 'failed to parse "TYPE =~ 5": =~ and !~ need a "string" on the right' \
	-Q 'TYPE =~ 5'
check_lsns_err "-Q: bad regular expression" 1 'failed to parse "TYPE =~ "("": Unmatched ( or \(' \
	-Q 'TYPE =~ "("'
check_lsns_err "-Q: unknown column" 1 "unknown column: FOO"$'\n'"failed to initialize filter" -Q 'FOO > 1'
check_lsns_err "-Q: a bare word is a column" 1 "unknown column: net"$'\n'"failed to initialize filter" \
	-Q 'TYPE == net'
check_lsns_err "-Q: an unknown column is found before -t is checked" 1 \
	"unknown column: X"$'\n'"failed to initialize filter" -Q 'X' -t net

# ============================================================ --compare (nook)
cmp_types="cgroup ipc mnt net pid time user uts"
# compare_table FMT PID... - what --compare prints for these processes (FMT:
# a printf format for a row)
compare_table()
{
	local fmt=$1 t p v s first

	shift
	# shellcheck disable=SC2059
	printf "$fmt" TYPE "$@" SHARED
	for t in $cmp_types; do
		v=() s=yes first=
		for p in "$@"; do
			v+=("$(ino "$p" "$t")")
			first=${first:-${v[0]}}
			[ "${v[-1]}" = "$first" ] || s=no
		done
		# shellcheck disable=SC2059
		printf "$fmt" "$t" "${v[@]}" "$s"
	done
}
check_nook_out "--compare T1 C1: they share net (and the host's cgroup, time, user)" \
	"$(compare_table '%-6s %10s %10s %s\n' "${T1:-0}" "${C1:-0}")" --compare "${T1:-0}" "${C1:-0}"
check_eq "--compare: (T1 and C1 share net, not mnt)" "yes no" \
	"$("$NOOK" lsns --compare -r -n -t net "${T1:-0}" "${C1:-0}" | cut -d' ' -f4) $("$NOOK" lsns --compare -r -n -t mnt "${T1:-0}" "${C1:-0}" | cut -d' ' -f4)"
check_nook_out "--compare -r" "$(compare_table '%s %s %s %s\n' "${T1:-0}" "${C1:-0}")" \
	--compare -r "${T1:-0}" "${C1:-0}"
check_nook_out "--compare -n, three processes" "$(compare_table '%-6s %10s %10s %10s %s\n' "${T1:-0}" \
	"${C1:-0}" "${HF:-0}" | sed 1d)" --compare -n "${T1:-0}" "${C1:-0}" "${HF:-0}"
cmp_types="mnt net"
check_nook_out "--compare -t net -t mnt: those types only" \
	"$(compare_table '%-4s %10s %10s %s\n' "${T1:-0}" "${C1:-0}")" --compare -t net -t mnt "${T1:-0}" "${C1:-0}"
cmp_types="cgroup ipc mnt net pid time user uts"
# libsmartcols prints a boolean cell as false when it is empty, "0", or starts
# with N or n, and as true otherwise
nrun "$NOOK" lsns --compare -J "${T1:-0}" "${C1:-0}"
check_eq "--compare -J: numbers, and SHARED as a boolean" \
	"$(compare_table '%s %s %s %s\n' "${T1:-0}" "${C1:-0}" | sed -e 1d -e 's/yes$/true/' -e 's/no$/false/')"$'\n'"compare" \
	"$(perl -MJSON::PP -e 'my ($a, $b) = @ARGV; my $d = decode_json(do { local $/; <STDIN> });
		for my $o (@{$d->{compare}}) {
			my $s = $o->{shared};
			print join(" ", $o->{type}, $o->{$a}, $o->{$b},
				JSON::PP::is_bool($s) ? ($s ? "true" : "false") : "not-a-boolean:$s"), "\n";
		}
		print join(",", sort keys %$d), "\n"' "${T1:-0}" "${C1:-0}" <<<"$OUT" 2>&1)"
check_lsns_err "--compare without a PID" 1 "--compare needs at least one PID" --compare
check_lsns_err "--compare abc" 1 "invalid PID argument: 'abc'" --compare abc
check_lsns_err "--compare 0" 1 "invalid PID argument: '0'" --compare "${T1:-0}" 0
check_lsns_err "--compare: a PID that does not exist" 1 "cannot read namespaces of PID 99999999" \
	--compare "${T1:-0}" 99999999

# ============================================================ --tree=nesting (nook)
# edges [PARENT>CHILD...] of "nook lsns -J ARGS" among our namespaces and the
# host's user and PID namespaces ("-" for the top)
nesting_edges()
{
	nrun "$NOOK" lsns -J "$@"
	ours_rows json "" "$(list_of OURS),$HOST_USER,$HOST_PID" <<<"$OUT" |
		sed -n 's/^[0-9]* \([0-9-]*\) .*"ns":\([0-9]*\).*/\1>\2/p' | sort
}
HOST_PID=$(ino $$ pid)
HOST_USER=$(ino $$ user)
want=$(printf '%s\n' "->$HOST_USER" "$HOST_USER>$HOST_PID" "$HOST_PID>$(ino "${T1:-0}" pid)" \
	"$HOST_USER>$(ino "${T2:-0}" user)" "$(ino "${T2:-0}" user)>$(ino "${T2:-0}" pid)" \
	"$HOST_USER>$U3A" "$U3A>$U3B" \
	"$HOST_USER>$U4A" "$U4A>$P4A" "$P4A>$P4B" "$U4A>$U4B" "$U4B>$P4C" \
	"$HOST_USER>$G1" "$G1>$(ino "${T5:-0}" user)" | sort)
check_eq "--tree=nesting: PID namespaces under their parent or, where the owner changes, their owner" \
	"$want" "$(nesting_edges --tree=nesting -o NS,TYPE)"
check_eq "-Tnesting -t user: the user namespaces alone" "$(grep -v -e "$HOST_PID" -e "$P4A" -e "$P4B" \
	-e "$P4C" -e ">$(ino "${T2:-0}" pid)" <<<"$want")" "$(nesting_edges -Tnesting -t user -o NS,TYPE)"
nrun "$NOOK" lsns --tree=nesting -r
check_eq "--tree=nesting: columns NS TYPE NPROCS PID OWNER COMMAND" "0|NS TYPE NPROCS PID OWNER COMMAND" \
	"$RC|$(head -n1 <<<"$OUT")"
check_lsns_err "--tree=nesting -t net" 1 "-T nesting shows user and pid namespaces" --tree=nesting -t net
check_lsns_err --ul "-T nesting: 'nesting' is a NAMESPACE-ID, as util-linux reads -T owner" 1 \
	"invalid namespace argument: 'nesting'" -T nesting

# ============================================================ bad input
check_lsns_err --ul "-o FOO" 1 "unknown column: FOO" -o FOO
check_lsns_err --ul "-o FOO,NS: the rest of the list" 1 "unknown column: FOO,NS" -o FOO,NS
check_lsns_err --ul "-o ns,FOO,type" 1 "unknown column: FOO,type" -o ns,FOO,type
check_lsns_err --ul "-o +FOO" 1 "unknown column: FOO" -o +FOO
# util-linux splits -o at commas: an empty name fails without a word, but a
# comma at the end (or alone) belongs to the last name
check_lsns_err --ul "-o NS,: an empty name" 1 "unknown column: NS," -o NS, -p $$
check_lsns_err --ul "-o ," 1 "unknown column: ," -o , -p $$
check_lsns_err --ul "-o NS,,TYPE: fails without a word" 1 "" -o NS,,TYPE -p $$
check_lsns_err --ul "-o +: fails without a word" 1 "" -o + -p $$
check_lsns_err --ul "-o '': no column at all fails without a word" 1 "" -o '' -p $$
check_lsns_err --ul "-o: 27 columns fail without a word" 1 "" -o "$(printf 'NS%.0s,' {1..26})NS" -p $$
cmp_exact "-o: 26 columns are fine" -o "$(printf 'NS%.0s,' {1..25})NS" -p "${T2:-0}"
check_lsns_err --ul "-t foo" 1 "unknown namespace type: foo" -t foo
check_lsns_err --ul "-t NET: types are lower case" 1 "unknown namespace type: NET" -t NET
check_lsns_err --ul "-p abc" 1 "invalid PID argument: 'abc'" -p abc
check_lsns_err --ul "-p 1x" 1 "invalid PID argument: '1x'" -p 1x
# util-linux adds strerror(ERANGE) to a number out of range
check_lsns_err --ul "-p: out of range" 1 "invalid PID argument: '99999999999': Numerical result out of range" \
	-p 99999999999
check_lsns_err "-p 0 (refused as in util-linux 2.39+)" 1 "invalid PID argument: '0'" -p 0
check_lsns_err --ul "NAMESPACE-ID not found" 1 "not found namespace: 123" 123
check_lsns_err --ul "NAMESPACE-ID not a number" 1 "invalid namespace argument: 'abc'" abc
check_lsns_err --ul "NAMESPACE-ID out of range" 1 \
	"invalid namespace argument: '18446744073709551616': Numerical result out of range" 18446744073709551616
check_lsns_err --ul "-T=bogus" 1 "unknown tree type: bogus" -T=bogus
check_lsns_err --ul "-Tbogus" 1 "unknown tree type: bogus" -Tbogus
check_lsns_err --ul "--tree=bogus" 1 "unknown tree type: bogus" --tree=bogus
check_lsns_err --ul "-T owner: 'owner' is a NAMESPACE-ID" 1 "invalid namespace argument: 'owner'" -T owner
check_lsns_err --ul "-p PID NAMESPACE-ID" 1 "--task is mutually exclusive with <namespace>" -p 1 4026531836
check_lsns_err --ul "NAMESPACE-ID -p PID" 1 "--task is mutually exclusive with <namespace>" 4026531836 -p 1
check_lsns_err "-J -r: newer util-linux's wording" 1 "options --json and --raw cannot be combined" -J -r
check_lsns_err "-r -J" 1 "options --json and --raw cannot be combined" -r -J
if parity "$UL_SKIP" "-J -r: util-linux 2.38.1 refuses it too, in its words"; then
	ul_run "$UL_LSNS" -J -r
	check_eq "-J -r: util-linux 2.38.1 refuses it too, in its words" \
		"1|lsns: mutually exclusive arguments: --json --raw" "$RC|$OUT$ERR"
fi
check_lsns_err "-P -p" 1 "options --persistent and --task cannot be combined" -P -p 1
check_lsns_err "-p -P" 1 "options --persistent and --task cannot be combined" -p 1 -P
cmp_exact "an unknown long option" --bogus
cmp_exact "an unknown short option" -x
cmp_exact "-p without its argument" -p
cmp_exact "-o without its argument" -o
cmp_exact "-t without its argument" -t

# ============================================================ the lsns link, --help, --version
nrun "$NOOK_LSNS" --help
check_eq "--help through the link: lsns, to stdout, status 0" \
	"0|Usage:| lsns [options] [<namespace ID>]|For more details see lsns(8).|" \
	"$RC|$(sed -n 2,3p <<<"$OUT" | paste -sd'|')|$(tail -n1 <<<"$OUT")|$ERR"
nrun "$NOOK" lsns --help
check_eq "--help of 'nook lsns'" "0| nook lsns [options] [<namespace ID>]|For more details see nook-lsns(1).|" \
	"$RC|$(sed -n 3p <<<"$OUT")|$(tail -n1 <<<"$OUT")|$ERR"
nrun "$NOOK_LSNS" -V
check_match "-V through the link: lsns from nook" "^0\|lsns from nook [0-9]" "$RC|$OUT"

# ============================================================ as an unprivileged user
# nook-test sees the namespaces of its own processes only; bind mounts are
# in everyone's mount table.  Its states: UT2, every namespace new in a user
# namespace of its own; UT3, nested user namespaces; UNF, a network
# namespace held by an fd of UHF, whose user namespace (UNFU) no process is
# in either.
if ! setup_test_user; then
	skip "as $TEST_USER" "cannot create the user $TEST_USER"
elif ! userns_works; then
	skip "as $TEST_USER" "unprivileged user namespaces are disabled"
elif ! as_user test -x "$NOOK"; then
	skip "as $TEST_USER" "$TEST_USER cannot run $NOOK"
else
	ROOTS=$(list_of OURS) # what root made: processes of root's are not listed
	start_target UT2 as_user "$UL_UNSHARE" -r -m -n -u -i -p -C -T --fork --mount-proc sleep 600
	start_target UT3 as_user "$UL_UNSHARE" -r --fork "$UL_UNSHARE" -r --fork sleep 600
	start_target UNFP as_user "$UL_UNSHARE" -r -n sleep 600
	start_target UHF as_user sh -c 'exec sleep 600 7<"$0"' "/proc/${UNFP:-0}/ns/net"
	UNF=$(ino "${UNFP:-0}" net) UNFU=$(ino "${UNFP:-0}" user)
	end_target UNFP
	add_ours UT2 "${UT2_LAUNCHER:-0}"
	add_ours UT3 "${UT3_LAUNCHER:-0}"
	OURS[$UNF]=UNF/net PERSIST[$UNF]=1
	OURS[$UNFU]=UNF/user PERSIST[$UNFU]=1
	# T1's network namespace is bind-mounted: nook-test sees it in the mount
	# table, and no process in it
	PERSIST[$T1N]=1
	UT2P=$(awk '{ sub(/^.*\) /, ""); print $2 }' "/proc/${UT2:-0}/stat")
	check_eq "as $TEST_USER: UHF holds UNF by fd 7" "net:[$UNF]" "$(readlink "/proc/${UHF:-0}/fd/7")"

	cmp_rows --as-user "as $TEST_USER: default" 
	cmp_rows --as-user "as $TEST_USER: -J" -J
	cmp_rows --as-user "as $TEST_USER: -l -r" -l -r
	cmp_rows --as-user "as $TEST_USER: --output-all" --output-all
	cmp_rows --as-user "as $TEST_USER: -t user -t net" -t user -t net
	cmp_rows --as-user "as $TEST_USER: -T" -T
	cmp_rows --as-user "as $TEST_USER: -J -T parent" -J --tree=parent
	cmp_exact --as-user "as $TEST_USER: -p UT2" -p "${UT2:-0}"
	cmp_exact --as-user "as $TEST_USER: -p UT2 -J" -p "${UT2:-0}" -J
	cmp_exact --as-user "as $TEST_USER: -p UT2 -r --output-all" -p "${UT2:-0}" -r --output-all
	cmp_exact --as-user "as $TEST_USER: -p UT2 -t net" -p "${UT2:-0}" -t net
	# The host's user namespace is printed above UT2's: its lowest PID is
	# any process of nook-test's, other scripts' too; only NS and TYPE hold.
	cmp_exact --as-user "as $TEST_USER: -p UT2 -T" -p "${UT2:-0}" -T -o NS,TYPE,PNS,ONS
	cmp_exact --as-user "as $TEST_USER: NAMESPACE-ID" "$(ino "${UT2:-0}" net)"
	cmp_exact --as-user "as $TEST_USER: NAMESPACE-ID of root's: not found" "$(ino "${T2:-0}" net)"
	nrun as_user "$NOOK" lsns "$T1N"
	check_eq "as $TEST_USER: NAMESPACE-ID of a bind-mounted namespace of root's: nothing" "0||" "$RC|$OUT|$ERR"
	cmp_exact --as-user "as $TEST_USER: -p of root's process: nothing" -p "${T1:-0}"
	nook_rows --as-user --keep "$ROOTS" "as $TEST_USER: none of root's processes' namespaces" \
		"$(sorted "${NP:-}" "${UP:-}" "$T1N")" -l -r -n -o NS
	nook_rows --as-user "as $TEST_USER: -P: its fd-held namespace, its owner, the bind mounts" \
		"$(for i in $(sorted "$UNF" "$UNFU" "${NP:-}" "${UP:-}" "$T1N"); do
			case $i in
			"$UNF") row "$i" net 0 "$TEST_USER" "" ;;
			"$UNFU") row "$i" user 0 "$TEST_USER" "" ;;
			"${NP:-}") row "$i" net 0 root "/run/netns/$NETNS" ;;
			"$T1N") row "$i" net 0 root "/run/netns/$NETNS_T1,$D/t1-net" ;;
			*) row "$i" uts 0 root "$D/uts" ;;
			esac
		done)" -P -l -r -n -o NS,TYPE,NPROCS,USER,NSFS
	nrun as_user "$NOOK" lsns --compare -r -n -t net -t user "${UT2:-0}" "${T1:-0}"
	check_eq "as $TEST_USER: --compare with root's process: empty cells, not shared" \
		"0|net $(ino "${UT2:-0}" net)  no|user $(ino "${UT2:-0}" user)  no|" \
		"$RC|$(paste -sd'|' <<<"$OUT")|$ERR"
	nrun as_user "$NOOK" lsns --compare -r -n "${UT2:-0}" "$UT2P"
	check_eq "as $TEST_USER: --compare its own processes" "0|$(compare_table '%s %s %s %s\n' \
		"${UT2:-0}" "$UT2P" | sed 1d | paste -sd'|')" "$RC|$(paste -sd'|' <<<"$OUT")"
	nrun as_user "$NOOK_LSNS" -o FOO
	check_eq "as $TEST_USER: -o FOO" "1|lsns: unknown column: FOO" "$RC|$OUT$ERR"
fi

done_testing
