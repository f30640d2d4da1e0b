/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main.c - nook's two verb tables and the dispatch between them (src/verb.h).
 *
 * "nook VERB ARGS" runs VERB of nook's own table; "nook runtime VERB" and a
 * link named nook-runtime run VERB of the OCI runtime's table (runc's words);
 * a link named after a tool nook replaces ("unshare") runs that tool with its
 * own argv, so that nook can stand in for util-linux without scripts noticing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ip.h"
#include "log.h"
#include "macro.h"
#include "nook.h"
#include "runtime.h"
#include "verb.h"

struct verb_table {
	const char *program; /* "nook", "nook-runtime" */
	const struct verb *verbs;
	size_t n;
	/* The line for a wrong number of arguments, in the table's language. */
	int (*bad_count)(const struct verb *v, int n);
};

static int cmd_help(int argc, char *argv[]);
static int cmd_version(int argc, char *argv[]);
static int cmd_runtime(int argc, char *argv[]);
static int runtime_help(int argc, char *argv[]);

/* nook's own words: util-linux's tools, iproute2's, and (to come) docker's. */
static const struct verb nook_verbs[] = {
	{ "unshare", VERB_ANY, VERB_ANY, cmd_unshare, VERB_MULTICALL,
	  "run a program in new namespaces (util-linux unshare)" },
	{ "nsenter", VERB_ANY, VERB_ANY, cmd_nsenter, VERB_MULTICALL,
	  "run a program in namespaces of another process (util-linux nsenter)" },
	{ "enter", VERB_ANY, VERB_ANY, cmd_enter, 0,
	  "a shell or program inside a running process's world" },
	{ "lsns", VERB_ANY, VERB_ANY, cmd_lsns, VERB_MULTICALL,
	  "list namespaces (util-linux lsns)" },
	{ "netns", VERB_ANY, VERB_ANY, cmd_netns, VERB_IP,
	  "named network namespaces (ip netns), and connect" },
	{ "link", VERB_ANY, VERB_ANY, cmd_link, VERB_IP,
	  "network devices: veth, bridge, vlan (ip link)" },
	{ "addr", VERB_ANY, VERB_ANY, cmd_addr, VERB_IP, "IP addresses (ip addr)" },
	{ "route", VERB_ANY, VERB_ANY, cmd_route, VERB_IP, "routes (ip route)" },
	{ "neigh", VERB_ANY, VERB_ANY, cmd_neigh, VERB_IP,
	  "neighbour (ARP, NDP) entries (ip neigh)" },
	{ "bridge", VERB_ANY, VERB_ANY, cmd_bridge, VERB_IP, "bridges, as brctl makes them" },
	{ "runtime", VERB_ANY, VERB_ANY, cmd_runtime, 0,
	  "the OCI runtime's commands, in runc's words (also as " RUNTIME_NAME ")" },
	{ "help", 0, 0, cmd_help, 0, "list the commands" },
	{ "version", 0, 0, cmd_version, 0, "print the version" },
};

/*
 * The OCI runtime's words (runc's and crun's), which docker, podman and
 * containerd call: create, start, state, kill, delete, run, exec, ps, list,
 * spec, features, pause, resume, update come with the runtime.
 */
static const struct verb runtime_verbs[] = {
	{ "help", 0, 1, runtime_help, 0, "list the commands" },
};

/* docker's words: "nook rm" requires at least 1 argument. */
static int nook_bad_count(const struct verb *v, int n)
{
	const char *how = n < v->min_args ? "at least" : "at most";
	int want = n < v->min_args ? v->min_args : v->max_args;

	if (v->min_args == v->max_args)
		how = "exactly";
	fprintf(stderr, "\"nook %s\" requires %s %d argument%s.\nSee 'nook %s --help'.\n", v->name,
		how, want, want == 1 ? "" : "s", v->name);
	return EXIT_FAILURE;
}

/* runc's words: nook-runtime: "state" requires exactly 1 argument(s) */
static int runtime_bad_count(const struct verb *v, int n)
{
	const char *how = n < v->min_args ? "a minimum of" : "a maximum of";
	int want = n < v->min_args ? v->min_args : v->max_args;

	if (v->min_args == v->max_args)
		how = "exactly";
	fprintf(stderr, "%s: \"%s\" requires %s %d argument(s)\n", RUNTIME_NAME, v->name, how,
		want);
	return EXIT_FAILURE;
}

static const struct verb_table nook_table = { "nook", nook_verbs, ELEMENTSOF(nook_verbs),
					      nook_bad_count };
static const struct verb_table runtime_table = { RUNTIME_NAME, runtime_verbs,
						 ELEMENTSOF(runtime_verbs), runtime_bad_count };

