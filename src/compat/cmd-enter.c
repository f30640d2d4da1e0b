/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd-enter.c - "nook enter": nsenter with the defaults a person wants: all
 * the target's namespaces (its user namespace only when it differs from
 * ours), its root and working directories, its environment, and a shell that
 * exists inside when no program is given.  The entering is lib/linux/enter.c,
 * as for "nook nsenter".
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enter.h"
#include "log.h"
#include "nook.h"
#include "nsenter.h"
#include "parse-util.h"

static int enter_usage(void)
{
	printf("\nUsage:\n %s [options] <target> [<program> [<argument>...]]\n\n"
	       "Run a program, or a shell, inside a running process's world: all its\n"
	       "namespaces (its user namespace only when it differs from ours), its root\n"
	       "and working directories, and its environment.\n\n"
	       "<target> is a PID, PID:INODE, or a command name (the oldest process of that\n"
	       "name, as pgrep -o -x).\n\n"
	       "Options:\n",
	       program_name);
	fputs("     --read-only           look, do not touch: every mount read-only\n"
	      " -u, --user <uid>[:<gid>]  run as this user and group (default: root, or as\n"
	      "                             you are when no user namespace is entered)\n"
	      " -w, --workdir <dir>       working directory, a path inside the target\n"
	      "     --no-env              keep your environment instead of the target's\n"
	      "\n"
	      " -h, --help                display this help\n"
	      " -V, --version             display version\n"
	      "\n"
	      "For more details see nook-enter(1).\n",
	      stdout);
	return EXIT_SUCCESS;
}

enum {
	OPT_ENTER_READ_ONLY = CHAR_MAX + 1,
	OPT_ENTER_NO_ENV,
};

static const struct option enter_longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "read-only", no_argument, NULL, OPT_ENTER_READ_ONLY },
	{ "user", required_argument, NULL, 'u' },
	{ "workdir", required_argument, NULL, 'w' },
	{ "no-env", no_argument, NULL, OPT_ENTER_NO_ENV },
	{ NULL, 0, NULL, 0 },
};

/* -u UID[:GID]; GID defaults to UID.  Return: GO_ON, or an exit status. */
static int parse_user_group(struct enter *e, const char *arg)
{
	_cleanup_free_ char *copy = strdup(arg);
	char *colon;

	if (!copy)
		return log_error_errno(-ENOMEM, "%m"), EXIT_FAILURE;
	colon = strchr(copy, ':');
	if (colon)
		*colon = '\0';
	if (parse_u32(copy, &e->uid) < 0)
		return log_error("failed to parse uid: '%s'", copy), EXIT_FAILURE;
	e->gid = e->uid;
	if (colon && parse_u32(colon + 1, &e->gid) < 0)
		return log_error("failed to parse gid: '%s'", colon + 1), EXIT_FAILURE;
	e->set_uid = e->set_gid = true;
	return GO_ON;
}

/* Return: GO_ON, or an exit status to return now (help, version, error). */
static int parse_argv(int argc, char *argv[], struct enter *e, char ***ret_argv)
{
	struct error err = ERROR_INIT;
	bool no_env = false;
	int c, r;

	while ((c = getopt_long(argc, argv, "+hVu:w:", enter_longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ENTER_READ_ONLY:
			e->read_only = true;
			break;
		case OPT_ENTER_NO_ENV:
			no_env = true;
			break;
		case 'u':
			r = parse_user_group(e, optarg);
			if (r != GO_ON)
				return r;
			break;
		case 'w':
			e->wd_inside = optarg;
			break;
		case 'h':
			return enter_usage();
		case 'V':
			return print_version("enter");
		default:
			return log_try_help();
		}
	}
	if (optind >= argc) {
		log_error("no target given: a PID or a command name");
		return log_try_help();
	}
	if (target_parse(&e->target, argv[optind++], &err) < 0)
		return nsenter_error(&err);
	*ret_argv = optind < argc ? argv + optind : NULL;

	e->all = true;
	e->target_root = true;
	e->target_wd = !e->wd_inside;
	e->target_env = !no_env;
	e->want_shell = !*ret_argv;
	return GO_ON;
}

int cmd_enter(int argc, char *argv[])
{
	_cleanup_(enter_done) struct enter e;
	char **args = NULL;
	int r;

	enter_init(&e);
	e.uid_hint = "use -u with a mapped uid";
	e.gid_hint = "use -u with a mapped uid:gid";
	r = parse_argv(argc, argv, &e, &args);
	if (r != GO_ON)
		return r;
	return nsenter_exec(&e, args);
}
