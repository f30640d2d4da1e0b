#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# unshare.sh - integration tests for "nook unshare", run as root.
#
# Each test looks at what a user would check (hostname, PIDs, links, maps,
# mounts, files left behind), from inside the new namespaces and from outside.
# Where util-linux's unshare (2.38.1 here) behaves the same as the newest
# util-linux, both are run and their exit status, stdout and stderr compared
# (compare_ul); where only newer util-linux or nook has a feature, the expected
# output is spelled out.  The unprivileged side is in unshare-unpriv.sh.
#
#   prove -v tests/integration/unshare.sh
#   NOOK=/tmp/build/nook prove -v tests/integration/unshare.sh

# shellcheck source=tests/integration/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

skip_unless_root
require_nook
setup_test_user || skip_all "cannot create the user $TEST_USER"

D=$TMPD/d # a private tmpfs: namespace files can be bind-mounted there
private_tmpfs "$D" || skip_all "cannot mount a tmpfs"

# ============================================================ help, version
run "$NOOK_UNSHARE" --help
check_eq "--help: usage on stdout, exit 0" "0||Usage:| unshare [options] [<program> [<argument>...]]" \
	"$RC|$(head -3 <<<"$OUT" | paste -sd'|')$ERR"
missing=""
for o in mount uts ipc net pid user cgroup time mount-proc mount-binfmt load-interp propagation \
	root wd setuid setgid map-user map-group map-root-user map-current-user map-auto \
	map-subids map-users map-groups owner fork kill-child forward-signals setgroups keep-caps \
	monotonic boottime clear-env whitelist-env help version hostname dry-run pivot-root; do
	grep -q -- "--$o\b" <<<"$OUT" || missing+=" --$o"
done
check_eq "--help: lists every option" "" "$missing"
run_nook --help
check_eq "nook unshare --help: exit 0, nothing on stderr" "0 yes" "$RC $([ -n "$OUT" ] && echo yes)$ERR"
run "$NOOK_UNSHARE" --version
check_match "--version" '^unshare from ' "$OUT"
check_eq "--version: exit 0, nothing on stderr" "0 " "$RC $ERR"

# ============================================================ util-linux parity
# Error cases from spec/samples (same text in 2.38.1 and HEAD).
compare_ul "unknown option" --bogus
compare_ul "missing option argument" --setgroups
compare_ul "missing short option argument" -S
compare_ul "bad --propagation" --propagation foo true
compare_ul "bad --setgroups" --setgroups maybe true
compare_ul "bad --kill-child signal" --kill-child=SIGFOO true
compare_ul "--kill-child takes names only" --kill-child=9 true
compare_ul "-r with --setgroups=allow" -r --setgroups=allow true
compare_ul "-S abc" -S abc true
compare_ul "-G abc" -G abc true
compare_ul "bad --boottime" -T --boottime=x true
compare_ul "bad --monotonic" -T --monotonic=abc true
compare_ul "missing program" /nonexistent
printf 'echo should not run\n' >"$TMPD/noexec"
chmod 644 "$TMPD/noexec"
compare_ul "non-executable program" "$TMPD/noexec"
compare_ul "-R missing directory" -R /nonexistent true
compare_ul "--mount-proc missing directory" --mount-proc=/nonexistent true
compare_ul "--net=FILE in a missing directory" --net="$TMPD/missing/net" true
compare_ul "--mount=FILE in a missing directory" --mount="$TMPD/missing/mnt" true
# getopt details: optional arguments bind only with '=', long options abbreviate
compare_ul "--kill-child SIG: SIG is the program" --kill-child SIGTERM
compare_ul "abbreviated long option" --mount-p=/nonexistent true
compare_ul "options stop at the program" sh -c 'echo "$@"' sh -n -u
compare_ul "-- ends options" -- sh -c 'echo ok'

# Behaviour from spec/samples.
compare_ul "-U id -u" -U id -u
compare_ul "-r id" -r id
compare_ul "-c id" -c id
compare_ul "--map-user=5 --map-group=6 id" --map-user=5 --map-group=6 id
compare_ul "--user --map-user=5 --map-group=6 id" --user --map-user=5 --map-group=6 id
compare_ul "--map-user/--map-group by name" --map-user=games --map-group=disk id
compare_ul "-n ip -o link" -n ip -o link
compare_ul "-p -f: the program is PID 1" -p -f sh -c 'echo $$'
compare_ul "-u hostname" -u sh -c 'hostname nook-zz; hostname'
compare_ul "exit status" sh -c 'exit 42'
compare_ul "exit status with -f" -f sh -c 'exit 42'
compare_ul "-f re-raises SIGTERM" -f sh -c 'kill -TERM $$'
compare_ul "-S -G" -S 65534 -G 65534 id
compare_ul "-U --setgroups=deny" -U --setgroups=deny cat /proc/self/setgroups
compare_ul "-U --setgroups=allow" -U --setgroups=allow cat /proc/self/setgroups
compare_ul "--keep-caps" -r --keep-caps grep CapAmb /proc/self/status
compare_ul "no --keep-caps" -r grep CapAmb /proc/self/status
compare_ul "--propagation without -m is ignored" --propagation slave true
compare_ul "--kill-child=term (any case, SIG optional)" --kill-child=term true
compare_ul "-T -f --monotonic" -T -f --monotonic=3600 cat /proc/self/timens_offsets
compare_ul "-w DIR" -w "$TMPD" pwd
RUN_STDIN='echo $0' SHELL=/bin/sh compare_ul "no program: login shell from \$SHELL" -u

