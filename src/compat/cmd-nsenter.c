/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd-nsenter.c - "nook nsenter": util-linux nsenter(1), option for option,
 * with the same messages and exit statuses.  This file parses, prints and
 * chooses the exit status; the entering itself, in util-linux's order of
 * operations, is lib/linux/enter.c, which "nook enter" (cmd-enter.c) shares.
 *
 * Beyond util-linux (see enter.h and target.h):
 *  - the target may be named: "-t webshop" is the oldest process called
 *    webshop (pgrep -o -x), and "--net=NAME" an "ip netns" namespace;
 *  - every namespace that comes from the target is entered through one
 *    pidfd, and files opened by PID are checked against that pidfd;
 *  - --read-only, --pid-for-children and --mount-proc;
 *  - entering a user namespace that denies setgroups(2) just works.
 *
 * Files named on the command line are opened while parsing, in the caller's
 * mount namespace, as util-linux does (SPEC-util-linux.md §2.2).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "enter.h"
#include "log.h"
#include "nook.h"
#include "nsenter.h"
#include "parse-util.h"
#include "process.h"

static int usage(void)
{
	printf("\nUsage:\n %s [options] [<program> [<argument>...]]\n\n"
	       "Run a program with namespaces of other processes.\n\n"
	       "Options:\n",
	       program_name);
	fputs(" -a, --all                     enter all namespaces\n"
	      " -t, --target <PID>            target process to get namespaces from\n"
	      " -m, --mount[=<file>|=:<nsid>] enter mount namespace\n"
	      " -u, --uts[=<file>|=:<nsid>]   enter UTS namespace (hostname etc)\n"
	      " -i, --ipc[=<file>|=:<nsid>]   enter System V IPC namespace\n"
	      " -n, --net[=<file>|=:<nsid>]   enter network namespace\n"
	      " -N, --net-socket <fd>         enter socket's network namespace (needs --target)\n"
	      " -p, --pid[=<file>|=:<nsid>]   enter pid namespace\n"
	      " -C, --cgroup[=<file>|=:<nsid>]  enter cgroup namespace\n"
	      " -U, --user[=<file>|=:<nsid>]  enter user namespace\n"
	      "     --user-parent             enter parent user namespace\n"
	      " -T, --time[=<file>|=:<nsid>]  enter time namespace\n"
	      " -S, --setuid[=<uid>]          set uid in entered namespace\n"
	      " -G, --setgid[=<gid>]          set gid in entered namespace\n"
	      "     --preserve-credentials    do not touch uids or gids\n"
	      "     --keep-caps               retain capabilities granted in user namespaces\n"
	      " -r, --root[=<dir>]            set the root directory\n"
	      " -w, --wd[=<dir>]              set the working directory\n"
	      " -W, --wdns <dir>              set the working directory in namespace\n"
	      " -e, --env                     inherit environment variables from target process\n"
	      " -F, --no-fork                 do not fork before exec'ing <program>\n"
	      " -c, --join-cgroup             join the cgroup of the target process\n"
	      " -Z, --follow-context          set SELinux context according to --target PID\n"
	      "\n"
	      "nook extensions:\n"
	      " -t, --target <name>           the oldest process with this command name\n"
	      "                                 (pgrep -o -x); it must be unambiguous\n"
	      " -n, --net=<name>              the network namespace /run/netns/<name>\n"
	      "     --read-only               enter a private read-only copy of the mounts\n"
	      "                                 (implies --mount; also --mount-ro)\n"
	      "     --pid-for-children        enter the target's pid_for_children namespace\n"
	      "                                 (implies --pid)\n"
	      "     --mount-proc[=<dir>]      mount /proc for the entered pid namespace in a\n"
	      "                                 private mount namespace (implies --pid)\n"
	      "\n"
	      " -h, --help                    display this help\n"
	      " -V, --version                 display version\n"
	      "\n"
	      "For more details see nook-nsenter(1).\n",
	      stdout);
	return EXIT_SUCCESS;
}

/* ---- what nsenter and enter share --------------------------------------------------------- */

/**
 * nsenter_error() - print a failure of lib/linux/enter.c once
 * @e: the failure
 *
 * Return: EXIT_FAILURE.
 */
int nsenter_error(const struct error *e)
{
	char line[ERROR_MSG_MAX + ERROR_REASON_MAX];

	log_error("%s", error_format(e, line, sizeof(line)));
	return EXIT_FAILURE;
}

