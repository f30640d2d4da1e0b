/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sandbox.h - making a new world in order: the engine of `nook unshare`,
 * which the runtime's `create` will share.
 *
 * Setup is data.  A front end fills a struct sandbox_config (what the
 * options mean), sandbox_plan() turns it into an ordered array of steps,
 * and then either sandbox_describe() renders each step as text (--dry-run)
 * or sandbox_run() carries out the very same steps, in that order.  There
 * is no second description of the order kept by hand.
 *
 * Each step names the process that runs it (enum sandbox_proc).  The order
 * is util-linux unshare's (SPEC-util-linux.md §1.2): helpers that must act
 * from outside the new namespaces (binding namespace files, writing range
 * ID maps) are forked before unshare(2) and released after it; the owner is
 * switched before unshare(2), since a user namespace belongs to whoever
 * creates it; single ID maps, propagation, mounts, the new root and then
 * -S/-G happen in the process that will exec the program.
 *
 * sandbox_run() walks the array once in every process: each process runs
 * the steps that are its own and skips the others.  A helper starts at its
 * FORK_HELPER step, blocks until MAIN's RELEASE_HELPER step, runs its own
 * steps and _exit()s; after FORK, MAIN runs only MAIN steps (ending with
 * WAIT) and the child only PROGRAM steps (ending with EXEC).  Without FORK,
 * MAIN runs the PROGRAM steps itself.
 *
 * Errors: the lib prints nothing.  A failed step fills the struct error
 * with util-linux's words for the step in msg ("unshare failed", "mount
 * /proc failed"), so that the front end prints "msg: why" once; with
 * ERROR_MSG_WHOLE the msg is the whole line; an empty msg means there is
 * nothing to print (newuidmap printed its own error, or the parent of a
 * --kill-child child was already gone).  A helper sends its failure to MAIN
 * over the sync socket (sync_send()), so that it is printed by MAIN.
 *
 * Growing into `create` (the next issue).  The runtime's config.json adds
 * steps of new kinds, not a second engine:
 *  - its mounts become SANDBOX_STEP_MOUNT steps with @beneath set to the
 *    rootfs (resolved beneath it, never following a symlink out, before
 *    pivot_root, as the proc mount of --pivot-root is already), followed by
 *    the remount and propagation steps they need;
 *  - devices, masked and read-only paths, sysctls: one kind each, PROGRAM
 *    steps between the mounts and ROOT, each with its own words for errors;
 *  - rlimits, capability sets, no_new_privs, seccomp: PROGRAM steps after
 *    SETUID (seccomp last before EXEC, as crun orders them);
 *  - the sync with the runtime parent: a SYNC step (PROGRAM: report ready,
 *    wait for `start`) just before EXEC, over the same sync socket that
 *    helpers use today, with a struct error as the report;
 *  - clone3(CLONE_INTO_CGROUP | CLONE_PIDFD) instead of unshare + fork: a
 *    SPAWN kind in place of UNSHARE and FORK.
 * The step array is filled only through one internal append function, so
 * that a plan too large for the fixed array (a config.json with hundreds of
 * mounts) can grow it with GREEDY_REALLOC there without any other change;
 * `nook unshare` keeps its fixed array and allocates nothing.
 */
#pragma once

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mount.h>
#include <sys/types.h>
#include <time.h>

#include "error.h"
#include "idmap.h"
#include "ns.h"

/* Where binfmt_misc lives: --mount-binfmt's default, and where a fixed ('F')
 * interpreter is registered before the root changes. */
#define SANDBOX_BINFMT_DIR "/proc/sys/fs/binfmt_misc"
/* util-linux's default --propagation: private, recursively. */
#define SANDBOX_PROPAGATION_DEFAULT (MS_REC | MS_PRIVATE)
#define SANDBOX_ENV_MAX 256
#define SANDBOX_FORWARD_MAX 16
/* The most steps `nook unshare`'s options can make is about 50. */
#define SANDBOX_STEPS_MAX 64
/* Room for the text of any one step but an exec line with huge arguments
 * (a full 340-line ID map is about 12 KB); sandbox_describe() says when it
 * needs more. */
#define SANDBOX_TEXT_MAX 16384

