/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-idmap.c - ID-map parsing, /etc/subuid lookup, the single-ID merge and
 * the text the kernel reads.  The merge results below were worked out by hand
 * and checked against util-linux 2.38.1 unshare(1), which prints the map it
 * writes (cat /proc/self/uid_map inside --map-users/--map-user).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "idmap.h"
#include "macro.h"
#include "tap.h"

/* Fill @m with the @n (inner, outer, count) triples of @t. */
static void map_of(struct idmap *m, size_t n, const uint32_t (*t)[3])
{
	m->n = 0;
	for (size_t i = 0; i < n; i++)
		(void)idmap_add(m, t[i][0], t[i][1], t[i][2]);
}

TEST(parse_range_inner_outer_count)
{
	struct idmap_range r;

	ASSERT_OK(idmap_parse_range("0:1000:1", &r));
	EXPECT_EQ(r.inner, 0);
	EXPECT_EQ(r.outer, 1000);
	EXPECT_EQ(r.count, 1);

	ASSERT_OK(idmap_parse_range("1:100000:65536", &r));
	EXPECT_EQ(r.inner, 1);
	EXPECT_EQ(r.outer, 100000);
	EXPECT_EQ(r.count, 65536);
}

TEST(parse_range_outer_inner_count)
{
	struct idmap_range r;

	/* The older util-linux order: OUTER,INNER,COUNT. */
	ASSERT_OK(idmap_parse_range("1000,0,1", &r));
	EXPECT_EQ(r.outer, 1000);
	EXPECT_EQ(r.inner, 0);
	EXPECT_EQ(r.count, 1);

	ASSERT_OK(idmap_parse_range("100000,1,65536", &r));
	EXPECT_EQ(r.outer, 100000);
	EXPECT_EQ(r.inner, 1);
	EXPECT_EQ(r.count, 65536);
}

TEST(parse_range_limits)
{
	struct idmap_range r;

	/* The kernel's rule: first + count must not wrap past UINT32_MAX. */
	ASSERT_OK(idmap_parse_range("0:0:4294967295", &r));
	EXPECT_EQ(r.count, UINT32_MAX);
	ASSERT_OK(idmap_parse_range("4294967294:0:1", &r));
	EXPECT_EQ(r.inner, 4294967294u);
	ASSERT_OK(idmap_parse_range("0:4294967294:1", &r));
	EXPECT_EQ(r.outer, 4294967294u);
	EXPECT_ERRNO(idmap_parse_range("0:4294967295:1", &r), -EINVAL);
	EXPECT_ERRNO(idmap_parse_range("0:0:4294967296", &r), -EINVAL);
}

TEST(parse_range_rejects)
{
	static const char *const bad[] = {
		"1,2",		   /* two fields */
		"1:2",		   /* two fields */
		"a:b:c",	   /* not numbers */
		"-1:0:1",	   /* sign */
		"+1:0:1",	   /* sign */
		"1:2:3x",	   /* trailing garbage */
		"1:2:3\n",	   /* trailing newline */
		" 1:2:3",	   /* leading blank */
		"1: 2:3",	   /* inner blank */
		"0:0:0",	   /* count zero */
		"4294967295:0:2",  /* inner + count wraps */
		"",		   /* empty */
		"1:2:3:4",	   /* too many fields */
		"1,2,3,4",	   /* too many fields */
		"1:2,3",	   /* mixed separators */
		"1::3",		   /* empty field */
		"1:2:",		   /* empty count */
		"99999999999:0:1", /* inner overflows 32 bits */
	};
	struct idmap_range r;

	for (size_t i = 0; i < ELEMENTSOF(bad); i++) {
		int ret = idmap_parse_range(bad[i], &r);

		if (ret != -EINVAL)
			TH_LOG("input \"%s\"", bad[i]);
		EXPECT_ERRNO(ret, -EINVAL);
	}
}

TEST(add_capacity)
{
	struct idmap m = { 0 };

	for (uint32_t i = 0; i < IDMAP_MAX; i++)
		ASSERT_OK(idmap_add(&m, i, 100000 + i, 1));
	ASSERT_EQ(m.n, IDMAP_MAX);
	EXPECT_EQ(m.r[IDMAP_MAX - 1].inner, IDMAP_MAX - 1);
	EXPECT_EQ(m.r[IDMAP_MAX - 1].outer, 100000 + IDMAP_MAX - 1);
	EXPECT_ERRNO(idmap_add(&m, 1000, 1000, 1), -E2BIG);
	EXPECT_EQ(m.n, IDMAP_MAX);
}

