/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-dlib.c - no library is loaded once the process has entered another
 * mount namespace or root: dlib_seal() refuses later loads, and ns_enter(),
 * mnt_chroot() and mnt_pivot_root() seal before they act.  Each case runs in
 * a child, since sealing cannot be undone.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dlib.h"
#include "mnt.h"
#include "ns.h"
#include "tap.h"

/* Run @fn in a child; its exit status (0: all its checks held). */
static int in_child(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0)
		_exit(fn());
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int seal_refuses_new_loads(void)
{
	if (dlib_load_smartcols() < 0) /* before: loads */
		return 1;
	if (dlib_is_sealed())
		return 2;
	dlib_seal();
	if (!dlib_is_sealed())
		return 3;
	if (dlib_load_mnl() != -EPERM) /* after: refused */
		return 4;
	if (!strstr(dlib_error(), "libmnl.so.0: not loaded after entering another mount"))
		return 5;
	if (dlib_load_mnl() != -EPERM) /* and again: the refusal is not cached as a failure */
		return 6;
	if (dlib_load_smartcols() < 0 || !sym_scols_new_table) /* loaded before: still there */
		return 7;
	return 0;
}

TEST(seal_refuses_new_loads)
{
	EXPECT_EQ(in_child(seal_refuses_new_loads), 0);
}

static int ns_enter_seals(void)
{
	/* Sealed even when setns() itself fails: the intent is enough. */
	if (ns_enter(-1, CLONE_NEWNS) != -EBADF)
		return 1;
	return dlib_load_mount() == -EPERM ? 0 : 2;
}

static int ns_enter_of_any_type_seals(void)
{
	if (ns_enter(-1, 0) != -EBADF)
		return 1;
	return dlib_load_mount() == -EPERM ? 0 : 2;
}

static int ns_enter_net_does_not_seal(void)
{
	if (ns_enter(-1, CLONE_NEWNET) != -EBADF)
		return 1;
	return dlib_is_sealed() ? 2 : 0;
}

static int chroot_seals(void)
{
	/* a path that cannot be a root: chroot fails, the seal holds */
	if (mnt_chroot("/nonexistent/nook-test-dlib") >= 0)
		return 1;
	return dlib_load_mount() == -EPERM ? 0 : 2;
}

static int pivot_root_seals(void)
{
	if (mnt_pivot_root("/nonexistent/nook-test-dlib") >= 0)
		return 1;
	return dlib_load_mount() == -EPERM ? 0 : 2;
}

TEST(entering_seals)
{
	EXPECT_EQ(in_child(ns_enter_seals), 0);
	EXPECT_EQ(in_child(ns_enter_of_any_type_seals), 0);
	EXPECT_EQ(in_child(ns_enter_net_does_not_seal), 0);
	EXPECT_EQ(in_child(chroot_seals), 0);
	EXPECT_EQ(in_child(pivot_root_seals), 0);
}

TAP_MAIN();
