/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "alloc-util.h"

/**
 * greedy_realloc() - make room for at least @need elements
 * @p: the array (NULL for none yet); on success it may have moved
 * @allocated: how many elements it has room for; updated
 * @need: how many it must have room for
 * @size: the size of one element
 *
 * The array at least doubles each time it grows, so adding one element at a
 * time costs amortised O(1).  On failure the array is untouched.
 *
 * Return: 0, or -ENOMEM (also when @need * @size would overflow).
 */
int greedy_realloc(void **p, size_t *allocated, size_t need, size_t size)
{
	size_t cap;
	void *q;

	if (need <= *allocated && (*p || need == 0))
		return 0;
	if (size == 0 || need > SIZE_MAX / size)
		return -ENOMEM;
	cap = need < 8 ? 8 : need;
	if (*allocated > cap / 2 && *allocated <= SIZE_MAX / size / 2)
		cap = *allocated * 2;
	q = reallocarray(*p, cap, size);
	if (!q) {
		cap = need; /* the doubling may be what did not fit */
		q = reallocarray(*p, cap, size);
		if (!q)
			return -ENOMEM;
	}
	*p = q;
	*allocated = cap;
	return 0;
}
