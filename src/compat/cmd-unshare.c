/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd-unshare.c - "nook unshare": util-linux unshare(1), option for option,
 * in the same order of operations, with the same messages and exit statuses;
 * plus --hostname, --dry-run, --pivot-root and a --kill-child that cannot be
 * lost to a credential change.
 *
 * The order matters and follows util-linux (SPEC-util-linux.md §1.2):
 * helpers that must act from outside the new namespaces (binding persistent
 * namespace files, writing range ID maps) are forked *before* unshare(2) and
 * released after it; the process that called unshare(2) then forks the child
 * (for PID and time namespaces, whose effect is on children), binds, waits.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "caps.h"
#include "idmap.h"
#include "io-util.h"
#include "log.h"
#include "mnt.h"
#include "nook.h"
#include "ns.h"
#include "parse-util.h"
#include "process.h"
#include "timens.h"

#define PROC_BINFMT_MISC "/proc/sys/fs/binfmt_misc"
#define PROPAGATION_DEFAULT (MS_REC | MS_PRIVATE)
#define ENV_WHITELIST_MAX 256
#define FORWARD_SIGNALS_MAX 16

enum setgroups_mode {
	SETGROUPS_NONE = -1,
	SETGROUPS_DENY,
	SETGROUPS_ALLOW,
	_SETGROUPS_MAX,
};

static const char *const setgroups_names[_SETGROUPS_MAX] = {
	[SETGROUPS_DENY] = "deny",
	[SETGROUPS_ALLOW] = "allow",
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

struct env_var {
	char *name;
	char *value; /* NULL: not set in the caller, so absent in the child */
};

struct opts {
	int flags; /* CLONE_NEW* */
	const char *persist[_NS_TYPE_MAX];
	bool forkit;
	int kill_child_signo;
	int forward[FORWARD_SIGNALS_MAX];
	size_t n_forward;
	const char *procmnt;
	const char *binfmt_mnt;
	const char *interp;
	unsigned long propagation;
	const char *newroot;
	bool pivot;
	const char *newdir;
	bool force_uid, force_gid;
	uid_t uid;
	gid_t gid;
	uint32_t map_user, map_group; /* IDMAP_ID_NONE when not given */
	struct idmap usermap, groupmap;
	bool has_usermap, has_groupmap;
	uint32_t owner_uid, owner_gid; /* IDMAP_ID_NONE when not given */
	int setgroups;
	bool keep_caps;
	bool set_monotonic, set_boottime;
	int64_t monotonic, boottime;
	bool clear_env;
	struct env_var env[ENV_WHITELIST_MAX];
	size_t n_env;
	bool whitelist_env;
	const char *hostname;
	bool dry_run;
	char **argv; /* the program, or NULL for the login shell */
	uid_t real_euid;
	gid_t real_egid;
};

/* The child's PID for the signal forwarder; written before the handler can run. */
static volatile pid_t forward_pid;
static volatile int forward_pidfd = -EBADF;

static int usage(void)
{
	printf("\nUsage:\n %s [options] [<program> [<argument>...]]\n\n"
	       "Run a program with some namespaces unshared from the parent.\n\n"
	       "Options:\n",
	       program_name);
	fputs(" -m, --mount[=<file>]      unshare mounts namespace\n"
	      " -u, --uts[=<file>]        unshare UTS namespace (hostname etc)\n"
	      " -i, --ipc[=<file>]        unshare System V IPC namespace\n"
	      " -n, --net[=<file>]        unshare network namespace\n"
	      " -p, --pid[=<file>]        unshare pid namespace\n"
	      " -U, --user[=<file>]       unshare user namespace\n"
	      " -C, --cgroup[=<file>]     unshare cgroup namespace\n"
	      " -T, --time[=<file>]       unshare time namespace\n"
	      "\n"
	      " --mount-proc[=<dir>]      mount proc filesystem first (implies --mount)\n"
	      " --mount-binfmt[=<dir>]    mount binfmt filesystem first (implies --user and "
	      "--mount)\n"
	      " -l, --load-interp <file>  load binfmt definition in the namespace (implies "
	      "--mount-binfmt)\n"
	      " --propagation slave|shared|private|unchanged\n"
	      "                           modify mount propagation in mount namespace\n"
	      " -R, --root <dir>          run the command with root directory set to <dir>\n"
	      " -w, --wd <dir>            change working directory to <dir>\n"
	      "\n"
	      " -S, --setuid <uid>        set uid in entered namespace\n"
	      " -G, --setgid <gid>        set gid in entered namespace\n"
	      " --map-user <uid>|<name>   map current user to uid (implies --user)\n"
	      " --map-group <gid>|<name>  map current group to gid (implies --user)\n"
	      " -r, --map-root-user       map current user to root (implies --user)\n"
	      " -c, --map-current-user    map current user to itself (implies --user)\n"
	      " --map-auto                map users and groups automatically (implies --user)\n"
	      " --map-subids              map the first block of user IDs owned by euid (implies "
	      "--user)\n"
	      " --map-users <inneruid>:<outeruid>:<count>\n"
	      "                           map count users from outeruid to inneruid (implies "
	      "--user)\n"
	      " --map-groups <innergid>:<outergid>:<count>\n"
	      "                           map count groups from outergid to innergid (implies "
	      "--user)\n"
	      " --owner <uid>:<gid>       set the user namespace owner (implies --user)\n"
	      "\n"
	      " -f, --fork                fork before launching <program>\n"
	      " --kill-child[=<signame>]  when dying, kill the forked child (implies --fork)\n"
	      "                             defaults to SIGKILL\n"
	      " --forward-signals[=<list>]\n"
	      "                           forward SIGTERM and SIGINT (or the listed signals)\n"
	      "                             to child (implies --fork)\n"
	      "\n"
	      " --setgroups allow|deny    control the setgroups syscall in user namespaces\n"
	      " --keep-caps               retain capabilities granted in user namespaces\n"
	      "\n"
	      " --monotonic <offset>      set clock monotonic offset (seconds) in time namespaces\n"
	      " --boottime <offset>       set clock boottime offset (seconds) in time namespaces\n"
	      " --clear-env               do not inherit environment variables from the calling "
	      "process\n"
	      " --whitelist-env <list>    clear environment except for specified variables\n"
	      "\n"
	      "nook extensions:\n"
	      " --hostname <name>         set the host name in a new UTS namespace (implies "
	      "--uts)\n"
	      " --pivot-root <dir>        like --root, with pivot_root(2) in the new mount "
	      "namespace\n"
	      "                             (implies --mount; user namespaces work inside)\n"
	      " --dry-run                 print what would be done, ID maps included, and do "
	      "nothing\n"
	      "\n"
	      " -h, --help                display this help\n"
	      " -V, --version             display version\n"
	      "\n"
	      "For more details see nook-unshare(1).\n",
	      stdout);
	return EXIT_SUCCESS;
}

static int parse_propagation(const char *s, unsigned long *ret)
{
	for (size_t i = 0; i < ELEMENTSOF(propagation_modes); i++)
		if (streq(s, propagation_modes[i].name)) {
			*ret = propagation_modes[i].flags;
			return 0;
		}
	return log_error("unsupported propagation mode: %s", s);
}

static const char *propagation_name(unsigned long flags)
{
	for (size_t i = 0; i < ELEMENTSOF(propagation_modes); i++)
		if (propagation_modes[i].flags == flags)
			return propagation_modes[i].name;
	return "?";
}

/* "auto" and "subids": the caller's first block in /etc/subuid or /etc/subgid.
 * Both files are keyed by the *user*, also for groups, as in util-linux. */
static int read_subid_range(const char *file, uid_t euid, bool identity, struct idmap *m)
{
	_cleanup_free_ char *text = NULL;
	struct idmap_range range;
	struct passwd *pw;
	int r;

	pw = getpwuid(euid);
	if (!pw)
		return log_error("you (user %u) don't exist.", (unsigned)euid);
	r = read_file_alloc(file, 16 << 20, &text, NULL);
	if (r < 0)
		return log_error_errno(r, "could not open '%s': %m", file);
	r = idmap_subid_lookup(text, pw->pw_name, euid, &range);
	if (r == -ENOENT)
		return log_error("no line matching user \"%s\" in %s", pw->pw_name, file);
	if (r < 0)
		return log_error("failed to parse subid map in %s for user \"%s\"", file,
				 pw->pw_name);
	if (identity)
		range.inner = range.outer;
	r = idmap_add(m, range.inner, range.outer, range.count);
	if (r < 0)
		return log_error("too many ID mappings (the kernel accepts %d)", IDMAP_MAX);
	return 0;
}

static int add_map_ranges(struct opts *o, enum idmap_kind kind, const char *arg)
{
	struct idmap *m = kind == IDMAP_UID ? &o->usermap : &o->groupmap;
	const char *subfile = kind == IDMAP_UID ? "/etc/subuid" : "/etc/subgid";
	struct idmap_range range;
	int r;

	o->flags |= CLONE_NEWUSER;
	if (kind == IDMAP_UID)
		o->has_usermap = true;
	else
		o->has_groupmap = true;

	if (streq(arg, "auto") || streq(arg, "subids"))
		return read_subid_range(subfile, o->real_euid, streq(arg, "subids"), m);
	if (streq(arg, "all")) {
		const char *file = kind == IDMAP_UID ? "/proc/self/uid_map" : "/proc/self/gid_map";
		_cleanup_free_ char *text = NULL;

		r = read_file_alloc(file, 64 << 10, &text, NULL);
		if (r < 0)
			return log_error_errno(r, "could not open '%s': %m", file);
		r = idmap_add_kernel_identity(m, text);
		if (r < 0)
			return log_error("too many ID mappings (the kernel accepts %d)", IDMAP_MAX);
		return 0;
	}
	if (idmap_parse_range(arg, &range) < 0)
		return log_error("invalid mapping '%s'", arg);
	if (idmap_add(m, range.inner, range.outer, range.count) < 0)
		return log_error("too many ID mappings (the kernel accepts %d)", IDMAP_MAX);
	return 0;
}

/* --whitelist-env NAME,NAME: remember the values now; the environment is
 * cleared just before exec. */
static int add_env_whitelist(struct opts *o, const char *list)
{
	_cleanup_free_ char *copy = strdup(list);
	char *save = NULL;

	if (!copy)
		return log_error_errno(-ENOMEM, "%m");
	o->whitelist_env = true;
	for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		const char *v = getenv(name);
		struct env_var *e;

		if (o->n_env >= ENV_WHITELIST_MAX)
			return log_error("too many variables in --whitelist-env (at most %d)",
					 ENV_WHITELIST_MAX);
		e = &o->env[o->n_env];
		e->name = strdup(name);
		e->value = v ? strdup(v) : NULL;
		if (!e->name || (v && !e->value))
			return log_error_errno(-ENOMEM, "%m");
		o->n_env++;
	}
	return 0;
}

