/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * msgs.h - a vector of netlink messages: answers of a dump kept, each in its
 * own copy, to be looked at or sent back once the dump is over (the flushes
 * of addresses, routes and neighbours delete what a dump found; a request
 * sent while the dump is still being read would be answered in its middle).
 *
 *	struct nl_msgs m = { 0 };
 *
 *	r = nl_msgs_push(&m, nlh);	(in the dump's callback)
 *	for (size_t i = 0; i < m.n; i++)
 *		... m.v[i] ...
 *	nl_msgs_free(&m);
 */
#pragma once

#include <linux/netlink.h>
#include <stddef.h>

struct nl_msgs {
	struct nlmsghdr **v; /* the copies */
	size_t n;	     /* how many */
	size_t allocated;    /* room in v, for GREEDY_REALLOC */
};

int nl_msgs_push(struct nl_msgs *m, const struct nlmsghdr *nlh);
void nl_msgs_free(struct nl_msgs *m);
