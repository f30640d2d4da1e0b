/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * parallel.h - run independent per-item work on every CPU.
 *
 * Scanning /proc is syscall-bound, and each syscall there is a separate
 * lookup in the kernel: two CPUs do it in about half the time.
 */
#pragma once

#include <stddef.h>

/* Called for items [begin, end); must touch nothing other items touch. */
typedef void (*parallel_fn)(size_t begin, size_t end, void *userdata);

int parallel_for(size_t n, size_t min_per_thread, parallel_fn fn, void *userdata);
