/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-env.c - taking over an environment from /proc/PID/environ contents. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "macro.h"
#include "tap.h"

extern char **environ;

static size_t env_count(void)
{
	size_t n = 0;

	for (char **e = environ; e && *e; e++)
		n++;
	return n;
}

TEST(replace)
{
	char buf[] = "A=1\0B=two words\0C=\0D=x=y";

	ASSERT_OK(setenv("NOOK_GONE", "1", 1));
	ASSERT_OK(env_replace_from_buf(buf, sizeof(buf) - 1));
	EXPECT_EQ(env_count(), 4U);
	EXPECT_STREQ(getenv("A"), "1");
	EXPECT_STREQ(getenv("B"), "two words");
	EXPECT_STREQ(getenv("C"), "");
	EXPECT_STREQ(getenv("D"), "x=y");
	EXPECT_TRUE(getenv("NOOK_GONE") == NULL);
}

TEST(replace_skips_garbage)
{
	/* No '=', an empty name, empty entries: a process may have overwritten its area. */
	char buf[] = "junk\0=nameless\0\0\0OK=1\0";

	ASSERT_OK(env_replace_from_buf(buf, sizeof(buf) - 1));
	EXPECT_EQ(env_count(), 1U);
	EXPECT_STREQ(getenv("OK"), "1");
}

TEST(replace_empty)
{
	char buf[] = "";

	ASSERT_OK(env_replace_from_buf(buf, 0));
	EXPECT_EQ(env_count(), 0U);
}

TAP_MAIN();
