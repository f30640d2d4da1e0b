/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * state.h - the runtime's record of its containers: one directory per
 * container id under the state root (--root, /run/nook by default), with
 *
 *	state.json	what `state` prints and what every later verb needs
 *			(the init's PID and start time, bundle, cgroup, ...)
 *	exec.fifo	present from create until start: the init blocks on it
 *	lock		flock(2)ed by every verb that changes the container
 *
 * A container's status is not stored: it is read from the world each time
 * (runtime-spec "state"): the init alive with the recorded start time (a
 * PID can be reused) and exec.fifo still there is "created", alive without
 * it "running" (or "paused" when frozen), dead or a zombie "stopped".
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "error.h"

#define OCI_STATE_ROOT "/run/nook"
#define OCI_STATE_FILE "state.json"
#define OCI_EXEC_FIFO "exec.fifo"
#define OCI_LOCK_FILE "lock"
/* The runtime-spec version of the state this runtime writes. */
#define OCI_STATE_VERSION "1.2.0"
#define OCI_ID_MAX 1024

enum oci_status {
	OCI_STATUS_CREATING,
	OCI_STATUS_CREATED,
	OCI_STATUS_RUNNING,
	OCI_STATUS_STOPPED,
	OCI_STATUS_PAUSED,
	_OCI_STATUS_MAX,
	_OCI_STATUS_INVALID = -22,
};

struct oci_annotation {
	char *key;
	char *value;
};

struct oci_state {
	char *id;
	pid_t pid;		       /* the init; 0 before it exists */
	unsigned long long start_time; /* its start time (/proc/PID/stat, clock ticks) */
	char *bundle;		       /* absolute */
	char *rootfs;		       /* absolute */
	char created[40];	       /* RFC 3339, nanoseconds, UTC */
	uid_t owner;		       /* who created it */
	bool rootless;		       /* made without privilege over the host */
	bool paused;		       /* frozen by `pause` */
	char *cgroup;		       /* the cgroup manager's record (cg_*); NULL none */
	char *config_version;	       /* the config's ociVersion */
	struct oci_annotation *annotations;
	size_t n_annotations;
};

bool oci_id_is_valid(const char *id);
const char *oci_status_name(enum oci_status s);

int oci_root_open(const char *root, bool create, int *ret_fd, struct error *ret_err);
int oci_container_make(int rootfd, const char *id, int *ret_dirfd, struct error *ret_err);
int oci_container_open(int rootfd, const char *id, int *ret_dirfd, struct error *ret_err);
int oci_container_lock(int dirfd, bool wait, struct error *ret_err);
int oci_container_remove(int rootfd, const char *id, struct error *ret_err);

int oci_state_write(int dirfd, const struct oci_state *s, struct error *ret_err);
int oci_state_read(int dirfd, struct oci_state *ret, struct error *ret_err);
void oci_state_done(struct oci_state *s);
int oci_state_status(int dirfd, const struct oci_state *s, enum oci_status *ret);
int oci_state_json(const struct oci_state *s, enum oci_status status, bool pretty, char **ret);
void oci_time_now(char buf[static 40]);

int oci_foreach_container(int rootfd, int (*fn)(int rootfd, const char *id, void *userdata),
			  void *userdata, struct error *ret_err);
