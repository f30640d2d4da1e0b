/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * error.h - nook's one error carrier.
 *
 * A function that can fail returns -errno.  When the caller needs more than
 * the errno ("Invalid argument" says nothing about which of thirty mounts
 * failed), the function also takes an optional last argument
 * "struct error *ret_err" and fills it where the failure happens:
 *
 *	return error_set(ret_err, r, "mount `%s` on `%s`", src, dst);
 *
 * Callers on the way up add what they know:
 *
 *	return error_prefix(ret_err, "container %s", id);
 *
 * and the front end prints it once, in its own language (util-linux's
 * "PROGRAM: msg: why", ip's "Error: ...", runc's JSON log line):
 *
 *	log_error_errno(e.code, "%s: %s", e.msg, error_why(&e));
 *
 * The struct has no pointers, so it is also what a child sends its parent
 * over the sync socket (lib/linux/process.h) when a setup step fails on the
 * far side of clone().
 *
 * @ret_err may always be NULL: the helpers then only return the errno.
 */
#pragma once

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "macro.h"

/* Room for a message naming two whole paths ("mount SRC on DST"), so that
 * no line users see is cut; the kernel's reasons are short. */
#define ERROR_MSG_MAX (2 * PATH_MAX + 256)
#define ERROR_REASON_MAX 256

enum {
	/* The errno is a netlink answer: the kernel looked at the request and
	 * refused it (ip prints these as "RTNETLINK answers", exit 2). */
	ERROR_KERNEL_ANSWER = 1 << 0,
	/* The message is the whole line: it says why itself, or needs no why
	 * ("no process is named 'x'"; "cannot open x: No such file or
	 * directory (nor is there ...)"), so front ends print it alone. */
	ERROR_MSG_WHOLE = 1 << 1,
};

struct error {
	int code;		 /* -errno; 0: no error */
	unsigned flags;		 /* ERROR_* */
	char msg[ERROR_MSG_MAX]; /* what failed: the step, path, field or name; "" if unknown */
	char reason[ERROR_REASON_MAX]; /* why, in the kernel's own words (netlink
					* extended ACK), without a final '.'; "" when
					* strerror(-code) is all there is */
};

#define ERROR_INIT \
	{          \
		0  \
	}

int error_set(struct error *e, int code, const char *fmt, ...) _printf_(3, 4);
int error_setv(struct error *e, int code, const char *fmt, va_list ap) _printf_(3, 0);
int error_prefix(struct error *e, const char *fmt, ...) _printf_(2, 3);
int error_set_whole(struct error *e, int code, const char *fmt, ...) _printf_(3, 4);
int error_set_reason(struct error *e, int code, const char *reason);
void error_clear(struct error *e);
const char *error_why(const struct error *e);
const char *error_format(const struct error *e, char *buf, size_t size);

/* True if @e carries a failure. */
static inline bool error_is_set(const struct error *e)
{
	return e && e->code < 0;
}
