/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-netns.c - the parts of lib/net/netns.c that need no privileges: names, refusals, monitor events. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "error.h"
#include "macro.h"
#include "netns.h"
#include "nl.h"
#include "tap.h"

TEST(name_is_valid)
{
	char name[NAME_MAX + 2];

	EXPECT_TRUE(netns_name_is_valid("blue"));
	EXPECT_TRUE(netns_name_is_valid("..."));
	EXPECT_TRUE(netns_name_is_valid(".hidden"));
	EXPECT_TRUE(netns_name_is_valid("1234"));
	EXPECT_FALSE(netns_name_is_valid(""));
	EXPECT_FALSE(netns_name_is_valid("."));
	EXPECT_FALSE(netns_name_is_valid(".."));
	EXPECT_FALSE(netns_name_is_valid("a/b"));
	EXPECT_FALSE(netns_name_is_valid("/"));
	memset(name, 'x', NAME_MAX);
	name[NAME_MAX] = '\0';
	EXPECT_TRUE(netns_name_is_valid(name));
	name[NAME_MAX] = 'x';
	name[NAME_MAX + 1] = '\0';
	EXPECT_FALSE(netns_name_is_valid(name));
}

TEST(refusals)
{
	struct error e = ERROR_INIT;

	/* Bad names are refused before anything is touched. */
	EXPECT_ERRNO(netns_open(".."), -EINVAL);
	EXPECT_ERRNO(netns_open(""), -EINVAL);
	EXPECT_ERRNO(netns_delete("a/b"), -EINVAL);
	EXPECT_ERRNO(netns_delete(".."), -EINVAL);
	EXPECT_ERRNO(netns_create("../x", 0, NULL, NULL, &e), -EINVAL);
	EXPECT_STREQ(e.msg, "Invalid netns name \"../x\"");
	EXPECT_ERRNO(netns_attach("x", 0), -EINVAL);
	/* The step that failed, in ip's words, and why. */
	EXPECT_ERRNO(netns_switch("a/b/c/nonexistent", NULL, NULL, &e), -ENOENT);
	EXPECT_STREQ(e.msg, "Cannot open network namespace \"a/b/c/nonexistent\"");
	EXPECT_STREQ(error_why(&e), "No such file or directory");
	/* An invalid name reads as a missing one, as in ip. */
	EXPECT_ERRNO(netns_switch("..", NULL, NULL, &e), -ENOENT);

	/* Neither a name nor a live PID; paths are paths. */
	EXPECT_ERRNO(netns_open("nook-test-no-such-name"), -ENOENT);
	EXPECT_ERRNO(netns_open("999999999"), -ENOENT);
	EXPECT_ERRNO(netns_open("/nonexistent/net"), -ENOENT);
}

TEST(open_pid)
{
	char pid[DECIMAL_STR_MAX(pid_t)];
	int fd;

	/* A PID stands for its namespace (unless a name of those digits exists). */
	(void)snprintf(pid, sizeof(pid), "%d", (int)getpid());
	fd = netns_open(pid);
	ASSERT_OK(fd);
	close(fd);
}

TEST(verify_fd)
{
	char tmp[] = "/tmp/test-netns.XXXXXX";
	int fd;

	/* The namespace files of /proc and what a stale name in /run/netns may be. */
	fd = netns_open_file("/proc/self/ns/net");
	ASSERT_OK(fd);
	EXPECT_OK(netns_verify_fd(fd));
	close(fd);
	fd = netns_open_file("/proc/self/ns/uts");
	ASSERT_OK(fd);
	EXPECT_ERRNO(netns_verify_fd(fd), -EMEDIUMTYPE);
	close(fd);
	fd = mkstemp(tmp);
	ASSERT_OK(fd);
	EXPECT_ERRNO(netns_verify_fd(fd), -EMEDIUMTYPE);
	close(fd);
	(void)unlink(tmp);
	EXPECT_ERRNO(netns_open_file("/nonexistent/net"), -ENOENT);
}

struct names {
	unsigned n, unasked;
};

static int count_name(const char *name, void *userdata)
{
	((struct names *)userdata)->n++;
	return 0;
}

static int count_id(const char *name, int nsid, const struct error *err, void *userdata)
{
	struct names *c = userdata;

	c->n++;
	if (nsid == NL_NSID_NONE && !err)
		c->unasked++;
	return 0;
}

static int stop_at_first(const char *name, int nsid, const struct error *err, void *userdata)
{
	return 7;
}

TEST(foreach_id_without_socket)
{
	struct names plain = { 0, 0 }, ids = { 0, 0 };

	/* Without a socket every name comes, none is asked about. */
	ASSERT_OK(netns_foreach(count_name, &plain));
	ASSERT_OK(netns_foreach_id(NULL, count_id, &ids));
	EXPECT_EQ(ids.n, plain.n);
	EXPECT_EQ(ids.unasked, ids.n);
	if (plain.n > 0)
		EXPECT_EQ(netns_foreach_id(NULL, stop_at_first, NULL), 7);
}

TEST(find_name_none)
{
	char *name = (char *)"x";

	/* No name has this inode: none is found, and that is no error. */
	ASSERT_OK(netns_find_name(0, 0, &name));
	EXPECT_TRUE(name == NULL);
}

struct seen {
	char text[256];
};

static int record(bool added, const char *name, void *userdata)
{
	struct seen *s = userdata;
	size_t n = strlen(s->text);

	(void)snprintf(s->text + n, sizeof(s->text) - n, "%s %s;", added ? "add" : "delete", name);
	return 0;
}

/* Append an inotify event for @name (padded, as the kernel does) to @buf at *@len. */
static void put_event(char *buf, size_t *len, uint32_t mask, const char *name)
{
	struct inotify_event ev = { .wd = 1, .mask = mask };
	size_t n = name ? (strlen(name) + 1 + 15) / 16 * 16 : 0;

	ev.len = (uint32_t)n;
	memcpy(buf + *len, &ev, sizeof(ev));
	memset(buf + *len + sizeof(ev), 0, n);
	if (name)
		memcpy(buf + *len + sizeof(ev), name, strlen(name));
	*len += sizeof(ev) + n;
}

TEST(monitor_read)
{
	char buf[512] __attribute__((aligned(8)));
	struct seen s = { "" };
	size_t len = 0;
	int p[2];

	put_event(buf, &len, IN_CREATE, "red");
	put_event(buf, &len, IN_IGNORED, NULL);
	put_event(buf, &len, IN_DELETE, "a-much-longer-name");
	put_event(buf, &len, IN_CREATE, "blue");
	ASSERT_OK(pipe(p));
	ASSERT_EQ(write(p[1], buf, len), (ssize_t)len);
	ASSERT_OK(netns_monitor_read(p[0], record, &s));
	EXPECT_STREQ(s.text, "add red;delete a-much-longer-name;add blue;");
	close(p[1]);
	close(p[0]);
}

TAP_MAIN();
