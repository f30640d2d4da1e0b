/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * idmap.h - user and group ID maps: parse them as util-linux unshare
 * accepts them, merge a single mapping into ranges, format, write them to
 * /proc/PID/{uid,gid}_map directly or through newuidmap/newgidmap.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The kernel accepts at most 340 lines in a map (Linux 4.15+), in one write of < 4096 bytes. */
#define IDMAP_MAX 340
#define IDMAP_WRITE_MAX 4096

/* An inner start of "none": marks a --map-users=auto range whose inner start
 * is decided when the single --map-user ID is merged (it becomes 0). */
#define IDMAP_INNER_AUTO UINT32_MAX
/* "No single ID": --map-user was not given. */
#define IDMAP_ID_NONE UINT32_MAX

struct idmap_range {
	uint32_t inner; /* first ID inside the namespace */
	uint32_t outer; /* first ID in the parent namespace */
	uint32_t count;
};

struct idmap {
	size_t n;
	struct idmap_range r[IDMAP_MAX];
};

enum idmap_kind {
	IDMAP_UID,
	IDMAP_GID,
	_IDMAP_KIND_MAX,
	_IDMAP_KIND_INVALID = -22,
};

int idmap_parse_range(const char *s, struct idmap_range *ret);
int idmap_add(struct idmap *m, uint32_t inner, uint32_t outer, uint32_t count);
int idmap_add_kernel_identity(struct idmap *m, const char *text);
int idmap_subid_lookup(const char *text, const char *user, uid_t uid, struct idmap_range *ret);
int idmap_merge_single(const struct idmap *in, uint32_t outer, uint32_t inner, struct idmap *ret);
int idmap_format(const struct idmap *m, char *buf, size_t size);
int idmap_open_proc(pid_t pid, const char *leaf);
const char *idmap_leaf_name(enum idmap_kind kind);
const char *idmap_helper_name(enum idmap_kind kind);
int idmap_write_fd(int fd, const struct idmap *m);
int idmap_exec_helper(enum idmap_kind kind, pid_t pid, const struct idmap *m);
int idmap_proc_path(pid_t pid, const char *leaf, char *buf, size_t size);