static void warn(_unused_ void *userdata, const char *msg)
{
	log_warn("%s", msg);
}

/* The parent of continue-as-child leaves as the child left: its exit status,
 * or killed by the same signal. */
static int leave_as(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status)) {
		(void)signal(WTERMSIG(status), SIG_DFL);
		(void)kill(getpid(), WTERMSIG(status));
	}
	return EXIT_FAILURE;
}

/**
 * nsenter_exec() - enter, then exec; what nsenter and enter do after parsing
 * @e: the entering, filled from the command line
 * @argv: the program and its arguments, or NULL for a shell
 *
 * Return: the exit status (on success the program replaces us).
 */
int nsenter_exec(struct enter *e, char *argv[])
{
	struct error err = ERROR_INIT;
	int r, status;

	e->warn = warn;
	r = enter_run(e, &err);
	if (r < 0)
		return nsenter_error(&err);
	if (r == ENTER_WAITED)
		return leave_as(e->child_status);
	(void)proc_exec_command(argv, e->shell, &status, &err);
	(void)nsenter_error(&err);
	return status;
}

/* ---- nook nsenter ------------------------------------------------------------------------ */

enum {
	OPT_PRESERVE_CRED = CHAR_MAX + 1,
	OPT_KEEPCAPS,
	OPT_USER_PARENT,
	OPT_READ_ONLY,
	OPT_PID_FOR_CHILDREN,
	OPT_MOUNT_PROC,
};

static const struct option longopts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "target", required_argument, NULL, 't' },
	{ "mount", optional_argument, NULL, 'm' },
	{ "uts", optional_argument, NULL, 'u' },
	{ "ipc", optional_argument, NULL, 'i' },
	{ "net", optional_argument, NULL, 'n' },
	{ "net-socket", required_argument, NULL, 'N' },
	{ "pid", optional_argument, NULL, 'p' },
	{ "user", optional_argument, NULL, 'U' },
	{ "cgroup", optional_argument, NULL, 'C' },
	{ "time", optional_argument, NULL, 'T' },
	{ "setuid", required_argument, NULL, 'S' },
	{ "setgid", required_argument, NULL, 'G' },
	{ "root", optional_argument, NULL, 'r' },
	{ "wd", optional_argument, NULL, 'w' },
	{ "wdns", optional_argument, NULL, 'W' },
	{ "env", no_argument, NULL, 'e' },
	{ "no-fork", no_argument, NULL, 'F' },
	{ "join-cgroup", no_argument, NULL, 'c' },
	{ "preserve-credentials", no_argument, NULL, OPT_PRESERVE_CRED },
	{ "keep-caps", no_argument, NULL, OPT_KEEPCAPS },
	{ "user-parent", no_argument, NULL, OPT_USER_PARENT },
	{ "follow-context", no_argument, NULL, 'Z' },
	{ "read-only", no_argument, NULL, OPT_READ_ONLY },
	{ "mount-ro", no_argument, NULL, OPT_READ_ONLY },
	{ "pid-for-children", no_argument, NULL, OPT_PID_FOR_CHILDREN },
	{ "mount-proc", optional_argument, NULL, OPT_MOUNT_PROC },
	{ NULL, 0, NULL, 0 },
};

/* -S/-G: a number, or "follow" (the owner of /proc/PID).  Return: GO_ON, or an exit status. */
static int parse_id(const char *arg, const char *what, bool *follow, uint32_t *ret)
{
	if (streq(arg, "follow")) {
		*follow = true;
		return GO_ON;
	}
	if (parse_u32(arg, ret) < 0)
		return log_error("failed to parse %s: '%s'", what, arg), EXIT_FAILURE;
	return GO_ON;
}

/*
 * "-r /:/ro": tutorials teach this for a read-only root.  To util-linux it is
 * -r followed by a program called "/:/ro", which cannot exist; nook reads it
 * as what was meant: the target's root (or DIR in "DIR:ro"), read-only.
 */
static bool root_ro_spelling(struct enter *e, const char *word)
{
	size_t len = strlen(word);
	_cleanup_free_ char *dir = NULL;

	if (word[0] != '/' || access(word, F_OK) == 0)
		return false;
	if (len >= 4 && streq(word + len - 4, ":/ro"))
		len -= 4;
	else if (len >= 3 && streq(word + len - 3, ":ro"))
		len -= 3;
	else
		return false;
	dir = strndup(word, len);
	if (!dir)
		return false;
	if (!streq(dir, "/")) {
		struct error err = ERROR_INIT;

		if (enter_set_root(e, dir, &err) < 0) {
			/* Said, and then the word is taken as the program it looks like. */
			(void)nsenter_error(&err);
			return false;
		}
		e->target_root = false;
	}
	e->read_only = true;
	return true;
}

