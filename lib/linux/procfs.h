/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * procfs.h - what /proc says about processes: their stat line, and finding
 * them by command name the way "pgrep -o -x NAME" does.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The kernel's TASK_COMM_LEN is 16; kernel threads may show up to 64 bytes. */
#define PROCFS_COMM_MAX 64
/* What comm keeps of a longer program name. */
#define PROCFS_COMM_VISIBLE 15
/* task->flags bit of kernel threads (include/linux/sched.h). */
#define PROCFS_PF_KTHREAD 0x00200000UL

struct proc_stat {
	pid_t pid;
	pid_t ppid;
	char state;
	unsigned long flags;
	unsigned long long starttime; /* clock ticks after boot */
	char comm[PROCFS_COMM_MAX];
};

int procfs_parse_stat(const char *text, struct proc_stat *ret);
int procfs_read_stat(pid_t pid, struct proc_stat *ret);
bool procfs_is_kthread(const struct proc_stat *st);
bool procfs_name_matches(pid_t pid, const char *comm, const char *name, bool substring);
int procfs_find_by_name(const char *name, bool substring, struct proc_stat **ret, size_t *ret_n);
