/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * floor-unshare.c - the cheapest possible "unshare ROW true", for benchmarks.
 *
 * Each mode makes the namespace syscalls that util-linux unshare(1) makes for
 * one benchmark row, in the same order, and nothing else: no option parsing,
 * no signal set-up, no stdout flushing at exit.  It is the floor that nook
 * (and util-linux) can approach but not beat, so bench/unshare.sh reports
 * nook's time as a ratio over it.
 *
 *   fp-mount-proc  unshare -fp --mount-proc true
 *   net            unshare -n true
 *   user-root      unshare -U -r true
 *   fpmiun         unshare -fpmiun true
 *
 * The program after the mode defaults to "true" and is looked up in $PATH with
 * execvp(), as util-linux does, so every contender pays the same lookup.
 *
 * It is linked like nook (dynamic glibc, PIE, -z now), so that the difference
 * that is left is what nook does, not how it is linked.
 */
/* Meson passes -D_GNU_SOURCE; a plain "cc floor-unshare.c" needs it here. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
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

	put("floor-unshare: ");
	put(what);
	put(": ");
	put(why);
	put("\n");
	return EXIT_FAILURE;
}

/* Decimal without printf: the id maps are the only formatted output. */
static char *fmt_uint(char *end, unsigned long v)
{
	*--end = '\0';
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

/* One open, one write, one close per file, as util-linux's write_file(). */
static int write_file(const char *path, const char *buf)
{
	size_t len = strlen(buf);
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = write(fd, buf, len);
	if (close(fd) < 0 || n != (ssize_t)len)
		return -1;
	return 0;
}

/* "0 ID 1": map the caller's id to root inside, a single id. */
static int map_to_root(const char *path, unsigned long id)
{
	char num[24], line[32] = "0 ";
	char *p = fmt_uint(num + sizeof(num), id);

	strcat(line, p);
	strcat(line, " 1");
	return write_file(path, line);
}

static int run(char *argv[])
{
	execvp(argv[0], argv);
	return errno == ENOENT ? 127 : 126;
}

/* Parent side of -f: wait and hand on the child's exit status. */
static int wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return fail("waitpid");
	return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAILURE;
}

/* Child side of -m: util-linux's default --propagation private. */
static int make_root_private(void)
{
	return mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL);
}

static int mode_fp_mount_proc(char *argv[])
{
	pid_t pid;

	if (unshare(CLONE_NEWPID | CLONE_NEWNS) < 0)
		return fail("unshare");
	pid = fork();
	if (pid < 0)
		return fail("fork");
	if (pid > 0)
		return wait_child(pid);
	if (make_root_private() < 0)
		_exit(fail("mount --make-rprivate /"));
	if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NOEXEC | MS_NODEV, NULL) < 0)
		_exit(fail("mount proc on /proc"));
	_exit(run(argv));
}

static int mode_net(char *argv[])
{
	if (unshare(CLONE_NEWNET) < 0)
		return fail("unshare");
	return run(argv);
}

/*
 * Same order as util-linux: uid_map, then setgroups "deny" (the kernel
 * refuses an unprivileged gid_map while setgroups is allowed), then gid_map.
 */
static int mode_user_root(char *argv[])
{
	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare(CLONE_NEWUSER) < 0)
		return fail("unshare");
	if (map_to_root("/proc/self/uid_map", uid) < 0)
		return fail("write /proc/self/uid_map");
	if (write_file("/proc/self/setgroups", "deny") < 0)
		return fail("write /proc/self/setgroups");
	if (map_to_root("/proc/self/gid_map", gid) < 0)
		return fail("write /proc/self/gid_map");
	return run(argv);
}

static int mode_fpmiun(char *argv[])
{
	pid_t pid;

	if (unshare(CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNET) < 0)
		return fail("unshare");
	pid = fork();
	if (pid < 0)
		return fail("fork");
	if (pid > 0)
		return wait_child(pid);
	if (make_root_private() < 0)
		_exit(fail("mount --make-rprivate /"));
	_exit(run(argv));
}

static const struct {
	const char *name;
	int (*fn)(char *argv[]);
} modes[] = {
	{ "fp-mount-proc", mode_fp_mount_proc },
	{ "net", mode_net },
	{ "user-root", mode_user_root },
	{ "fpmiun", mode_fpmiun },
};

int main(int argc, char *argv[])
{
	static char *def_argv[] = { "true", NULL };
	char **prog = argc > 2 ? argv + 2 : def_argv;

	if (argc >= 2)
		for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
			if (strcmp(argv[1], modes[i].name) == 0)
				return modes[i].fn(prog);

	put("usage: floor-unshare fp-mount-proc|net|user-root|fpmiun [program [args...]]\n");
	return 2;
}
