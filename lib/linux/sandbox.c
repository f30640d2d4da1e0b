/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sandbox.c - the plan of a new world, its text, and its execution
 * (sandbox.h explains the model).
 *
 * The words in the errors are util-linux unshare's, so that `nook unshare`
 * prints exactly what util-linux prints; they go into error.msg without
 * the ": strerror" that util-linux's err() adds and the front end adds back.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "caps.h"
#include "io-util.h"
#include "macro.h"
#include "mnt.h"
#include "parse-util.h"
#include "process.h"
#include "sandbox.h"
#include "timens.h"

#define ROLE(proc) (1u << (proc))

static const char *const setgroups_names[_SANDBOX_SETGROUPS_MAX] = {
	[SANDBOX_SETGROUPS_DENY] = "deny",
	[SANDBOX_SETGROUPS_ALLOW] = "allow",
};

static const struct {
	const char *name;
	unsigned long flags;
} propagation_modes[] = {
	{ "slave", MS_REC | MS_SLAVE },
	{ "private", MS_REC | MS_PRIVATE },
	{ "shared", MS_REC | MS_SHARED },
	{ "unchanged", 0 },
};

static const char *const proc_names[_SANDBOX_PROC_MAX] = {
	[SANDBOX_PROC_MAIN] = "main",
	[SANDBOX_PROC_BIND_HELPER] = "bind-helper",
	[SANDBOX_PROC_MAP_HELPER] = "map-helper",
	[SANDBOX_PROC_PROGRAM] = "program",
};

/* "Too long" for a message that has its own words after the errno's text
 * (or none): the whole line goes into msg. */
_printf_(3, 4) static int error_set_line(struct error *e, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = error_setv(e, code, fmt, ap);
	va_end(ap);
	if (e)
		e->flags |= ERROR_MSG_WHOLE;
	return code;
}

/**
 * sandbox_config_init() - the defaults of `nook unshare`
 * @c: a zeroed config (a static, or "= {}"): only the fields whose default
 *     is not 0 are set, so a static config costs no page faults here
 */
void sandbox_config_init(struct sandbox_config *c)
{
	c->owner_uid = c->owner_gid = IDMAP_ID_NONE;
	c->map_user = c->map_group = IDMAP_ID_NONE;
	c->propagation = SANDBOX_PROPAGATION_DEFAULT;
}

/**
 * sandbox_setgroups_from_name() - "deny" or "allow"
 * @name: the word
 *
 * Return: the mode, or -EINVAL.
 */
enum sandbox_setgroups sandbox_setgroups_from_name(const char *name)
{
	for (int i = 0; i < _SANDBOX_SETGROUPS_MAX; i++)
		if (setgroups_names[i] && name && streq(name, setgroups_names[i]))
			return i;
	return _SANDBOX_SETGROUPS_INVALID;
}

/**
 * sandbox_propagation_from_name() - util-linux's --propagation words
 * @name: "slave", "private", "shared" or "unchanged"
 * @ret: MS_REC | MS_SLAVE etc., 0 for unchanged
 *
 * Return: 0, or -EINVAL.
 */
int sandbox_propagation_from_name(const char *name, unsigned long *ret)
{
	for (size_t i = 0; i < ELEMENTSOF(propagation_modes); i++)
		if (streq(name, propagation_modes[i].name)) {
			*ret = propagation_modes[i].flags;
			return 0;
		}
	return -EINVAL;
}

static const char *propagation_name(unsigned long flags)
{
	for (size_t i = 0; i < ELEMENTSOF(propagation_modes); i++)
		if (propagation_modes[i].flags == flags)
			return propagation_modes[i].name;
	return "?";
}

/**
 * sandbox_proc_name() - a process's name, for tests and debugging
 * @proc: the process
 *
 * Return: "main", "bind-helper", "map-helper", "program", or NULL.
 */
const char *sandbox_proc_name(enum sandbox_proc proc)
{
	return proc >= 0 && proc < _SANDBOX_PROC_MAX ? proc_names[proc] : NULL;
}

/* ------------------------------------------------------------------ plan */

/* The one way a step enters a plan: a full plan counts on, and
 * sandbox_plan() refuses it at the end. */
static void add(struct sandbox_plan *p, struct sandbox_step s)
{
	if (p->n < SANDBOX_STEPS_MAX)
		p->steps[p->n] = s;
	p->n++;
}

#define ADD(p, kind_, proc_, ...) \
	add(p, (struct sandbox_step){ .kind = (kind_), .proc = (proc_), __VA_ARGS__ })

static bool interp_is_fixed(const char *interp)
{
	const char *flags = strrchr(interp, ':');

	return flags && strchr(flags, 'F');
}

/* Before unshare(2), in MAIN and the helpers; then unshare(2), the maps,
 * the clock offsets, the fork, the persistence binds and the wait. */
