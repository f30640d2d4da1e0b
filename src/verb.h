/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * verb.h - nook's verb tables.
 *
 * nook speaks several languages, and two of them use the same words for
 * different things: runc's "run", "exec", "ps" and "kill" take a bundle and a
 * container ID, docker's take an image or a container name.  So there are two
 * tables (src/main.c): nook's own (util-linux's and iproute2's tools, and
 * later docker's words for people) and the OCI runtime's (runc's words), which
 * argv[0] chooses: "nook-runtime VERB" or "nook runtime VERB".  A link named
 * after a util-linux tool ("unshare") runs that verb of nook's table.
 */
#pragma once

#include <stdbool.h>

/* No bound on the number of arguments. */
#define VERB_ANY (-1)

enum {
	VERB_MULTICALL = 1 << 0, /* also runs as a link named after it ("unshare") */
	VERB_IP = 1 << 1,	 /* speaks iproute2: takes ip's global options (src/ip/ip.h) */
};

struct verb {
	const char *name;
	/*
	 * How many arguments the verb takes after its options: checked by the
	 * verb itself with verb_check_args() once its options are parsed (only
	 * the verb knows which words are options).  VERB_ANY for verbs whose
	 * peer words its own count errors (util-linux and iproute2 do).
	 */
	int min_args, max_args;
	int (*fn)(int argc, char *argv[]);
	unsigned flags; /* VERB_* */
	const char *summary;
};

/* The verb being run, set by the dispatcher. */
const struct verb *verb_current(void);
int verb_check_args(int n);
