/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>

#include "cg-resources.h"

/**
 * cg_resources_done() - free what the resources own, and zero them
 * @r: the resources
 */
void cg_resources_done(struct cg_resources *r)
{
	if (!r)
		return;
	free(r->cpu_cpus);
	free(r->cpu_mems);
	free(r->blkio_weight_device);
	free(r->throttle_read_bps);
	free(r->throttle_write_bps);
	free(r->throttle_read_iops);
	free(r->throttle_write_iops);
	free(r->hugepage_limits);
	free(r->net_priorities);
	free(r->devices);
	for (size_t i = 0; i < r->n_unified; i++) {
		free(r->unified[i].key);
		free(r->unified[i].value);
	}
	free(r->unified);
	*r = (struct cg_resources){ 0 };
}
