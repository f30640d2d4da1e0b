/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-procfs.c - /proc/PID/stat parsing and finding processes by name. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "macro.h"
#include "procfs.h"
#include "tap.h"

TEST(parse_stat_plain)
{
	struct proc_stat st;

	ASSERT_OK(procfs_parse_stat("4242 (sleep) S 17 4242 4242 34816 4242 4194304 100 0 0 0 "
				    "0 0 0 0 20 0 1 0 123456 8740864 222 18446744073709551615",
				    &st));
	EXPECT_EQ(st.pid, 4242);
	EXPECT_EQ(st.ppid, 17);
	EXPECT_EQ(st.state, 'S');
	EXPECT_EQ(st.flags, 4194304UL);
	EXPECT_EQ(st.starttime, 123456ULL);
	EXPECT_STREQ(st.comm, "sleep");
	EXPECT_FALSE(procfs_is_kthread(&st));
}

TEST(parse_stat_hostile_comm)
{
	struct proc_stat st;

	/* A program may call itself anything, ") R 1 (" included: the comm ends at the last ')'. */
	ASSERT_OK(procfs_parse_stat("7 (a) R 1 (b) S 2 7 7 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 "
				    "99 0 0",
				    &st));
	EXPECT_STREQ(st.comm, "a) R 1 (b");
	EXPECT_EQ(st.ppid, 2);
	EXPECT_EQ(st.starttime, 99ULL);
	EXPECT_TRUE(procfs_is_kthread(&st));
}

TEST(parse_stat_rejects)
{
	struct proc_stat st;

	EXPECT_ERRNO(procfs_parse_stat("", &st), -EINVAL);
	EXPECT_ERRNO(procfs_parse_stat("12 sleep S 1", &st), -EINVAL);
	EXPECT_ERRNO(procfs_parse_stat("12 (sleep)", &st), -EINVAL);
	EXPECT_ERRNO(procfs_parse_stat("12 (sleep) S 1 2 3", &st), -EINVAL);
	EXPECT_ERRNO(procfs_parse_stat("x (sleep) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 "
				       "19 20",
				       &st),
		     -EINVAL);
	EXPECT_ERRNO(procfs_parse_stat("0 (sleep) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 "
				       "19 20",
				       &st),
		     -EINVAL);
	EXPECT_ERRNO(
		procfs_parse_stat("5 (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 zz", &st),
		-EINVAL);
}

TEST(read_stat_self)
{
	struct proc_stat st;

	ASSERT_OK(procfs_read_stat(getpid(), &st));
	EXPECT_EQ(st.pid, getpid());
	EXPECT_EQ(st.ppid, getppid());
	EXPECT_FALSE(procfs_is_kthread(&st));
	EXPECT_ERRNO(procfs_read_stat(0x3fffffff, &st), -ENOENT);
}

TEST(find_by_name)
{
	_cleanup_free_ struct proc_stat *v = NULL;
	char name[16];
	size_t n = 99;
	bool found = false;

	/* A name nobody else has: ours, for this test. */
	(void)snprintf(name, sizeof(name), "nk%d", (int)getpid() % 1000000);
	ASSERT_OK(prctl(PR_SET_NAME, name));
	ASSERT_OK(procfs_find_by_name(name, false, &v, &n));
	ASSERT_EQ(n, 1U);
	EXPECT_EQ(v[0].pid, getpid());
	v = x_free(v);

	/* A prefix matches only as a substring. */
	name[strlen(name) - 1] = '\0';
	ASSERT_OK(procfs_find_by_name(name, false, &v, &n));
	for (size_t i = 0; i < n; i++)
		found = found || v[i].pid == getpid();
	EXPECT_FALSE(found);
	v = x_free(v);
	ASSERT_OK(procfs_find_by_name(name, true, &v, &n));
	for (size_t i = 0; i < n; i++)
		found = found || v[i].pid == getpid();
	EXPECT_TRUE(found);
}

TEST(name_matches_long_names)
{
	/* comm keeps 15 bytes; a longer name needs argv[0] to confirm it. */
	EXPECT_TRUE(procfs_name_matches(1, "webshop", "webshop", false));
	EXPECT_FALSE(procfs_name_matches(1, "webshop", "websho", false));
	EXPECT_TRUE(procfs_name_matches(1, "webshop", "websho", true));
	EXPECT_FALSE(
		procfs_name_matches(0x3fffffff, "a-very-long-ser", "a-very-long-service", false));
}

TAP_MAIN();
