/* SPDX-License-Identifier: GPL-2.0-or-later */
/* io-util.h - reading and writing whole buffers and small files. */
#pragma once

#include <stddef.h>
#include <sys/types.h>

int write_full(int fd, const void *buf, size_t len);
int write_file_at(int dirfd, const char *path, const char *text);
ssize_t read_file_at(int dirfd, const char *path, char *buf, size_t size);
int read_fd_alloc(int fd, size_t max, char **ret, size_t *ret_len);
int read_file_alloc(const char *path, size_t max, char **ret, size_t *ret_len);
