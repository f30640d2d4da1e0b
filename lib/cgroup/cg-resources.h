/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cg-resources.h - what a container's cgroup may use: the runtime-spec's
 * linux.resources as data, which the cgroup manager (cg_*) applies on a
 * v1, v2 or hybrid host and which `update` changes.
 *
 * Every optional value has a has_* flag, as the spec's fields are optional
 * (a JSON field that is absent leaves the kernel's value alone); a value of
 * -1 where the spec allows it means "no limit".  The lists are owned by the
 * struct: cg_resources_done() frees them.  Strings of the spec that select a
 * device or a page size are kept as the spec gives them; the manager checks
 * them against what the kernel offers.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A major or minor number of a device rule that matches any ("*"). */
#define CG_DEVICE_ANY (-1)

/* linux.resources.devices[]: an allow or deny rule, in order, last match wins. */
struct cg_device_rule {
	bool allow;
	char type;	/* 'a' all, 'c' char, 'b' block */
	int64_t major;	/* CG_DEVICE_ANY for any */
	int64_t minor;	/* CG_DEVICE_ANY for any */
	char access[4]; /* some of "rwm", NUL-terminated; "" means "rwm" */
};

/* blockIO.weightDevice[]: a weight for one block device. */
struct cg_weight_device {
	int64_t major, minor;
	bool has_weight, has_leaf_weight;
	uint16_t weight, leaf_weight;
};

/* blockIO.throttle*Device[]: a rate for one block device. */
struct cg_throttle_device {
	int64_t major, minor;
	uint64_t rate;
};

/* hugepageLimits[]: a limit per page size ("2MB", "1GB"). */
struct cg_hugepage_limit {
	char pagesize[16];
	uint64_t limit;
};

/* network.priorities[]: net_prio's ifpriomap. */
struct cg_net_priority {
	char name[16]; /* an interface name (IFNAMSIZ) */
	uint32_t priority;
};

/* unified: cgroup v2 files written as they are ("memory.high": "1G"). */
struct cg_unified_entry {
	char *key;
	char *value;
};

struct cg_resources {
	/* memory */
	bool has_memory_limit, has_memory_reservation, has_memory_swap, has_memory_kernel,
		has_memory_kernel_tcp, has_memory_swappiness, has_disable_oom_killer,
		has_use_hierarchy, has_check_before_update;
	int64_t memory_limit;	    /* bytes; -1 unlimited */
	int64_t memory_reservation; /* bytes; -1 unlimited */
	int64_t memory_swap;	    /* memory + swap, bytes; -1 unlimited */
	int64_t memory_kernel;	    /* deprecated; v1 only */
	int64_t memory_kernel_tcp;  /* v1 only */
	uint64_t memory_swappiness; /* 0..100 */
	bool disable_oom_killer;
	bool use_hierarchy;
	bool check_before_update; /* update: refuse a limit below the usage */

	/* cpu */
	bool has_cpu_shares, has_cpu_quota, has_cpu_burst, has_cpu_period, has_cpu_realtime_runtime,
		has_cpu_realtime_period, has_cpu_idle;
	uint64_t cpu_shares; /* v1 shares; v2 weight = 1 + (shares - 2) * 9999 / 262142 */
	int64_t cpu_quota;   /* microseconds per period; -1 unlimited */
	uint64_t cpu_burst;
	uint64_t cpu_period; /* microseconds */
	int64_t cpu_realtime_runtime;
	uint64_t cpu_realtime_period;
	int64_t cpu_idle; /* v2: cpu.idle 0/1 */
	char *cpu_cpus;	  /* cpuset.cpus ("0-1,3"); NULL unset */
	char *cpu_mems;	  /* cpuset.mems; NULL unset */

	/* pids */
	bool has_pids_limit;
	int64_t pids_limit; /* -1 or 0 unlimited, as runc reads it */

	/* blockIO */
	bool has_blkio_weight, has_blkio_leaf_weight;
	uint16_t blkio_weight, blkio_leaf_weight;
	struct cg_weight_device *blkio_weight_device;
	size_t n_blkio_weight_device;
	struct cg_throttle_device *throttle_read_bps, *throttle_write_bps, *throttle_read_iops,
		*throttle_write_iops;
	size_t n_throttle_read_bps, n_throttle_write_bps, n_throttle_read_iops,
		n_throttle_write_iops;

	/* hugetlb */
	struct cg_hugepage_limit *hugepage_limits;
	size_t n_hugepage_limits;

	/* network (v1 net_cls, net_prio) */
	bool has_net_class_id;
	uint32_t net_class_id;
	struct cg_net_priority *net_priorities;
	size_t n_net_priorities;

	/* devices: v1's devices.allow/deny, v2's eBPF program */
	struct cg_device_rule *devices;
	size_t n_devices;

	/* unified (v2 files as they are) */
	struct cg_unified_entry *unified;
	size_t n_unified;
};

void cg_resources_done(struct cg_resources *r);