TEST(kernel_identity_full)
{
	struct idmap m = { 0 };

	/* /proc/self/uid_map of the initial user namespace. */
	ASSERT_EQ(idmap_add_kernel_identity(&m, "         0          0 4294967295\n"), 1);
	ASSERT_EQ(m.n, 1);
	EXPECT_EQ(m.r[0].inner, 0);
	EXPECT_EQ(m.r[0].outer, 0);
	EXPECT_EQ(m.r[0].count, UINT32_MAX);
}

TEST(kernel_identity_multi_line)
{
	struct idmap m = { 0 };

	/* Inside a namespace: each inner range maps to itself, the outer column is ignored. */
	ASSERT_EQ(idmap_add_kernel_identity(&m, "         0       1000          1\n"
						"         1     100000      65536"),
		  2);
	ASSERT_EQ(m.n, 2);
	EXPECT_EQ(m.r[0].inner, 0);
	EXPECT_EQ(m.r[0].outer, 0);
	EXPECT_EQ(m.r[0].count, 1);
	EXPECT_EQ(m.r[1].inner, 1);
	EXPECT_EQ(m.r[1].outer, 1);
	EXPECT_EQ(m.r[1].count, 65536);
}

TEST(kernel_identity_garbage)
{
	struct idmap m = { 0 };

	ASSERT_EQ(idmap_add_kernel_identity(&m, ""), 0);
	ASSERT_EQ(idmap_add_kernel_identity(&m, NULL), 0);
	ASSERT_EQ(idmap_add_kernel_identity(&m, "garbage\n"
						"\n"
						"5 5\n"
						"x 1 2\n"
						"  10 20 30\n"
						"1 2 0\n"),
		  1);
	ASSERT_EQ(m.n, 1);
	EXPECT_EQ(m.r[0].inner, 10);
	EXPECT_EQ(m.r[0].outer, 10);
	EXPECT_EQ(m.r[0].count, 30);
}

TEST(kernel_identity_full_map)
{
	struct idmap m = { 0 };

	for (uint32_t i = 0; i < IDMAP_MAX; i++)
		ASSERT_OK(idmap_add(&m, i, i, 1));
	EXPECT_ERRNO(idmap_add_kernel_identity(&m, "0 0 1\n"), -E2BIG);
}

static const char subuid[] = "alice:100000:65536\n"
			     "bob:165536:65536\n"
			     "1000:231072:65536\n";

TEST(subid_lookup_by_name)
{
	struct idmap_range r;

	ASSERT_OK(idmap_subid_lookup(subuid, "bob", 1001, &r));
	EXPECT_EQ(r.outer, 165536);
	EXPECT_EQ(r.count, 65536);
	EXPECT_EQ(r.inner, IDMAP_INNER_AUTO);
}

TEST(subid_lookup_by_uid)
{
	struct idmap_range r;

	ASSERT_OK(idmap_subid_lookup(subuid, "carol", 1000, &r));
	EXPECT_EQ(r.outer, 231072);
	EXPECT_EQ(r.count, 65536);
	ASSERT_OK(idmap_subid_lookup(subuid, NULL, 1000, &r));
	EXPECT_EQ(r.outer, 231072);
}

TEST(subid_lookup_first_match_wins)
{
	struct idmap_range r;

	ASSERT_OK(idmap_subid_lookup("alice:100000:65536\nalice:200000:10\n", "alice", 1000, &r));
	EXPECT_EQ(r.outer, 100000);
	/* The uid line comes first, so it wins over the name line. */
	ASSERT_OK(idmap_subid_lookup("1000:300000:5\nalice:100000:65536\n", "alice", 1000, &r));
	EXPECT_EQ(r.outer, 300000);
	EXPECT_EQ(r.count, 5);
}

