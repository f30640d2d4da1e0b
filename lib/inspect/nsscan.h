/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nsscan.h - every namespace on the system, found once: through the
 * processes in /proc, the nsfs bind mounts of the mount table, and the open
 * file descriptors (nsfs files and sockets) that hold namespaces no process
 * is in.  The engine of "nook lsns", and later of container listings.
 *
 * It is built for scale.  The scan reads only what identifies namespaces:
 * one readlink(2) per process and type ("net:[4026531840]"), spread over
 * every CPU.  What describes them (owner, parent, a process's uid, parent
 * PID and command line) is read afterwards, and only for what will be shown:
 * nsscan_load_procs() and nsscan_load_links().
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ns.h"

#define NSSCAN_NONE SIZE_MAX

/* Initialise a struct nsscan with this before nsscan_run(). */
#define NSSCAN_INIT               \
	{                         \
		.proc_fd = -EBADF \
	}

/* A namespace that an open fd of a process holds (an nsfs file, or a socket's net namespace). */
struct nsscan_fdns {
	enum ns_type type;
	ino_t ino;
	ino_t owner, parent; /* read while the fd was at hand */
	uid_t uid;	     /* the owner's uid; -1 unknown */
	int fd;		     /* the fd number in the process */
	bool socket;	     /* the fd is a socket in that namespace */
};

struct nsscan_proc {
	pid_t pid;
	ino_t ns[_NS_TYPE_MAX]; /* 0: not scanned, or not readable */
	struct nsscan_fdns *fdns;
	size_t n_fdns;
	size_t cap_fdns; /* private */
	/* nsscan_load_procs() */
	bool queued; /* private */
	bool loaded;
	bool alive; /* loaded, and still there when loaded */
	pid_t ppid;
	uid_t uid;     /* owner of /proc/PID: the effective uid, as lsns shows it */
	char *command; /* the command line, arguments joined by spaces; else the name */
};

enum {
	NSSCAN_FROM_PROC = 1 << 0,  /* some process is in it */
	NSSCAN_FROM_MOUNT = 1 << 1, /* an nsfs bind mount holds it */
	NSSCAN_FROM_FD = 1 << 2,    /* an open fd holds it */
	NSSCAN_FROM_LINK = 1 << 3,  /* only the owner or parent of another namespace */
};

struct nsscan_ns {
	ino_t ino;
	enum ns_type type;
	unsigned nprocs;
	size_t proc; /* index of its lowest-PID process in procs[], or NSSCAN_NONE */
	int from;    /* NSSCAN_FROM_* */
	char **nsfs; /* mount points of its nsfs bind mounts */
	size_t n_nsfs;
	size_t cap_nsfs; /* private */
	/* nsscan_load_links(); filled at discovery for namespaces no process is in */
	bool links_loaded;
	ino_t owner;  /* NS_GET_USERNS; 0: none, or not visible */
	ino_t parent; /* NS_GET_PARENT of pid and user namespaces; 0: none, or not visible */
	uid_t uid;    /* NS_GET_OWNER_UID of the owner; -1: unknown */
	/* where to open it again (nsscan_open_ns()) */
	enum { NSSCAN_SRC_NONE, NSSCAN_SRC_PROC, NSSCAN_SRC_FD, NSSCAN_SRC_SOCKET } src;
	pid_t src_pid;
	int src_fd;
};

struct nsscan {
	struct nsscan_proc *procs; /* ascending PID */
	size_t n_procs;
	struct nsscan_ns *ns; /* ascending inode */
	size_t n_ns;
	/* private */
	int proc_fd;
	unsigned type_mask;
	dev_t nsfs_dev;
	size_t cap_ns, cap_procs;
	size_t *slots; /* hash: index + 1 into ns, 0 = empty */
	size_t n_slots;
};

enum {
	NSSCAN_FDS = 1 << 0,	/* look at every process's open fds and sockets */
	NSSCAN_MOUNTS = 1 << 1, /* look at the nsfs bind mounts of /proc/self/mountinfo */
};

int nsscan_run(struct nsscan *s, unsigned type_mask, unsigned flags);
int nsscan_load_procs(struct nsscan *s, const size_t *idx, size_t n);
int nsscan_load_links(struct nsscan *s, bool add_ancestors);
int nsscan_open_ns(const struct nsscan *s, const struct nsscan_ns *n);
void nsscan_done(struct nsscan *s);

const struct nsscan_ns *nsscan_find(const struct nsscan *s, ino_t ino);
size_t nsscan_find_proc(const struct nsscan *s, pid_t pid);
int nsscan_parse_nsfs_name(const char *name, enum ns_type *ret_type, ino_t *ret_ino);