static int parse_forward_signals(struct opts *o, const char *list)
{
	_cleanup_free_ char *copy = NULL;
	char *save = NULL;

	o->forkit = true;
	o->n_forward = 0;
	if (!list) {
		o->forward[o->n_forward++] = SIGTERM;
		o->forward[o->n_forward++] = SIGINT;
		return 0;
	}
	copy = strdup(list);
	if (!copy)
		return log_error_errno(-ENOMEM, "%m");
	for (char *s = strtok_r(copy, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
		int sig = parse_signal(s);

		if (sig < 0 || sig == SIGKILL || sig == SIGSTOP || sig == SIGCHLD)
			return log_error("unknown or unforwardable signal: %s", s);
		if (o->n_forward >= FORWARD_SIGNALS_MAX)
			return log_error("too many signals to forward (at most %d)",
					 FORWARD_SIGNALS_MAX);
		o->forward[o->n_forward++] = sig;
	}
	if (o->n_forward == 0)
		return log_error("unknown or unforwardable signal: %s", list);
	return 0;
}

enum {
	OPT_MOUNTPROC = CHAR_MAX + 1,
	OPT_MOUNTBINFMT,
	OPT_PROPAGATION,
	OPT_SETGROUPS,
	OPT_KILLCHILD,
	OPT_KEEPCAPS,
	OPT_MONOTONIC,
	OPT_BOOTTIME,
	OPT_MAPUSER,
	OPT_MAPUSERS,
	OPT_MAPGROUP,
	OPT_MAPGROUPS,
	OPT_MAPAUTO,
	OPT_MAPSUBIDS,
	OPT_OWNER,
	OPT_FORWARD_SIGNALS,
	OPT_CLEAR_ENV,
	OPT_WHITELIST_ENV,
	OPT_HOSTNAME,
	OPT_PIVOT_ROOT,
	OPT_DRY_RUN,
};

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "mount", optional_argument, NULL, 'm' },
	{ "uts", optional_argument, NULL, 'u' },
	{ "ipc", optional_argument, NULL, 'i' },
	{ "net", optional_argument, NULL, 'n' },
	{ "pid", optional_argument, NULL, 'p' },
	{ "user", optional_argument, NULL, 'U' },
	{ "cgroup", optional_argument, NULL, 'C' },
	{ "time", optional_argument, NULL, 'T' },
	{ "fork", no_argument, NULL, 'f' },
	{ "kill-child", optional_argument, NULL, OPT_KILLCHILD },
	{ "forward-signals", optional_argument, NULL, OPT_FORWARD_SIGNALS },
	{ "mount-proc", optional_argument, NULL, OPT_MOUNTPROC },
	{ "mount-binfmt", optional_argument, NULL, OPT_MOUNTBINFMT },
	{ "map-user", required_argument, NULL, OPT_MAPUSER },
	{ "map-users", required_argument, NULL, OPT_MAPUSERS },
	{ "map-group", required_argument, NULL, OPT_MAPGROUP },
	{ "map-groups", required_argument, NULL, OPT_MAPGROUPS },
	{ "map-root-user", no_argument, NULL, 'r' },
	{ "map-current-user", no_argument, NULL, 'c' },
	{ "map-auto", no_argument, NULL, OPT_MAPAUTO },
	{ "map-subids", no_argument, NULL, OPT_MAPSUBIDS },
	{ "owner", required_argument, NULL, OPT_OWNER },
	{ "propagation", required_argument, NULL, OPT_PROPAGATION },
	{ "setgroups", required_argument, NULL, OPT_SETGROUPS },
	{ "keep-caps", no_argument, NULL, OPT_KEEPCAPS },
	{ "setuid", required_argument, NULL, 'S' },
	{ "setgid", required_argument, NULL, 'G' },
	{ "root", required_argument, NULL, 'R' },
	{ "wd", required_argument, NULL, 'w' },
	{ "monotonic", required_argument, NULL, OPT_MONOTONIC },
	{ "boottime", required_argument, NULL, OPT_BOOTTIME },
	{ "load-interp", required_argument, NULL, 'l' },
	{ "clear-env", no_argument, NULL, OPT_CLEAR_ENV },
	{ "whitelist-env", required_argument, NULL, OPT_WHITELIST_ENV },
	{ "hostname", required_argument, NULL, OPT_HOSTNAME },
	{ "pivot-root", required_argument, NULL, OPT_PIVOT_ROOT },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ NULL, 0, NULL, 0 },
};