TEST(subid_lookup_no_match)
{
	struct idmap_range r;

	EXPECT_ERRNO(idmap_subid_lookup(subuid, "dave", 1002, &r), -ENOENT);
	EXPECT_ERRNO(idmap_subid_lookup("", "alice", 1000, &r), -ENOENT);
	EXPECT_ERRNO(idmap_subid_lookup("alice\nalice 1 2\n", "alice", 1000, &r), -ENOENT);
	/* util-linux matches any name for root (strtoul("alice") == 0); we do not. */
	EXPECT_ERRNO(idmap_subid_lookup("alice:100000:65536\n", "root", 0, &r), -ENOENT);
}

TEST(subid_lookup_malformed)
{
	struct idmap_range r;

	EXPECT_ERRNO(idmap_subid_lookup("alice:100000:abc\n", "alice", 1000, &r), -EINVAL);
	EXPECT_ERRNO(idmap_subid_lookup("alice:100000:0\n", "alice", 1000, &r), -EINVAL);
	EXPECT_ERRNO(idmap_subid_lookup("alice:x:5\n", "alice", 1000, &r), -EINVAL);
	EXPECT_ERRNO(idmap_subid_lookup("alice:100000:\n", "alice", 1000, &r), -EINVAL);
	EXPECT_ERRNO(idmap_subid_lookup("alice:-1:5\n", "alice", 1000, &r), -EINVAL);
	/* Malformed lines of other users are none of our business. */
	ASSERT_OK(idmap_subid_lookup("garbage\nbob:1:x\nalice:100000:65536", "alice", 1000, &r));
	EXPECT_EQ(r.outer, 100000);
	/* A line with one colon is skipped, as util-linux's read_subid_range() does. */
	ASSERT_OK(idmap_subid_lookup("alice:100000\nalice:200000:5\n", "alice", 1000, &r));
	EXPECT_EQ(r.outer, 200000);
}

TEST(subid_lookup_digits_prefix)
{
	struct idmap_range r;

	/* "1000abc" is a name, not uid 1000. */
	EXPECT_ERRNO(idmap_subid_lookup("1000abc:5:5\n", "carol", 1000, &r), -ENOENT);
	EXPECT_ERRNO(idmap_subid_lookup("1000 :5:5\n", "carol", 1000, &r), -ENOENT);
	EXPECT_ERRNO(idmap_subid_lookup("01000x:5:5\n", NULL, 1000, &r), -ENOENT);
}

TEST(subid_lookup_long_line)
{
	char text[2048];
	struct idmap_range r;

	/* A line longer than any real one is skipped whole, then the next line is read. */
	memset(text, 'x', 1000);
	strcpy(text + 1000, ":1:1\nalice:100000:65536\n");
	ASSERT_OK(idmap_subid_lookup(text, "alice", 1000, &r));
	EXPECT_EQ(r.outer, 100000);

	/* Its tail is not mistaken for a line of its own. */
	memset(text, 'x', 1000);
	strcpy(text + 1000, "alice:1:1\n");
	EXPECT_ERRNO(idmap_subid_lookup(text, "alice", 1000, &r), -ENOENT);
}

/* Merge, format, and leave the text in @buf; ASSERTs stay in the TEST bodies. */
static int merge_text(const struct idmap *in, uint32_t outer, uint32_t inner, char *buf,
		      size_t size)
{
	struct idmap out;
	int r;

	r = idmap_merge_single(in, outer, inner, &out);
	if (r < 0)
		return r;
	return idmap_format(&out, buf, size);
}

