/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netns.h - named network namespaces in iproute2's layout: /run/netns/NAME
 * is an nsfs bind mount of the namespace, /run/netns itself a shared mount
 * so that a delete propagates to every mount namespace, and /etc/netns/NAME/
 * holds files that "exec" binds over /etc.  ip netns and nook netns see and
 * enter each other's namespaces.
 */
#pragma once

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define NETNS_RUN_DIR "/run/netns"
#define NETNS_ETC_DIR "/etc/netns"

struct mnl_socket;
struct error;

/*
 * The steps of netns_create(), netns_switch() and netns_monitor_open(), so
 * that a caller can say which one failed (each has its own message in ip).
 */
enum netns_step {
	NETNS_STEP_MKDIR_RUN_DIR,   /* mkdir /run/netns */
	NETNS_STEP_OPEN_RUN_DIR,    /* open it, to lock it */
	NETNS_STEP_LOCK_RUN_DIR,    /* flock it (a warning only) */
	NETNS_STEP_BIND_RUN_DIR,    /* mount --bind /run/netns /run/netns */
	NETNS_STEP_PRIVATE_RUN_DIR, /* mount --make-private /run/netns */
	NETNS_STEP_SHARE_RUN_DIR,   /* mount --make-shared /run/netns */
	NETNS_STEP_CREATE_FILE,	    /* create /run/netns/NAME */
	NETNS_STEP_UNSHARE_NET,	    /* unshare(CLONE_NEWNET) */
	NETNS_STEP_BIND_NS,	    /* mount --bind /proc/.../ns/net /run/netns/NAME */
	NETNS_STEP_RESTORE_NET,	    /* setns() back to where we were */
	NETNS_STEP_OPEN_NS,	    /* open the named namespace */
	NETNS_STEP_SETNS,	    /* setns(CLONE_NEWNET) */
	NETNS_STEP_UNSHARE_MNT,	    /* unshare(CLONE_NEWNS) */
	NETNS_STEP_RSLAVE,	    /* mount --make-rslave / */
	NETNS_STEP_MOUNT_SYS,	    /* mount the namespace's sysfs on /sys */
	NETNS_STEP_BIND_ETC,	    /* mount --bind /etc/netns/NAME/E /etc/E (a warning only) */
	NETNS_STEP_VRF_RESET,	    /* leave the VRF cgroup of the old namespace (a warning only) */
	NETNS_STEP_INOTIFY,	    /* inotify_init1() */
	NETNS_STEP_WATCH,	    /* inotify_add_watch() on /run/netns */
	_NETNS_STEP_MAX,
	_NETNS_STEP_INVALID = -EINVAL,
};

/*
 * Called for a step that failed without stopping the operation: @err is
 * -errno; @src and @dst are the paths involved (@src may be NULL).
 */
typedef void (*netns_warn_fn)(enum netns_step step, int err, const char *src, const char *dst,
			      void *userdata);

bool netns_name_is_valid(const char *name);
int netns_open(const char *ref);

int netns_prepare_run_dir(netns_warn_fn warn, void *userdata, enum netns_step *ret_step);
int netns_create(const char *name, pid_t pid, netns_warn_fn warn, void *userdata,
		 enum netns_step *ret_step);
int netns_add(const char *name);
int netns_attach(const char *name, pid_t pid);
int netns_delete(const char *name);
int netns_foreach(int (*fn)(const char *name, void *userdata), void *userdata);

int netns_find_name(dev_t dev, ino_t ino, char **ret_name);
int netns_foreach_pid(dev_t dev, ino_t ino, int (*fn)(pid_t pid, void *userdata), void *userdata);

int netns_switch(const char *name, netns_warn_fn warn, void *userdata, enum netns_step *ret_step);

int netns_monitor_open(enum netns_step *ret_step);
int netns_monitor_read(int fd, int (*fn)(bool added, const char *name, void *userdata),
		       void *userdata);

/* An NSID as our namespace sees another: >= 0, or NL_NSID_NONE (lib/net/nl.h). */
int netns_get_id(struct mnl_socket *nl, int nsfd, int *ret_id, struct error *ret_err);
int netns_set_id(struct mnl_socket *nl, int nsfd, int nsid, struct error *ret_err);

/* One answer of netns_list_ids(): @nsid and @current_nsid are < 0 when unassigned;
 * @has_current says whether the kernel sent a current-nsid (only with a target). */
struct netns_id_entry {
	int nsid;
	int current_nsid;
	bool has_current;
};
int netns_list_ids(struct mnl_socket *nl, int target_nsid, int nsid,
		   int (*fn)(const struct netns_id_entry *e, void *userdata), void *userdata,
		   struct error *ret_err);