run_nook -r --keep-caps grep CapAmb /proc/self/status
check_match "--keep-caps: ambient capabilities raised" '^CapAmb:[[:space:]]+0*[1-9a-f][0-9a-f]*$' "$OUT"
run_nook -r grep CapAmb /proc/self/status
check_match "without --keep-caps: no ambient capabilities" '^CapAmb:[[:space:]]+0+$' "$OUT"

# HEAD re-raises SIGKILL too (2.38.1 fails in signal(SIGKILL): "sigprocmask
# unblock failed", exit 1)
run_nook -f sh -c 'kill -KILL $$'
check_eq "-f re-raises SIGKILL: 137, no message" "137 " "$RC $OUT$ERR"

# ============================================================ bad input (HEAD)
check_err "bad --propagation" 1 "unsupported propagation mode: foo" --propagation foo true
check_err "bad --setgroups" 1 "unsupported --setgroups argument 'maybe'" --setgroups maybe true
check_err "bad --kill-child signal" 1 "unknown signal: SIGFOO" --kill-child=SIGFOO true
check_err "-S abc" 1 "failed to parse uid: 'abc'" -S abc true
check_err "-r with --setgroups=allow" 1 \
	"options --setgroups=allow and --map-group are mutually exclusive" -r --setgroups=allow true
check_err "--monotonic without -T" 1 \
	"options --monotonic and --boottime require unsharing of a time namespace (-T)" \
	--monotonic 5 true
check_err "--boottime without -T" 1 \
	"options --monotonic and --boottime require unsharing of a time namespace (-T)" \
	--boottime=5 true
check_err "bad mapping, two fields" 1 "invalid mapping '1,2'" --map-users=1,2 true
check_err "bad mapping, colon form" 1 "invalid mapping '1:2'" --map-users=1:2 true
check_err "bad mapping, trailing junk" 1 "invalid mapping '0:1000:1x'" --map-users=0:1000:1x true
check_err "bad group mapping" 1 "invalid mapping 'a,b,c'" --map-groups=a,b,c true
check_err "bad --owner" 1 "failed to parse owner" --owner=x true
check_err "bad --owner, trailing junk" 1 "failed to parse owner" --owner=1:2x true
check_err "-w missing directory" 1 \
	"cannot change directory to /nonexistent: No such file or directory" -w /nonexistent true
check_err "missing program" 127 "failed to execute /nonexistent: No such file or directory" \
	/nonexistent
check_err "non-executable program" 126 "failed to execute $TMPD/noexec: Permission denied" \
	"$TMPD/noexec"
check_err "--net=FILE in a missing directory" 1 \
	"mount /proc/PID/ns/net on $TMPD/missing/net failed: No such file or directory" \
	--net="$TMPD/missing/net" true
check_err "--mount=FILE in a missing directory" 1 \
	"mount /proc/PID/ns/mnt on $TMPD/missing/mnt failed: No such file or directory" \
	--mount="$TMPD/missing/mnt" true
# (whatever this machine's /etc/subuid says: an empty one is mounted over it
# in a mount namespace of the test's)
: >"$TMPD/subuid"
for name in "unshare" "nook unshare"; do
	cmd=("$NOOK_UNSHARE")
	[ "$name" = unshare ] || cmd=("$NOOK" unshare)
	run "$UL_UNSHARE" -m --propagation private sh -c 'mount --bind "$0" /etc/subuid && exec "$@"' \
		"$TMPD/subuid" "${cmd[@]}" --map-auto true
	check_eq "--map-auto without /etc/subuid entry: '$name' says so, exits 1" \
		"1||$name: no line matching user \"root\" in /etc/subuid" "$RC|$OUT|$ERR"
done
maps=()
for ((i = 0; i < 300; i++)); do
	maps+=(--map-users=$((1000000 + i)):$((2000000 + i)):1)
