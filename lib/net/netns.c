/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "alloc-util.h"
#include "cgroup.h"
#include "dlib.h"
#include "error.h"
#include "io-util.h"
#include "macro.h"
#include "netns.h"
#include "nl.h"
#include "ns.h"
#include "parse-util.h"

/* /run/netns/NAME, with room for any valid NAME. */
#define NETNS_PATH_MAX (sizeof(NETNS_RUN_DIR) + NAME_MAX + 1)

/**
 * netns_name_is_valid() - whether @name can be a file in NETNS_RUN_DIR
 * @name: the name
 *
 * iproute2's rule: not empty, at most NAME_MAX bytes, no '/', not "." or "..".
 *
 * Return: true when valid.
 */
bool netns_name_is_valid(const char *name)
{
	size_t n = strnlen(name, NAME_MAX + 1);

	return n > 0 && n <= NAME_MAX && !strchr(name, '/') && !streq(name, ".") &&
	       !streq(name, "..");
}

/**
 * netns_open_file() - open what iproute2's netns_get_fd() opens
 * @ref: a path if it has a '/', else a name in NETNS_RUN_DIR
 *
 * No check of the name (ip's "link set DEV netns .." opens /run/netns/..)
 * and no PID: "ip link set DEV netns PID" hands a PID to the kernel itself
 * when this fails.  Use netns_open() for what users call a namespace.
 *
 * Return: an O_RDONLY|O_CLOEXEC fd, or -errno.
 */
int netns_open_file(const char *ref)
{
	char path[PATH_MAX];

	if (strchr(ref, '/'))
		return RET_NERRNO(open(ref, O_RDONLY | O_CLOEXEC));
	if ((size_t)snprintf(path, sizeof(path), NETNS_RUN_DIR "/%s", ref) >= sizeof(path))
		return -ENAMETOOLONG;
	return RET_NERRNO(open(path, O_RDONLY | O_CLOEXEC));
}

/**
 * netns_open() - open a network namespace by what a user calls it
 * @ref: a name in NETNS_RUN_DIR; a path if it has a '/'; else a PID, whose
 *	namespace is /proc/PID/ns/net
 *
 * The one resolver of "netns exec", "set", "pids", "connect" and "-n".  A
 * name wins over a PID of the same digits, as in iproute2, which looks the
 * PID up only when no such name exists.  What is opened is not checked to
 * be a network namespace: setns() or the kernel will say, or
 * netns_verify_fd() asks first.
 *
 * Return: an O_RDONLY|O_CLOEXEC fd, or -errno (-ENOENT when neither exists,
 * -EINVAL for a name that cannot be one).
 */
int netns_open(const char *ref)
{
	char path[sizeof("/proc//ns/net") + DECIMAL_STR_MAX(pid_t)];
	pid_t pid;
	int fd;

	if (!strchr(ref, '/') && !netns_name_is_valid(ref))
		return -EINVAL;
	fd = netns_open_file(ref);
	if (fd != -ENOENT || strchr(ref, '/'))
		return fd;
	if (parse_pid(ref, &pid) < 0 || pid <= 0)
		return -ENOENT;
	(void)snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	/* A PID that is gone reads as no such namespace, as a missing name does. */
	return RET_NERRNO(open(path, O_RDONLY | O_CLOEXEC));
}

/**
 * netns_verify_fd() - whether an open file is a network namespace
 * @fd: from netns_open(), say
 *
 * A name in NETNS_RUN_DIR can be a plain file (a name whose bind mount was
 * lost, a file someone made) or the bind mount of another type of
 * namespace; the kernel's word for either is a bare "Invalid argument".
 * nsfs is checked first, since the ioctl means something else to other
 * files.
 *
 * Return: 0 when it is one; -EMEDIUMTYPE when it is not; -errno.
 */
int netns_verify_fd(int fd)
{
	struct statfs sfs;
	int r;

	if (fstatfs(fd, &sfs) < 0)
		return negative_errno();
	if (sfs.f_type != NSFS_MAGIC)
		return -EMEDIUMTYPE;
	r = ns_get_type(fd);
	if (r == -ENOTTY || r == -EINVAL || (r >= 0 && r != NS_NET))
		return -EMEDIUMTYPE;
	return r < 0 ? r : 0;
}