static void plan_main(const struct sandbox_config *c, struct sandbox_plan *p, bool uid_ranges,
		      bool gid_ranges)
{
	bool persists = false, bind_helper;
	enum sandbox_proc binder;

	NS_FOREACH (t)
		if (c->persist[t]) {
			persists = true;
			ADD(p, SANDBOX_STEP_CHECK_PERSIST, SANDBOX_PROC_MAIN,
			    .persist = { t, c->persist[t] });
		}
	/* Binding must happen from the original mount namespace and with the
	 * original privileges: a helper forked before unshare(2). */
	bind_helper = persists && (c->clone_flags & (CLONE_NEWNS | CLONE_NEWUSER));
	if (bind_helper)
		ADD(p, SANDBOX_STEP_FORK_HELPER, SANDBOX_PROC_MAIN,
		    .helper = SANDBOX_PROC_BIND_HELPER);
	/* Range maps are written from outside the new user namespace. */
	if (uid_ranges || gid_ranges)
		ADD(p, SANDBOX_STEP_FORK_HELPER, SANDBOX_PROC_MAIN,
		    .helper = SANDBOX_PROC_MAP_HELPER);
	if (c->owner_uid != IDMAP_ID_NONE)
		ADD(p, SANDBOX_STEP_OWNER, SANDBOX_PROC_MAIN,
		    .owner = { c->owner_uid, c->owner_gid });

	ADD(p, SANDBOX_STEP_UNSHARE, SANDBOX_PROC_MAIN, .clone_flags = c->clone_flags);

	if (uid_ranges || gid_ranges) {
		bool direct = c->euid == 0;

		ADD(p, SANDBOX_STEP_RELEASE_HELPER, SANDBOX_PROC_MAIN,
		    .helper = SANDBOX_PROC_MAP_HELPER);
		if (uid_ranges)
			ADD(p, SANDBOX_STEP_WRITE_MAP, SANDBOX_PROC_MAP_HELPER,
			    .map = { IDMAP_UID, &p->uidmap, direct });
		if (gid_ranges)
			ADD(p, SANDBOX_STEP_WRITE_MAP, SANDBOX_PROC_MAP_HELPER,
			    .map = { IDMAP_GID, &p->gidmap, direct });
	}
	/* Boottime first, as util-linux; both before anyone enters the namespace. */
	if (c->set_boottime)
		ADD(p, SANDBOX_STEP_TIME_OFFSET, SANDBOX_PROC_MAIN,
		    .time = { CLOCK_BOOTTIME, c->boottime });
	if (c->set_monotonic)
		ADD(p, SANDBOX_STEP_TIME_OFFSET, SANDBOX_PROC_MAIN,
		    .time = { CLOCK_MONOTONIC, c->monotonic });
	/* Fork before binding, so that pid_for_children is populated. */
	if (c->fork)
		ADD(p, SANDBOX_STEP_FORK, SANDBOX_PROC_MAIN,
		    .fork = { c->kill_child_signo, c->forward, c->n_forward,
			      c->n_forward > 0 || persists });
	if (persists) {
		binder = bind_helper ? SANDBOX_PROC_BIND_HELPER : SANDBOX_PROC_MAIN;
		if (bind_helper)
			ADD(p, SANDBOX_STEP_RELEASE_HELPER, SANDBOX_PROC_MAIN,
			    .helper = SANDBOX_PROC_BIND_HELPER);
		for (size_t i = 0; i < _NS_TYPE_MAX; i++) {
			enum ns_type t = ns_enter_order[i];

			if (c->persist[t])
				ADD(p, SANDBOX_STEP_PERSIST, binder,
				    .persist = { t, c->persist[t] });
		}
	}
	if (c->fork)
		ADD(p, SANDBOX_STEP_WAIT, SANDBOX_PROC_MAIN);
}

/* In the process that will exec the program. */
static void plan_program(const struct sandbox_config *c, struct sandbox_plan *p,
			 uint32_t single_uid, uint32_t single_gid)
{
	const enum sandbox_proc prog = SANDBOX_PROC_PROGRAM;
	bool fixed_early = c->interp && interp_is_fixed(c->interp) && c->root;
	bool proc_done = false;

	if (c->kill_child_signo)
		ADD(p, SANDBOX_STEP_KILL_WITH_PARENT, prog, .signo = c->kill_child_signo);
	if (single_uid != IDMAP_ID_NONE)
		ADD(p, SANDBOX_STEP_SELF_MAP, prog, .self_map = { IDMAP_UID, single_uid, c->euid });
	/* Since Linux 3.19 an unprivileged gid_map write needs setgroups denied first. */
	if (single_gid != IDMAP_ID_NONE) {
		ADD(p, SANDBOX_STEP_SETGROUPS, prog, .setgroups = SANDBOX_SETGROUPS_DENY);
		ADD(p, SANDBOX_STEP_SELF_MAP, prog, .self_map = { IDMAP_GID, single_gid, c->egid });
	}
	if (c->setgroups != SANDBOX_SETGROUPS_UNCHANGED)
		ADD(p, SANDBOX_STEP_SETGROUPS, prog, .setgroups = c->setgroups);
	if ((c->clone_flags & CLONE_NEWNS) && c->propagation)
		ADD(p, SANDBOX_STEP_PROPAGATION, prog, .propagation = c->propagation);
	if (c->hostname)
		ADD(p, SANDBOX_STEP_HOSTNAME, prog, .hostname = c->hostname);

	/* A fixed ('F') interpreter is opened when registered: do it while the
	 * caller's root is still ours. */
	if (fixed_early) {
		ADD(p, SANDBOX_STEP_MOUNT, prog,
		    .mount = { "binfmt_misc", SANDBOX_BINFMT_DIR, "binfmt_misc",
			       MS_NOSUID | MS_NOEXEC | MS_NODEV, NULL });
		ADD(p, SANDBOX_STEP_BINFMT_REGISTER, prog,
		    .binfmt = { SANDBOX_BINFMT_DIR, c->interp });
	}

	if (c->root && c->pivot_root) {
		/* pivot_root(2) wants a mount point; and proc is mounted while the
		 * old root is still there: in a user namespace the kernel lets proc
		 * be mounted only where a full proc is already visible. */
		ADD(p, SANDBOX_STEP_BIND_ROOT, prog, .path = c->root);
		if (c->proc_dir) {
			ADD(p, SANDBOX_STEP_MOUNT, prog,
			    .mount = { "proc", c->proc_dir, "proc",
				       MS_NOSUID | MS_NOEXEC | MS_NODEV, c->root });
			proc_done = true;
		}
		ADD(p, SANDBOX_STEP_ROOT, prog, .root = { c->root, true });
	} else if (c->root)
		ADD(p, SANDBOX_STEP_ROOT, prog, .root = { c->root, false });
	if (c->workdir || c->root)
		ADD(p, SANDBOX_STEP_CHDIR, prog, .path = c->workdir ?: "/");

	if (c->proc_dir && !proc_done) {
		/* Without a new root, a changed propagation would let this mount
		 * leak into the parent namespace. */
		if (!c->root && c->propagation != SANDBOX_PROPAGATION_DEFAULT)
			ADD(p, SANDBOX_STEP_MAKE_PRIVATE, prog, .path = c->proc_dir);
		ADD(p, SANDBOX_STEP_MOUNT, prog,
		    .mount = { "proc", c->proc_dir, "proc", MS_NOSUID | MS_NOEXEC | MS_NODEV,
			       NULL });
	}
	if (c->binfmt_dir)
		ADD(p, SANDBOX_STEP_MOUNT, prog,
		    .mount = { "binfmt_misc", c->binfmt_dir, "binfmt_misc",
			       MS_NOSUID | MS_NOEXEC | MS_NODEV, NULL });
	if (c->interp && !fixed_early)
		ADD(p, SANDBOX_STEP_BINFMT_REGISTER, prog,
		    .binfmt = { c->binfmt_dir ?: SANDBOX_BINFMT_DIR, c->interp });

	/* After the root: the new root's files are opened with the old IDs. */
	if (c->set_gid)
		ADD(p, SANDBOX_STEP_SETGID, prog, .id = c->gid);
	if (c->set_uid)
		ADD(p, SANDBOX_STEP_SETUID, prog, .id = c->uid);
	if (c->keep_caps && (c->clone_flags & CLONE_NEWUSER))
		ADD(p, SANDBOX_STEP_KEEP_CAPS, prog);
	if (c->clear_env)
		ADD(p, SANDBOX_STEP_CLEAR_ENV, prog, .env = { c->env, c->n_env });
	/* The kernel clears the death signal on every change of effective or file
	 * system IDs: arm it again, last before exec. */
	if (c->kill_child_signo && (c->set_uid || c->set_gid))
		ADD(p, SANDBOX_STEP_KILL_WITH_PARENT, prog, .signo = c->kill_child_signo);
	ADD(p, SANDBOX_STEP_EXEC, prog, .argv = c->argv);
}