done
check_err "uid map over 4k" 1 "/proc/PID/uid_map too large for kernel 4k limit" "${maps[@]}" true

run_nook --map-user=nosuchuser true
check_match "--map-user unknown name: says which" "^nook unshare: failed to parse uid '?nosuchuser'?" "$ERR"
check_eq "--map-user unknown name: exit 1, one line" "1 1" "$RC $(wc -l <<<"$ERR")"

# Persisting a mount namespace onto a shared mount: the kernel says EINVAL.
mkdir -p "$D/shared"
mount -t tmpfs nook-shared "$D/shared" && mount --make-shared "$D/shared"
touch "$D/shared/mnt"
# nook prints util-linux's line, then says what to do about it (spec §4, #11).
before=$(_leftovers)
run_nook --mount="$D/shared/mnt" true
check_eq "--mount=FILE on a shared mount: one line, exit 1" "1 1" "$RC $(wc -l <<<"$ERR")"
check_match "--mount=FILE on a shared mount: util-linux's message first" \
	"^nook unshare: mount /proc/[0-9]+/ns/mnt on $D/shared/mnt failed: Invalid argument" "$ERR"
check_match "--mount=FILE on a shared mount: says what to do" "shared mount; bind its directory" "$ERR"
check_eq "--mount=FILE on a shared mount: nothing left" "$before" "$(_leftovers)"
umount "$D/shared"

# ============================================================ namespaces
# -m: a mount made inside is invisible outside
mkdir -p "$D/m"
run_nook -m sh -c "mount -t tmpfs nook-m '$D/m' && findmnt -n -o SOURCE '$D/m'; readlink /proc/self/ns/mnt"
check_eq "-m: mount inside" "0 nook-m" "$RC $(line 1 "$OUT")"
check_new_ns "-m: new mount namespace" mnt "$(line 2 "$OUT")"
check_eq "-m: mount not visible outside" "" "$(findmnt -n -o SOURCE "$D/m")"

# -u: hostname
host_name=$(hostname)
run_nook -u sh -c 'hostname nook-uts && hostname && readlink /proc/self/ns/uts'
check_eq "-u: hostname set inside" "0 nook-uts" "$RC $(line 1 "$OUT")"
check_new_ns "-u: new UTS namespace" uts "$(line 2 "$OUT")"
check_eq "-u: hostname unchanged outside" "$host_name" "$(hostname)"

# -i: a message queue made inside is invisible outside
host_queues=$(ipcs -q | grep -c '^0x')
run_nook -i sh -c 'ipcmk -Q >/dev/null && ipcs -q | grep -c "^0x"; readlink /proc/self/ns/ipc'
check_eq "-i: only the new queue inside" "0 1" "$RC $(line 1 "$OUT")"
check_new_ns "-i: new IPC namespace" ipc "$(line 2 "$OUT")"
check_eq "-i: queue not visible outside" "$host_queues" "$(ipcs -q | grep -c '^0x')"

# -n: only lo
run_nook -n sh -c 'ip -o link | cut -d: -f2; readlink /proc/self/ns/net'
check_eq "-n: only lo inside" "0  lo" "$RC $(line 1 "$OUT")"
check_new_ns "-n: new network namespace" net "$(line 2 "$OUT")"

# -p: the program's children are in the new PID namespace; with -f the
# program is PID 1, and --mount-proc shows only its processes
run_nook -p sh -c 'echo $$; sh -c "echo \$\$"'
check_match "-p without -f: program keeps its PID" '^([2-9]|[0-9]{2,})$' "$(line 1 "$OUT")"
check_eq "-p without -f: first child is PID 1" "1" "$(line 2 "$OUT")"
# our /proc: its mount (ID, the proc instance's device, options), and what
# it shows (our PID namespace's PID 1; its namespace links may be out of
# reach)
our_proc()
{
	awk '$5 == "/proc" { print $1, $3, $4, $9, $10, $11 }' /proc/self/mountinfo
	cat /proc/1/comm
}
proc_before=$(our_proc)
run_nook -p -f --mount-proc sh -c 'echo $$; readlink /proc/self/ns/pid; ps -e -o pid=,comm=; true'
check_eq "-p -f --mount-proc: PID 1, ps sees only sh and itself" "0|1|1 sh|ps" \
	"$RC|$(line 1 "$OUT")|$(sed 1,2d <<<"$OUT" | squeeze | sed -E 's/^[0-9]+ ps$/ps/' | paste -sd'|')"
check_new_ns "-p: new PID namespace" pid "$(line 2 "$OUT")"
check_eq "--mount-proc: /proc outside unchanged (its mount, its PID 1)" "$proc_before" "$(our_proc)"

