/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-ip.c - what src/ip/ip.c gives the ip-style commands and main.c: the
 * sub-verb tables in ip's order, the return convention (GO_ON or an exit
 * status), ip's global options, and ip's words for "ip" alone and an
 * unknown object.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ip.h"
#include "macro.h"
#include "nook.h"
#include "tap.h"

/* What a handler was called with. */
static struct {
	const struct ip_verb *v;
	const char *word;
	int argc;
	char **argv;
} called;

static int handler(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		   char **argv)
{
	called.v = v;
	called.word = word;
	called.argc = argc;
	called.argv = argv;
	return 42;
}

/* A table as cmd-link.c's: "s" is "set" (before "show"), "chg" only whole. */
static const struct ip_verb verbs[] = {
	{ "add", .fn = handler },
	{ "set", .fn = handler },
	{ "change", .fn = handler },
	{ "chg", .whole = true, .fn = handler },
	{ "show", .dflt = true, .fn = handler },
	{ "lst", .fn = handler },
	{ "list", .fn = handler },
	{ "help", .fn = handler },
};

static const char *found(const char *word)
{
	const struct ip_verb *v = ip_verb_find(verbs, ELEMENTSOF(verbs), word);

	return v ? v->word : "(none)";
}

/* Run @fn with stderr going to a file; its text, up to @size - 1 bytes, in @buf. */
static int with_stderr(int (*fn)(void *), void *data, char *buf, size_t size)
{
	int fd = memfd_create("stderr", MFD_CLOEXEC), saved = dup(STDERR_FILENO), r;
	ssize_t n;

	if (fd < 0 || saved < 0)
		abort();
	(void)fflush(stderr);
	(void)dup2(fd, STDERR_FILENO);
	r = fn(data);
	(void)fflush(stderr);
	(void)dup2(saved, STDERR_FILENO);
	close(saved);
	n = pread(fd, buf, size - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	return r;
}

TEST(verb_find_in_ip_order)
{
	EXPECT_STREQ(found("a"), "add");
	EXPECT_STREQ(found("s"), "set");
	EXPECT_STREQ(found("sh"), "show");
	EXPECT_STREQ(found("show"), "show");
	EXPECT_STREQ(found("c"), "change");
	EXPECT_STREQ(found("ch"), "change");
	EXPECT_STREQ(found("chg"), "chg");
	EXPECT_STREQ(found("l"), "lst");
	EXPECT_STREQ(found("li"), "list");
	EXPECT_STREQ(found("h"), "help");
	EXPECT_STREQ(found("shows"), "(none)");
	EXPECT_STREQ(found("chgx"), "(none)");
	EXPECT_STREQ(found("x"), "(none)");
	EXPECT_STREQ(found(""), "(none)");
}

TEST(verb_run_passes_the_words_after_the_verb)
{
	char *argv[] = { (char *)"sh", (char *)"dev", (char *)"lo", NULL };

	ASSERT_EQ(ip_verb_run(verbs, ELEMENTSOF(verbs), NULL, "link", 3, argv), 42);
	EXPECT_STREQ(called.v->word, "show");
	EXPECT_STREQ(called.word, "sh");
	EXPECT_EQ(called.argc, 2);
	EXPECT_TRUE(called.argv == argv + 1);
}

TEST(verb_run_default)
{
	char *argv[] = { NULL };

	called.word = "unset";
	ASSERT_EQ(ip_verb_run(verbs, ELEMENTSOF(verbs), NULL, "link", 0, argv), 42);
	EXPECT_STREQ(called.v->word, "show");
	EXPECT_TRUE(called.word == NULL);
	EXPECT_EQ(called.argc, 0);
}

static int run_unknown(void *data)
{
	char *argv[] = { (char *)"frob", NULL };

	return ip_verb_run(verbs, ELEMENTSOF(verbs), NULL, (const char *)data, 1, argv);
}

TEST(verb_run_unknown)
{
	char buf[256];

	EXPECT_EQ(with_stderr(run_unknown, (void *)"address", buf, sizeof(buf)), IP_EXIT_USAGE);
	EXPECT_STREQ(buf, "Command \"frob\" is unknown, try \"ip address help\".\n");
}

static int unknown_object(void *data)
{
	return ip_unknown_object(data);
}

TEST(unknown_object)
{
	char buf[256];

	EXPECT_EQ(with_stderr(unknown_object, (void *)"bogus", buf, sizeof(buf)), 1);
	EXPECT_STREQ(buf, "Object \"bogus\" is unknown, try \"nook help\".\n");
}

static int usage(void *data)
{
	return ip_usage();
}

TEST(usage)
{
	char buf[2048];

	EXPECT_EQ(with_stderr(usage, NULL, buf, sizeof(buf)), IP_EXIT_USAGE);
	EXPECT_TRUE(strncmp(buf, "Usage: nook [ OPTIONS ] OBJECT { COMMAND | help }\n", 50) == 0);
}

TEST(globals_go_on)
{
	char *args[] = { (char *)"-j", (char *)"-p", (char *)"-6", (char *)"link", NULL };
	char **argv = args;
	int argc = 4;

	ip_opts = (struct ip_globals){ 0 };
	ASSERT_EQ(ip_globals_parse(&argc, &argv), GO_ON);
	EXPECT_EQ(argc, 1);
	EXPECT_STREQ(argv[0], "link");
	EXPECT_TRUE(ip_opts.json && ip_opts.pretty);
	EXPECT_EQ(ip_opts.family, AF_INET6);
	/* nothing at all: nothing to do, go on */
	argc = 0;
	ASSERT_EQ(ip_globals_parse(&argc, &argv), GO_ON);
	/* no namespace asked for: go on */
	EXPECT_EQ(ip_globals_enter_netns(), GO_ON);
}

static int bad_option(void *data)
{
	char *args[] = { (char *)"-bogus", (char *)"link", NULL };
	char **argv = args;
	int argc = 2;

	return ip_globals_parse(&argc, &argv);
}

static int incomplete(void *data)
{
	char *args[] = { (char *)"-n", NULL };
	char **argv = args;
	int argc = 1;

	return ip_globals_parse(&argc, &argv);
}

TEST(globals_exit_status)
{
	char buf[256];

	EXPECT_EQ(with_stderr(bad_option, NULL, buf, sizeof(buf)), IP_EXIT_USAGE);
	EXPECT_STREQ(buf, "Option \"-bogus\" is unknown, try \"ip -help\".\n");
	EXPECT_EQ(with_stderr(incomplete, NULL, buf, sizeof(buf)), IP_EXIT_USAGE);
}

TAP_MAIN();