/* Tell @warn, if any, of a step that failed without stopping the operation. */
static void warn_step(netns_warn_fn warn, void *userdata, int err, const char *fmt, ...)
	_printf_(4, 5);
static void warn_step(netns_warn_fn warn, void *userdata, int err, const char *fmt, ...)
{
	struct error e = ERROR_INIT;
	va_list ap;

	if (!warn)
		return;
	va_start(ap, fmt);
	(void)error_setv(&e, err, fmt, ap);
	va_end(ap);
	warn(&e, userdata);
}

/**
 * netns_prepare_run_dir() - make NETNS_RUN_DIR a shared mount of its own
 * @warn: told when the directory cannot be locked (the setup goes on); may be NULL
 * @userdata: for @warn
 * @ret_err: the step that failed, in ip's words ("mount --make-shared
 *	/run/netns failed"); may be NULL
 *
 * A name is a bind mount in NETNS_RUN_DIR; the directory is made a shared
 * mount so that "delete" in one mount namespace unmounts the name in all of
 * them and the network namespace can be freed.  When the directory is not a
 * mount point it is bound onto itself and made private first, so that it
 * leaves the peer group of a shared /run and gets one of its own: otherwise
 * every name would be mounted twice, once under /run's propagation (as
 * iproute2 does since 2026).
 *
 * Concurrent first-time setups are serialised with flock() on the directory,
 * as in iproute2: several processes binding it onto itself at once stack the
 * mounts without end (https://bugs.debian.org/949235).
 *
 * Return: 0, or -errno.  A self-bind made here is undone when a later step
 * fails.
 */
int netns_prepare_run_dir(netns_warn_fn warn, void *userdata, struct error *ret_err)
{
	_cleanup_close_ int lock = -EBADF;
	bool made = false;
	int r;

	if (mkdir(NETNS_RUN_DIR, 0755) < 0 && errno != EEXIST)
		return error_set(ret_err, negative_errno(), "mkdir " NETNS_RUN_DIR " failed");
	lock = open(NETNS_RUN_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lock < 0)
		return error_set(ret_err, negative_errno(),
				 "Cannot open netns runtime directory \"" NETNS_RUN_DIR "\"");
	if (flock(lock, LOCK_EX) < 0) {
		warn_step(warn, userdata, negative_errno(),
			  "could not flock netns runtime directory \"" NETNS_RUN_DIR "\"");
		lock = safe_close(lock);
	}
	/* EINVAL: not a mount point yet.  Closing the fd at return unlocks. */
	while (mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL) < 0) {
		r = negative_errno();
		if (r != -EINVAL || made) {
			if (made)
				(void)umount2(NETNS_RUN_DIR, MNT_DETACH);
			return error_set(ret_err, r,
					 "mount --make-shared " NETNS_RUN_DIR " failed");
		}
		if (mount(NETNS_RUN_DIR, NETNS_RUN_DIR, "none", MS_BIND | MS_REC, NULL) < 0)
			return error_set(ret_err, negative_errno(),
					 "mount --bind " NETNS_RUN_DIR " " NETNS_RUN_DIR " failed");
		made = true;
		if (mount("", NETNS_RUN_DIR, "none", MS_PRIVATE | MS_REC, NULL) < 0) {
			r = negative_errno();
			(void)umount2(NETNS_RUN_DIR, MNT_DETACH);
			return error_set(ret_err, r,
					 "mount --make-private " NETNS_RUN_DIR " failed");
		}
	}
	return 0;
}

/**
 * netns_create() - give a network namespace a name in NETNS_RUN_DIR
 * @name: the name (netns_name_is_valid())
 * @pid: 0 for a new namespace ("ip netns add"); else the process whose
 *	namespace gets the name ("ip netns attach"; any value is tried, as ip does)
 * @warn: told of steps that fail without stopping (the lock); may be NULL
 * @userdata: for @warn
 * @ret_err: the step that failed, in ip's words; may be NULL
 *
 * The file is created with O_EXCL before anything else, so that two
 * processes cannot both take a name; the namespace is bound last, so that a
 * watcher sees a complete name.  A new namespace is made by the calling
 * thread, which enters it for the bind and comes back.  On failure nothing
 * is left behind: no file, no mount, and the caller is in its own namespace
 * again (unless the message is "setns": it could not come back).
 *
 * Return: 0, or -errno (-EINVAL for an invalid name, which callers that
 * speak ip refuse before, with its own exit status).
 */