# -U: nothing mapped
run_nook -U sh -c 'id -u; wc -l </proc/self/uid_map; readlink /proc/self/ns/user'
check_eq "-U: overflow uid, empty uid_map" "0 65534 0" "$RC $(line 1 "$OUT") $(line 2 "$OUT")"
check_new_ns "-U: new user namespace" user "$(line 3 "$OUT")"

# -C: cgroup namespace
run_nook -C readlink /proc/self/ns/cgroup
check_eq "-C: runs" "0" "$RC"
check_new_ns "-C: new cgroup namespace" cgroup "$OUT"

# -T: CLOCK_BOOTTIME shifted by a day for the children (-f)
u0=$(cut -d' ' -f1 /proc/uptime)
run_nook -T -f --boottime 86400 sh -c 'cut -d" " -f1 /proc/uptime; readlink /proc/self/ns/time'
u1=$(cut -d' ' -f1 /proc/uptime)
in=$(line 1 "$OUT")
if [ "$RC" = 0 ] && awk -v a="$u0" -v b="$u1" -v x="$in" 'BEGIN { exit !(x >= a + 86400 && x <= b + 86400) }'; then
	pass "-T -f --boottime 86400: uptime inside is a day ahead"
else
	fail "-T -f --boottime 86400: uptime inside is a day ahead" "rc=$RC outside $u0..$u1 inside '$in'" "$ERR"
fi
check_new_ns "-T: new time namespace" time "$(line 2 "$OUT")"
run_nook -T -f --monotonic=-5 --boottime=7 cat /proc/self/timens_offsets
check_eq "-T: negative --monotonic offset" "0 monotonic -5 0|boottime 7 0" \
	"$RC $(squeeze <<<"$OUT" | paste -sd'|')"

# ============================================================ persistence (=FILE)
P=$D/persist
mkdir -p "$P"

# persist LONGOPT NSNAME [EXTRA...] -- INSIDE-SCRIPT: run nook with
# --LONGOPT=$P/LONGOPT; INSIDE-SCRIPT must print "readlink /proc/self/ns/NSNAME"
# first.  Checks that the file is a namespace mount of that namespace.
persist()
{
	local opt=$1 nsname=$2 file=$P/$1 extra=()

	shift 2
	while [ "$1" != -- ]; do
		extra+=("$1")
		shift
	done
	shift
	touch "$file"
	push_cleanup rm -f "$file"
	push_cleanup umount -l "$file"
	run_nook "${extra[@]}" --"$opt"="$file" sh -c "$1"
	check_eq "--$opt=FILE: command ran" "0" "$RC"
	check_new_ns "--$opt=FILE: new $nsname namespace inside" "$nsname" "$(line 1 "$OUT")"
	check_eq "--$opt=FILE: FILE is an nsfs mount" "nsfs" "$(findmnt -n -o FSTYPE --mountpoint "$file")"
	check_eq "--$opt=FILE: FILE is the namespace that was inside" \
		"$(line 1 "$OUT" | sed -E 's/.*\[([0-9]+)\]/\1/')" "$(nsid "$file" 2>&1)"
}

mkdir -p "$D/pm"
persist mount mnt -- "readlink /proc/self/ns/mnt; mount -t tmpfs nook-pm '$D/pm'"
check_eq "--mount=FILE: nsenter --mount=FILE sees the inner mount" "nook-pm" \
	"$(nsenter --mount="$P/mount" findmnt -n -o SOURCE "$D/pm" 2>&1)"
persist uts uts -- 'readlink /proc/self/ns/uts; hostname nook-pu'
check_eq "--uts=FILE: nsenter --uts=FILE hostname" "nook-pu" "$(nsenter --uts="$P/uts" hostname 2>&1)"
persist ipc ipc -- 'readlink /proc/self/ns/ipc; ipcmk -Q >/dev/null'
check_eq "--ipc=FILE: nsenter --ipc=FILE sees the queue" "1" \
	"$(nsenter --ipc="$P/ipc" ipcs -q 2>&1 | grep -c '^0x')"
persist net net -- 'readlink /proc/self/ns/net; ip link set lo up'
check_match "--net=FILE: nsenter --net=FILE ip link shows lo up" '^1: lo: <LOOPBACK,UP' \
	"$(nsenter --net="$P/net" ip -o link 2>&1)"
check_eq "--net=FILE: and nothing else" "1" "$(nsenter --net="$P/net" ip -o link 2>&1 | wc -l)"
persist pid pid -f -- 'readlink /proc/self/ns/pid'
persist user user -r -- 'readlink /proc/self/ns/user'
check_eq "--user=FILE: nsenter --user=FILE sees the map" "0 0 1" \
	"$(nsenter --user="$P/user" cat /proc/self/uid_map 2>&1 | squeeze)"