static const struct verb_table *current_table;
static const struct verb *current_verb;

/**
 * verb_current() - the verb being run
 *
 * Return: its table entry; NULL before dispatch.
 */
const struct verb *verb_current(void)
{
	return current_verb;
}

/**
 * verb_check_args() - check the number of arguments left after the options
 * @n: how many there are
 *
 * Return: GO_ON, or the exit status after the table's line about it.
 */
int verb_check_args(int n)
{
	const struct verb *v = current_verb;

	if (!v || ((v->min_args == VERB_ANY || n >= v->min_args) &&
		   (v->max_args == VERB_ANY || n <= v->max_args)))
		return GO_ON;
	return current_table->bad_count(v, n);
}

int print_version(const char *name)
{
	printf("%s from nook %s\n", name, NOOK_VERSION);
	return EXIT_SUCCESS;
}

static void list_verbs(FILE *out, const struct verb_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		fprintf(out, " %-10s %s\n", t->verbs[i].name, t->verbs[i].summary);
}

static void usage(FILE *out)
{
	fputs("Usage:\n nook <command> [options] [arguments]\n\n"
	      "Linux namespaces and containers in one program.\n\nCommands:\n",
	      out);
	list_verbs(out, &nook_table);
	fputs("\n -h, --help     display this help\n"
	      " -V, --version  display version\n\n"
	      "Run 'nook <command> --help' for a command's options.\n"
	      "A link to nook named unshare, nsenter or lsns runs it as that tool.\n"
	      "netns, link, addr, route, neigh and bridge take ip's options first:\n"
	      " nook [-n NS] [-j [-p]] [-o] [-d] [-4|-6] [-all] <command> ...\n",
	      out);
}

static int cmd_help(int argc, char *argv[])
{
	usage(stdout);
	return EXIT_SUCCESS;
}

static int cmd_version(int argc, char *argv[])
{
	printf("nook %s\n", NOOK_VERSION);
	return EXIT_SUCCESS;
}

static void runtime_usage(FILE *out)
{
	fprintf(out,
		"Usage:\n %s [global options] <command> [options] [arguments]\n"
		" nook runtime [global options] <command> [options] [arguments]\n\n"
		"nook as an OCI runtime: runc's and crun's words, which docker, podman and\n"
		"containerd use.\n\nCommands:\n",
		RUNTIME_NAME);
	list_verbs(out, &runtime_table);
	fputs("\nGlobal options:\n"
	      "     --root <dir>           where the containers' state is kept\n"
	      "                              (/run/nook; $XDG_RUNTIME_DIR/nook without root)\n"
	      "     --log <file>           also write messages to <file>\n"
	      "     --log-format <format>  text or json (the log file's lines)\n"
	      "     --log-level <level>    error, warning, info or debug\n"
	      "     --debug                the same as --log-level debug\n"
	      "     --cgroup-manager <m>   cgroupfs, systemd (cgroupfs where there is no\n"
	      "                              systemd) or disabled\n"
	      "     --systemd-cgroup       the same as --cgroup-manager systemd\n"
	      "     --rootless <when>      auto, true or false\n"
	      " -h, --help                 display this help\n"
	      " -v, --version              display version\n",
	      out);
}

static int runtime_help(int argc, char *argv[])
{
	int r = verb_check_args(argc - 1);

	if (r != GO_ON)
		return r;
	runtime_usage(stdout);
	return EXIT_SUCCESS;
}

static const struct verb *find_verb(const struct verb_table *t, const char *name)
{
	if (t == &nook_table) {
		/* ip's longer names for its objects */
		if (streq(name, "address"))
			name = "addr";
		else if (streq(name, "neighbor") || streq(name, "neighbour"))
			name = "neigh";
	}
	for (size_t i = 0; i < t->n; i++)
		if (streq(t->verbs[i].name, name))
			return &t->verbs[i];
	return NULL;
}

/*
 * An iproute2-style command: ip's global options may come before the verb
 * ("nook -n red link show", as "ip -n red link show") or right after it
 * ("nook link -n red show"); then the namespace of -n is entered.
 */
