/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ns.h - the namespace type table and the operations on namespaces:
 * open, identify, enter, create, persist.
 */
#pragma once

#include <errno.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "macro.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif

/* Where "ip netns" keeps the network namespaces it names (iproute2's
 * convention, which nsenter's --net=NAME and nook's ip words share). */
#define NETNS_RUN_DIR "/run/netns"

enum ns_type {
	NS_CGROUP,
	NS_IPC,
	NS_MNT,
	NS_NET,
	NS_PID,
	NS_TIME,
	NS_USER,
	NS_UTS,
	_NS_TYPE_MAX,
	_NS_TYPE_INVALID = -EINVAL,
};

struct ns_info {
	const char *name;	  /* lsns TYPE and /proc/PID/ns/<name>: "mnt" */
	const char *long_name;	  /* the long option word: "mount" */
	const char *for_children; /* "pid_for_children", or NULL */
	int clone_flag;		  /* CLONE_NEW* */
	char short_opt;		  /* unshare/nsenter short option: 'm' */
};

/* Indexed by enum ns_type. */
extern const struct ns_info ns_info[_NS_TYPE_MAX];

/*
 * The order in which util-linux nsenter enters namespaces (and unshare
 * persists them): user first, so that when we are unprivileged the user
 * namespace grants the capabilities needed for the others; mnt late, since
 * entering it changes how paths resolve.
 */
extern const enum ns_type ns_enter_order[_NS_TYPE_MAX];

#define NS_FOREACH(t) for (enum ns_type t = 0; t < _NS_TYPE_MAX; t++)

/* Every CLONE_NEW* flag that ns_info knows, OR-ed. */
#define NS_ALL_CLONE_FLAGS                                                            \
	(CLONE_NEWCGROUP | CLONE_NEWIPC | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | \
	 CLONE_NEWTIME | CLONE_NEWUSER | CLONE_NEWUTS)

enum ns_type ns_type_from_name(const char *name) _pure_;
enum ns_type ns_type_from_clone_flag(int flag) _pure_;
enum ns_type ns_type_from_nstype(int nstype) _pure_;
enum ns_type ns_type_from_short_opt(int c) _pure_;

/* The identity of a namespace: nsfs device and inode, as lsns and stat show it. */
struct ns_id {
	dev_t dev;
	ino_t ino;
};

int ns_proc_path(pid_t pid, enum ns_type type, bool for_children, char *buf, size_t size);
int ns_open(pid_t pid, enum ns_type type, bool for_children);
int ns_open_path(const char *path);
int ns_identify(int fd, struct ns_id *ret);
int ns_identify_path(const char *path, struct ns_id *ret);
int ns_get_type(int fd);
int ns_get_owner_uid(int fd, uid_t *ret);
int ns_get_userns(int fd);
int ns_get_parent(int fd);
int ns_enter(int fd, int clone_flags);
int ns_unshare(int clone_flags);
int ns_persist(pid_t pid, enum ns_type type, const char *file);
bool ns_supported(enum ns_type type);
int ns_same(pid_t a, pid_t b, enum ns_type type, pid_t *ret_failed);

int pidfd_open_pid(pid_t pid, unsigned int flags);
int pidfd_send(int pidfd, int sig);