persist cgroup cgroup -- 'readlink /proc/self/ns/cgroup'
persist time time -f --boottime=86400 -- 'readlink /proc/self/ns/time'
check_match "--time=FILE: nsenter --time=FILE sees the offset" '^boottime +86400 ' \
	"$(nsenter --time="$P/time" cat /proc/self/timens_offsets 2>&1)"
# the files outlive the processes, and unmount cleanly
for f in mount uts ipc net pid user cgroup time; do
	umount "$P/$f" 2>/dev/null
done
check_eq "persistent files unmount, no nsfs left" "" "$(findmnt -n -o TARGET -t nsfs | grep "^$P" || true)"

# ============================================================ -f, signals
# -f: the program is a child of unshare, not of us
run_nook sh -c 'echo $PPID'
check_eq "without -f: program replaces unshare" "$$" "$OUT"
run_nook -f sh -c 'echo $PPID; cat /proc/$PPID/comm; awk "{ sub(/^.*\\) /, \"\"); print \$2 }" /proc/$PPID/stat'
check_eq "-f: the program's parent is nook, a child of ours" "0|$(basename "$NOOK" | cut -c1-15)|$$" \
	"$RC|$(line 2 "$OUT")|$(line 3 "$OUT")"
check_ne "-f: (so the program is not a child of ours)" "$$" "$(line 1 "$OUT")"

# kill_child_test DESC ARGS... - start "nook unshare ARGS... sh -c ..." whose
# child prints its PID and sleeps; SIGKILL the unshare process; the child must
# die too.  Sets CHILD.
kill_child_test()
{
	local desc=$1

	shift
	spawn "$NOOK" unshare "$@" sh -c 'echo $$; exec sleep 600'
	read_line "$SPAWN_FD" CHILD
	push_cleanup kill_pids "$CHILD"
	stop_spawn
	if [ -n "$CHILD" ] && wait_dead "$CHILD"; then
		pass "$desc"
	else
		fail "$desc" "child '$CHILD' still alive"
	fi
}

kill_child_test "--kill-child: child dies with unshare" --kill-child

# nook extension: --kill-child survives the credential change of -S (the
# kernel clears PDEATHSIG on setuid; util-linux sets it before -S)
spawn "$NOOK" unshare --kill-child -S 65534 sh -c 'echo $$; exec sleep 600'
read_line "$SPAWN_FD" child
check_eq "--kill-child -S 65534: child runs as 65534" "65534" "$(stat -c %u "/proc/${child:-0}" 2>&1)"
kill_pids "$child"
stop_spawn
kill_child_test "--kill-child -S 65534: child still dies with unshare" --kill-child -S 65534

# --kill-child=SIGTERM: the child gets exactly that signal
spawn "$NOOK" unshare --kill-child=SIGTERM sh -c \
	"trap 'echo TERM >$TMPD/sig; exit 0' TERM; sleep 600 & echo \$\$ \$!; wait"
read_line "$SPAWN_FD" pids
read -r child sleeper <<<"$pids"
push_cleanup kill_pids "$child" "$sleeper"
stop_spawn
if [ -n "$child" ] && wait_dead "$child"; then
	check_eq "--kill-child=SIGTERM: child got SIGTERM" "TERM" "$(cat "$TMPD/sig" 2>&1)"
else
	fail "--kill-child=SIGTERM: child got SIGTERM" "child '$child' still alive"
fi
kill_pids "$sleeper"

# sig_test DESC SIG EXPECTED ARGS... - start "nook unshare ARGS... sh -c ..."
# whose child traps SIG (prints got-SIG, exits 7) and otherwise exits 3 once
# its sleep ends, and send SIG to the unshare process.  EXPECTED is
# "STATUS OUTPUT" of unshare: "7 got-SIG" when SIG must reach the child (we
# wait for that line before ending the sleep), "3 " when it must not (the
# sleep is ended right away: a forwarded signal could only be missed, so the
# test cannot fail by chance).
sig_test()
{
	local desc=$1 sig=$2 want=$3 pids child sleeper got=

	shift 3
	spawn "$NOOK" unshare "$@" sh -c \
		"trap 'echo got-$sig; exit 7' $sig; sleep 600 & echo \$\$ \$!; wait; exit 3"
	read_line "$SPAWN_FD" pids
	read -r child sleeper <<<"$pids"
	push_cleanup kill_pids "$child" "$sleeper"
	kill -"$sig" "$SPAWN_PID" 2>/dev/null
	[ "${want#7}" != "$want" ] && read_line "$SPAWN_FD" got
	kill_pids "$sleeper"
	wait_exit "$SPAWN_PID"
	kill_pids "$child"
	[ -n "$got" ] || got=$(timeout 10 cat <&"$SPAWN_FD")
	exec {SPAWN_FD}<&-
	check_eq "$desc" "$want" "$RC $got"
}

