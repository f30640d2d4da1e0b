/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-sandbox.c - the plan of `nook unshare`: which steps, in which order,
 * in which process; their --dry-run text; configs refused before anything
 * is made; and, unprivileged, how failures of the run come back (exit
 * statuses, messages from a helper over the sync socket).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "macro.h"
#include "process.h"
#include "sandbox.h"
#include "tap.h"

/* Large: static, as in the front end.  Each test starts from new_config(). */
static struct sandbox_config cfg;
static struct sandbox_plan plan;

static struct sandbox_config *new_config(void)
{
	static char *true_argv[] = { "true", NULL };

	memset(&cfg, 0, sizeof(cfg));
	sandbox_config_init(&cfg);
	cfg.euid = 1000;
	cfg.egid = 1000;
	cfg.argv = true_argv;
	return &cfg;
}

/* The plan as "proc:step" words, for comparing orders at a glance. */
static const char *steps_of(const struct sandbox_plan *p)
{
	static char buf[4096];
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < p->n && len < sizeof(buf); i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s:%s", i ? " " : "",
					sandbox_proc_name(p->steps[i].proc),
					sandbox_step_name(p->steps[i].kind));
	return buf;
}

/* The plan as --dry-run prints it. */
static const char *text_of(const struct sandbox_plan *p)
{
	static char buf[SANDBOX_TEXT_MAX];
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < p->n && len < sizeof(buf); i++)
		len += (size_t)sandbox_describe(&p->steps[i], buf + len, sizeof(buf) - len);
	return buf;
}

/* The index of the first step of @kind run by @proc at or after @from, or -1. */
static int find(const struct sandbox_plan *p, enum sandbox_step_kind kind, enum sandbox_proc proc,
		int from)
{
	for (size_t i = from; i < p->n; i++)
		if (p->steps[i].kind == kind && p->steps[i].proc == proc)
			return (int)i;
	return -1;
}

TEST(plan_nothing_but_exec)
{
	struct sandbox_config *c = new_config();

	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_STREQ(steps_of(&plan), "main:unshare program:exec");
	EXPECT_STREQ(text_of(&plan), "namespaces: (none)\nexec: true\n");
}

/* -r -n -u: single maps, written by the process itself after unshare(2). */
TEST(plan_map_root_user)
{
	struct sandbox_config *c = new_config();

	c->clone_flags = CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWUTS;
	c->map_user = 0;
	c->map_group = 0;
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_STREQ(steps_of(&plan), "main:unshare program:self-map program:setgroups "
				      "program:self-map program:exec");
	EXPECT_STREQ(text_of(&plan), "namespaces: net user uts\n"
				     "uid_map (written to /proc/self/uid_map):\n"
				     "  0 1000 1\n"
				     "setgroups: deny\n"
				     "gid_map (written to /proc/self/gid_map):\n"
				     "  0 1000 1\n"
				     "exec: true\n");
}

/* -f -p --mount-proc -n: the mount is the child's, after propagation. */
TEST(plan_fork_pid_mount_proc)
{
	struct sandbox_config *c = new_config();

	c->clone_flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWNET;
	c->fork = true;
	c->proc_dir = "/proc";
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_STREQ(steps_of(&plan), "main:unshare main:fork main:wait program:propagation "
				      "program:mount program:exec");
	EXPECT_STREQ(text_of(&plan), "namespaces: mnt net pid\n"
				     "fork: yes\n"
				     "propagation: private, recursively from /\n"
				     "mount: proc on /proc\n"
				     "exec: true\n");
	/* With the default propagation nothing can leak: no make-private step. */
	EXPECT_EQ(find(&plan, SANDBOX_STEP_MAKE_PRIVATE, SANDBOX_PROC_PROGRAM, 0), -1);
}

/*
 * Everything MAIN does: helpers forked before unshare(2), the owner switched
 * before it, range maps written by the map helper after it, the clocks set
 * before the fork, the namespace files bound by the bind helper after it.
 */
