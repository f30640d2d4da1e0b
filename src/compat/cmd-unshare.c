/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd-unshare.c - "nook unshare": util-linux unshare(1), option for option,
 * with the same messages and exit statuses; plus --hostname, --dry-run,
 * --pivot-root and a --kill-child that cannot be lost to a credential change.
 *
 * A front end: the options become a struct sandbox_config, lib/linux/
 * sandbox.c plans the steps in util-linux's order (SPEC-util-linux.md §1.2)
 * and either describes them (--dry-run) or runs them; this file prints what
 * failed and leaves with the status util-linux would.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "idmap.h"
#include "io-util.h"
#include "log.h"
#include "nook.h"
#include "ns.h"
#include "parse-util.h"
#include "sandbox.h"

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

static int add_map_ranges(struct sandbox_config *c, enum idmap_kind kind, const char *arg)
{
	struct idmap *m = kind == IDMAP_UID ? &c->uidmap : &c->gidmap;
	const char *subfile = kind == IDMAP_UID ? "/etc/subuid" : "/etc/subgid";
	struct idmap_range range;
	int r;

	c->clone_flags |= CLONE_NEWUSER;
	if (kind == IDMAP_UID)
		c->has_uidmap = true;
	else
		c->has_gidmap = true;

	if (streq(arg, "auto") || streq(arg, "subids"))
		return read_subid_range(subfile, c->euid, streq(arg, "subids"), m);
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
static int add_env_whitelist(struct sandbox_config *c, const char *list)
{
	_cleanup_free_ char *copy = strdup(list);
	char *save = NULL;

	if (!copy)
		return log_error_errno(-ENOMEM, "%m");
	c->clear_env = true;
	for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		const char *v = getenv(name);
		struct sandbox_env_var *e;

		if (c->n_env >= SANDBOX_ENV_MAX)
			return log_error("too many variables in --whitelist-env (at most %d)",
					 SANDBOX_ENV_MAX);
		e = &c->env[c->n_env];
		e->name = strdup(name);
		e->value = v ? strdup(v) : NULL;
		if (!e->name || (v && !e->value))
			return log_error_errno(-ENOMEM, "%m");
		c->n_env++;
	}
	return 0;
}

