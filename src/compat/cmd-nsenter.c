/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd-nsenter.c - "nook nsenter": util-linux nsenter(1), option for option,
 * in the same order of operations, with the same messages and exit statuses;
 * and "nook enter", the same with the defaults a person wants.
 *
 * Beyond util-linux:
 *  - the target may be named: "-t webshop" is the oldest process called
 *    webshop (pgrep -o -x), and "--net=NAME" an "ip netns" namespace;
 *  - every namespace that comes from the target is entered through one
 *    pidfd, and files opened by PID are checked against that pidfd, so a
 *    PID reused half-way can never mix two processes' namespaces;
 *  - --read-only enters a private, recursively read-only copy of the
 *    target's mounts; --pid-for-children and --mount-proc;
 *  - entering a user namespace that denies setgroups(2) just works.
 *
 * The order of operations follows SPEC-util-linux.md §2.2: files are opened
 * while parsing, in the caller's mount namespace; all namespaces but the
 * user namespace are tried first (so a privileged caller drops privilege
 * last), then whatever is left, user namespace first (so an unprivileged
 * caller gains the capabilities it needs for the rest).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <limits.h>
#include <linux/sockios.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "caps.h"
#include "cgroup.h"
#include "env.h"
#include "io-util.h"
#include "log.h"
#include "mnt.h"
#include "nook.h"
#include "ns.h"
#include "parse-util.h"
#include "process.h"
#include "procfs.h"

#define NETNS_RUN_DIR "/run/netns"
#define NAME_LIST_MAX 8

/* pidfs ioctls (Linux 6.11): a namespace of the process itself, race-free. */
#ifndef PIDFD_GET_MNT_NAMESPACE
#define PIDFD_GET_MNT_NAMESPACE _IO(0xFF, 3)
#endif
#ifndef PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE
#define PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE _IO(0xFF, 6)
#endif
#ifndef PIDFD_GET_USER_NAMESPACE
#define PIDFD_GET_USER_NAMESPACE _IO(0xFF, 9)
#endif
#ifndef AT_HANDLE_FID
#define AT_HANDLE_FID 0x200
#endif

/* nsfs file handles (Linux 6.18+): a namespace by its 64-bit id. */
struct nsfs_handle {
	uint64_t ns_id;
	uint32_t ns_type;
	uint32_t ns_inum;
};

struct ns_req {
	bool enabled;
	int fd; /* a file given, or opened for the target; -EBADF: through the pidfd */
};

struct nsenter {
	pid_t pid;	    /* 0: no target */
	const char *target; /* -t as given */
	bool target_is_name;
	unsigned long long name_start; /* starttime of the process the name found */
	uint64_t pidfd_ino;
	int pidfd;
	struct ns_req ns[_NS_TYPE_MAX];
	bool all;
	int sock_fd;
	bool user_parent;
	bool force_uid, force_gid, follow_uid, follow_gid;
	uid_t uid;
	gid_t gid;
	bool preserve_cred, keep_caps;
	bool do_root, do_wd, do_env, join_cgroup, follow_context;
	int root_fd, wd_fd, env_fd, cgroup_fd, uid_gid_fd;
	const char *wdns;
	int fork; /* -1: not decided yet */
	bool read_only, pid_for_children;
	int all_unchecked; /* -a types not checked to exist on this kernel */
	const char *mount_proc;
	bool pick_shell; /* nook enter: a shell that exists in the target */
	char **argv;
};

static void nsenter_init(struct nsenter *o)
{
	*o = (struct nsenter){
		.pidfd = -EBADF,
		.sock_fd = -1,
		.root_fd = -EBADF,
		.wd_fd = -EBADF,
		.env_fd = -EBADF,
		.cgroup_fd = -EBADF,
		.uid_gid_fd = -EBADF,
		.fork = -1,
	};
	NS_FOREACH (t)
		o->ns[t].fd = -EBADF;
}

static void nsenter_done(struct nsenter *o)
{
	NS_FOREACH (t)
		o->ns[t].fd = safe_close(o->ns[t].fd);
	o->pidfd = safe_close(o->pidfd);
	o->root_fd = safe_close(o->root_fd);
	o->wd_fd = safe_close(o->wd_fd);
	o->env_fd = safe_close(o->env_fd);
	o->cgroup_fd = safe_close(o->cgroup_fd);
	o->uid_gid_fd = safe_close(o->uid_gid_fd);
}
DEFINE_TRIVIAL_CLEANUP_FUNC(struct nsenter *, nsenter_done)

static int usage(void)
{
	printf("\nUsage:\n %s [options] [<program> [<argument>...]]\n\n"
	       "Run a program with namespaces of other processes.\n\n"
	       "Options:\n",
	       program_name);
	fputs(" -a, --all                     enter all namespaces\n"
	      " -t, --target <PID>            target process to get namespaces from\n"
	      " -m, --mount[=<file>|=:<nsid>] enter mount namespace\n"
	      " -u, --uts[=<file>|=:<nsid>]   enter UTS namespace (hostname etc)\n"
	      " -i, --ipc[=<file>|=:<nsid>]   enter System V IPC namespace\n"
	      " -n, --net[=<file>|=:<nsid>]   enter network namespace\n"
	      " -N, --net-socket <fd>         enter socket's network namespace (needs --target)\n"
	      " -p, --pid[=<file>|=:<nsid>]   enter pid namespace\n"
	      " -C, --cgroup[=<file>|=:<nsid>]  enter cgroup namespace\n"
	      " -U, --user[=<file>|=:<nsid>]  enter user namespace\n"
	      "     --user-parent             enter parent user namespace\n"
	      " -T, --time[=<file>|=:<nsid>]  enter time namespace\n"
	      " -S, --setuid[=<uid>]          set uid in entered namespace\n"
	      " -G, --setgid[=<gid>]          set gid in entered namespace\n"
	      "     --preserve-credentials    do not touch uids or gids\n"
	      "     --keep-caps               retain capabilities granted in user namespaces\n"
	      " -r, --root[=<dir>]            set the root directory\n"
	      " -w, --wd[=<dir>]              set the working directory\n"
	      " -W, --wdns <dir>              set the working directory in namespace\n"
	      " -e, --env                     inherit environment variables from target process\n"
	      " -F, --no-fork                 do not fork before exec'ing <program>\n"
	      " -c, --join-cgroup             join the cgroup of the target process\n"
	      " -Z, --follow-context          set SELinux context according to --target PID\n"
	      "\n"
	      "nook extensions:\n"
	      " -t, --target <name>           the oldest process with this command name\n"
	      "                                 (pgrep -o -x); it must be unambiguous\n"
	      " -n, --net=<name>              the network namespace /run/netns/<name>\n"
	      "     --read-only               enter a private read-only copy of the mounts\n"
	      "                                 (implies --mount; also --mount-ro)\n"
	      "     --pid-for-children        enter the target's pid_for_children namespace\n"
	      "                                 (implies --pid)\n"
	      "     --mount-proc[=<dir>]      mount /proc for the entered pid namespace in a\n"
	      "                                 private mount namespace (implies --pid)\n"
	      "\n"
	      " -h, --help                    display this help\n"
	      " -V, --version                 display version\n"
	      "\n"
	      "For more details see nook-nsenter(1).\n",
	      stdout);
	return EXIT_SUCCESS;
}