TEST(plan_helpers_owner_maps_persist)
{
	struct sandbox_config *c = new_config();
	int unshare_at;

	c->clone_flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWTIME;
	c->persist[NS_NET] = "/run/n";
	c->persist[NS_USER] = "/run/u";
	c->owner_uid = 2000;
	c->owner_gid = 3000;
	c->map_user = 0;
	c->has_uidmap = true;
	ASSERT_OK(idmap_add(&c->uidmap, 1, 100000, 65536));
	c->set_monotonic = c->set_boottime = true;
	c->monotonic = 5;
	c->boottime = -7;
	c->fork = true;
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_STREQ(steps_of(&plan),
		     "main:check-persist main:check-persist main:fork-helper main:fork-helper "
		     "main:owner main:unshare main:release-helper map-helper:write-map "
		     "main:time-offset main:time-offset main:fork main:release-helper "
		     "bind-helper:persist bind-helper:persist main:wait program:propagation "
		     "program:exec");
	unshare_at = find(&plan, SANDBOX_STEP_UNSHARE, SANDBOX_PROC_MAIN, 0);
	EXPECT_LT(find(&plan, SANDBOX_STEP_FORK_HELPER, SANDBOX_PROC_MAIN, 0), unshare_at);
	EXPECT_LT(find(&plan, SANDBOX_STEP_OWNER, SANDBOX_PROC_MAIN, 0), unshare_at);
	EXPECT_GT(find(&plan, SANDBOX_STEP_WRITE_MAP, SANDBOX_PROC_MAP_HELPER, 0), unshare_at);
	/* The bind helper first, so that the map helper does not hold its socket. */
	EXPECT_EQ(plan.steps[2].helper, SANDBOX_PROC_BIND_HELPER);
	EXPECT_EQ(plan.steps[3].helper, SANDBOX_PROC_MAP_HELPER);
	/* Bound in nsenter's order: user first. */
	EXPECT_EQ(plan.steps[12].persist.type, NS_USER);
	EXPECT_EQ(plan.steps[13].persist.type, NS_NET);
	/* The single ID is merged into the ranges (ranges given): one helper, no self map. */
	EXPECT_EQ(find(&plan, SANDBOX_STEP_SELF_MAP, SANDBOX_PROC_PROGRAM, 0), -1);
	EXPECT_TRUE(plan.steps[7].map.map == &plan.uidmap);
	EXPECT_FALSE(plan.steps[7].map.direct);
	EXPECT_STREQ(text_of(&plan), "owner: become uid 2000 gid 3000 before unshare\n"
				     "namespaces: mnt net time user\n"
				     "uid_map (written by newuidmap PID, with these ranges):\n"
				     "  0 1000 1\n"
				     "  1 100000 65536\n"
				     "time offset: boottime -7 s\n"
				     "time offset: monotonic +5 s\n"
				     "fork: yes\n"
				     "persist: user namespace on /run/u\n"
				     "persist: net namespace on /run/n\n"
				     "propagation: private, recursively from /\n"
				     "exec: true\n");
}

/* Without a mount or user namespace MAIN binds the files itself; as root the
 * map helper writes /proc/PID/uid_map directly. */
TEST(plan_persist_without_helper_root_maps)
{
	struct sandbox_config *c = new_config();

	c->euid = 0;
	c->clone_flags = CLONE_NEWNET;
	c->persist[NS_NET] = "/run/n";
	c->has_gidmap = true;
	ASSERT_OK(idmap_add(&c->gidmap, 0, 100000, 10));
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_STREQ(steps_of(&plan), "main:check-persist main:fork-helper main:unshare "
				      "main:release-helper map-helper:write-map main:persist "
				      "program:exec");
	EXPECT_STREQ(text_of(&plan), "namespaces: net\n"
				     "gid_map (written to /proc/PID/gid_map by a helper):\n"
				     "  0 100000 10\n"
				     "persist: net namespace on /run/n\n"
				     "exec: true\n");
}

/* --owner with a single map: util-linux writes it from outside, as a range. */
TEST(plan_owner_with_single_map_uses_helper)
{
	struct sandbox_config *c = new_config();

	c->clone_flags = CLONE_NEWUSER;
	c->owner_uid = c->owner_gid = 0;
	c->map_user = c->map_group = 0;
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_STREQ(steps_of(&plan),
		     "main:fork-helper main:owner main:unshare "
		     "main:release-helper map-helper:write-map map-helper:write-map "
		     "program:exec");
	/* ... so that --setgroups=allow is no conflict then. */
	c->setgroups = SANDBOX_SETGROUPS_ALLOW;
	EXPECT_OK(sandbox_plan(c, &plan, NULL));
}

