/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * enter.h - entering another process's world: its namespaces (through one
 * pidfd, or files given), its root and working directory, its environment,
 * cgroup and credentials; then the caller execs.
 *
 * One mechanism with several front ends.  The caller fills a struct enter
 * (enter_init() sets the defaults) and calls enter_run(), which prints
 * nothing and exits nowhere: on failure it returns -errno and fills the
 * struct error with util-linux nsenter's words ("reassociate to namespace
 * 'ns/net' failed" + why), for the front end to print once
 * (error_format()).  Where it forks to be inside a PID namespace, the
 * parent waits for the child and returns ENTER_WAITED with the child's wait
 * status, and the front end leaves as the child left.
 *
 *	nook nsenter, nook enter (src/compat): enter_init(); files named on the
 *	command line are opened while parsing, in the caller's mount namespace
 *	(enter_open_ns(), enter_set_root(), enter_set_wd(), target_parse());
 *	then enter_run(), and exec the program (or e->shell).
 *
 *	The OCI runtime's exec (next): enter_init(); .target.pid, .target.pidfd
 *	and .target.start from the container's state (its init, pinned by pid
 *	and start time), .all = true (the user namespace too when it is not
 *	ours), .join_cgroup = true or .cgroup_fd = the container's cgroup.procs,
 *	.wd_inside = process.cwd, .set_uid/.set_gid; it sets process.env and
 *	additional groups itself, and, in the process that enter_run() returns
 *	0 to, capabilities and seccomp, then execs.  To hold the child's pidfd
 *	(--pid-file, --detach) it runs the phases itself: enter_prepare(),
 *	enter_join(), its own clone3(CLONE_PIDFD) and sync socket where
 *	e->fork says a child is needed (ENTER_FORK_YES after enter_prepare()),
 *	and enter_finish() in the child.
 *
 *	The engine's exec (docker words): the runtime's exec, for a container
 *	found by name in the store.
 *
 * The order of operations is util-linux's (SPEC-util-linux.md §2.2): all
 * namespaces but the user namespace are tried first, ignoring failures (a
 * privileged caller drops privilege last), then whatever is left, user
 * namespace first (an unprivileged caller gains the capabilities it needs
 * for the rest).  Race protection: every namespace of the target's is
 * entered through one pidfd opened before anything else, and files opened by
 * PID are checked against it (target.h).
 *
 * No threads and no dlopen() in these paths: ns_enter() and mnt_chroot()
 * seal dlib.
 */
#pragma once

#include <errno.h>
#include <stdbool.h>
#include <sys/types.h>

#include "error.h"
#include "ns.h"
#include "target.h"

/* When to fork: a process that enters a PID namespace is not in it, its
 * children are (util-linux's continue-as-child). */
enum enter_fork {
	ENTER_FORK_AUTO, /* when a PID namespace is entered */
	ENTER_FORK_NO,
	ENTER_FORK_YES,
	_ENTER_FORK_MAX,
	_ENTER_FORK_INVALID = -EINVAL,
};

/* enter_run()/enter_fork() in the parent that waited: e->child_status
 * holds the child's wait status; leave as the child left. */
#define ENTER_WAITED 1

struct enter_ns {
	bool enabled;
	int fd; /* a namespace file given (owned); -EBADF: the target's */
};

struct enter {
	/* ---- what to enter, filled by the caller --------------------------------------- */
	struct target target;
	struct enter_ns ns[_NS_TYPE_MAX];
	bool all;		/* every namespace of the target's; its user namespace only
			       * when it is not ours (setns(2) refuses our own) */
	bool user_parent;	/* the parent of the user namespace entered, or of the owner */
	int net_socket;		/* -1, or an fd of the target's: its socket's network namespace */
	bool pid_for_children;	/* the target's pid_for_children namespace (implies pid) */
	bool read_only;		/* a private read-only copy of the mounts (implies mnt) */
	const char *mount_proc; /* mount a /proc here for the PID namespace (implies pid) */
	enum enter_fork fork;

	/* ---- where, and as what ------------------------------------------------------------ */
	bool target_root;      /* the target's root directory (chroot) */
	bool target_wd;	       /* the target's working directory */
	int root_fd, wd_fd;    /* or directories given (enter_set_root()/enter_set_wd()) */
	const char *wd_inside; /* a working directory, as a path inside (--wdns) */
	bool target_env;       /* take over the target's environment */
	bool join_cgroup;      /* join the target's cgroup (v2) ... */
	int cgroup_fd;	       /* ... or the cgroup.procs file given (owned) */
	bool follow_context;   /* the target's SELinux context, for the exec */
	bool set_uid, set_gid;
	bool uid_from_target, gid_from_target; /* the owner of /proc/PID ("follow") */
	uid_t uid;
	gid_t gid;
	bool preserve_credentials; /* a user namespace entered sets uid/gid 0 unless this */
	bool keep_caps;		   /* permitted capabilities become ambient */
	bool want_shell; /* no program given: choose a shell that exists inside (e->shell) */
	/* What to do when uid/gid is not mapped in the user namespace entered,
	 * in the front end's words ("use -S with a mapped uid"); or NULL. */
	const char *uid_hint, *gid_hint;

	/* A warning on the way, which does not stop us (SELinux is off); NULL: dropped. */
	void (*warn)(void *userdata, const char *msg);
	void *userdata;
	/* setns(2) for the namespaces; NULL: ns_enter().  Tests record the order. */
	int (*setns)(int fd, int clone_flags);

	/* ---- results ------------------------------------------------------------------------ */
	const char *shell; /* with want_shell: the shell to exec, found inside */
	int child_status;  /* ENTER_WAITED: the child's wait status */

	/* ---- between the phases: enter.c's own ------------------------------------------------ */
	struct {
		int all_unchecked; /* -a types not checked to exist on this kernel */
		int requested;	   /* CLONE_NEW* asked for, before those that are ours already */
		int ns_pidfd;	   /* target.pidfd when setns(2) takes it; not owned */
		int env_fd, uid_gid_fd, proc_fd_dir, self_proc_fd;
		int setgroups_nerrs;
		bool entered_user, private_mnt;
		char *login_shell;
	} st;
};

void enter_init(struct enter *e);
void enter_done(struct enter *e);
int enter_open_ns(struct enter *e, enum ns_type type, const char *arg, struct error *ret_err);
int enter_set_root(struct enter *e, const char *dir, struct error *ret_err);
int enter_set_wd(struct enter *e, const char *dir, struct error *ret_err);

int enter_prepare(struct enter *e, struct error *ret_err);
int enter_join(struct enter *e, struct error *ret_err);
int enter_fork(struct enter *e, struct error *ret_err);
int enter_finish(struct enter *e, struct error *ret_err);
int enter_run(struct enter *e, struct error *ret_err);
