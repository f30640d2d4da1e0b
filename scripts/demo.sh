#!/bin/bash
# nook's main job for now: a shell isolated by `nook unshare`, in its own PID,
# mount, network, UTS and IPC namespaces. As root it runs as is; as another
# user it adds a user namespace that maps the user to root (-r).
set -euo pipefail
cd "$(dirname "$0")/.."
nook=${NOOK:-build/nook}

opts=(--fork --pid --mount-proc --net --uts --ipc --hostname=nook-demo)
[ "$(id -u)" -eq 0 ] || opts=(--map-root-user "${opts[@]}")

inside='
echo "inside:  hostname $(hostname), my PID $$, $(ls /proc | grep -c "^[0-9]") processes visible"
echo "         network devices: $(ip -o link | cut -d: -f2 | tr -d " " | paste -sd " ")"
ps -o pid,user,comm 2>/dev/null | sed "s/^/         /"
'

echo "outside: hostname $(hostname), my PID $$, $(ls /proc | grep -c '^[0-9]') processes visible"
echo "         network devices: $(ip -o link | cut -d: -f2 | tr -d ' ' | paste -sd ' ')"
echo
echo "\$ nook unshare ${opts[*]} sh"
"$nook" unshare "${opts[@]}" sh -c "$inside"

if [ -t 0 ] && [ -t 1 ]; then
	echo
	echo "Now an interactive shell in the same kind of box (exit to leave):"
	exec "$nook" unshare "${opts[@]}" env PS1='nook-demo# ' sh -i
fi
