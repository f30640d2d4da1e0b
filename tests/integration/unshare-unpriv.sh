#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# unshare-unpriv.sh - integration tests for "nook unshare" run by an
# unprivileged user (nook-test, with subordinate IDs $SUBID_START:$SUBID_COUNT
# in /etc/subuid and /etc/subgid).  The script itself runs as root, to create
# that user; every nook command runs as the user through as_user.
#
#   prove -v tests/integration/unshare-unpriv.sh

# shellcheck source=tests/integration/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

skip_unless_root
require_nook
setup_test_user || skip_all "cannot create the user $TEST_USER"
userns_works || skip_all "unprivileged user namespaces are disabled"
as_user test -x "$NOOK" || skip_all "$TEST_USER cannot run $NOOK"
command -v newuidmap >/dev/null || skip_all "newuidmap missing (package uidmap)"

U=$TEST_UID
G=$TEST_GID
S=$SUBID_START
N=$SUBID_COUNT
UT=$USER_TMPD

# user_nook ARGS... - "nook unshare ARGS..." as nook-test
user_nook()
{
	run as_user "$NOOK" unshare "$@"
}

# as_user_sh SCRIPT - a shell command as nook-test (files it makes are its own)
as_user_sh()
{
	as_user sh -c "$1"
}

maps='cat /proc/self/uid_map; echo --; cat /proc/self/gid_map; echo --; id -u'

# ============================================================ util-linux parity
compare_ul --as-user "-U id -u" -U id -u
compare_ul --as-user "-r id" -r id
compare_ul --as-user "-r uid_map" -r cat /proc/self/uid_map
compare_ul --as-user "-r gid_map" -r cat /proc/self/gid_map
compare_ul --as-user "-r: setgroups denied" -r cat /proc/self/setgroups
compare_ul --as-user "-c id -u" -c id -u
compare_ul --as-user "-c uid_map" -c cat /proc/self/uid_map
compare_ul --as-user "--map-user=0 --map-group=0" --map-user=0 --map-group=0 sh -c "$maps"
compare_ul --as-user "--map-user/--map-group by name" --map-user=root --map-group=root id
compare_ul --as-user "-n without -U: no privilege" -n true
compare_ul --as-user "-m without -U: no privilege" -m true
compare_ul --as-user "-r -n ip -o link" -r -n ip -o link
compare_ul --as-user "-r -u hostname" -r -u sh -c 'hostname nook-u; hostname'
compare_ul --as-user "-r -p -f --mount-proc" -r -p -f --mount-proc sh -c 'echo $$; cat /proc/1/comm'
as_user mkdir -p "$UT/m"
compare_ul --as-user "-r -m: mount inside" -r -m sh -c "mount -t tmpfs nook-u '$UT/m' && findmnt -n -o FSTYPE,SOURCE '$UT/m'"
compare_ul --as-user "--map-auto" --map-auto sh -c "$maps"
compare_ul --as-user "--map-users=auto --map-groups=auto" --map-users=auto --map-groups=auto sh -c "$maps"
compare_ul --as-user "--map-users OUTER,INNER,COUNT" --map-users="$S,0,1000" --map-groups="$S,0,1000" sh -c "$maps"
compare_ul --as-user "--map-auto -S -G" --map-auto -S 1000 -G 1000 sh -c 'id -u; id -g; id -G'
compare_ul --as-user "--keep-caps" -r --keep-caps grep CapAmb /proc/self/status
compare_ul --as-user "no --keep-caps" -r grep CapAmb /proc/self/status
user_nook -r --keep-caps grep CapAmb /proc/self/status
check_match "--keep-caps: ambient capabilities raised" '^CapAmb:[[:space:]]+0*[1-9a-f][0-9a-f]*$' "$OUT"
compare_ul --as-user "-U --setgroups=deny" -U --setgroups=deny cat /proc/self/setgroups
compare_ul --as-user "-U --setgroups=allow" -U --setgroups=allow cat /proc/self/setgroups
compare_ul --as-user "map outside the subordinate IDs: newuidmap refuses" --map-users=100000,0,10 true
as_user touch "$UT/netns"
compare_ul --as-user "-r --net=FILE: no privilege to mount" -r --net="$UT/netns" true
compare_ul --as-user "exit status" -r sh -c 'exit 42'
compare_ul --as-user "-f re-raises SIGTERM" -r -f sh -c 'kill -TERM $$'
RUN_STDIN='echo $0' compare_ul --as-user "no program: login shell" -r

# ============================================================ bad input
check_err --as-user "-n without -U" 1 "unshare failed: Operation not permitted" -n true
check_err --as-user "--owner needs privilege" 1 "setgroups failed: Operation not permitted" \
	--owner=0:0 true
check_eq "-r --net=FILE: FILE is not a mount" "" "$(findmnt -n "$UT/netns")"

# ============================================================ namespaces
user_nook -r readlink /proc/self/ns/user
check_new_ns "-r: new user namespace" user "$OUT"
user_nook -r -C readlink /proc/self/ns/cgroup
check_new_ns "-r -C: new cgroup namespace" cgroup "$OUT"
user_nook -r -i sh -c 'ipcmk -Q >/dev/null && ipcs -q | grep -c "^0x"; readlink /proc/self/ns/ipc'
check_eq "-r -i: only the new queue inside" "0 1" "$RC $(line 1 "$OUT")"
check_new_ns "-r -i: new IPC namespace" ipc "$(line 2 "$OUT")"