/**
 * sandbox_plan() - the ordered steps that make the world @c describes
 * @c: the config; it must outlive the plan (the steps point into it)
 * @ret: the plan (about 10 KB: a static, or the heap)
 * @ret_err: why @c was refused
 *
 * Nothing is done here, no system call made: combinations that cannot work
 * are refused before anything exists.  The single --map-user/--map-group ID
 * is merged into the range maps where util-linux merges it: whenever there
 * are ranges, or with --owner.
 *
 * Return: 0, -EINVAL for a config that cannot be carried out, -E2BIG for
 * one with more steps than SANDBOX_STEPS_MAX.
 */
int sandbox_plan(const struct sandbox_config *c, struct sandbox_plan *ret, struct error *ret_err)
{
	uint32_t single_uid = c->map_user, single_gid = c->map_group;
	bool uid_ranges, gid_ranges;

	if ((c->set_monotonic || c->set_boottime) && !(c->clone_flags & CLONE_NEWTIME))
		return error_set_line(ret_err, -EINVAL,
				      "options --monotonic and --boottime require unsharing of a "
				      "time namespace (-T)");
	if (c->pivot_root && c->propagation == (MS_REC | MS_SHARED))
		return error_set_line(
			ret_err, -EINVAL,
			"options --pivot-root and --propagation=shared cannot be combined");

	ret->n = 0;
	uid_ranges =
		c->has_uidmap || (c->map_user != IDMAP_ID_NONE && c->owner_uid != IDMAP_ID_NONE);
	gid_ranges =
		c->has_gidmap || (c->map_group != IDMAP_ID_NONE && c->owner_gid != IDMAP_ID_NONE);
	/* A map over the kernel's limit is written as it is: the kernel refuses it. */
	if (uid_ranges) {
		(void)idmap_merge_single(&c->uidmap, c->euid, c->map_user, &ret->uidmap);
		single_uid = IDMAP_ID_NONE;
	}
	if (gid_ranges) {
		(void)idmap_merge_single(&c->gidmap, c->egid, c->map_group, &ret->gidmap);
		single_gid = IDMAP_ID_NONE;
	}
	/* util-linux finds this only after unshare(2); it is known now. */
	if (single_gid != IDMAP_ID_NONE && c->setgroups == SANDBOX_SETGROUPS_ALLOW)
		return error_set_line(
			ret_err, -EINVAL,
			"options --setgroups=allow and --map-group are mutually exclusive");

	plan_main(c, ret, uid_ranges, gid_ranges);
	plan_program(c, ret, single_uid, single_gid);
	if (ret->n > SANDBOX_STEPS_MAX)
		return error_set_line(ret_err, -E2BIG, "too many setup steps (at most %d)",
				      SANDBOX_STEPS_MAX);
	return 0;
}

/* ------------------------------------------------------------------ text */

struct text {
	char *buf;
	size_t size, len; /* @len counts on past @size: what it would take */
};

_printf_(2, 3) static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(t->len < t->size ? t->buf + t->len : NULL,
		      t->len < t->size ? t->size - t->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len += (size_t)n;
}

static void describe_map(struct text *t, const char *title, const struct idmap *m)
{
	char buf[IDMAP_WRITE_MAX];

	put(t, "%s\n", title);
	if (idmap_format(m, buf, sizeof(buf)) < 0) {
		put(t, "  (more than the kernel's 4k limit: unshare would fail)\n");
		return;
	}
	for (char *line = buf, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		put(t, "  %.*s\n", (int)(nl - line), line);
	}
}