/* Return: GO_ON, or an exit status to return now (help, version, error). */
static int parse_argv(int argc, char *argv[], struct enter *e, char ***ret_argv)
{
	struct error err = ERROR_INIT;
	bool target_given = false;
	char seen_wd = 0;
	int c, r;

	while ((c = getopt_long(argc, argv, "+ahVt:m::u::i::n::N:p::C::U::T::S:G:r::w::W::ecFZ",
				longopts, NULL)) != -1) {
		/* -w and -W are exclusive (util-linux: err_exclusive_options). */
		if (c == 'w' || c == 'W') {
			if (seen_wd && seen_wd != c)
				return log_error("options --wdns and --wd cannot be combined"),
				       EXIT_FAILURE;
			seen_wd = (char)c;
		}
		r = 0;
		switch (c) {
		case 'a':
			e->all = true;
			break;
		case 't':
			if (target_given)
				return log_error("option --target may be given only once"),
				       EXIT_FAILURE;
			target_given = true;
			r = target_parse(&e->target, optarg, &err);
			break;
		case 'm':
		case 'u':
		case 'i':
		case 'n':
		case 'p':
		case 'C':
		case 'U':
		case 'T':
			r = enter_open_ns(e, ns_type_from_short_opt(c), optarg, &err);
			break;
		case 'N': {
			uint32_t fd;

			if (parse_u32(optarg, &fd) < 0 || fd > INT_MAX)
				return log_error("failed to parse file descriptor: '%s'", optarg),
				       EXIT_FAILURE;
			e->net_socket = (int)fd;
			break;
		}
		case 'S':
			e->set_uid = true;
			r = parse_id(optarg, "uid", &e->uid_from_target, &e->uid);
			if (r != GO_ON)
				return r;
			break;
		case 'G':
			e->set_gid = true;
			r = parse_id(optarg, "gid", &e->gid_from_target, &e->gid);
			if (r != GO_ON)
				return r;
			break;
		case 'F':
			e->fork = ENTER_FORK_NO;
			break;
		case 'c':
			e->join_cgroup = true;
			break;
		case 'r':
			if (optarg)
				r = enter_set_root(e, optarg, &err);
			else
				e->target_root = true;
			break;
		case 'w':
			if (optarg)
				r = enter_set_wd(e, *optarg == '=' ? optarg + 1 : optarg, &err);
			else
				e->target_wd = true;
			break;
		case 'W':
			e->wd_inside = optarg && *optarg == '=' ? optarg + 1 : optarg;
			break;
		case 'e':
			e->target_env = true;
			break;
		case 'Z':
			e->follow_context = true;
			break;
		case OPT_PRESERVE_CRED:
			e->preserve_credentials = true;
			break;
		case OPT_KEEPCAPS:
			e->keep_caps = true;
			break;
		case OPT_USER_PARENT:
			e->user_parent = true;
			break;
		case OPT_READ_ONLY:
			e->read_only = true;
			break;
		case OPT_PID_FOR_CHILDREN:
			e->pid_for_children = true;
			break;
		case OPT_MOUNT_PROC:
			e->mount_proc = optarg && *optarg ? optarg : "/proc";
			break;
		case 'h':
			return usage();
		case 'V':
			return print_version("nsenter");
		default:
			return log_try_help();
		}
		if (r < 0)
			return nsenter_error(&err);
	}
	if (optind < argc && e->target_root && root_ro_spelling(e, argv[optind]))
		optind++;
	*ret_argv = optind < argc ? argv + optind : NULL;
	return GO_ON;
}

int cmd_nsenter(int argc, char *argv[])
{
	_cleanup_(enter_done) struct enter e;
	char **args = NULL;
	int r;

	enter_init(&e);
	e.uid_hint = "use -S with a mapped uid, or --preserve-credentials";
	e.gid_hint = "use -G with a mapped gid, or --preserve-credentials";
	r = parse_argv(argc, argv, &e, &args);
	if (r != GO_ON)
		return r;
	return nsenter_exec(&e, args);
}