int netns_create(const char *name, pid_t pid, netns_warn_fn warn, void *userdata,
		 struct error *ret_err)
{
	_cleanup_close_ int saved = -EBADF, fd = -EBADF;
	char path[NETNS_PATH_MAX], src[64];
	int r;

	if (!netns_name_is_valid(name))
		return error_set(ret_err, -EINVAL, "Invalid netns name \"%s\"", name);
	r = netns_prepare_run_dir(warn, userdata, ret_err);
	if (r < 0)
		return r;

	(void)snprintf(path, sizeof(path), NETNS_RUN_DIR "/%s", name);
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (fd < 0)
		return error_set(ret_err, negative_errno(),
				 "Cannot create namespace file \"" NETNS_RUN_DIR "/%s\"", name);
	fd = safe_close(fd);

	if (pid == 0) {
		saved = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
		if (saved < 0 || unshare(CLONE_NEWNET) < 0) {
			r = negative_errno();
			(void)unlink(path);
			return error_set(ret_err, r,
					 "Failed to create a new network namespace \"%s\"", name);
		}
		(void)snprintf(src, sizeof(src), "/proc/thread-self/ns/net");
	} else {
		(void)snprintf(src, sizeof(src), "/proc/%d/ns/net", (int)pid);
	}

	if (mount(src, path, "none", MS_BIND, NULL) < 0) {
		r = negative_errno();
		if (saved >= 0 && setns(saved, CLONE_NEWNET) < 0)
			return error_set(ret_err, negative_errno(), "setns");
		(void)unlink(path);
		/* ip names its own view of the new namespace */
		return error_set(ret_err, r, "Bind %s -> %s failed",
				 pid ? src : "/proc/self/ns/net", path);
	}
	if (saved >= 0 && setns(saved, CLONE_NEWNET) < 0) {
		r = negative_errno();
		(void)netns_delete(name);
		return error_set(ret_err, r, "setns");
	}
	return 0;
}

/**
 * netns_attach() - name the network namespace of process @pid
 * @name: the name
 * @pid: the process (not 0)
 *
 * Return: 0, or -errno.
 */
int netns_attach(const char *name, pid_t pid)
{
	if (pid == 0)
		return -EINVAL;
	return netns_create(name, pid, NULL, NULL, NULL);
}

/**
 * netns_delete() - remove the name @name
 * @name: the name
 *
 * The bind mount is detached (any error ignored: the name may be a plain
 * file or a symlink, which some tools make) and the file unlinked.  A
 * symlink is not followed by the unmount.  The namespace itself lives on
 * while processes or other mounts use it.
 *
 * Return: 0, or -errno of unlink(2) (-EINVAL for an invalid name).
 */
int netns_delete(const char *name)
{
	char path[NETNS_PATH_MAX];

	if (!netns_name_is_valid(name))
		return -EINVAL;
	(void)snprintf(path, sizeof(path), NETNS_RUN_DIR "/%s", name);
	(void)umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW);
	return RET_NERRNO(unlink(path));
}

static bool is_dot(const char *name)
{
	return streq(name, ".") || streq(name, "..");
}

/**
 * netns_foreach() - call @fn with every name in NETNS_RUN_DIR
 * @fn: returns 0 to go on, anything else to stop
 * @userdata: for @fn
 *
 * Names come in directory order, unsorted, as ip lists them; every entry
 * counts, mount or not.
 *
 * Return: 0 when every name was seen (a missing directory has none), what
 * @fn returned when it stopped, or -errno when the directory cannot be read.
 */
