#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# main.sh - nook's dispatcher (src/main.c, src/verb.h): the two verb tables
# (nook's own words and the OCI runtime's), chosen by argv[0] or by
# "nook runtime"; multi-call links; help and version; ip's global options
# before a command that takes none, or before no command at all.

# shellcheck source=tests/integration/lib.sh
. "$(dirname "$0")/lib.sh"

BUILD=$(dirname "$NOOK")
RUNTIME_LINK=$BUILD/nook-runtime

# out3 CMD... - "rc=N", stdout and stderr of CMD, for one comparison
out3()
{
	run "$@"
	printf 'rc=%s\n-- stdout:\n%s\n-- stderr:\n%s' "$RC" "$OUT" "$ERR"
}

# ------------------------------------------------------------ nook's table

run "$NOOK" help
check_eq "nook help: exit 0, nothing on stderr" "0|" "$RC|$ERR"
for verb in unshare nsenter enter lsns netns link addr route neigh bridge runtime help version; do
	check_match "nook help lists $verb" "^ $verb +[A-Za-z]" "$OUT"
done

run "$NOOK"
check_eq "nook without a command: usage on stderr, exit 1" "1|" "$RC|$OUT"
check_match "nook without a command: the usage names the commands" "^ unshare " "$ERR"

check_eq "unknown command: one line, exit 1" \
	"$(printf 'rc=1\n-- stdout:\n\n-- stderr:\nnook: unknown command %s\nTry %s for more information.' "'bogus'" "'nook help'")" \
	"$(out3 "$NOOK" bogus)"

run "$NOOK" --version
check_eq "nook --version" "0|nook 0.1.0" "$RC|$OUT"

# ------------------------------------------------------------ ip's global options

# ip -j alone prints its usage to stderr and exits 255; nook does the same
# with its own objects.
run "$NOOK" -j
check_eq "nook -j without a command: exit 255, nothing on stdout" "255|" "$RC|$OUT"
check_match "nook -j without a command: ip-style usage naming nook's objects" \
	'^where  OBJECT := \{ address \| bridge \| help \| link \| neighbor \| neighbour \|$' "$ERR"
run ip -j
check_eq "ip -j without a command exits 255 too" "255" "$RC"

# ip -j bogus: 'Object "bogus" is unknown, try "ip help".', exit 1
run ip -j bogus
want=${ERR//ip help/nook help}
check_eq "nook -j bogus: ip's line for an unknown object, exit 1" \
	"rc=1|$want" "$(out3 "$NOOK" -j bogus | sed -n '1p;$p' | paste -sd'|')"
check_eq "nook -j bogus: exactly that line" "Object \"bogus\" is unknown, try \"nook help\"." \
	"$(out3 "$NOOK" -j bogus | sed -n '$p')"

check_eq "ip options before a command that takes none: exit 255" \
	"$(printf 'rc=255\n-- stdout:\n\n-- stderr:\nnook: %s takes no ip options\nTry %s for more information.' "'unshare'" "'nook help'")" \
	"$(out3 "$NOOK" -j unshare)"

# ------------------------------------------------------------ the runtime's table

ok "build/ has the nook-runtime link" test -L "$RUNTIME_LINK"

for how in link word; do
	if [ $how = link ]; then
		rt=("$RUNTIME_LINK")
	else
		rt=("$NOOK" runtime)
	fi
	run "${rt[@]}" help
	check_eq "$how: help exits 0, nothing on stderr" "0|" "$RC|$ERR"
	check_match "$how: help is the runtime's own table" "^ help +list the commands" "$OUT"
	check_match "$how: help names both ways in" "^ nook runtime \\[global options\\] <command>" "$OUT"
	# nook's table is not the runtime's: 'unshare' is no runtime command.
	check_eq "$how: a verb of nook's table is unknown to the runtime, exit 1" \
		"$(printf "rc=1\n-- stdout:\n\n-- stderr:\nnook-runtime: unknown command 'unshare'\nTry 'nook-runtime --help' for more information.")" \
		"$(out3 "${rt[@]}" unshare)"
	# min/max arguments from the table, in runc's words
	check_eq "$how: too many arguments, in runc's words, exit 1" \
		"$(printf 'rc=1\n-- stdout:\n\n-- stderr:\nnook-runtime: "help" requires a maximum of 1 argument(s)')" \
		"$(out3 "${rt[@]}" help a b)"
	run "${rt[@]}"
	check_eq "$how: no command: usage on stderr, exit 1" "1|" "$RC|$OUT"
	check_match "$how: no command: the usage lists the runtime's commands" "^ help " "$ERR"
	run "${rt[@]}" --version
	check_eq "$how: --version" "0|nook-runtime version 0.1.0" "$RC|$OUT"
done

# Global options before the verb, as runc and crun take them.
check_eq "runtime: an unknown global option, exit 1" \
	"$(printf "rc=1\n-- stdout:\n\n-- stderr:\nnook-runtime: unknown global option '--foo'\nTry 'nook-runtime --help' for more information.")" \
	"$(out3 "$RUNTIME_LINK" --foo help)"
check_eq "runtime: a bad --log-format, exit 1" \
	"$(printf "rc=1\n-- stdout:\n\n-- stderr:\nnook-runtime: invalid --log-format 'xml'\nTry 'nook-runtime --help' for more information.")" \
	"$(out3 "$RUNTIME_LINK" --log-format xml help)"
run "$RUNTIME_LINK" --root "$TMPD/rt" --log "$TMPD/rt.log" --log-format json --debug \
	--cgroup-manager systemd --systemd-cgroup --rootless auto help
check_eq "runtime: every global option taken before the verb" "0|" "$RC|$ERR"
# containerd's shim and dockerd read errors only from the --log file, as JSON lines.
run "$RUNTIME_LINK" --log "$TMPD/rt.log" --log-format json bogus
check_eq "runtime: an error goes to stderr, exit 1" "1|nook-runtime: unknown command 'bogus'" \
	"$RC|$(head -n1 <<<"$ERR")"
check_match "runtime: and into the --log file as a JSON line" \
	'^\{"level":"error","msg":"unknown command '"'"'bogus'"'"'","time":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z"\}$' \
	"$(cat "$TMPD/rt.log")"
ok "runtime: that line is valid JSON" python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$TMPD/rt.log"
run "$RUNTIME_LINK" --log "$TMPD/rt.txt" bogus
check_match "runtime: --log-format text (the default) writes logfmt lines" \
	'^time="[^"]+" level=error msg="unknown command '"'"'bogus'"'"'"$' "$(cat "$TMPD/rt.txt")"

# The runtime's words do not reach nook's table either.
check_eq "nook's table has no 'create'" \
	"$(printf "rc=1\n-- stdout:\n\n-- stderr:\nnook: unknown command 'create'\nTry 'nook help' for more information.")" \
	"$(out3 "$NOOK" create x)"

# ------------------------------------------------------------ multi-call links

for tool in unshare nsenter lsns; do
	run "$BUILD/$tool" --version
	check_eq "link $tool runs as $tool" "0|$tool from nook 0.1.0" "$RC|$OUT"
done
# A link named after a verb that is not multi-call is plain nook.
ln -s "$NOOK" "$TMPD/netns"
run "$TMPD/netns" --version
check_eq "a link named netns is plain nook" "0|nook 0.1.0" "$RC|$OUT"

done_testing
