/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "macro.h"
#include "ns.h"
#include "parse-util.h"
#include "procfs.h"
#include "target.h"

/* How many of the processes a name found are listed in a message. */
#define NAME_LIST_MAX 8

/**
 * target_done() - close the target's pidfd
 * @t: the target
 */
void target_done(struct target *t)
{
	t->pidfd = safe_close(t->pidfd);
}

/**
 * target_arg_is_pid() - whether a target argument is a PID (or PID:INODE), not a name
 * @arg: the argument
 *
 * Return: true for digits (after an optional sign) up to ":" or the end.
 */
bool target_arg_is_pid(const char *arg)
{
	size_t n;

	if (*arg == '-' || *arg == '+')
		arg++;
	n = strspn(arg, "0123456789");
	return n > 0 && (arg[n] == '\0' || arg[n] == ':');
}

/* PID or PID:INODE, where INODE is the pidfd's inode (util-linux 2.42). */
static int parse_pid_arg(struct target *t, const char *arg, struct error *ret_err)
{
	char copy[2 * DECIMAL_STR_MAX(uint64_t)];
	char *colon;
	int r;

	/* No malloc: at start-up its first call costs more than all the parsing. */
	if (strlen(arg) >= sizeof(copy))
		return error_set(ret_err, -ERANGE, "failed to parse PID argument '%s'", arg);
	strcpy(copy, arg);
	colon = strchr(copy, ':');
	if (colon) {
		*colon = '\0';
		r = parse_u64(colon + 1, &t->pidfd_ino);
		if (r == 0 && t->pidfd_ino == 0)
			r = -ERANGE;
		if (r < 0)
			return error_set(ret_err, r, "failed to parse PID argument '%s'", arg);
	}
	r = parse_pid(copy, &t->pid);
	if (r < 0)
		return error_set(ret_err, copy[0] == '0' || copy[0] == '-' ? -ERANGE : r,
				 "failed to parse PID argument '%s'", arg);
	return 0;
}

/**
 * target_parse() - take a target as the user named it
 * @t: the target
 * @arg: a PID, PID:INODE, or a command name (looked up by target_resolve())
 * @ret_err: what was wrong with @arg
 *
 * Nothing is opened or looked up yet.
 *
 * Return: 0, or -errno (-ERANGE, -EINVAL: not a PID).
 */
int target_parse(struct target *t, const char *arg, struct error *ret_err)
{
	if (!target_arg_is_pid(arg)) {
		t->name = arg;
		return 0;
	}
	return parse_pid_arg(t, arg, ret_err);
}

/*
 * Whether two processes are interchangeable as a target: the same namespaces
 * (those in @mask), the same owner and the same root directory.  The owner
 * matters: anyone may call a process anything, and root must not be led into
 * a stranger's process (and its environment) by a name.
 * Return: 1 yes, 0 no, -errno when we may not look (@ret_pid says at whom).
 */
static int same_world(pid_t a, pid_t b, int mask, pid_t *ret_pid)
{
	struct stat sa, sb;
	char pa[64], pb[64];

	NS_FOREACH (t) {
		int r;

		if (!(mask & (1 << t)))
			continue;
		r = ns_same(a, b, t, ret_pid);
		if (r <= 0)
			return r;
	}
	(void)snprintf(pa, sizeof(pa), "/proc/%d", (int)a);
	(void)snprintf(pb, sizeof(pb), "/proc/%d", (int)b);
	if (stat(pa, &sa) < 0 || stat(pb, &sb) < 0 || sa.st_uid != sb.st_uid)
		return 0;
	(void)snprintf(pa, sizeof(pa), "/proc/%d/root", (int)a);
	(void)snprintf(pb, sizeof(pb), "/proc/%d/root", (int)b);
	*ret_pid = a;
	if (stat(pa, &sa) < 0)
		return negative_errno();
	*ret_pid = b;
	if (stat(pb, &sb) < 0)
		return negative_errno();
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Root picking a process by name: only one of root's own, or one in another
 * user namespace (a container's); a host process of another user could be
 * anybody's, named to be found. */
static int check_name_owner(pid_t pid, const char *name, struct error *ret_err)
{
	char path[64];
	struct stat st;

	if (geteuid() != 0)
		return 0;
	(void)snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	if (stat(path, &st) < 0 || st.st_uid == 0)
		return 0;
	if (ns_same(0, pid, NS_USER, NULL) == 0)
		return 0; /* a container's */
	return error_set_whole(ret_err, -EPERM,
			       "the process named '%s' (PID %d) belongs to uid %u, not to root: "
			       "by name, root enters only its own processes and containers'; give "
			       "the PID",
			       name, (int)pid, (unsigned)st.st_uid);
}

static void list_matches(char *buf, size_t size, const struct proc_stat *v, size_t n,
			 bool with_names)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && i < NAME_LIST_MAX && len < size; i++) {
		int k = with_names ? snprintf(buf + len, size - len, "%s%s (%d)", i ? ", " : "",
					      v[i].comm, (int)v[i].pid)
				   : snprintf(buf + len, size - len, "%s%d", i ? ", " : "",
					      (int)v[i].pid);
		if (k < 0)
			break;
		len += (size_t)k;
	}
	if (n > NAME_LIST_MAX && len < size)
		(void)snprintf(buf + len, size - len, " and %zu more", n - NAME_LIST_MAX);
}