/* ---- opening namespace files ------------------------------------------------------------ */

/* An opened FILE must be a namespace of the type asked for: say so now, not
 * as setns(2)'s EINVAL later. */
static int check_ns_type(int fd, enum ns_type want, const char *path)
{
	int type = ns_get_type(fd);

	if (type == -ENOTTY)
		return log_error("cannot use %s for --%s: not a namespace file", path,
				 ns_info[want].long_name);
	if (type >= 0 && type != (int)want)
		return log_error("cannot use %s for --%s: it is a %s namespace", path,
				 ns_info[want].long_name, ns_info[type].name);
	return 0;
}

static bool kernel_at_least(unsigned want_major, unsigned want_minor)
{
	static unsigned major, minor;
	static bool known;
	struct utsname u;

	if (!known) {
		if (uname(&u) < 0 || sscanf(u.release, "%u.%u", &major, &minor) != 2)
			return false;
		known = true;
	}
	return major > want_major || (major == want_major && minor >= want_minor);
}

/* ":NSID": a namespace by its 64-bit id, through an nsfs file handle. */
static int open_ns_by_id(const char *idstr)
{
	union {
		struct file_handle fh;
		char buf[sizeof(struct file_handle) + sizeof(struct nsfs_handle)];
	} h = { 0 };
	struct nsfs_handle nsh = { 0 };
	_cleanup_close_ int self = -EBADF, nsfs = -EBADF;
	uint64_t id;
	int mount_id, fd;

	if (parse_u64(idstr, &id) < 0)
		return log_error("failed to parse nsid: %s", idstr);

	/* The handle type and a file on nsfs come from a namespace of our own. */
	self = pidfd_open_pid(getpid(), 0);
	if (self < 0)
		return log_error_errno(self, "failed to fill namespace file handle: %m");
	nsfs = ioctl(self, PIDFD_GET_MNT_NAMESPACE, 0);
	if (nsfs < 0)
		return log_error_errno(negative_errno(),
				       "failed to fill namespace file handle: %m");
	h.fh.handle_bytes = sizeof(struct nsfs_handle);
	if (name_to_handle_at(nsfs, "", &h.fh, &mount_id, AT_EMPTY_PATH | AT_HANDLE_FID) < 0)
		return log_error_errno(negative_errno(),
				       "failed to fill namespace file handle: %m");
	nsh.ns_id = id;
	memcpy(h.fh.f_handle, &nsh, sizeof(nsh));
	fd = open_by_handle_at(nsfs, &h.fh, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && (errno == ESTALE || errno == EOPNOTSUPP) && !kernel_at_least(6, 19))
		return log_error_errno(negative_errno(),
				       "cannot open namespace of id %ju: %m (namespaces are found "
				       "by id from Linux 6.19 on)",
				       (uintmax_t)id);
	if (fd < 0)
		return log_error_errno(negative_errno(), "cannot open namespace of id %ju: %m",
				       (uintmax_t)id);
	return fd;
}

/* -n=NAME where NAME is no file: the network namespace "ip netns" calls NAME. */
static int open_named_netns(const char *name, int err)
{
	char path[PATH_MAX];
	int fd;

	if (err != -ENOENT || strchr(name, '/') || streq(name, ".") || streq(name, "..") ||
	    (size_t)snprintf(path, sizeof(path), NETNS_RUN_DIR "/%s", name) >= sizeof(path))
		return log_error_errno(err, "cannot open %s: %m", name);
	fd = ns_open_path(path);
	if (fd == -ENOENT)
		return log_error_errno(err,
				       "cannot open %s: %m (nor is there a network namespace %s)",
				       name, path);
	if (fd < 0)
		return log_error_errno(fd, "cannot open %s: %m", path);
	if (check_ns_type(fd, NS_NET, path) < 0)
		return safe_close(fd), -EINVAL;
	return fd;
}

static int enable_ns(struct nsenter *o, enum ns_type t, const char *arg)
{
	struct ns_req *n = &o->ns[t];
	int fd;

	n->enabled = true;
	if (!arg)
		return 0;
	if (*arg == '=') /* "-n=/path", as util-linux accepts */
		arg++;
	if (*arg == ':')
		fd = open_ns_by_id(arg + 1);
	else {
		fd = ns_open_path(arg);
		if (fd < 0 && t == NS_NET)
			fd = open_named_netns(arg, fd);
		else if (fd < 0)
			return log_error_errno(fd, "cannot open %s: %m", arg);
		else if (check_ns_type(fd, t, arg) < 0)
			return safe_close(fd), -EINVAL;
	}
	if (fd < 0)
		return fd;
	safe_close(n->fd);
	n->fd = fd;
	return 0;
}

/* /proc/PID/WHAT of the target, or a path given.  Messages as util-linux. */
static int open_target_file(const struct nsenter *o, const char *what, const char *path, int flags)
{
	char buf[PATH_MAX];
	int fd;

	if (!path) {
		if (!o->pid && !*what)
			return log_error("no target PID specified for 'follow'");
		if (!o->pid)
			return log_error("neither filename nor target pid supplied for %s", what);
		(void)snprintf(buf, sizeof(buf), "/proc/%d/%s", (int)o->pid, what);
		path = buf;
	}
	fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return log_error_errno(negative_errno(), "cannot open %s: %m", path);
	return fd;
}

/* ---- the target ------------------------------------------------------------------------- */

/* A PID (or PID:INODE), rather than a command name: digits up to ":" or the end. */
static bool looks_numeric(const char *s)
{
	size_t n;

	if (*s == '-' || *s == '+')
		s++;
	n = strspn(s, "0123456789");
	return n > 0 && (s[n] == '\0' || s[n] == ':');
}

/* PID or PID:INODE, where INODE is the pidfd's inode (util-linux 2.42). */
static int parse_target_pid(struct nsenter *o, const char *arg)
{
	char copy[2 * DECIMAL_STR_MAX(uint64_t)];
	char *colon;
	int r;

	/* No malloc: at start-up its first call costs more than all the parsing. */
	if (strlen(arg) >= sizeof(copy))
		return log_error_errno(-ERANGE, "failed to parse PID argument '%s': %m", arg);
	strcpy(copy, arg);
	colon = strchr(copy, ':');
	if (colon) {
		*colon = '\0';
		r = parse_u64(colon + 1, &o->pidfd_ino);
		if (r == 0 && o->pidfd_ino == 0)
			r = -ERANGE;
		if (r < 0)
			return log_error_errno(r, "failed to parse PID argument '%s': %m", arg);
	}
	r = parse_pid(copy, &o->pid);
	if (r < 0)
		return log_error_errno(copy[0] == '0' || copy[0] == '-' ? -ERANGE : r,
				       "failed to parse PID argument '%s': %m", arg);
	return 0;
}