static void set_ns(struct opts *o, enum ns_type t, const char *file)
{
	o->flags |= ns_info[t].clone_flag;
	if (file)
		o->persist[t] = file;
}

static int parse_uint_arg(const char *arg, const char *what, uint32_t *ret)
{
	if (parse_u32(arg, ret) < 0)
		return log_error("failed to parse %s: '%s'", what, arg);
	return 0;
}

/* Return: 0 to go on, > 0 an exit status to return now (help, version, error). */
static int parse_argv(int argc, char *argv[], struct opts *o)
{
	int c, r;

	while ((c = getopt_long(argc, argv, "+fhVmuinpCTUrR:w:S:G:cl:", longopts, NULL)) != -1) {
		r = 0;
		switch (c) {
		case 'f':
			o->forkit = true;
			break;
		case OPT_MOUNTPROC:
			o->flags |= CLONE_NEWNS;
			o->procmnt = optarg ? optarg : "/proc";
			break;
		case OPT_MOUNTBINFMT:
			o->flags |= CLONE_NEWNS | CLONE_NEWUSER;
			o->binfmt_mnt = optarg;
			if (!o->binfmt_mnt) {
				if (!o->procmnt)
					o->procmnt = "/proc";
				o->binfmt_mnt = PROC_BINFMT_MISC;
			}
			break;
		case 'l':
			o->flags |= CLONE_NEWNS | CLONE_NEWUSER;
			if (!o->binfmt_mnt) {
				if (!o->procmnt)
					o->procmnt = "/proc";
				o->binfmt_mnt = PROC_BINFMT_MISC;
			}
			o->interp = optarg;
			break;
		case OPT_MAPUSER: {
			uid_t u;

			o->flags |= CLONE_NEWUSER;
			if (parse_uid_or_name(optarg, &u) < 0)
				r = log_error("failed to parse uid '%s'", optarg);
			o->map_user = u;
			break;
		}
		case OPT_MAPGROUP: {
			gid_t g;

			o->flags |= CLONE_NEWUSER;
			if (parse_gid_or_name(optarg, &g) < 0)
				r = log_error("failed to parse gid '%s'", optarg);
			o->map_group = g;
			break;
		}
		case 'r':
			o->flags |= CLONE_NEWUSER;
			o->map_user = 0;
			o->map_group = 0;
			break;
		case 'c':
			o->flags |= CLONE_NEWUSER;
			o->map_user = o->real_euid;
			o->map_group = o->real_egid;
			break;
		case OPT_MAPUSERS:
			r = add_map_ranges(o, IDMAP_UID, optarg);
			break;
		case OPT_MAPGROUPS:
			r = add_map_ranges(o, IDMAP_GID, optarg);
			break;
		case OPT_MAPAUTO:
			r = add_map_ranges(o, IDMAP_UID, "auto");
			if (r >= 0)
				r = add_map_ranges(o, IDMAP_GID, "auto");
			break;
		case OPT_MAPSUBIDS:
			r = add_map_ranges(o, IDMAP_UID, "subids");
			if (r >= 0)
				r = add_map_ranges(o, IDMAP_GID, "subids");
			break;
		case OPT_OWNER: {
			const char *colon = strchr(optarg, ':');
			char ubuf[16];

			o->flags |= CLONE_NEWUSER;
			if (!colon || (size_t)(colon - optarg) >= sizeof(ubuf))
				return log_error("failed to parse owner"), EXIT_FAILURE;
			memcpy(ubuf, optarg, (size_t)(colon - optarg));
			ubuf[colon - optarg] = '\0';
			if (parse_u32(ubuf, &o->owner_uid) < 0 ||
			    parse_u32(colon + 1, &o->owner_gid) < 0 ||
			    o->owner_uid == IDMAP_ID_NONE || o->owner_gid == IDMAP_ID_NONE)
				r = log_error("failed to parse owner");
			break;
		}
		case OPT_SETGROUPS:
			o->setgroups = SETGROUPS_NONE;
			for (int i = 0; i < _SETGROUPS_MAX; i++)
				if (streq(optarg, setgroups_names[i]))
					o->setgroups = i;
			if (o->setgroups == SETGROUPS_NONE)
				r = log_error("unsupported --setgroups argument '%s'", optarg);
			break;
		case OPT_PROPAGATION:
			r = parse_propagation(optarg, &o->propagation);
			break;
		case OPT_KILLCHILD:
			o->forkit = true;
			o->kill_child_signo = SIGKILL;
			if (optarg) {
				/* A name, as util-linux: "9" is refused. */
				o->kill_child_signo = isdigit((unsigned char)optarg[0])
							      ? -EINVAL
							      : parse_signal(optarg);
				if (o->kill_child_signo < 0)
					r = log_error("unknown signal: %s", optarg);
			}
			break;
		case OPT_KEEPCAPS:
			o->keep_caps = true;
			break;
		case OPT_FORWARD_SIGNALS:
			r = parse_forward_signals(o, optarg);
			break;
		case 'S':
			o->force_uid = true;
			r = parse_uint_arg(optarg, "uid", &o->uid);
			break;
		case 'G':
			o->force_gid = true;
			r = parse_uint_arg(optarg, "gid", &o->gid);
			break;
		case 'R':
			o->newroot = optarg;
			o->pivot = false;
			break;
		case 'w':
			o->newdir = optarg;
			break;
		case OPT_MONOTONIC:
			o->set_monotonic = true;
			if (parse_i64(optarg, &o->monotonic) < 0)
				r = log_error("failed to parse monotonic offset: '%s'", optarg);
			break;
		case OPT_BOOTTIME:
			o->set_boottime = true;
			if (parse_i64(optarg, &o->boottime) < 0)
				r = log_error("failed to parse boottime offset: '%s'", optarg);
			break;
		case OPT_CLEAR_ENV:
			o->clear_env = true;
			break;
		case OPT_WHITELIST_ENV:
			r = add_env_whitelist(o, optarg);
			break;
		case OPT_HOSTNAME:
			if (strlen(optarg) > 64)
				r = log_error("hostname '%s' is too long (64 bytes at most)",
					      optarg);
			o->hostname = optarg;
			o->flags |= CLONE_NEWUTS;
			break;
		case OPT_PIVOT_ROOT:
			o->newroot = optarg;
			o->pivot = true;
			o->flags |= CLONE_NEWNS;
			break;
		case OPT_DRY_RUN:
			o->dry_run = true;
			break;
		case 'h':
			return usage() + 256;
		case 'V':
			return print_version("unshare") + 256;
		default: {
			/* -m -u -i -n -p -U -C -T[=FILE]: the namespace table knows them. */
			enum ns_type t = ns_type_from_short_opt(c);

			if (t < 0)
				return log_try_help();
			set_ns(o, t, optarg);
			break;
		}
		}
		if (r < 0)
			return EXIT_FAILURE;
	}

	if ((o->set_monotonic || o->set_boottime) && !(o->flags & CLONE_NEWTIME))
		return log_error("options --monotonic and --boottime require unsharing of a time "
				 "namespace (-T)"),
		       EXIT_FAILURE;
	if (o->pivot && o->propagation == (MS_REC | MS_SHARED))
		return log_error(
			       "options --pivot-root and --propagation=shared cannot be combined"),
		       EXIT_FAILURE;
	o->argv = optind < argc ? argv + optind : NULL;
	return 0;
}

