/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc-util.h"
#include "io-util.h"
#include "macro.h"
#include "parse-util.h"
#include "procfs.h"

/**
 * procfs_parse_stat() - parse a /proc/PID/stat line
 * @text: the line; comm may hold spaces and parentheses, so it is taken as
 *        everything between the first "(" and the last ")"
 * @ret: filled on success
 *
 * Return: 0, or -EINVAL for a line that does not have the expected shape.
 */
int procfs_parse_stat(const char *text, struct proc_stat *ret)
{
	const char *open = strchr(text, '('), *close = strrchr(text, ')');
	struct proc_stat st = { 0 };
	unsigned long long field[20];
	const char *p;
	char *end;
	size_t len;
	long long pid;

	if (!open || !close || close < open)
		return -EINVAL;
	errno = 0;
	pid = strtoll(text, &end, 10);
	if (errno || end == text || pid <= 0 || pid > INT32_MAX)
		return -EINVAL;
	len = (size_t)(close - open - 1);
	if (len >= sizeof(st.comm))
		len = sizeof(st.comm) - 1;
	memcpy(st.comm, open + 1, len);
	st.comm[len] = '\0';
	st.pid = (pid_t)pid;

	/* After the comm: " S ppid pgrp session tty_nr tpgid flags ... starttime"
	 * (fields 3, 4, ..., 22 of proc(5)). */
	p = close + 1;
	while (*p == ' ')
		p++;
	if (!*p || !isalpha((unsigned char)*p))
		return -EINVAL;
	st.state = *p++;
	for (size_t i = 0; i < ELEMENTSOF(field); i++) {
		if (*p != ' ')
			return -EINVAL;
		p++;
		errno = 0;
		/* tty_nr, priority and nice may be negative; we only keep unsigned fields. */
		field[i] = (unsigned long long)strtoll(p, &end, 10);
		if (errno || end == p)
			return -EINVAL;
		p = end;
	}
	/* field[0] is ppid (4), field[5] flags (9), field[18] starttime (22). */
	if (field[0] > INT32_MAX)
		return -EINVAL;
	st.ppid = (pid_t)field[0];
	st.flags = (unsigned long)field[5];
	st.starttime = field[18];
	*ret = st;
	return 0;
}

/**
 * procfs_read_stat() - read and parse /proc/PID/stat
 * @pid: the process
 * @ret: filled on success
 *
 * Return: 0, -ENOENT when there is no such process, or -errno.
 */
int procfs_read_stat(pid_t pid, struct proc_stat *ret)
{
	char path[32], buf[1024];
	ssize_t n;

	(void)snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	n = read_file_at(AT_FDCWD, path, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	return procfs_parse_stat(buf, ret);
}

/**
 * procfs_is_kthread() - whether a process is a kernel thread
 * @st: its stat
 *
 * Return: true for kernel threads, which have no namespaces of their own.
 */
bool procfs_is_kthread(const struct proc_stat *st)
{
	return st->flags & PROCFS_PF_KTHREAD;
}

/* argv[0]'s last path component, for names longer than comm keeps. */
static bool argv0_is(pid_t pid, const char *name)
{
	char path[32], buf[4096];
	const char *base;
	ssize_t n;

	(void)snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	n = read_file_at(AT_FDCWD, path, buf, sizeof(buf));
	if (n <= 0)
		return false;
	base = strrchr(buf, '/');
	base = base ? base + 1 : buf;
	return streq(base, name);
}

/**
 * procfs_name_matches() - whether a process is called @name
 * @pid: the process
 * @comm: its comm
 * @name: the name asked for
 * @substring: match anywhere in comm (for suggestions), not exactly
 *
 * An exact match is "pgrep -x": comm equals @name.  Since comm keeps only 15
 * bytes, a longer @name matches when comm is its first 15 bytes and argv[0]'s
 * base name is all of it.
 *
 * Return: true on a match.
 */
bool procfs_name_matches(pid_t pid, const char *comm, const char *name, bool substring)
{
	size_t len = strlen(name);

	if (substring)
		return strstr(comm, name) != NULL;
	if (len <= PROCFS_COMM_VISIBLE)
		return streq(comm, name);
	return strncmp(comm, name, PROCFS_COMM_VISIBLE) == 0 &&
	       strlen(comm) == PROCFS_COMM_VISIBLE && argv0_is(pid, name);
}

static int cmp_start(const void *a, const void *b)
{
	const struct proc_stat *x = a, *y = b;

	if (x->starttime != y->starttime)
		return x->starttime < y->starttime ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

/**
 * procfs_find_by_name() - every process called @name, oldest first
 * @name: a command name (comm)
 * @substring: see procfs_name_matches()
 * @ret: array of matches, to free(); NULL when there is none
 * @ret_n: how many
 *
 * Processes that exit during the scan are skipped.
 *
 * Return: 0, or -errno.
 */
int procfs_find_by_name(const char *name, bool substring, struct proc_stat **ret, size_t *ret_n)
{
	_cleanup_closedir_ DIR *d = opendir("/proc");
	_cleanup_free_ struct proc_stat *v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;

	if (!d)
		return negative_errno();
	while ((errno = 0, de = readdir(d))) {
		struct proc_stat st;
		pid_t pid;

		if (de->d_type != DT_DIR || !isdigit((unsigned char)de->d_name[0]))
			continue;
		if (parse_pid(de->d_name, &pid) < 0)
			continue;
		if (procfs_read_stat(pid, &st) < 0)
			continue;
		if (!procfs_name_matches(pid, st.comm, name, substring))
			continue;
		if (GREEDY_REALLOC(v, cap, n + 1) < 0)
			return -ENOMEM;
		v[n++] = st;
	}
	if (errno)
		return negative_errno();
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_start);
	*ret = TAKE_PTR(v);
	*ret_n = n;
	return 0;
}