enum sandbox_setgroups {
	SANDBOX_SETGROUPS_UNCHANGED, /* not given: leave /proc/self/setgroups alone */
	SANDBOX_SETGROUPS_DENY,
	SANDBOX_SETGROUPS_ALLOW,
	_SANDBOX_SETGROUPS_MAX,
	_SANDBOX_SETGROUPS_INVALID = -EINVAL,
};

/* An environment variable kept when the environment is cleared. */
struct sandbox_env_var {
	const char *name;
	const char *value; /* NULL: not set in the caller, so absent in the program */
};

/*
 * What `nook unshare`'s options mean.  Start from a zeroed struct and
 * sandbox_config_init(); the strings and arrays it points to must outlive
 * the plan.  IDs given as uint32_t are IDMAP_ID_NONE when not given.
 */
struct sandbox_config {
	int clone_flags; /* CLONE_NEW* to unshare */
	/* Bind the new namespace of each type on this file, to keep it alive. */
	const char *persist[_NS_TYPE_MAX];

	/* Who we are: the outer IDs of single maps; root writes range maps directly. */
	uid_t euid;
	gid_t egid;
	/* --owner: become this user and group before unshare(2), so that the new
	 * user namespace belongs to them. */
	uint32_t owner_uid, owner_gid;
	/* --map-user/--map-group/-r/-c: one ID mapped to our euid/egid. */
	uint32_t map_user, map_group;
	/* --map-users/--map-groups/--map-auto/--map-subids: ranges, written from
	 * outside by a helper (as root) or by newuidmap/newgidmap. */
	bool has_uidmap, has_gidmap;
	struct idmap uidmap, gidmap;
	enum sandbox_setgroups setgroups;

	bool set_boottime, set_monotonic; /* clock offsets in seconds (-T) */
	int64_t boottime, monotonic;

	bool fork;
	int kill_child_signo; /* 0: none */
	int forward[SANDBOX_FORWARD_MAX];
	size_t n_forward;

	unsigned long propagation; /* MS_REC | MS_{PRIVATE,SLAVE,SHARED}, or 0: unchanged */
	const char *hostname;
	const char *proc_dir;	/* --mount-proc */
	const char *binfmt_dir; /* --mount-binfmt */
	const char *interp;	/* --load-interp: a binfmt_misc register line */
	const char *root;
	bool pivot_root; /* the root by pivot_root(2), not chroot(2) */
	const char *workdir;

	bool set_uid, set_gid; /* -S, -G: after the root is set */
	uid_t uid;
	gid_t gid;
	bool keep_caps;

	bool clear_env; /* then keep only env[] */
	struct sandbox_env_var env[SANDBOX_ENV_MAX];
	size_t n_env;

	char *const *argv; /* the program; NULL for a login shell */
};

/* Which process runs a step. */
enum sandbox_proc {
	/* The process that calls unshare(2); when it forks, the one that waits. */
	SANDBOX_PROC_MAIN,
	/* Forked before unshare(2), so still in the original mount namespace and
	 * with the original privileges: binds MAIN's new namespaces on files. */
	SANDBOX_PROC_BIND_HELPER,
	/* Forked before unshare(2), so outside the new user namespace: writes
	 * MAIN's range ID maps (the kernel takes them only from outside). */
	SANDBOX_PROC_MAP_HELPER,
	/* The process that execs the program: the child after FORK, or MAIN. */
	SANDBOX_PROC_PROGRAM,
	_SANDBOX_PROC_MAX,
	_SANDBOX_PROC_INVALID = -EINVAL,
};