/* --pivot-root with --mount-proc: proc is mounted beneath the new root before
 * the pivot (the kernel wants a full proc visible), not after it. */
TEST(plan_pivot_root_mounts_proc_first)
{
	struct sandbox_config *c = new_config();
	int mount_at, root_at;

	c->clone_flags = CLONE_NEWNS | CLONE_NEWPID;
	c->fork = true;
	c->root = "/srv/root";
	c->pivot_root = true;
	c->proc_dir = "/proc";
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	mount_at = find(&plan, SANDBOX_STEP_MOUNT, SANDBOX_PROC_PROGRAM, 0);
	root_at = find(&plan, SANDBOX_STEP_ROOT, SANDBOX_PROC_PROGRAM, 0);
	ASSERT_GT(mount_at, 0);
	EXPECT_EQ(root_at, mount_at + 1);
	EXPECT_EQ(plan.steps[mount_at - 1].kind, SANDBOX_STEP_BIND_ROOT);
	EXPECT_STREQ(plan.steps[mount_at].mount.beneath, "/srv/root");
	EXPECT_STREQ(plan.steps[mount_at].mount.target, "/proc");
	EXPECT_TRUE(plan.steps[root_at].root.pivot);
	/* Only one proc mount. */
	EXPECT_EQ(find(&plan, SANDBOX_STEP_MOUNT, SANDBOX_PROC_PROGRAM, mount_at + 1), -1);
	EXPECT_STREQ(text_of(&plan), "namespaces: mnt pid\n"
				     "fork: yes\n"
				     "propagation: private, recursively from /\n"
				     "mount: proc on /proc\n"
				     "root: /srv/root (pivot_root)\n"
				     "working directory: /\n"
				     "exec: true\n");
}

/* chroot: proc is mounted after the root change, so inside the new root. */
TEST(plan_chroot_then_proc)
{
	struct sandbox_config *c = new_config();

	c->clone_flags = CLONE_NEWNS;
	c->root = "/srv/root";
	c->workdir = "/home";
	c->proc_dir = "/proc";
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_STREQ(steps_of(&plan), "main:unshare program:propagation program:root "
				      "program:chdir program:mount program:exec");
	EXPECT_TRUE(plan.steps[4].mount.beneath == NULL);
}

/*
 * -S/-G after the root (the new root's files are opened with the old IDs),
 * --kill-child armed first and armed again after them (the kernel clears the
 * death signal on every credential change), last before exec.
 */
TEST(plan_setuid_after_root_kill_child_rearmed)
{
	struct sandbox_config *c = new_config();
	static const struct sandbox_env_var keep[] = { { "PATH", "/bin" }, { "NOPE", NULL } };

	c->clone_flags = CLONE_NEWUSER | CLONE_NEWNS;
	c->fork = true;
	c->kill_child_signo = SIGTERM;
	c->root = "/srv/root";
	c->set_uid = c->set_gid = true;
	c->uid = 1;
	c->gid = 2;
	c->keep_caps = true;
	c->clear_env = true;
	memcpy(c->env, keep, sizeof(keep));
	c->n_env = 2;
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_STREQ(steps_of(&plan),
		     "main:unshare main:fork main:wait program:kill-with-parent "
		     "program:propagation program:root program:chdir program:setgid "
		     "program:setuid program:keep-caps program:clear-env "
		     "program:kill-with-parent program:exec");
	EXPECT_STREQ(text_of(&plan), "namespaces: mnt user\n"
				     "fork: yes, kill child with SIGTERM when unshare dies\n"
				     "propagation: private, recursively from /\n"
				     "root: /srv/root (chroot)\n"
				     "working directory: /\n"
				     "setgid: 2 (supplementary groups dropped)\n"
				     "setuid: 1\n"
				     "capabilities: permitted made ambient\n"
				     "environment: cleared, keeping PATH,NOPE\n"
				     "exec: true\n");
	/* Without -S/-G the first arming is the only one. */
	c->set_uid = c->set_gid = false;
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_EQ(find(&plan, SANDBOX_STEP_KILL_WITH_PARENT, SANDBOX_PROC_PROGRAM, 4), -1);
}