static int run_ip_verb(const struct verb *v, int argc, char *argv[])
{
	int r;

	argc--, argv++;
	r = ip_globals_parse(&argc, &argv);
	if (r != GO_ON)
		return r;
	if (ip_opts.help) {
		/* The command's "help", which ip prints to stderr with status 255:
		 * asked for as --help, it goes to stdout and the status is 0, as
		 * every nook command's --help. */
		char *help[] = { (char *)v->name, (char *)"help", NULL };
		int saved = dup(STDERR_FILENO);

		(void)fflush(stderr);
		if (saved < 0 || dup2(STDOUT_FILENO, STDERR_FILENO) < 0)
			return v->fn(2, help);
		(void)v->fn(2, help);
		(void)fflush(stdout);
		(void)fflush(stderr);
		(void)dup2(saved, STDERR_FILENO);
		close(saved);
		return EXIT_SUCCESS;
	}
	r = ip_globals_enter_netns();
	if (r != GO_ON)
		return r;
	/* argv[-1] is the verb's own word (or the last option): make it argv[0]. */
	argv[-1] = (char *)v->name;
	return v->fn(argc + 1, argv - 1);
}

/* Flush stdout and report a failed write (a full disk, a closed pipe), as
 * util-linux's close_stdout does: output that silently went nowhere is a bug. */
static int finish_stdout(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		log_set_program("nook", "nook");
		fputs("nook: write error\n", stderr);
		return EXIT_FAILURE;
	}
	return status;
}

/* Run @v with argv[0] "PROGRAM VERB", which messages and getopt's own errors show. */
static int run_verb(const struct verb_table *t, const struct verb *v, int argc, char *argv[])
{
	static char name[64];

	current_table = t;
	current_verb = v;
	(void)snprintf(name, sizeof(name), "%s %s", t->program, v->name);
	log_set_program(name, name);
	if (v->flags & VERB_IP)
		return run_ip_verb(v, argc, argv);
	argv[0] = name;
	return v->fn(argc, argv);
}

/* The runtime's table: "nook-runtime [GLOBAL OPTIONS] VERB ..." (argv[0] is the program). */
static int runtime_main(int argc, char *argv[])
{
	const struct verb *v;
	int r;

	log_set_program(RUNTIME_NAME, RUNTIME_NAME);
	r = runtime_parse_globals(&argc, &argv);
	if (r != GO_ON)
		return r;
	if (rt.help) {
		runtime_usage(stdout);
		return EXIT_SUCCESS;
	}
	if (rt.version) {
		printf("%s version %s\n", RUNTIME_NAME, NOOK_VERSION);
		return EXIT_SUCCESS;
	}
	if (argc < 1) {
		runtime_usage(stderr);
		return EXIT_FAILURE;
	}
	v = find_verb(&runtime_table, argv[0]);
	if (!v)
		return runtime_usage_error("unknown command '%s'", argv[0]);
	return run_verb(&runtime_table, v, argc, argv);
}

/* "nook runtime VERB ...": argv[0] is "runtime". */
static int cmd_runtime(int argc, char *argv[])
{
	argv[0] = (char *)RUNTIME_NAME;
	return runtime_main(argc, argv);
}

int main(int argc, char *argv[])
{
	const char *base = strrchr(argv[0], '/');
	const struct verb *v;

	base = base ? base + 1 : argv[0];

	/* Multi-call: run as the tool the link is named after. */
	if (streq(base, RUNTIME_NAME))
		return finish_stdout(runtime_main(argc, argv));
	v = find_verb(&nook_table, base);
	if (v && (v->flags & VERB_MULTICALL)) {
		current_table = &nook_table;
		current_verb = v;
		log_set_program(v->name, argv[0]);
		return finish_stdout(v->fn(argc, argv));
	}

	if (argc < 2) {
		usage(stderr);
		return EXIT_FAILURE;
	}
	if (streq(argv[1], "-h") || streq(argv[1], "--help"))
		return finish_stdout(cmd_help(argc - 1, argv + 1));
	if (streq(argv[1], "-V") || streq(argv[1], "--version"))
		return finish_stdout(cmd_version(argc - 1, argv + 1));
	if (argv[1][0] == '-') {
		/* ip's global options, for the iproute2-style verbs */
		int r;

		argc--, argv++;
		r = ip_globals_parse(&argc, &argv);
		if (r != GO_ON)
			return finish_stdout(r);
		if (argc == 0)
			/* as "ip -j" without an object */
			return ip_usage();
		v = find_verb(&nook_table, argv[0]);
		if (!v)
			return ip_unknown_object(argv[0]);
		if (!(v->flags & VERB_IP)) {
			fprintf(stderr,
				"nook: '%s' takes no ip options\nTry 'nook help' for more "
				"information.\n",
				argv[0]);
			return IP_EXIT_USAGE;
		}
		argc++, argv--;
	} else {
		v = find_verb(&nook_table, argv[1]);
	}
	if (!v) {
		fprintf(stderr,
			"nook: unknown command '%s'\nTry 'nook help' for more information.\n",
			argv[1]);
		return EXIT_FAILURE;
	}
	return finish_stdout(run_verb(&nook_table, v, argc - 1, argv + 1));
}
