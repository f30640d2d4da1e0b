/* SPDX-License-Identifier: GPL-2.0-or-later */
/* parse-util.h - checked number, signal and user/group parsing: never atoi(). */
#pragma once

#include <stdint.h>
#include <sys/types.h>

int parse_u32(const char *s, uint32_t *ret);
int parse_u64(const char *s, uint64_t *ret);
int parse_i64(const char *s, int64_t *ret);
/* iproute2's get_u32()/get_integer(): any base, blanks and wrapping as ip has them. */
int parse_ip_unsigned(const char *s, uint64_t max, uint64_t *ret);
int parse_ip_integer(const char *s, int *ret);
int parse_pid(const char *s, pid_t *ret);
int parse_signal(const char *s);
const char *signal_name(int sig);
int parse_uid_or_name(const char *s, uid_t *ret);
int parse_gid_or_name(const char *s, gid_t *ret);
