/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-parse.c - the checked number, signal and user/group parsers. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>

#include "macro.h"
#include "parse-util.h"
#include "tap.h"

TEST(u32)
{
	uint32_t v;

	ASSERT_OK(parse_u32("0", &v));
	EXPECT_EQ(v, 0);
	ASSERT_OK(parse_u32("4294967295", &v));
	EXPECT_EQ(v, UINT32_MAX);
	ASSERT_OK(parse_u32("007", &v));
	EXPECT_EQ(v, 7);
	EXPECT_ERRNO(parse_u32("4294967296", &v), -ERANGE);
	EXPECT_ERRNO(parse_u32("18446744073709551616", &v), -ERANGE);
	EXPECT_ERRNO(parse_u32("", &v), -EINVAL);
	EXPECT_ERRNO(parse_u32(NULL, &v), -EINVAL);
	EXPECT_ERRNO(parse_u32("-1", &v), -EINVAL);
	EXPECT_ERRNO(parse_u32("+1", &v), -EINVAL);
	EXPECT_ERRNO(parse_u32(" 1", &v), -EINVAL);
	EXPECT_ERRNO(parse_u32("1 ", &v), -EINVAL);
	EXPECT_ERRNO(parse_u32("1x", &v), -EINVAL);
	EXPECT_ERRNO(parse_u32("0x10", &v), -EINVAL);
	EXPECT_ERRNO(parse_u32("1e3", &v), -EINVAL);
}

TEST(u64)
{
	uint64_t v;

	ASSERT_OK(parse_u64("18446744073709551615", &v));
	EXPECT_EQ(v, UINT64_MAX);
	ASSERT_OK(parse_u64("4294967296", &v));
	EXPECT_EQ(v, 4294967296ull);
	EXPECT_ERRNO(parse_u64("18446744073709551616", &v), -ERANGE);
	/* strtoull() takes "-1" as UINT64_MAX; we do not. */
	EXPECT_ERRNO(parse_u64("-1", &v), -EINVAL);
	EXPECT_ERRNO(parse_u64("", &v), -EINVAL);
	EXPECT_ERRNO(parse_u64("\t1", &v), -EINVAL);
	EXPECT_ERRNO(parse_u64("1\n", &v), -EINVAL);
}

TEST(i64)
{
	int64_t v;

	ASSERT_OK(parse_i64("-9223372036854775808", &v));
	EXPECT_EQ(v, INT64_MIN);
	ASSERT_OK(parse_i64("9223372036854775807", &v));
	EXPECT_EQ(v, INT64_MAX);
	ASSERT_OK(parse_i64("+5", &v));
	EXPECT_EQ(v, 5);
	ASSERT_OK(parse_i64("-0", &v));
	EXPECT_EQ(v, 0);
	EXPECT_ERRNO(parse_i64("9223372036854775808", &v), -ERANGE);
	EXPECT_ERRNO(parse_i64("-9223372036854775809", &v), -ERANGE);
	EXPECT_ERRNO(parse_i64("", &v), -EINVAL);
	EXPECT_ERRNO(parse_i64(NULL, &v), -EINVAL);
	EXPECT_ERRNO(parse_i64("-", &v), -EINVAL);
	EXPECT_ERRNO(parse_i64("--5", &v), -EINVAL);
	EXPECT_ERRNO(parse_i64("+-5", &v), -EINVAL);
	EXPECT_ERRNO(parse_i64(" -5", &v), -EINVAL);
	EXPECT_ERRNO(parse_i64("- 5", &v), -EINVAL);
	EXPECT_ERRNO(parse_i64("-5 ", &v), -EINVAL);
	EXPECT_ERRNO(parse_i64("5s", &v), -EINVAL);
}

TEST(pid)
{
	pid_t v;

	ASSERT_OK(parse_pid("1", &v));
	EXPECT_EQ(v, 1);
	ASSERT_OK(parse_pid("2147483647", &v));
	EXPECT_EQ(v, INT_MAX);
	EXPECT_ERRNO(parse_pid("2147483648", &v), -ERANGE);
	EXPECT_ERRNO(parse_pid("0", &v), -EINVAL);
	EXPECT_ERRNO(parse_pid("-1", &v), -EINVAL);
	EXPECT_ERRNO(parse_pid("", &v), -EINVAL);
	EXPECT_ERRNO(parse_pid("12 ", &v), -EINVAL);
	EXPECT_ERRNO(parse_pid("self", &v), -EINVAL);
}

