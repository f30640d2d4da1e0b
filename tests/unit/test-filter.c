/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-filter.c - the -Q expression language of lsns (lib/inspect/filter.h): what
 * parses, what does not and with which message, and how rows evaluate:
 * numbers against strings, empty cells, regular expressions, precedence.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "filter.h"
#include "macro.h"
#include "tap.h"

/* A small table: the columns, their kinds, and one row at a time. */
enum { C_NS, C_TYPE, C_NPROCS, C_PID, C_NSFS, C_NETNSID, C_NOTES, C_MAX };

static const struct {
	const char *name;
	bool number;
} cols[C_MAX] = {
	[C_NS] = { "NS", true },	 [C_TYPE] = { "TYPE", false },
	[C_NPROCS] = { "NPROCS", true }, [C_PID] = { "PID", true },
	[C_NSFS] = { "NSFS", false },	 [C_NETNSID] = { "NETNSID", false },
	[C_NOTES] = { "NOTES", false },
};

static int col_by_name(void *userdata, const char *name)
{
	for (int i = 0; i < C_MAX; i++)
		if (strcasecmp(name, cols[i].name) == 0)
			return i;
	return -ENOENT;
}

static int col_is_number(void *userdata, int column)
{
	return cols[column].number;
}

struct row {
	const char *cell[C_MAX];
	int gets; /* how many cells were asked for */
};

static const char *row_get(void *userdata, int column)
{
	struct row *r = userdata;

	r->gets++;
	return r->cell[column];
}

/* A network namespace with 3 processes, PID 12345, bind-mounted, NSID 7. */
static struct row net_row(void)
{
	return (struct row){ .cell = {
				     [C_NS] = "4026532000",
				     [C_TYPE] = "net",
				     [C_NPROCS] = "3",
				     [C_PID] = "12345",
				     [C_NSFS] = "/run/netns/blue",
				     [C_NETNSID] = "7",
				     [C_NOTES] = "x",
			     } };
}

/* A UTS namespace no process is in: empty PID, NSFS, NETNSID. */
static struct row empty_row(void)
{
	return (struct row){ .cell = {
				     [C_NS] = "4026532001",
				     [C_TYPE] = "uts",
				     [C_NPROCS] = "0",
			     } };
}

/* Parse @text and evaluate it on @r: 1, 0, or -1000 - (parse error). */
static int eval_on(const char *text, struct row *r)
{
	struct filter *f = NULL;
	struct error e;
	int k;

	k = filter_parse(text, col_by_name, col_is_number, NULL, &f, &e);
	if (k < 0) {
		TH_LOG("parse \"%s\": %d %s", text, k, e.msg[0] ? e.msg : "(no message)");
		return -1000 + k;
	}
	k = filter_eval(f, row_get, r);
	filter_free(f);
	return k;
}

static int on_net(const char *text)
{
	struct row r = net_row();

	return eval_on(text, &r);
}

static int on_empty(const char *text)
{
	struct row r = empty_row();

	return eval_on(text, &r);
}

/* The error and message of a text that must not parse. */
static int parse_error(const char *text, struct error *ret_err)
{
	struct filter *f = NULL;
	int k;

	k = filter_parse(text, col_by_name, col_is_number, NULL, &f, ret_err);
	if (k >= 0) {
		TH_LOG("\"%s\" parsed", text);
		filter_free(f);
	}
	return k;
}

#define EXPECT_PARSE_ERROR(text, err, want_msg)                              \
	do {                                                                 \
		struct error e_ = ERROR_INIT;                                \
		EXPECT_ERRNO(parse_error(text, &e_), err);                   \
		EXPECT_STREQ(e_.msg[0] ? e_.msg : "(no message)", want_msg); \
	} while (0)

TEST(comparisons_of_numbers)
{
	EXPECT_EQ(on_net("NPROCS == 3"), 1);
	EXPECT_EQ(on_net("NPROCS != 3"), 0);
	EXPECT_EQ(on_net("NPROCS > 2"), 1);
	EXPECT_EQ(on_net("NPROCS >= 3"), 1);
	EXPECT_EQ(on_net("NPROCS < 3"), 0);
	EXPECT_EQ(on_net("NPROCS <= 3"), 1);
	EXPECT_EQ(on_net("NPROCS == 3.0"), 1);
	EXPECT_EQ(on_net("NPROCS > 2.5"), 1);
	/* A number column compares as a number: as strings "12345" < "999". */
	EXPECT_EQ(on_net("PID > 999"), 1);
	EXPECT_EQ(on_net("PID < 999"), 0);
	/* So does a string against a number, when it reads as one. */
	EXPECT_EQ(on_net("NPROCS == \"3\""), 1);
	EXPECT_EQ(on_net("NPROCS < \"10\""), 1);
	EXPECT_EQ(on_net("NS > 4026531840"), 1);
	EXPECT_EQ(on_net("NS == 4026532000"), 1);
}

