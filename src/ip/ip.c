/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <assert.h>
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dlib.h"
#include "inet.h"
#include "ip.h"
#include "netns.h"
#include "nl.h"

struct ip_globals ip_opts = { .family = AF_UNSPEC };

bool ip_matches(const char *word, const char *keyword)
{
	size_t n = strlen(word);

	return n > 0 && n <= strlen(keyword) && strncmp(word, keyword, n) == 0;
}

/**
 * ip_verb_find() - the entry of a sub-verb table that @word names
 * @verbs: the table, in ip's order
 * @n: its entries
 * @word: as typed
 *
 * Return: the first entry @word matches, or NULL.
 */
const struct ip_verb *ip_verb_find(const struct ip_verb *verbs, size_t n, const char *word)
{
	for (size_t i = 0; i < n; i++)
		if (verbs[i].whole ? streq(word, verbs[i].word) : ip_matches(word, verbs[i].word))
			return &verbs[i];
	return NULL;
}

/**
 * ip_verb_run() - run the sub-verb at argv[0], or the default one with none
 * @verbs: the table, in ip's order
 * @n: its entries
 * @nl: for the handlers: the route socket of commands that open it first; may be NULL
 * @object: ip's name of the command ("link", "address"), for its message of an unknown verb
 * @argc: the words after the command's own
 * @argv: the words after the command's own
 *
 * Return: the handler's exit status, or ip's for an unknown verb.
 */
int ip_verb_run(const struct ip_verb *verbs, size_t n, struct mnl_socket *nl, const char *object,
		int argc, char **argv)
{
	const struct ip_verb *v = NULL;

	if (argc < 1) {
		for (size_t i = 0; i < n && !v; i++)
			if (verbs[i].dflt)
				v = &verbs[i];
		assert(v);
		return v->fn(nl, v, NULL, 0, argv);
	}
	v = ip_verb_find(verbs, n, argv[0]);
	if (!v)
		return ip_err(IP_EXIT_USAGE, "Command \"%s\" is unknown, try \"ip %s help\".",
			      argv[0], object);
	return v->fn(nl, v, argv[0], argc - 1, argv + 1);
}

