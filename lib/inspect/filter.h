/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * filter.h - row filters in the syntax of scols-filter(5), as lsns -Q and
 * lsblk -Q take them: NPROCS > 1 && TYPE == "net", USER =~ "^ro", !NSFS.
 *
 * libsmartcols has them from 2.40 on; Debian 12 ships 2.38, so this is our
 * own small evaluator of the same language: || && ! (and OR AND NOT), the
 * comparisons == != < <= > >= (EQ NE LT LE GT GE), =~ and !~ with POSIX
 * extended regular expressions, parentheses, integers (with K M G T P E Z Y
 * and KiB... suffixes), floats, "strings" or 'strings', true and false, and
 * column names.  A column compares as a number when its type is a number;
 * a column or value alone is true when it is not empty (and not 0).
 */
#pragma once

#include <stdbool.h>

#include "error.h"

struct filter;

/* Resolve a column name (any case) to a number >= 0, or -ENOENT. */
typedef int (*filter_column_fn)(void *userdata, const char *name);
/* Whether a column holds numbers. */
typedef int (*filter_is_number_fn)(void *userdata, int column);
/* A row's text in a column; NULL when empty. */
typedef const char *(*filter_get_fn)(void *userdata, int column);

int filter_parse(const char *text, filter_column_fn column, filter_is_number_fn is_number,
		 void *userdata, struct filter **ret, struct error *ret_err);
int filter_eval(const struct filter *f, filter_get_fn get, void *userdata);
bool filter_uses(const struct filter *f, int column);
void filter_free(struct filter *f);