int netns_foreach(int (*fn)(const char *name, void *userdata), void *userdata)
{
	_cleanup_closedir_ DIR *d = opendir(NETNS_RUN_DIR);
	struct dirent *de;
	int r;

	if (!d)
		return errno == ENOENT ? 0 : negative_errno();
	for (;;) {
		errno = 0;
		de = readdir(d);
		if (!de)
			return errno ? negative_errno() : 0;
		if (is_dot(de->d_name))
			continue;
		r = fn(de->d_name, userdata);
		if (r != 0)
			return r;
	}
}

/**
 * netns_find_name() - the name in NETNS_RUN_DIR of a network namespace
 * @dev: st_dev of the namespace (fstat of an nsfs file)
 * @ino: its st_ino
 * @ret_name: the name, to free(); NULL when it has none
 *
 * When several names share the namespace, the last in directory order is
 * taken, as "ip netns identify" does.  Symlinks are followed.
 *
 * Return: 0 (also when NETNS_RUN_DIR does not exist), or -errno.
 */
int netns_find_name(dev_t dev, ino_t ino, char **ret_name)
{
	_cleanup_closedir_ DIR *d = NULL;
	_cleanup_free_ char *found = NULL;
	struct dirent *de;
	struct stat st;

	*ret_name = NULL;
	d = opendir(NETNS_RUN_DIR);
	if (!d)
		return errno == ENOENT ? 0 : negative_errno();
	while ((de = readdir(d))) {
		if (is_dot(de->d_name) || fstatat(dirfd(d), de->d_name, &st, 0) < 0)
			continue;
		if (st.st_dev != dev || st.st_ino != ino)
			continue;
		free(found);
		found = strdup(de->d_name);
		if (!found)
			return -ENOMEM;
	}
	*ret_name = TAKE_PTR(found);
	return 0;
}

static bool is_all_digits(const char *s)
{
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/**
 * netns_foreach_pid() - call @fn with every process in a network namespace
 * @dev: st_dev of the namespace
 * @ino: its st_ino
 * @fn: returns 0 to go on, anything else to stop
 * @userdata: for @fn
 *
 * Processes (not threads) of /proc, in its directory order; those that go
 * away meanwhile are skipped.
 *
 * Return: 0, what @fn returned when it stopped, or -errno when /proc cannot be read.
 */
int netns_foreach_pid(dev_t dev, ino_t ino, int (*fn)(pid_t pid, void *userdata), void *userdata)
{
	_cleanup_closedir_ DIR *d = opendir("/proc");
	char path[NAME_MAX + sizeof("/ns/net")];
	struct dirent *de;
	struct stat st;
	pid_t pid;
	int r;

	if (!d)
		return negative_errno();
	while ((de = readdir(d))) {
		if (!is_all_digits(de->d_name) || parse_pid(de->d_name, &pid) < 0)
			continue;
		(void)snprintf(path, sizeof(path), "%s/ns/net", de->d_name);
		if (fstatat(dirfd(d), path, &st, 0) < 0 || st.st_dev != dev || st.st_ino != ino)
			continue;
		r = fn(pid, userdata);
		if (r != 0)
			return r;
	}
	return 0;
}

/*
 * Bind every file of /etc/netns/NAME/ over its namesake in /etc (which must
 * exist): a namespace's own resolv.conf, hosts, ...  Failures are reported
 * and skipped, as ip does.
 */
static void bind_etc(const char *name, netns_warn_fn warn, void *userdata)
{
	char dir[sizeof(NETNS_ETC_DIR) + NAME_MAX + 1], src[PATH_MAX], dst[PATH_MAX];
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;

	if (strlen(name) >= NAME_MAX)
		return;
	(void)snprintf(dir, sizeof(dir), NETNS_ETC_DIR "/%s", name);
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (is_dot(de->d_name))
			continue;
		(void)snprintf(src, sizeof(src), "%s/%s", dir, de->d_name);
		(void)snprintf(dst, sizeof(dst), "/etc/%s", de->d_name);
		if (mount(src, dst, "none", MS_BIND, NULL) < 0)
			warn_step(warn, userdata, negative_errno(), "Bind %s -> %s failed", src,
				  dst);
	}
}

