/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cgroup.h - the unified (v2) cgroup hierarchy: where it is mounted, which
 * cgroup a process is in, joining it.  Works on pure v2 systems
 * (/sys/fs/cgroup) and on hybrid ones (/sys/fs/cgroup/unified).
 */
#pragma once

#include <stddef.h>
#include <sys/types.h>

int cgroup2_find_mount(char *buf, size_t size);
int cgroup2_parse_path(const char *text, char *buf, size_t size);
int cgroup2_open_procs(const char *mnt, pid_t pid, char *path, size_t size);
int cgroup_join(int procs_fd);
