/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-enter.c - lib/linux/enter.c and target.c, unprivileged: targets as
 * given, namespace files and their errors, refused combinations, finding a
 * target by name on the real /proc (children named by the test), and the
 * order of the two setns(2) passes (recorded, not done).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "enter.h"
#include "procfs.h"
#include "tap.h"
#include "target.h"

/* The line a front end prints after "PROGRAM: ". */
static const char *line(const struct error *e)
{
	static char buf[ERROR_MSG_MAX + ERROR_REASON_MAX];

	return error_format(e, buf, sizeof(buf));
}

/* A child called @name (after unshare(@unshare_flags), if any) that waits to
 * be killed.  Return: its PID, 0 when the unshare failed, -1 on error. */
static pid_t spawn_named(const char *name, int unshare_flags)
{
	int ready[2];
	char ok = 0;
	pid_t pid;

	if (pipe2(ready, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		ok = !unshare_flags || unshare(unshare_flags) == 0;
		(void)prctl(PR_SET_NAME, name);
		(void)!write(ready[1], &ok, 1);
		for (;;)
			pause();
	}
	close(ready[1]);
	if (pid < 0 || read(ready[0], &ok, 1) != 1)
		ok = 0;
	close(ready[0]);
	if (pid > 0 && !ok) {
		(void)kill(pid, SIGKILL);
		(void)waitpid(pid, NULL, 0);
		return 0;
	}
	return pid;
}

static void reap(pid_t pid)
{
	if (pid <= 0)
		return;
	(void)kill(pid, SIGKILL);
	(void)waitpid(pid, NULL, 0);
}

/* ---- targets as given -------------------------------------------------------------------- */

TEST(target_parse)
{
	struct target t = TARGET_INIT;
	struct error e = ERROR_INIT;

	EXPECT_TRUE(target_arg_is_pid("123"));
	EXPECT_TRUE(target_arg_is_pid("123:456"));
	EXPECT_TRUE(target_arg_is_pid("-3"));
	EXPECT_FALSE(target_arg_is_pid("12x"));
	EXPECT_FALSE(target_arg_is_pid("webshop"));
	EXPECT_FALSE(target_arg_is_pid(""));

	ASSERT_OK(target_parse(&t, "123", &e));
	EXPECT_EQ(t.pid, 123);
	EXPECT_EQ(t.pidfd_ino, 0);
	EXPECT_TRUE(t.name == NULL);
	ASSERT_OK(target_parse(&t, "123:456", &e));
	EXPECT_EQ(t.pidfd_ino, 456);

	t = (struct target)TARGET_INIT;
	ASSERT_OK(target_parse(&t, "webshop", &e));
	EXPECT_STREQ(t.name, "webshop");
	EXPECT_EQ(t.pid, 0);
}

TEST(target_parse_errors)
{
	struct target t = TARGET_INIT;
	struct error e = ERROR_INIT;

	/* util-linux's words; PID 0 and negative PIDs are out of range */
	EXPECT_ERRNO(target_parse(&t, "0", &e), -ERANGE);
	EXPECT_STREQ(line(&e), "failed to parse PID argument '0': Numerical result out of range");
	EXPECT_ERRNO(target_parse(&t, "-3", &e), -ERANGE);
	EXPECT_ERRNO(target_parse(&t, "12:0", &e), -ERANGE);
	EXPECT_STREQ(e.msg, "failed to parse PID argument '12:0'");
	EXPECT_ERRNO(target_parse(&t, "12:x", &e), -EINVAL);
	EXPECT_ERRNO(target_parse(&t, "99999999999999999999999999999999999999999999", &e), -ERANGE);
}

/* ---- namespace files --------------------------------------------------------------------- */

TEST(open_ns)
{
	struct enter en;
	struct error e = ERROR_INIT;

	enter_init(&en);
	ASSERT_OK(enter_open_ns(&en, NS_UTS, NULL, &e));
	EXPECT_TRUE(en.ns[NS_UTS].enabled);
	EXPECT_EQ(en.ns[NS_UTS].fd, -EBADF);
	/* "-u=FILE" as util-linux takes it */
	ASSERT_OK(enter_open_ns(&en, NS_UTS, "=/proc/self/ns/uts", &e));
	EXPECT_TRUE(en.ns[NS_UTS].fd >= 0);
	EXPECT_FALSE(error_is_set(&e));
	enter_done(&en);
	EXPECT_EQ(en.ns[NS_UTS].fd, -EBADF);
}

TEST(open_ns_errors)
{
	struct enter en;
	struct error e = ERROR_INIT;
	char want[256];

	enter_init(&en);
	EXPECT_ERRNO(enter_open_ns(&en, NS_MNT, "/nonexistent-nook", &e), -ENOENT);
	EXPECT_STREQ(line(&e), "cannot open /nonexistent-nook: No such file or directory");
	EXPECT_ERRNO(enter_open_ns(&en, NS_MNT, "/dev/null", &e), -EINVAL);
	EXPECT_STREQ(line(&e), "cannot use /dev/null for --mount: not a namespace file");
	EXPECT_ERRNO(enter_open_ns(&en, NS_MNT, "/proc/self/ns/net", &e), -EINVAL);
	EXPECT_STREQ(line(&e), "cannot use /proc/self/ns/net for --mount: it is a net namespace");
	EXPECT_ERRNO(enter_open_ns(&en, NS_NET, "/proc/self/ns/uts", &e), -EINVAL);
	EXPECT_STREQ(line(&e), "cannot use /proc/self/ns/uts for --net: it is a uts namespace");
	EXPECT_ERRNO(enter_open_ns(&en, NS_IPC, ":abc", &e), -EINVAL);
	EXPECT_STREQ(line(&e), "failed to parse nsid: abc");

	/* a network namespace by "ip netns" name: the why comes before the hint */
	(void)snprintf(want, sizeof(want),
		       "cannot open nook-test-none-%d: No such file or directory (nor is there a "
		       "network namespace /run/netns/nook-test-none-%d)",
		       (int)getpid(), (int)getpid());
	{
		char name[64];

		(void)snprintf(name, sizeof(name), "nook-test-none-%d", (int)getpid());
		EXPECT_ERRNO(enter_open_ns(&en, NS_NET, name, &e), -ENOENT);
		EXPECT_STREQ(line(&e), want);
	}
	/* a path is no name */
	EXPECT_ERRNO(enter_open_ns(&en, NS_NET, "a/b", &e), -ENOENT);
	EXPECT_STREQ(line(&e), "cannot open a/b: No such file or directory");
	EXPECT_EQ(en.ns[NS_NET].fd, -EBADF);
	enter_done(&en);
}

/* ---- combinations refused before anything is entered --------------------------------------- */

static int prepare_line(struct enter *en, const char **ret)
{
	static struct error e;
	int r;

	error_clear(&e);
	r = enter_prepare(en, &e);
	*ret = line(&e);
	return r;
}

TEST(refused)
{
	struct enter en;
	const char *msg;

	enter_init(&en);
	en.mount_proc = "/proc";
	en.fork = ENTER_FORK_NO;
	EXPECT_ERRNO(prepare_line(&en, &msg), -EINVAL);
	EXPECT_STREQ(msg, "--mount-proc needs a child in the PID namespace; it cannot be "
			  "combined with --no-fork");
	enter_done(&en);

	enter_init(&en);
	en.all = true;
	EXPECT_ERRNO(prepare_line(&en, &msg), -EINVAL);
	EXPECT_STREQ(msg, "no target PID specified for --all");
	enter_done(&en);

	enter_init(&en);
	EXPECT_ERRNO(prepare_line(&en, &msg), -EINVAL);
	EXPECT_STREQ(msg, "no namespace specified");
	enter_done(&en);

	enter_init(&en);
	en.ns[NS_NET].enabled = true;
	EXPECT_ERRNO(prepare_line(&en, &msg), -EINVAL);
	EXPECT_STREQ(msg, "no target PID specified");
	enter_done(&en);

	enter_init(&en);
	en.pid_for_children = true;
	EXPECT_ERRNO(prepare_line(&en, &msg), -EINVAL);
	EXPECT_STREQ(msg, "no target PID specified");
	enter_done(&en);

	enter_init(&en);
	en.target_root = true;
	EXPECT_ERRNO(prepare_line(&en, &msg), -EINVAL);
	EXPECT_STREQ(msg, "neither filename nor target pid supplied for root");
	enter_done(&en);

	/* with a namespace file given, the target is needed only for what is its */
	enter_init(&en);
	ASSERT_OK(enter_open_ns(&en, NS_UTS, "/proc/self/ns/uts", NULL));
	en.uid_from_target = true;
	EXPECT_ERRNO(prepare_line(&en, &msg), -EINVAL);
	EXPECT_STREQ(msg, "no target PID specified for 'follow'");
	enter_done(&en);

	enter_init(&en);
	ASSERT_OK(enter_open_ns(&en, NS_UTS, "/proc/self/ns/uts", NULL));
	en.join_cgroup = true;
	EXPECT_ERRNO(prepare_line(&en, &msg), -EINVAL);
	EXPECT_STREQ(msg, "neither filename nor target pid supplied for cgroup");
	enter_done(&en);
}

static char warned[256];

static void record_warning(void *userdata, const char *msg)
{
	(void)snprintf(warned, sizeof(warned), "%s", msg);
}

TEST(warning_goes_to_the_caller)
{
	struct enter en;
	const char *msg;

	if (access("/sys/fs/selinux/enforce", F_OK) == 0)
		SKIP("SELinux is enabled here");
	enter_init(&en);
	en.follow_context = true;
	en.warn = record_warning;
	EXPECT_ERRNO(prepare_line(&en, &msg), -EINVAL);
	EXPECT_STREQ(msg, "no namespace specified");
	EXPECT_STREQ(warned, "--follow-context: SELinux is not enabled on this system; there is "
			     "no context to follow");
	enter_done(&en);
}

TEST(target_zombie)
{
	struct enter en;
	const char *msg;
	char want[128];
	siginfo_t info;
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	ASSERT_TRUE(pid > 0);
	/* exited, not reaped: a zombie */
	ASSERT_OK(waitid(P_PID, pid, &info, WEXITED | WNOWAIT));
	enter_init(&en);
	en.target.pid = pid;
	en.ns[NS_UTS].enabled = true;
	EXPECT_ERRNO(prepare_line(&en, &msg), -ESRCH);
	(void)snprintf(want, sizeof(want), "cannot enter the namespaces of PID %d (", (int)pid);
	EXPECT_TRUE(strncmp(msg, want, strlen(want)) == 0);
	EXPECT_TRUE(strstr(msg, "): it has exited and its namespaces are gone") != NULL);
	enter_done(&en);
	(void)waitpid(pid, NULL, 0);
}

TEST(target_kernel_thread)
{
	struct proc_stat st;
	struct enter en;
	const char *msg;

	/* kthreadd is PID 2, where there is a kernel of our own to see */
	if (procfs_read_stat(2, &st) < 0 || !procfs_is_kthread(&st))
		SKIP("PID 2 is no kernel thread here");
	enter_init(&en);
	en.target.pid = 2;
	en.all = true;
	EXPECT_ERRNO(prepare_line(&en, &msg), -EINVAL);
	EXPECT_TRUE(strstr(msg, "cannot enter the namespaces of PID 2 (") == msg);
	EXPECT_TRUE(strstr(msg, "): it is a kernel thread") != NULL);
	enter_done(&en);
}

TEST(target_pidfd_inode)
{
	struct enter en;
	struct error e = ERROR_INIT;
	const char *msg;
	char arg[64], want[128];
	pid_t pid = spawn_named("nook-ino", 0);

	ASSERT_TRUE(pid > 0);
	enter_init(&en);
	(void)snprintf(arg, sizeof(arg), "%d:1", (int)pid);
	EXPECT_OK(target_parse(&en.target, arg, &e));
	en.ns[NS_UTS].enabled = true;
	/* pidfds have inodes of their own: 1 is nobody's */
	EXPECT_ERRNO(prepare_line(&en, &msg), -ESRCH);
	(void)snprintf(want, sizeof(want),
		       "failed to obtain a valid file descriptor for PID %d: No such process",
		       (int)pid);
	EXPECT_STREQ(msg, want);
	enter_done(&en);
	reap(pid);
}

TEST(target_start_time)
{
	struct target t = TARGET_INIT;
	struct error e = ERROR_INIT;
	struct proc_stat st;
	pid_t pid = spawn_named("nook-start", 0);

	ASSERT_TRUE(pid > 0);
	ASSERT_OK(procfs_read_stat(pid, &st));
	/* a PID kept with its start time (the runtime's record of its container) */
	t.pid = pid;
	t.start = st.starttime;
	ASSERT_OK(target_pin(&t, &e));
	EXPECT_OK(target_check_pinned(&t, &e));
	/* another start time: the PID now names another process */
	t.start = st.starttime + 1;
	EXPECT_ERRNO(target_check_pinned(&t, &e), -ESRCH);
	target_done(&t);
	reap(pid);
}

/* ---- finding a target by name ------------------------------------------------------------ */

TEST(find_by_name)
{
	char name[16], part[16], want[128];
	struct error e = ERROR_INIT;
	unsigned long long start = 0;
	pid_t a, b, c, found = 0;

	(void)snprintf(name, sizeof(name), "nkt%d", (int)getpid() % 1000000);
	a = spawn_named(name, 0);
	ASSERT_TRUE(a > 0);

	ASSERT_OK(target_find_by_name(name, 0, &found, &start, &e));
	EXPECT_EQ(found, a);
	EXPECT_TRUE(start > 0);

	/* not quite the name: the suggestions name the processes */
	(void)snprintf(part, sizeof(part), "%.*s", (int)strlen(name) - 1, name);
	EXPECT_ERRNO(target_find_by_name(part, 0, &found, &start, &e), -ESRCH);
	(void)snprintf(want, sizeof(want), "no process is named exactly '%s'; similar: %s (%d)",
		       part, name, (int)a);
	EXPECT_STREQ(line(&e), want);

	/* a second one in the same world: the oldest is taken */
	b = spawn_named(name, 0);
	ASSERT_TRUE(b > 0);
	ASSERT_OK(target_find_by_name(name, 0, &found, &start, &e));
	EXPECT_EQ(found, a);

	/* one in a world of its own: a guess, so a PID is asked for */
	c = spawn_named(name, CLONE_NEWUSER);
	if (c > 0) {
		EXPECT_ERRNO(target_find_by_name(name, 0, &found, &start, &e), -EINVAL);
		(void)snprintf(want, sizeof(want), "3 processes are named '%s', in different ",
			       name);
		EXPECT_TRUE(strncmp(line(&e), want, strlen(want)) == 0);
		EXPECT_TRUE(strstr(line(&e), "; give a PID") != NULL);
		/* unless only namespaces they share matter: here the uts namespace */
		ASSERT_OK(target_find_by_name(name, 1 << NS_UTS, &found, &start, &e));
		EXPECT_EQ(found, a);
		reap(c);
	} else
		TH_LOG("no user namespace to make: the different-worlds case is not checked");
	reap(b);
	reap(a);

	/* gone */
	EXPECT_ERRNO(target_find_by_name(name, 0, &found, &start, &e), -ESRCH);
	(void)snprintf(want, sizeof(want), "no process is named '%s'", name);
	EXPECT_STREQ(line(&e), want);
}

TEST(find_by_name_never_ourselves)
{
	char old[16] = "", name[16];
	struct error e = ERROR_INIT;
	unsigned long long start;
	pid_t found;

	(void)prctl(PR_GET_NAME, old);
	(void)snprintf(name, sizeof(name), "nks%d", (int)getpid() % 1000000);
	ASSERT_OK(prctl(PR_SET_NAME, name));
	EXPECT_ERRNO(target_find_by_name(name, 0, &found, &start, &e), -ESRCH);
	(void)prctl(PR_SET_NAME, old);
}

TEST(prepare_by_name)
{
	struct enter en;
	struct error e = ERROR_INIT;
	char name[16];
	pid_t a;

	(void)snprintf(name, sizeof(name), "nkp%d", (int)getpid() % 1000000);
	a = spawn_named(name, 0);
	ASSERT_TRUE(a > 0);
	enter_init(&en);
	ASSERT_OK(target_parse(&en.target, name, &e));
	en.ns[NS_UTS].enabled = true;
	EXPECT_OK(enter_prepare(&en, &e));
	EXPECT_EQ(en.target.pid, a);
	/* pinned, and checked to be the process the scan found */
	EXPECT_TRUE(en.target.pidfd >= 0);
	enter_done(&en);
	reap(a);
}

/* ---- the order of the passes ------------------------------------------------------------- */

static struct {
	struct {
		int fd, flags, r;
	} calls[32];
	size_t n;
	bool unprivileged; /* EPERM until the user namespace is entered */
	bool in_user;
	int fail_flags; /* always EPERM for these */
} rec;

static int record_setns(int fd, int flags)
{
	int r = 0;

	if (flags & rec.fail_flags)
		r = -EPERM;
	else if (flags == CLONE_NEWUSER)
		rec.in_user = true;
	else if (rec.unprivileged && !rec.in_user)
		r = -EPERM;
	if (rec.n < ELEMENTSOF(rec.calls)) {
		rec.calls[rec.n].fd = fd;
		rec.calls[rec.n].flags = flags;
		rec.calls[rec.n++].r = r;
	}
	return r;
}

/* An entering of our own user, net and mount namespaces, by file. */
static void files_of_our_own(struct enter *en)
{
	enter_init(en);
	en->setns = record_setns;
	/* no setuid() happens here: enter_finish() is not called */
	en->preserve_credentials = true;
	(void)enter_open_ns(en, NS_USER, "/proc/self/ns/user", NULL);
	(void)enter_open_ns(en, NS_NET, "/proc/self/ns/net", NULL);
	(void)enter_open_ns(en, NS_MNT, "/proc/self/ns/mnt", NULL);
	memset(&rec, 0, sizeof(rec));
}

static int join(struct enter *en, struct error *e)
{
	int r = enter_join(en, e);

	/* enter_join() makes us undumpable until exec; a test goes on */
	(void)prctl(PR_SET_DUMPABLE, 1);
	return r;
}

TEST(passes_privileged)
{
	struct enter en;
	struct error e = ERROR_INIT;
	int user, net, mnt;

	files_of_our_own(&en);
	user = en.ns[NS_USER].fd, net = en.ns[NS_NET].fd, mnt = en.ns[NS_MNT].fd;
	ASSERT_OK(enter_prepare(&en, &e));
	ASSERT_OK(join(&en, &e));
	/* everything but the user namespace first, in util-linux's order; then the user one */
	ASSERT_EQ(rec.n, 3);
	EXPECT_EQ(rec.calls[0].fd, net);
	EXPECT_EQ(rec.calls[0].flags, CLONE_NEWNET);
	EXPECT_EQ(rec.calls[1].fd, mnt);
	EXPECT_EQ(rec.calls[1].flags, CLONE_NEWNS);
	EXPECT_EQ(rec.calls[2].fd, user);
	EXPECT_EQ(rec.calls[2].flags, CLONE_NEWUSER);
	/* entered files are closed */
	EXPECT_EQ(en.ns[NS_NET].fd, -EBADF);
	enter_done(&en);
}

TEST(passes_unprivileged)
{
	struct enter en;
	struct error e = ERROR_INIT;

	files_of_our_own(&en);
	rec.unprivileged = true;
	ASSERT_OK(enter_prepare(&en, &e));
	ASSERT_OK(join(&en, &e));
	/* refused without the user namespace; the second pass enters it first */
	ASSERT_EQ(rec.n, 5);
	EXPECT_EQ(rec.calls[0].flags, CLONE_NEWNET);
	EXPECT_ERRNO(rec.calls[0].r, -EPERM);
	EXPECT_EQ(rec.calls[1].flags, CLONE_NEWNS);
	EXPECT_ERRNO(rec.calls[1].r, -EPERM);
	EXPECT_EQ(rec.calls[2].flags, CLONE_NEWUSER);
	EXPECT_EQ(rec.calls[3].flags, CLONE_NEWNET);
	EXPECT_OK(rec.calls[3].r);
	EXPECT_EQ(rec.calls[4].flags, CLONE_NEWNS);
	EXPECT_OK(rec.calls[4].r);
	enter_done(&en);
}

TEST(passes_report_in_util_linux_words)
{
	struct enter en;
	struct error e = ERROR_INIT;

	files_of_our_own(&en);
	rec.fail_flags = CLONE_NEWNET;
	ASSERT_OK(enter_prepare(&en, &e));
	EXPECT_ERRNO(join(&en, &e), -EPERM);
	EXPECT_STREQ(line(&e), "reassociate to namespace 'ns/net' failed: Operation not permitted");
	/* the second pass stopped at the failure: mnt was entered in the first */
	EXPECT_EQ(rec.n, 4);
	enter_done(&en);
}

TEST(passes_through_the_pidfd)
{
	struct enter en;
	struct error e = ERROR_INIT;
	pid_t pid = spawn_named("nook-pidfd", 0);

	ASSERT_TRUE(pid > 0);
	enter_init(&en);
	en.setns = record_setns;
	memset(&rec, 0, sizeof(rec));
	en.target.pid = pid;
	en.all = true;
	ASSERT_OK(enter_prepare(&en, &e));
	ASSERT_OK(join(&en, &e));
	if (geteuid() == 0) {
		/* all at once, through the pidfd; not our own user namespace */
		ASSERT_EQ(rec.n, 1);
		EXPECT_EQ(rec.calls[0].flags, NS_ALL_CLONE_FLAGS & ~CLONE_NEWUSER);
		/* a PID namespace entered: the child is to be in it */
		EXPECT_EQ(en.fork, ENTER_FORK_YES);
	} else {
		/* unprivileged, namespaces that are ours already are left out */
		EXPECT_EQ(rec.n, 0);
	}
	EXPECT_EQ(en.target.pidfd, -EBADF);
	enter_done(&en);
	reap(pid);
}

TAP_MAIN();