/* Merge single --map-user/--map-group IDs into range maps where util-linux
 * does: whenever ranges exist, or --owner is combined with a single map. */
static void merge_maps(struct opts *o)
{
	struct idmap merged;

	if (o->has_usermap || (o->map_user != IDMAP_ID_NONE && o->owner_uid != IDMAP_ID_NONE)) {
		(void)idmap_merge_single(&o->usermap, o->real_euid, o->map_user, &merged);
		o->usermap = merged;
		o->has_usermap = true;
		o->map_user = IDMAP_ID_NONE;
	}
	if (o->has_groupmap || (o->map_group != IDMAP_ID_NONE && o->owner_gid != IDMAP_ID_NONE)) {
		(void)idmap_merge_single(&o->groupmap, o->real_egid, o->map_group, &merged);
		o->groupmap = merged;
		o->has_groupmap = true;
		o->map_group = IDMAP_ID_NONE;
	}
}

static void print_map(const char *title, const struct idmap *m)
{
	char buf[IDMAP_WRITE_MAX];
	int len = idmap_format(m, buf, sizeof(buf));

	printf("%s\n", title);
	if (len < 0) {
		printf("  (more than the kernel's 4k limit: unshare would fail)\n");
		return;
	}
	for (char *line = buf, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		printf("  %s\n", line);
	}
}

