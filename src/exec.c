/* SPDX-License-Identifier: GPL-2.0-or-later */
/* exec.c - the last step of unshare, nsenter and enter: exec the program or a login shell. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "log.h"
#include "nook.h"
#include "process.h"

/**
 * exec_command() - exec @argv, or a login shell, as util-linux does
 * @argv: the program and its arguments (looked up in PATH), or NULL for a shell
 * @shell: the shell; NULL for $SHELL, the passwd shell, /bin/sh
 *
 * Return: only on failure, the exit status: 127 when the program does not
 * exist, 126 when it cannot be run, after one line on stderr.
 */
int exec_command(char *const argv[], const char *shell)
{
	char argv0[PATH_MAX];
	int r;

	if (argv) {
		r = proc_exec(argv);
		log_error_errno(r, "failed to execute %s: %m", argv[0]);
		return proc_exec_status(r);
	}
	r = shell ? proc_login_argv0(shell, argv0, sizeof(argv0))
		  : proc_shell(&shell, argv0, sizeof(argv0));
	if (r < 0)
		return log_error_errno(r, "failed to execute the shell: %m"), EXIT_FAILURE;
	execl(shell, argv0, (char *)NULL);
	r = negative_errno();
	log_error_errno(r, "failed to execute %s: %m", shell);
	return proc_exec_status(r);
}