static void describe_unshare(struct text *t, const struct sandbox_step *s)
{
	put(t, "namespaces:");
	NS_FOREACH (type)
		if (s->clone_flags & ns_info[type].clone_flag)
			put(t, " %s", ns_info[type].name);
	put(t, "%s\n", s->clone_flags ? "" : " (none)");
}

static void describe_write_map(struct text *t, const struct sandbox_step *s)
{
	const char *leaf = idmap_leaf_name(s->map.kind);
	char title[96];

	if (s->map.direct)
		(void)snprintf(title, sizeof(title),
			       "%s (written to /proc/PID/%s by a helper):", leaf, leaf);
	else
		(void)snprintf(title, sizeof(title),
			       "%s (written by %s PID, with these ranges):", leaf,
			       idmap_helper_name(s->map.kind));
	describe_map(t, title, s->map.map);
}

static void describe_self_map(struct text *t, const struct sandbox_step *s)
{
	const char *leaf = idmap_leaf_name(s->self_map.kind);
	struct idmap one = { .n = 1, .r = { { s->self_map.inner, s->self_map.outer, 1 } } };
	char title[64];

	(void)snprintf(title, sizeof(title), "%s (written to /proc/self/%s):", leaf, leaf);
	describe_map(t, title, &one);
}

static void describe_fork(struct text *t, const struct sandbox_step *s)
{
	put(t, "fork: yes");
	if (s->fork.kill_signo)
		put(t, ", kill child with SIG%s when unshare dies",
		    signal_name(s->fork.kill_signo) ?: "?");
	if (s->fork.n_forward)
		put(t, ", forward %zu signal(s)", s->fork.n_forward);
	put(t, "\n");
}

static void describe_env(struct text *t, const struct sandbox_step *s)
{
	put(t, "environment: cleared");
	for (size_t i = 0; i < s->env.n_keep; i++)
		put(t, "%s%s", i ? "," : ", keeping ", s->env.keep[i].name);
	put(t, "\n");
}

static void describe_exec(struct text *t, const struct sandbox_step *s)
{
	const char *shell;
	char argv0[PATH_MAX];

	if (s->argv) {
		put(t, "exec:");
		for (char *const *a = s->argv; *a; a++)
			put(t, " %s", *a);
		put(t, "\n");
	} else if (proc_shell(&shell, argv0, sizeof(argv0)) == 0)
		put(t, "exec: %s (login shell, argv[0] %s)\n", shell, argv0);
}

static void describe(struct text *t, const struct sandbox_step *s)
{
	switch (s->kind) {
	case SANDBOX_STEP_OWNER:
		put(t, "owner: become uid %u gid %u before unshare\n", s->owner.uid, s->owner.gid);
		break;
	case SANDBOX_STEP_UNSHARE:
		describe_unshare(t, s);
		break;
	case SANDBOX_STEP_WRITE_MAP:
		describe_write_map(t, s);
		break;
	case SANDBOX_STEP_TIME_OFFSET:
		put(t, "time offset: %s %+lld s\n",
		    s->time.clock == CLOCK_BOOTTIME ? "boottime" : "monotonic",
		    (long long)s->time.seconds);
		break;
	case SANDBOX_STEP_FORK:
		describe_fork(t, s);
		break;
	case SANDBOX_STEP_PERSIST:
		put(t, "persist: %s namespace on %s\n", ns_info[s->persist.type].name,
		    s->persist.file);
		break;
	case SANDBOX_STEP_SELF_MAP:
		describe_self_map(t, s);
		break;
	case SANDBOX_STEP_SETGROUPS:
		put(t, "setgroups: %s\n", setgroups_names[s->setgroups]);
		break;
	case SANDBOX_STEP_PROPAGATION:
		put(t, "propagation: %s, recursively from /\n", propagation_name(s->propagation));
		break;
	case SANDBOX_STEP_HOSTNAME:
		put(t, "hostname: %s\n", s->hostname);
		break;
	case SANDBOX_STEP_MOUNT:
		put(t, "mount: %s on %s\n", s->mount.fstype, s->mount.target);
		break;
	case SANDBOX_STEP_BINFMT_REGISTER:
		put(t, "binfmt register: %s\n", s->binfmt.interp);
		break;
	case SANDBOX_STEP_ROOT:
		put(t, "root: %s (%s)\n", s->root.dir, s->root.pivot ? "pivot_root" : "chroot");
		break;
	case SANDBOX_STEP_CHDIR:
		put(t, "working directory: %s\n", s->path);
		break;
	case SANDBOX_STEP_SETGID:
		put(t, "setgid: %u (supplementary groups dropped)\n", s->id);
		break;
	case SANDBOX_STEP_SETUID:
		put(t, "setuid: %u\n", s->id);
		break;
	case SANDBOX_STEP_KEEP_CAPS:
		put(t, "capabilities: permitted made ambient\n");
		break;
	case SANDBOX_STEP_CLEAR_ENV:
		describe_env(t, s);
		break;
	case SANDBOX_STEP_EXEC:
		describe_exec(t, s);
		break;
	default:
		/* The plumbing (helpers, checks, the wait, the death signal, a
		 * mount point for pivot_root, a private mount point for proc) has
		 * no line of its own: what a user sees is the effect it serves. */
		break;
	}
}

/**
 * sandbox_describe() - a step as --dry-run shows it
 * @s: the step
 * @buf: where the text goes: zero or more lines, each ending in '\n'
 * @size: its size (SANDBOX_TEXT_MAX holds any step but a huge exec line)
 *
 * Steps that only serve another one (forking and releasing helpers, the
 * checks, the wait, the death signal) have no text: "".  Like snprintf(),
 * the text is cut to fit and the length returned is what it would take.
 *
 * Return: the length of the whole text; if >= @size, call again with more.
 */
