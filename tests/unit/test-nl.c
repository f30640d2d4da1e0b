/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-nl.c - nl_talk() with the kernel, unprivileged: a request whose
 * answer was never read (its recvmsg() failed) leaves the socket usable.
 */
#include <net/if.h>

#include <errno.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include "dlib.h"
#include "nl.h"
#include "tap.h"

/* RTM_GETLINK of lo (ifindex 1 in every namespace) in @buf. */
static struct nlmsghdr *get_lo(char *buf)
{
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi = nl_msg_start(buf, RTM_GETLINK, NLM_F_ACK, sizeof(*ifi), &nlh);

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = 1;
	return nlh;
}

static int count_cb(const struct nlmsghdr *nlh, void *data)
{
	if (nlh->nlmsg_type == RTM_NEWLINK)
		(*(unsigned *)data)++;
	return MNL_CB_OK;
}

TEST(stale_answer_skipped)
{
	struct mnl_socket *nl = NULL;
	struct error e = ERROR_INIT;
	unsigned n = 0;

	if (dlib_load_mnl() < 0 || nl_open_route(&nl) < 0)
		SKIP("no rtnetlink socket");
	{
		NL_BUF(first);
		NL_BUF(second);
		struct nlmsghdr *a = get_lo(first), *b = get_lo(second);

		/* The first answer stays in the socket, as after recvmsg() = -ENOBUFS. */
		ASSERT_EQ(sym_mnl_socket_sendto(nl, a, a->nlmsg_len), (ssize_t)a->nlmsg_len);
		EXPECT_OK(nl_talk(nl, b, count_cb, &n, &e));
		EXPECT_EQ(e.code, 0);
		/* Only the second request's answer reached the callback. */
		EXPECT_EQ(n, 1u);
		/* And the socket goes on working. */
		n = 0;
		EXPECT_OK(nl_talk(nl, get_lo(first), count_cb, &n, NULL));
		EXPECT_EQ(n, 1u);
	}
	nl_close(nl);
}

TAP_MAIN();
