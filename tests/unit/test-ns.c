/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-ns.c - the namespace type table, /proc paths, and the operations that
 * need no privilege: opening and identifying our own namespaces.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "macro.h"
#include "ns.h"
#include "tap.h"

TEST(table_complete)
{
	int all = 0;

	NS_FOREACH (t) {
		if (!ns_info[t].name || !ns_info[t].long_name || !ns_info[t].short_opt)
			TH_LOG("type %d", t);
		ASSERT_TRUE(ns_info[t].name != NULL);
		ASSERT_TRUE(ns_info[t].long_name != NULL);
		EXPECT_NE(ns_info[t].short_opt, 0);
		/* Exactly one bit, and a CLONE_NEW* one. */
		EXPECT_NE(ns_info[t].clone_flag, 0);
		EXPECT_EQ(ns_info[t].clone_flag & (ns_info[t].clone_flag - 1), 0);
		EXPECT_EQ(ns_info[t].clone_flag & ~NS_ALL_CLONE_FLAGS, 0);
		EXPECT_EQ(all & ns_info[t].clone_flag, 0);
		all |= ns_info[t].clone_flag;
	}
	EXPECT_EQ(all, NS_ALL_CLONE_FLAGS);
}

TEST(table_unique)
{
	NS_FOREACH (a)
		for (enum ns_type b = a + 1; b < _NS_TYPE_MAX; b++) {
			if (streq(ns_info[a].name, ns_info[b].name) ||
			    ns_info[a].short_opt == ns_info[b].short_opt)
				TH_LOG("types %d and %d", a, b);
			EXPECT_FALSE(streq(ns_info[a].name, ns_info[b].name));
			EXPECT_FALSE(streq(ns_info[a].long_name, ns_info[b].long_name));
			EXPECT_NE(ns_info[a].short_opt, ns_info[b].short_opt);
		}
}

TEST(table_known_values)
{
	/* What /proc/PID/ns, lsns and util-linux's options call them. */
	EXPECT_STREQ(ns_info[NS_MNT].name, "mnt");
	EXPECT_STREQ(ns_info[NS_MNT].long_name, "mount");
	EXPECT_EQ(ns_info[NS_MNT].clone_flag, CLONE_NEWNS);
	EXPECT_EQ(ns_info[NS_MNT].short_opt, 'm');
	EXPECT_EQ(ns_info[NS_USER].short_opt, 'U');
	EXPECT_EQ(ns_info[NS_UTS].short_opt, 'u');
	EXPECT_EQ(ns_info[NS_CGROUP].short_opt, 'C');
	EXPECT_EQ(ns_info[NS_TIME].short_opt, 'T');
	EXPECT_STREQ(ns_info[NS_PID].for_children, "pid_for_children");
	EXPECT_STREQ(ns_info[NS_TIME].for_children, "time_for_children");
	NS_FOREACH (t)
		if (t != NS_PID && t != NS_TIME)
			EXPECT_TRUE(ns_info[t].for_children == NULL);
}

TEST(type_from_name)
{
	EXPECT_EQ(ns_type_from_name("mnt"), NS_MNT);
	EXPECT_EQ(ns_type_from_name("mount"), NS_MNT);
	EXPECT_EQ(ns_type_from_name("net"), NS_NET);
	EXPECT_EQ(ns_type_from_name("user"), NS_USER);
	EXPECT_EQ(ns_type_from_name("cgroup"), NS_CGROUP);
	EXPECT_ERRNO(ns_type_from_name("bogus"), -EINVAL);
	EXPECT_ERRNO(ns_type_from_name("NET"), -EINVAL);
	EXPECT_ERRNO(ns_type_from_name("pid_for_children"), -EINVAL);
	EXPECT_ERRNO(ns_type_from_name(""), -EINVAL);
	EXPECT_ERRNO(ns_type_from_name(NULL), -EINVAL);
	NS_FOREACH (t) {
		EXPECT_EQ(ns_type_from_name(ns_info[t].name), t);
		EXPECT_EQ(ns_type_from_name(ns_info[t].long_name), t);
	}
}

TEST(type_from_clone_flag)
{
	EXPECT_EQ(ns_type_from_clone_flag(CLONE_NEWNET), NS_NET);
	EXPECT_EQ(ns_type_from_clone_flag(CLONE_NEWNS), NS_MNT);
	EXPECT_EQ(ns_type_from_clone_flag(CLONE_NEWTIME), NS_TIME);
	EXPECT_EQ(ns_type_from_nstype(CLONE_NEWUSER), NS_USER);
	EXPECT_ERRNO(ns_type_from_clone_flag(0), -EINVAL);
	EXPECT_ERRNO(ns_type_from_clone_flag(CLONE_NEWNET | CLONE_NEWNS), -EINVAL);
	EXPECT_ERRNO(ns_type_from_clone_flag(CLONE_VM), -EINVAL);
	NS_FOREACH (t)
		EXPECT_EQ(ns_type_from_clone_flag(ns_info[t].clone_flag), t);
}

