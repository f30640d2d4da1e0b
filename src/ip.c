/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dlib.h"
#include "ip.h"
#include "netns.h"
#include "nl.h"

struct ip_opts ip_opts = { .family = AF_UNSPEC };

bool ip_matches(const char *word, const char *keyword)
{
	size_t n = strlen(word);

	return n > 0 && n <= strlen(keyword) && strncmp(word, keyword, n) == 0;
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

int ip_duparg(const char *key, const char *arg)
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
int ip_nl_error(const struct nl_err *e)
{
	if (e->msg[0])
		return ip_err(IP_EXIT_KERNEL, "Error: %s.", e->msg);
	return ip_err(IP_EXIT_KERNEL, "RTNETLINK answers: %s", strerror(-e->err));
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
 * to ip: "-n" is -netns, "-h" -human, "-a" -all.  Options that only change
 * how ip formats numbers or colours are taken and have no effect; options for
 * features nook lacks (batch files, loops, timestamps) are refused by name.
 *
 * Return: -1 to go on, or the exit status.
 */
int ip_parse_globals(int *argc, char ***argv)
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
		} else if (ip_matches(opt, "-resolve")) {
			/* addresses are printed as numbers */
		} else if (ip_matches(opt, "-oneline")) {
			ip_opts.oneline = true;
		} else if (ip_matches(opt, "-Version")) {
			printf("ip utility, nook-%s\n", NOOK_VERSION);
			return 0;
		} else if (ip_matches(opt, "-force")) {
			ip_opts.force = true;
		} else if (ip_matches(opt, "-color") || ip_matches(opt, "-Numeric")) {
			/* no colours; numbers stay numbers */
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
		} else if (ip_matches(opt, "-brief")) {
			ip_opts.brief = true;
		} else if (ip_matches(opt, "-loops") || ip_matches(opt, "-timestamp") ||
			   ip_matches(opt, "-tshort") || ip_matches(opt, "-batch") ||
			   ip_matches(opt, "-rcvbuf") || streq(opt, "-M") || streq(opt, "-B") ||
			   streq(opt, "-echo")) {
			return ip_err(IP_EXIT_USAGE, "Option \"%s\" is not supported by nook.",
				      (*argv)[0]);
		} else {
			return ip_err(IP_EXIT_USAGE, "Option \"%s\" is unknown, try \"ip -help\".",
				      (*argv)[0]);
		}
		(*argc)--, (*argv)++;
	}
	return -1;
}

/**
 * ip_enter_netns() - run the rest of the command in ip_opts.netns
 *
 * Only the network namespace changes (iproute2 also makes a mount namespace
 * with /sys remounted, which "netns exec" does and netlink does not need).
 *
 * Return: -1 to go on, or IP_EXIT_USAGE after ip's message.
 */
int ip_enter_netns(void)
{
	_cleanup_close_ int fd = -EBADF;
	const char *ns = ip_opts.netns;

	if (!ns)
		return -1;
	fd = netns_open(ns);
	if (fd < 0)
		return ip_err(IP_EXIT_USAGE, "Cannot open network namespace \"%s\": %s", ns,
			      strerror(fd == -EINVAL ? ENOENT : -fd));
	if (setns(fd, CLONE_NEWNET) < 0)
		return ip_err(IP_EXIT_USAGE, "setting the network namespace \"%s\" failed: %s", ns,
			      strerror(errno));
	ip_opts.netns = NULL;
	return -1;
}

int ip_open_route(struct mnl_socket **ret)
{
	int r = nl_open_route(ret);

	if (r == -EOPNOTSUPP && dlib_error()[0])
		return ip_err(IP_EXIT_FAIL, "Cannot load libmnl: %s", dlib_error());
	if (r < 0)
		return ip_err(IP_EXIT_FAIL, "Cannot open netlink socket: %s", strerror(-r));
	return 0;
}

/*
 * Output.  With -j every print_*() call adds a member to the JSON object
 * being built (a stack of open objects and arrays); otherwise the calls with
 * PRINT_FP print their value through their format.  The formats are the
 * callers' string literals, one value each, so -Wformat-nonliteral has
 * nothing to check here that the callers' tests do not.
 */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

