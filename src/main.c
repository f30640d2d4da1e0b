/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main.c - nook's verb table and multi-call dispatch.
 *
 * "nook VERB ARGS" runs VERB; a link to nook named after a tool it replaces
 * ("unshare") runs that tool with its own argv, so that nook can stand in for
 * util-linux without scripts noticing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ip.h"
#include "log.h"
#include "macro.h"
#include "nook.h"

struct verb {
	const char *name;
	int (*fn)(int argc, char *argv[]);
	bool multicall; /* also runs as a link named after it */
	bool ip;	/* speaks iproute2: takes ip's global options (src/ip/ip.h) */
	const char *summary;
};

static int cmd_help(int argc, char *argv[]);
static int cmd_version(int argc, char *argv[]);

static const struct verb verbs[] = {
	{ "unshare", cmd_unshare, true, false,
	  "run a program in new namespaces (util-linux unshare)" },
	{ "nsenter", cmd_nsenter, true, false,
	  "run a program in namespaces of another process (util-linux nsenter)" },
	{ "enter", cmd_enter, false, false, "a shell or program inside a running process's world" },
	{ "lsns", cmd_lsns, true, false, "list namespaces (util-linux lsns)" },
	{ "netns", cmd_netns, false, true, "named network namespaces (ip netns), and connect" },
	{ "link", cmd_link, false, true, "network devices: veth, bridge, vlan (ip link)" },
	{ "addr", cmd_addr, false, true, "IP addresses (ip addr)" },
	{ "route", cmd_route, false, true, "routes (ip route)" },
	{ "neigh", cmd_neigh, false, true, "neighbour (ARP, NDP) entries (ip neigh)" },
	{ "bridge", cmd_bridge, false, true, "bridges, as brctl makes them" },
	{ "help", cmd_help, false, false, "list the commands" },
	{ "version", cmd_version, false, false, "print the version" },
};

int print_version(const char *name)
{
	printf("%s from nook %s\n", name, NOOK_VERSION);
	return EXIT_SUCCESS;
}

static void usage(FILE *out)
{
	fputs("Usage:\n nook <command> [options] [arguments]\n\n"
	      "Linux namespaces and containers in one program.\n\nCommands:\n",
	      out);
	for (size_t i = 0; i < ELEMENTSOF(verbs); i++)
		fprintf(out, " %-10s %s\n", verbs[i].name, verbs[i].summary);
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

static const struct verb *find_verb(const char *name)
{
	/* ip's longer names for its objects */
	if (streq(name, "address"))
		name = "addr";
	else if (streq(name, "neighbor") || streq(name, "neighbour"))
		name = "neigh";
	for (size_t i = 0; i < ELEMENTSOF(verbs); i++)
		if (streq(verbs[i].name, name))
			return &verbs[i];
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
	r = ip_parse_globals(&argc, &argv);
	if (r >= 0)
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
	r = ip_enter_netns();
	if (r >= 0)
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

int main(int argc, char *argv[])
{
	const char *base = strrchr(argv[0], '/');
	const struct verb *v;
	static char name[64];

	base = base ? base + 1 : argv[0];

	/* Multi-call: run as the tool the link is named after. */
	v = find_verb(base);
	if (v && v->multicall) {
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
		r = ip_parse_globals(&argc, &argv);
		if (r >= 0)
			return finish_stdout(r);
		v = argc > 0 ? find_verb(argv[0]) : NULL;
		if (!v || !v->ip) {
			fprintf(stderr,
				"nook: '%s' takes no ip options\nTry 'nook help' for more "
				"information.\n",
				argc > 0 ? argv[0] : "");
			return IP_EXIT_USAGE;
		}
		argc++, argv--;
	} else {
		v = find_verb(argv[1]);
	}
	if (!v) {
		fprintf(stderr,
			"nook: unknown command '%s'\nTry 'nook help' for more information.\n",
			argv[1]);
		return EXIT_FAILURE;
	}
	(void)snprintf(name, sizeof(name), "nook %s", v->name);
	log_set_program(name, name);
	if (v->ip)
		return finish_stdout(run_ip_verb(v, argc - 1, argv + 1));
	/* getopt prefixes its messages with argv[0]: make that "nook VERB". */
	argv[1] = name;
	return finish_stdout(v->fn(argc - 1, argv + 1));
}
