/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * enter.c - entering another process's world (enter.h), in util-linux
 * nsenter's order of operations and with its words in the errors.
 *
 * Beyond util-linux: every namespace that comes from the target is entered
 * through one pidfd, and files opened by PID are checked against that
 * pidfd; --read-only enters a private, recursively read-only copy of the
 * target's mounts; --pid-for-children and --mount-proc; entering a user
 * namespace that denies setgroups(2) just works.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/sockios.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
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
#include "enter.h"
#include "env.h"
#include "io-util.h"
#include "macro.h"
#include "mnt.h"
#include "parse-util.h"

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

/**
 * enter_init() - an entering that enters nothing yet
 * @e: the struct to fill with defaults: no target, no namespace, no fd
 */
void enter_init(struct enter *e)
{
	*e = (struct enter){
		.target = TARGET_INIT,
		.net_socket = -1,
		.fork = ENTER_FORK_AUTO,
		.root_fd = -EBADF,
		.wd_fd = -EBADF,
		.cgroup_fd = -EBADF,
		.st = {
			.ns_pidfd = -EBADF,
			.env_fd = -EBADF,
			.uid_gid_fd = -EBADF,
			.proc_fd_dir = -EBADF,
			.self_proc_fd = -EBADF,
		},
	};
	NS_FOREACH (t)
		e->ns[t].fd = -EBADF;
}

/**
 * enter_done() - close every fd the struct holds and free what it owns
 * @e: the struct; e->shell is no longer valid after this
 */
void enter_done(struct enter *e)
{
	NS_FOREACH (t)
		e->ns[t].fd = safe_close(e->ns[t].fd);
	target_done(&e->target);
	e->root_fd = safe_close(e->root_fd);
	e->wd_fd = safe_close(e->wd_fd);
	e->cgroup_fd = safe_close(e->cgroup_fd);
	e->st.env_fd = safe_close(e->st.env_fd);
	e->st.uid_gid_fd = safe_close(e->st.uid_gid_fd);
	e->st.proc_fd_dir = safe_close(e->st.proc_fd_dir);
	e->st.self_proc_fd = safe_close(e->st.self_proc_fd);
	e->st.login_shell = x_free(e->st.login_shell);
	e->shell = NULL;
}

/* ---- opening namespace files ------------------------------------------------------------ */

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

/* An opened FILE must be a namespace of the type asked for: say so now, not
 * as setns(2)'s EINVAL later. */
static int check_ns_type(int fd, enum ns_type want, const char *path, struct error *ret_err)
{
	int type = ns_get_type(fd);

	if (type == -ENOTTY)
		return error_set_whole(ret_err, -EINVAL,
				       "cannot use %s for --%s: not a namespace file", path,
				       ns_info[want].long_name);
	if (type >= 0 && type != (int)want)
		return error_set_whole(ret_err, -EINVAL,
				       "cannot use %s for --%s: it is a %s namespace", path,
				       ns_info[want].long_name, ns_info[type].name);
	return 0;
}

/* ":NSID": a namespace by its 64-bit id, through an nsfs file handle. */
static int open_ns_by_id(const char *idstr, struct error *ret_err)
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
		return error_set_whole(ret_err, -EINVAL, "failed to parse nsid: %s", idstr);

	/* The handle type and a file on nsfs come from a namespace of our own. */
	self = pidfd_open_pid(getpid(), 0);
	if (self < 0)
		return error_set(ret_err, self, "failed to fill namespace file handle");
	nsfs = ioctl(self, PIDFD_GET_MNT_NAMESPACE, 0);
	if (nsfs < 0)
		return error_set(ret_err, negative_errno(), "failed to fill namespace file handle");
	h.fh.handle_bytes = sizeof(struct nsfs_handle);
	if (name_to_handle_at(nsfs, "", &h.fh, &mount_id, AT_EMPTY_PATH | AT_HANDLE_FID) < 0)
		return error_set(ret_err, negative_errno(), "failed to fill namespace file handle");
	nsh.ns_id = id;
	memcpy(h.fh.f_handle, &nsh, sizeof(nsh));
	fd = open_by_handle_at(nsfs, &h.fh, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && (errno == ESTALE || errno == EOPNOTSUPP) && !kernel_at_least(6, 19))
		return error_set_whole(
			ret_err, -errno,
			"cannot open namespace of id %ju: %s (namespaces are found by "
			"id from Linux 6.19 on)",
			(uintmax_t)id, strerror(errno));
	if (fd < 0)
		return error_set(ret_err, negative_errno(), "cannot open namespace of id %ju",
				 (uintmax_t)id);
	return fd;
}

/* -n=NAME where NAME is no file: the network namespace "ip netns" calls NAME.
 * @err: why NAME did not open as a file. */