/* A fixed ('F') interpreter is registered before the root changes, so that
 * it is opened from the caller's root; binfmt_misc is mounted again inside. */
TEST(plan_fixed_interpreter_before_root)
{
	struct sandbox_config *c = new_config();

	c->clone_flags = CLONE_NEWNS | CLONE_NEWUSER;
	c->proc_dir = "/proc";
	c->binfmt_dir = SANDBOX_BINFMT_DIR;
	c->interp = ":qemu:M::\\x7fELF::/usr/bin/qemu:F";
	c->root = "/srv/root";
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_STREQ(steps_of(&plan), "main:unshare program:propagation program:mount "
				      "program:binfmt-register program:root program:chdir "
				      "program:mount program:mount program:exec");
	/* Not fixed: registered after the mounts, in the new root. */
	c->interp = ":qemu:M::\\x7fELF::/usr/bin/qemu:";
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_STREQ(steps_of(&plan), "main:unshare program:propagation program:root "
				      "program:chdir program:mount program:mount "
				      "program:binfmt-register program:exec");
}

/* --mount-proc with a propagation other than private, and no new root: the
 * target is made private first, so that the mount does not leak out. */
TEST(plan_proc_made_private_first)
{
	struct sandbox_config *c = new_config();

	c->clone_flags = CLONE_NEWNS;
	c->propagation = MS_REC | MS_SLAVE;
	c->proc_dir = "/proc";
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_STREQ(steps_of(&plan), "main:unshare program:propagation program:make-private "
				      "program:mount program:exec");
	EXPECT_STREQ(text_of(&plan), "namespaces: mnt\n"
				     "propagation: slave, recursively from /\n"
				     "mount: proc on /proc\n"
				     "exec: true\n");
	/* "unchanged": no propagation step; without a mount namespace, none either. */
	c->propagation = 0;
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_EQ(find(&plan, SANDBOX_STEP_PROPAGATION, SANDBOX_PROC_PROGRAM, 0), -1);
	c->propagation = MS_REC | MS_SHARED;
	c->clone_flags = 0;
	c->proc_dir = NULL;
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_STREQ(steps_of(&plan), "main:unshare program:exec");
}

TEST(describe_fork_forward_hostname_shell)
{
	struct sandbox_config *c = new_config();

	c->clone_flags = CLONE_NEWUTS;
	c->fork = true;
	c->forward[0] = SIGTERM;
	c->forward[1] = SIGINT;
	c->n_forward = 2;
	c->hostname = "box";
	c->setgroups = SANDBOX_SETGROUPS_DENY;
	c->argv = NULL;
	ASSERT_OK(setenv("SHELL", "/bin/zsh", 1));
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_TRUE(plan.steps[1].fork.child_pidfd);
	EXPECT_STREQ(text_of(&plan), "namespaces: uts\n"
				     "fork: yes, forward 2 signal(s)\n"
				     "setgroups: deny\n"
				     "hostname: box\n"
				     "exec: /bin/zsh (login shell, argv[0] -zsh)\n");
}

/* snprintf()'s contract: cut to fit, and the length it would take. */
TEST(describe_says_how_much_room)
{
	struct sandbox_config *c = new_config();
	char small[8];
	int n;

	c->clone_flags = CLONE_NEWNET | CLONE_NEWUTS;
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	n = sandbox_describe(&plan.steps[0], small, sizeof(small));
	EXPECT_EQ(n, strlen("namespaces: net uts\n"));
	EXPECT_STREQ(small, "namespa");
	/* The plumbing has no text. */
	c->fork = true;
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	ASSERT_EQ(plan.steps[2].kind, SANDBOX_STEP_WAIT);
	EXPECT_EQ(sandbox_describe(&plan.steps[2], small, sizeof(small)), 0);
	EXPECT_STREQ(small, "");
}

/* A map over the kernel's one-page limit is shown as such. */
TEST(describe_map_over_kernel_limit)
{
	struct sandbox_config *c = new_config();

	c->clone_flags = CLONE_NEWUSER;
	c->has_uidmap = true;
	for (uint32_t i = 0; i < 200; i++)
		ASSERT_OK(idmap_add(&c->uidmap, 4000000000u + i, 4000000000u + i, 1));
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	EXPECT_STREQ(text_of(&plan), "namespaces: user\n"
				     "uid_map (written by newuidmap PID, with these ranges):\n"
				     "  (more than the kernel's 4k limit: unshare would fail)\n"
				     "exec: true\n");
}