# without --forward-signals, SIGTERM to the waiting unshare stays pending: the
# child carries on and its own exit status comes back
sig_test "-f: SIGTERM to unshare is held, child's status returned" TERM "3 " -f
sig_test "--forward-signals: SIGTERM reaches the child" TERM "7 got-TERM" --forward-signals
sig_test "--forward-signals: SIGINT reaches the child" INT "7 got-INT" --forward-signals
# nook extension: --forward-signals=LIST
sig_test "--forward-signals=USR1,TERM: SIGUSR1 reaches the child" USR1 "7 got-USR1" \
	--forward-signals=USR1,TERM
sig_test "--forward-signals=USR1,TERM: SIGTERM reaches the child" TERM "7 got-TERM" \
	--forward-signals=USR1,TERM
check_err "--forward-signals=KILL" 1 "unknown or unforwardable signal: KILL" \
	--forward-signals=KILL true

# ============================================================ /proc, binfmt
mkdir -p "$D/proc"
run_nook -p -f --mount-proc="$D/proc" sh -c "cat '$D/proc/1/comm'; findmnt -n -o FSTYPE '$D/proc';
	awk '\$5 == \"/proc\" { print \$3, \$9 }' /proc/self/mountinfo"
check_eq "--mount-proc=DIR: proc of the new PID namespace at DIR" "0 sh proc" \
	"$RC $(line 1 "$OUT") $(line 2 "$OUT")"
# (one proc on /proc, ours: the same device, whatever our PID 1 is called)
check_eq "--mount-proc=DIR: /proc inside untouched, one mount of our proc" \
	"$(awk '$5 == "/proc" { print $3, $9 }' /proc/self/mountinfo)" "$(sed 1,2d <<<"$OUT")"
check_eq "--mount-proc=DIR: not mounted outside" "" "$(findmnt -n "$D/proc")"
run_nook -p -f --mount-proc cat /proc/1/comm
check_eq "--mount-proc: /proc shows the new PID namespace" "0 cat" "$RC $OUT"

if ! awk -F. '{ exit !($1 > 6 || ($1 == 6 && $2 >= 7)) }' <<<"$(uname -r)"; then
	skip "--mount-binfmt" "binfmt_misc in a user namespace needs Linux 6.7"
else
	host_binfmt=$(findmnt -n -o FSTYPE /proc/sys/fs/binfmt_misc)
	run_nook -r -p -f --mount-binfmt sh -c 'findmnt -n -o FSTYPE /proc/sys/fs/binfmt_misc; cat /proc/1/comm; ls /proc/sys/fs/binfmt_misc | sort | paste -sd" "'
	check_eq "--mount-binfmt: binfmt_misc mounted, /proc too" "0 binfmt_misc sh register status" \
		"$RC $(line 1 "$OUT") $(line 2 "$OUT") $(line 3 "$OUT")"
	check_eq "--mount-binfmt: host unchanged" "$host_binfmt" "$(findmnt -n -o FSTYPE /proc/sys/fs/binfmt_misc)"
	mkdir -p "$D/bfm"
	run_nook -r --mount-binfmt="$D/bfm" sh -c "findmnt -n -o FSTYPE '$D/bfm'"
	check_eq "--mount-binfmt=DIR" "0 binfmt_misc" "$RC $OUT"

	printf 'echo interp-ran\n' >"$D/x.nooktst"
	chmod 755 "$D/x.nooktst"
	run_nook -r -p -f --load-interp=':nooktest:E::nooktst::/bin/sh:' \
		sh -c "head -2 /proc/sys/fs/binfmt_misc/nooktest; '$D/x.nooktst'"
	check_eq "--load-interp: entry registered and used" \
		"0|enabled|interpreter /bin/sh|interp-ran" "$RC|$(paste -sd'|' <<<"$OUT")"
	check_eq "--load-interp: host has no such entry" "no" \
		"$(test -e /proc/sys/fs/binfmt_misc/nooktest && echo yes || echo no)"
fi

# ============================================================ propagation
# $D is private; $D/sh is a shared mount.  mountinfo's optional fields show
# "shared:N", "master:N" or nothing (private).
mkdir -p "$D/sh"
mount -t tmpfs nook-sh "$D/sh" && mount --make-shared "$D/sh"
push_cleanup umount -l "$D/sh"
peer=$(awk -v m="$D/sh" '$5 == m { for (i = 7; $i != "-"; i++) if ($i ~ /^shared:/) print substr($i, 8) }' /proc/self/mountinfo)