static int open_named_netns(const char *name, int err, struct error *ret_err)
{
	char path[PATH_MAX];
	int fd, r;

	if (err != -ENOENT || strchr(name, '/') || streq(name, ".") || streq(name, "..") ||
	    (size_t)snprintf(path, sizeof(path), NETNS_RUN_DIR "/%s", name) >= sizeof(path))
		return error_set(ret_err, err, "cannot open %s", name);
	fd = ns_open_path(path);
	if (fd == -ENOENT)
		return error_set_whole(ret_err, err,
				       "cannot open %s: %s (nor is there a network namespace %s)",
				       name, strerror(-err), path);
	if (fd < 0)
		return error_set(ret_err, fd, "cannot open %s", path);
	r = check_ns_type(fd, NS_NET, path, ret_err);
	if (r < 0)
		return safe_close(fd), r;
	return fd;
}

/**
 * enter_open_ns() - enter a namespace of a type: the target's, or one named now
 * @e: the entering
 * @type: the namespace type
 * @arg: NULL for the target's; else a namespace file (a leading "=" is
 *	 skipped, as util-linux does for "-n=FILE"), ":NSID" (a namespace by
 *	 its 64-bit id), or for the network namespace a name of "ip netns"
 * @ret_err: why the file cannot be used
 *
 * The file is opened now, where the caller stands (util-linux opens them
 * while parsing, in the caller's mount namespace); a second call for the
 * same type replaces the first.
 *
 * Return: 0, or -errno.
 */
int enter_open_ns(struct enter *e, enum ns_type type, const char *arg, struct error *ret_err)
{
	struct enter_ns *n = &e->ns[type];
	int fd, r;

	n->enabled = true;
	if (!arg)
		return 0;
	if (*arg == '=')
		arg++;
	if (*arg == ':')
		fd = open_ns_by_id(arg + 1, ret_err);
	else {
		fd = ns_open_path(arg);
		if (fd < 0 && type == NS_NET)
			fd = open_named_netns(arg, fd, ret_err);
		else if (fd < 0)
			return error_set(ret_err, fd, "cannot open %s", arg);
		else if ((r = check_ns_type(fd, type, arg, ret_err)) < 0)
			return safe_close(fd), r;
	}
	if (fd < 0)
		return fd;
	safe_close(n->fd);
	n->fd = fd;
	return 0;
}