int sandbox_describe(const struct sandbox_step *s, char *buf, size_t size)
{
	struct text t = { buf, size, 0 };

	if (size > 0)
		buf[0] = '\0';
	describe(&t, s);
	return (int)t.len;
}

/* ------------------------------------------------------------------- run */

/* The state of one sandbox_run(), in whichever process is running it. */
struct runner {
	unsigned roles;			/* ROLE(proc) of each process whose steps are ours */
	pid_t main_pid;			/* MAIN's PID, once needed (getpid() is a system call) */
	int sync_fd[_SANDBOX_PROC_MAX]; /* MAIN: its end to each helper; a helper: its own */
	pid_t helper[_SANDBOX_PROC_MAX];
	pid_t child;
	int child_pidfd, parent_pidfd;
	sigset_t oldmask;
	int status;  /* exit status of the failure being reported; 0: EXIT_FAILURE */
	int wstatus; /* the child's wait status, after WAIT */
};

/* The child's PID for the signal forwarder: a handler sees only globals.
 * Written before a forwarded signal can find a child to reach. */
static volatile pid_t forward_pid;
static volatile int forward_pidfd = -EBADF;

static void forward_signal(int sig)
{
	int saved = errno;

	/* Through the pidfd: a recycled PID can never receive it. */
	if (forward_pidfd < 0 || pidfd_send(forward_pidfd, sig) < 0)
		if (forward_pid > 0)
			(void)kill(forward_pid, sig);
	errno = saved;
}

static pid_t main_pid(struct runner *rn)
{
	if (rn->main_pid == 0)
		rn->main_pid = getpid();
	return rn->main_pid;
}

static int run_check_persist(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	struct stat st;
	char src[64];
	int r;

	/* A FILE that cannot be bound would fail only after the namespaces (and
	 * maybe a child) exist: find out first, so that bad input leaves nothing. */
	if (stat(s->persist.file, &st) == 0)
		return 0;
	r = negative_errno();
	(void)ns_proc_path(main_pid(rn), s->persist.type, true, src, sizeof(src));
	return error_set(e, r, "mount %s on %s failed", src, s->persist.file);
}

static int run_fork_helper(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	enum sandbox_proc me = s->helper;
	int fds[2], r;
	pid_t pid;

	(void)main_pid(rn); /* the helper acts on MAIN */
	r = sync_open(fds);
	if (r < 0)
		return error_set(e, r, "socketpair failed");
	pid = fork();
	if (pid < 0) {
		r = negative_errno();
		safe_close(fds[0]);
		safe_close(fds[1]);
		return error_set(e, r, "fork failed");
	}
	if (pid > 0) {
		safe_close(fds[1]);
		rn->sync_fd[me] = fds[0];
		rn->helper[me] = pid;
		return 0;
	}
	/* The helper: nothing of MAIN's other helpers, and a wait for its turn.
	 * A MAIN that closes the socket without a word has failed: nothing to do. */
	safe_close(fds[0]);
	for (int i = 0; i < _SANDBOX_PROC_MAX; i++) {
		rn->sync_fd[i] = safe_close(rn->sync_fd[i]);
		rn->helper[i] = 0;
	}
	rn->sync_fd[me] = fds[1];
	rn->roles = ROLE(me);
	if (sync_wait(fds[1]) < 0)
		_exit(EXIT_FAILURE);
	return 0;
}

static int run_owner(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	if (setgroups(0, NULL) < 0)
		return error_set(e, negative_errno(), "setgroups failed");
	if (setgid(s->owner.gid) < 0)
		return error_set(e, negative_errno(), "setgid() failed");
	if (setuid(s->owner.uid) < 0)
		return error_set(e, negative_errno(), "setuid() failed");
	return 0;
}

static int run_unshare(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	int r = ns_unshare(s->clone_flags);

	return r < 0 ? error_set(e, r, "unshare failed") : 0;
}

/* Let a helper run its steps and wait for it: its failure is ours, with
 * its words (sent over the socket) and its exit status. */
static int run_release_helper(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	enum sandbox_proc h = s->helper;
	_cleanup_close_ int fd = TAKE_FD(rn->sync_fd[h]);
	int status, r;

	(void)sync_wake(fd);
	r = proc_wait(rn->helper[h], &status);
	rn->helper[h] = 0;
	if (r < 0)
		return error_set(e, r, "waitpid failed");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	rn->status = WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAILURE;
	/* The helper is gone, so this read does not block: its report, or end of
	 * file when it had nothing to say (newuidmap printed its own error). */
	if (sync_recv(fd, e) == 0 && e->code < 0)
		return e->code;
	return error_set(e, -EIO, NULL);
}

static int write_map(pid_t pid, enum idmap_kind kind, const struct idmap *m, struct error *e)
{
	_cleanup_close_ int fd = -EBADF;
	char path[64];
	int r;

	(void)idmap_proc_path(pid, idmap_leaf_name(kind), path, sizeof(path));
	fd = idmap_open_proc(pid, idmap_leaf_name(kind));
	if (fd < 0)
		return error_set(e, fd, "failed to open %s", path);
	r = idmap_write_fd(fd, m);
	if (r == -E2BIG)
		return error_set_line(e, r, "%s too large for kernel 4k limit", path);
	if (r < 0)
		return error_set(e, r, "failed to write %s", path);
	return 0;
}