/* Refused by the planner, with util-linux's whole line and no ": why". */
TEST(plan_refuses_bad_configs)
{
	struct sandbox_config *c = new_config();
	struct error e = ERROR_INIT;
	char line[1024];

	c->set_monotonic = true;
	EXPECT_ERRNO(sandbox_plan(c, &plan, &e), -EINVAL);
	EXPECT_TRUE(e.flags & ERROR_MSG_WHOLE);
	EXPECT_STREQ(error_format(&e, line, sizeof(line)),
		     "options --monotonic and --boottime require unsharing of a time namespace "
		     "(-T)");
	c->clone_flags = CLONE_NEWTIME;
	EXPECT_OK(sandbox_plan(c, &plan, &e));

	c = new_config();
	c->pivot_root = true;
	c->root = "/srv/root";
	c->propagation = MS_REC | MS_SHARED;
	EXPECT_ERRNO(sandbox_plan(c, &plan, &e), -EINVAL);
	EXPECT_STREQ(error_format(&e, line, sizeof(line)),
		     "options --pivot-root and --propagation=shared cannot be combined");

	c = new_config();
	c->map_group = 0;
	c->setgroups = SANDBOX_SETGROUPS_ALLOW;
	EXPECT_ERRNO(sandbox_plan(c, &plan, &e), -EINVAL);
	EXPECT_STREQ(error_format(&e, line, sizeof(line)),
		     "options --setgroups=allow and --map-group are mutually exclusive");
}

TEST(names)
{
	unsigned long flags;

	EXPECT_EQ(sandbox_setgroups_from_name("deny"), SANDBOX_SETGROUPS_DENY);
	EXPECT_EQ(sandbox_setgroups_from_name("allow"), SANDBOX_SETGROUPS_ALLOW);
	EXPECT_ERRNO(sandbox_setgroups_from_name("maybe"), -EINVAL);
	EXPECT_ERRNO(sandbox_setgroups_from_name(""), -EINVAL);
	ASSERT_OK(sandbox_propagation_from_name("slave", &flags));
	EXPECT_EQ(flags, MS_REC | MS_SLAVE);
	ASSERT_OK(sandbox_propagation_from_name("unchanged", &flags));
	EXPECT_EQ(flags, 0);
	EXPECT_ERRNO(sandbox_propagation_from_name("foo", &flags), -EINVAL);
	for (int k = 0; k < _SANDBOX_STEP_MAX; k++)
		EXPECT_TRUE(sandbox_step_name(k) != NULL);
	EXPECT_TRUE(sandbox_step_name(_SANDBOX_STEP_MAX) == NULL);
}

/*
 * sandbox_run() in a child of the test, so that the test process keeps its
 * signal mask and cannot end up running the program.  The child reports
 * what sandbox_run() returned over a pipe.
 */
struct outcome {
	int r;
	int status;
	struct error err;
	bool returned;
};

static int run_in_child(const struct sandbox_plan *p, struct outcome *ret)
{
	int fds[2], wstatus;
	pid_t pid;

	memset(ret, 0, sizeof(*ret));
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		struct outcome o = { .returned = true };
		pid_t me = getpid();

		(void)close(fds[0]);
		o.r = sandbox_run(p, &o.status, &o.err);
		/* Only the process that called it reports; a forked child just ends. */
		if (getpid() == me)
			(void)!write(fds[1], &o, sizeof(o));
		_exit(0);
	}
	(void)close(fds[1]);
	if (read(fds[0], ret, sizeof(*ret)) != sizeof(*ret))
		ret->returned = false;
	(void)close(fds[0]);
	(void)waitpid(pid, &wstatus, 0);
	return 0;
}

TEST(run_exec_failure_status)
{
	struct sandbox_config *c = new_config();
	static char *argv[] = { "/nonexistent/program", NULL };
	struct outcome o;

	c->argv = argv;
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	ASSERT_OK(run_in_child(&plan, &o));
	ASSERT_TRUE(o.returned);
	EXPECT_ERRNO(o.r, -ENOENT);
	EXPECT_TRUE(WIFEXITED(o.status) && WEXITSTATUS(o.status) == 127);
	EXPECT_STREQ(o.err.msg, "failed to execute /nonexistent/program");
}