#define JSON_DEPTH_MAX 16
static struct json_object *json_stack[JSON_DEPTH_MAX];
static bool json_is_array[JSON_DEPTH_MAX];
static unsigned json_depth;

bool is_json(void)
{
	return ip_opts.json;
}

int json_start(void)
{
	int r;

	if (!ip_opts.json)
		return 0;
	r = dlib_load_jsonc();
	if (r < 0)
		return ip_err(IP_EXIT_FAIL, "Cannot load json-c: %s", dlib_error());
	json_stack[0] = sym_json_object_new_array();
	if (!json_stack[0])
		return ip_err(IP_EXIT_FAIL, "Cannot allocate memory");
	json_is_array[0] = true;
	json_depth = 1;
	return 0;
}

int json_finish(void)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE;

	if (!ip_opts.json || json_depth == 0)
		return 0;
	flags |= ip_opts.pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED
				: JSON_C_TO_STRING_PLAIN;
	puts(sym_json_object_to_json_string_ext(json_stack[0], flags));
	sym_json_object_put(json_stack[0]);
	json_depth = 0;
	return 0;
}

/* Add @v to the innermost open object (as @key) or array; takes @v. */
static void json_add(const char *key, struct json_object *v)
{
	struct json_object *top;

	if (json_depth == 0) {
		sym_json_object_put(v);
		return;
	}
	top = json_stack[json_depth - 1];
	if (json_is_array[json_depth - 1])
		(void)sym_json_object_array_add(top, v);
	else
		(void)sym_json_object_object_add(top, key ? key : "", v);
}

static void json_push(const char *key, struct json_object *v, bool array)
{
	if (json_depth >= JSON_DEPTH_MAX) {
		sym_json_object_put(v);
		return;
	}
	json_add(key, v);
	json_stack[json_depth] = v;
	json_is_array[json_depth++] = array;
}

void open_json_object(const char *key)
{
	if (ip_opts.json)
		json_push(key, sym_json_object_new_object(), false);
}

void close_json_object(void)
{
	if (ip_opts.json && json_depth > 1)
		json_depth--;
}

void open_json_array(int type, const char *key)
{
	if (ip_opts.json && (type & PRINT_JSON))
		json_push(key, sym_json_object_new_array(), true);
	else if (!ip_opts.json && (type & PRINT_FP) && key)
		fputs(key, stdout);
}

void close_json_array(int type, const char *text)
{
	if (ip_opts.json && (type & PRINT_JSON)) {
		if (json_depth > 1)
			json_depth--;
	} else if (!ip_opts.json && (type & PRINT_FP) && text) {
		fputs(text, stdout);
	}
}

void print_string(int type, const char *key, const char *fmt, const char *value)
{
	if (ip_opts.json && (type & PRINT_JSON))
		json_add(key, value ? sym_json_object_new_string(value) : NULL);
	else if (!ip_opts.json && (type & PRINT_FP))
		printf(fmt, value);
}

void print_uint(int type, const char *key, const char *fmt, unsigned value)
{
	if (ip_opts.json && (type & PRINT_JSON))
		json_add(key, sym_json_object_new_uint64(value));
	else if (!ip_opts.json && (type & PRINT_FP))
		printf(fmt, value);
}

void print_u64(int type, const char *key, const char *fmt, unsigned long long value)
{
	if (ip_opts.json && (type & PRINT_JSON))
		json_add(key, sym_json_object_new_uint64(value));
	else if (!ip_opts.json && (type & PRINT_FP))
		printf(fmt, value);
}

void print_int(int type, const char *key, const char *fmt, int value)
{
	if (ip_opts.json && (type & PRINT_JSON))
		json_add(key, sym_json_object_new_int64(value));
	else if (!ip_opts.json && (type & PRINT_FP))
		printf(fmt, value);
}

void print_bool(int type, const char *key, const char *fmt, bool value)
{
	if (ip_opts.json && (type & PRINT_JSON))
		json_add(key, sym_json_object_new_boolean(value));
	else if (!ip_opts.json && (type & PRINT_FP))
		printf(fmt, value ? "true" : "false");
}

void print_null(int type, const char *key, const char *fmt, const char *text)
{
	if (ip_opts.json && (type & PRINT_JSON))
		json_add(key, NULL);
	else if (!ip_opts.json && (type & PRINT_FP))
		printf(fmt, text);
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
