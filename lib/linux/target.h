/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * target.h - the process whose world is entered: named by PID, PID:INODE
 * (the inode of its pidfd, as util-linux 2.42) or command name (the oldest
 * process of that name, as "pgrep -o -x"), then pinned by a pidfd so that a
 * PID reused half-way can never mix two processes' namespaces.
 *
 * The order that keeps a target pinned:
 *
 *	target_parse(&t, "webshop", &err);       a PID or a name, nothing opened
 *	target_resolve(&t, mask, &err);          a name becomes a PID (and its start time)
 *	target_pin(&t, &err);                    the pidfd; everything by PID after this...
 *	target_check_pinned(&t, &err);           ...and the name's PID was not reused before it
 *	target_check_usable(&t, &err);           no zombie, no kernel thread
 *	... open /proc/PID/... files ...
 *	target_check_alive(&t, &err);            so those files are the pidfd's process's
 *
 * A caller that already holds a pidfd (the OCI runtime, which keeps its
 * container's init by pid and start time) sets pid, pidfd and start and
 * skips target_parse() and target_resolve().
 */
#pragma once

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "error.h"

struct target {
	pid_t pid;		  /* 0: no target (yet) */
	const char *name;	  /* a command name to look up, or NULL */
	uint64_t pidfd_ino;	  /* PID:INODE: the pidfd's inode must be this; 0: any */
	unsigned long long start; /* start time (clock ticks) the process must have; 0: any */
	int pidfd;		  /* -EBADF until pinned; owned (target_done() closes it) */
};

#define TARGET_INIT              \
	{                        \
		.pidfd = -EBADF, \
	}

void target_done(struct target *t);
bool target_arg_is_pid(const char *arg) _pure_;
int target_parse(struct target *t, const char *arg, struct error *ret_err);
int target_find_by_name(const char *name, int ns_mask, pid_t *ret_pid,
			unsigned long long *ret_start, struct error *ret_err);
int target_resolve(struct target *t, int ns_mask, struct error *ret_err);
int target_pin(struct target *t, struct error *ret_err);
int target_check_pinned(const struct target *t, struct error *ret_err);
int target_check_usable(const struct target *t, struct error *ret_err);
int target_check_alive(const struct target *t, struct error *ret_err);
int target_open_file(const struct target *t, const char *what, struct error *ret_err);
