/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "alloc-util.h"
#include "io-util.h"
#include "macro.h"

/**
 * write_full() - write all of @buf, retrying short writes and EINTR
 * @fd: destination
 * @buf: data
 * @len: its length
 *
 * For /proc files that take one write (uid_map), a short write is an error
 * the kernel reports itself, so looping never splits a map.
 *
 * Return: 0, or -errno.
 */
int write_full(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return negative_errno();
		}
		if (n == 0)
			return -EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/**
 * write_file_at() - open an existing file for writing and write @text to it
 * @dirfd: AT_FDCWD or a directory fd
 * @path: the file
 * @text: NUL-terminated contents
 *
 * Return: 0, or -errno.
 */
int write_file_at(int dirfd, const char *path, const char *text)
{
	_cleanup_close_ int fd = openat(dirfd, path, O_WRONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return negative_errno();
	return write_full(fd, text, strlen(text));
}

/**
 * read_file_at() - read a small file into @buf, NUL-terminated
 * @dirfd: AT_FDCWD or a directory fd
 * @path: the file
 * @buf: output
 * @size: its size; a longer file is cut to @size - 1 bytes
 *
 * Return: the number of bytes read, or -errno.
 */
ssize_t read_file_at(int dirfd, const char *path, char *buf, size_t size)
{
	_cleanup_close_ int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	size_t len = 0;

	if (size == 0)
		return -EINVAL;
	if (fd < 0)
		return negative_errno();
	while (len + 1 < size) {
		ssize_t n = read(fd, buf + len, size - 1 - len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return negative_errno();
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	return (ssize_t)len;
}

/**
 * read_fd_alloc() - read an fd to its end into a new, NUL-terminated buffer
 * @fd: an open file; read from its current offset
 * @max: the bound; a larger file is refused with -EFBIG (untrusted input)
 * @ret: the contents, to free()
 * @ret_len: their length, or NULL
 *
 * Return: 0, or -errno.
 */
int read_fd_alloc(int fd, size_t max, char **ret, size_t *ret_len)
{
	_cleanup_free_ char *buf = NULL;
	size_t len = 0, cap = 0;

	for (;;) {
		ssize_t n;

		if (len + 1 >= cap) {
			if (cap > max)
				return -EFBIG;
			/* a page first: most files read here are smaller */
			if (GREEDY_REALLOC(buf, cap, len + 2 < 4096 ? 4096 : len + 2) < 0)
				return -ENOMEM;
		}
		n = read(fd, buf + len, cap - 1 - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return negative_errno();
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max)
			return -EFBIG;
	}
	buf[len] = '\0';
	if (ret_len)
		*ret_len = len;
	*ret = TAKE_PTR(buf);
	return 0;
}

/**
 * read_file_alloc() - read a whole file into a new, NUL-terminated buffer
 * @path: the file
 * @max: the bound; a larger file is refused with -EFBIG (untrusted input)
 * @ret: the contents, to free()
 * @ret_len: their length, or NULL
 *
 * Return: 0, or -errno.
 */
int read_file_alloc(const char *path, size_t max, char **ret, size_t *ret_len)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return negative_errno();
	return read_fd_alloc(fd, max, ret, ret_len);
}