u0=$(cut -d' ' -f1 /proc/uptime)
user_nook -r -T -f --boottime 86400 cut -d' ' -f1 /proc/uptime
u1=$(cut -d' ' -f1 /proc/uptime)
if [ "$RC" = 0 ] && awk -v a="$u0" -v b="$u1" -v x="$OUT" 'BEGIN { exit !(x >= a + 86400 && x <= b + 86400) }'; then
	pass "-r -T -f --boottime 86400: uptime inside is a day ahead"
else
	fail "-r -T -f --boottime 86400: uptime inside is a day ahead" "rc=$RC outside $u0..$u1 inside '$OUT'" "$ERR"
fi

# ============================================================ ID maps (newuidmap)
user_nook --map-subids sh -c "$maps"
check_eq "--map-subids: identity map of the subordinate IDs" "0|$S $S $N|--|$S $S $N|--|65534" \
	"$RC|$(squeeze <<<"$OUT" | paste -sd'|')"
user_nook --map-users=subids --map-groups=subids sh -c "$maps"
check_eq "--map-users=subids --map-groups=subids" "0|$S $S $N|--|$S $S $N|--|65534" \
	"$RC|$(squeeze <<<"$OUT" | paste -sd'|')"
user_nook --map-users="0:$S:1000" --map-groups="0:$S:1000" sh -c "$maps"
check_eq "--map-users INNER:OUTER:COUNT" "0|0 $S 1000|--|0 $S 1000|--|65534" \
	"$RC|$(squeeze <<<"$OUT" | paste -sd'|')"
user_nook --map-users="0:$S:100" --map-users="100:$((S + 500)):100" --map-groups="0:$S:200" \
	cat /proc/self/uid_map
check_eq "--map-users repeated: ranges accumulate" "0|0 $S 100|100 $((S + 500)) 100" \
	"$RC|$(squeeze <<<"$OUT" | sort -n | paste -sd'|')"
user_nook -r --map-users="1:$S:65535" --map-groups="1:$S:65535" sh -c "$maps"
check_eq "-r with --map-users: own ID as root, the rest from subordinate IDs" \
	"0|0 $U 1|1 $S 65535|--|0 $G 1|1 $S 65535|--|0" "$RC|$(squeeze <<<"$OUT" | paste -sd'|')"

# ============================================================ binfmt, pivot-root
if ! awk -F. '{ exit !($1 > 6 || ($1 == 6 && $2 >= 7)) }' <<<"$(uname -r)"; then
	skip "--load-interp" "binfmt_misc in a user namespace needs Linux 6.7"
else
	as_user_sh "printf 'echo interp-ran\n' >'$UT/x.nooktst' && chmod 755 '$UT/x.nooktst'"
	user_nook -r -p -f --load-interp=':nooktest:E::nooktst::/bin/sh:' \
		sh -c "head -1 /proc/sys/fs/binfmt_misc/nooktest; '$UT/x.nooktst'"
	check_eq "--load-interp: registered and used, unprivileged" "0|enabled|interp-ran" \
		"$RC|$(paste -sd'|' <<<"$OUT")"
	as_user mkdir -p "$UT/bfm"
	user_nook --mount-binfmt="$UT/bfm" sh -c "findmnt -n -o FSTYPE '$UT/bfm'"
	check_eq "--mount-binfmt=DIR: implies -U, mounts binfmt_misc" "0 binfmt_misc" "$RC $OUT"
fi

R=$UT/rootfs
make_rootfs "$R" && chown -R "$U:$G" "$R"
user_nook -r -m -R "$R" /bin/unshare -U /bin/true
check_eq "-r -m -R: no nested user namespace in a chroot (kernel rule): busybox's unshare says EPERM" \
	"1|unshare: unshare(0x10000000): Operation not permitted" "$RC|$OUT$ERR"
compare_ul --as-user "-r -m -R DIR, a nested unshare -U refused" -r -m -R "$R" /bin/unshare -U /bin/true
user_nook -r -m --pivot-root="$R" /bin/sh -c 'cat /marker; pwd; /bin/unshare -U /bin/true && echo nested-ok'
check_eq "--pivot-root: / is DIR, nested unshare -U works" "0|nook-rootfs|/|nested-ok" \
	"$RC|$(paste -sd'|' <<<"$OUT")"

# ============================================================ nook extensions
user_nook -r --hostname=nook-uh sh -c 'hostname; readlink /proc/self/ns/uts'
check_eq "-r --hostname=NAME" "0 nook-uh" "$RC $(line 1 "$OUT")"
check_new_ns "--hostname implies -u" uts "$(line 2 "$OUT")"

user_nook -r --dry-run true
check_eq "-r --dry-run: succeeds" "0" "$RC"
check_match "-r --dry-run: shows the uid_map line" "(^|[^0-9])0 +$U +1([^0-9]|$)" "$OUT$ERR"
check_match "-r --dry-run: shows the gid_map line" "(^|[^0-9])0 +$G +1([^0-9]|$)" "$OUT$ERR"
user_nook --map-auto --dry-run true
check_match "--map-auto --dry-run: shows the subordinate range" "(^|[^0-9])0 +$S +$N([^0-9]|$)" "$OUT$ERR"
user_nook -r --dry-run sh -c "touch '$UT/ran'"
check_eq "--dry-run: runs nothing" "0 no" "$RC $(test -e "$UT/ran" && echo yes || echo no)"

done_testing