TEST(signal_names)
{
	EXPECT_EQ(parse_signal("KILL"), SIGKILL);
	EXPECT_EQ(parse_signal("SIGKILL"), SIGKILL);
	EXPECT_EQ(parse_signal("kill"), SIGKILL);
	EXPECT_EQ(parse_signal("sigKill"), SIGKILL);
	EXPECT_EQ(parse_signal("TERM"), SIGTERM);
	EXPECT_EQ(parse_signal("CLD"), SIGCHLD);
	EXPECT_EQ(parse_signal("IOT"), SIGABRT);
	EXPECT_ERRNO(parse_signal("SIGFOO"), -EINVAL);
	EXPECT_ERRNO(parse_signal("SIG"), -EINVAL);
	EXPECT_ERRNO(parse_signal("SIGSIGKILL"), -EINVAL);
	EXPECT_ERRNO(parse_signal(" KILL"), -EINVAL);
	EXPECT_ERRNO(parse_signal("KILL "), -EINVAL);
	EXPECT_ERRNO(parse_signal(""), -EINVAL);
	EXPECT_ERRNO(parse_signal(NULL), -EINVAL);
}

TEST(signal_numbers)
{
	EXPECT_EQ(parse_signal("9"), 9);
	EXPECT_EQ(parse_signal("1"), 1);
	EXPECT_EQ(parse_signal("64"), 64);
	EXPECT_ERRNO(parse_signal("0"), -EINVAL);
	EXPECT_ERRNO(parse_signal("65"), -EINVAL);
	EXPECT_ERRNO(parse_signal("4294967305"), -EINVAL);
	EXPECT_ERRNO(parse_signal("9x"), -EINVAL);
	EXPECT_ERRNO(parse_signal("-9"), -EINVAL);
	EXPECT_ERRNO(parse_signal("SIG9"), -EINVAL);
}

TEST(signal_realtime)
{
	EXPECT_EQ(parse_signal("RTMIN"), SIGRTMIN);
	EXPECT_EQ(parse_signal("SIGRTMIN"), SIGRTMIN);
	EXPECT_EQ(parse_signal("rtmin"), SIGRTMIN);
	EXPECT_EQ(parse_signal("RTMIN+2"), SIGRTMIN + 2);
	EXPECT_EQ(parse_signal("RTMAX"), SIGRTMAX);
	EXPECT_EQ(parse_signal("SIGRTMAX-1"), SIGRTMAX - 1);
	EXPECT_EQ(parse_signal("RTMIN+0"), SIGRTMIN);
	/* The whole real-time range from either end, and no further. */
	EXPECT_EQ(parse_signal("RTMIN+30"), SIGRTMAX);
	EXPECT_EQ(parse_signal("RTMAX-30"), SIGRTMIN);
	EXPECT_ERRNO(parse_signal("RTMIN+31"), -EINVAL);
	EXPECT_ERRNO(parse_signal("RTMAX-31"), -EINVAL);
	EXPECT_ERRNO(parse_signal("RTMIN+99"), -EINVAL);
	EXPECT_ERRNO(parse_signal("RTMIN-1"), -EINVAL);
	EXPECT_ERRNO(parse_signal("RTMAX+1"), -EINVAL);
	EXPECT_ERRNO(parse_signal("RTMIN+"), -EINVAL);
	EXPECT_ERRNO(parse_signal("RTMIN+-1"), -EINVAL);
	EXPECT_ERRNO(parse_signal("RTMIN+1x"), -EINVAL);
	EXPECT_ERRNO(parse_signal("RTMINX"), -EINVAL);
}

TEST(signal_name_lookup)
{
	EXPECT_STREQ(signal_name(SIGTERM), "TERM");
	EXPECT_STREQ(signal_name(SIGKILL), "KILL");
	/* Aliases give the first name: SIGIOT is SIGABRT, SIGCLD is SIGCHLD. */
	EXPECT_STREQ(signal_name(SIGABRT), "ABRT");
	EXPECT_STREQ(signal_name(SIGCHLD), "CHLD");
	EXPECT_TRUE(signal_name(0) == NULL);
	EXPECT_TRUE(signal_name(SIGRTMIN) == NULL);
	EXPECT_TRUE(signal_name(-1) == NULL);
	EXPECT_TRUE(signal_name(NSIG) == NULL);
}

TEST(signal_round_trip)
{
	for (int sig = 1; sig < SIGRTMIN; sig++) {
		const char *name = signal_name(sig);

		if (!name)
			continue;
		if (parse_signal(name) != sig)
			TH_LOG("signal %d, \"%s\"", sig, name);
		EXPECT_EQ(parse_signal(name), sig);
	}
}

TEST(uid_or_name)
{
	uid_t uid;

	ASSERT_OK(parse_uid_or_name("0", &uid));
	EXPECT_EQ(uid, 0);
	ASSERT_OK(parse_uid_or_name("4294967294", &uid));
	EXPECT_EQ(uid, 4294967294u);
	ASSERT_OK(parse_uid_or_name("root", &uid));
	EXPECT_EQ(uid, 0);
	EXPECT_ERRNO(parse_uid_or_name("nonexistent-user-xyz", &uid), -ENOENT);
	/* (uid_t)-1 means "no change" to the kernel, never a user. */
	EXPECT_ERRNO(parse_uid_or_name("4294967295", &uid), -ENOENT);
	EXPECT_ERRNO(parse_uid_or_name("", &uid), -EINVAL);
	EXPECT_ERRNO(parse_uid_or_name(NULL, &uid), -EINVAL);
}

