/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <fcntl.h>
#include <linux/nsfs.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "dlib.h"
#include "ns.h"

const struct ns_info ns_info[_NS_TYPE_MAX] = {
	[NS_CGROUP] = { "cgroup", "cgroup", NULL, CLONE_NEWCGROUP, 'C' },
	[NS_IPC] = { "ipc", "ipc", NULL, CLONE_NEWIPC, 'i' },
	[NS_MNT] = { "mnt", "mount", NULL, CLONE_NEWNS, 'm' },
	[NS_NET] = { "net", "net", NULL, CLONE_NEWNET, 'n' },
	[NS_PID] = { "pid", "pid", "pid_for_children", CLONE_NEWPID, 'p' },
	[NS_TIME] = { "time", "time", "time_for_children", CLONE_NEWTIME, 'T' },
	[NS_USER] = { "user", "user", NULL, CLONE_NEWUSER, 'U' },
	[NS_UTS] = { "uts", "uts", NULL, CLONE_NEWUTS, 'u' },
};

const enum ns_type ns_enter_order[_NS_TYPE_MAX] = {
	NS_USER, NS_CGROUP, NS_IPC, NS_UTS, NS_NET, NS_PID, NS_MNT, NS_TIME,
};

/**
 * ns_type_from_name() - look a namespace type up by name
 * @name: "mnt", "mount", "net", ... (the short /proc name or the long option word)
 *
 * Return: the type, or -EINVAL if @name is none.
 */
enum ns_type ns_type_from_name(const char *name)
{
	if (!name)
		return _NS_TYPE_INVALID;
	NS_FOREACH (t)
		if (streq(name, ns_info[t].name) || streq(name, ns_info[t].long_name))
			return t;
	return _NS_TYPE_INVALID;
}

/**
 * ns_type_from_clone_flag() - the type of a single CLONE_NEW* flag
 * @flag: exactly one CLONE_NEW* bit
 *
 * Return: the type, or -EINVAL.
 */
enum ns_type ns_type_from_clone_flag(int flag)
{
	NS_FOREACH (t)
		if (ns_info[t].clone_flag == flag)
			return t;
	return _NS_TYPE_INVALID;
}

/**
 * ns_type_from_short_opt() - the type an unshare/nsenter short option names
 * @c: 'm', 'u', 'i', 'n', 'p', 'U', 'C' or 'T'
 *
 * Return: the type, or -EINVAL.
 */
enum ns_type ns_type_from_short_opt(int c)
{
	NS_FOREACH (t)
		if (ns_info[t].short_opt == c)
			return t;
	return _NS_TYPE_INVALID;
}

/**
 * ns_type_from_nstype() - the type for an NS_GET_NSTYPE answer
 * @nstype: what the ioctl returned (a CLONE_NEW* value)
 *
 * Return: the type, or -EINVAL.
 */
enum ns_type ns_type_from_nstype(int nstype)
{
	return ns_type_from_clone_flag(nstype);
}

/**
 * ns_proc_path() - format /proc/PID/ns/TYPE
 * @pid: the process, 0 for "self"
 * @type: the namespace type
 * @for_children: use pid_for_children/time_for_children where the type has one
 * @buf: where to write
 * @size: its size
 *
 * Return: 0, or -ENAMETOOLONG.
 */
int ns_proc_path(pid_t pid, enum ns_type type, bool for_children, char *buf, size_t size)
{
	const char *leaf = for_children && ns_info[type].for_children ? ns_info[type].for_children
								      : ns_info[type].name;
	int n;

	if (pid > 0)
		n = snprintf(buf, size, "/proc/%d/ns/%s", (int)pid, leaf);
	else
		n = snprintf(buf, size, "/proc/self/ns/%s", leaf);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/**
 * ns_open() - open a process's namespace file
 * @pid: the process, 0 for ourselves
 * @type: which namespace
 * @for_children: the *_for_children file, where the type has one
 *
 * Return: an O_RDONLY|O_CLOEXEC fd, or -errno.
 */
int ns_open(pid_t pid, enum ns_type type, bool for_children)
{
	char path[64];
	int r;

	r = ns_proc_path(pid, type, for_children, path, sizeof(path));
	if (r < 0)
		return r;
	return ns_open_path(path);
}

/**
 * ns_open_path() - open a namespace file by path
 * @path: /proc/PID/ns/TYPE, or a bind mount of one (/run/netns/NAME)
 *
 * Return: an fd, or -errno.
 */
int ns_open_path(const char *path)
{
	return RET_NERRNO(open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY));
}

/**
 * ns_identify() - the device and inode that name a namespace
 * @fd: an open namespace file
 * @ret: filled on success
 *
 * Return: 0, or -errno.
 */
int ns_identify(int fd, struct ns_id *ret)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return negative_errno();
	*ret = (struct ns_id){ st.st_dev, st.st_ino };
	return 0;
}

/**
 * ns_identify_path() - like ns_identify(), by path (follows the /proc magic link)
 * @path: a namespace file
 * @ret: filled on success
 *
 * Return: 0, or -errno.
 */
int ns_identify_path(const char *path, struct ns_id *ret)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return negative_errno();
	*ret = (struct ns_id){ st.st_dev, st.st_ino };
	return 0;
}

/**
 * ns_get_type() - ask nsfs which type a namespace fd has (NS_GET_NSTYPE)
 * @fd: an open namespace file
 *
 * Return: the enum ns_type, or -errno (-ENOTTY: not a namespace, or an old kernel).
 */