/**
 * target_find_by_name() - the oldest process called @name, as "pgrep -o -x"
 * @name: the command name
 * @ns_mask: bits (1 << enum ns_type) of the namespaces that every process of
 *	     that name must share with the oldest; 0 for all of them
 * @ret_pid: the process
 * @ret_start: its start time, for target_check_pinned()
 * @ret_err: why there is no answer (no such process, several that differ)
 *
 * Several processes of that name are fine when they share the namespaces to
 * be entered, the owner and the root (a server and its workers); otherwise
 * the choice would be a guess, and the caller is asked for a PID.  Never
 * ourselves, nor a zombie (its namespaces are gone).  Run as root, the
 * process must be root's or in another user namespace.
 *
 * Return: 0, or -errno (-ESRCH: none of that name; -EINVAL: several that
 * differ; -EPERM: a stranger's).
 */
int target_find_by_name(const char *name, int ns_mask, pid_t *ret_pid,
			unsigned long long *ret_start, struct error *ret_err)
{
	_cleanup_free_ struct proc_stat *v = NULL;
	size_t n = 0, k = 0;
	char list[512];
	int r;

	r = procfs_find_by_name(name, false, &v, &n);
	if (r < 0)
		return error_set(ret_err, r, "cannot read /proc");
	for (size_t i = 0; i < n; i++)
		if (v[i].pid != getpid() && v[i].state != 'Z' && v[i].state != 'X')
			v[k++] = v[i];
	n = k;

	if (n == 0) {
		_cleanup_free_ struct proc_stat *like = NULL;
		size_t m = 0;

		(void)procfs_find_by_name(name, true, &like, &m);
		if (m == 0)
			return error_set_whole(ret_err, -ESRCH, "no process is named '%s'", name);
		list_matches(list, sizeof(list), like, m, true);
		return error_set_whole(ret_err, -ESRCH,
				       "no process is named exactly '%s'; similar: %s", name, list);
	}

	if (!ns_mask)
		ns_mask = (1 << _NS_TYPE_MAX) - 1;
	for (size_t i = 1; i < n; i++) {
		pid_t who = 0;

		r = same_world(v[0].pid, v[i].pid, ns_mask, &who);
		if (r < 0)
			return error_set(ret_err, r, "cannot look at process %d named '%s'",
					 (int)who, name);
		if (r == 0) {
			list_matches(list, sizeof(list), v, n, false);
			return error_set_whole(ret_err, -EINVAL,
					       "%zu processes are named '%s', in different "
					       "namespaces, roots or of different users: %s; give "
					       "a PID",
					       n, name, list);
		}
	}
	r = check_name_owner(v[0].pid, name, ret_err);
	if (r < 0)
		return r;
	*ret_pid = v[0].pid;
	*ret_start = v[0].starttime;
	return 0;
}

/**
 * target_resolve() - a named target becomes a PID
 * @t: the target; nothing happens unless it has a name
 * @ns_mask: as for target_find_by_name()
 * @ret_err: as for target_find_by_name()
 *
 * Return: 0, or -errno.
 */
int target_resolve(struct target *t, int ns_mask, struct error *ret_err)
{
	if (!t->name)
		return 0;
	return target_find_by_name(t->name, ns_mask, &t->pid, &t->start, ret_err);
}

/**
 * target_pin() - open the target's pidfd, once
 * @t: the target, with its PID
 * @ret_err: why PID:INODE cannot be had
 *
 * Without PID:INODE, a failure is no error: there is no such process, or the
 * kernel has no pidfds, and the files opened by PID later say which (with
 * util-linux's words).  The pidfd stays -EBADF then, and the next call tries
 * again.
 *
 * Return: 0, or -errno.
 */