/* --dry-run: the plan, in the order it would be carried out. */
static int print_plan(const struct opts *o)
{
	bool priv = o->real_euid == 0;

	printf("namespaces:");
	NS_FOREACH (t)
		if (o->flags & ns_info[t].clone_flag)
			printf(" %s", ns_info[t].name);
	printf("%s\n", o->flags ? "" : " (none)");
	if (o->owner_uid != IDMAP_ID_NONE)
		printf("owner: become uid %u gid %u before unshare\n", o->owner_uid, o->owner_gid);
	if (o->has_usermap)
		print_map(priv ? "uid_map (written to /proc/PID/uid_map by a helper):"
			       : "uid_map (written by newuidmap PID, with these ranges):",
			  &o->usermap);
	if (o->has_groupmap)
		print_map(priv ? "gid_map (written to /proc/PID/gid_map by a helper):"
			       : "gid_map (written by newgidmap PID, with these ranges):",
			  &o->groupmap);
	if (o->set_boottime)
		printf("time offset: boottime %+lld s\n", (long long)o->boottime);
	if (o->set_monotonic)
		printf("time offset: monotonic %+lld s\n", (long long)o->monotonic);
	if (o->forkit) {
		printf("fork: yes");
		if (o->kill_child_signo)
			printf(", kill child with SIG%s when unshare dies",
			       signal_name(o->kill_child_signo) ?: "?");
		if (o->n_forward)
			printf(", forward %zu signal(s)", o->n_forward);
		printf("\n");
	}
	NS_FOREACH (t)
		if (o->persist[t])
			printf("persist: %s namespace on %s\n", ns_info[t].name, o->persist[t]);
	if (o->map_user != IDMAP_ID_NONE) {
		struct idmap one = { .n = 1, .r = { { o->map_user, o->real_euid, 1 } } };

		print_map("uid_map (written to /proc/self/uid_map):", &one);
	}
	if (o->map_group != IDMAP_ID_NONE) {
		struct idmap one = { .n = 1, .r = { { o->map_group, o->real_egid, 1 } } };

		printf("setgroups: deny\n");
		print_map("gid_map (written to /proc/self/gid_map):", &one);
	}
	if (o->setgroups != SETGROUPS_NONE)
		printf("setgroups: %s\n", setgroups_names[o->setgroups]);
	if ((o->flags & CLONE_NEWNS) && o->propagation)
		printf("propagation: %s, recursively from /\n", propagation_name(o->propagation));
	if (o->hostname)
		printf("hostname: %s\n", o->hostname);
	if (o->newroot)
		printf("root: %s (%s)\n", o->newroot, o->pivot ? "pivot_root" : "chroot");
	if (o->newdir || o->newroot)
		printf("working directory: %s\n", o->newdir ?: "/");
	if (o->procmnt)
		printf("mount: proc on %s\n", o->procmnt);
	if (o->binfmt_mnt)
		printf("mount: binfmt_misc on %s\n", o->binfmt_mnt);
	if (o->interp)
		printf("binfmt register: %s\n", o->interp);
	if (o->force_gid)
		printf("setgid: %u (supplementary groups dropped)\n", (unsigned)o->gid);
	if (o->force_uid)
		printf("setuid: %u\n", (unsigned)o->uid);
	if (o->keep_caps && (o->flags & CLONE_NEWUSER))
		printf("capabilities: permitted made ambient\n");
	if (o->clear_env || o->whitelist_env) {
		printf("environment: cleared");
		for (size_t i = 0; i < o->n_env; i++)
			printf("%s%s", i ? "," : ", keeping ", o->env[i].name);
		printf("\n");
	}
	if (o->argv) {
		printf("exec:");
		for (char **a = o->argv; *a; a++)
			printf(" %s", *a);
		printf("\n");
	} else {
		const char *shell;
		char argv0[PATH_MAX];

		if (proc_shell(&shell, argv0, sizeof(argv0)) == 0)
			printf("exec: %s (login shell, argv[0] %s)\n", shell, argv0);
	}
	return EXIT_SUCCESS;
}

/* A child that blocks until released over @fd (or gives up when the other
 * end closes without a word: the caller failed and nothing is to be done). */
static int fork_waiting(int *ret_fd, pid_t *ret_pid)
{
	int fds[2], r;
	pid_t pid;

	r = sync_open(fds);
	if (r < 0)
		return log_error_errno(r, "socketpair failed: %m");
	pid = fork();
	if (pid < 0) {
		r = negative_errno();
		safe_close(fds[0]);
		safe_close(fds[1]);
		return log_error_errno(r, "fork failed: %m");
	}
	if (pid == 0) {
		safe_close(fds[0]);
		r = sync_wait(fds[1]);
		if (r < 0)
			_exit(EXIT_FAILURE);
		*ret_fd = fds[1];
		*ret_pid = 0;
		return 0;
	}
	safe_close(fds[1]);
	*ret_fd = fds[0];
	*ret_pid = pid;
	return 0;
}

/* Release a helper and wait for it; its failure becomes ours. */
static int release_helper(pid_t pid, int *fd)
{
	int status, r;

	(void)sync_wake(*fd);
	*fd = safe_close(*fd);
	r = proc_wait(pid, &status);
	if (r < 0)
		return log_error_errno(r, "waitpid failed: %m"), EXIT_FAILURE;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return EXIT_FAILURE;
}

static int bind_ns_files(const struct opts *o, pid_t pid)
{
	for (size_t i = 0; i < _NS_TYPE_MAX; i++) {
		enum ns_type t = ns_enter_order[i];
		char src[64];
		int r;

		if (!o->persist[t])
			continue;
		(void)ns_proc_path(pid, t, true, src, sizeof(src));
		r = ns_persist(pid, t, o->persist[t]);
		if (r == -EINVAL && mnt_is_shared(o->persist[t]) > 0)
			return log_error_errno(
				r,
				"mount %s on %s failed: %m (it is on a shared mount; "
				"bind its directory on itself and make it private first)",
				src, o->persist[t]);
		if (r < 0)
			return log_error_errno(r, "mount %s on %s failed: %m", src, o->persist[t]);
	}
	return 0;
}

/* The persistence helper: binds the parent's namespaces from the original mount namespace. */
static _noreturn_ void run_bind_helper(const struct opts *o, pid_t ppid)
{
	_exit(bind_ns_files(o, ppid) < 0 ? EXIT_FAILURE : EXIT_SUCCESS);
}

static int write_map(pid_t pid, enum idmap_kind kind, const struct idmap *m)
{
	_cleanup_close_ int fd = -EBADF;
	char path[64];
	int r;

	(void)idmap_proc_path(pid, idmap_leaf_name(kind), path, sizeof(path));
	fd = idmap_open_proc(pid, idmap_leaf_name(kind));
	if (fd < 0)
		return log_error_errno(fd, "failed to open %s: %m", path);
	r = idmap_write_fd(fd, m);
	if (r == -E2BIG)
		return log_error("%s too large for kernel 4k limit", path);
	if (r < 0)
		return log_error_errno(r, "failed to write %s: %m", path);
	return 0;
}

static int run_idmapper(enum idmap_kind kind, pid_t ppid, const struct idmap *m)
{
	const char *tool = kind == IDMAP_UID ? "newuidmap" : "newgidmap";
	int status, r;
	pid_t pid = fork();

	if (pid < 0)
		return log_error_errno(negative_errno(), "fork failed: %m");
	if (pid == 0) {
		r = idmap_exec_helper(kind, ppid, m);
		log_error_errno(r, "failed to execute %s: %m%s", tool,
				r == -ENOENT ? " (install the uidmap package)" : "");
		_exit(proc_exec_status(r));
	}
	r = proc_wait(pid, &status);
	if (r < 0)
		return log_error_errno(r, "waitpid failed: %m");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAILURE;
	return 0;
}

/* The ID-map helper: as root it writes /proc/PPID/{uid,gid}_map itself;
 * otherwise the setuid newuidmap/newgidmap check /etc/sub[ug]id and write. */
