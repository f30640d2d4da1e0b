/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "macro.h"
#include "netns.h"
#include "parse-util.h"

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
 * netns_open() - open a network namespace by what a user calls it
 * @ref: a name in NETNS_RUN_DIR; a path if it has a '/'; else a PID, whose
 *	namespace is /proc/PID/ns/net
 *
 * A name wins over a PID of the same digits, as in iproute2, which looks the
 * PID up only when no such name exists.
 *
 * Return: an O_RDONLY|O_CLOEXEC fd, or -errno (-ENOENT when neither exists).
 */
int netns_open(const char *ref)
{
	char path[sizeof(NETNS_RUN_DIR) + NAME_MAX + 1];
	pid_t pid;
	int fd;

	if (strchr(ref, '/'))
		return RET_NERRNO(open(ref, O_RDONLY | O_CLOEXEC));
	if (!netns_name_is_valid(ref))
		return -EINVAL;
	(void)snprintf(path, sizeof(path), NETNS_RUN_DIR "/%s", ref);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 || errno != ENOENT)
		return fd >= 0 ? fd : negative_errno();
	if (parse_pid(ref, &pid) < 0 || pid <= 0)
		return -ENOENT;
	(void)snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	/* A PID that is gone reads as no such namespace, as a missing name does. */
	return fd >= 0 ? fd : negative_errno();
}
