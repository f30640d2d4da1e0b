/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ip.h - what the iproute2-style commands (netns, link, addr, route, neigh,
 * bridge) share: ip's global options, its argument words and error lines,
 * and output that is text or JSON from the same calls, as ip's print_*()
 * family does.
 *
 * These commands speak iproute2's language, not util-linux's: messages have
 * no "nook:" prefix, a bad argument exits 255, a refusal by the kernel
 * exits 2, other failures exit 1.
 *
 * Every function of src/ip that may end the command keeps src/'s one
 * convention (nook.h): it returns the exit status once it has printed why,
 * or GO_ON to let the command go on.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "macro.h"
#include "nook.h"

struct inet_prefix;
struct mnl_socket;
struct error;

/* ip's exit statuses. */
#define IP_EXIT_FAIL 1	  /* a command failed: "Cannot find device" */
#define IP_EXIT_KERNEL 2  /* the kernel refused a request: "RTNETLINK answers: ..." */
#define IP_EXIT_USAGE 255 /* a bad word on the command line: exit(-1) in ip */

/* ip's NEXT_ARG(): on to a keyword's value, or "Command line is not complete". */
#define NEXT_ARG()                              \
	do {                                    \
		if (argc <= 1)                  \
			return ip_incomplete(); \
		argc--, argv++;                 \
	} while (0)

/* Global options: "nook -n NS -j link show", as "ip -n NS -j link show". */
struct ip_globals {
	const char *netns; /* -n/-netns: run in this namespace (name, path or PID) */
	int family;	   /* AF_UNSPEC, or -4/-6/-f */
	bool json;	   /* -j */
	bool pretty;	   /* -p */
	bool oneline;	   /* -o: a record per line */
	bool details;	   /* -d */
	bool all;	   /* -all: "netns delete/exec" on every name */
	bool brief;	   /* -br */
	bool force;	   /* -force */
	bool help;	   /* -help, --help: the command's usage, on stdout */
	int stats;	   /* -s, repeatable */
};
extern struct ip_globals ip_opts;

/* Parse ip's global options at the head of argv: GO_ON, or the exit status. */
int ip_globals_parse(int *argc, char ***argv);
/* Enter ip_opts.netns, if set: GO_ON, or the exit status. */
int ip_globals_enter_netns(void);
/* Open a route socket in the current namespace: GO_ON, or the exit status. */
int ip_open_route(struct mnl_socket **ret);

/* What "ip" alone prints: ip's usage, on stderr; returns IP_EXIT_USAGE, as ip exits. */
int ip_usage(void);
/* A word where ip wants its object: "Object \"WORD\" is unknown, try \"ip help\"."; 1. */
int ip_unknown_object(const char *word);

/* Whether @word is a prefix of @keyword, ip's matches(): "sh" is "show". */
bool ip_matches(const char *word, const char *keyword);

/*
 * The sub-verbs of a command ("ip link add", "ip route show" ...), a table in
 * ip's order: a word names the first entry it matches, so that "s" is what
 * it is to ip ("set" for link, "show" for route).
 */
struct ip_verb {
	const char *word;
	bool whole; /* only the whole word (strcmp); else any start of it (ip's matches()) */
	bool dflt;  /* what the command does with no verb ("show") */
	/* @word: as typed (NULL for the default); @argc/@argv: the words after it */
	int (*fn)(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		  char **argv);
	uint16_t type;	/* the request the verb sends: RTM_NEWLINK ...; 0 none */
	uint16_t flags; /* and its NLM_F_CREATE, NLM_F_EXCL ... */
};

const struct ip_verb *ip_verb_find(const struct ip_verb *verbs, size_t n, const char *word);
int ip_verb_run(const struct ip_verb *verbs, size_t n, struct mnl_socket *nl, const char *object,
		int argc, char **argv);

/* ip's error lines; each returns the exit status to return. */
int ip_err(int status, const char *fmt, ...) _printf_(2, 3);
int ip_invarg(const char *msg, const char *arg);
int ip_duparg(const char *key, const char *arg);
int ip_duparg2(const char *key, const char *arg);
int ip_missarg(const char *key);
int ip_incomplete(void);
int ip_nl_error(const struct error *e);
/* A word ip knows and nook does not do: "Option \"WORD\" is not supported by nook." */
int ip_unsupported(const char *word);
/* A dump that failed: the kernel's reason, then @what ("Dump terminated"); returns @status. */
int ip_dump_failed(int status, const struct error *e, const char *what);
/* A flush that found nothing (more) to delete after @rounds rounds: 0, after -s's line. */
int ip_flush_done(unsigned rounds);

/* iproute2's family_name_verbose(): "inet", "inet6", "link", "bridge"; "any valid" for none. */
const char *ip_family_name(int family);
/* ip's get_addr() and get_prefix(): GO_ON, or ip's message and the exit status. */
int ip_get_addr(struct inet_prefix *ret, const char *arg, int family);
int ip_get_prefix(struct inet_prefix *ret, const char *arg, int family);

/* Output: text through printf formats, or members of the JSON document. */
enum {
	PRINT_FP = 1,
	PRINT_JSON = 2,
	PRINT_ANY = PRINT_FP | PRINT_JSON,
};

void json_start(void);	/* with -j: begin the top-level array */
void json_finish(void); /* with -j: print the document */
void open_json_object(const char *key);
void close_json_object(void);
void open_json_array(int type, const char *key);
void close_json_array(int type, const char *text);
void print_string(int type, const char *key, const char *fmt, const char *value);
void print_uint(int type, const char *key, const char *fmt, unsigned value);	      /* "%u" */
void print_u64(int type, const char *key, const char *fmt, unsigned long long value); /* "%llu" */
void print_int(int type, const char *key, const char *fmt, int value);		      /* "%d" */
void print_bool(int type, const char *key, const char *fmt, bool value);
void print_null(int type, const char *key, const char *fmt, const char *text);
void print_text(const char *fmt, ...) _printf_(1, 2); /* text output only */
bool is_json(void);
void print_nl(void); /* end of a line within a record: "\" with -o */
