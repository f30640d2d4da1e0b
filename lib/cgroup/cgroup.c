/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "cgroup.h"
#include "io-util.h"
#include "macro.h"

#define CGROUP_FILE_MAX (64U << 10)

static bool is_cgroup2(const char *path)
{
	struct statfs fs;

	return statfs(path, &fs) == 0 && fs.f_type == CGROUP2_SUPER_MAGIC;
}

/**
 * cgroup2_find_mount() - where the unified cgroup hierarchy is mounted
 * @buf: receives the path
 * @size: its size
 *
 * Looks at /sys/fs/cgroup (pure v2), /sys/fs/cgroup/unified (hybrid, as
 * systemd mounts it), then at the mount table for any other place.
 *
 * Return: 0, -ENOENT when cgroup2 is not mounted, or -errno.
 */
int cgroup2_find_mount(char *buf, size_t size)
{
	static const char *const known[] = { "/sys/fs/cgroup", "/sys/fs/cgroup/unified" };
	_cleanup_free_ char *text = NULL;
	char *save = NULL;
	int r;

	for (size_t i = 0; i < ELEMENTSOF(known); i++)
		if (is_cgroup2(known[i])) {
			if ((size_t)snprintf(buf, size, "%s", known[i]) >= size)
				return -ENAMETOOLONG;
			return 0;
		}

	/* mountinfo: "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [TAGS] - FSTYPE SOURCE SUPER" */
	r = read_file_alloc("/proc/self/mountinfo", 16U << 20, &text, NULL);
	if (r < 0)
		return r;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *sep = strstr(line, " - "), *mp, *end;

		if (!sep || strncmp(sep + 3, "cgroup2 ", 8) != 0)
			continue;
		/* Field 5 is the mount point; octal escapes (\040) are left as they are,
		 * and such a path fails is_cgroup2() below. */
		mp = line;
		for (int f = 0; f < 4 && mp; f++) {
			mp = strchr(mp, ' ');
			if (mp)
				mp++;
		}
		if (!mp || !(end = strchr(mp, ' ')) || end > sep)
			continue;
		*end = '\0';
		if (!is_cgroup2(mp))
			continue;
		if ((size_t)snprintf(buf, size, "%s", mp) >= size)
			return -ENAMETOOLONG;
		return 0;
	}
	return -ENOENT;
}

/**
 * cgroup2_parse_path() - the unified-hierarchy cgroup in a /proc/PID/cgroup text
 * @text: the file's contents; the v2 line is "0::/PATH"
 * @buf: receives /PATH
 * @size: its size
 *
 * Return: 0, -ENOENT when the process has no v2 cgroup line, or -errno.
 */
int cgroup2_parse_path(const char *text, char *buf, size_t size)
{
	for (const char *line = text; line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);

		if (len >= 3 && strncmp(line, "0::", 3) == 0) {
			const char *path = line + 3;

			len -= 3;
			if (len == 0 || path[0] != '/' || memchr(path, '\0', len))
				return -EINVAL;
			if (len >= size)
				return -ENAMETOOLONG;
			memcpy(buf, path, len);
			buf[len] = '\0';
			/* No ".." may walk out of the hierarchy. */
			if (strstr(buf, "/../") || (len >= 3 && streq(buf + len - 3, "/..")))
				return -EINVAL;
			return 0;
		}
		line = nl ? nl + 1 : NULL;
	}
	return -ENOENT;
}

/**
 * cgroup2_open_procs() - open the cgroup.procs file of @pid's v2 cgroup
 * @mnt: where the hierarchy is mounted, from cgroup2_find_mount()
 * @pid: the process
 * @path: receives the file's path, for messages (also on failure)
 * @size: its size
 *
 * Return: an O_WRONLY fd, or -errno (-ENOENT: @pid has no v2 cgroup; @path
 * then names /proc/PID/cgroup).
 */
int cgroup2_open_procs(const char *mnt, pid_t pid, char *path, size_t size)
{
	_cleanup_free_ char *text = NULL;
	char cg[2048];
	int r;

	(void)snprintf(path, size, "/proc/%d/cgroup", (int)pid);
	r = read_file_alloc(path, CGROUP_FILE_MAX, &text, NULL);
	if (r < 0)
		return r;
	r = cgroup2_parse_path(text, cg, sizeof(cg));
	if (r < 0)
		return r;
	if ((size_t)snprintf(path, size, "%s%s/cgroup.procs", mnt, streq(cg, "/") ? "" : cg) >=
	    size)
		return -ENAMETOOLONG;
	return RET_NERRNO(open(path, O_WRONLY | O_APPEND | O_CLOEXEC));
}

/**
 * cgroup_join() - move the calling process into the cgroup of an open cgroup.procs
 * @procs_fd: from cgroup2_open_procs()
 *
 * Return: 0, or -errno.
 */
int cgroup_join(int procs_fd)
{
	char buf[DECIMAL_STR_MAX(pid_t)];
	int n = snprintf(buf, sizeof(buf), "%d", (int)getpid());

	return write_full(procs_fd, buf, (size_t)n);
}