static _noreturn_ void run_map_helper(const struct opts *o, pid_t ppid)
{
	int r;

	if (geteuid() == 0) {
		if (o->has_usermap && write_map(ppid, IDMAP_UID, &o->usermap) < 0)
			_exit(EXIT_FAILURE);
		if (o->has_groupmap && write_map(ppid, IDMAP_GID, &o->groupmap) < 0)
			_exit(EXIT_FAILURE);
		_exit(EXIT_SUCCESS);
	}
	if (o->has_usermap && (r = run_idmapper(IDMAP_UID, ppid, &o->usermap)) != 0)
		_exit(r < 0 ? EXIT_FAILURE : r);
	if (o->has_groupmap && (r = run_idmapper(IDMAP_GID, ppid, &o->groupmap)) != 0)
		_exit(r < 0 ? EXIT_FAILURE : r);
	_exit(EXIT_SUCCESS);
}

static void forward_signal(int sig)
{
	int saved = errno;

	/* Through the pidfd: a recycled PID can never receive it. */
	if (forward_pidfd < 0 || pidfd_send(forward_pidfd, sig) < 0)
		if (forward_pid > 0)
			(void)kill(forward_pid, sig);
	errno = saved;
}

/* Wait for the child and leave as it left: same status, or the same signal. */
static int wait_child(pid_t pid)
{
	sigset_t set;
	int status, sig, r;

	r = proc_wait(pid, &status);
	if (r < 0)
		return log_error_errno(r, "waitpid failed: %m"), EXIT_FAILURE;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (!WIFSIGNALED(status))
		return log_error("child exit failed"), EXIT_FAILURE;

	sig = WTERMSIG(status);
	/* Die of the same signal, so that the shell reports it (exit 128+N). */
	(void)fflush(stdout);
	if (sig != SIGKILL && signal(sig, SIG_DFL) == SIG_ERR)
		return log_error_errno(negative_errno(), "signal handler reset failed: %m"),
		       EXIT_FAILURE;
	sigemptyset(&set);
	sigaddset(&set, sig);
	if (sigprocmask(SIG_UNBLOCK, &set, NULL) < 0)
		return log_error_errno(negative_errno(), "sigprocmask unblock failed: %m"),
		       EXIT_FAILURE;
	(void)kill(getpid(), sig);
	return log_error("child exit failed"), EXIT_FAILURE;
}

/*
 * --kill-child: PR_SET_PDEATHSIG, then make sure the parent did not die
 * before it took effect (it would be re-parented and no signal would come).
 * The kernel clears the death signal on every change of effective or file
 * system IDs, so it is armed again right before exec, after -S/-G.
 */
static int arm_kill_child(int signo, int parent_pidfd)
{
	struct pollfd p = { .fd = parent_pidfd, .events = POLLIN };
	int n;

	if (prctl(PR_SET_PDEATHSIG, signo) < 0)
		return log_error_errno(negative_errno(), "prctl failed: %m");
	if (parent_pidfd < 0)
		return getppid() == 1 ? -ESRCH : 0;
	n = poll(&p, 1, 0);
	if (n < 0)
		return log_error_errno(negative_errno(), "poll parent pidfd failed: %m");
	/* Readable pidfd: the parent has exited; nobody is waiting for us. */
	return n > 0 ? -ESRCH : 0;
}

static int load_interp(const char *dir, const char *interp)
{
	char path[PATH_MAX];
	int r;

	if (snprintf(path, sizeof(path), "%s/register", dir) >= (int)sizeof(path))
		return log_error("cannot open %s/register: %s", dir, strerror(ENAMETOOLONG));
	r = write_file_at(AT_FDCWD, path, interp);
	if (r < 0)
		return log_error_errno(r, "cannot open %s/register: %m", dir);
	return 0;
}

static bool interp_is_fixed(const char *interp)
{
	const char *flags = strrchr(interp, ':');

	return flags && strchr(flags, 'F');
}

static int write_self_map(enum idmap_kind kind, uint32_t inner, uint32_t outer)
{
	const char *path = kind == IDMAP_UID ? "/proc/self/uid_map" : "/proc/self/gid_map";
	_cleanup_close_ int fd = idmap_open_proc(0, idmap_leaf_name(kind));
	char line[2 * DECIMAL_STR_MAX(uint32_t) + 4];
	int r;

	if (fd < 0)
		return log_error_errno(fd, "cannot open %s: %m", path);
	(void)snprintf(line, sizeof(line), "%u %u 1\n", inner, outer);
	r = write_full(fd, line, strlen(line));
	if (r < 0)
		return log_error_errno(r, "write failed %s: %m", path);
	return 0;
}

static int write_setgroups(enum setgroups_mode mode)
{
	_cleanup_close_ int fd = idmap_open_proc(0, "setgroups");
	int r;

	if (fd == -ENOENT)
		return 0;
	if (fd < 0)
		return log_error_errno(fd, "cannot open /proc/self/setgroups: %m");
	r = write_full(fd, setgroups_names[mode], strlen(setgroups_names[mode]));
	if (r < 0)
		return log_error_errno(r, "write failed /proc/self/setgroups: %m");
	return 0;
}

/*
 * --pivot-root: make the directory a mount point, mount proc in it while the
 * old root is still there (in a user namespace the kernel lets proc be
 * mounted only where a full proc is already visible), then pivot.
 */
static int pivot_into(const struct opts *o)
{
	int r;

	r = mnt_bind(o->newroot, o->newroot, true);
	if (r < 0)
		return log_error_errno(r, "cannot pivot root to '%s': bind on itself: %m",
				       o->newroot);
	if (o->procmnt) {
		_cleanup_free_ char *dir = NULL;

		if (asprintf(&dir, "%s/%s", o->newroot, o->procmnt) < 0)
			return log_error_errno(-ENOMEM, "%m");
		r = mnt_mount_proc(dir);
		if (r < 0)
			return log_error_errno(r, "mount %s failed: %m", o->procmnt);
	}
	r = mnt_pivot_root(o->newroot);
	if (r < 0)
		return log_error_errno(r, "cannot pivot root to '%s': %m", o->newroot);
	return 0;
}