/* With --fork, the waiting parent returns the child's status to relay. */
TEST(run_fork_returns_child_status)
{
	struct sandbox_config *c = new_config();
	static char *argv[] = { "/bin/sh", "-c", "exit 7", NULL };
	static char *argv_sig[] = { "/bin/sh", "-c", "kill -TERM $$", NULL };
	struct outcome o;

	c->argv = argv;
	c->fork = true;
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	ASSERT_OK(run_in_child(&plan, &o));
	ASSERT_TRUE(o.returned);
	EXPECT_EQ(o.r, 0);
	EXPECT_TRUE(WIFEXITED(o.status) && WEXITSTATUS(o.status) == 7);

	c->argv = argv_sig;
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	ASSERT_OK(run_in_child(&plan, &o));
	ASSERT_TRUE(o.returned);
	EXPECT_EQ(o.r, 0);
	EXPECT_TRUE(WIFSIGNALED(o.status) && WTERMSIG(o.status) == SIGTERM);
}

/* A persistence file that cannot be bound is found before unshare(2). */
TEST(run_bad_persist_file_makes_nothing)
{
	struct sandbox_config *c = new_config();
	struct outcome o;

	c->clone_flags = CLONE_NEWNET;
	c->persist[NS_NET] = "/nonexistent/net";
	ASSERT_OK(sandbox_plan(c, &plan, NULL));
	ASSERT_EQ(plan.steps[0].kind, SANDBOX_STEP_CHECK_PERSIST);
	ASSERT_OK(run_in_child(&plan, &o));
	ASSERT_TRUE(o.returned);
	EXPECT_ERRNO(o.r, -ENOENT);
	EXPECT_TRUE(WIFEXITED(o.status) && WEXITSTATUS(o.status) == 1);
	EXPECT_TRUE(strncmp(o.err.msg, "mount /proc/", 12) == 0);
	EXPECT_TRUE(strstr(o.err.msg, "/ns/net on /nonexistent/net failed") != NULL);
}

/*
 * A helper's failure comes back to MAIN over the sync socket, with its words:
 * a hand-made plan (the plan is data) whose map helper writes a map too large
 * for the kernel's page.  No namespace is made.
 */
TEST(run_helper_failure_reported_to_main)
{
	static struct idmap big;
	struct outcome o;
	char line[1024];

	big.n = 0;
	for (uint32_t i = 0; i < 200; i++)
		ASSERT_OK(idmap_add(&big, 4000000000u + i, 4000000000u + i, 1));
	plan.n = 0;
	plan.steps[plan.n++] = (struct sandbox_step){ .kind = SANDBOX_STEP_FORK_HELPER,
						      .proc = SANDBOX_PROC_MAIN,
						      .helper = SANDBOX_PROC_MAP_HELPER };
	plan.steps[plan.n++] = (struct sandbox_step){ .kind = SANDBOX_STEP_RELEASE_HELPER,
						      .proc = SANDBOX_PROC_MAIN,
						      .helper = SANDBOX_PROC_MAP_HELPER };
	plan.steps[plan.n++] = (struct sandbox_step){ .kind = SANDBOX_STEP_WRITE_MAP,
						      .proc = SANDBOX_PROC_MAP_HELPER,
						      .map = { IDMAP_UID, &big, true } };
	ASSERT_OK(run_in_child(&plan, &o));
	ASSERT_TRUE(o.returned);
	EXPECT_TRUE(o.r < 0);
	EXPECT_TRUE(WIFEXITED(o.status) && WEXITSTATUS(o.status) == 1);
	EXPECT_TRUE(o.err.flags & ERROR_MSG_WHOLE);
	(void)error_format(&o.err, line, sizeof(line));
	EXPECT_TRUE(strncmp(line, "/proc/", 6) == 0);
	EXPECT_TRUE(strstr(line, "/uid_map too large for kernel 4k limit") != NULL);
	EXPECT_TRUE(strstr(line, ": ") == NULL);
}

TAP_MAIN();