TEST(merge_no_single)
{
	static const uint32_t t[][3] = { { 0, 100000, 65536 } };
	static const uint32_t all[][3] = { { 0, 0, UINT32_MAX } };
	struct idmap in;
	char buf[IDMAP_WRITE_MAX];

	map_of(&in, ELEMENTSOF(t), t);
	ASSERT_OK(merge_text(&in, 1000, IDMAP_ID_NONE, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "0 100000 65536\n");

	/* The whole ID space, whose end meets the "none" marker. */
	map_of(&in, ELEMENTSOF(all), all);
	ASSERT_OK(merge_text(&in, 0, IDMAP_ID_NONE, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "0 0 4294967295\n");
}

TEST(merge_no_single_auto)
{
	static const uint32_t t[][3] = { { IDMAP_INNER_AUTO, 100000, 65536 } };
	struct idmap in;
	char buf[IDMAP_WRITE_MAX];

	map_of(&in, ELEMENTSOF(t), t);
	ASSERT_OK(merge_text(&in, 1000, IDMAP_ID_NONE, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "0 100000 65536\n");
}

TEST(merge_auto_range)
{
	static const uint32_t t[][3] = { { IDMAP_INNER_AUTO, 100000, 65536 } };
	struct idmap in;
	char buf[IDMAP_WRITE_MAX];

	/*
	 * --map-auto --map-user=0 as uid 1000.  The auto range starts at inner
	 * 0, which holds the single ID, so it moves up by one, whole: an auto
	 * range is not shortened.  util-linux 2.38.1 and 2.42 wasted its last
	 * ID ("1 100000 65535"), which broke users whose block is a single ID;
	 * util-linux PR #4457 (2026) restored this behaviour, which nook follows.
	 */
	map_of(&in, ELEMENTSOF(t), t);
	ASSERT_OK(merge_text(&in, 1000, 0, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "0 1000 1\n1 100000 65536\n");
}

TEST(merge_split_inner)
{
	static const uint32_t t[][3] = { { 0, 100000, 65536 } };
	struct idmap in;
	char buf[IDMAP_WRITE_MAX];

	/*
	 * Inner 1000 lies inside [0, 65536): count 65535, in_off 1000, out_off 0.
	 * lo is empty; mid covers inner 0..999; hi starts above the hole at 1001.
	 */
	map_of(&in, ELEMENTSOF(t), t);
	ASSERT_OK(merge_text(&in, 1000, 1000, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "1000 1000 1\n"
			  "0 100000 1000\n"
			  "1001 101000 64535\n");
}

TEST(merge_split_three_ways)
{
	static const uint32_t t[][3] = { { 0, 0, 65536 } };
	struct idmap in;
	char buf[IDMAP_WRITE_MAX];

	/*
	 * Identity range, single inner 1000 <- outer 1: both ends overlap.
	 * out_off 1, in_off 1000: lo = 0 0 1; mid skips outer 1 (2..1000) for
	 * inner 1..999; hi skips inner 1000 and has the rest, 65535 - 1 - 999.
	 * util-linux 2.38.1 as uid 1 writes the same four lines.
	 */
	map_of(&in, ELEMENTSOF(t), t);
	ASSERT_OK(merge_text(&in, 1, 1000, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "1000 1 1\n"
			  "0 0 1\n"
			  "1 2 999\n"
			  "1001 1001 64535\n");
}

TEST(merge_adjacent_counts_as_overlap)
{
	static const uint32_t t[][3] = { { 0, 100000, 1000 } };
	struct idmap in;
	char buf[IDMAP_WRITE_MAX];

	/* Inner 1000 is just past [0, 1000), yet util-linux shortens the range. */
	map_of(&in, ELEMENTSOF(t), t);
	ASSERT_OK(merge_text(&in, 0, 1000, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "1000 0 1\n0 100000 999\n");
}

TEST(merge_keeps_option_order)
{
	static const uint32_t t[][3] = { { 0, 100000, 1000 }, { 2000, 200000, 10 } };
	struct idmap in;
	char buf[IDMAP_WRITE_MAX];

	map_of(&in, ELEMENTSOF(t), t);
	ASSERT_OK(merge_text(&in, 1000, 5000, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "5000 1000 1\n0 100000 1000\n2000 200000 10\n");
}

TEST(merge_single_only)
{
	struct idmap in = { 0 };
	char buf[IDMAP_WRITE_MAX];

	ASSERT_OK(merge_text(&in, 1000, 0, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "0 1000 1\n");
	ASSERT_OK(merge_text(&in, 1000, IDMAP_ID_NONE, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "");
}

TEST(merge_too_many)
{
	struct idmap in = { 0 }, out;

	/* Ranges clear of the single ID: one line each, plus the single line. */
	for (uint32_t i = 0; i < IDMAP_MAX - 1; i++)
		ASSERT_OK(idmap_add(&in, i * 10, 100000 + i * 10, 5));
	ASSERT_OK(idmap_merge_single(&in, 1000000, 1000000, &out));
	EXPECT_EQ(out.n, IDMAP_MAX);
	ASSERT_OK(idmap_add(&in, 9990, 109990, 5));
	EXPECT_ERRNO(idmap_merge_single(&in, 1000000, 1000000, &out), -E2BIG);
}

TEST(format)
{
	static const uint32_t t[][3] = { { 0, 1000, 1 }, { 1, 100000, 65536 } };
	static const char want[] = "0 1000 1\n1 100000 65536\n";
	struct idmap m = { 0 };
	char buf[IDMAP_WRITE_MAX];

	ASSERT_EQ(idmap_format(&m, buf, sizeof(buf)), 0);
	EXPECT_STREQ(buf, "");
	map_of(&m, ELEMENTSOF(t), t);
	ASSERT_EQ(idmap_format(&m, buf, sizeof(buf)), STRLEN(want));
	EXPECT_STREQ(buf, want);
}

TEST(format_small_buffer)
{
	static const uint32_t t[][3] = { { 0, 1000, 1 }, { 1, 100000, 65536 } };
	static const char want[] = "0 1000 1\n1 100000 65536\n";
	struct idmap m;
	char buf[sizeof(want)];

	map_of(&m, ELEMENTSOF(t), t);
	/* The text and its NUL fit exactly; one byte less does not. */
	ASSERT_EQ(idmap_format(&m, buf, sizeof(want)), STRLEN(want));
	EXPECT_ERRNO(idmap_format(&m, buf, sizeof(want) - 1), -E2BIG);
	EXPECT_ERRNO(idmap_format(&m, buf, 5), -E2BIG);
	EXPECT_ERRNO(idmap_format(&m, buf, 0), -E2BIG);
}

TEST(format_kernel_limit)
{
	struct idmap m = { 0 };
	char buf[IDMAP_WRITE_MAX];
	int len;

	/* 340 short lines fit in one page... */
	for (uint32_t i = 0; i < IDMAP_MAX; i++)
		ASSERT_OK(idmap_add(&m, i, i, 1));
	len = idmap_format(&m, buf, sizeof(buf));
	ASSERT_OK(len);
	EXPECT_LT(len, IDMAP_WRITE_MAX);

	/* ...340 long ones (24 bytes each) do not: the kernel's limit is the page, not the count. */
	m.n = 0;
	for (uint32_t i = 0; i < IDMAP_MAX; i++)
		ASSERT_OK(idmap_add(&m, 4000000000u + i * 2, 4100000000u + i * 2, 1));
	EXPECT_ERRNO(idmap_format(&m, buf, sizeof(buf)), -E2BIG);
}

TEST(write_fd)
{
	static const uint32_t t[][3] = { { 0, 1000, 1 } };
	_cleanup_close_ int rfd = -EBADF, wfd = -EBADF;
	struct idmap m;
	char buf[64];
	int p[2];

	ASSERT_OK(pipe2(p, O_CLOEXEC));
	rfd = p[0];
	wfd = p[1];
	map_of(&m, ELEMENTSOF(t), t);
	ASSERT_OK(idmap_write_fd(wfd, &m));
	ASSERT_EQ(read(rfd, buf, sizeof(buf) - 1), 9);
	buf[9] = '\0';
	EXPECT_STREQ(buf, "0 1000 1\n");

	/* Too long for one write: refused before anything is written. */
	m.n = 0;
	for (uint32_t i = 0; i < IDMAP_MAX; i++)
		ASSERT_OK(idmap_add(&m, 4000000000u + i * 2, 4100000000u + i * 2, 1));
	EXPECT_ERRNO(idmap_write_fd(wfd, &m), -E2BIG);
	EXPECT_ERRNO(idmap_write_fd(-1, &m), -E2BIG);
	m.n = 1;
	EXPECT_ERRNO(idmap_write_fd(-1, &m), -EBADF);
}

TEST(proc_path_and_leaf)
{
	char buf[64];

	ASSERT_OK(idmap_proc_path(0, "uid_map", buf, sizeof(buf)));
	EXPECT_STREQ(buf, "/proc/self/uid_map");
	ASSERT_OK(idmap_proc_path(42, "setgroups", buf, sizeof(buf)));
	EXPECT_STREQ(buf, "/proc/42/setgroups");
	EXPECT_ERRNO(idmap_proc_path(42, "setgroups", buf, 18), -ENAMETOOLONG);
	EXPECT_STREQ(idmap_leaf_name(IDMAP_UID), "uid_map");
	EXPECT_STREQ(idmap_leaf_name(IDMAP_GID), "gid_map");
}

TAP_MAIN();