int ip_err(int status, const char *fmt, ...)
{
	va_list ap;

	(void)fflush(stdout);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

/* @msg as iproute2 words it, with its own "\n" where ip's has one (a blank line follows). */
int ip_invarg(const char *msg, const char *arg)
{
	return ip_err(IP_EXIT_USAGE, "Error: argument \"%s\" is wrong: %s", arg, msg);
}

/* A keyword given twice ("mtu 1 mtu 2"): iproute2's duparg(). */
int ip_duparg(const char *key, const char *arg)
{
	return ip_err(IP_EXIT_USAGE, "Error: duplicate \"%s\": \"%s\" is the second value.", key,
		      arg);
}

/* A second value where one was taken ("dev lo lo"): iproute2's duparg2(). */
int ip_duparg2(const char *key, const char *arg)
{
	return ip_err(IP_EXIT_USAGE, "Error: either \"%s\" is duplicate, or \"%s\" is a garbage.",
		      key, arg);
}

int ip_missarg(const char *key)
{
	return ip_err(IP_EXIT_USAGE, "Error: argument \"%s\" is required", key);
}

int ip_incomplete(void)
{
	return ip_err(IP_EXIT_USAGE, "Command line is not complete. Try option \"help\"");
}

/**
 * ip_nl_error() - the line ip prints when the kernel refuses a request
 * @e: from nl_talk()
 *
 * "Error: REASON." when the kernel gave an extended ACK message, else
 * "RTNETLINK answers: STRERROR".
 *
 * Return: IP_EXIT_KERNEL.
 */
int ip_nl_error(const struct error *e)
{
	if (e->reason[0])
		return ip_err(IP_EXIT_KERNEL, "Error: %s.", e->reason);
	return ip_err(IP_EXIT_KERNEL, "RTNETLINK answers: %s", strerror(-e->code));
}

int ip_unsupported(const char *word)
{
	return ip_err(IP_EXIT_USAGE, "Option \"%s\" is not supported by nook.", word);
}

/* A failed dump: the kernel's reason (none for ENOENT and EOPNOTSUPP), then @what ("Dump
 * terminated").  With -j, the array begun by json_start() stays open, as ip leaves it. */
int ip_dump_failed(int status, const struct error *e, const char *what)
{
	if (e->reason[0])
		(void)ip_err(status, "Error: %s.", e->reason);
	else if (e->code != -ENOENT && e->code != -EOPNOTSUPP)
		(void)ip_err(status, "RTNETLINK answers: %s", strerror(-e->code));
	return ip_err(status, "%s", what);
}

/* ip's flush loop, once a round found nothing to delete: what -s prints then.  Returns 0. */
int ip_flush_done(unsigned rounds)
{
	if (ip_opts.stats) {
		if (rounds == 0)
			printf("Nothing to flush.\n");
		else
			printf("*** Flush is complete after %u round%s ***\n", rounds,
			       rounds > 1 ? "s" : "");
	}
	return 0;
}

const char *ip_family_name(int family)
{
	switch (family) {
	case AF_UNSPEC:
		return "any valid";
	case AF_INET:
		return "inet";
	case AF_INET6:
		return "inet6";
	case AF_PACKET:
		return "link";
	case AF_BRIDGE:
		return "bridge";
	default:
		return "???";
	}
}

int ip_get_addr(struct inet_prefix *ret, const char *arg, int family)
{
	if (inet_addr_parse(arg, family, ret) < 0)
		return ip_err(IP_EXIT_FAIL, "Error: %s address is expected rather than \"%s\".",
			      ip_family_name(family), arg);
	return GO_ON;
}

/* "default" keeps @family, AF_UNSPEC too (the kernel then refuses it, as it refuses ip) */
int ip_get_prefix(struct inet_prefix *ret, const char *arg, int family)
{
	if (family == AF_PACKET)
		return ip_err(
			IP_EXIT_FAIL,
			"Error: \"%s\" may be inet prefix, but it is not allowed in this context.",
			arg);
	if (inet_prefix_parse(arg, family, ret) < 0)
		return ip_err(IP_EXIT_FAIL, "Error: %s prefix is expected rather than \"%s\".",
			      ip_family_name(family), arg);
	return GO_ON;
}

static int parse_family(const char *s)
{
	if (streq(s, "inet") || streq(s, "ipv4"))
		return AF_INET;
	if (streq(s, "inet6") || streq(s, "ipv6"))
		return AF_INET6;
	if (streq(s, "link"))
		return AF_PACKET;
	if (streq(s, "bridge"))
		return AF_BRIDGE;
	return -1;
}

/**
 * ip_parse_globals() - ip's options before the object word
 * @argc: in and out; on return the object word (or nothing) is first
 * @argv: in and out
 *
 * Words are tried in ip's order, so that an abbreviation means what it means
 * to ip: "-n" is -netns, "-h" -human, "-a" -all.  -human and -iec, which
 * only change statistics nook does not print, are taken and have no effect;
 * options for what nook lacks (batch files, loops, timestamps, name
 * resolution, colours, numeric names) are refused by name.
 *
 * Return: GO_ON, or the exit status.
 */
int ip_globals_parse(int *argc, char ***argv)
{
	while (*argc > 0 && (*argv)[0][0] == '-') {
		const char *opt = (*argv)[0];

		if (streq(opt, "--")) {
			(*argc)--, (*argv)++;
			break;
		}
		if (opt[1] == '-')
			opt++;
		if (ip_matches(opt, "-family")) {
			if (*argc < 2)
				return ip_incomplete();
			(*argc)--, (*argv)++;
			ip_opts.family = parse_family((*argv)[0]);
			if (ip_opts.family < 0)
				return ip_invarg("invalid protocol family", (*argv)[0]);
		} else if (streq(opt, "-4")) {
			ip_opts.family = AF_INET;
		} else if (streq(opt, "-6")) {
			ip_opts.family = AF_INET6;
		} else if (streq(opt, "-0")) {
			ip_opts.family = AF_PACKET;
		} else if (ip_matches(opt, "-human") || ip_matches(opt, "-human-readable") ||
			   ip_matches(opt, "-iec")) {
			/* numbers are printed as they are */
		} else if (ip_matches(opt, "-stats") || ip_matches(opt, "-statistics")) {
			ip_opts.stats++;
		} else if (ip_matches(opt, "-details")) {
			ip_opts.details = true;
		} else if (ip_matches(opt, "-oneline")) {
			ip_opts.oneline = true;
		} else if (ip_matches(opt, "-Version")) {
			printf("ip utility, nook-%s\n", NOOK_VERSION);
			return 0;
		} else if (ip_matches(opt, "-force")) {
			ip_opts.force = true;
		} else if (ip_matches(opt, "-help")) {
			/* "-h" is -human, as in ip; "-he", "-help" and "--help" ask for help */
			ip_opts.help = true;
			(*argc)--, (*argv)++;
			break;
		} else if (ip_matches(opt, "-netns")) {
			if (*argc < 2)
				return ip_incomplete();
			(*argc)--, (*argv)++;
			ip_opts.netns = (*argv)[0];
		} else if (ip_matches(opt, "-all")) {
			ip_opts.all = true;
		} else if (ip_matches(opt, "-json")) {
			ip_opts.json = true;
		} else if (ip_matches(opt, "-pretty")) {
			ip_opts.pretty = true;
		} else if (!ip_matches(opt, "-batch") && ip_matches(opt, "-brief")) {
			/* "-b" is -batch to ip, which tries it first */
			ip_opts.brief = true;
		} else if (ip_matches(opt, "-loops") || ip_matches(opt, "-timestamp") ||
			   ip_matches(opt, "-tshort") || ip_matches(opt, "-batch") ||
			   ip_matches(opt, "-rcvbuf") || ip_matches(opt, "-resolve") ||
			   ip_matches(opt, "-color") || ip_matches(opt, "-Numeric") ||
			   streq(opt, "-M") || streq(opt, "-B") || streq(opt, "-echo")) {
			return ip_unsupported((*argv)[0]);
		} else {
			return ip_err(IP_EXIT_USAGE, "Option \"%s\" is unknown, try \"ip -help\".",
				      (*argv)[0]);
		}
		(*argc)--, (*argv)++;
	}
	return GO_ON;
}

/**
 * ip_enter_netns() - run the rest of the command in ip_opts.netns
 *
 * Only the network namespace changes (iproute2 also makes a mount namespace
 * with /sys remounted, which "netns exec" does and netlink does not need).
 *
 * Return: GO_ON, or IP_EXIT_USAGE after ip's message.
 */
int ip_globals_enter_netns(void)
{
	_cleanup_close_ int fd = -EBADF;
	const char *ns = ip_opts.netns;

	if (!ns)
		return GO_ON;
	fd = netns_open(ns);
	if (fd < 0)
		return ip_err(IP_EXIT_USAGE, "Cannot open network namespace \"%s\": %s", ns,
			      strerror(fd == -EINVAL ? ENOENT : -fd));
	if (setns(fd, CLONE_NEWNET) < 0)
		return ip_err(IP_EXIT_USAGE, "setting the network namespace \"%s\" failed: %s", ns,
			      strerror(errno));
	ip_opts.netns = NULL;
	return GO_ON;
}

int ip_open_route(struct mnl_socket **ret)
{
	int r = nl_open_route(ret);

	if (r == -EOPNOTSUPP && dlib_error()[0])
		return ip_err(IP_EXIT_FAIL, "Cannot load libmnl: %s", dlib_error());
	if (r < 0)
		return ip_err(IP_EXIT_FAIL, "Cannot open netlink socket: %s", strerror(-r));
	return GO_ON;
}

/**
 * ip_usage() - what "ip" prints without an object, and "ip help"
 *
 * ip's usage() in its words and layout, with the objects and options that
 * nook takes: "nook -j" alone is "ip -j" alone.
 *
 * Return: IP_EXIT_USAGE, ip's exit(-1).
 */
int ip_usage(void)
{
	(void)fflush(stdout);
	fputs("Usage: nook [ OPTIONS ] OBJECT { COMMAND | help }\n"
	      "where  OBJECT := { address | bridge | help | link | neighbor | neighbour |\n"
	      "                   netns | route }\n"
	      "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |\n"
	      "                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n"
	      "                    -f[amily] { inet | inet6 | bridge | link } |\n"
	      "                    -4 | -6 | -0 | -br[ief] | -o[neline] |\n"
	      "                    -force | -n[etns] name | -a[ll] }\n",
	      stderr);
	return IP_EXIT_USAGE;
}

/**
 * ip_unknown_object() - ip's words for an object it does not know ("ip -j bogus")
 * @word: the word
 *
 * Return: 1, ip's EXIT_FAILURE for it.
 */
int ip_unknown_object(const char *word)
{
	return ip_err(IP_EXIT_FAIL, "Object \"%s\" is unknown, try \"nook help\".", word);
}

/*
 * Output.  With -j the print_*() calls write JSON as they go, the way
 * iproute2's json_writer does, so that "-j" and "-j -p" come out byte for
 * byte as ip's (a tree built first and printed at the end cost 1.6x ip's
 * time for 1000 links); otherwise the calls with PRINT_FP print their value
 * through their format.  The formats are the callers' string literals, one
 * value each, so -Wformat-nonliteral has nothing to check here that the
 * callers' tests do not.
 */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

static unsigned json_depth;
/* What comes before the next value: ',' after a value, '\0' at the start of a
 * container or right after a key. */
static char json_sep;

bool is_json(void)
{
	return ip_opts.json;
}

static void json_newline(void)
{
	if (!ip_opts.pretty)
		return;
	putchar('\n');
	for (unsigned i = 0; i < json_depth; i++)
		fputs("    ", stdout);
}

/* Before a value or key: the separator the last one left. */
static void json_sep_out(void)
{
	if (json_sep)
		putchar(json_sep);
	json_sep = ',';
}

static void json_puts(const char *str)
{
	putchar('"');
	for (const unsigned char *c = (const unsigned char *)str; *c; c++) {
		switch (*c) {
		case '\t':
			fputs("\\t", stdout);
			break;
		case '\n':
			fputs("\\n", stdout);
			break;
		case '\r':
			fputs("\\r", stdout);
			break;
		case '\f':
			fputs("\\f", stdout);
			break;
		case '\b':
			fputs("\\b", stdout);
			break;
		case '\\':
			fputs("\\\\", stdout);
			break;
		case '"':
			fputs("\\\"", stdout);
			break;
		default:
			if (*c < 0x20)
				printf("\\u%04x", *c);
			else
				putchar(*c);
		}
	}
	putchar('"');
}

/* A key inside an object; nothing inside an array (@key NULL). */
static void json_key(const char *key)
{
	if (!key)
		return;
	json_sep_out();
	json_newline();
	json_sep = '\0';
	json_puts(key);
	putchar(':');
	if (ip_opts.pretty)
		putchar(' ');
}

static void json_begin(const char *key, char c)
{
	json_key(key);
	json_sep_out();
	putchar(c);
	json_depth++;
	json_sep = '\0';
}

static void json_end(char c)
{
	if (json_depth == 0)
		return;
	json_depth--;
	if (json_sep)
		json_newline();
	putchar(c);
	json_sep = ',';
}

static void json_begin_array(const char *key)
{
	json_begin(key, '[');
	if (ip_opts.pretty)
		putchar(' ');
}

static void json_end_array(void)
{
	if (ip_opts.pretty && json_sep)
		putchar(' ');
	json_sep = '\0';
	json_end(']');
}

void json_start(void)
{
	if (!ip_opts.json)
		return;
	json_depth = 0;
	json_sep = '\0';
	json_begin_array(NULL);
}

void json_finish(void)
{
	if (!ip_opts.json || json_depth == 0)
		return;
	while (json_depth > 1)
		json_end('}');
	json_end_array();
	putchar('\n');
}

void open_json_object(const char *key)
{
	if (ip_opts.json)
		json_begin(key, '{');
}

void close_json_object(void)
{
	if (ip_opts.json && json_depth > 1)
		json_end('}');
}

void open_json_array(int type, const char *key)
{
	if (ip_opts.json && (type & PRINT_JSON))
		json_begin_array(key);
	else if (!ip_opts.json && (type & PRINT_FP) && key)
		fputs(key, stdout);
}

void close_json_array(int type, const char *text)
{
	if (ip_opts.json && (type & PRINT_JSON)) {
		if (json_depth > 1)
			json_end_array();
	} else if (!ip_opts.json && (type & PRINT_FP) && text) {
		fputs(text, stdout);
	}
}

/* A JSON value: its key (in an object), then what @fmt makes of the rest. */
static void json_value(const char *key)
{
	json_key(key);
	json_sep_out();
}

void print_string(int type, const char *key, const char *fmt, const char *value)
{
	if (ip_opts.json && (type & PRINT_JSON)) {
		json_value(key);
		if (value)
			json_puts(value);
		else
			fputs("null", stdout);
	} else if (!ip_opts.json && (type & PRINT_FP)) {
		printf(fmt, value);
	}
}

void print_uint(int type, const char *key, const char *fmt, unsigned value)
{
	if (ip_opts.json && (type & PRINT_JSON)) {
		json_value(key);
		printf("%u", value);
	} else if (!ip_opts.json && (type & PRINT_FP)) {
		printf(fmt, value);
	}
}

void print_u64(int type, const char *key, const char *fmt, unsigned long long value)
{
	if (ip_opts.json && (type & PRINT_JSON)) {
		json_value(key);
		printf("%llu", value);
	} else if (!ip_opts.json && (type & PRINT_FP)) {
		printf(fmt, value);
	}
}

void print_int(int type, const char *key, const char *fmt, int value)
{
	if (ip_opts.json && (type & PRINT_JSON)) {
		json_value(key);
		printf("%d", value);
	} else if (!ip_opts.json && (type & PRINT_FP)) {
		printf(fmt, value);
	}
}

void print_bool(int type, const char *key, const char *fmt, bool value)
{
	if (ip_opts.json && (type & PRINT_JSON)) {
		json_value(key);
		fputs(value ? "true" : "false", stdout);
	} else if (!ip_opts.json && (type & PRINT_FP)) {
		printf(fmt, value ? "true" : "false");
	}
}

void print_null(int type, const char *key, const char *fmt, const char *text)
{
	if (ip_opts.json && (type & PRINT_JSON)) {
		json_value(key);
		fputs("null", stdout);
	} else if (!ip_opts.json && (type & PRINT_FP)) {
		printf(fmt, text);
	}
}

void print_text(const char *fmt, ...)
{
	va_list ap;

	if (ip_opts.json)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void print_nl(void)
{
	if (!ip_opts.json)
		fputs(ip_opts.oneline ? "\\" : "\n", stdout);
}
