/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * log.h - the CLI's one place for messages.  Every error is one line on
 * stderr, "PROGRAM: what failed: why", and the helpers return their error
 * argument so that a caller can write "return log_error_errno(r, ...)".
 */
#pragma once

#include "macro.h"

/* What messages start with: "nook unshare", or "unshare" when run through a symlink. */
extern const char *program_name;
/* argv[0] as given, which getopt's own messages use (util-linux does the same). */
extern const char *program_argv0;

void log_set_program(const char *name, const char *argv0);
int log_error_errno(int err, const char *fmt, ...) _printf_(2, 3);
int log_error(const char *fmt, ...) _printf_(1, 2);
void log_warn(const char *fmt, ...) _printf_(1, 2);
int log_try_help(void);