/* mkdir -p @path (absolute), mode 0755. */
static int mkdir_parents(char *path)
{
	for (char *p = strchr(path + 1, '/');; p = strchr(p + 1, '/')) {
		if (p)
			*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST) {
			int r = negative_errno();

			if (p)
				*p = '/';
			return r;
		}
		if (!p)
			return 0;
		*p = '/';
		if (!p[1])
			return 0;
	}
}

/*
 * A process that ip's "vrf exec" put in a VRF sits in a cgroup .../vrf/NAME
 * whose BPF program binds its sockets to a device of the old namespace: move
 * it to the namespace's default-VRF cgroup, PREFIX/[NSNAME-ns/]vrf/, as ip's
 * vrf_reset() does.  Nothing happens for a process in no VRF.
 */
static void vrf_reset(netns_warn_fn warn, void *userdata)
{
	_cleanup_free_ char *text = NULL, *nsname = NULL;
	char mnt[PATH_MAX], path[PATH_MAX], pid[DECIMAL_STR_MAX(pid_t)];
	_cleanup_close_ int fd = -EBADF;
	char *line, *vpath = NULL, *end, *last;
	struct stat st;
	int r;

	if (read_file_alloc("/proc/self/cgroup", 64U << 10, &text, NULL) < 0)
		return;
	/* The first controller-less line is the base path; a VRF shows as "/vrf/" in one. */
	for (line = text; line && *line; line = end ? end + 1 : NULL) {
		end = strchr(line, '\n');
		if (end)
			*end = '\0';
		if (!strstr(line, "::/"))
			continue;
		if (!strstr(line, "/vrf/"))
			return;
		vpath = strstr(line, "::/") + 2;
		*strstr(vpath, "/vrf") = '\0';
		break;
	}
	if (!vpath)
		return;
	if (streq(vpath, "/"))
		vpath[0] = '\0';
	if (cgroup2_find_mount(mnt, sizeof(mnt)) < 0) {
		warn_step(warn, userdata, -ENOENT, "Failed to reset VRF association (cgroup2)");
		return;
	}
	if (stat("/proc/self/ns/net", &st) == 0)
		(void)netns_find_name(st.st_dev, st.st_ino, &nsname);
	if (nsname) {
		/* A base that already ends in the namespace's directory keeps it once. */
		last = strrchr(vpath, '/');
		last = last ? last + 1 : vpath;
		if (strncmp(last, nsname, strlen(nsname)) == 0 &&
		    streq(last + strlen(nsname), "-ns"))
			*last = '\0';
	}
	r = snprintf(path, sizeof(path), "%s%s/%s%svrf", mnt, vpath, nsname ? nsname : "",
		     nsname ? "-ns/" : "");
	if (r < 0 || (size_t)r >= sizeof(path) - sizeof("/cgroup.procs")) {
		warn_step(warn, userdata, -ENAMETOOLONG, "Failed to reset VRF association (%s)",
			  mnt);
		return;
	}
	r = mkdir_parents(path);
	if (r >= 0) {
		strcat(path, "/cgroup.procs");
		fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
		r = fd < 0 ? negative_errno() : 0;
	}
	if (r >= 0) {
		(void)snprintf(pid, sizeof(pid), "%d", (int)getpid());
		r = write_full(fd, pid, strlen(pid));
	}
	if (r < 0)
		warn_step(warn, userdata, r, "Failed to reset VRF association (%s)", path);
}

/**
 * netns_switch() - make the calling process live in the named network namespace
 * @name: the name (or a PID, see netns_open())
 * @warn: told of steps that fail without stopping (a bind of /etc/netns/NAME/FILE,
 *	the VRF reset); may be NULL
 * @userdata: for @warn
 * @ret_err: the step that failed, in ip's words ("mount of /sys failed"); may be NULL
 *
 * What "ip netns exec" does before it runs a program, for programs that do
 * not know about network namespaces:
 *  1. setns() into the namespace;
 *  2. a mount namespace of our own, slave to the one we come from: host
 *     mounts still propagate in, ours never propagate back;
 *  3. /sys replaced by a sysfs of the new namespace (the mount source is
 *     @name, as with ip), so /sys/class/net lists its devices.  It keeps the
 *     read-only, nosuid, nodev and noexec flags of the /sys it replaces: a
 *     read-only /sys (a container's) must not become writable, and when the
 *     old one cannot be unmounted a read-write mount could not shadow it;
 *  4. /etc/netns/NAME/FILE bound over /etc/FILE;
 *  5. out of the old namespace's VRF, if any.
 * Only the network and mount namespaces change: not the user namespace,
 * credentials, cwd or environment.  Use it in a process that will exec or
 * exit: there is no way back.
 *
 * Return: 0, or -errno.
 */
