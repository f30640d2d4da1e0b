/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-alloc.c - GREEDY_REALLOC: growth, contents kept, overflow refused. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "alloc-util.h"
#include "macro.h"
#include "tap.h"

TEST(grows_and_keeps)
{
	_cleanup_free_ int *v = NULL;
	size_t cap = 0, n = 0;
	size_t grows = 0, last = 0;

	for (int i = 0; i < 10000; i++) {
		ASSERT_OK(GREEDY_REALLOC(v, cap, n + 1));
		if (cap != last)
			grows++, last = cap;
		v[n++] = i;
	}
	EXPECT_TRUE(cap >= n);
	/* doubling: a handful of reallocations, not one per element */
	EXPECT_LT(grows, 20);
	for (int i = 0; i < 10000; i++)
		if (v[i] != i)
			ASSERT_EQ(v[i], i);
	/* room already there: nothing moves */
	int *before = v;
	ASSERT_OK(GREEDY_REALLOC(v, cap, n));
	EXPECT_TRUE(v == before);
}

TEST(zero_is_nothing_to_do)
{
	_cleanup_free_ char *v = NULL;
	size_t cap = 0;

	ASSERT_OK(GREEDY_REALLOC(v, cap, 0));
	EXPECT_TRUE(v == NULL);
	EXPECT_EQ(cap, 0);
}

TEST(overflow)
{
	_cleanup_free_ uint64_t *v = NULL;
	size_t cap = 0;

	EXPECT_ERRNO(GREEDY_REALLOC(v, cap, SIZE_MAX / 4), -ENOMEM);
	EXPECT_TRUE(v == NULL);
	EXPECT_EQ(cap, 0);
	ASSERT_OK(GREEDY_REALLOC(v, cap, 3));
	EXPECT_ERRNO(GREEDY_REALLOC(v, cap, SIZE_MAX), -ENOMEM);
	EXPECT_TRUE(v != NULL);
	EXPECT_TRUE(cap >= 3);
}

TAP_MAIN();
