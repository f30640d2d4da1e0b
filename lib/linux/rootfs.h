/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rootfs.h - a container's root filesystem as data: the mounts of
 * config.json, its device nodes, masked and read-only paths.  The OCI spec
 * parser (lib/oci) fills these; the container's init sets them up beneath
 * the root, never following a symlink out of it (rootfs_*(), to come).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "idmap.h"

/* mounts[]: one mount, as config.json gives it; the options are parsed when
 * it is mounted (mount(8)'s words, propagation, recursive flags, idmap). */
struct rootfs_mount {
	char *destination; /* absolute, inside the container */
	char *type;	   /* "bind", "proc", "tmpfs", ...; NULL: from the options (bind) */
	char *source;	   /* a path (bind: on the host, relative to the bundle) or a name */
	char **options;
	size_t n_options;
	/* idmapped mount (mount_setattr MOUNT_ATTR_IDMAP) */
	bool has_idmap;
	struct idmap *uid_map, *gid_map; /* owned; NULL when not given */
};

/* linux.devices[]: a node to create in the container's /dev. */
struct rootfs_device {
	char *path; /* absolute, inside the container */
	char type;  /* 'c', 'u' (unbuffered char), 'b', 'p' (fifo) */
	int64_t major, minor;
	bool has_file_mode, has_uid, has_gid;
	mode_t file_mode; /* permission bits only */
	uid_t uid;
	gid_t gid;
};

void rootfs_mount_done(struct rootfs_mount *m);
void rootfs_device_done(struct rootfs_device *d);