/* Everything that happens in the process that will exec the program. */
static int setup_and_exec(const struct opts *o, int parent_pidfd)
{
	bool procmnt_done = false;
	int r;

	if (o->kill_child_signo && arm_kill_child(o->kill_child_signo, parent_pidfd) < 0)
		return EXIT_FAILURE;

	if (o->map_user != IDMAP_ID_NONE &&
	    write_self_map(IDMAP_UID, o->map_user, o->real_euid) < 0)
		return EXIT_FAILURE;
	/* Since Linux 3.19 an unprivileged gid_map write needs setgroups denied first. */
	if (o->map_group != IDMAP_ID_NONE) {
		if (write_setgroups(SETGROUPS_DENY) < 0 ||
		    write_self_map(IDMAP_GID, o->map_group, o->real_egid) < 0)
			return EXIT_FAILURE;
	}
	if (o->setgroups != SETGROUPS_NONE && write_setgroups(o->setgroups) < 0)
		return EXIT_FAILURE;

	if ((o->flags & CLONE_NEWNS) && o->propagation) {
		r = mnt_set_propagation("/", o->propagation);
		if (r < 0)
			return log_error_errno(r, "cannot change root filesystem propagation: %m"),
			       EXIT_FAILURE;
	}
	if (o->hostname && sethostname(o->hostname, strlen(o->hostname)) < 0)
		return log_error_errno(negative_errno(), "cannot set hostname '%s': %m",
				       o->hostname),
		       EXIT_FAILURE;

	/* A fixed ('F') interpreter is opened now, so from the caller's root. */
	if (o->interp && interp_is_fixed(o->interp) && o->newroot) {
		r = mnt_mount_binfmt(PROC_BINFMT_MISC);
		if (r < 0)
			return log_error_errno(r, "mount %s failed: %m", PROC_BINFMT_MISC),
			       EXIT_FAILURE;
		if (load_interp(PROC_BINFMT_MISC, o->interp) < 0)
			return EXIT_FAILURE;
	}

	if (o->newroot) {
		if (o->pivot) {
			r = pivot_into(o);
			if (r < 0)
				return EXIT_FAILURE;
			procmnt_done = o->procmnt;
		} else if (mnt_chroot(o->newroot) < 0)
			return log_error_errno(negative_errno(),
					       "cannot change root directory to '%s': %m",
					       o->newroot),
			       EXIT_FAILURE;
	}
	if (o->newdir || o->newroot) {
		const char *dir = o->newdir ?: "/";

		if (chdir(dir) < 0)
			return log_error_errno(negative_errno(),
					       "cannot change directory to %s: %m", dir),
			       EXIT_FAILURE;
	}

	if (o->procmnt && !procmnt_done) {
		/* Without a new root, a changed propagation mode would let this mount
		 * leak into the parent namespace: make the target private first. */
		if (!o->newroot && o->propagation != PROPAGATION_DEFAULT) {
			r = mnt_set_propagation(o->procmnt, MS_PRIVATE | MS_REC);
			if (r < 0 && r != -EINVAL)
				return log_error_errno(
					       r, "cannot change %s filesystem propagation: %m",
					       o->procmnt),
				       EXIT_FAILURE;
		}
		r = mnt_mount_proc(o->procmnt);
		if (r < 0)
			return log_error_errno(r, "mount %s failed: %m", o->procmnt), EXIT_FAILURE;
	}
	if (o->binfmt_mnt) {
		r = mnt_mount_binfmt(o->binfmt_mnt);
		if (r < 0)
			return log_error_errno(r, "mount %s failed: %m", o->binfmt_mnt),
			       EXIT_FAILURE;
	}
	if (o->interp && !(interp_is_fixed(o->interp) && o->newroot) &&
	    load_interp(o->binfmt_mnt, o->interp) < 0)
		return EXIT_FAILURE;

	if (o->force_gid) {
		if (setgroups(0, NULL) < 0)
			return log_error_errno(negative_errno(), "setgroups failed: %m"),
			       EXIT_FAILURE;
		if (setgid(o->gid) < 0)
			return log_error_errno(negative_errno(), "setgid() failed: %m"),
			       EXIT_FAILURE;
	}
	if (o->force_uid && setuid(o->uid) < 0)
		return log_error_errno(negative_errno(), "setuid() failed: %m"), EXIT_FAILURE;

	if (o->keep_caps && (o->flags & CLONE_NEWUSER)) {
		r = caps_permitted_to_ambient();
		if (r < 0)
			return log_error_errno(r, "cannot raise ambient capabilities: %m"),
			       EXIT_FAILURE;
	}

	if (o->clear_env || o->whitelist_env) {
		if (clearenv() != 0)
			return log_error("failed to clear the environment"), EXIT_FAILURE;
		for (size_t i = 0; i < o->n_env; i++)
			if (o->env[i].value && setenv(o->env[i].name, o->env[i].value, 1) < 0)
				return log_error_errno(negative_errno(),
						       "failed to set whitelisted environment "
						       "variables: %m"),
				       EXIT_FAILURE;
	}

	/* Last step before exec: -S/-G above cleared the death signal. */
	if (o->kill_child_signo && (o->force_uid || o->force_gid) &&
	    arm_kill_child(o->kill_child_signo, parent_pidfd) < 0)
		return EXIT_FAILURE;

	return exec_command(o->argv, NULL);
}

static void opts_done(struct opts *o)
{
	for (size_t i = 0; i < o->n_env; i++) {
		free(o->env[i].name);
		free(o->env[i].value);
	}
}
DEFINE_TRIVIAL_CLEANUP_FUNC(struct opts *, opts_done)

/* The options are large (two 340-range ID maps); keep them off the stack. */
static struct opts arg_opts;

