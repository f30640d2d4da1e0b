/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "io-util.h"
#include "macro.h"

/**
 * env_replace_from_buf() - replace the environment with NUL-separated NAME=VALUE entries
 * @buf: the entries, as /proc/PID/environ holds them; modified
 * @len: its length
 *
 * Entries without "=" or with an empty name are skipped, as are those a
 * process may have scribbled over its environment area.  An empty @buf
 * leaves an empty environment.
 *
 * Return: 0, or -errno.
 */
int env_replace_from_buf(char *buf, size_t len)
{
	if (clearenv() != 0)
		return -ENOMEM;
	for (size_t i = 0; i < len;) {
		char *entry = buf + i, *eq;
		size_t elen = strnlen(entry, len - i);

		i += elen + 1;
		if (i > len)
			entry[elen] =
				'\0'; /* last entry without NUL: buf has room (read_fd_alloc) */
		eq = strchr(entry, '=');
		if (!eq || eq == entry)
			continue;
		*eq = '\0';
		if (setenv(entry, eq + 1, 1) < 0)
			return negative_errno();
	}
	return 0;
}

/**
 * env_replace_from_fd() - replace the environment with that of an environ file
 * @fd: an open /proc/PID/environ, read from its start
 *
 * Return: 0, or -errno (-EFBIG above ENV_MAX_BYTES).
 */
int env_replace_from_fd(int fd)
{
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int r;

	r = read_fd_alloc(fd, ENV_MAX_BYTES, &buf, &len);
	if (r < 0)
		return r;
	return env_replace_from_buf(buf, len);
}