/* newuidmap/newgidmap: setuid helpers that check /etc/subuid and /etc/subgid. */
static int run_map_tool(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	const char *tool = idmap_helper_name(s->map.kind);
	int status, r;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return error_set(e, negative_errno(), "fork failed");
	if (pid == 0) {
		struct error ge = ERROR_INIT;

		r = idmap_exec_helper(s->map.kind, rn->main_pid, s->map.map);
		if (r == -ENOENT)
			(void)error_set_line(
				&ge, r, "failed to execute %s: %s (install the uidmap package)",
				tool, strerror(-r));
		else
			(void)error_set(&ge, r, "failed to execute %s", tool);
		/* The helper's own end of its socket to MAIN: MAIN prints it. */
		(void)sync_send(rn->sync_fd[SANDBOX_PROC_MAP_HELPER], &ge);
		_exit(proc_exec_status(r));
	}
	r = proc_wait(pid, &status);
	if (r < 0)
		return error_set(e, r, "waitpid failed");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	/* It said why itself (or its child did, above): only its status is ours. */
	rn->status = WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAILURE;
	return error_set(e, -EIO, NULL);
}

static int run_write_map(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	if (s->map.direct)
		return write_map(rn->main_pid, s->map.kind, s->map.map, e);
	return run_map_tool(rn, s, e);
}

static int run_time_offset(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	int r = timens_set_offset(s->time.clock, s->time.seconds);

	return r < 0 ? error_set(e, r, "failed to write to /proc/self/timens_offsets") : 0;
}

static int run_fork(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	sigset_t set;
	pid_t pid;

	sigemptyset(&set);
	if (s->fork.n_forward > 0) {
		struct sigaction sa = { .sa_handler = forward_signal, .sa_flags = SA_RESTART };

		sigemptyset(&sa.sa_mask);
		for (size_t i = 0; i < s->fork.n_forward; i++)
			if (sigaction(s->fork.forward[i], &sa, NULL) < 0)
				return error_set(e, negative_errno(), "sigaction SIG%s failed",
						 signal_name(s->fork.forward[i]) ?: "?");
		if (sigprocmask(SIG_SETMASK, NULL, &rn->oldmask) < 0)
			return error_set(e, negative_errno(), "sigprocmask failed");
	} else {
		/* The "impatient parent": a ^C reaches the child through the
		 * terminal; the parent must stay to report its status. */
		sigaddset(&set, SIGINT);
		sigaddset(&set, SIGTERM);
		if (sigprocmask(SIG_BLOCK, &set, &rn->oldmask) < 0)
			return error_set(e, negative_errno(), "sigprocmask block failed");
	}
	if (s->fork.kill_signo) {
		/* Opened before the fork: the child can tell whether this very
		 * process is still there, whatever reuses its PID. */
		rn->parent_pidfd = pidfd_open_pid(main_pid(rn), 0);
		if (rn->parent_pidfd < 0)
			return error_set(e, rn->parent_pidfd, "pidfd_open failed");
	}

	(void)fflush(stdout);
	pid = fork();
	if (pid < 0)
		return error_set(e, negative_errno(), "fork failed");
	if (pid == 0) {
		rn->roles = ROLE(SANDBOX_PROC_PROGRAM);
		/* The helpers are MAIN's, and an open end would keep a helper from
		 * seeing MAIN go away. */
		for (int i = 0; i < _SANDBOX_PROC_MAX; i++) {
			rn->sync_fd[i] = safe_close(rn->sync_fd[i]);
			rn->helper[i] = 0;
		}
		if (sigprocmask(SIG_SETMASK, &rn->oldmask, NULL) < 0)
			return error_set(e, negative_errno(), "sigprocmask restore failed");
		return 0;
	}
	rn->roles = ROLE(SANDBOX_PROC_MAIN);
	rn->child = pid;
	/* Our own unreaped child: its PID cannot be reused, so this pidfd is exact. */
	if (s->fork.child_pidfd)
		rn->child_pidfd = pidfd_open_pid(pid, 0);
	forward_pidfd = rn->child_pidfd;
	forward_pid = pid;
	return 0;
}

static int run_persist(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	pid_t pid = main_pid(rn);
	char src[64];
	int r;

	r = ns_persist(pid, s->persist.type, s->persist.file);
	if (r == 0)
		return 0;
	(void)ns_proc_path(pid, s->persist.type, true, src, sizeof(src));
	/* The kernel's EINVAL for a shared mount says nothing (util-linux #289). */
	if (r == -EINVAL && mnt_is_shared(s->persist.file) > 0)
		return error_set_line(
			e, r,
			"mount %s on %s failed: %s (it is on a shared mount; bind its "
			"directory on itself and make it private first)",
			src, s->persist.file, strerror(-r));
	return error_set(e, r, "mount %s on %s failed", src, s->persist.file);
}

static int run_wait(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	int r = proc_wait(rn->child, &rn->wstatus);

	if (r < 0)
		return error_set(e, r, "waitpid failed");
	rn->child = 0;
	return 0;
}

/*
 * PR_SET_PDEATHSIG, then make sure the parent did not die before it took
 * effect (we would have been re-parented and no signal would come).
 */
static int run_kill_with_parent(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	struct pollfd p = { .fd = rn->parent_pidfd, .events = POLLIN };
	int n;

	if (prctl(PR_SET_PDEATHSIG, s->signo) < 0)
		return error_set(e, negative_errno(), "prctl failed");
	if (rn->parent_pidfd < 0)
		return getppid() == 1 ? error_set(e, -ESRCH, NULL) : 0;
	n = poll(&p, 1, 0);
	if (n < 0)
		return error_set(e, negative_errno(), "poll parent pidfd failed");
	/* A readable pidfd: the parent has exited; nobody waits for us.  Quietly. */
	return n > 0 ? error_set(e, -ESRCH, NULL) : 0;
}

static int run_self_map(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	const char *leaf = idmap_leaf_name(s->self_map.kind);
	_cleanup_close_ int fd = idmap_open_proc(0, leaf);
	char line[2 * DECIMAL_STR_MAX(uint32_t) + 4];
	int r;

	if (fd < 0)
		return error_set(e, fd, "cannot open /proc/self/%s", leaf);
	(void)snprintf(line, sizeof(line), "%u %u 1\n", s->self_map.inner, s->self_map.outer);
	r = write_full(fd, line, strlen(line));
	if (r < 0)
		return error_set(e, r, "write failed /proc/self/%s", leaf);
	return 0;
}