int cmd_unshare(int argc, char *argv[])
{
	_cleanup_(opts_donep) struct opts *o = &arg_opts;
	_cleanup_close_ int bind_fd = -EBADF, map_fd = -EBADF, parent_pidfd = -EBADF;
	_cleanup_close_ int child_pidfd = -EBADF;
	pid_t bind_pid = 0, map_pid = 0, pid = 0;
	bool persists = false;
	sigset_t sigset, oldsigset;
	int r;

	/* arg_opts is zero already (static); set only what is not, and spare
	 * start-up the page faults of clearing 12 KB. */
	o->propagation = PROPAGATION_DEFAULT;
	o->map_user = o->map_group = IDMAP_ID_NONE;
	o->owner_uid = o->owner_gid = IDMAP_ID_NONE;
	o->setgroups = SETGROUPS_NONE;
	o->real_euid = geteuid();
	o->real_egid = getegid();

	r = parse_argv(argc, argv, o);
	if (r != 0)
		return r >= 256 ? r - 256 : r;

	NS_FOREACH (t)
		persists = persists || o->persist[t];

	merge_maps(o);
	/* util-linux finds this only after unshare(2); it is known now. */
	if (o->map_group != IDMAP_ID_NONE && o->setgroups == SETGROUPS_ALLOW)
		return log_error(
			       "options --setgroups=allow and --map-group are mutually exclusive"),
		       EXIT_FAILURE;

	if (o->dry_run)
		return print_plan(o);

	(void)signal(SIGCHLD, SIG_DFL);

	/* A persistent FILE that cannot be bound would fail only after the
	 * namespaces (and maybe a child) exist: check it first, so that bad
	 * input leaves nothing behind. */
	NS_FOREACH (t) {
		struct stat st;
		char src[64];

		if (!o->persist[t])
			continue;
		if (stat(o->persist[t], &st) < 0) {
			(void)ns_proc_path(getpid(), t, true, src, sizeof(src));
			return log_error_errno(negative_errno(), "mount %s on %s failed: %m", src,
					       o->persist[t]),
			       EXIT_FAILURE;
		}
	}

	/* Binding must happen from the original mount namespace and with our
	 * current privileges: fork the helper before unshare(2). */
	if (persists && (o->flags & (CLONE_NEWNS | CLONE_NEWUSER))) {
		pid_t ppid = getpid();

		if (fork_waiting(&bind_fd, &bind_pid) < 0)
			return EXIT_FAILURE;
		if (bind_pid == 0)
			run_bind_helper(o, ppid);
	}

	/* Range maps are written from outside the new user namespace: as root
	 * directly, otherwise by the setuid newuidmap/newgidmap. */
	if (o->has_usermap || o->has_groupmap) {
		pid_t ppid = getpid();

		if (fork_waiting(&map_fd, &map_pid) < 0)
			return EXIT_FAILURE;
		if (map_pid == 0)
			run_map_helper(o, ppid);
	}

	if (o->owner_gid != IDMAP_ID_NONE) {
		if (setgroups(0, NULL) < 0)
			return log_error_errno(negative_errno(), "setgroups failed: %m"),
			       EXIT_FAILURE;
		if (setgid(o->owner_gid) < 0)
			return log_error_errno(negative_errno(), "setgid() failed: %m"),
			       EXIT_FAILURE;
	}
	if (o->owner_uid != IDMAP_ID_NONE && setuid(o->owner_uid) < 0)
		return log_error_errno(negative_errno(), "setuid() failed: %m"), EXIT_FAILURE;

	r = ns_unshare(o->flags);
	if (r < 0)
		/* Returning closes the helpers' sockets: they exit without acting. */
		return log_error_errno(r, "unshare failed: %m"), EXIT_FAILURE;

	if (map_pid > 0) {
		r = release_helper(map_pid, &map_fd);
		if (r != 0)
			return r;
	}

	if (o->set_boottime) {
		r = timens_set_offset(CLOCK_BOOTTIME, o->boottime);
		if (r < 0)
			return log_error_errno(r,
					       "failed to write to /proc/self/timens_offsets: %m"),
			       EXIT_FAILURE;
	}
	if (o->set_monotonic) {
		r = timens_set_offset(CLOCK_MONOTONIC, o->monotonic);
		if (r < 0)
			return log_error_errno(r,
					       "failed to write to /proc/self/timens_offsets: %m"),
			       EXIT_FAILURE;
	}

	if (o->forkit) {
		sigemptyset(&sigset);
		if (o->n_forward > 0) {
			struct sigaction sa = { .sa_handler = forward_signal,
						.sa_flags = SA_RESTART };

			sigemptyset(&sa.sa_mask);
			for (size_t i = 0; i < o->n_forward; i++)
				if (sigaction(o->forward[i], &sa, NULL) < 0)
					return log_error_errno(negative_errno(),
							       "sigaction SIG%s failed: %m",
							       signal_name(o->forward[i]) ?: "?"),
					       EXIT_FAILURE;
			if (sigprocmask(SIG_SETMASK, NULL, &oldsigset) < 0)
				return log_error_errno(negative_errno(), "sigprocmask failed: %m"),
				       EXIT_FAILURE;
		} else {
			/* The "impatient parent": a ^C reaches the child through the
			 * terminal; the parent must stay to report its status. */
			sigaddset(&sigset, SIGINT);
			sigaddset(&sigset, SIGTERM);
			if (sigprocmask(SIG_BLOCK, &sigset, &oldsigset) < 0)
				return log_error_errno(negative_errno(),
						       "sigprocmask block failed: %m"),
				       EXIT_FAILURE;
		}
		if (o->kill_child_signo) {
			parent_pidfd = pidfd_open_pid(getpid(), 0);
			if (parent_pidfd < 0)
				return log_error_errno(parent_pidfd, "pidfd_open failed: %m"),
				       EXIT_FAILURE;
		}

		/* Fork before binding, so that pid_for_children is populated. */
		(void)fflush(stdout);
		pid = fork();
		if (pid < 0)
			return log_error_errno(negative_errno(), "fork failed: %m"), EXIT_FAILURE;
		if (pid == 0) {
			if (sigprocmask(SIG_SETMASK, &oldsigset, NULL) < 0)
				return log_error_errno(negative_errno(),
						       "sigprocmask restore failed: %m"),
				       EXIT_FAILURE;
			bind_fd = safe_close(bind_fd);
			return setup_and_exec(o, parent_pidfd);
		}
		/* Our own unreaped child: its PID cannot be reused, so this pidfd is exact. */
		if (o->n_forward > 0 || persists)
			child_pidfd = pidfd_open_pid(pid, 0);
		forward_pidfd = child_pidfd;
		forward_pid = pid;
	}

	if (persists) {
		if (bind_pid > 0)
			r = release_helper(bind_pid, &bind_fd) == 0 ? 0 : -EIO;
		else
			r = bind_ns_files(o, getpid());
		if (r < 0) {
			/* Leave nothing behind: the child must not outlive our failure. */
			if (pid > 0) {
				if (child_pidfd < 0 || pidfd_send(child_pidfd, SIGKILL) < 0)
					(void)kill(pid, SIGKILL);
				(void)proc_wait(pid, &(int){ 0 });
			}
			return EXIT_FAILURE;
		}
	}

	if (pid > 0)
		return wait_child(pid);

	return setup_and_exec(o, -EBADF);
}
