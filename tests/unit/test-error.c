/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-error.c - the error carrier: set, whole lines, reason, prefix, format, NULL carriers. */
#include <errno.h>
#include <string.h>

#include "error.h"
#include "tap.h"

TEST(set_and_format)
{
	struct error e = ERROR_INIT;
	char buf[ERROR_MSG_MAX + ERROR_REASON_MAX];

	EXPECT_FALSE(error_is_set(&e));
	EXPECT_ERRNO(error_set(&e, -EACCES, "mount `%s` on `%s`", "proc", "/proc"), -EACCES);
	EXPECT_TRUE(error_is_set(&e));
	EXPECT_STREQ(e.msg, "mount `proc` on `/proc`");
	EXPECT_STREQ(error_why(&e), "Permission denied");
	EXPECT_STREQ(error_format(&e, buf, sizeof(buf)),
		     "mount `proc` on `/proc`: Permission denied");
	error_clear(&e);
	EXPECT_FALSE(error_is_set(&e));
	EXPECT_STREQ(e.msg, "");
}

TEST(not_an_errno)
{
	struct error e = ERROR_INIT;

	/* A code that is not negative still reads as a failure. */
	EXPECT_ERRNO(error_set(&e, 0, "x"), -EIO);
	EXPECT_ERRNO(error_set(&e, 5, "x"), -EIO);
	EXPECT_ERRNO(e.code, -EIO);
}

TEST(null_carrier)
{
	EXPECT_ERRNO(error_set(NULL, -ENOENT, "open `%s`", "/x"), -ENOENT);
	EXPECT_ERRNO(error_set_reason(NULL, -EINVAL, "bad"), -EINVAL);
	EXPECT_ERRNO(error_prefix(NULL, "ctx"), -EIO);
	error_clear(NULL);
}

TEST(reason)
{
	struct error e = ERROR_INIT;
	char buf[ERROR_MSG_MAX + ERROR_REASON_MAX];

	EXPECT_ERRNO(error_set_reason(&e, -EOPNOTSUPP, "ipv6: IPv6 is disabled on this device."),
		     -EOPNOTSUPP);
	/* the final '.' goes; the front end punctuates */
	EXPECT_STREQ(error_why(&e), "ipv6: IPv6 is disabled on this device");
	EXPECT_STREQ(e.msg, "");
	EXPECT_STREQ(error_format(&e, buf, sizeof(buf)), "ipv6: IPv6 is disabled on this device");
	EXPECT_ERRNO(error_prefix(&e, "add address %s", "fd00::2/64"), -EOPNOTSUPP);
	EXPECT_STREQ(error_format(&e, buf, sizeof(buf)),
		     "add address fd00::2/64: ipv6: IPv6 is disabled on this device");
	/* set replaces the reason too */
	error_set(&e, -ENOENT, "open");
	EXPECT_STREQ(error_why(&e), "No such file or directory");
	EXPECT_ERRNO(error_set_reason(&e, -EPERM, NULL), -EPERM);
	EXPECT_STREQ(error_why(&e), "Operation not permitted");
}

TEST(prefix)
{
	struct error e = ERROR_INIT;

	error_set(&e, -EINVAL, "expected an unsigned integer");
	EXPECT_ERRNO(error_prefix(&e, "process.user.%s", "uid"), -EINVAL);
	EXPECT_STREQ(e.msg, "process.user.uid: expected an unsigned integer");
	EXPECT_ERRNO(error_prefix(&e, "%s", "config.json"), -EINVAL);
	EXPECT_STREQ(e.msg, "config.json: process.user.uid: expected an unsigned integer");
	/* an empty message takes the context as it is */
	error_set(&e, -EBUSY, NULL);
	error_prefix(&e, "lock `%s`", "/run/nook");
	EXPECT_STREQ(e.msg, "lock `/run/nook`");
	/* prefixing a carrier without a failure still yields one */
	error_clear(&e);
	EXPECT_ERRNO(error_prefix(&e, "ctx"), -EIO);
}

TEST(whole_line)
{
	struct error e = ERROR_INIT;
	char buf[ERROR_MSG_MAX + ERROR_REASON_MAX];

	/* a line that needs no why, and one that carries its why inside */
	EXPECT_ERRNO(error_set_whole(&e, -ESRCH, "no process is named '%s'", "web"), -ESRCH);
	EXPECT_TRUE(e.flags & ERROR_MSG_WHOLE);
	EXPECT_STREQ(error_format(&e, buf, sizeof(buf)), "no process is named 'web'");
	error_set_whole(&e, -ENOENT, "cannot open x: %s (hint)", strerror(ENOENT));
	EXPECT_STREQ(error_format(&e, buf, sizeof(buf)),
		     "cannot open x: No such file or directory (hint)");
	/* set forgets the flag */
	error_set(&e, -ENOENT, "cannot open x");
	EXPECT_STREQ(error_format(&e, buf, sizeof(buf)),
		     "cannot open x: No such file or directory");
	EXPECT_ERRNO(error_set_whole(NULL, -EINVAL, "x"), -EINVAL);
}

TEST(bounded)
{
	struct error e = ERROR_INIT;
	char big[2 * ERROR_MSG_MAX];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	error_set(&e, -E2BIG, "%s", big);
	EXPECT_EQ(strlen(e.msg), ERROR_MSG_MAX - 1);
	/* context first: the cut falls on the old message */
	error_prefix(&e, "ctx");
	EXPECT_EQ(strlen(e.msg), ERROR_MSG_MAX - 1);
	EXPECT_TRUE(strncmp(e.msg, "ctx: xxx", 8) == 0);
	error_set_reason(&e, -E2BIG, big);
	EXPECT_EQ(strlen(e.reason), ERROR_REASON_MAX - 1);
}

TAP_MAIN();
