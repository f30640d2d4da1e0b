/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-process.c - the sync channel across fork(), the login shell, exec statuses. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "macro.h"
#include "process.h"
#include "tap.h"

TEST(sync_error_across_fork)
{
	_cleanup_close_ int parent = -EBADF;
	struct error m;
	int fds[2], status;
	pid_t pid;

	ASSERT_OK(sync_open(fds));
	EXPECT_TRUE(fcntl(fds[0], F_GETFD) & FD_CLOEXEC);
	EXPECT_TRUE(fcntl(fds[1], F_GETFD) & FD_CLOEXEC);
	parent = fds[0];

	pid = fork();
	ASSERT_OK(pid);
	if (pid == 0) {
		/* The child: wait for the go-ahead, then report a failure, as create/run do. */
		(void)close(fds[0]);
		if (sync_wait(fds[1]) < 0)
			_exit(2);
		struct error e = ERROR_INIT;

		(void)error_set(&e, -EACCES, "write to `/proc/%d/setgroups`", 42);
		if (sync_send(fds[1], &e) < 0)
			_exit(3);
		_exit(0);
	}
	(void)close(fds[1]);

	ASSERT_OK(sync_wake(parent));
	ASSERT_OK(sync_recv(parent, &m));
	EXPECT_ERRNO(m.code, -EACCES);
	EXPECT_STREQ(m.msg, "write to `/proc/42/setgroups`");
	EXPECT_STREQ(error_why(&m), "Permission denied");

	/* The child is gone without another word: end of file, not a hang. */
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_ERRNO(sync_recv(parent, &m), -EPIPE);
	EXPECT_ERRNO(sync_wait(parent), -EPIPE);
}

TEST(sync_wait_returns_peer_error)
{
	_cleanup_close_ int a = -EBADF, b = -EBADF;
	int fds[2];

	ASSERT_OK(sync_open(fds));
	a = fds[0];
	b = fds[1];
	struct error e = ERROR_INIT;

	(void)error_set(&e, -ENOENT, NULL);
	ASSERT_OK(sync_send(a, &e));
	EXPECT_ERRNO(sync_wait(b), -ENOENT);
	ASSERT_OK(sync_wake(b));
	EXPECT_EQ(sync_wait(a), 0);
}

TEST(sync_long_message_truncated)
{
	_cleanup_close_ int a = -EBADF, b = -EBADF;
	static char text[2 * ERROR_MSG_MAX];
	struct error e = ERROR_INIT, m;
	int fds[2];

	memset(text, 'x', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	ASSERT_OK(sync_open(fds));
	a = fds[0];
	b = fds[1];
	(void)error_set(&e, -EIO, "%s", text);
	(void)error_set_reason(&e, -EIO, text);
	ASSERT_OK(sync_send(a, &e));
	ASSERT_OK(sync_recv(b, &m));
	EXPECT_ERRNO(m.code, -EIO);
	EXPECT_EQ(strlen(m.reason), sizeof(m.reason) - 1);
	EXPECT_EQ(strlen(m.msg), sizeof(m.msg) - 1);
}

TEST(sync_send_to_closed_peer)
{
	_cleanup_close_ int a = -EBADF;
	int fds[2];

	ASSERT_OK(sync_open(fds));
	a = fds[0];
	(void)close(fds[1]);
	/* MSG_NOSIGNAL: an error, not a SIGPIPE that kills the sender. */
	EXPECT_ERRNO(sync_send(a, NULL), -EPIPE);
}

TEST(shell_from_env)
{
	char argv0[64];
	const char *path = NULL;

	ASSERT_OK(setenv("SHELL", "/bin/zsh", 1));
	ASSERT_OK(proc_shell(&path, argv0, sizeof(argv0)));
	EXPECT_STREQ(path, "/bin/zsh");
	EXPECT_STREQ(argv0, "-zsh");

	ASSERT_OK(setenv("SHELL", "fish", 1));
	ASSERT_OK(proc_shell(&path, argv0, sizeof(argv0)));
	EXPECT_STREQ(argv0, "-fish");

	/* "-zsh" and its NUL need 5 bytes. */
	ASSERT_OK(setenv("SHELL", "/bin/zsh", 1));
	EXPECT_ERRNO(proc_shell(&path, argv0, 4), -ENAMETOOLONG);
	ASSERT_OK(proc_shell(&path, argv0, 5));
	EXPECT_STREQ(argv0, "-zsh");
}

TEST(shell_fallback)
{
	char argv0[64];
	const char *path = NULL, *base;

	/* Unset or empty: the passwd shell, or /bin/sh. */
	for (int i = 0; i < 2; i++) {
		if (i == 0)
			ASSERT_OK(unsetenv("SHELL"));
		else
			ASSERT_OK(setenv("SHELL", "", 1));
		path = NULL;
		ASSERT_OK(proc_shell(&path, argv0, sizeof(argv0)));
		ASSERT_TRUE(path != NULL);
		EXPECT_TRUE(path[0] != '\0');
		base = strrchr(path, '/');
		base = base ? base + 1 : path;
		EXPECT_EQ(argv0[0], '-');
		EXPECT_STREQ(argv0 + 1, base);
	}
}

TEST(exec_status)
{
	char *const missing[] = { "/nonexistent/nook-test-program", NULL };
	char *const not_exec[] = { "/dev/null", NULL };
	int r;

	EXPECT_EQ(proc_exec_status(-ENOENT), 127);
	EXPECT_EQ(proc_exec_status(-EACCES), 126);
	EXPECT_EQ(proc_exec_status(-ENOEXEC), 126);

	/* Failing execs return to us. */
	r = proc_exec(missing);
	EXPECT_ERRNO(r, -ENOENT);
	EXPECT_EQ(proc_exec_status(r), 127);
	r = proc_exec(not_exec);
	EXPECT_ERRNO(r, -EACCES);
	EXPECT_EQ(proc_exec_status(r), 126);
}

TEST(wait_status)
{
	pid_t pid;
	int status = 0;

	pid = fork();
	ASSERT_OK(pid);
	if (pid == 0)
		_exit(42);
	ASSERT_OK(proc_wait(pid, &status));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 42);
	EXPECT_ERRNO(proc_wait(pid, &status), -ECHILD);
}

TAP_MAIN();
