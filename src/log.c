/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "log.h"

const char *program_name = "nook";
const char *program_argv0 = "nook";

/**
 * log_set_program() - set the name that prefixes messages
 * @name: "nook unshare" or "unshare"
 * @argv0: the argv[0] that getopt's messages show
 */
void log_set_program(const char *name, const char *argv0)
{
	program_name = name;
	program_argv0 = argv0;
}

static void vlog(int err, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", program_name);
	/* %m in @fmt prints strerror(-err). */
	if (err != 0)
		errno = err < 0 ? -err : err;
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/**
 * log_error_errno() - print "PROGRAM: message" where %m is strerror(-err)
 * @err: -errno
 * @fmt: printf format
 *
 * Return: @err, or -EIO if it was not negative.
 */
int log_error_errno(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(err, fmt, ap);
	va_end(ap);
	return err < 0 ? err : -EIO;
}

/**
 * log_error() - print "PROGRAM: message"
 * @fmt: printf format
 *
 * Return: -EINVAL, for "return log_error(...)" on bad input.
 */
int log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(0, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/**
 * log_warn() - print "PROGRAM: message" and go on
 * @fmt: printf format
 */
void log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(0, fmt, ap);
	va_end(ap);
}

/**
 * log_try_help() - the line after a usage error, as util-linux prints it
 *
 * Return: EXIT_FAILURE, to be returned from the command.
 */
int log_try_help(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", program_name);
	return EXIT_FAILURE;
}