/* The namespaces a name lookup must agree on: those we will take from the target. */
static int lookup_mask(const struct nsenter *o)
{
	int mask = 0;

	NS_FOREACH (t)
		if (o->all || (o->ns[t].enabled && o->ns[t].fd < 0))
			mask |= 1 << t;
	return mask ?: (1 << _NS_TYPE_MAX) - 1;
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
static int check_name_owner(const struct proc_stat *p, const char *name)
{
	char path[64];
	struct stat st;

	if (geteuid() != 0)
		return 0;
	(void)snprintf(path, sizeof(path), "/proc/%d", (int)p->pid);
	if (stat(path, &st) < 0 || st.st_uid == 0)
		return 0;
	if (ns_same(0, p->pid, NS_USER, NULL) == 0)
		return 0; /* a container's */
	return log_error("the process named '%s' (PID %d) belongs to uid %u, not to root: "
			 "by name, root enters only its own processes and containers'; give "
			 "the PID",
			 name, (int)p->pid, (unsigned)st.st_uid);
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

/*
 * -t NAME: the oldest process whose command name is NAME, as "pgrep -o -x".
 * Several processes of that name are fine when they share the namespaces we
 * are about to enter (a server and its workers); otherwise the choice would
 * be a guess, and we ask for a PID instead.
 */
static int resolve_target_name(struct nsenter *o)
{
	_cleanup_free_ struct proc_stat *v = NULL;
	size_t n = 0, k = 0;
	char list[512];
	int r, mask;

	r = procfs_find_by_name(o->target, false, &v, &n);
	if (r < 0)
		return log_error_errno(r, "cannot read /proc: %m");
	/* Never ourselves, nor a zombie: its namespaces are gone. */
	for (size_t i = 0; i < n; i++)
		if (v[i].pid != getpid() && v[i].state != 'Z' && v[i].state != 'X')
			v[k++] = v[i];
	n = k;

	if (n == 0) {
		_cleanup_free_ struct proc_stat *like = NULL;
		size_t m = 0;

		(void)procfs_find_by_name(o->target, true, &like, &m);
		if (m == 0)
			return log_error("no process is named '%s'", o->target);
		list_matches(list, sizeof(list), like, m, true);
		return log_error("no process is named exactly '%s'; similar: %s", o->target, list);
	}

	mask = lookup_mask(o);
	for (size_t i = 1; i < n; i++) {
		pid_t who = 0;

		r = same_world(v[0].pid, v[i].pid, mask, &who);
		if (r < 0)
			return log_error_errno(r, "cannot look at process %d named '%s': %m",
					       (int)who, o->target);
		if (r == 0) {
			list_matches(list, sizeof(list), v, n, false);
			return log_error("%zu processes are named '%s', in different namespaces, "
					 "roots or of different users: %s; give a PID",
					 n, o->target, list);
		}
	}
	if (check_name_owner(&v[0], o->target) < 0)
		return -EPERM;
	o->pid = v[0].pid;
	o->name_start = v[0].starttime;
	return 0;
}

/* A kernel thread lives in the initial namespaces and has no root of its own:
 * a target that is one is a mistake (util-linux quietly enters init's). */
static int check_target(const struct nsenter *o)
{
	struct proc_stat st;

	if (procfs_read_stat(o->pid, &st) < 0)
		return 0; /* gone or hidden: the open that follows says which */
	if (st.state == 'Z' || st.state == 'X')
		return log_error("cannot enter the namespaces of PID %d (%s): it has exited and "
				 "its namespaces are gone",
				 (int)o->pid, st.comm);
	if (procfs_is_kthread(&st))
		return log_error(
			"cannot enter the namespaces of PID %d (%s): it is a kernel thread",
			(int)o->pid, st.comm);
	return 0;
}

static int open_pidfd(struct nsenter *o)
{
	struct stat st;
	int fd;

	if (o->pidfd >= 0)
		return 0;
	fd = pidfd_open_pid(o->pid, 0);
	if (fd < 0) {
		if (o->pidfd_ino)
			return log_error_errno(
				fd, "failed to obtain a valid file descriptor for PID %d: %m",
				(int)o->pid);
		return 0; /* no such process, or a kernel without pidfds: the files say which */
	}
	if (o->pidfd_ino && (fstat(fd, &st) < 0 || (uint64_t)st.st_ino != o->pidfd_ino)) {
		safe_close(fd);
		return log_error_errno(-ESRCH,
				       "failed to obtain a valid file descriptor for PID %d: %m",
				       (int)o->pid);
	}
	o->pidfd = fd;
	return 0;
}

/* Whatever we opened by PID belongs to the process of our pidfd if that
 * process is still alive now: its PID cannot have been reused meanwhile. */
static int check_target_alive(const struct nsenter *o)
{
	int r;

	if (o->pidfd < 0)
		return 0;
	r = pidfd_send(o->pidfd, 0);
	if (r == -ESRCH)
		return log_error("process %d exited while its namespaces were being opened",
				 (int)o->pid);
	return 0;
}

/* A name was looked up before the pidfd was opened: the PID may have been
 * reused in between.  The start time tells the process the scan found. */
static int check_name_pinned(const struct nsenter *o)
{
	struct proc_stat st;

	if (o->pidfd < 0 || procfs_read_stat(o->pid, &st) < 0 || st.starttime != o->name_start ||
	    check_target_alive(o) < 0)
		return log_error("process %d named '%s' exited while nsenter was looking at it",
				 (int)o->pid, o->target);
	return 0;
}

/* ---- SELinux, without libselinux: the context is in /proc ------------------------------- */

static int follow_context(const struct nsenter *o)
{
	char path[64], con[4096];
	ssize_t n;
	int r;

	if (access("/sys/fs/selinux/enforce", F_OK) < 0) {
		log_warn("--follow-context: SELinux is not enabled on this system; "
			 "there is no context to follow");
		return 0;
	}
	if (!o->pid)
		return log_error("no target PID specified for --follow-context");
	(void)snprintf(path, sizeof(path), "/proc/%d/attr/current", (int)o->pid);
	n = read_file_at(AT_FDCWD, path, con, sizeof(con));
	if (n <= 0)
		return log_error("failed to get %d SELinux context", (int)o->pid);
	con[strcspn(con, "\n")] = '\0';
	r = write_file_at(AT_FDCWD, "/proc/self/attr/exec", con);
	if (r < 0)
		return log_error_errno(r, "failed to set exec context to '%s': %m", con);
	return 0;
}

/* ---- entering ---------------------------------------------------------------------------- */

static int enabled_mask(const struct nsenter *o, bool without_fd_only)
{
	int mask = 0;

	NS_FOREACH (t)
		if (o->ns[t].enabled && (!without_fd_only || o->ns[t].fd < 0))
			mask |= ns_info[t].clone_flag;
	return mask;
}

/* -a enabled types without checking that the kernel has them: drop those
 * it lacks.  Return: whether any was dropped. */
static bool drop_unsupported(struct nsenter *o)
{
	bool dropped = false;

	NS_FOREACH (t)
		if ((o->all_unchecked & ns_info[t].clone_flag) && !ns_supported(t)) {
			o->ns[t].enabled = false;
			dropped = true;
		}
	o->all_unchecked = 0;
	return dropped;
}

/* One pass: the pidfd for every namespace that has no fd of its own, in a
 * single atomic setns(2); then the files, in util-linux's order. */
static int enter_pass(struct nsenter *o, int mask, bool report, int ns_pidfd)
{
	int r;

	if (ns_pidfd >= 0) {
		int flags = 0;

		NS_FOREACH (t)
			if (o->ns[t].enabled && o->ns[t].fd < 0 && (mask & ns_info[t].clone_flag))
				flags |= ns_info[t].clone_flag;
		if (flags) {
			r = ns_enter(ns_pidfd, flags);
			if (r == -EINVAL && (flags & o->all_unchecked) && drop_unsupported(o)) {
				flags &= enabled_mask(o, true);
				r = flags ? ns_enter(ns_pidfd, flags) : 0;
			}
			if (r == 0) {
				NS_FOREACH (t)
					if (flags & ns_info[t].clone_flag)
						o->ns[t].enabled = false;
			} else if (report)
				return log_error_errno(r, "reassociate to namespaces failed: %m");
		}
	}
	for (size_t i = 0; i < _NS_TYPE_MAX; i++) {
		enum ns_type t = ns_enter_order[i];
		struct ns_req *n = &o->ns[t];

		if (!n->enabled || n->fd < 0 || !(mask & ns_info[t].clone_flag))
			continue;
		r = ns_enter(n->fd, ns_info[t].clone_flag);
		if (r == 0) {
			n->enabled = false;
			n->fd = safe_close(n->fd);
		} else if (report)
			return log_error_errno(r, "reassociate to namespace 'ns/%s' failed: %m",
					       ns_info[t].name);
	}
	return 0;
}

/* The path of an fd as seen from where we are now (after setns into a mount
 * namespace, relative to its root), through a /proc opened before. */
static int fd_path(int proc_fd_dir, int fd, char *buf, size_t size)
{
	char name[DECIMAL_STR_MAX(int)];
	ssize_t n;

	(void)snprintf(name, sizeof(name), "%d", fd);
	n = readlinkat(proc_fd_dir, name, buf, size - 1);
	if (n < 0)
		return negative_errno();
	if ((size_t)n >= size - 1)
		return -ENAMETOOLONG;
	buf[n] = '\0';
	if (buf[0] != '/')
		return -EXDEV; /* not reachable from this mount namespace */
	return 0;
}

/*
 * --read-only: a mount namespace of our own, copied from the one we just
 * entered, with every mount private (nothing reaches the target) and
 * read-only.  The root and working directories were opened before: they are
 * on the target's mounts, so they are re-found by path in the copy.
 */
static int enter_read_only(struct nsenter *o, int proc_fd_dir)
{
	char root[PATH_MAX] = "", wd[PATH_MAX] = "";
	int r;

	if (o->root_fd >= 0) {
		r = fd_path(proc_fd_dir, o->root_fd, root, sizeof(root));
		if (r < 0)
			return log_error_errno(r,
					       "--read-only: cannot find the root directory in the "
					       "target's mount namespace: %m");
		o->root_fd = safe_close(o->root_fd);
	}
	if (o->wd_fd >= 0) {
		r = fd_path(proc_fd_dir, o->wd_fd, wd, sizeof(wd));
		if (r < 0)
			return log_error_errno(r,
					       "--read-only: cannot find the working directory in "
					       "the target's mount namespace: %m");
		o->wd_fd = safe_close(o->wd_fd);
	} else if (root[0] && !o->wdns)
		(void)snprintf(wd, sizeof(wd), "/"); /* util-linux keeps the cwd, here "/" */

	r = ns_unshare(CLONE_NEWNS);
	if (r < 0)
		return log_error_errno(r, "--read-only: unshare failed: %m");
	r = mnt_set_propagation("/", MS_REC | MS_PRIVATE);
	if (r < 0)
		return log_error_errno(r, "--read-only: cannot make / private: %m");
	r = mnt_make_readonly("/");
	if (r < 0)
		return log_error_errno(r, "--read-only: cannot make the mounts read-only: %m");

	if (wd[0] && chdir(wd) < 0)
		return log_error_errno(negative_errno(), "cannot change directory to %s: %m", wd);
	if (root[0] && mnt_chroot(root) < 0)
		return log_error_errno(negative_errno(), "chroot failed: %m");
	return 0;
}

static int set_root_and_wd(struct nsenter *o)
{
	/* Remember the working directory if we are not changing it. */
	if (o->root_fd >= 0 && o->wd_fd < 0 && !o->wdns) {
		o->wd_fd = open(".", O_RDONLY | O_CLOEXEC);
		if (o->wd_fd < 0)
			return log_error_errno(negative_errno(),
					       "cannot open current working directory: %m");
	}
	if (o->root_fd >= 0) {
		if (fchdir(o->root_fd) < 0)
			return log_error_errno(
				negative_errno(),
				"change directory by root file descriptor failed: %m");
		if (mnt_chroot(".") < 0)
			return log_error_errno(negative_errno(), "chroot failed: %m");
		if (chdir("/") < 0)
			return log_error_errno(negative_errno(),
					       "cannot change directory to %s: %m", "/");
		o->root_fd = safe_close(o->root_fd);
	}
	return 0;
}

static int set_wd(struct nsenter *o)
{
	if (o->wdns) {
		o->wd_fd = safe_close(o->wd_fd);
		/* A path the target controls: a directory, never a FIFO or device to open. */
		o->wd_fd = open(o->wdns, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (o->wd_fd < 0)
			return log_error_errno(negative_errno(),
					       "cannot open current working directory: %m");
	}
	if (o->wd_fd >= 0) {
		if (fchdir(o->wd_fd) < 0)
			return log_error_errno(
				negative_errno(),
				"change directory by working directory file descriptor failed: %m");
		o->wd_fd = safe_close(o->wd_fd);
	}
	return 0;
}

/* util-linux's continue_as_child(): the parent waits, passes job control
 * stops through, and leaves as the child left. */
static int continue_as_child(void)
{
	int status;
	pid_t child;

	(void)signal(SIGCHLD, SIG_DFL);
	(void)fflush(stdout);
	child = fork();
	if (child < 0)
		return log_error_errno(negative_errno(), "fork failed: %m");
	if (child == 0)
		return 0;

	for (;;) {
		pid_t r = waitpid(child, &status, WUNTRACED);

		if (r < 0 && errno == EINTR)
			continue;
		if (r == child && WIFSTOPPED(status)) {
			/* The child suspended, so suspend us as well. */
			(void)kill(getpid(), SIGSTOP);
			(void)kill(child, SIGCONT);
			continue;
		}
		break;
	}
	if (WIFEXITED(status))
		exit(WEXITSTATUS(status));
	if (WIFSIGNALED(status)) {
		(void)signal(WTERMSIG(status), SIG_DFL);
		(void)kill(getpid(), WTERMSIG(status));
	}
	exit(EXIT_FAILURE);
}

/* In the child, for --mount-proc: a /proc of the PID namespace it is in. */
static int mount_proc(const struct nsenter *o, bool have_private_mnt)
{
	int r;

	if (!have_private_mnt) {
		r = ns_unshare(CLONE_NEWNS);
		if (r < 0)
			return log_error_errno(r, "--mount-proc: unshare failed: %m");
		r = mnt_set_propagation("/", MS_REC | MS_PRIVATE);
		if (r < 0)
			return log_error_errno(r, "--mount-proc: cannot make / private: %m");
	}
	r = mnt_mount_proc(o->mount_proc);
	if (r < 0)
		return log_error_errno(r, "mount %s failed: %m", o->mount_proc);
	if (o->read_only && (r = mnt_make_readonly(o->mount_proc)) < 0)
		return log_error_errno(r, "--read-only: cannot make %s read-only: %m",
				       o->mount_proc);
	return 0;
}

/* "deny" in our setgroups file: nobody may call setgroups(2) in this user
 * namespace, and there are no groups that we could drop.  Read through
 * /proc/<us> opened before entering: the /proc we see now may belong to a
 * PID namespace we are not in, with no /proc/self. */
static bool setgroups_denied(int self_proc_fd)
{
	char buf[16];

	return self_proc_fd >= 0 && read_file_at(self_proc_fd, "setgroups", buf, sizeof(buf)) > 0 &&
	       strncmp(buf, "deny", 4) == 0;
}

/* setuid()/setgid() failed (errno): in a user namespace, EINVAL means the id
 * has no mapping there, and @hint says what to do instead. */
static int log_id_failure(const char *call, const char *what, unsigned id, bool entered_user,
			  const char *hint)
{
	int r = negative_errno();

	if (r == -EINVAL && entered_user)
		return log_error_errno(
			r, "%s failed: %m (%s %u is not mapped in the user namespace; %s)", call,
			what, id, hint);
	return log_error_errno(r, "%s failed: %m", call);
}

static int set_credentials(const struct nsenter *o, bool entered_user, int setgroups_nerrs,
			   int self_proc_fd)
{
	if (!o->force_uid && !o->force_gid)
		return 0;
	if (o->force_gid && !(entered_user && setgroups_denied(self_proc_fd)) &&
	    setgroups(0, NULL) < 0 && setgroups_nerrs)
		return log_error_errno(negative_errno(), "setgroups failed: %m");
	if (o->force_gid && setgid(o->gid) < 0)
		return log_id_failure("setgid()", "gid", o->gid, entered_user,
				      o->pick_shell ? "use -u with a mapped uid:gid"
						    : "use -G with a mapped gid, or "
						      "--preserve-credentials");
	if (o->force_uid && setuid(o->uid) < 0)
		return log_id_failure("setuid()", "uid", o->uid, entered_user,
				      o->pick_shell ? "use -u with a mapped uid"
						    : "use -S with a mapped uid, or "
						      "--preserve-credentials");
	return 0;
}

/*
 * nook enter: the shell to run when no command is given, one that exists
 * inside: $SHELL (the target's, once its environment is ours), the caller's
 * login shell, /bin/sh.  @login_shell was looked up before entering: never
 * let the target's files choose which NSS modules we load.
 */
static int pick_shell(const char *login_shell, const char **ret)
{
	const char *candidates[] = { getenv("SHELL"), login_shell, "/bin/sh" };

	for (size_t i = 0; i < ELEMENTSOF(candidates); i++) {
		if (!candidates[i] || candidates[i][0] != '/')
			continue;
		if (access(candidates[i], X_OK) == 0) {
			*ret = candidates[i];
			return 0;
		}
	}
	return -ENOENT;
}

/*
 * Everything after option parsing, shared by nsenter and enter.
 * Return: an exit status; on success it does not return (exec).
 */
static int nsenter_run(struct nsenter *o)
{
	_cleanup_close_ int proc_fd_dir = -EBADF, self_proc_fd = -EBADF;
	_cleanup_free_ char *login_shell = NULL;
	int namespaces, requested, setgroups_nerrs = 0, ns_pidfd = -EBADF, r;
	bool pidfd_setns;
	bool entered_user, private_mnt = false;
	const char *shell = NULL;
	char cgpath[PATH_MAX];
	uid_t follow_uid = 0;
	gid_t follow_gid = 0;

	/* Extensions that imply a namespace. */
	if (o->read_only)
		o->ns[NS_MNT].enabled = true;
	if (o->pid_for_children || o->mount_proc)
		o->ns[NS_PID].enabled = true;
	if (o->mount_proc && o->fork == 0)
		return log_error("--mount-proc needs a child in the PID namespace; "
				 "it cannot be combined with --no-fork"),
		       EXIT_FAILURE;
	if (o->mount_proc)
		o->fork = 1;
	if (o->pick_shell && !o->argv) {
		struct passwd *pw = getpwuid(getuid());

		if (pw && pw->pw_shell && *pw->pw_shell && !(login_shell = strdup(pw->pw_shell)))
			return log_error_errno(-ENOMEM, "%m"), EXIT_FAILURE;
	}

	if (o->target_is_name && resolve_target_name(o) < 0)
		return EXIT_FAILURE;
	/* Pin the process first (PID:INODE as util-linux does while parsing): all
	 * that is opened by PID from here on is checked against this pidfd. */
	if (o->pid && open_pidfd(o) < 0)
		return EXIT_FAILURE;
	if (o->target_is_name && check_name_pinned(o) < 0)
		return EXIT_FAILURE;
	if (o->pid && check_target(o) < 0)
		return EXIT_FAILURE;

	if (o->follow_context && follow_context(o) < 0)
		return EXIT_FAILURE;

	pidfd_setns = o->pidfd >= 0 && kernel_at_least(5, 8);
	if (o->all) {
		if (!o->pid)
			return log_error("no target PID specified for --all"), EXIT_FAILURE;
		for (size_t i = 0; i < _NS_TYPE_MAX; i++) {
			enum ns_type t = ns_enter_order[i];
			char path[64];

			if (o->ns[t].enabled)
				continue;
			/* Through the pidfd, a type this kernel lacks shows up as EINVAL:
			 * check for it then (drop_unsupported), not with a stat per type. */
			if (t != NS_USER && pidfd_setns) {
				o->ns[t].enabled = true;
				o->all_unchecked |= ns_info[t].clone_flag;
				continue;
			}
			if (!ns_supported(t))
				continue;
			if (t == NS_USER) {
				/* setns(2) refuses our own user namespace. */
				pid_t who = 0;

				r = ns_same(0, o->pid, NS_USER, &who);
				if (r < 0) {
					(void)ns_proc_path(who, t, false, path, sizeof(path));
					return log_error_errno(r, "stat of %s failed: %m", path),
					       EXIT_FAILURE;
				}
				if (r > 0)
					continue;
			}
			o->ns[t].enabled = true;
		}
	}

	/*
	 * A namespace of the target's that is ours already needs no entering, but
	 * setns(2) would demand privilege over it: an unprivileged user entering
	 * "unshare -r" fails on the host's cgroup or network namespace with
	 * util-linux.  Unprivileged, such namespaces are left out; it turns only
	 * those failures into successes.  Root keeps util-linux's behaviour
	 * exactly (entering even our own mount namespace resets root and working
	 * directory).  The user namespace follows util-linux (-a skips it).
	 */
	requested = enabled_mask(o, false);
	if (o->pid && geteuid() != 0)
		NS_FOREACH (t) {
			if (!o->ns[t].enabled || o->ns[t].fd >= 0 || t == NS_USER ||
			    (t == NS_PID && o->pid_for_children))
				continue;
			if (ns_same(0, o->pid, t, NULL) > 0)
				o->ns[t].enabled = false;
		}

	/* --pid-for-children: a file of the target's, checked against the pidfd below. */
	if (o->pid_for_children && o->ns[NS_PID].fd < 0) {
		char path[64];

		if (!o->pid)
			return log_error("no target PID specified"), EXIT_FAILURE;
		if (open_pidfd(o) < 0)
			return EXIT_FAILURE;
		(void)ns_proc_path(o->pid, NS_PID, true, path, sizeof(path));
		if (o->pidfd >= 0)
			o->ns[NS_PID].fd = RET_NERRNO(
				ioctl(o->pidfd, PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE, 0));
		if (o->ns[NS_PID].fd < 0)
			o->ns[NS_PID].fd = ns_open_path(path);
		if (o->ns[NS_PID].fd < 0)
			return log_error_errno(o->ns[NS_PID].fd, "cannot open %s: %m", path),
			       EXIT_FAILURE;
	}

	namespaces = enabled_mask(o, true);
	if (namespaces || o->sock_fd >= 0 || o->user_parent) {
		if (!o->pid)
			return log_error("no target PID specified"), EXIT_FAILURE;
		if (open_pidfd(o) < 0)
			return EXIT_FAILURE;
		if (o->pidfd >= 0 && kernel_at_least(5, 8) /* setns(pidfd) */)
			ns_pidfd = o->pidfd;
		else if (drop_unsupported(o))
			namespaces = enabled_mask(o, true);
		if (ns_pidfd < 0 && namespaces)
			NS_FOREACH (t) {
				char path[64];

				if (!o->ns[t].enabled || o->ns[t].fd >= 0)
					continue;
				(void)ns_proc_path(o->pid, t, false, path, sizeof(path));
				o->ns[t].fd = ns_open_path(path);
				if (o->ns[t].fd < 0)
					return log_error_errno(o->ns[t].fd, "cannot open %s: %m",
							       path),
					       EXIT_FAILURE;
			}
	}

	if (o->do_root && (o->root_fd = open_target_file(o, "root", NULL, O_RDONLY)) < 0)
		return EXIT_FAILURE;
	if (o->do_wd && (o->wd_fd = open_target_file(o, "cwd", NULL, O_RDONLY)) < 0)
		return EXIT_FAILURE;
	if (o->do_env && (o->env_fd = open_target_file(o, "environ", NULL, O_RDONLY)) < 0)
		return EXIT_FAILURE;
	if ((o->follow_uid || o->follow_gid) &&
	    (o->uid_gid_fd = open_target_file(o, "", NULL, O_RDONLY)) < 0)
		return EXIT_FAILURE;
	if (o->join_cgroup) {
		char mnt[256];

		if (!o->pid)
			return log_error("neither filename nor target pid supplied for cgroup"),
			       EXIT_FAILURE;
		r = cgroup2_find_mount(mnt, sizeof(mnt));
		if (r == -ENOENT)
			return log_error("--join-cgroup is only supported in cgroup v2"),
			       EXIT_FAILURE;
		if (r < 0)
			return log_error_errno(r, "cannot find the cgroup v2 hierarchy: %m"),
			       EXIT_FAILURE;
		o->cgroup_fd = cgroup2_open_procs(mnt, o->pid, cgpath, sizeof(cgpath));
		if (o->cgroup_fd == -ENOENT && strncmp(cgpath, "/proc/", 6) == 0)
			return log_error("failed to get cgroup path: %s has no cgroup v2 entry",
					 cgpath),
			       EXIT_FAILURE;
		if (o->cgroup_fd == -EINVAL && strncmp(cgpath, "/proc/", 6) == 0)
			return log_error("failed to get cgroup path: the cgroup in %s is outside "
					 "our cgroup namespace",
					 cgpath),
			       EXIT_FAILURE;
		if (o->cgroup_fd < 0)
			return log_error_errno(o->cgroup_fd, "failed to open %s: %m", cgpath),
			       EXIT_FAILURE;
	}

	if (o->user_parent) {
		struct ns_req *u = &o->ns[NS_USER];
		int fd = u->enabled && u->fd >= 0 ? u->fd : -EBADF, parent;
		_cleanup_close_ int own = -EBADF;

		if (fd < 0) {
			/* The target's user namespace, or the owner of any namespace given. */
			if (o->pidfd >= 0)
				fd = own = RET_NERRNO(ioctl(o->pidfd, PIDFD_GET_USER_NAMESPACE, 0));
			if (fd < 0 && o->pid) {
				char path[64];

				(void)ns_proc_path(o->pid, NS_USER, false, path, sizeof(path));
				fd = own = ns_open_path(path);
				if (fd < 0)
					return log_error_errno(fd, "cannot open %s: %m", path),
					       EXIT_FAILURE;
			}
			NS_FOREACH (t)
				if (fd < 0 && o->ns[t].enabled && o->ns[t].fd >= 0)
					fd = o->ns[t].fd;
		}
		parent = fd >= 0 ? ns_get_userns(fd) : fd;
		if (parent < 0)
			return log_error_errno(parent, "failed to open parent namespace: %m"),
			       EXIT_FAILURE;
		safe_close(u->fd);
		u->fd = parent;
		u->enabled = true;
	}

	if (o->sock_fd >= 0) {
		_cleanup_close_ int sk = -EBADF;
		int nsfd;

		if (o->pidfd < 0)
			return log_error_errno(-ESRCH, "failed to pidfd_open() for %d: %m",
					       (int)o->pid),
			       EXIT_FAILURE;
		sk = (int)syscall(SYS_pidfd_getfd, o->pidfd, o->sock_fd, 0);
		if (sk < 0)
			return log_error_errno(negative_errno(),
					       "cannot get fd %d of process %d: %m", o->sock_fd,
					       (int)o->pid),
			       EXIT_FAILURE;
		nsfd = ioctl(sk, SIOCGSKNS);
		if (nsfd < 0)
			return log_error_errno(negative_errno(),
					       "fd %d of process %d: no network namespace: %m",
					       o->sock_fd, (int)o->pid),
			       EXIT_FAILURE;
		safe_close(o->ns[NS_NET].fd);
		o->ns[NS_NET].fd = nsfd;
		o->ns[NS_NET].enabled = true;
	}

	namespaces = enabled_mask(o, false);
	if (!namespaces && !requested)
		return log_error("no namespace specified"), EXIT_FAILURE;
	if ((namespaces & CLONE_NEWPID) && o->fork == -1)
		o->fork = 1;

	/* Files opened by PID are the target's if it is still alive. */
	if (check_target_alive(o) < 0)
		return EXIT_FAILURE;

	entered_user = namespaces & CLONE_NEWUSER;
	if (entered_user && !o->preserve_cred) {
		o->force_uid = o->force_gid = true;
		/* Before and after entering: complain only if both fail. */
		if (setgroups(0, NULL) != 0) {
			setgroups_nerrs++;
			self_proc_fd = open("/proc/self", O_PATH | O_DIRECTORY | O_CLOEXEC);
		}
	}

	if (o->read_only) {
		proc_fd_dir = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (proc_fd_dir < 0)
			return log_error_errno(negative_errno(), "cannot open /proc/self/fd: %m"),
			       EXIT_FAILURE;
	}

	/* From here until exec we hold the target's namespaces and our fds: nobody
	 * in the target may ptrace us or take an fd (exec makes us dumpable again). */
	(void)prctl(PR_SET_DUMPABLE, 0);

	/* Two passes: without the user namespace, ignoring errors; then the rest. */
	(void)enter_pass(o, namespaces & ~CLONE_NEWUSER, false, ns_pidfd);
	namespaces = enabled_mask(o, false);
	if (namespaces && enter_pass(o, namespaces, true, ns_pidfd) < 0)
		return EXIT_FAILURE;
	o->pidfd = safe_close(o->pidfd);

	if (o->read_only) {
		if (enter_read_only(o, proc_fd_dir) < 0)
			return EXIT_FAILURE;
		/* A way to the host's /proc: not one moment longer than needed. */
		proc_fd_dir = safe_close(proc_fd_dir);
		private_mnt = true;
	} else if (set_root_and_wd(o) < 0)
		return EXIT_FAILURE;
	if (set_wd(o) < 0)
		return EXIT_FAILURE;

	if (o->env_fd >= 0) {
		r = env_replace_from_fd(o->env_fd);
		if (r < 0)
			return log_error_errno(r, "failed to get environment variables: %m"),
			       EXIT_FAILURE;
		o->env_fd = safe_close(o->env_fd);
	}

	if (o->cgroup_fd >= 0) {
		r = cgroup_join(o->cgroup_fd);
		if (r < 0)
			return log_error_errno(r, "write cgroup.procs failed: %m"), EXIT_FAILURE;
		o->cgroup_fd = safe_close(o->cgroup_fd);
	}

	if (o->uid_gid_fd >= 0) {
		struct stat st;

		if (fstat(o->uid_gid_fd, &st) < 0)
			return log_error_errno(negative_errno(), "can not get process stat: %m"),
			       EXIT_FAILURE;
		follow_uid = st.st_uid;
		follow_gid = st.st_gid;
		if (o->follow_uid)
			o->uid = follow_uid;
		if (o->follow_gid)
			o->gid = follow_gid;
		o->uid_gid_fd = safe_close(o->uid_gid_fd);
	}

	if (o->pick_shell && !o->argv && pick_shell(login_shell, &shell) < 0)
		return log_error("no shell found in the target: tried $SHELL, your login shell "
				 "and /bin/sh; give a command"),
		       EXIT_FAILURE;

	if (o->fork == 1 && continue_as_child() < 0)
		return EXIT_FAILURE;

	if (o->mount_proc && mount_proc(o, private_mnt) < 0)
		return EXIT_FAILURE;

	if (set_credentials(o, entered_user, setgroups_nerrs, self_proc_fd) < 0)
		return EXIT_FAILURE;

	if (o->keep_caps && entered_user && caps_permitted_to_ambient() < 0)
		return log_error("failed to raise ambient capabilities"), EXIT_FAILURE;

	return exec_command(o->argv, shell);
}

/* ---- nook nsenter ------------------------------------------------------------------------ */

enum {
	OPT_PRESERVE_CRED = CHAR_MAX + 1,
	OPT_KEEPCAPS,
	OPT_USER_PARENT,
	OPT_READ_ONLY,
	OPT_PID_FOR_CHILDREN,
	OPT_MOUNT_PROC,
};

static const struct option longopts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "target", required_argument, NULL, 't' },
	{ "mount", optional_argument, NULL, 'm' },
	{ "uts", optional_argument, NULL, 'u' },
	{ "ipc", optional_argument, NULL, 'i' },
	{ "net", optional_argument, NULL, 'n' },
	{ "net-socket", required_argument, NULL, 'N' },
	{ "pid", optional_argument, NULL, 'p' },
	{ "user", optional_argument, NULL, 'U' },
	{ "cgroup", optional_argument, NULL, 'C' },
	{ "time", optional_argument, NULL, 'T' },
	{ "setuid", required_argument, NULL, 'S' },
	{ "setgid", required_argument, NULL, 'G' },
	{ "root", optional_argument, NULL, 'r' },
	{ "wd", optional_argument, NULL, 'w' },
	{ "wdns", optional_argument, NULL, 'W' },
	{ "env", no_argument, NULL, 'e' },
	{ "no-fork", no_argument, NULL, 'F' },
	{ "join-cgroup", no_argument, NULL, 'c' },
	{ "preserve-credentials", no_argument, NULL, OPT_PRESERVE_CRED },
	{ "keep-caps", no_argument, NULL, OPT_KEEPCAPS },
	{ "user-parent", no_argument, NULL, OPT_USER_PARENT },
	{ "follow-context", no_argument, NULL, 'Z' },
	{ "read-only", no_argument, NULL, OPT_READ_ONLY },
	{ "mount-ro", no_argument, NULL, OPT_READ_ONLY },
	{ "pid-for-children", no_argument, NULL, OPT_PID_FOR_CHILDREN },
	{ "mount-proc", optional_argument, NULL, OPT_MOUNT_PROC },
	{ NULL, 0, NULL, 0 },
};

static int parse_id(const char *arg, const char *what, bool *follow, uint32_t *ret)
{
	if (streq(arg, "follow")) {
		*follow = true;
		return 0;
	}
	if (parse_u32(arg, ret) < 0)
		return log_error("failed to parse %s: '%s'", what, arg);
	return 0;
}

/*
 * "-r /:/ro": tutorials teach this for a read-only root.  To util-linux it is
 * -r followed by a program called "/:/ro", which cannot exist; nook reads it
 * as what was meant: the target's root (or DIR in "DIR:ro"), read-only.
 */
static bool root_ro_spelling(struct nsenter *o, const char *word)
{
	size_t len = strlen(word);
	_cleanup_free_ char *dir = NULL;

	if (word[0] != '/' || access(word, F_OK) == 0)
		return false;
	if (len >= 4 && streq(word + len - 4, ":/ro"))
		len -= 4;
	else if (len >= 3 && streq(word + len - 3, ":ro"))
		len -= 3;
	else
		return false;
	dir = strndup(word, len);
	if (!dir)
		return false;
	if (!streq(dir, "/")) {
		int fd = open_target_file(o, "root", dir, O_RDONLY);

		if (fd < 0)
			return false;
		o->root_fd = fd;
		o->do_root = false;
	}
	o->read_only = true;
	return true;
}

/* Return: 0 to go on, > 0 an exit status to return now (help, version, error). */
static int parse_argv(int argc, char *argv[], struct nsenter *o)
{
	int c, r = 0;
	char seen_wd = 0;

	while ((c = getopt_long(argc, argv, "+ahVt:m::u::i::n::N:p::C::U::T::S:G:r::w::W::ecFZ",
				longopts, NULL)) != -1) {
		/* -w and -W are exclusive (util-linux: err_exclusive_options). */
		if (c == 'w' || c == 'W') {
			if (seen_wd && seen_wd != c)
				return log_error("options --wdns and --wd cannot be combined"),
				       EXIT_FAILURE;
			seen_wd = (char)c;
		}
		switch (c) {
		case 'a':
			o->all = true;
			break;
		case 't':
			if (o->target)
				return log_error("option --target may be given only once"),
				       EXIT_FAILURE;
			o->target = optarg;
			if (looks_numeric(optarg))
				r = parse_target_pid(o, optarg);
			else
				o->target_is_name = true;
			break;
		case 'm':
		case 'u':
		case 'i':
		case 'n':
		case 'p':
		case 'C':
		case 'U':
		case 'T':
			r = enable_ns(o, ns_type_from_short_opt(c), optarg);
			break;
		case 'N': {
			uint32_t fd;

			if (parse_u32(optarg, &fd) < 0 || fd > INT_MAX)
				return log_error("failed to parse file descriptor: '%s'", optarg),
				       EXIT_FAILURE;
			o->sock_fd = (int)fd;
			break;
		}
		case 'S':
			r = parse_id(optarg, "uid", &o->follow_uid, &o->uid);
			o->force_uid = true;
			break;
		case 'G':
			r = parse_id(optarg, "gid", &o->follow_gid, &o->gid);
			o->force_gid = true;
			break;
		case 'F':
			o->fork = 0;
			break;
		case 'c':
			o->join_cgroup = true;
			break;
		case 'r':
			if (optarg) {
				o->root_fd = safe_close(o->root_fd);
				o->root_fd = open_target_file(o, "root", optarg, O_RDONLY);
				r = o->root_fd < 0 ? o->root_fd : 0;
			} else
				o->do_root = true;
			break;
		case 'w':
			if (optarg) {
				if (*optarg == '=')
					optarg++;
				o->wd_fd = safe_close(o->wd_fd);
				o->wd_fd = open_target_file(o, "cwd", optarg, O_RDONLY);
				r = o->wd_fd < 0 ? o->wd_fd : 0;
			} else
				o->do_wd = true;
			break;
		case 'W':
			if (optarg && *optarg == '=')
				optarg++;
			o->wdns = optarg;
			break;
		case 'e':
			o->do_env = true;
			break;
		case 'Z':
			o->follow_context = true;
			break;
		case OPT_PRESERVE_CRED:
			o->preserve_cred = true;
			break;
		case OPT_KEEPCAPS:
			o->keep_caps = true;
			break;
		case OPT_USER_PARENT:
			o->user_parent = true;
			break;
		case OPT_READ_ONLY:
			o->read_only = true;
			break;
		case OPT_PID_FOR_CHILDREN:
			o->pid_for_children = true;
			break;
		case OPT_MOUNT_PROC:
			o->mount_proc = optarg && *optarg ? optarg : "/proc";
			break;
		case 'h':
			return 256 + usage();
		case 'V':
			return 256 + print_version("nsenter");
		default:
			return log_try_help();
		}
		if (r < 0)
			return EXIT_FAILURE;
	}
	if (optind < argc && o->do_root && root_ro_spelling(o, argv[optind]))
		optind++;
	if (optind < argc)
		o->argv = argv + optind;
	return 0;
}

static struct nsenter arg_nsenter;

int cmd_nsenter(int argc, char *argv[])
{
	_cleanup_(nsenter_donep) struct nsenter *o = &arg_nsenter;
	int r;

	nsenter_init(o);
	r = parse_argv(argc, argv, o);
	if (r != 0)
		return r >= 256 ? r - 256 : r;
	return nsenter_run(o);
}

/* ---- nook enter -------------------------------------------------------------------------- */

static int enter_usage(void)
{
	printf("\nUsage:\n %s [options] <target> [<program> [<argument>...]]\n\n"
	       "Run a program, or a shell, inside a running process's world: all its\n"
	       "namespaces (its user namespace only when it differs from ours), its root\n"
	       "and working directories, and its environment.\n\n"
	       "<target> is a PID, PID:INODE, or a command name (the oldest process of that\n"
	       "name, as pgrep -o -x).\n\n"
	       "Options:\n",
	       program_name);
	fputs("     --read-only           look, do not touch: every mount read-only\n"
	      " -u, --user <uid>[:<gid>]  run as this user and group (default: root, or as\n"
	      "                             you are when no user namespace is entered)\n"
	      " -w, --workdir <dir>       working directory, a path inside the target\n"
	      "     --no-env              keep your environment instead of the target's\n"
	      "\n"
	      " -h, --help                display this help\n"
	      " -V, --version             display version\n"
	      "\n"
	      "For more details see nook-enter(1).\n",
	      stdout);
	return EXIT_SUCCESS;
}

enum {
	OPT_ENTER_READ_ONLY = CHAR_MAX + 1,
	OPT_ENTER_NO_ENV,
};

static const struct option enter_longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "read-only", no_argument, NULL, OPT_ENTER_READ_ONLY },
	{ "user", required_argument, NULL, 'u' },
	{ "workdir", required_argument, NULL, 'w' },
	{ "no-env", no_argument, NULL, OPT_ENTER_NO_ENV },
	{ NULL, 0, NULL, 0 },
};

