/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * process.h - spawning and waiting: exec with util-linux's conventions, the
 * login shell, a sync channel between parent and child that carries errors
 * across the fork boundary.
 */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include "error.h"

/* What a child reports over the sync channel is a struct error (lib/basic/error.h):
 * 0 or -errno, and a message that names the exact step and path (crun's
 * send_error_to_sync_socket). */
int sync_open(int ret_fds[2]);
int sync_send(int fd, const struct error *e);
int sync_recv(int fd, struct error *ret);
int sync_wake(int fd);
int sync_wait(int fd);

int proc_wait(pid_t pid, int *ret_status);
int proc_exec(char *const argv[]);
int proc_login_argv0(const char *shell, char *argv0, size_t size);
int proc_shell(const char **ret_path, char *argv0, size_t size);
int proc_exec_status(int err);
int proc_exec_command(char *const argv[], const char *shell, int *ret_status,
		      struct error *ret_err);
