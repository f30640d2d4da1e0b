/* SPDX-License-Identifier: GPL-2.0-or-later */
/* env.h - environments: taking over another process's, from /proc/PID/environ. */
#pragma once

#include <stddef.h>

/* /proc/PID/environ is bounded by the kernel's argument space; refuse more. */
#define ENV_MAX_BYTES (32U << 20)

int env_replace_from_fd(int fd);
int env_replace_from_buf(char *buf, size_t len);
