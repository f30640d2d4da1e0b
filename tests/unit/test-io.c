/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-io.c - whole-buffer reads and writes of small files, and their errno paths. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io-util.h"
#include "macro.h"
#include "tap.h"

/* A file in a fresh directory under $TMPDIR or /tmp, removed by unlink_tmp(). */
static int make_tmp(char path[static 64], const char *text)
{
	const char *tmp = getenv("TMPDIR");
	_cleanup_close_ int fd = -EBADF;

	if (snprintf(path, 64, "%s/nook-test-io.XXXXXX", tmp && *tmp ? tmp : "/tmp") >= 64)
		return -ENAMETOOLONG;
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return negative_errno();
	return write_full(fd, text, strlen(text));
}

TEST(read_file_at)
{
	char path[64], buf[16];

	ASSERT_OK(make_tmp(path, "0 1000 1\n"));
	EXPECT_EQ(read_file_at(AT_FDCWD, path, buf, sizeof(buf)), 9);
	EXPECT_STREQ(buf, "0 1000 1\n");
	/* Cut to size - 1 bytes, still NUL-terminated. */
	EXPECT_EQ(read_file_at(AT_FDCWD, path, buf, 4), 3);
	EXPECT_STREQ(buf, "0 1");
	EXPECT_EQ(read_file_at(AT_FDCWD, path, buf, 1), 0);
	EXPECT_STREQ(buf, "");
	(void)unlink(path);
	EXPECT_ERRNO(read_file_at(AT_FDCWD, path, buf, sizeof(buf)), -ENOENT);
	EXPECT_ERRNO(read_file_at(-1, "relative", buf, sizeof(buf)), -EBADF);
}

TEST(read_file_alloc)
{
	_cleanup_free_ char *text = NULL;
	char path[64], big[5000];
	size_t len = 0;

	ASSERT_OK(make_tmp(path, "alice:100000:65536\n"));
	ASSERT_OK(read_file_alloc(path, 4096, &text, &len));
	EXPECT_EQ(len, 19);
	EXPECT_STREQ(text, "alice:100000:65536\n");
	text = x_free(text);
	/* Exactly the bound is fine, one byte over is not. */
	ASSERT_OK(read_file_alloc(path, 19, &text, NULL));
	text = x_free(text);
	EXPECT_ERRNO(read_file_alloc(path, 18, &text, NULL), -EFBIG);
	EXPECT_TRUE(text == NULL);
	(void)unlink(path);

	/* Past the first 4 KiB buffer. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ASSERT_OK(make_tmp(path, big));
	ASSERT_OK(read_file_alloc(path, 1 << 20, &text, &len));
	EXPECT_EQ(len, sizeof(big) - 1);
	EXPECT_STREQ(text, big);
	EXPECT_ERRNO(read_file_alloc(path, 4500, &text, NULL), -EFBIG);
	(void)unlink(path);
	EXPECT_ERRNO(read_file_alloc(path, 4096, &text, NULL), -ENOENT);
}

TEST(write_file_at)
{
	char path[64], buf[16];

	ASSERT_OK(make_tmp(path, ""));
	ASSERT_OK(write_file_at(AT_FDCWD, path, "deny"));
	EXPECT_EQ(read_file_at(AT_FDCWD, path, buf, sizeof(buf)), 4);
	EXPECT_STREQ(buf, "deny");
	(void)unlink(path);
	/* Like /proc/PID/setgroups: never created, only written. */
	EXPECT_ERRNO(write_file_at(AT_FDCWD, path, "deny"), -ENOENT);
	EXPECT_ERRNO(write_full(-1, "x", 1), -EBADF);
	EXPECT_OK(write_full(-1, "", 0));
}

TAP_MAIN();
