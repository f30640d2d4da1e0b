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

#include "ns.h" /* NETNS_RUN_DIR */

#define NETNS_ETC_DIR "/etc/netns"

struct mnl_socket;
struct error;

/*
 * Told of a step that failed without stopping the operation (the lock of
 * NETNS_RUN_DIR, a file of /etc/netns/NAME that could not be bound, the VRF
 * of the old namespace): @e says which, in ip's words ("Bind
 * /etc/netns/red/hosts -> /etc/hosts failed"), and why.
 */
typedef void (*netns_warn_fn)(const struct error *e, void *userdata);

bool netns_name_is_valid(const char *name);
int netns_open_file(const char *ref);
int netns_open(const char *ref);
int netns_verify_fd(int fd);

int netns_prepare_run_dir(netns_warn_fn warn, void *userdata, struct error *ret_err);
int netns_create(const char *name, pid_t pid, netns_warn_fn warn, void *userdata,
		 struct error *ret_err);
int netns_attach(const char *name, pid_t pid);
int netns_delete(const char *name);
int netns_foreach(int (*fn)(const char *name, void *userdata), void *userdata);

int netns_find_name(dev_t dev, ino_t ino, char **ret_name);
int netns_foreach_pid(dev_t dev, ino_t ino, int (*fn)(pid_t pid, void *userdata), void *userdata);

int netns_switch(const char *name, netns_warn_fn warn, void *userdata, struct error *ret_err);

int netns_monitor_open(struct error *ret_err);
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
int netns_count_ids(struct mnl_socket *nl, unsigned *ret, struct error *ret_err);
int netns_foreach_id(struct mnl_socket *nl,
		     int (*fn)(const char *name, int nsid, const struct error *err, void *userdata),
		     void *userdata);
