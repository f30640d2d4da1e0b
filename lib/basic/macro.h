/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * macro.h - small helpers every file of nook uses: cleanup attributes,
 * ownership transfer, errno conventions.
 *
 * Cleanup functions accept NULL or a negative fd and preserve errno, so a
 * function may set errno, return, and have its caller still see the value.
 */
#pragma once

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define _cleanup_(f) __attribute__((cleanup(f)))
#define _unused_ __attribute__((unused))
#define _noreturn_ __attribute__((noreturn))
#define _printf_(a, b) __attribute__((format(printf, a, b)))
#define _pure_ __attribute__((pure))
#define _likely_(x) __builtin_expect(!!(x), 1)
#define _unlikely_(x) __builtin_expect(!!(x), 0)

#define ELEMENTSOF(x) (sizeof(x) / sizeof((x)[0]))
#define STRLEN(s) (sizeof(s) - 1)
#define streq(a, b) (strcmp((a), (b)) == 0)

/* Enough room for the decimal form of any integer type, sign and NUL included. */
#define DECIMAL_STR_MAX(type) \
	(2 + (sizeof(type) <= 1 ? 3 : sizeof(type) <= 2 ? 5 : sizeof(type) <= 4 ? 10 : 20))

/* Take a value out of a variable and reset the variable, for ownership transfer. */
#define TAKE_PTR(p)                   \
	({                            \
		typeof(p) _tp_ = (p); \
		(p) = NULL;           \
		_tp_;                 \
	})
#define TAKE_FD(fd)              \
	({                       \
		int _tf_ = (fd); \
		(fd) = -EBADF;   \
		_tf_;            \
	})

/* Turn a libc "-1 and errno" result into our "-errno" convention. */
#define RET_NERRNO(expr)                                   \
	({                                                 \
		typeof(expr) _rn_ = (expr);                \
		_rn_ < 0 ? -negative_errno_value() : _rn_; \
	})

/* errno as a positive value that is never 0, for paths where a call failed
 * but may not have set errno. */
static inline int negative_errno_value(void)
{
	return errno > 0 ? errno : EIO;
}

static inline int negative_errno(void)
{
	return -negative_errno_value();
}

/* free() that returns NULL, so "p = x_free(p);" leaves no dangling pointer. */
static inline void *x_free(void *p)
{
	free(p);
	return NULL;
}

static inline void freep(void *p)
{
	free(*(void **)p);
}
#define _cleanup_free_ _cleanup_(freep)

/* Close an fd if it is one, keep errno, return -EBADF for "fd = safe_close(fd);". */
static inline int safe_close(int fd)
{
	if (fd >= 0) {
		int saved = errno;

		/* Never retried: on Linux the fd is gone even when close() fails. */
		(void)close(fd);
		errno = saved;
	}
	return -EBADF;
}

static inline void closep(int *fd)
{
	safe_close(*fd);
}
#define _cleanup_close_ _cleanup_(closep)

static inline void fclosep(FILE **f)
{
	if (*f) {
		int saved = errno;

		(void)fclose(*f);
		errno = saved;
	}
}
#define _cleanup_fclose_ _cleanup_(fclosep)

static inline void closedirp(DIR **d)
{
	if (*d) {
		int saved = errno;

		(void)closedir(*d);
		errno = saved;
	}
}
#define _cleanup_closedir_ _cleanup_(closedirp)

/* For our own types: DEFINE_TRIVIAL_CLEANUP_FUNC(struct foo *, foo_free) gives foo_freep(). */
#define DEFINE_TRIVIAL_CLEANUP_FUNC(type, func) \
	static inline void func##p(type *p)     \
	{                                       \
		if (*p) {                       \
			int _saved_ = errno;    \
			func(*p);               \
			errno = _saved_;        \
		}                               \
	}