# tags TEXT MOUNTPOINT - optional fields of MOUNTPOINT in mountinfo TEXT
tags()
{
	awk -v m="$2" '$5 == m { t = ""; for (i = 7; $i != "-"; i++) t = t " " $i; print t }' <<<"$1"
}

run_nook -m cat /proc/self/mountinfo
check_eq "-m: mounts private by default" "0 " "$RC $(tags "$OUT" "$D/sh")"
run_nook -m --propagation private cat /proc/self/mountinfo
check_eq "--propagation private" "0 " "$RC $(tags "$OUT" "$D/sh")"
run_nook -m --propagation slave cat /proc/self/mountinfo
check_eq "--propagation slave: slave of the host's peer group" "0  master:$peer" "$RC $(tags "$OUT" "$D/sh")"
run_nook -m --propagation shared cat /proc/self/mountinfo
check_match "--propagation shared: private mounts become shared" '^ shared:[0-9]+$' "$(tags "$OUT" "$D")"
run_nook -m --propagation unchanged cat /proc/self/mountinfo
check_eq "--propagation unchanged: shared stays shared, private stays private" \
	"0  shared:$peer|" "$RC $(tags "$OUT" "$D/sh")|$(tags "$OUT" "$D")"

# ============================================================ ID maps (root)
run_nook --map-user=5 --map-group=6 sh -c 'cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups'
check_eq "--map-user/--map-group: maps and setgroups" "0|5 0 1|6 0 1|deny" "$RC|$(squeeze <<<"$OUT" | paste -sd'|')"

maps_and_id='cat /proc/self/uid_map; echo --; cat /proc/self/gid_map; echo --; id -u'
run_nook --map-users=0:100000:65536 --map-groups=0:100000:65536 sh -c "$maps_and_id"
check_eq "--map-users INNER:OUTER:COUNT" "0|0 100000 65536|--|0 100000 65536|--|65534" \
	"$RC|$(squeeze <<<"$OUT" | paste -sd'|')"
run_nook --map-users=100000,0,65536 --map-groups=100000,0,65536 sh -c "$maps_and_id"
check_eq "--map-users OUTER,INNER,COUNT" "0|0 100000 65536|--|0 100000 65536|--|65534" \
	"$RC|$(squeeze <<<"$OUT" | paste -sd'|')"
run_nook --map-users=0:100000:1000 --map-users=1000:300000:1000 --map-groups=0:100000:2000 \
	sh -c 'cat /proc/self/uid_map'
check_eq "--map-users repeated: ranges accumulate" "0|0 100000 1000|1000 300000 1000" \
	"$RC|$(squeeze <<<"$OUT" | sort -n | paste -sd'|')"
run_nook --map-users=all --map-groups=all sh -c "$maps_and_id"
check_eq "--map-users=all: copy of the parent's map" "0|0 0 4294967295|--|0 0 4294967295|--|0" \
	"$RC|$(squeeze <<<"$OUT" | paste -sd'|')"
run_nook --map-user=0 --map-users=1:100000:65535 --map-groups=0:100000:65536 sh -c "$maps_and_id"
check_eq "--map-user with --map-users: single ID first" "0|0 0 1|1 100000 65535|--|0 100000 65536|--|0" \
	"$RC|$(squeeze <<<"$OUT" | paste -sd'|')"
run_nook --map-user=1000 --map-users=0:100000:65536 sh -c 'cat /proc/self/uid_map'
check_eq "--map-user inside a --map-users range: range split, loses its top" \
	"0|1000 0 1|0 100000 1000|1001 101000 64535" "$RC|$(squeeze <<<"$OUT" | paste -sd'|')"

# --owner: the new user namespace belongs to nook-test
spawn "$NOOK" unshare --owner="$TEST_UID:$TEST_GID" --map-users="0:$TEST_UID:1" \
	--map-groups="0:$TEST_GID:1" sh -c 'id -u; id -g; exec sleep 600'
read_line "$SPAWN_FD" l1
read_line "$SPAWN_FD" l2
check_eq "--owner: root inside" "0 0" "${l1:-} ${l2:-}"
check_eq "--owner: runs as the owner outside" "$TEST_UID" "$(stat -c %u "/proc/$SPAWN_PID" 2>&1)"
ok "--owner: the owner may enter the user namespace" \
	as_user nsenter --user="/proc/$SPAWN_PID/ns/user" --preserve-credentials true
stop_spawn
spawn "$NOOK" unshare -U sh -c 'echo ready; exec sleep 600'
read_line "$SPAWN_FD" l1
ok_not "without --owner: root owns it, nook-test may not enter" \
	as_user nsenter --user="/proc/$SPAWN_PID/ns/user" --preserve-credentials true