static int run_setgroups(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	const char *word = setgroups_names[s->setgroups];
	_cleanup_close_ int fd = idmap_open_proc(0, "setgroups");
	int r;

	/* Kernels before 3.19 have no such file, and need no such write. */
	if (fd == -ENOENT)
		return 0;
	if (fd < 0)
		return error_set(e, fd, "cannot open /proc/self/setgroups");
	r = write_full(fd, word, strlen(word));
	if (r < 0)
		return error_set(e, r, "write failed /proc/self/setgroups");
	return 0;
}

static int run_propagation(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	int r = mnt_set_propagation("/", s->propagation);

	return r < 0 ? error_set(e, r, "cannot change root filesystem propagation") : 0;
}

static int run_hostname(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	if (sethostname(s->hostname, strlen(s->hostname)) < 0)
		return error_set(e, negative_errno(), "cannot set hostname '%s'", s->hostname);
	return 0;
}

static int run_mount(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	const char *target = s->mount.target;
	char path[PATH_MAX];
	int r;

	if (s->mount.beneath) {
		r = snprintf(path, sizeof(path), "%s/%s", s->mount.beneath, target);
		if (r < 0 || (size_t)r >= sizeof(path))
			return error_set(e, -ENAMETOOLONG, "mount %s failed", target);
		target = path;
	}
	r = mnt_mount(s->mount.source, target, s->mount.fstype, s->mount.flags, NULL);
	return r < 0 ? error_set(e, r, "mount %s failed", s->mount.target) : 0;
}

static int run_make_private(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	int r = mnt_set_propagation(s->path, MS_PRIVATE | MS_REC);

	/* EINVAL: not a mount point, so nothing there to leak. */
	if (r < 0 && r != -EINVAL)
		return error_set(e, r, "cannot change %s filesystem propagation", s->path);
	return 0;
}

static int run_binfmt_register(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	char path[PATH_MAX];
	int r;

	if (snprintf(path, sizeof(path), "%s/register", s->binfmt.dir) >= (int)sizeof(path))
		return error_set(e, -ENAMETOOLONG, "cannot open %s/register", s->binfmt.dir);
	r = write_file_at(AT_FDCWD, path, s->binfmt.interp);
	return r < 0 ? error_set(e, r, "cannot open %s/register", s->binfmt.dir) : 0;
}

static int run_bind_root(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	int r = mnt_bind(s->path, s->path, true);

	return r < 0 ? error_set(e, r, "cannot pivot root to '%s': bind on itself", s->path) : 0;
}

static int run_root(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	int r;

	/* Both seal dlib first: no library is loaded from the new root. */
	if (s->root.pivot) {
		r = mnt_pivot_root(s->root.dir);
		return r < 0 ? error_set(e, r, "cannot pivot root to '%s'", s->root.dir) : 0;
	}
	r = mnt_chroot(s->root.dir);
	return r < 0 ? error_set(e, r, "cannot change root directory to '%s'", s->root.dir) : 0;
}

static int run_chdir(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	if (chdir(s->path) < 0)
		return error_set(e, negative_errno(), "cannot change directory to %s", s->path);
	return 0;
}

static int run_setgid(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	if (setgroups(0, NULL) < 0)
		return error_set(e, negative_errno(), "setgroups failed");
	if (setgid(s->id) < 0)
		return error_set(e, negative_errno(), "setgid() failed");
	return 0;
}

static int run_setuid(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	if (setuid(s->id) < 0)
		return error_set(e, negative_errno(), "setuid() failed");
	return 0;
}

static int run_keep_caps(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	int r = caps_permitted_to_ambient();

	return r < 0 ? error_set(e, r, "cannot raise ambient capabilities") : 0;
}

static int run_clear_env(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	if (clearenv() != 0)
		return error_set_line(e, -ENOMEM, "failed to clear the environment");
	for (size_t i = 0; i < s->env.n_keep; i++)
		if (s->env.keep[i].value &&
		    setenv(s->env.keep[i].name, s->env.keep[i].value, 1) < 0)
			return error_set(e, negative_errno(),
					 "failed to set whitelisted environment variables");
	return 0;
}

static int run_exec(struct runner *rn, const struct sandbox_step *s, struct error *e)
{
	/* The shell is looked up now, after -S and the new root: theirs. */
	return proc_exec_command(s->argv, NULL, &rn->status, e);
}

typedef int (*step_fn)(struct runner *rn, const struct sandbox_step *s, struct error *e);

