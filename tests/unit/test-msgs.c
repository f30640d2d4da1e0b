/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-msgs.c - struct nl_msgs: copies kept in order, padded, freed and reusable. */
#include <linux/netlink.h>
#include <stdint.h>
#include <string.h>

#include "macro.h"
#include "msgs.h"
#include "tap.h"

/* A message of @len bytes (header included) whose payload bytes are @fill. */
static struct nlmsghdr *msg(char *buf, uint32_t len, uint16_t type, char fill)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(void *)buf;

	memset(buf, fill, len);
	nlh->nlmsg_len = len;
	nlh->nlmsg_type = type;
	return nlh;
}

TEST(copies_in_order)
{
	struct nl_msgs m = { 0 };
	char buf[256] __attribute__((aligned(8)));

	for (uint16_t i = 0; i < 100; i++)
		ASSERT_OK(nl_msgs_push(&m, msg(buf, sizeof(struct nlmsghdr) + i, i, (char)i)));
	ASSERT_EQ(m.n, 100);
	EXPECT_TRUE(m.allocated >= m.n);
	/* the source is reused: each entry is a copy of its own */
	for (uint16_t i = 0; i < 100; i++) {
		const struct nlmsghdr *h = m.v[i];
		const unsigned char *p = (const unsigned char *)(h + 1);

		ASSERT_EQ(h->nlmsg_type, i);
		ASSERT_EQ(h->nlmsg_len, sizeof(struct nlmsghdr) + i);
		for (unsigned j = 0; j < i; j++)
			ASSERT_EQ(p[j], (unsigned char)i);
		/* zeroed up to the aligned end */
		for (unsigned j = i; j < NLMSG_ALIGN(i); j++)
			ASSERT_EQ(p[j], 0);
	}
	nl_msgs_free(&m);
	EXPECT_EQ(m.n, 0);
	EXPECT_TRUE(m.v == NULL);
	EXPECT_EQ(m.allocated, 0);
}

TEST(reusable_after_free)
{
	struct nl_msgs m = { 0 };
	char buf[64] __attribute__((aligned(8)));

	nl_msgs_free(&m); /* an empty vector frees nothing */
	ASSERT_OK(nl_msgs_push(&m, msg(buf, 20, 1, 'a')));
	nl_msgs_free(&m);
	ASSERT_OK(nl_msgs_push(&m, msg(buf, 24, 2, 'b')));
	ASSERT_EQ(m.n, 1);
	EXPECT_EQ(m.v[0]->nlmsg_type, 2);
	nl_msgs_free(&m);
}

TAP_MAIN();
