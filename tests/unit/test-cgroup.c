/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-cgroup.c - the v2 line of /proc/PID/cgroup, and finding the v2 hierarchy. */
#include <errno.h>
#include <string.h>

#include "cgroup.h"
#include "macro.h"
#include "tap.h"

TEST(parse_hybrid)
{
	char buf[64];

	/* Hybrid: v1 lines first, the v2 line anywhere. */
	ASSERT_OK(cgroup2_parse_path("12:pids:/user.slice\n1:name=systemd:/x\n0::/my/cg\n", buf,
				     sizeof(buf)));
	EXPECT_STREQ(buf, "/my/cg");
	ASSERT_OK(cgroup2_parse_path("0::/\n", buf, sizeof(buf)));
	EXPECT_STREQ(buf, "/");
	ASSERT_OK(cgroup2_parse_path("0::/last-line-without-newline", buf, sizeof(buf)));
	EXPECT_STREQ(buf, "/last-line-without-newline");
}

TEST(parse_rejects)
{
	char buf[20];

	EXPECT_ERRNO(cgroup2_parse_path("3:cpu:/a\n", buf, sizeof(buf)), -ENOENT);
	EXPECT_ERRNO(cgroup2_parse_path("", buf, sizeof(buf)), -ENOENT);
	EXPECT_ERRNO(cgroup2_parse_path("0::\n", buf, sizeof(buf)), -EINVAL);
	EXPECT_ERRNO(cgroup2_parse_path("0::relative\n", buf, sizeof(buf)), -EINVAL);
	EXPECT_ERRNO(cgroup2_parse_path("0::/a/../../etc\n", buf, sizeof(buf)), -EINVAL);
	EXPECT_ERRNO(cgroup2_parse_path("0::/a/..\n", buf, sizeof(buf)), -EINVAL);
	EXPECT_ERRNO(cgroup2_parse_path("0::/far-too-long-for-the-buffer\n", buf, sizeof(buf)),
		     -ENAMETOOLONG);
}

TEST(find_mount)
{
	char buf[256];
	int r = cgroup2_find_mount(buf, sizeof(buf));

	if (r == -ENOENT)
		SKIP("no cgroup2 hierarchy mounted here");
	ASSERT_OK(r);
	EXPECT_TRUE(buf[0] == '/');
}

TAP_MAIN();