static int parse_user_group(struct nsenter *o, const char *arg)
{
	_cleanup_free_ char *copy = strdup(arg);
	char *colon;

	if (!copy)
		return log_error_errno(-ENOMEM, "%m");
	colon = strchr(copy, ':');
	if (colon)
		*colon = '\0';
	if (parse_u32(copy, &o->uid) < 0)
		return log_error("failed to parse uid: '%s'", copy);
	o->gid = o->uid;
	if (colon && parse_u32(colon + 1, &o->gid) < 0)
		return log_error("failed to parse gid: '%s'", colon + 1);
	o->force_uid = o->force_gid = true;
	return 0;
}

int cmd_enter(int argc, char *argv[])
{
	_cleanup_(nsenter_donep) struct nsenter *o = &arg_nsenter;
	bool no_env = false;
	int c;

	nsenter_init(o);
	while ((c = getopt_long(argc, argv, "+hVu:w:", enter_longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ENTER_READ_ONLY:
			o->read_only = true;
			break;
		case OPT_ENTER_NO_ENV:
			no_env = true;
			break;
		case 'u':
			if (parse_user_group(o, optarg) < 0)
				return EXIT_FAILURE;
			break;
		case 'w':
			o->wdns = optarg;
			break;
		case 'h':
			return enter_usage();
		case 'V':
			return print_version("enter");
		default:
			return log_try_help();
		}
	}
	if (optind >= argc) {
		log_error("no target given: a PID or a command name");
		return log_try_help();
	}
	o->target = argv[optind++];
	if (looks_numeric(o->target)) {
		if (parse_target_pid(o, o->target) < 0)
			return EXIT_FAILURE;
	} else
		o->target_is_name = true;
	if (optind < argc)
		o->argv = argv + optind;

	o->all = true;
	o->do_root = true;
	o->do_wd = !o->wdns;
	o->do_env = !no_env;
	o->pick_shell = true;
	return nsenter_run(o);
}