int ns_get_type(int fd)
{
	int r = ioctl(fd, NS_GET_NSTYPE);

	if (r < 0)
		return negative_errno();
	r = ns_type_from_nstype(r);
	return r < 0 ? -EINVAL : r;
}

/**
 * ns_get_owner_uid() - the uid that owns a user namespace (NS_GET_OWNER_UID)
 * @fd: an open user namespace file
 * @ret: the uid, as seen from our own user namespace
 *
 * Return: 0, or -errno.
 */
int ns_get_owner_uid(int fd, uid_t *ret)
{
	uid_t uid;

	if (ioctl(fd, NS_GET_OWNER_UID, &uid) < 0)
		return negative_errno();
	*ret = uid;
	return 0;
}

/**
 * ns_get_userns() - open the user namespace that owns a namespace (NS_GET_USERNS)
 * @fd: any namespace fd
 *
 * Return: a new fd, or -errno (-EPERM when the owner is outside our reach).
 */
int ns_get_userns(int fd)
{
	return RET_NERRNO(ioctl(fd, NS_GET_USERNS));
}

/**
 * ns_get_parent() - open the parent of a pid or user namespace (NS_GET_PARENT)
 * @fd: a pid or user namespace fd
 *
 * Return: a new fd, or -errno (-EPERM at the top of what we may see).
 */
int ns_get_parent(int fd)
{
	return RET_NERRNO(ioctl(fd, NS_GET_PARENT));
}

/**
 * ns_enter() - setns(2)
 * @fd: a namespace fd, or a pidfd
 * @clone_flags: with a namespace fd, its CLONE_NEW* type or 0; with a pidfd,
 *               every namespace of that process to enter, in one atomic step
 *
 * Entering a mount namespace (or a namespace of any type, with 0) seals
 * dlib: no library is loaded from the other world (lib/basic/dlib.h).
 *
 * Return: 0, or -errno.
 */
int ns_enter(int fd, int clone_flags)
{
	/* Another mount namespace (or maybe one, with 0): no dlopen() after this. */
	if (clone_flags == 0 || (clone_flags & CLONE_NEWNS))
		dlib_seal();
	return RET_NERRNO(setns(fd, clone_flags));
}

/**
 * ns_unshare() - unshare(2)
 * @clone_flags: CLONE_NEW* flags
 *
 * Return: 0, or -errno.
 */
int ns_unshare(int clone_flags)
{
	return RET_NERRNO(unshare(clone_flags));
}

/**
 * ns_persist() - keep a namespace alive by bind-mounting its file onto @file
 * @pid: the process whose namespace it is
 * @type: which one; pid and time use their *_for_children file, as util-linux
 *        does, because unshare(2) changes those for the children only
 * @file: an existing file, not on a shared mount (the kernel refuses: EINVAL)
 *
 * Return: 0, or -errno.
 */
int ns_persist(pid_t pid, enum ns_type type, const char *file)
{
	char src[64];
	int r;

	r = ns_proc_path(pid, type, true, src, sizeof(src));
	if (r < 0)
		return r;
	return RET_NERRNO(mount(src, file, NULL, MS_BIND, NULL));
}

/**
 * pidfd_open_pid() - pidfd_open(2); glibc 2.36 has no wrapper we can rely on
 * @pid: the process
 * @flags: 0 or PIDFD_NONBLOCK
 *
 * Return: the pidfd, or -errno (-ENOSYS before Linux 5.3).
 */
int pidfd_open_pid(pid_t pid, unsigned int flags)
{
	return RET_NERRNO((int)syscall(SYS_pidfd_open, pid, flags));
}

/**
 * pidfd_send() - send a signal through a pidfd; never reaches a recycled PID
 * @pidfd: from pidfd_open_pid() or CLONE_PIDFD
 * @sig: the signal
 *
 * Return: 0, or -errno.
 */
int pidfd_send(int pidfd, int sig)
{
	return RET_NERRNO((int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0));
}

/**
 * ns_supported() - whether this kernel has namespaces of a type
 * @type: the type
 *
 * Return: false when /proc/self/ns/TYPE does not exist.
 */
bool ns_supported(enum ns_type type)
{
	struct ns_id id;
	char path[64];

	(void)ns_proc_path(0, type, false, path, sizeof(path));
	return ns_identify_path(path, &id) != -ENOENT;
}

/**
 * ns_same() - whether two processes are in the same namespace of a type
 * @a: a process, 0 for ourselves
 * @b: another
 * @type: the type
 * @ret_failed: on error, which of @a and @b could not be looked at; or NULL
 *
 * Return: 1 the same, 0 different, or -errno (-ENOENT: no such process or
 * type; -EACCES: not ours to look at).
 */
int ns_same(pid_t a, pid_t b, enum ns_type type, pid_t *ret_failed)
{
	const pid_t pids[2] = { a, b };
	struct ns_id id[2];

	for (size_t i = 0; i < 2; i++) {
		char path[64];
		int r;

		(void)ns_proc_path(pids[i], type, false, path, sizeof(path));
		r = ns_identify_path(path, &id[i]);
		if (r < 0) {
			if (ret_failed)
				*ret_failed = pids[i];
			return r;
		}
	}
	return id[0].dev == id[1].dev && id[0].ino == id[1].ino;
}