enum sandbox_step_kind {
	SANDBOX_STEP_CHECK_PERSIST,    /* .persist: the file exists, so bad input makes nothing */
	SANDBOX_STEP_FORK_HELPER,      /* .helper: fork it; it waits to be released */
	SANDBOX_STEP_OWNER,	       /* .owner: setgroups(0), setgid, setuid */
	SANDBOX_STEP_UNSHARE,	       /* .clone_flags */
	SANDBOX_STEP_RELEASE_HELPER,   /* .helper: let it run its steps, wait, take its failure */
	SANDBOX_STEP_WRITE_MAP,	       /* .map: a range map for MAIN, from outside */
	SANDBOX_STEP_TIME_OFFSET,      /* .time: before anyone enters the time namespace */
	SANDBOX_STEP_FORK,	       /* .fork: the child runs the PROGRAM steps */
	SANDBOX_STEP_PERSIST,	       /* .persist: bind MAIN's namespace on the file */
	SANDBOX_STEP_WAIT,	       /* wait for the child: sandbox_run() returns its status */
	SANDBOX_STEP_KILL_WITH_PARENT, /* .signo: PR_SET_PDEATHSIG, parent still alive */
	SANDBOX_STEP_SELF_MAP,	       /* .self_map: one ID, into /proc/self */
	SANDBOX_STEP_SETGROUPS,	       /* .setgroups: into /proc/self/setgroups */
	SANDBOX_STEP_PROPAGATION,      /* .propagation: of "/", recursively */
	SANDBOX_STEP_HOSTNAME,	       /* .hostname */
	SANDBOX_STEP_MOUNT,	       /* .mount */
	SANDBOX_STEP_MAKE_PRIVATE,     /* .path: so that a mount there does not leak out */
	SANDBOX_STEP_BINFMT_REGISTER,  /* .binfmt */
	SANDBOX_STEP_BIND_ROOT,	       /* .path: bind on itself, a mount point for pivot_root */
	SANDBOX_STEP_ROOT,	       /* .root: chroot or pivot_root */
	SANDBOX_STEP_CHDIR,	       /* .path */
	SANDBOX_STEP_SETGID,	       /* .id: setgroups(0), setgid */
	SANDBOX_STEP_SETUID,	       /* .id */
	SANDBOX_STEP_KEEP_CAPS,	       /* permitted capabilities made ambient */
	SANDBOX_STEP_CLEAR_ENV,	       /* .env: clear, then set the kept ones */
	SANDBOX_STEP_EXEC,	       /* .argv: NULL for a login shell */
	_SANDBOX_STEP_MAX,
	_SANDBOX_STEP_INVALID = -EINVAL,
};

/* One step: what, who, and its arguments (pointers into the config or the plan). */
struct sandbox_step {
	enum sandbox_step_kind kind;
	enum sandbox_proc proc;
	union {
		enum sandbox_proc helper;
		int clone_flags;
		int signo;
		uint32_t id;
		unsigned long propagation;
		enum sandbox_setgroups setgroups;
		const char *hostname;
		const char *path;
		char *const *argv;
		struct {
			enum ns_type type;
			const char *file;
		} persist;
		struct {
			uint32_t uid, gid;
		} owner;
		struct {
			enum idmap_kind kind;
			const struct idmap *map;
			bool direct; /* write /proc/PID/uid_map ourselves (root), else newuidmap */
		} map;
		struct {
			clockid_t clock;
			int64_t seconds;
		} time;
		struct {
			int kill_signo;	    /* the child dies of it when MAIN dies; 0: no */
			const int *forward; /* signals MAIN passes on to the child */
			size_t n_forward;
			bool child_pidfd; /* keep a pidfd of the child (forwarding, killing) */
		} fork;
		struct {
			enum idmap_kind kind;
			uint32_t inner, outer;
		} self_map;
		struct {
			const char *source, *target, *fstype;
			unsigned long flags;
			const char *beneath; /* @target is inside this directory, or NULL */
		} mount;
		struct {
			const char *dir; /* binfmt_misc's mount point */
			const char *interp;
		} binfmt;
		struct {
			const char *dir;
			bool pivot;
		} root;
		struct {
			const struct sandbox_env_var *keep;
			size_t n_keep;
		} env;
	};
};

/* Not to be copied: its steps may point into it (the merged maps). */
struct sandbox_plan {
	size_t n;
	struct sandbox_step steps[SANDBOX_STEPS_MAX];
	/* The range maps with the single --map-user/--map-group ID merged in
	 * (last: their pages are touched only when there are ranges). */
	struct idmap uidmap, gidmap;
};

void sandbox_config_init(struct sandbox_config *c);
int sandbox_plan(const struct sandbox_config *c, struct sandbox_plan *ret, struct error *ret_err);
int sandbox_describe(const struct sandbox_step *s, char *buf, size_t size);
int sandbox_run(const struct sandbox_plan *p, int *ret_status, struct error *ret_err);

const char *sandbox_step_name(enum sandbox_step_kind kind) _pure_;
const char *sandbox_proc_name(enum sandbox_proc proc) _pure_;
enum sandbox_setgroups sandbox_setgroups_from_name(const char *name) _pure_;
int sandbox_propagation_from_name(const char *name, unsigned long *ret);
