/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "macro.h"
#include "process.h"

/**
 * sync_open() - a socket pair for parent/child synchronisation
 * @ret_fds: [0] for one side, [1] for the other; both close-on-exec
 *
 * SOCK_SEQPACKET keeps message boundaries, so one struct sync_msg is one
 * read, and a peer that dies is seen as end-of-file instead of a hang.
 *
 * Return: 0, or -errno.
 */
int sync_open(int ret_fds[2])
{
	return RET_NERRNO(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ret_fds));
}

/**
 * sync_send() - report a result to the other side
 * @fd: our end
 * @e: the failure, with what failed; NULL for success ("go on")
 *
 * The whole struct error crosses, so the parent prints what the child saw.
 *
 * Return: 0, or -errno.
 */
int sync_send(int fd, const struct error *e)
{
	struct error m = ERROR_INIT;

	if (e)
		m = *e;
	for (;;) {
		ssize_t n = send(fd, &m, sizeof(m), MSG_NOSIGNAL);

		if (n == (ssize_t)sizeof(m))
			return 0;
		if (n < 0 && errno == EINTR)
			continue;
		return n < 0 ? negative_errno() : -EIO;
	}
}

/**
 * sync_recv() - wait for the other side's report
 * @fd: our end
 * @ret: the report
 *
 * Return: 0, -EPIPE when the peer closed its end without reporting, or -errno.
 */
int sync_recv(int fd, struct error *ret)
{
	for (;;) {
		ssize_t n = recv(fd, ret, sizeof(*ret), 0);

		if (n == (ssize_t)sizeof(*ret)) {
			/* the peer is ours, but a message is only read as a string when
			 * it surely ends */
			ret->msg[sizeof(ret->msg) - 1] = '\0';
			ret->reason[sizeof(ret->reason) - 1] = '\0';
			if (ret->code > 0)
				ret->code = -EIO;
			return 0;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			return -EPIPE;
		return n < 0 ? negative_errno() : -EIO;
	}
}

/**
 * sync_wake() - tell the other side to go on
 * @fd: our end
 *
 * Return: 0, or -errno.
 */
int sync_wake(int fd)
{
	return sync_send(fd, NULL);
}

/**
 * sync_wait() - block until the other side says go on
 * @fd: our end
 *
 * Return: 0, the peer's error, -EPIPE if it went away, or -errno.
 */
int sync_wait(int fd)
{
	struct error m;
	int r = sync_recv(fd, &m);

	return r < 0 ? r : m.code;
}

/**
 * proc_wait() - waitpid(2) for @pid, retrying EINTR
 * @pid: a child
 * @ret_status: the wait status
 *
 * Return: 0, or -errno.
 */
int proc_wait(pid_t pid, int *ret_status)
{
	for (;;) {
		if (waitpid(pid, ret_status, 0) >= 0)
			return 0;
		if (errno != EINTR)
			return negative_errno();
	}
}

/**
 * proc_exec() - execvp(2)
 * @argv: the program and its arguments; argv[0] is looked up in PATH
 *
 * Return: -errno (it returns only on failure).
 */
int proc_exec(char *const argv[])
{
	execvp(argv[0], argv);
	return negative_errno();
}

/**
 * proc_exec_command() - exec a program, or a login shell, as util-linux does
 * @argv: the program and its arguments (looked up in PATH), or NULL for a shell
 * @shell: the shell; NULL for $SHELL, else the user's passwd shell, else /bin/sh
 *	   (looked up now: after a new root or -S, the new world's)
 * @ret_status: on failure, the exit status to end with: 127 when the program
 *		does not exist, 126 when it cannot be run, 1 when there is no shell
 * @ret_err: on failure, "failed to execute PROGRAM" and why
 *
 * The last step of unshare, nsenter and enter (and of the runtime's init).
 *
 * Return: only on failure, -errno.
 */
int proc_exec_command(char *const argv[], const char *shell, int *ret_status, struct error *ret_err)
{
	char argv0[PATH_MAX];
	int r;

	if (argv) {
		r = proc_exec(argv);
		*ret_status = proc_exec_status(r);
		return error_set(ret_err, r, "failed to execute %s", argv[0]);
	}
	r = shell ? proc_login_argv0(shell, argv0, sizeof(argv0))
		  : proc_shell(&shell, argv0, sizeof(argv0));
	if (r < 0) {
		*ret_status = EXIT_FAILURE;
		return error_set(ret_err, r, "failed to execute the shell");
	}
	execl(shell, argv0, (char *)NULL);
	r = negative_errno();
	*ret_status = proc_exec_status(r);
	return error_set(ret_err, r, "failed to execute %s", shell);
}

/**
 * proc_exec_status() - the exit status for a failed exec, as util-linux and shells use
 * @err: -errno from proc_exec()
 *
 * Return: 127 when the program does not exist, 126 when it cannot be run.
 */
int proc_exec_status(int err)
{
	return err == -ENOENT ? 127 : 126;
}

/**
 * proc_login_argv0() - the argv[0] of a login shell: "-" + basename(@shell)
 * @shell: the shell's path
 * @argv0: buffer, so that the shell reads its profile
 * @size: its size
 *
 * Return: 0, or -ENAMETOOLONG.
 */
int proc_login_argv0(const char *shell, char *argv0, size_t size)
{
	const char *base = strrchr(shell, '/');
	int n = snprintf(argv0, size, "-%s", base ? base + 1 : shell);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/**
 * proc_shell() - the shell to run when no program is given, and its login argv[0]
 * @ret_path: $SHELL if set and non-empty, else the user's passwd shell, else /bin/sh
 * @argv0: buffer for "-" + basename(shell), so the shell reads its profile
 * @size: its size
 *
 * Return: 0, or -ENAMETOOLONG.
 */
int proc_shell(const char **ret_path, char *argv0, size_t size)
{
	const char *shell = getenv("SHELL");

	if (!shell || !*shell) {
		struct passwd *pw = getpwuid(getuid());

		shell = pw && pw->pw_shell && *pw->pw_shell ? pw->pw_shell : "/bin/sh";
	}
	*ret_path = shell;
	return proc_login_argv0(shell, argv0, size);
}
