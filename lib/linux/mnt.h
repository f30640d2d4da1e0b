/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mnt.h - mount helpers: propagation, pseudo file systems, binds, pivot_root. */
#pragma once

#include <stdbool.h>

int mnt_set_propagation(const char *path, unsigned long flags);
int mnt_mount_proc(const char *dir);
int mnt_mount(const char *source, const char *target, const char *fstype, unsigned long flags,
	      const char *data);
int mnt_bind(const char *src, const char *dst, bool recursive);
int mnt_chroot(const char *dir);
int mnt_pivot_root(const char *newroot);
int mnt_is_shared(const char *path);
int mnt_make_readonly(const char *path);