static int open_dir(int *fdp, const char *dir, struct error *ret_err)
{
	int fd = open(dir, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return error_set(ret_err, negative_errno(), "cannot open %s", dir);
	safe_close(*fdp);
	*fdp = fd;
	return 0;
}

/**
 * enter_set_root() - the root directory to take, opened now (nsenter -r DIR)
 * @e: the entering
 * @dir: the directory, where the caller stands
 * @ret_err: why it cannot be opened
 *
 * e->target_root, if set, takes precedence (the target's root is opened later).
 *
 * Return: 0, or -errno.
 */
int enter_set_root(struct enter *e, const char *dir, struct error *ret_err)
{
	return open_dir(&e->root_fd, dir, ret_err);
}

/**
 * enter_set_wd() - the working directory to take, opened now (nsenter -w DIR)
 * @e: the entering
 * @dir: the directory, where the caller stands
 * @ret_err: why it cannot be opened
 *
 * Return: 0, or -errno.
 */
int enter_set_wd(struct enter *e, const char *dir, struct error *ret_err)
{
	return open_dir(&e->wd_fd, dir, ret_err);
}

/* ---- preparing: the target, and every file, opened where we stand -------------------------- */

/* The namespaces a name lookup must agree on (1 << type): those we take from the target. */
static int lookup_mask(const struct enter *e)
{
	int mask = 0;

	NS_FOREACH (t)
		if (e->all || (e->ns[t].enabled && e->ns[t].fd < 0))
			mask |= 1 << t;
	return mask;
}

static int enabled_mask(const struct enter *e, bool without_fd_only)
{
	int mask = 0;

	NS_FOREACH (t)
		if (e->ns[t].enabled && (!without_fd_only || e->ns[t].fd < 0))
			mask |= ns_info[t].clone_flag;
	return mask;
}

/* -a enabled types without checking that the kernel has them: drop those
 * it lacks.  Return: whether any was dropped. */
static bool drop_unsupported(struct enter *e)
{
	bool dropped = false;

	NS_FOREACH (t)
		if ((e->st.all_unchecked & ns_info[t].clone_flag) && !ns_supported(t)) {
			e->ns[t].enabled = false;
			dropped = true;
		}
	e->st.all_unchecked = 0;
	return dropped;
}

/* SELinux, without libselinux: the context is in /proc. */
static int follow_context(const struct enter *e, struct error *ret_err)
{
	char path[64], con[4096];
	ssize_t n;
	int r;

	if (access("/sys/fs/selinux/enforce", F_OK) < 0) {
		if (e->warn)
			e->warn(e->userdata, "--follow-context: SELinux is not enabled on this "
					     "system; there is no context to follow");
		return 0;
	}
	if (!e->target.pid)
		return error_set_whole(ret_err, -EINVAL,
				       "no target PID specified for --follow-context");
	(void)snprintf(path, sizeof(path), "/proc/%d/attr/current", (int)e->target.pid);
	n = read_file_at(AT_FDCWD, path, con, sizeof(con));
	if (n <= 0)
		return error_set_whole(ret_err, n < 0 ? (int)n : -ENODATA,
				       "failed to get %d SELinux context", (int)e->target.pid);
	con[strcspn(con, "\n")] = '\0';
	r = write_file_at(AT_FDCWD, "/proc/self/attr/exec", con);
	if (r < 0)
		return error_set(ret_err, r, "failed to set exec context to '%s'", con);
	return 0;
}

/* -a: every namespace type of the target's that is not enabled yet. */
static int enable_all(struct enter *e, struct error *ret_err)
{
	/* Through the pidfd, a type this kernel lacks shows up as EINVAL: check
	 * for it then (drop_unsupported()), not with a stat per type. */
	bool pidfd_setns = e->target.pidfd >= 0 && kernel_at_least(5, 8);

	if (!e->target.pid)
		return error_set_whole(ret_err, -EINVAL, "no target PID specified for --all");
	for (size_t i = 0; i < _NS_TYPE_MAX; i++) {
		enum ns_type t = ns_enter_order[i];

		if (e->ns[t].enabled)
			continue;
		if (t != NS_USER && pidfd_setns) {
			e->ns[t].enabled = true;
			e->st.all_unchecked |= ns_info[t].clone_flag;
			continue;
		}
		if (!ns_supported(t))
			continue;
		if (t == NS_USER) {
			/* setns(2) refuses our own user namespace. */
			pid_t who = 0;
			char path[64];
			int r = ns_same(0, e->target.pid, NS_USER, &who);

			if (r < 0) {
				(void)ns_proc_path(who, t, false, path, sizeof(path));
				return error_set(ret_err, r, "stat of %s failed", path);
			}
			if (r > 0)
				continue;
		}
		e->ns[t].enabled = true;
	}
	return 0;
}

/* The target's namespaces: through its pidfd where setns(2) takes one (Linux
 * 5.8), else each file by PID (checked against the pidfd later). */
static int open_target_namespaces(struct enter *e, struct error *ret_err)
{
	struct target *t = &e->target;
	int namespaces = enabled_mask(e, true), r;

	if (!t->pid)
		return error_set_whole(ret_err, -EINVAL, "no target PID specified");
	r = target_pin(t, ret_err);
	if (r < 0)
		return r;
	if (t->pidfd >= 0 && kernel_at_least(5, 8))
		e->st.ns_pidfd = t->pidfd;
	else if (drop_unsupported(e))
		namespaces = enabled_mask(e, true);
	if (e->st.ns_pidfd >= 0 || !namespaces)
		return 0;
	NS_FOREACH (type) {
		char path[64];

		if (!e->ns[type].enabled || e->ns[type].fd >= 0)
			continue;
		(void)ns_proc_path(t->pid, type, false, path, sizeof(path));
		e->ns[type].fd = ns_open_path(path);
		if (e->ns[type].fd < 0)
			return error_set(ret_err, e->ns[type].fd, "cannot open %s", path);
	}
	return 0;
}

/* --pid-for-children: a file of the target's, checked against the pidfd later. */
static int open_pid_for_children(struct enter *e, struct error *ret_err)
{
	struct target *t = &e->target;
	int fd = -EBADF, r;
	char path[64];

	if (!t->pid)
		return error_set_whole(ret_err, -EINVAL, "no target PID specified");
	r = target_pin(t, ret_err);
	if (r < 0)
		return r;
	(void)ns_proc_path(t->pid, NS_PID, true, path, sizeof(path));
	if (t->pidfd >= 0)
		fd = RET_NERRNO(ioctl(t->pidfd, PIDFD_GET_PID_FOR_CHILDREN_NAMESPACE, 0));
	if (fd < 0)
		fd = ns_open_path(path);
	if (fd < 0)
		return error_set(ret_err, fd, "cannot open %s", path);
	e->ns[NS_PID].fd = fd;
	return 0;
}

/* --join-cgroup: the target's cgroup.procs (cgroup v2 only, as util-linux). */
static int open_target_cgroup(struct enter *e, struct error *ret_err)
{
	char mnt[256], cgpath[PATH_MAX];
	int r;

	if (!e->target.pid)
		return error_set_whole(ret_err, -EINVAL,
				       "neither filename nor target pid supplied for cgroup");
	r = cgroup2_find_mount(mnt, sizeof(mnt));
	if (r == -ENOENT)
		return error_set_whole(ret_err, r, "--join-cgroup is only supported in cgroup v2");
	if (r < 0)
		return error_set(ret_err, r, "cannot find the cgroup v2 hierarchy");
	r = cgroup2_open_procs(mnt, e->target.pid, cgpath, sizeof(cgpath));
	if (r == -ENOENT && strncmp(cgpath, "/proc/", 6) == 0)
		return error_set_whole(
			ret_err, r, "failed to get cgroup path: %s has no cgroup v2 entry", cgpath);
	if (r == -EINVAL && strncmp(cgpath, "/proc/", 6) == 0)
		return error_set_whole(ret_err, r,
				       "failed to get cgroup path: the cgroup in %s is outside our "
				       "cgroup namespace",
				       cgpath);
	if (r < 0)
		return error_set(ret_err, r, "failed to open %s", cgpath);
	e->cgroup_fd = r;
	return 0;
}

/* --user-parent: the parent of the user namespace given, of the target's, or
 * of the owner of any namespace given. */
static int open_user_parent(struct enter *e, struct error *ret_err)
{
	struct enter_ns *u = &e->ns[NS_USER];
	int fd = u->enabled && u->fd >= 0 ? u->fd : -EBADF, parent;
	_cleanup_close_ int own = -EBADF;

	if (fd < 0) {
		if (e->target.pidfd >= 0)
			fd = own = RET_NERRNO(ioctl(e->target.pidfd, PIDFD_GET_USER_NAMESPACE, 0));
		if (fd < 0 && e->target.pid) {
			char path[64];

			(void)ns_proc_path(e->target.pid, NS_USER, false, path, sizeof(path));
			fd = own = ns_open_path(path);
			if (fd < 0)
				return error_set(ret_err, fd, "cannot open %s", path);
		}
		NS_FOREACH (t)
			if (fd < 0 && e->ns[t].enabled && e->ns[t].fd >= 0)
				fd = e->ns[t].fd;
	}
	parent = fd >= 0 ? ns_get_userns(fd) : fd;
	if (parent < 0)
		return error_set(ret_err, parent, "failed to open parent namespace");
	safe_close(u->fd);
	u->fd = parent;
	u->enabled = true;
	return 0;
}

/* --net-socket FD: the network namespace of a socket of the target's. */
static int open_socket_netns(struct enter *e, struct error *ret_err)
{
	const struct target *t = &e->target;
	_cleanup_close_ int sk = -EBADF;
	int nsfd;

	if (t->pidfd < 0)
		return error_set(ret_err, -ESRCH, "failed to pidfd_open() for %d", (int)t->pid);
	sk = (int)syscall(SYS_pidfd_getfd, t->pidfd, e->net_socket, 0);
	if (sk < 0)
		return error_set(ret_err, negative_errno(), "cannot get fd %d of process %d",
				 e->net_socket, (int)t->pid);
	nsfd = ioctl(sk, SIOCGSKNS);
	if (nsfd < 0)
		return error_set(ret_err, negative_errno(),
				 "fd %d of process %d: no network namespace", e->net_socket,
				 (int)t->pid);
	safe_close(e->ns[NS_NET].fd);
	e->ns[NS_NET].fd = nsfd;
	e->ns[NS_NET].enabled = true;
	return 0;
}

/* The target's files for root, working directory, environment, owner and cgroup. */
static int open_target_files(struct enter *e, struct error *ret_err)
{
	const struct target *t = &e->target;
	int r;

	if (e->target_root) {
		e->root_fd = safe_close(e->root_fd);
		e->root_fd = target_open_file(t, "root", ret_err);
		if (e->root_fd < 0)
			return e->root_fd;
	}
	if (e->target_wd) {
		e->wd_fd = safe_close(e->wd_fd);
		e->wd_fd = target_open_file(t, "cwd", ret_err);
		if (e->wd_fd < 0)
			return e->wd_fd;
	}
	if (e->target_env) {
		e->st.env_fd = target_open_file(t, "environ", ret_err);
		if (e->st.env_fd < 0)
			return e->st.env_fd;
	}
	if (e->uid_from_target || e->gid_from_target) {
		e->st.uid_gid_fd = target_open_file(t, "", ret_err);
		if (e->st.uid_gid_fd < 0)
			return e->st.uid_gid_fd;
	}
	if (e->join_cgroup && e->cgroup_fd < 0 && (r = open_target_cgroup(e, ret_err)) < 0)
		return r;
	return 0;
}

/**
 * enter_prepare() - the first phase: find and pin the target, open everything
 * @e: the entering, as the caller filled it
 * @ret_err: what failed, in util-linux nsenter's words
 *
 * Nothing is entered yet: the target is looked up (by name), pinned by its
 * pidfd and checked; its namespaces (or their files), root, working
 * directory, environment and cgroup are opened where the caller stands, and
 * checked to be the pinned process's.  Bad combinations are refused.
 *
 * Return: 0, or -errno.
 */
int enter_prepare(struct enter *e, struct error *ret_err)
{
	struct target *t = &e->target;
	int namespaces, r;

	/* Extensions that imply a namespace. */
	if (e->read_only)
		e->ns[NS_MNT].enabled = true;
	if (e->pid_for_children || e->mount_proc)
		e->ns[NS_PID].enabled = true;
	if (e->mount_proc && e->fork == ENTER_FORK_NO)
		return error_set_whole(ret_err, -EINVAL,
				       "--mount-proc needs a child in the PID namespace; it cannot "
				       "be combined with --no-fork");
	if (e->mount_proc)
		e->fork = ENTER_FORK_YES;
	if (e->want_shell) {
		/* Looked up now: never let the target's files choose which NSS
		 * modules we load. */
		struct passwd *pw = getpwuid(getuid());

		if (pw && pw->pw_shell && *pw->pw_shell &&
		    !(e->st.login_shell = strdup(pw->pw_shell)))
			return error_set(ret_err, -ENOMEM, NULL);
	}

	r = target_resolve(t, lookup_mask(e), ret_err);
	if (r < 0)
		return r;
	/* Pin the process first (PID:INODE as util-linux does while parsing): all
	 * that is opened by PID from here on is checked against this pidfd. */
	if (t->pid && (r = target_pin(t, ret_err)) < 0)
		return r;
	r = target_check_pinned(t, ret_err);
	if (r < 0)
		return r;
	if (t->pid && (r = target_check_usable(t, ret_err)) < 0)
		return r;

	if (e->follow_context && (r = follow_context(e, ret_err)) < 0)
		return r;
	if (e->all && (r = enable_all(e, ret_err)) < 0)
		return r;

	/*
	 * A namespace of the target's that is ours already needs no entering, but
	 * setns(2) would demand privilege over it: an unprivileged user entering
	 * "unshare -r" fails on the host's cgroup or network namespace with
	 * util-linux.  Unprivileged, such namespaces are left out; it turns only
	 * those failures into successes.  Root keeps util-linux's behaviour
	 * exactly (entering even our own mount namespace resets root and working
	 * directory).  The user namespace follows util-linux (-a skips it).
	 */
	e->st.requested = enabled_mask(e, false);
	if (t->pid && geteuid() != 0)
		NS_FOREACH (type) {
			if (!e->ns[type].enabled || e->ns[type].fd >= 0 || type == NS_USER ||
			    (type == NS_PID && e->pid_for_children))
				continue;
			if (ns_same(0, t->pid, type, NULL) > 0)
				e->ns[type].enabled = false;
		}

	if (e->pid_for_children && e->ns[NS_PID].fd < 0 &&
	    (r = open_pid_for_children(e, ret_err)) < 0)
		return r;
	if ((enabled_mask(e, true) || e->net_socket >= 0 || e->user_parent) &&
	    (r = open_target_namespaces(e, ret_err)) < 0)
		return r;
	r = open_target_files(e, ret_err);
	if (r < 0)
		return r;
	if (e->user_parent && (r = open_user_parent(e, ret_err)) < 0)
		return r;
	if (e->net_socket >= 0 && (r = open_socket_netns(e, ret_err)) < 0)
		return r;

	namespaces = enabled_mask(e, false);
	if (!namespaces && !e->st.requested)
		return error_set_whole(ret_err, -EINVAL, "no namespace specified");
	if ((namespaces & CLONE_NEWPID) && e->fork == ENTER_FORK_AUTO)
		e->fork = ENTER_FORK_YES;

	/* Files opened by PID are the target's if it is still alive. */
	r = target_check_alive(t, ret_err);
	if (r < 0)
		return r;

	e->st.entered_user = namespaces & CLONE_NEWUSER;
	if (e->st.entered_user && !e->preserve_credentials) {
		e->set_uid = e->set_gid = true;
		/* Before and after entering: complain only if both fail. */
		if (setgroups(0, NULL) != 0) {
			e->st.setgroups_nerrs++;
			e->st.self_proc_fd = open("/proc/self", O_PATH | O_DIRECTORY | O_CLOEXEC);
		}
	}

	if (e->read_only) {
		e->st.proc_fd_dir = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (e->st.proc_fd_dir < 0)
			return error_set(ret_err, negative_errno(), "cannot open /proc/self/fd");
	}
	return 0;
}

/* ---- joining: the namespaces, root, working directory, environment, cgroup ------------------ */

/* One pass: the pidfd for every namespace that has no fd of its own, in a
 * single atomic setns(2); then the files, in util-linux's order.  With
 * @report, the first failure ends the pass; without, failures are left for
 * the next pass. */
static int enter_pass(struct enter *e, int mask, bool report, struct error *ret_err)
{
	int (*enter_ns)(int fd, int clone_flags) = e->setns ?: ns_enter;
	int r;

	if (e->st.ns_pidfd >= 0) {
		int flags = 0;

		NS_FOREACH (t)
			if (e->ns[t].enabled && e->ns[t].fd < 0 && (mask & ns_info[t].clone_flag))
				flags |= ns_info[t].clone_flag;
		if (flags) {
			r = enter_ns(e->st.ns_pidfd, flags);
			if (r == -EINVAL && (flags & e->st.all_unchecked) && drop_unsupported(e)) {
				flags &= enabled_mask(e, true);
				r = flags ? enter_ns(e->st.ns_pidfd, flags) : 0;
			}
			if (r == 0) {
				NS_FOREACH (t)
					if (flags & ns_info[t].clone_flag)
						e->ns[t].enabled = false;
			} else if (report)
				return error_set(ret_err, r, "reassociate to namespaces failed");
		}
	}
	for (size_t i = 0; i < _NS_TYPE_MAX; i++) {
		enum ns_type t = ns_enter_order[i];
		struct enter_ns *n = &e->ns[t];

		if (!n->enabled || n->fd < 0 || !(mask & ns_info[t].clone_flag))
			continue;
		r = enter_ns(n->fd, ns_info[t].clone_flag);
		if (r == 0) {
			n->enabled = false;
			n->fd = safe_close(n->fd);
		} else if (report)
			return error_set(ret_err, r, "reassociate to namespace 'ns/%s' failed",
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
static int enter_read_only(struct enter *e, struct error *ret_err)
{
	char root[PATH_MAX] = "", wd[PATH_MAX] = "";
	int r;

	if (e->root_fd >= 0) {
		r = fd_path(e->st.proc_fd_dir, e->root_fd, root, sizeof(root));
		if (r < 0)
			return error_set(ret_err, r,
					 "--read-only: cannot find the root directory in the "
					 "target's mount namespace");
		e->root_fd = safe_close(e->root_fd);
	}
	if (e->wd_fd >= 0) {
		r = fd_path(e->st.proc_fd_dir, e->wd_fd, wd, sizeof(wd));
		if (r < 0)
			return error_set(ret_err, r,
					 "--read-only: cannot find the working directory in the "
					 "target's mount namespace");
		e->wd_fd = safe_close(e->wd_fd);
	} else if (root[0] && !e->wd_inside)
		(void)snprintf(wd, sizeof(wd), "/"); /* util-linux keeps the cwd, here "/" */

	r = ns_unshare(CLONE_NEWNS);
	if (r < 0)
		return error_set(ret_err, r, "--read-only: unshare failed");
	r = mnt_set_propagation("/", MS_REC | MS_PRIVATE);
	if (r < 0)
		return error_set(ret_err, r, "--read-only: cannot make / private");
	r = mnt_make_readonly("/");
	if (r < 0)
		return error_set(ret_err, r, "--read-only: cannot make the mounts read-only");

	if (wd[0] && chdir(wd) < 0)
		return error_set(ret_err, negative_errno(), "cannot change directory to %s", wd);
	if (root[0] && (r = mnt_chroot(root)) < 0)
		return error_set(ret_err, r, "chroot failed");
	return 0;
}

static int set_root_and_wd(struct enter *e, struct error *ret_err)
{
	int r;

	/* Remember the working directory if we are not changing it. */
	if (e->root_fd >= 0 && e->wd_fd < 0 && !e->wd_inside) {
		e->wd_fd = open(".", O_RDONLY | O_CLOEXEC);
		if (e->wd_fd < 0)
			return error_set(ret_err, negative_errno(),
					 "cannot open current working directory");
	}
	if (e->root_fd >= 0) {
		if (fchdir(e->root_fd) < 0)
			return error_set(ret_err, negative_errno(),
					 "change directory by root file descriptor failed");
		r = mnt_chroot(".");
		if (r < 0)
			return error_set(ret_err, r, "chroot failed");
		if (chdir("/") < 0)
			return error_set(ret_err, negative_errno(), "cannot change directory to %s",
					 "/");
		e->root_fd = safe_close(e->root_fd);
	}
	return 0;
}

static int set_wd(struct enter *e, struct error *ret_err)
{
	if (e->wd_inside) {
		e->wd_fd = safe_close(e->wd_fd);
		/* A path the target controls: a directory, never a FIFO or device to open. */
		e->wd_fd = open(e->wd_inside, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (e->wd_fd < 0)
			return error_set(ret_err, negative_errno(),
					 "cannot open current working directory");
	}
	if (e->wd_fd >= 0) {
		if (fchdir(e->wd_fd) < 0)
			return error_set(ret_err, negative_errno(),
					 "change directory by working directory file descriptor "
					 "failed");
		e->wd_fd = safe_close(e->wd_fd);
	}
	return 0;
}

/*
 * The shell to run when no program is given, one that exists inside: $SHELL
 * (the target's, once its environment is ours), the caller's login shell
 * (looked up before entering), /bin/sh.
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

/**
 * enter_join() - the second phase: enter the namespaces, take root, directory,
 * environment, cgroup
 * @e: the entering, after enter_prepare()
 * @ret_err: what failed, in util-linux nsenter's words
 *
 * Two passes over the namespaces: without the user namespace, ignoring
 * failures; then the rest, user namespace first.  The process is made
 * undumpable first: from here until exec it holds the target's namespaces
 * and our fds, and nobody in the target may ptrace it or take an fd (exec
 * makes it dumpable again).  With want_shell, e->shell is chosen at the end.
 *
 * Return: 0, or -errno.
 */
int enter_join(struct enter *e, struct error *ret_err)
{
	int namespaces = enabled_mask(e, false), r;

	(void)prctl(PR_SET_DUMPABLE, 0);

	(void)enter_pass(e, namespaces & ~CLONE_NEWUSER, false, NULL);
	namespaces = enabled_mask(e, false);
	if (namespaces && (r = enter_pass(e, namespaces, true, ret_err)) < 0)
		return r;
	e->st.ns_pidfd = -EBADF;
	target_done(&e->target);

	if (e->read_only) {
		r = enter_read_only(e, ret_err);
		if (r < 0)
			return r;
		/* A way to the host's /proc: not one moment longer than needed. */
		e->st.proc_fd_dir = safe_close(e->st.proc_fd_dir);
		e->st.private_mnt = true;
	} else if ((r = set_root_and_wd(e, ret_err)) < 0)
		return r;
	r = set_wd(e, ret_err);
	if (r < 0)
		return r;

	if (e->st.env_fd >= 0) {
		r = env_replace_from_fd(e->st.env_fd);
		if (r < 0)
			return error_set(ret_err, r, "failed to get environment variables");
		e->st.env_fd = safe_close(e->st.env_fd);
	}

	if (e->cgroup_fd >= 0) {
		r = cgroup_join(e->cgroup_fd);
		if (r < 0)
			return error_set(ret_err, r, "write cgroup.procs failed");
		e->cgroup_fd = safe_close(e->cgroup_fd);
	}

	if (e->st.uid_gid_fd >= 0) {
		struct stat st;

		if (fstat(e->st.uid_gid_fd, &st) < 0)
			return error_set(ret_err, negative_errno(), "can not get process stat");
		if (e->uid_from_target)
			e->uid = st.st_uid;
		if (e->gid_from_target)
			e->gid = st.st_gid;
		e->st.uid_gid_fd = safe_close(e->st.uid_gid_fd);
	}

	if (e->want_shell && pick_shell(e->st.login_shell, &e->shell) < 0)
		return error_set_whole(ret_err, -ENOENT,
				       "no shell found in the target: tried $SHELL, your login "
				       "shell and /bin/sh; give a command");
	return 0;
}

/* ---- forking, and what the child does before exec ----------------------------------------- */

/**
 * enter_fork() - the third phase: continue as a child, if one is needed
 * @e: the entering, after enter_join()
 * @ret_err: why fork(2) failed
 *
 * A process that entered a PID namespace is not in it; its children are.  As
 * util-linux's continue_as_child(), the parent waits for the child, and
 * passes job control stops through (the child suspended: suspend ourselves,
 * and continue it when we are continued).
 *
 * Return: 0 in the process that goes on (the child, or the only process when
 * no fork is needed), ENTER_WAITED in the parent once the child ended, with
 * e->child_status its wait status, or -errno.
 */
int enter_fork(struct enter *e, struct error *ret_err)
{
	int status = 0;
	pid_t child;

	if (e->fork != ENTER_FORK_YES)
		return 0;
	(void)signal(SIGCHLD, SIG_DFL);
	/* Anything the caller printed must not come out twice. */
	(void)fflush(stdout);
	child = fork();
	if (child < 0)
		return error_set(ret_err, negative_errno(), "fork failed");
	if (child == 0)
		return 0;

	for (;;) {
		pid_t r = waitpid(child, &status, WUNTRACED);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return error_set(ret_err, negative_errno(), "waitpid failed");
		if (WIFSTOPPED(status)) {
			(void)kill(getpid(), SIGSTOP);
			(void)kill(child, SIGCONT);
			continue;
		}
		break;
	}
	e->child_status = status;
	return ENTER_WAITED;
}

/* In the child, for --mount-proc: a /proc of the PID namespace it is in. */
static int mount_proc(const struct enter *e, struct error *ret_err)
{
	int r;

	if (!e->st.private_mnt) {
		r = ns_unshare(CLONE_NEWNS);
		if (r < 0)
			return error_set(ret_err, r, "--mount-proc: unshare failed");
		r = mnt_set_propagation("/", MS_REC | MS_PRIVATE);
		if (r < 0)
			return error_set(ret_err, r, "--mount-proc: cannot make / private");
	}
	r = mnt_mount_proc(e->mount_proc);
	if (r < 0)
		return error_set(ret_err, r, "mount %s failed", e->mount_proc);
	if (e->read_only && (r = mnt_make_readonly(e->mount_proc)) < 0)
		return error_set(ret_err, r, "--read-only: cannot make %s read-only",
				 e->mount_proc);
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

/* setuid()/setgid() failed with @r: in a user namespace, EINVAL means the id
 * has no mapping there, and @hint says what to do instead. */
static int id_failure(int r, const char *call, const char *what, unsigned id, bool entered_user,
		      const char *hint, struct error *ret_err)
{
	if (r == -EINVAL && entered_user)
		return error_set_whole(
			ret_err, r, "%s failed: %s (%s %u is not mapped in the user namespace%s%s)",
			call, strerror(-r), what, id, hint ? "; " : "", hint ?: "");
	return error_set(ret_err, r, "%s failed", call);
}

static int set_credentials(const struct enter *e, struct error *ret_err)
{
	bool entered_user = e->st.entered_user;

	if (!e->set_uid && !e->set_gid)
		return 0;
	if (e->set_gid && !(entered_user && setgroups_denied(e->st.self_proc_fd)) &&
	    setgroups(0, NULL) < 0 && e->st.setgroups_nerrs)
		return error_set(ret_err, negative_errno(), "setgroups failed");
	if (e->set_gid && setgid(e->gid) < 0)
		return id_failure(negative_errno(), "setgid()", "gid", e->gid, entered_user,
				  e->gid_hint, ret_err);
	if (e->set_uid && setuid(e->uid) < 0)
		return id_failure(negative_errno(), "setuid()", "uid", e->uid, entered_user,
				  e->uid_hint, ret_err);
	return 0;
}

/**
 * enter_finish() - the last phase, in the process that execs: /proc, credentials, caps
 * @e: the entering, after enter_fork() returned 0
 * @ret_err: what failed, in util-linux nsenter's words
 *
 * Mounts /proc for the PID namespace (mount_proc), drops supplementary
 * groups and sets gid and uid (set_gid/set_uid; in a user namespace that
 * denies setgroups(2) there are none to drop), and with keep_caps makes the
 * permitted capabilities ambient, so that they survive the exec.
 *
 * Return: 0, or -errno.
 */
int enter_finish(struct enter *e, struct error *ret_err)
{
	int r;

	if (e->mount_proc && (r = mount_proc(e, ret_err)) < 0)
		return r;
	r = set_credentials(e, ret_err);
	if (r < 0)
		return r;
	if (e->keep_caps && e->st.entered_user && (r = caps_permitted_to_ambient()) < 0)
		return error_set_whole(ret_err, r, "failed to raise ambient capabilities");
	return 0;
}

/**
 * enter_run() - enter the target's world: every phase, in order
 * @e: the entering, as the caller filled it
 * @ret_err: what failed, in util-linux nsenter's words, for the caller to print
 *
 * enter_prepare(), enter_join(), enter_fork(), enter_finish().  Prints
 * nothing and never exits; the caller execs its program (or e->shell) when
 * this returns 0.
 *
 * Return: 0 in the process that is to exec, ENTER_WAITED in a parent that
 * waited for its child (e->child_status), or -errno.
 */
int enter_run(struct enter *e, struct error *ret_err)
{
	int r;

	r = enter_prepare(e, ret_err);
	if (r < 0)
		return r;
	r = enter_join(e, ret_err);
	if (r < 0)
		return r;
	r = enter_fork(e, ret_err);
	if (r != 0)
		return r;
	return enter_finish(e, ret_err);
}
