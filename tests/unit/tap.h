/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tap.h - nook's header-only TAP harness for unit tests, with the names of
 * the kernel's kselftest harness and systemd's tests:
 *
 *	TEST(parse_range)
 *	{
 *		ASSERT_OK(idmap_parse_range("0:1000:1", &r));
 *		EXPECT_EQ(r.outer, 1000);
 *	}
 *	TAP_MAIN();
 *
 * ASSERT_* ends the test by returning from its function, so cleanup
 * attributes still run (a longjmp would skip them and ASan would see leaks):
 * use it in a TEST body, never in a helper.  EXPECT_* records and goes on.
 * Comparisons take integers of any types and compare values: -1 != UINT32_MAX.
 * Tests run in one process, in source order; a child of fork() must _exit().
 * Exit status: 0, 1 if a test failed, 77 (meson's skip) if all skipped.
 */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAP_MAX_TESTS 256

static struct {
	struct {
		const char *name;
		void (*fn)(void);
		int line;
	} tests[TAP_MAX_TESTS];
	size_t n;
	bool failed;	  /* the running test */
	const char *skip; /* its SKIP reason */
} tap;

static inline void tap_register(const char *name, void (*fn)(void), int line)
{
	if (tap.n >= TAP_MAX_TESTS)
		abort();
	tap.tests[tap.n].name = name;
	tap.tests[tap.n].fn = fn;
	tap.tests[tap.n++].line = line;
}

/* Constructors run in no promised order: tap_main() sorts by line. */
#define TEST(name)                                                    \
	static void test_##name(void);                                \
	__attribute__((constructor)) static void tap_reg_##name(void) \
	{                                                             \
		tap_register(#name, test_##name, __LINE__);           \
	}                                                             \
	static void test_##name(void)

/* A "# " diagnostic line, as kselftest's TH_LOG(). */
__attribute__((format(printf, 1, 2))) static inline void TH_LOG(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* An integer of any type as its sign and bits; (type)-1 < 1 only for signed types. */
struct tap_val {
	bool neg;
	uintmax_t u;
};

static inline struct tap_val tap_val(bool is_signed, uintmax_t bits)
{
	return (struct tap_val){ is_signed && (intmax_t)bits < 0, bits };
}

#define TAP_VAL(x)                                                  \
	({                                                          \
		__auto_type tap_x_ = (x);                           \
		tap_val((typeof(tap_x_))-1 < 1, (uintmax_t)tap_x_); \
	})

static inline int tap_cmp(struct tap_val a, struct tap_val b)
{
	if (a.neg != b.neg)
		return a.neg ? -1 : 1;
	/* Of one sign, two's complement bits sort as the values do. */
	return a.u < b.u ? -1 : a.u > b.u;
}

/* The value, and with @err a negative errno's name: "-22 (EINVAL)". */
static inline const char *tap_str(struct tap_val v, bool err, char buf[48])
{
	bool is_errno = err && v.neg && (intmax_t)v.u > -4096;
	const char *name = is_errno ? strerrorname_np((int)-(intmax_t)v.u) : NULL;

	if (!v.neg)
		snprintf(buf, 48, "%ju", v.u);
	else
		snprintf(buf, 48, name ? "%jd (%s)" : "%jd", (intmax_t)v.u, name);
	return buf;
}

/* The checks: each logs a failure, marks the test failed, and returns @ok. */
static inline bool tap_check(bool ok, const char *file, int line, const char *expr)
{
	if (!ok) {
		TH_LOG("%s:%d: %s failed", file, line, expr);
		tap.failed = true;
	}
	return ok;
}

static inline bool tap_check_cmp(bool ok, const char *file, int line, const char *expr, bool err,
				 struct tap_val a, struct tap_val b)
{
	char sa[48], sb[48];

	if (!ok) {
		TH_LOG("%s:%d: %s failed: %s vs %s", file, line, expr, tap_str(a, err, sa),
		       tap_str(b, err, sb));
		tap.failed = true;
	}
	return ok;
}

/* Both strings, each on one line: quoted, "\n" for a newline. */
static inline bool tap_check_str(const char *file, int line, const char *expr, const char *a,
				 const char *b)
{
	const char *v[2] = { a, b };

	if (tap_check(a && b && strcmp(a, b) == 0, file, line, expr))
		return true;
	for (int i = 0; i < 2; i++) {
		fputs(i ? "#   expected " : "#   got      ", stdout);
		fputs(v[i] ? "\"" : "NULL", stdout);
		for (const char *p = v[i]; p && *p; p++)
			fputs(*p == '\n' ? "\\n" : (char[]){ *p, '\0' }, stdout);
		fputs(v[i] ? "\"\n" : "\n", stdout);
	}
	return false;
}

/*
 * ASSERT_* returns from the TEST function.  The macros below stringify their
 * arguments themselves: passed on, -EINVAL would read -22.
 */
#define TAP_BAIL(fatal, ok)           \
	do {                          \
		if (!(ok) && (fatal)) \
			return;       \
	} while (0)

#define TAP_CMP(fatal, err, a, op, b, expr)                                                     \
	do {                                                                                    \
		struct tap_val tap_a_ = TAP_VAL(a), tap_b_ = TAP_VAL(b);                        \
		TAP_BAIL(fatal, tap_check_cmp(tap_cmp(tap_a_, tap_b_) op 0, __FILE__, __LINE__, \
					      expr, err, tap_a_, tap_b_));                      \
	} while (0)
#define TAP_TRUE(fatal, x, expr) TAP_BAIL(fatal, tap_check(!!(x), __FILE__, __LINE__, expr))
#define TAP_STREQ(fatal, a, b, expr) TAP_BAIL(fatal, tap_check_str(__FILE__, __LINE__, expr, a, b))

#define ASSERT_OK(r) TAP_CMP(true, true, r, >=, 0, #r " >= 0")
#define ASSERT_EQ(a, b) TAP_CMP(true, false, a, ==, b, #a " == " #b)
#define ASSERT_NE(a, b) TAP_CMP(true, false, a, !=, b, #a " != " #b)
#define ASSERT_LT(a, b) TAP_CMP(true, false, a, <, b, #a " < " #b)
#define ASSERT_GT(a, b) TAP_CMP(true, false, a, >, b, #a " > " #b)
#define ASSERT_ERRNO(r, err) TAP_CMP(true, true, r, ==, err, #r " == " #err)
#define ASSERT_TRUE(x) TAP_TRUE(true, x, #x)
#define ASSERT_FALSE(x) TAP_TRUE(true, !(x), "!(" #x ")")
#define ASSERT_STREQ(a, b) TAP_STREQ(true, a, b, #a " == " #b)

#define EXPECT_OK(r) TAP_CMP(false, true, r, >=, 0, #r " >= 0")
#define EXPECT_EQ(a, b) TAP_CMP(false, false, a, ==, b, #a " == " #b)
#define EXPECT_NE(a, b) TAP_CMP(false, false, a, !=, b, #a " != " #b)
#define EXPECT_LT(a, b) TAP_CMP(false, false, a, <, b, #a " < " #b)
#define EXPECT_GT(a, b) TAP_CMP(false, false, a, >, b, #a " > " #b)
#define EXPECT_ERRNO(r, err) TAP_CMP(false, true, r, ==, err, #r " == " #err)
#define EXPECT_TRUE(x) TAP_TRUE(false, x, #x)
#define EXPECT_FALSE(x) TAP_TRUE(false, !(x), "!(" #x ")")
#define EXPECT_STREQ(a, b) TAP_STREQ(false, a, b, #a " == " #b)

/* End the test as "ok N - name # SKIP reason". */
#define SKIP(reason)                 \
	do {                         \
		tap.skip = (reason); \
		return;              \
	} while (0)

static inline int tap_by_line(const void *a, const void *b)
{
	return ((const typeof(tap.tests[0]) *)a)->line - ((const typeof(tap.tests[0]) *)b)->line;
}

static inline int tap_main(void)
{
	size_t failed = 0, skipped = 0;

	/* Line-buffered: a forked child must not inherit half a report. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	qsort(tap.tests, tap.n, sizeof(tap.tests[0]), tap_by_line);
	printf("1..%zu\n", tap.n);
	for (size_t i = 0; i < tap.n; i++) {
		tap.failed = false;
		tap.skip = NULL;
		tap.tests[i].fn();
		failed += tap.failed;
		skipped += !tap.failed && tap.skip;
		printf("%s %zu - %s%s%s\n", tap.failed ? "not ok" : "ok", i + 1, tap.tests[i].name,
		       !tap.failed && tap.skip ? " # SKIP " : "",
		       !tap.failed && tap.skip ? tap.skip : "");
	}
	if (failed)
		return EXIT_FAILURE;
	return tap.n > 0 && skipped == tap.n ? 77 : EXIT_SUCCESS;
}

#define TAP_MAIN()                 \
	int main(void)             \
	{                          \
		return tap_main(); \
	}
