/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "dlib.h"
#include "macro.h"
#include "mnt.h"

/**
 * mnt_set_propagation() - change the propagation of the mount at @path
 * @path: a mount point ("/" for the whole tree with MS_REC)
 * @flags: MS_PRIVATE, MS_SLAVE, MS_SHARED or MS_UNBINDABLE, optionally with MS_REC
 *
 * Return: 0, or -errno (-EINVAL when @path is not a mount point).
 */
int mnt_set_propagation(const char *path, unsigned long flags)
{
	return RET_NERRNO(mount("none", path, NULL, flags, NULL));
}

/**
 * mnt_mount_proc() - mount a proc file system for the current PID namespace
 * @dir: where, usually /proc
 *
 * nosuid, noexec, nodev as util-linux: nothing in /proc needs them.
 *
 * Return: 0, or -errno.
 */
int mnt_mount_proc(const char *dir)
{
	return RET_NERRNO(mount("proc", dir, "proc", MS_NOSUID | MS_NOEXEC | MS_NODEV, NULL));
}

/**
 * mnt_mount() - mount(2)
 * @source: what to mount ("proc", a device, a directory to bind)
 * @target: where
 * @fstype: the file system type ("proc", "binfmt_misc"), NULL for a bind or a remount
 * @flags: MS_* flags
 * @data: file system options, or NULL
 *
 * Return: 0, or -errno.
 */
int mnt_mount(const char *source, const char *target, const char *fstype, unsigned long flags,
	      const char *data)
{
	return RET_NERRNO(mount(source, target, fstype, flags, data));
}

/**
 * mnt_bind() - bind-mount @src on @dst
 * @src: a file or directory
 * @dst: an existing file or directory of the same kind
 * @recursive: MS_REC: take the mounts below @src along
 *
 * Return: 0, or -errno.
 */
int mnt_bind(const char *src, const char *dst, bool recursive)
{
	return RET_NERRNO(mount(src, dst, NULL, MS_BIND | (recursive ? MS_REC : 0), NULL));
}

/**
 * mnt_is_shared() - whether the mount that holds @path propagates (is "shared:N")
 * @path: any path
 *
 * Used to explain the kernel's EINVAL for a namespace bind mount on a shared
 * mount (util-linux #289) instead of leaving the user with "Invalid argument".
 *
 * Return: 1 shared, 0 not, or -errno.
 */
int mnt_is_shared(const char *path)
{
	_cleanup_fclose_ FILE *f = NULL;
	struct stat st;
	char line[4096];
	int best_len = -1, shared = 0;

	if (stat(path, &st) < 0)
		return negative_errno();
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return negative_errno();
	/* The mount holding @path is the one with the longest mount point that is a
	 * prefix of it on the same device; good enough for a diagnostic. */
	while (fgets(line, sizeof(line), f)) {
		unsigned int maj, min;
		char mnt[2048];
		int len;

		if (sscanf(line, "%*d %*d %u:%u %*s %2047s", &maj, &min, mnt) != 3)
			continue;
		if (makedev(maj, min) != st.st_dev)
			continue;
		len = (int)strlen(mnt);
		if (strncmp(path, mnt, (size_t)len) != 0 ||
		    (path[len] != '/' && path[len] != '\0' && !(len == 1 && mnt[0] == '/')))
			continue;
		if (len > best_len) {
			best_len = len;
			shared = strstr(line, " shared:") != NULL &&
				 strstr(line, " shared:") < strstr(line, " - ");
		}
	}
	return shared;
}

/**
 * mnt_chroot() - chroot(2), after sealing dlib (no library from the new root)
 * @dir: the new root
 *
 * Return: 0, or -errno.
 */
int mnt_chroot(const char *dir)
{
	dlib_seal();
	return RET_NERRNO(chroot(dir));
}

/**
 * mnt_pivot_root() - make @newroot the root of the current mount namespace
 * @newroot: a mount point (bind a plain directory onto itself first)
 *
 * Unlike chroot(2), this leaves no way back to the old root, and a process
 * whose root is the root of its mount namespace may create user namespaces
 * (the kernel refuses CLONE_NEWUSER inside a chroot).  The caller must be in
 * a mount namespace of its own whose "/" does not propagate (MS_PRIVATE or
 * MS_SLAVE), else pivot_root(2) fails with EINVAL.
 *
 * The pivot_root(".", ".") idiom stacks the old root on top of the new one,
 * so that one lazy unmount of "." removes it, with no directory for the old
 * root to be made in @newroot.
 *
 * Seals dlib first: no library is loaded from the new root.
 *
 * Return: 0, or -errno.
 */
int mnt_pivot_root(const char *newroot)
{
	dlib_seal();
	if (chdir(newroot) < 0)
		return negative_errno();
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		return negative_errno();
	/* The old root is now stacked on "."; keep its unmount from reaching other namespaces. */
	if (mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) < 0)
		return negative_errno();
	if (umount2(".", MNT_DETACH) < 0)
		return negative_errno();
	return RET_NERRNO(chdir("/"));
}

/**
 * mnt_make_readonly() - make the mount at @path and every mount below it read-only
 * @path: a mount point ("/" for the whole tree)
 *
 * Per-mount flags only (mount_setattr(2), Linux 5.12): the file systems
 * stay writable for whoever sees them through other mounts.  Call it in a
 * mount namespace of one's own; the change does not propagate.
 *
 * Return: 0, or -errno (-ENOSYS on kernels without mount_setattr).
 */
int mnt_make_readonly(const char *path)
{
	struct mount_attr attr = { .attr_set = MOUNT_ATTR_RDONLY };

	return RET_NERRNO(
		mount_setattr(AT_FDCWD, path, AT_RECURSIVE | AT_NO_AUTOMOUNT, &attr, sizeof(attr)));
}