TEST(gid_or_name)
{
	gid_t gid;

	ASSERT_OK(parse_gid_or_name("0", &gid));
	EXPECT_EQ(gid, 0);
	ASSERT_OK(parse_gid_or_name("100", &gid));
	EXPECT_EQ(gid, 100);
	ASSERT_OK(parse_gid_or_name("root", &gid));
	EXPECT_EQ(gid, 0);
	EXPECT_ERRNO(parse_gid_or_name("nonexistent-group-xyz", &gid), -ENOENT);
	EXPECT_ERRNO(parse_gid_or_name("4294967295", &gid), -ENOENT);
	EXPECT_ERRNO(parse_gid_or_name("", &gid), -EINVAL);
}

/* iproute2's get_u32()/get_u16(): any base, all of the word, ip's quirks kept. */
TEST(ip_unsigned)
{
	uint64_t v;

	ASSERT_OK(parse_ip_unsigned("10", UINT32_MAX, &v));
	EXPECT_EQ(v, 10);
	ASSERT_OK(parse_ip_unsigned("0x1f", UINT32_MAX, &v));
	EXPECT_EQ(v, 31);
	ASSERT_OK(parse_ip_unsigned("010", UINT32_MAX, &v));
	EXPECT_EQ(v, 8);
	ASSERT_OK(parse_ip_unsigned("4294967295", UINT32_MAX, &v));
	EXPECT_EQ(v, UINT32_MAX);
	ASSERT_OK(parse_ip_unsigned(" 7", 255, &v));
	EXPECT_EQ(v, 7);
	ASSERT_OK(parse_ip_unsigned("0xffff", 0xffff, &v));
	EXPECT_EQ(v, 0xffff);
	EXPECT_ERRNO(parse_ip_unsigned("4294967296", UINT32_MAX, &v), -ERANGE);
	EXPECT_ERRNO(parse_ip_unsigned("0x10000", 0xffff, &v), -ERANGE);
	/* strtoul() negates: "-1" is the largest value, too big for any @max below it */
	EXPECT_ERRNO(parse_ip_unsigned("-1", UINT32_MAX, &v), -ERANGE);
	EXPECT_ERRNO(parse_ip_unsigned("99999999999999999999", UINT64_MAX, &v), -ERANGE);
	EXPECT_ERRNO(parse_ip_unsigned("", UINT32_MAX, &v), -EINVAL);
	EXPECT_ERRNO(parse_ip_unsigned(NULL, UINT32_MAX, &v), -EINVAL);
	EXPECT_ERRNO(parse_ip_unsigned("1 ", UINT32_MAX, &v), -EINVAL);
	EXPECT_ERRNO(parse_ip_unsigned("12k", UINT32_MAX, &v), -EINVAL);
	EXPECT_ERRNO(parse_ip_unsigned("09", UINT32_MAX, &v), -EINVAL);
	EXPECT_ERRNO(parse_ip_unsigned("0x", UINT32_MAX, &v), -EINVAL);
	EXPECT_ERRNO(parse_ip_unsigned("x", UINT32_MAX, &v), -EINVAL);
}

/* iproute2's get_integer(): strtol() in any base, within int. */
TEST(ip_integer)
{
	int v;

	ASSERT_OK(parse_ip_integer("1500", &v));
	EXPECT_EQ(v, 1500);
	ASSERT_OK(parse_ip_integer("-1", &v));
	EXPECT_EQ(v, -1);
	ASSERT_OK(parse_ip_integer("0x10", &v));
	EXPECT_EQ(v, 16);
	ASSERT_OK(parse_ip_integer("2147483647", &v));
	EXPECT_EQ(v, INT_MAX);
	ASSERT_OK(parse_ip_integer("-2147483648", &v));
	EXPECT_EQ(v, INT_MIN);
	EXPECT_ERRNO(parse_ip_integer("2147483648", &v), -ERANGE);
	EXPECT_ERRNO(parse_ip_integer("-2147483649", &v), -ERANGE);
	EXPECT_ERRNO(parse_ip_integer("9223372036854775808", &v), -ERANGE);
	EXPECT_ERRNO(parse_ip_integer("", &v), -EINVAL);
	EXPECT_ERRNO(parse_ip_integer("-", &v), -EINVAL);
	EXPECT_ERRNO(parse_ip_integer("1.5", &v), -EINVAL);
	EXPECT_ERRNO(parse_ip_integer("mtu", &v), -EINVAL);
}

TAP_MAIN();