int netns_switch(const char *name, netns_warn_fn warn, void *userdata, struct error *ret_err)
{
	_cleanup_close_ int fd = -EBADF;
	unsigned long flags = 0;
	struct statfs sfs;

	fd = netns_open(name);
	if (fd < 0)
		return error_set(ret_err, fd == -EINVAL ? -ENOENT : fd,
				 "Cannot open network namespace \"%s\"", name);
	if (setns(fd, CLONE_NEWNET) < 0)
		return error_set(ret_err, negative_errno(),
				 "setting the network namespace \"%s\" failed", name);
	fd = safe_close(fd);

	if (unshare(CLONE_NEWNS) < 0)
		return error_set(ret_err, negative_errno(), "unshare failed");
	if (mount("", "/", "none", MS_SLAVE | MS_REC, NULL) < 0)
		return error_set(ret_err, negative_errno(), "\"mount --make-rslave /\" failed");

	if (statfs("/sys", &sfs) == 0 && sfs.f_type == SYSFS_MAGIC) {
		if (sfs.f_flags & ST_RDONLY)
			flags |= MS_RDONLY;
		if (sfs.f_flags & ST_NOSUID)
			flags |= MS_NOSUID;
		if (sfs.f_flags & ST_NODEV)
			flags |= MS_NODEV;
		if (sfs.f_flags & ST_NOEXEC)
			flags |= MS_NOEXEC;
	}
	/* Failure is fine: perhaps no sysfs was there; then ours goes on top. */
	(void)umount2("/sys", MNT_DETACH);
	if (mount(name, "/sys", "sysfs", flags, NULL) < 0)
		return error_set(ret_err, negative_errno(), "mount of /sys failed");

	bind_etc(name, warn, userdata);
	vrf_reset(warn, userdata);
	return 0;
}

/**
 * netns_monitor_open() - an inotify fd that reports names added and deleted
 * @ret_err: the step that failed, in ip's words ("inotify_init failed"); may be NULL
 *
 * NETNS_RUN_DIR is created if missing, so that there is something to watch.
 * A name is reported when its file is created, before its bind mount.
 *
 * Return: the fd (O_CLOEXEC), to read with netns_monitor_read(); or -errno.
 */
int netns_monitor_open(struct error *ret_err)
{
	_cleanup_close_ int fd = inotify_init1(IN_CLOEXEC);

	if (fd < 0)
		return error_set(ret_err, negative_errno(), "inotify_init failed");
	if (mkdir(NETNS_RUN_DIR, 0755) < 0 && errno != EEXIST)
		return error_set(ret_err, negative_errno(), "mkdir " NETNS_RUN_DIR " failed");
	if (inotify_add_watch(fd, NETNS_RUN_DIR, IN_CREATE | IN_DELETE) < 0)
		return error_set(ret_err, negative_errno(), "inotify_add_watch failed");
	return TAKE_FD(fd);
}

/**
 * netns_monitor_read() - wait for the next events and report them
 * @fd: from netns_monitor_open()
 * @fn: called per name, @added true for a new name; returns 0 to go on
 * @userdata: for @fn
 *
 * Return: 0 after one read's worth of events, what @fn returned when it was
 * not 0, or -errno.
 */
