/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * alloc-util.h - growing arrays, the one way (systemd's GREEDY_REALLOC):
 *
 *	struct item *v = NULL;
 *	size_t n = 0, cap = 0;
 *
 *	if (GREEDY_REALLOC(v, cap, n + 1) < 0)
 *		return -ENOMEM;
 *	v[n++] = item;
 */
#pragma once

#include <stddef.h>

int greedy_realloc(void **p, size_t *allocated, size_t need, size_t size);

/* Make room for @need elements in @array, which holds @allocated; 0 or -ENOMEM. */
#define GREEDY_REALLOC(array, allocated, need) \
	greedy_realloc((void **)&(array), &(allocated), (need), sizeof((array)[0]))