TEST(comparisons_of_strings)
{
	EXPECT_EQ(on_net("TYPE == \"net\""), 1);
	EXPECT_EQ(on_net("TYPE == 'net'"), 1);
	EXPECT_EQ(on_net("TYPE != \"net\""), 0);
	EXPECT_EQ(on_net("TYPE < \"pid\""), 1);
	EXPECT_EQ(on_net("TYPE > \"mnt\""), 1);
	EXPECT_EQ(on_net("TYPE >= \"net\""), 1);
	EXPECT_EQ(on_net("TYPE <= \"ne\""), 0);
	/* Byte by byte, not as numbers: "10" < "9" among strings. */
	EXPECT_EQ(on_net("\"10\" < \"9\""), 1);
	EXPECT_EQ(on_net("TYPE == \"NET\""), 0);
}

TEST(word_operators)
{
	EXPECT_EQ(on_net("NPROCS eq 3"), 1);
	EXPECT_EQ(on_net("NPROCS EQ 3 AND TYPE ne \"pid\""), 1);
	EXPECT_EQ(on_net("NPROCS lt 3 or NPROCS gt 2"), 1);
	EXPECT_EQ(on_net("NPROCS Le 2 Or NPROCS Ge 4"), 0);
	EXPECT_EQ(on_net("not NPROCS == 3"), 0);
	EXPECT_EQ(on_net("NOT (NPROCS == 2)"), 1);
	/* Column names in any case (the resolver's choice here, as lsns's). */
	EXPECT_EQ(on_net("nprocs == 3 && Type == \"net\""), 1);
	/* A column whose name starts with an operator word is a column. */
	EXPECT_EQ(on_net("NOTES == \"x\""), 1);
	EXPECT_EQ(on_net("(NOTES)"), 1);
}

TEST(logic)
{
	EXPECT_EQ(on_net("TYPE == \"pid\" || TYPE == \"net\" && NPROCS == 3"), 1);
	EXPECT_EQ(on_net("TYPE == \"pid\" || TYPE == \"net\" && NPROCS == 2"), 0);
	EXPECT_EQ(on_net("(TYPE == \"pid\" || TYPE == \"net\") && NPROCS == 3"), 1);
	EXPECT_EQ(on_net("(TYPE == \"net\" || TYPE == \"pid\") && NPROCS == 2"), 0);
	EXPECT_EQ(on_net("!NPROCS > 1"), 0);
	EXPECT_EQ(on_net("!(NPROCS > 5)"), 1);
	EXPECT_EQ(on_net("!!(NPROCS > 1)"), 1);
	EXPECT_EQ(on_net("true"), 1);
	EXPECT_EQ(on_net("false"), 0);
	EXPECT_EQ(on_net("TRUE && !False"), 1);
	EXPECT_EQ(on_net("((((NPROCS == 3))))"), 1);
	EXPECT_EQ(on_net("  NPROCS==3&&TYPE==\"net\"  "), 1);
}

/*
 * libsmartcols' grammar (filter-parser.y) gives && and || one precedence,
 * left to right: A || B && C is (A || B) && C, as util-linux 2.41+ reads it.
 */
TEST(and_or_left_to_right)
{
	EXPECT_EQ(on_net("TYPE == \"net\" || TYPE == \"pid\" && NPROCS == 2"), 0);
	EXPECT_EQ(on_net("NPROCS == 2 && TYPE == \"pid\" || TYPE == \"net\""), 1);
	EXPECT_EQ(on_empty("TYPE == \"uts\" || TYPE == \"net\" && NPROCS > 0"), 0);
}

TEST(short_circuit)
{
	struct row r = net_row();

	/* The right side is not read when the left decides. */
	EXPECT_EQ(eval_on("NPROCS == 3 || PID == 1", &r), 1);
	EXPECT_EQ(r.gets, 1);
	r.gets = 0;
	EXPECT_EQ(eval_on("NPROCS == 2 && PID == 1", &r), 0);
	EXPECT_EQ(r.gets, 1);
}

TEST(columns_alone)
{
	/* True when not empty, and for a number not 0. */
	EXPECT_EQ(on_net("NSFS"), 1);
	EXPECT_EQ(on_net("NPROCS"), 1);
	EXPECT_EQ(on_empty("NSFS"), 0);
	EXPECT_EQ(on_empty("NPROCS"), 0);
	EXPECT_EQ(on_empty("!NPROCS"), 1);
	EXPECT_EQ(on_empty("!PID"), 1);
	EXPECT_EQ(on_empty("not NSFS"), 1);
	EXPECT_EQ(on_net("!PID"), 0);
}