int netns_monitor_read(int fd, int (*fn)(bool added, const char *name, void *userdata),
		       void *userdata)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	ssize_t n;
	int r;

	do
		n = read(fd, buf, sizeof(buf));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return negative_errno();
	for (char *p = buf; p < buf + n; p += sizeof(*ev) + ev->len) {
		ev = (const struct inotify_event *)p;
		if (ev->len == 0)
			continue;
		if (ev->mask & IN_CREATE) {
			r = fn(true, ev->name, userdata);
			if (r != 0)
				return r;
		}
		if (ev->mask & IN_DELETE) {
			r = fn(false, ev->name, userdata);
			if (r != 0)
				return r;
		}
	}
	return 0;
}

/* An RTM_*NSID request in @buf. */
static struct nlmsghdr *nsid_msg(char *buf, uint16_t type, uint16_t flags)
{
	struct nlmsghdr *nlh;
	struct rtgenmsg *g = nl_msg_start(buf, type, flags, sizeof(*g), &nlh);

	g->rtgen_family = AF_UNSPEC;
	return nlh;
}

/* Read a signed 32-bit NETNSA_* attribute, or @def when absent or malformed. */
static int nsid_attr(const struct nlattr *a, int def)
{
	if (!a || sym_mnl_attr_validate(a, MNL_TYPE_U32) < 0)
		return def;
	return (int32_t)sym_mnl_attr_get_u32(a);
}

static int get_id_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NETNSA_MAX + 1];

	if (nlh->nlmsg_type != RTM_NEWNSID ||
	    nl_parse_attrs(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX) < 0)
		return MNL_CB_OK;
	*(int *)data = nsid_attr(tb[NETNSA_NSID], NL_NSID_NONE);
	return MNL_CB_OK;
}

/**
 * netns_get_id() - the NSID our network namespace gives another
 * @nl: from nl_open_route()
 * @nsfd: an open file of the other namespace
 * @ret_id: the NSID, or NL_NSID_NONE
 * @ret_err: the kernel's reason on failure ("Peer netns reference is
 *	invalid" for a file that is no namespace); may be NULL
 *
 * Return: 0, or -errno.
 */
int netns_get_id(struct mnl_socket *nl, int nsfd, int *ret_id, struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh = nsid_msg(buf, RTM_GETNSID, 0);
	int id = NL_NSID_NONE, r;

	sym_mnl_attr_put_u32(nlh, NETNSA_FD, (uint32_t)nsfd);
	r = nl_talk(nl, nlh, get_id_cb, &id, ret_err);
	if (r < 0)
		return r;
	*ret_id = id < 0 ? NL_NSID_NONE : id;
	return 0;
}

/**
 * netns_set_id() - give another network namespace an NSID in ours
 * @nl: from nl_open_route()
 * @nsfd: an open file of the other namespace
 * @nsid: the NSID, or -1 for the kernel to choose
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * An NSID cannot be changed once given ("Peer netns already has a nsid
 * assigned").
 *
 * Return: 0, or -errno.
 */
int netns_set_id(struct mnl_socket *nl, int nsfd, int nsid, struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh = nsid_msg(buf, RTM_NEWNSID, 0);

	sym_mnl_attr_put_u32(nlh, NETNSA_FD, (uint32_t)nsfd);
	sym_mnl_attr_put_u32(nlh, NETNSA_NSID, (uint32_t)nsid);
	return nl_talk(nl, nlh, NULL, NULL, ret_err);
}

struct list_ids {
	int (*fn)(const struct netns_id_entry *e, void *userdata);
	void *userdata;
};

