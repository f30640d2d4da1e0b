/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>

#include "rootfs.h"

/**
 * rootfs_mount_done() - free what a mount entry owns, and zero it
 * @m: the entry
 */
void rootfs_mount_done(struct rootfs_mount *m)
{
	if (!m)
		return;
	free(m->destination);
	free(m->type);
	free(m->source);
	for (size_t i = 0; i < m->n_options; i++)
		free(m->options[i]);
	free(m->options);
	free(m->uid_map);
	free(m->gid_map);
	*m = (struct rootfs_mount){ 0 };
}

/**
 * rootfs_device_done() - free what a device entry owns, and zero it
 * @d: the entry
 */
void rootfs_device_done(struct rootfs_device *d)
{
	if (!d)
		return;
	free(d->path);
	*d = (struct rootfs_device){ 0 };
}