stop_spawn

# ============================================================ root, wd
R=$D/rootfs
make_rootfs "$R"
compare_ul "-R DIR" -R "$R" /bin/sh -c 'pwd; cat /marker; ls /'
compare_ul "-R DIR -w DIR (after chroot)" -R "$R" -w /bin /bin/sh -c pwd
run_nook -m -R "$R" /bin/unshare -U /bin/true
check_eq "-R: no new user namespace in a chroot (kernel rule): busybox's unshare says EPERM" \
	"1|unshare: unshare(0x10000000): Operation not permitted" "$RC|$OUT$ERR"
compare_ul "-m -R DIR, a nested unshare -U refused" -m -R "$R" /bin/unshare -U /bin/true

# nook extension: --pivot-root=DIR
run_nook -m --pivot-root="$R" /bin/sh -c 'cat /marker; pwd; /bin/unshare -U /bin/true && echo nested-ok'
check_eq "--pivot-root: / is DIR, nested unshare -U works" "0|nook-rootfs|/|nested-ok" \
	"$RC|$(paste -sd'|' <<<"$OUT")"
check_eq "--pivot-root: host root untouched" "yes" "$(test -e /etc/debian_version && echo yes)"
run_nook -m --pivot-root="$R" -p -f --mount-proc /bin/sh -c 'cat /proc/self/mountinfo'
check_eq "--pivot-root: old root detached, only / and /proc" "0 / /proc" \
	"$RC $(awk '{ print $5 }' <<<"$OUT" | sort | paste -sd' ')"
# without -m, --pivot-root must not pivot the caller's mount namespace: run
# it in a throwaway one and look at / afterwards
run /usr/bin/unshare -m --propagation private sh -c \
	"'$NOOK' unshare --pivot-root='$R' /bin/true; test -e /etc/debian_version && echo intact"
check_eq "--pivot-root without -m: the caller's root is intact" "intact" "$OUT"

# ============================================================ env, shell
run env -i A=1 B=2 PATH=/usr/bin:/bin "$NOOK" unshare --clear-env /usr/bin/env
check_eq "--clear-env: empty environment" "0 " "$RC $OUT"
run env -i A=1 B=2 PATH=/usr/bin:/bin "$NOOK" unshare --whitelist-env=A,NOPE /usr/bin/env
check_eq "--whitelist-env: only listed (and set) variables" "0 A=1" "$RC $OUT"
run env -i A=1 B=2 C=3 PATH=/usr/bin:/bin "$NOOK" unshare --whitelist-env=A --whitelist-env=C,PATH /usr/bin/env
check_eq "--whitelist-env repeated" "0|A=1|C=3|PATH=/usr/bin:/bin" "$RC|$(sort <<<"$OUT" | paste -sd'|')"

root_shell=$(getent passwd root | cut -d: -f7)
RUN_STDIN='echo $0' run env -u SHELL "$NOOK" unshare -u
check_eq "no program, no \$SHELL: root's passwd shell, as login shell" "0 -${root_shell##*/}" "$RC $(tail -n1 <<<"$OUT")"
RUN_STDIN='echo $0' run env SHELL=/bin/sh "$NOOK" unshare -u
check_eq "no program: \$SHELL as login shell" "0 -sh" "$RC $OUT"

# ============================================================ nook extensions
run_nook --hostname=nook-host sh -c 'hostname; readlink /proc/self/ns/uts'
check_eq "--hostname=NAME: hostname inside" "0 nook-host" "$RC $(line 1 "$OUT")"
check_new_ns "--hostname implies -u" uts "$(line 2 "$OUT")"
check_eq "--hostname: unchanged outside" "$host_name" "$(hostname)"

touch "$P/dry"
before=$(_leftovers)
run_nook --dry-run --net="$P/dry" -m sh -c "touch '$TMPD/ran'"
check_eq "--dry-run: succeeds, says something" "0 yes" "$RC $([ -n "$OUT$ERR" ] && echo yes)"
check_eq "--dry-run: runs nothing, mounts nothing" "$before" "$(_leftovers)"
check_eq "--dry-run: FILE is not a mount" "" "$(findmnt -n "$P/dry")"
run_nook --dry-run --map-user=1000 --map-users=0:100000:65536 true
check_match "--dry-run: shows the single ID map" '(^|[^0-9])1000 +0 +1([^0-9]|$)' "$OUT$ERR"
check_match "--dry-run: shows the split range (low part)" '(^|[^0-9])0 +100000 +1000([^0-9]|$)' "$OUT$ERR"
check_match "--dry-run: shows the split range (high part)" '(^|[^0-9])1001 +101000 +64535([^0-9]|$)' "$OUT$ERR"

done_testing
