/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * floor-nsenter.c - the cheapest possible "nsenter -t PID ROW true", for benchmarks.
 *
 * Each mode enters the namespaces that util-linux nsenter(1) enters for one
 * benchmark row, through a single pidfd, and nothing else: no option parsing,
 * no comparing of namespaces (the mode knows which of the target's differ
 * from ours), no signal set-up, no stdout flushing at exit.  It is the floor
 * that nook (and util-linux) can approach but not beat, so bench/nsenter.sh
 * reports nook's time as a ratio over it.
 *
 *   all       nsenter -t PID -a true   PID from unshare -fp --mount-proc -miun
 *   all-user  nsenter -t PID -a true   PID from unshare -U -r -fp --mount-proc -miun
 *   net       nsenter -t PID -n true   PID from unshare -n
 *
 * "-a" enters every namespace of the target's, but the cgroup and time
 * namespaces of these targets are ours: entering them changes nothing, so
 * the floor leaves them out.  A PID namespace applies to children only, so
 * the modes that enter one fork, run the program in the child and leave with
 * its exit status, as nsenter does.  Entering a user namespace makes nsenter
 * become root there (setgid(0), setuid(0)), and so does the floor.
 *
 * The program after the PID defaults to "true" and is looked up in $PATH with
 * execvp(), as util-linux does, so every contender pays the same lookup.
 *
 * It is linked like nook (dynamic glibc, PIE, -z now), so that the difference
 * that is left is what nook does, not how it is linked.
 */
/* Meson passes -D_GNU_SOURCE; a plain "cc floor-nsenter.c" needs it here. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <sched.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* Error paths only: write(2) keeps stdio out of the binary's hot path. */
static void put(const char *s)
{
	(void)!write(STDERR_FILENO, s, strlen(s));
}

static int fail(const char *what)
{
	const char *why = strerror(errno);

	put("floor-nsenter: ");
	put(what);
	put(": ");
	put(why);
	put("\n");
	return EXIT_FAILURE;
}

static int run(char *argv[])
{
	execvp(argv[0], argv);
	return errno == ENOENT ? 127 : 126;
}

/* Parent side of the fork: wait and hand on the child's exit status. */
static int wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return fail("waitpid");
	return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAILURE;
}

/* Decimal PID without strtol's locale and errno handling. */
static pid_t parse_pid(const char *s)
{
	long v = 0;

	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 4194304)
			return 0;
		v = v * 10 + (*s - '0');
	}
	return (pid_t)v;
}

/* One pidfd, one setns(2) for all the namespaces: the kernel enters them
 * together, the user namespace first. */
static int enter(pid_t pid, int flags, bool as_root, bool do_fork, char *argv[])
{
	pid_t child;
	int pidfd;

	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		return fail("pidfd_open");
	if (setns(pidfd, flags) < 0)
		return fail("setns");
	close(pidfd);
	if (!do_fork)
		return run(argv);
	child = fork();
	if (child < 0)
		return fail("fork");
	if (child > 0)
		return wait_child(child);
	if (as_root && (setgid(0) < 0 || setuid(0) < 0))
		_exit(fail("setgid/setuid"));
	_exit(run(argv));
}

#define MIUN (CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWPID | CLONE_NEWNET)

static int mode_all(pid_t pid, char *argv[])
{
	return enter(pid, MIUN, false, true, argv);
}

static int mode_all_user(pid_t pid, char *argv[])
{
	return enter(pid, CLONE_NEWUSER | MIUN, true, true, argv);
}

static int mode_net(pid_t pid, char *argv[])
{
	return enter(pid, CLONE_NEWNET, false, false, argv);
}

static const struct {
	const char *name;
	int (*fn)(pid_t pid, char *argv[]);
} modes[] = {
	{ "all", mode_all },
	{ "all-user", mode_all_user },
	{ "net", mode_net },
};

int main(int argc, char *argv[])
{
	static char *def_argv[] = { "true", NULL };
	char **prog = argc > 3 ? argv + 3 : def_argv;
	pid_t pid = argc >= 3 ? parse_pid(argv[2]) : 0;

	if (pid > 0)
		for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
			if (strcmp(argv[1], modes[i].name) == 0)
				return modes[i].fn(pid, prog);

	put("usage: floor-nsenter all|all-user|net PID [program [args...]]\n");
	return 2;
}