static int list_ids_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct list_ids *l = data;
	const struct nlattr *tb[NETNSA_MAX + 1];
	struct netns_id_entry e;

	if (nlh->nlmsg_type != RTM_NEWNSID ||
	    nl_parse_attrs(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX) < 0 || !tb[NETNSA_NSID])
		return MNL_CB_OK;
	e.nsid = nsid_attr(tb[NETNSA_NSID], NL_NSID_NONE);
	e.has_current = tb[NETNSA_CURRENT_NSID] != NULL;
	e.current_nsid = nsid_attr(tb[NETNSA_CURRENT_NSID], NL_NSID_NONE);
	if (l->fn(&e, l->userdata) != 0) {
		errno = ECANCELED;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

/**
 * netns_list_ids() - the NSIDs a network namespace has given out
 * @nl: from nl_open_route()
 * @target_nsid: whose NSIDs, by its NSID in ours; -1 for ours.  With a
 *	target, the kernel also tells each peer's NSID in ours ("current")
 * @nsid: only this NSID (a single query); -1 for all (a dump)
 * @fn: called per NSID; returns 0 to go on
 * @userdata: for @fn
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * Return: 0, or -errno (-ECANCELED when @fn stopped).
 */
int netns_list_ids(struct mnl_socket *nl, int target_nsid, int nsid,
		   int (*fn)(const struct netns_id_entry *e, void *userdata), void *userdata,
		   struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh = nsid_msg(buf, RTM_GETNSID, nsid < 0 ? NLM_F_DUMP : 0);
	struct list_ids l = { fn, userdata };

	/* The kernel reads a dump request's attributes (the target) only with
	 * the strict checking that nl_open_route() switches on. */
	if (nsid >= 0)
		sym_mnl_attr_put_u32(nlh, NETNSA_NSID, (uint32_t)nsid);
	if (target_nsid >= 0)
		sym_mnl_attr_put_u32(nlh, NETNSA_TARGET_NSID, (uint32_t)target_nsid);
	return nl_talk(nl, nlh, list_ids_cb, &l, ret_err);
}

static int count_cb(const struct netns_id_entry *e _unused_, void *userdata)
{
	(*(unsigned *)userdata)++;
	return 0;
}

/**
 * netns_count_ids() - how many NSIDs our network namespace has given out
 * @nl: from nl_open_route()
 * @ret: the number; 0 means every other namespace is unassigned, so that a
 *	listing of thousands need not ask about each
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * Return: 0, or -errno.
 */
int netns_count_ids(struct mnl_socket *nl, unsigned *ret, struct error *ret_err)
{
	*ret = 0;
	return netns_list_ids(nl, -1, -1, count_cb, ret, ret_err);
}

/**
 * netns_foreach_id() - every name in NETNS_RUN_DIR with the NSID our namespace gives it
 * @nl: from nl_open_route(); NULL to leave every NSID unasked (NL_NSID_NONE)
 * @fn: called per name, in directory order: @nsid is the NSID or NL_NSID_NONE
 *	(none, or the name could not be opened); @err is the kernel's refusal of
 *	the query (a name that is no namespace: "Peer netns reference is
 *	invalid"), else NULL.  Returns 0 to go on, anything else to stop
 * @userdata: for @fn
 *
 * What "ip netns list" shows, and the NSID-to-name map of ip's "link-netns
 * NAME": the names are read first, then each is asked about, so that @fn
 * may change the directory.
 *
 * Return: 0, what @fn returned when it stopped, or -errno (-ENOMEM; a
 * missing directory has no names).
 */
int netns_foreach_id(struct mnl_socket *nl,
		     int (*fn)(const char *name, int nsid, const struct error *err, void *userdata),
		     void *userdata)
{
	_cleanup_closedir_ DIR *d = opendir(NETNS_RUN_DIR);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	int r = 0;

	if (!d)
		return errno == ENOENT ? 0 : negative_errno();
	for (;;) {
		errno = 0;
		de = readdir(d);
		if (!de) {
			r = errno ? negative_errno() : 0;
			break;
		}
		if (is_dot(de->d_name))
			continue;
		if (GREEDY_REALLOC(names, cap, n + 1) < 0) {
			r = -ENOMEM;
			break;
		}
		names[n] = strdup(de->d_name);
		if (!names[n]) {
			r = -ENOMEM;
			break;
		}
		n++;
	}
	for (size_t i = 0; r == 0 && i < n; i++) {
		struct error e = ERROR_INIT;
		_cleanup_close_ int fd = -EBADF;
		int id = NL_NSID_NONE;
		bool refused = false;

		if (nl) {
			fd = openat(dirfd(d), names[i], O_RDONLY | O_CLOEXEC);
			if (fd >= 0 && netns_get_id(nl, fd, &id, &e) < 0) {
				id = NL_NSID_NONE;
				refused = true;
			}
		}
		r = fn(names[i], id, refused ? &e : NULL, userdata);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return r;
}