TEST(empty_cells)
{
	/* An empty cell equals nothing: only != and !~ are true. */
	EXPECT_EQ(on_empty("PID == \"\""), 0);
	EXPECT_EQ(on_empty("PID == 0"), 0);
	EXPECT_EQ(on_empty("PID != 0"), 1);
	EXPECT_EQ(on_empty("PID < 1"), 0);
	EXPECT_EQ(on_empty("PID >= 0"), 0);
	EXPECT_EQ(on_empty("NSFS =~ \".*\""), 0);
	EXPECT_EQ(on_empty("NSFS !~ \"netns\""), 1);
	EXPECT_EQ(on_empty("NETNSID != \"unassigned\""), 1);
	EXPECT_EQ(on_empty("\"\" == \"\""), 1);
}

TEST(number_against_text)
{
	struct row r = net_row();

	/* A string column that reads as a number compares as one... */
	EXPECT_EQ(on_net("NETNSID >= 5"), 1);
	EXPECT_EQ(on_net("NETNSID == 7"), 1);
	/* ...and one that does not is only != to a number. */
	r.cell[C_NETNSID] = "unassigned";
	EXPECT_EQ(eval_on("NETNSID >= 0", &r), 0);
	EXPECT_EQ(eval_on("NETNSID < 0", &r), 0);
	EXPECT_EQ(eval_on("NETNSID == 0", &r), 0);
	EXPECT_EQ(eval_on("NETNSID != 0", &r), 1);
	EXPECT_EQ(eval_on("NETNSID == \"unassigned\"", &r), 1);
	EXPECT_EQ(eval_on("TYPE > 1", &r), 0);
	EXPECT_EQ(eval_on("TYPE != 1", &r), 1);
}

TEST(booleans)
{
	EXPECT_EQ(on_net("NPROCS > true"), 1);
	EXPECT_EQ(on_empty("NPROCS == false"), 1);
	EXPECT_EQ(on_net("true == 1"), 1);
	EXPECT_EQ(on_net("false == 0"), 1);
}

TEST(suffixes)
{
	struct row r = net_row();

	r.cell[C_NPROCS] = "1024";
	EXPECT_EQ(eval_on("NPROCS == 1K", &r), 1);
	EXPECT_EQ(eval_on("NPROCS == 1KiB", &r), 1);
	EXPECT_EQ(eval_on("NPROCS < 1M", &r), 1);
	r.cell[C_NPROCS] = "1048576";
	EXPECT_EQ(eval_on("NPROCS == 1M", &r), 1);
	EXPECT_EQ(eval_on("NPROCS == 1MiB", &r), 1);
	r.cell[C_NPROCS] = "1073741824";
	EXPECT_EQ(eval_on("NPROCS == 1G", &r), 1);
	r.cell[C_NPROCS] = "1099511627776";
	EXPECT_EQ(eval_on("NPROCS == 1T", &r), 1);
}

TEST(regular_expressions)
{
	EXPECT_EQ(on_net("TYPE =~ \"^n\""), 1);
	EXPECT_EQ(on_net("TYPE =~ \"e\""), 1); /* anywhere */
	EXPECT_EQ(on_net("TYPE =~ \"^(net|pid)$\""), 1);
	EXPECT_EQ(on_net("TYPE =~ \"^ne$\""), 0);
	EXPECT_EQ(on_net("TYPE !~ \"^n\""), 0);
	EXPECT_EQ(on_net("NSFS =~ '^/run/netns/[a-z]+$'"), 1);
	/* A number cell as it is printed. */
	EXPECT_EQ(on_net("PID =~ \"^123\""), 1);
	EXPECT_EQ(on_net("NS =~ \"^4026532000$\""), 1);
	EXPECT_EQ(on_net("NPROCS !~ \"^3$\""), 0);
}

