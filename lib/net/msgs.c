/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc-util.h"
#include "msgs.h"

/**
 * nl_msgs_push() - keep a copy of a message at the end of @m
 * @m: the vector
 * @nlh: the message; nlmsg_len bytes of it are copied
 *
 * The copy runs to the aligned end of the message, zeroed past nlmsg_len:
 * libmnl lets the last attribute reach that far, and a copy sent back as a
 * request has a whole message.
 *
 * Return: 0, or -ENOMEM (then @m is as it was).
 */
int nl_msgs_push(struct nl_msgs *m, const struct nlmsghdr *nlh)
{
	struct nlmsghdr *copy;

	if (GREEDY_REALLOC(m->v, m->allocated, m->n + 1) < 0)
		return -ENOMEM;
	copy = calloc(1, NLMSG_ALIGN(nlh->nlmsg_len));
	if (!copy)
		return -ENOMEM;
	memcpy(copy, nlh, nlh->nlmsg_len);
	m->v[m->n++] = copy;
	return 0;
}

/**
 * nl_msgs_free() - free every copy and the vector; @m is then empty and may be reused
 * @m: the vector
 */
void nl_msgs_free(struct nl_msgs *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i]);
	free(m->v);
	*m = (struct nl_msgs){ 0 };
}