static int parse_forward_signals(struct sandbox_config *c, const char *list)
{
	_cleanup_free_ char *copy = NULL;
	char *save = NULL;

	c->fork = true;
	c->n_forward = 0;
	if (!list) {
		c->forward[c->n_forward++] = SIGTERM;
		c->forward[c->n_forward++] = SIGINT;
		return 0;
	}
	copy = strdup(list);
	if (!copy)
		return log_error_errno(-ENOMEM, "%m");
	for (char *s = strtok_r(copy, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
		int sig = parse_signal(s);

		if (sig < 0 || sig == SIGKILL || sig == SIGSTOP || sig == SIGCHLD)
			return log_error("unknown or unforwardable signal: %s", s);
		if (c->n_forward >= SANDBOX_FORWARD_MAX)
			return log_error("too many signals to forward (at most %d)",
					 SANDBOX_FORWARD_MAX);
		c->forward[c->n_forward++] = sig;
	}
	if (c->n_forward == 0)
		return log_error("unknown or unforwardable signal: %s", list);
	return 0;
}

static int parse_owner(struct sandbox_config *c, const char *arg)
{
	const char *colon = strchr(arg, ':');
	char ubuf[16];

	c->clone_flags |= CLONE_NEWUSER;
	if (!colon || (size_t)(colon - arg) >= sizeof(ubuf))
		return log_error("failed to parse owner");
	memcpy(ubuf, arg, (size_t)(colon - arg));
	ubuf[colon - arg] = '\0';
	if (parse_u32(ubuf, &c->owner_uid) < 0 || parse_u32(colon + 1, &c->owner_gid) < 0 ||
	    c->owner_uid == IDMAP_ID_NONE || c->owner_gid == IDMAP_ID_NONE)
		return log_error("failed to parse owner");
	return 0;
}

/* --mount-binfmt without a directory: binfmt_misc in a fresh /proc. */
static void binfmt_default(struct sandbox_config *c)
{
	c->clone_flags |= CLONE_NEWNS | CLONE_NEWUSER;
	if (!c->proc_dir)
		c->proc_dir = "/proc";
	c->binfmt_dir = SANDBOX_BINFMT_DIR;
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

static void set_ns(struct sandbox_config *c, enum ns_type t, const char *file)
{
	c->clone_flags |= ns_info[t].clone_flag;
	if (file)
		c->persist[t] = file;
}

static int parse_uint_arg(const char *arg, const char *what, uint32_t *ret)
{
	if (parse_u32(arg, ret) < 0)
		return log_error("failed to parse %s: '%s'", what, arg);
	return 0;
}

/* One option (not a namespace one); 0 or -errno once said why. */
static int parse_option(int opt, const char *arg, struct sandbox_config *c)
{
	uid_t id;
	int r;

	switch (opt) {
	case 'f':
		c->fork = true;
		return 0;
	case OPT_MOUNTPROC:
		c->clone_flags |= CLONE_NEWNS;
		c->proc_dir = arg ?: "/proc";
		return 0;
	case OPT_MOUNTBINFMT:
		c->clone_flags |= CLONE_NEWNS | CLONE_NEWUSER;
		c->binfmt_dir = arg;
		if (!arg)
			binfmt_default(c);
		return 0;
	case 'l':
		c->clone_flags |= CLONE_NEWNS | CLONE_NEWUSER;
		if (!c->binfmt_dir)
			binfmt_default(c);
		c->interp = arg;
		return 0;
	case OPT_MAPUSER:
		c->clone_flags |= CLONE_NEWUSER;
		r = parse_uid_or_name(arg, &id);
		c->map_user = id;
		return r < 0 ? log_error("failed to parse uid '%s'", arg) : 0;
	case OPT_MAPGROUP:
		c->clone_flags |= CLONE_NEWUSER;
		r = parse_gid_or_name(arg, &id);
		c->map_group = id;
		return r < 0 ? log_error("failed to parse gid '%s'", arg) : 0;
	case 'r':
	case 'c':
		c->clone_flags |= CLONE_NEWUSER;
		c->map_user = opt == 'r' ? 0 : c->euid;
		c->map_group = opt == 'r' ? 0 : c->egid;
		return 0;
	case OPT_MAPUSERS:
		return add_map_ranges(c, IDMAP_UID, arg);
	case OPT_MAPGROUPS:
		return add_map_ranges(c, IDMAP_GID, arg);
	case OPT_MAPAUTO:
	case OPT_MAPSUBIDS:
		arg = opt == OPT_MAPAUTO ? "auto" : "subids";
		r = add_map_ranges(c, IDMAP_UID, arg);
		return r < 0 ? r : add_map_ranges(c, IDMAP_GID, arg);
	case OPT_OWNER:
		return parse_owner(c, arg);
	case OPT_SETGROUPS:
		c->setgroups = sandbox_setgroups_from_name(arg);
		if (c->setgroups < 0)
			return log_error("unsupported --setgroups argument '%s'", arg);
		return 0;
	case OPT_PROPAGATION:
		if (sandbox_propagation_from_name(arg, &c->propagation) < 0)
			return log_error("unsupported propagation mode: %s", arg);
		return 0;
	case OPT_KILLCHILD:
		c->fork = true;
		c->kill_child_signo = SIGKILL;
		/* A name, as util-linux: "9" is refused. */
		if (arg && (isdigit((unsigned char)arg[0]) ||
			    (c->kill_child_signo = parse_signal(arg)) < 0))
			return log_error("unknown signal: %s", arg);
		return 0;
	case OPT_KEEPCAPS:
		c->keep_caps = true;
		return 0;
	case OPT_FORWARD_SIGNALS:
		return parse_forward_signals(c, arg);
	case 'S':
		c->set_uid = true;
		return parse_uint_arg(arg, "uid", &c->uid);
	case 'G':
		c->set_gid = true;
		return parse_uint_arg(arg, "gid", &c->gid);
	case 'R':
	case OPT_PIVOT_ROOT:
		c->root = arg;
		c->pivot_root = opt == OPT_PIVOT_ROOT;
		if (c->pivot_root)
			c->clone_flags |= CLONE_NEWNS;
		return 0;
	case 'w':
		c->workdir = arg;
		return 0;
	case OPT_MONOTONIC:
		c->set_monotonic = true;
		if (parse_i64(arg, &c->monotonic) < 0)
			return log_error("failed to parse monotonic offset: '%s'", arg);
		return 0;
	case OPT_BOOTTIME:
		c->set_boottime = true;
		if (parse_i64(arg, &c->boottime) < 0)
			return log_error("failed to parse boottime offset: '%s'", arg);
		return 0;
	case OPT_CLEAR_ENV:
		c->clear_env = true;
		return 0;
	case OPT_WHITELIST_ENV:
		return add_env_whitelist(c, arg);
	case OPT_HOSTNAME:
		c->hostname = arg;
		c->clone_flags |= CLONE_NEWUTS;
		if (strlen(arg) > 64)
			return log_error("hostname '%s' is too long (64 bytes at most)", arg);
		return 0;
	}
	return -EINVAL;
}

/* Return: GO_ON, or the exit status to return now (help, version, error). */
static int parse_argv(int argc, char *argv[], struct sandbox_config *c, bool *ret_dry_run)
{
	int opt;

	while ((opt = getopt_long(argc, argv, "+fhVmuinpCTUrR:w:S:G:cl:", longopts, NULL)) != -1) {
		enum ns_type t = ns_type_from_short_opt(opt);

		if (opt == 'h')
			return usage();
		if (opt == 'V')
			return print_version("unshare");
		if (opt == OPT_DRY_RUN)
			*ret_dry_run = true;
		else if (t >= 0)
			/* -m -u -i -n -p -U -C -T[=FILE]: the namespace table knows them. */
			set_ns(c, t, optarg);
		else if (opt == '?')
			return log_try_help();
		else if (parse_option(opt, optarg, c) < 0)
			return EXIT_FAILURE;
	}
	c->argv = optind < argc ? argv + optind : NULL;
	return GO_ON;
}

static void config_done(struct sandbox_config *c)
{
	for (size_t i = 0; i < c->n_env; i++) {
		free((char *)c->env[i].name);
		free((char *)c->env[i].value);
	}
}
DEFINE_TRIVIAL_CLEANUP_FUNC(struct sandbox_config *, config_done)

/* --dry-run: the text of each step of the plan, in the order they would run. */
static int print_plan(const struct sandbox_plan *p)
{
	static char text[SANDBOX_TEXT_MAX];

	for (size_t i = 0; i < p->n; i++) {
		_cleanup_free_ char *big = NULL;
		const char *out = text;
		int n = sandbox_describe(&p->steps[i], text, sizeof(text));

		if ((size_t)n >= sizeof(text)) {
			big = malloc((size_t)n + 1);
			if (!big)
				return log_error_errno(-ENOMEM, "%m"), EXIT_FAILURE;
			(void)sandbox_describe(&p->steps[i], big, (size_t)n + 1);
			out = big;
		}
		fputs(out, stdout);
	}
	return EXIT_SUCCESS;
}

/* "unshare: what failed: why", once; nothing if it was said already. */
static void log_failure(const struct error *e)
{
	char line[ERROR_MSG_MAX + ERROR_REASON_MAX + 4];

	if (e->msg[0])
		log_error("%s", error_format(e, line, sizeof(line)));
}

/* Leave as the child left: the same exit status, or die of the same signal
 * so that the shell reports it (exit 128+N). */
static int end_like(int status)
{
	sigset_t set;
	int sig;

	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (!WIFSIGNALED(status))
		return log_error("child exit failed"), EXIT_FAILURE;

	sig = WTERMSIG(status);
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

/* Large (two 340-range ID maps each): off the stack, and zero already, so
 * that start-up touches only the pages it uses. */
static struct sandbox_config arg_config;
static struct sandbox_plan arg_plan;

int cmd_unshare(int argc, char *argv[])
{
	_cleanup_(config_donep) struct sandbox_config *c = &arg_config;
	struct error err = ERROR_INIT;
	bool dry_run = false;
	int r, status;

	sandbox_config_init(c);
	c->euid = geteuid();
	c->egid = getegid();

	r = parse_argv(argc, argv, c, &dry_run);
	if (r != GO_ON)
		return r;

	r = sandbox_plan(c, &arg_plan, &err);
	if (r < 0)
		return log_failure(&err), EXIT_FAILURE;
	if (dry_run)
		return print_plan(&arg_plan);

	r = sandbox_run(&arg_plan, &status, &err);
	if (r < 0)
		log_failure(&err);
	return end_like(status);
}