TEST(enter_order)
{
	bool seen[_NS_TYPE_MAX] = { false };

	/* User first: it grants the capabilities for entering the others. */
	EXPECT_EQ(ns_enter_order[0], NS_USER);
	for (size_t i = 0; i < _NS_TYPE_MAX; i++) {
		enum ns_type t = ns_enter_order[i];

		ASSERT_TRUE(t >= 0 && t < _NS_TYPE_MAX);
		EXPECT_FALSE(seen[t]);
		seen[t] = true;
	}
	NS_FOREACH (t)
		EXPECT_TRUE(seen[t]);
}

TEST(proc_path)
{
	char buf[64];

	ASSERT_OK(ns_proc_path(0, NS_NET, false, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "/proc/self/ns/net");
	ASSERT_OK(ns_proc_path(1234, NS_MNT, false, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "/proc/1234/ns/mnt");
	ASSERT_OK(ns_proc_path(0, NS_PID, true, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "/proc/self/ns/pid_for_children");
	ASSERT_OK(ns_proc_path(7, NS_TIME, true, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "/proc/7/ns/time_for_children");
	ASSERT_OK(ns_proc_path(0, NS_PID, false, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "/proc/self/ns/pid");
	/* for_children is ignored by types that have no such file. */
	ASSERT_OK(ns_proc_path(0, NS_NET, true, buf, sizeof(buf)));
	EXPECT_STREQ(buf, "/proc/self/ns/net");
	/* "/proc/self/ns/net" is 17 bytes: it needs 18. */
	EXPECT_ERRNO(ns_proc_path(0, NS_NET, false, buf, 17), -ENAMETOOLONG);
	ASSERT_OK(ns_proc_path(0, NS_NET, false, buf, 18));
}

TEST(open_own_net)
{
	_cleanup_close_ int fd = -EBADF;
	struct ns_id id, id_path;
	struct stat st;
	int flags;

	fd = ns_open(0, NS_NET, false);
	ASSERT_OK(fd);
	flags = fcntl(fd, F_GETFD);
	ASSERT_OK(flags);
	EXPECT_TRUE(flags & FD_CLOEXEC);

	ASSERT_EQ(ns_get_type(fd), NS_NET);

	ASSERT_OK(ns_identify(fd, &id));
	ASSERT_OK(stat("/proc/self/ns/net", &st));
	EXPECT_EQ(id.dev, st.st_dev);
	EXPECT_EQ(id.ino, st.st_ino);
	ASSERT_OK(ns_identify_path("/proc/self/ns/net", &id_path));
	EXPECT_EQ(id_path.dev, id.dev);
	EXPECT_EQ(id_path.ino, id.ino);
}

TEST(open_every_type)
{
	NS_FOREACH (t) {
		_cleanup_close_ int fd = ns_open(0, t, false);

		/* An older kernel may lack a type (time: 5.6, cgroup: 4.6). */
		if (fd == -ENOENT)
			continue;
		if (fd < 0 || ns_get_type(fd) != (int)t)
			TH_LOG("type %s", ns_info[t].name);
		ASSERT_OK(fd);
		EXPECT_EQ(ns_get_type(fd), t);
	}
}

TEST(open_for_children)
{
	_cleanup_close_ int pid_fd = -EBADF, time_fd = -EBADF;

	pid_fd = ns_open(0, NS_PID, true);
	ASSERT_OK(pid_fd);
	EXPECT_EQ(ns_get_type(pid_fd), NS_PID);
	time_fd = ns_open(0, NS_TIME, true);
	if (time_fd == -ENOENT)
		SKIP("no time namespaces (Linux < 5.6)");
	ASSERT_OK(time_fd);
	EXPECT_EQ(ns_get_type(time_fd), NS_TIME);
}

TEST(owner_of_net)
{
	_cleanup_close_ int net = -EBADF, user = -EBADF;

	net = ns_open(0, NS_NET, false);
	ASSERT_OK(net);
	user = ns_get_userns(net);
	/* Our net namespace may belong to a user namespace above ours. */
	if (user == -EPERM)
		SKIP("owner of our net namespace is out of reach");
	ASSERT_OK(user);
	EXPECT_EQ(ns_get_type(user), NS_USER);
	/* Not an fd at all. */
	EXPECT_ERRNO(ns_get_userns(-1), -EBADF);
}

TEST(not_a_namespace)
{
	_cleanup_close_ int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	struct ns_id id;

	ASSERT_OK(fd);
	EXPECT_ERRNO(ns_get_type(fd), -ENOTTY);
	EXPECT_ERRNO(ns_get_type(-1), -EBADF);
	EXPECT_ERRNO(ns_identify(-1, &id), -EBADF);
	EXPECT_ERRNO(ns_identify_path("/nonexistent/ns/net", &id), -ENOENT);
	EXPECT_ERRNO(ns_open_path("/nonexistent/ns/net"), -ENOENT);
}

TEST(open_dead_pid)
{
	pid_t pid;
	int status;

	pid = fork();
	ASSERT_OK(pid);
	if (pid == 0)
		_exit(0);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	/* Reaped: its /proc directory is gone (unless the PID was reused already). */
	EXPECT_ERRNO(ns_open(pid, NS_NET, false), -ENOENT);
	EXPECT_ERRNO(ns_open(pid, NS_PID, true), -ENOENT);
}

TEST(type_from_short_opt)
{
	EXPECT_EQ(ns_type_from_short_opt('m'), NS_MNT);
	EXPECT_EQ(ns_type_from_short_opt('U'), NS_USER);
	EXPECT_EQ(ns_type_from_short_opt('T'), NS_TIME);
	EXPECT_EQ(ns_type_from_short_opt('C'), NS_CGROUP);
	EXPECT_EQ(ns_type_from_short_opt('?'), _NS_TYPE_INVALID);
	EXPECT_EQ(ns_type_from_short_opt('f'), _NS_TYPE_INVALID);
}

/*
 * A child of ours that runs until @release is closed; @unshare_flags, when
 * not 0, are unshared first.  It writes one byte to @ready: '1' once it is
 * set, '0' if unshare() failed.  The fds are the parent's; the child keeps
 * only the ends it uses.
 */
static pid_t hold_child(int unshare_flags, const int ready[2], const int release[2])
{
	pid_t pid = fork();
	char c;

	if (pid != 0)
		return pid;
	(void)close(ready[0]);
	(void)close(release[1]);
	c = unshare_flags && unshare(unshare_flags) < 0 ? '0' : '1';
	if (write(ready[1], &c, 1) != 1)
		_exit(1);
	(void)read(release[0], &c, 1);
	_exit(0);
}

/* Waits for hold_child()'s byte: true when it is '1'. */
static bool child_ready(int ready_fd)
{
	char c = 0;

	return read(ready_fd, &c, 1) == 1 && c == '1';
}

TEST(same_and_supported)
{
	_cleanup_close_ int ready_r = -EBADF, ready_w = -EBADF, release_r = -EBADF,
			    release_w = -EBADF;
	int ready[2], release[2], status, same_uts, same_net;
	pid_t child, who = 1;

	EXPECT_TRUE(ns_supported(NS_NET));
	EXPECT_TRUE(ns_supported(NS_USER));
	EXPECT_EQ(ns_same(0, getpid(), NS_NET, NULL), 1);
	/*
	 * A child of ours shares our namespaces, and is ours to look at
	 * whoever runs the test; our parent need not be (a root harness of an
	 * unprivileged test: -EACCES).
	 */
	ASSERT_OK(pipe2(ready, O_CLOEXEC));
	ready_r = ready[0], ready_w = ready[1];
	ASSERT_OK(pipe2(release, O_CLOEXEC));
	release_r = release[0], release_w = release[1];
	child = hold_child(0, ready, release);
	ASSERT_OK(child);
	ready_w = safe_close(ready_w); /* a child that dies early reads as EOF */
	ASSERT_TRUE(child_ready(ready_r));
	same_uts = ns_same(getpid(), child, NS_UTS, NULL);
	same_net = ns_same(child, 0, NS_NET, NULL);
	release_w = safe_close(release_w);
	ASSERT_EQ(waitpid(child, &status, 0), child);
	EXPECT_EQ(same_uts, 1);
	EXPECT_EQ(same_net, 1);
	EXPECT_ERRNO(ns_same(0, 0x3fffffff, NS_NET, &who), -ENOENT);
	EXPECT_EQ(who, 0x3fffffff);
}

TEST(same_differs)
{
	_cleanup_close_ int ready_r = -EBADF, ready_w = -EBADF, release_r = -EBADF,
			    release_w = -EBADF;
	int ready[2], release[2], status, same_uts = -1, same_net = -1;
	bool unshared;
	pid_t child;

	ASSERT_OK(pipe2(ready, O_CLOEXEC));
	ready_r = ready[0], ready_w = ready[1];
	ASSERT_OK(pipe2(release, O_CLOEXEC));
	release_r = release[0], release_w = release[1];
	/* A user namespace makes it possible without privilege. */
	child = hold_child(CLONE_NEWUSER | CLONE_NEWUTS, ready, release);
	ASSERT_OK(child);
	ready_w = safe_close(ready_w);
	unshared = child_ready(ready_r);
	if (unshared) {
		same_uts = ns_same(0, child, NS_UTS, NULL);
		same_net = ns_same(0, child, NS_NET, NULL);
	}
	release_w = safe_close(release_w);
	ASSERT_EQ(waitpid(child, &status, 0), child);
	if (!unshared)
		SKIP("no user namespaces here");
	EXPECT_EQ(same_uts, 0);
	EXPECT_EQ(same_net, 1);
}

TAP_MAIN();