static const struct {
	const char *name;
	step_fn run;
} step_ops[_SANDBOX_STEP_MAX] = {
	[SANDBOX_STEP_CHECK_PERSIST] = { "check-persist", run_check_persist },
	[SANDBOX_STEP_FORK_HELPER] = { "fork-helper", run_fork_helper },
	[SANDBOX_STEP_OWNER] = { "owner", run_owner },
	[SANDBOX_STEP_UNSHARE] = { "unshare", run_unshare },
	[SANDBOX_STEP_RELEASE_HELPER] = { "release-helper", run_release_helper },
	[SANDBOX_STEP_WRITE_MAP] = { "write-map", run_write_map },
	[SANDBOX_STEP_TIME_OFFSET] = { "time-offset", run_time_offset },
	[SANDBOX_STEP_FORK] = { "fork", run_fork },
	[SANDBOX_STEP_PERSIST] = { "persist", run_persist },
	[SANDBOX_STEP_WAIT] = { "wait", run_wait },
	[SANDBOX_STEP_KILL_WITH_PARENT] = { "kill-with-parent", run_kill_with_parent },
	[SANDBOX_STEP_SELF_MAP] = { "self-map", run_self_map },
	[SANDBOX_STEP_SETGROUPS] = { "setgroups", run_setgroups },
	[SANDBOX_STEP_PROPAGATION] = { "propagation", run_propagation },
	[SANDBOX_STEP_HOSTNAME] = { "hostname", run_hostname },
	[SANDBOX_STEP_MOUNT] = { "mount", run_mount },
	[SANDBOX_STEP_MAKE_PRIVATE] = { "make-private", run_make_private },
	[SANDBOX_STEP_BINFMT_REGISTER] = { "binfmt-register", run_binfmt_register },
	[SANDBOX_STEP_BIND_ROOT] = { "bind-root", run_bind_root },
	[SANDBOX_STEP_ROOT] = { "root", run_root },
	[SANDBOX_STEP_CHDIR] = { "chdir", run_chdir },
	[SANDBOX_STEP_SETGID] = { "setgid", run_setgid },
	[SANDBOX_STEP_SETUID] = { "setuid", run_setuid },
	[SANDBOX_STEP_KEEP_CAPS] = { "keep-caps", run_keep_caps },
	[SANDBOX_STEP_CLEAR_ENV] = { "clear-env", run_clear_env },
	[SANDBOX_STEP_EXEC] = { "exec", run_exec },
};

/**
 * sandbox_step_name() - a step kind's name, for tests and debugging
 * @kind: the kind
 *
 * Return: "unshare", "fork", "mount", ..., or NULL.
 */
const char *sandbox_step_name(enum sandbox_step_kind kind)
{
	return kind >= 0 && kind < _SANDBOX_STEP_MAX ? step_ops[kind].name : NULL;
}

/* MAIN gives up: nothing it made may outlive the failure that it reports. */
static void main_cleanup(struct runner *rn)
{
	if (rn->child > 0) {
		if (rn->child_pidfd < 0 || pidfd_send(rn->child_pidfd, SIGKILL) < 0)
			(void)kill(rn->child, SIGKILL);
		(void)proc_wait(rn->child, &(int){ 0 });
		rn->child = 0;
	}
	/* A helper whose socket closes without a word exits without acting. */
	for (int i = 0; i < _SANDBOX_PROC_MAX; i++)
		rn->sync_fd[i] = safe_close(rn->sync_fd[i]);
	for (int i = 0; i < _SANDBOX_PROC_MAX; i++)
		if (rn->helper[i] > 0) {
			(void)proc_wait(rn->helper[i], &(int){ 0 });
			rn->helper[i] = 0;
		}
}

/**
 * sandbox_run() - carry out a plan's steps, in order, each in its process
 * @p: from sandbox_plan()
 * @ret_status: what the caller should end with, as a wait status
 *		(<sys/wait.h>: WIFEXITED/WEXITSTATUS, or WIFSIGNALED/WTERMSIG)
 * @ret_err: what failed, in util-linux's words; an empty msg when it
 *	     was said already (newuidmap prints its own errors)
 *
 * Returns in MAIN after the child has ended (*ret_status is the child's, to
 * be relayed: with --fork, SIGINT and SIGTERM stay blocked so that MAIN can
 * still die of the child's signal), and on failure in the process where it
 * happened: MAIN, or the child after FORK.  On success without a fork, and
 * in the child, it does not return: the program runs.  Helpers never return:
 * they report their failure to MAIN and _exit().  When MAIN fails, a child
 * it forked is killed and reaped, and helpers are dismissed and reaped.
 *
 * Return: 0 when the program ran (in a child) and ended; -errno on failure,
 * with *ret_status the exit status util-linux gives that failure (1; 126 or
 * 127 for exec; newuidmap's own).
 */
int sandbox_run(const struct sandbox_plan *p, int *ret_status, struct error *ret_err)
{
	struct runner rn = {
		.roles = ROLE(SANDBOX_PROC_MAIN) | ROLE(SANDBOX_PROC_PROGRAM),
		.sync_fd = { -EBADF, -EBADF, -EBADF, -EBADF },
		.child_pidfd = -EBADF,
		.parent_pidfd = -EBADF,
	};
	struct error local = ERROR_INIT;
	struct error *e = ret_err ?: &local;
	int r = 0;

	(void)signal(SIGCHLD, SIG_DFL);
	for (size_t i = 0; i < p->n && i < SANDBOX_STEPS_MAX; i++) {
		const struct sandbox_step *s = &p->steps[i];

		if (!(rn.roles & ROLE(s->proc)))
			continue;
		r = step_ops[s->kind].run(&rn, s, e);
		if (r < 0)
			break;
	}

	if (!(rn.roles & (ROLE(SANDBOX_PROC_MAIN) | ROLE(SANDBOX_PROC_PROGRAM)))) {
		/* A helper: MAIN reports for us (an empty message has nothing to add). */
		enum sandbox_proc me = __builtin_ctz(rn.roles);

		if (r < 0 && e->msg[0])
			(void)sync_send(rn.sync_fd[me], e);
		_exit(r < 0 ? (rn.status ?: EXIT_FAILURE) : EXIT_SUCCESS);
	}
	if (r < 0 && (rn.roles & ROLE(SANDBOX_PROC_MAIN)))
		main_cleanup(&rn);
	if (rn.child_pidfd >= 0) {
		forward_pidfd = -EBADF;
		rn.child_pidfd = safe_close(rn.child_pidfd);
	}
	forward_pid = 0;
	rn.parent_pidfd = safe_close(rn.parent_pidfd);
	*ret_status = r < 0 ? W_EXITCODE(rn.status ?: EXIT_FAILURE, 0) : rn.wstatus;
	return r;
}