int target_pin(struct target *t, struct error *ret_err)
{
	struct stat st;
	int fd;

	if (t->pidfd >= 0)
		return 0;
	fd = pidfd_open_pid(t->pid, 0);
	if (fd < 0) {
		if (t->pidfd_ino)
			return error_set(ret_err, fd,
					 "failed to obtain a valid file descriptor for PID %d",
					 (int)t->pid);
		return 0;
	}
	if (t->pidfd_ino && (fstat(fd, &st) < 0 || (uint64_t)st.st_ino != t->pidfd_ino)) {
		safe_close(fd);
		return error_set(ret_err, -ESRCH,
				 "failed to obtain a valid file descriptor for PID %d",
				 (int)t->pid);
	}
	t->pidfd = fd;
	return 0;
}

/**
 * target_check_alive() - whether the pinned process still lives
 * @t: the target
 * @ret_err: that it exited
 *
 * Whatever was opened by PID belongs to the process of the pidfd if that
 * process is alive now: its PID cannot have been reused meanwhile.
 *
 * Return: 0 (also when there is no pidfd), or -ESRCH.
 */
int target_check_alive(const struct target *t, struct error *ret_err)
{
	if (t->pidfd < 0)
		return 0;
	if (pidfd_send(t->pidfd, 0) == -ESRCH)
		return error_set_whole(ret_err, -ESRCH,
				       "process %d exited while its namespaces were being opened",
				       (int)t->pid);
	return 0;
}

/**
 * target_check_pinned() - whether the pidfd holds the process that was meant
 * @t: the target, after target_resolve() and target_pin()
 * @ret_err: that it exited in between
 *
 * A name is looked up before the pidfd is opened, and a PID kept in a record
 * (with its start time) may be older still: the PID may have been reused in
 * between.  The start time tells the process that was meant.  A target
 * given by PID alone is not checked.
 *
 * Return: 0, or -ESRCH.
 */
int target_check_pinned(const struct target *t, struct error *ret_err)
{
	struct proc_stat st;

	if (!t->name && !t->start)
		return 0;
	if (t->pidfd >= 0 && procfs_read_stat(t->pid, &st) == 0 && st.starttime == t->start &&
	    target_check_alive(t, NULL) == 0)
		return 0;
	if (!t->name)
		return error_set_whole(ret_err, -ESRCH, "process %d exited", (int)t->pid);
	return error_set_whole(ret_err, -ESRCH,
			       "process %d named '%s' exited while nsenter was looking at it",
			       (int)t->pid, t->name);
}

/**
 * target_check_usable() - refuse a zombie or a kernel thread
 * @t: the target
 * @ret_err: which it is
 *
 * A kernel thread lives in the initial namespaces and has no root of its
 * own: a target that is one is a mistake (util-linux quietly enters init's).
 * A target that is gone or hidden passes: the open that follows says which.
 *
 * Return: 0, or -ESRCH (a zombie), -EINVAL (a kernel thread).
 */
int target_check_usable(const struct target *t, struct error *ret_err)
{
	struct proc_stat st;

	if (procfs_read_stat(t->pid, &st) < 0)
		return 0;
	if (st.state == 'Z' || st.state == 'X')
		return error_set_whole(ret_err, -ESRCH,
				       "cannot enter the namespaces of PID %d (%s): it has exited "
				       "and its namespaces are gone",
				       (int)t->pid, st.comm);
	if (procfs_is_kthread(&st))
		return error_set_whole(
			ret_err, -EINVAL,
			"cannot enter the namespaces of PID %d (%s): it is a kernel thread",
			(int)t->pid, st.comm);
	return 0;
}

/**
 * target_open_file() - open /proc/PID/@what of the target, read-only
 * @t: the target
 * @what: "root", "cwd", "environ", or "" for the /proc/PID directory itself
 * @ret_err: util-linux's words when there is no target or no such file
 *
 * Check the files with target_check_alive() once all are open.
 *
 * Return: the fd, or -errno.
 */
int target_open_file(const struct target *t, const char *what, struct error *ret_err)
{
	char path[PATH_MAX];
	int fd;

	if (!t->pid && !*what)
		return error_set_whole(ret_err, -EINVAL, "no target PID specified for 'follow'");
	if (!t->pid)
		return error_set_whole(ret_err, -EINVAL,
				       "neither filename nor target pid supplied for %s", what);
	(void)snprintf(path, sizeof(path), "/proc/%d/%s", (int)t->pid, what);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return error_set(ret_err, negative_errno(), "cannot open %s", path);
	return fd;
}
