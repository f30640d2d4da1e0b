/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

/* A code that is not a -errno still reaches the user as a failure. */
static int fix_code(int code)
{
	return code < 0 ? code : -EIO;
}

/**
 * error_setv() - error_set() with a va_list
 * @e: the carrier, or NULL
 * @code: -errno
 * @fmt: printf format for what failed; NULL leaves the message empty
 * @ap: its arguments
 *
 * Return: @code (-EIO if it was not negative).
 */
int error_setv(struct error *e, int code, const char *fmt, va_list ap)
{
	code = fix_code(code);
	if (!e)
		return code;
	e->code = code;
	e->flags = 0;
	e->reason[0] = '\0';
	e->msg[0] = '\0';
	if (fmt)
		(void)vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	return code;
}

/**
 * error_set() - record a failure where it happens
 * @e: the carrier, or NULL
 * @code: -errno
 * @fmt: what failed, naming the path, field or step ("open `/proc/%d/ns/net`")
 *
 * Any earlier content of @e is replaced.
 *
 * Return: @code (-EIO if it was not negative), for "return error_set(...)".
 */
int error_set(struct error *e, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = error_setv(e, code, fmt, ap);
	va_end(ap);
	return code;
}

/**
 * error_set_whole() - record a failure whose message is the whole line
 * @e: the carrier, or NULL
 * @code: -errno
 * @fmt: the line, with the why in it if it has one (ERROR_MSG_WHOLE)
 *
 * Return: @code (-EIO if it was not negative).
 */
int error_set_whole(struct error *e, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = error_setv(e, code, fmt, ap);
	va_end(ap);
	if (e)
		e->flags |= ERROR_MSG_WHOLE;
	return code;
}

/**
 * error_set_reason() - record the kernel's own words for a failure
 * @e: the carrier, or NULL
 * @code: -errno
 * @reason: the reason (a netlink extended ACK), or NULL/"" for none; a final
 *	    '.' is dropped so that front ends can add their own punctuation
 *
 * The message (what failed) is kept, for the caller to fill or prefix.
 *
 * Return: @code (-EIO if it was not negative).
 */
int error_set_reason(struct error *e, int code, const char *reason)
{
	size_t n;

	code = fix_code(code);
	if (!e)
		return code;
	e->code = code;
	e->reason[0] = '\0';
	if (!reason)
		return code;
	(void)snprintf(e->reason, sizeof(e->reason), "%s", reason);
	n = strlen(e->reason);
	if (n > 0 && e->reason[n - 1] == '.')
		e->reason[n - 1] = '\0';
	return code;
}

/**
 * error_prefix() - add context in front of the message on the way up
 * @e: the carrier, or NULL
 * @fmt: the context ("container %s"); ": " joins it to the message
 *
 * With an empty message the context becomes the message.  A message that
 * would not fit is cut at the end, never at the context.
 *
 * Return: @e's code, or -EIO when @e is NULL or carries no error (a caller
 * that prefixes has seen a failure).
 */
int error_prefix(struct error *e, const char *fmt, ...)
{
	char old[ERROR_MSG_MAX];
	va_list ap;
	int n;

	if (!e)
		return -EIO;
	e->code = fix_code(e->code);
	memcpy(old, e->msg, sizeof(old));
	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof(e->msg) && old[0])
		(void)snprintf(e->msg + n, sizeof(e->msg) - n, ": %s", old);
	return e->code;
}

/**
 * error_clear() - forget a failure, e.g. one that was handled
 * @e: the carrier, or NULL
 */
void error_clear(struct error *e)
{
	if (!e)
		return;
	e->code = 0;
	e->flags = 0;
	e->msg[0] = '\0';
	e->reason[0] = '\0';
}

/**
 * error_why() - why it failed, for the end of the printed line
 * @e: the carrier
 *
 * Return: the kernel's reason if it gave one, else strerror(-code).
 */
const char *error_why(const struct error *e)
{
	if (e->reason[0])
		return e->reason;
	return strerror(-fix_code(e->code));
}

/**
 * error_format() - "what failed: why", the plain form of the message
 * @e: the carrier (with ERROR_MSG_WHOLE, its message alone)
 * @buf: where to write it
 * @size: its size
 *
 * A message marked ERROR_MSG_WHOLE is the line as it is.
 *
 * Return: @buf.
 */
const char *error_format(const struct error *e, char *buf, size_t size)
{
	if (e->flags & ERROR_MSG_WHOLE)
		(void)snprintf(buf, size, "%s", e->msg);
	else if (e->msg[0])
		(void)snprintf(buf, size, "%s: %s", e->msg, error_why(e));
	else
		(void)snprintf(buf, size, "%s", error_why(e));
	return buf;
}