TEST(parse_errors)
{
	EXPECT_PARSE_ERROR("NS ==", -EINVAL, "unexpected end of expression");
	EXPECT_PARSE_ERROR("", -EINVAL, "unexpected end of expression");
	EXPECT_PARSE_ERROR("   ", -EINVAL, "unexpected end of expression");
	EXPECT_PARSE_ERROR("NPROCS > 1 )", -EINVAL, "unexpected )");
	EXPECT_PARSE_ERROR("NPROCS > 1 NPROCS", -EINVAL, "unexpected NPROCS");
	EXPECT_PARSE_ERROR("(NPROCS > 1", -EINVAL, "expected ')' at end of expression");
	EXPECT_PARSE_ERROR("TYPE == \"net", -EINVAL, "unterminated string");
	EXPECT_PARSE_ERROR("TYPE == 'net\"", -EINVAL, "unterminated string");
	EXPECT_PARSE_ERROR("TYPE == \"a\\\"b\"", -EINVAL, "unterminated string");
	EXPECT_PARSE_ERROR("NPROCS > 12x", -EINVAL, "invalid number at \"12x\"");
	EXPECT_PARSE_ERROR("NPROCS > 1k", -EINVAL, "invalid number at \"1k\"");
	EXPECT_PARSE_ERROR("NPROCS > 1KB", -EINVAL, "invalid number at \"1KB\"");
	EXPECT_PARSE_ERROR("TYPE =~ 5", -EINVAL, "=~ and !~ need a \"string\" on the right");
	EXPECT_PARSE_ERROR("TYPE !~ NSFS", -EINVAL, "=~ and !~ need a \"string\" on the right");
	EXPECT_PARSE_ERROR("TYPE =~ \"(\"", -EINVAL, "Unmatched ( or \\(");
	EXPECT_PARSE_ERROR("&& NPROCS", -EINVAL, "unexpected && NPROCS");
	EXPECT_PARSE_ERROR("NPROCS >", -EINVAL, "unexpected end of expression");
	EXPECT_PARSE_ERROR("NPROCS > > 1", -EINVAL, "unexpected > 1");
	EXPECT_PARSE_ERROR("()", -EINVAL, "unexpected )");
}

TEST(unknown_columns)
{
	/* -ENOENT and the name, for "unknown column: NAME". */
	EXPECT_PARSE_ERROR("FOO > 1", -ENOENT, "FOO");
	EXPECT_PARSE_ERROR("NPROCS > 1 && foo_bar.x == 2", -ENOENT, "foo_bar.x");
	/* A bare word is a column, not a string. */
	EXPECT_PARSE_ERROR("TYPE == net", -ENOENT, "net");
}

TEST(limits)
{
	_cleanup_free_ char *deep = NULL, *ok = NULL, *nots = NULL, *big = NULL;
	size_t n = 200;

	/* Nested at most 64 deep; deeper is refused, not a stack overflow. */
	deep = malloc(2 * n + 16);
	ASSERT_TRUE(deep != NULL);
	memset(deep, '(', n);
	strcpy(deep + n, "1");
	memset(deep + n + 1, ')', n);
	deep[2 * n + 1] = '\0';
	EXPECT_PARSE_ERROR(deep, -EINVAL, "expression nested too deeply");

	ok = malloc(2 * 63 + 16);
	ASSERT_TRUE(ok != NULL);
	memset(ok, '(', 63);
	strcpy(ok + 63, "NPROCS");
	memset(ok + 69, ')', 63);
	ok[69 + 63] = '\0';
	EXPECT_EQ(on_net(ok), 1);

	nots = malloc(n + 16);
	ASSERT_TRUE(nots != NULL);
	memset(nots, '!', n);
	strcpy(nots + n, "NPROCS");
	EXPECT_PARSE_ERROR(nots, -EINVAL, "expression nested too deeply");

	/* At most 4096 characters. */
	big = malloc(5000);
	ASSERT_TRUE(big != NULL);
	memset(big, ' ', 4097);
	strcpy(big + 4097, "true");
	EXPECT_PARSE_ERROR(big, -EINVAL, "expression too long");
	big[4096 - 4] = '\0';
	strcat(big, "true");
	EXPECT_EQ(on_net(big), 1);
}

TEST(uses)
{
	struct filter *f = NULL;

	ASSERT_OK(filter_parse("PID > 1 || (nsfs =~ \"x\" && !NETNSID)", col_by_name, col_is_number,
			       NULL, &f, NULL));
	EXPECT_TRUE(filter_uses(f, C_PID));
	EXPECT_TRUE(filter_uses(f, C_NSFS));
	EXPECT_TRUE(filter_uses(f, C_NETNSID));
	EXPECT_FALSE(filter_uses(f, C_NS));
	EXPECT_FALSE(filter_uses(f, C_TYPE));
	EXPECT_FALSE(filter_uses(f, -1));
	EXPECT_FALSE(filter_uses(f, 100000));
	filter_free(f);
	EXPECT_FALSE(filter_uses(NULL, C_PID));
	filter_free(NULL);
}

TEST(userdata_reaches_the_callbacks)
{
	struct filter *f = NULL;
	struct error e = ERROR_INIT;
	struct row r = net_row();

	/* The row callback gets its own userdata, not the parser's. */
	ASSERT_OK(filter_parse("TYPE == \"net\"", col_by_name, col_is_number, (void *)1, &f, &e));
	EXPECT_FALSE(error_is_set(&e));
	EXPECT_EQ(filter_eval(f, row_get, &r), 1);
	EXPECT_EQ(r.gets, 1);
	/* The same filter on another row. */
	r.cell[C_TYPE] = "pid";
	EXPECT_EQ(filter_eval(f, row_get, &r), 0);
	filter_free(f);
}

TAP_MAIN();
