/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * runtime.c - the runtime's global options and its messages.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "nook.h"
#include "runtime.h"

struct runtime_globals rt = {
	.root = NULL,
	.log_format = RUNTIME_LOG_TEXT,
	.log_level = RUNTIME_LOG_ERROR,
};

static const char *const level_names[] = {
	[RUNTIME_LOG_ERROR] = "error",
	[RUNTIME_LOG_WARNING] = "warning",
	[RUNTIME_LOG_INFO] = "info",
	[RUNTIME_LOG_DEBUG] = "debug",
};

/* "2026-12-05T06:43:45.749540Z", as crun and runc stamp their JSON lines. */
static void stamp(char buf[static 40])
{
	struct timespec ts;
	struct tm tm;
	size_t n;

	(void)clock_gettime(CLOCK_REALTIME, &ts);
	(void)gmtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, 40, "%Y-%m-%dT%H:%M:%S", &tm);
	(void)snprintf(buf + n, 40 - n, ".%06uZ", (unsigned)(ts.tv_nsec / 1000 % 1000000));
}

/* @s as a JSON string's contents: quotes, backslashes and control bytes escaped. */
static void put_json_string(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
}

static void log_line(enum runtime_log_level level, const char *msg)
{
	char t[40];

	if (!rt.log)
		return;
	stamp(t);
	if (rt.log_format == RUNTIME_LOG_JSON) {
		fprintf(rt.log, "{\"level\":\"%s\",\"msg\":\"", level_names[level]);
		put_json_string(rt.log, msg);
		fprintf(rt.log, "\",\"time\":\"%s\"}\n", t);
	} else {
		fprintf(rt.log, "time=\"%s\" level=%s msg=\"", t, level_names[level]);
		put_json_string(rt.log, msg);
		fputs("\"\n", rt.log);
	}
	(void)fflush(rt.log);
}

/**
 * runtime_log() - a message for the --log file, at @level or above
 * @level: its level; written when --log-level (or --debug) lets it through
 * @fmt: printf format
 *
 * Warnings also go to stderr, as runc prints them; info and debug only to
 * the log.
 */
void runtime_log(enum runtime_log_level level, const char *fmt, ...)
{
	char msg[ERROR_MSG_MAX + ERROR_REASON_MAX];
	va_list ap;

	if (level > rt.log_level)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_line(level, msg);
	if (level == RUNTIME_LOG_WARNING)
		fprintf(stderr, "%s: warning: %s\n", RUNTIME_NAME, msg);
}

/**
 * runtime_fail() - report a failure once: a plain line on stderr, a line in the log
 * @e: what failed
 *
 * Return: EXIT_FAILURE, the runtime's status for every failure.
 */
int runtime_fail(const struct error *e)
{
	char msg[ERROR_MSG_MAX + ERROR_REASON_MAX];

	(void)error_format(e, msg, sizeof(msg));
	(void)fflush(stdout);
	fprintf(stderr, "%s: %s\n", RUNTIME_NAME, msg);
	log_line(RUNTIME_LOG_ERROR, msg);
	return EXIT_FAILURE;
}

/**
 * runtime_failf() - runtime_fail() with a message made here
 * @fmt: the whole line
 *
 * Return: EXIT_FAILURE.
 */
int runtime_failf(const char *fmt, ...)
{
	struct error e = ERROR_INIT;
	va_list ap;

	va_start(ap, fmt);
	(void)error_setv(&e, -EINVAL, fmt, ap);
	va_end(ap);
	e.flags |= ERROR_MSG_WHOLE;
	return runtime_fail(&e);
}

/**
 * runtime_usage_error() - a bad command line: the line, and where to look
 * @fmt: what is wrong
 *
 * Return: EXIT_FAILURE.
 */
int runtime_usage_error(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(void)fflush(stdout);
	fprintf(stderr, "%s: %s\nTry '%s --help' for more information.\n", RUNTIME_NAME, msg,
		RUNTIME_NAME);
	log_line(RUNTIME_LOG_ERROR, msg);
	return EXIT_FAILURE;
}

enum {
	OPT_ROOT = 0x100,
	OPT_LOG,
	OPT_LOG_FORMAT,
	OPT_LOG_LEVEL,
	OPT_DEBUG,
	OPT_SYSTEMD_CGROUP,
	OPT_CGROUP_MANAGER,
	OPT_ROOTLESS,
	OPT_CRIU,
};

static const struct option global_options[] = {
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "log-format", required_argument, NULL, OPT_LOG_FORMAT },
	{ "log-level", required_argument, NULL, OPT_LOG_LEVEL },
	{ "debug", no_argument, NULL, OPT_DEBUG },
	{ "systemd-cgroup", no_argument, NULL, OPT_SYSTEMD_CGROUP },
	{ "cgroup-manager", required_argument, NULL, OPT_CGROUP_MANAGER },
	{ "rootless", required_argument, NULL, OPT_ROOTLESS },
	{ "criu", required_argument, NULL, OPT_CRIU },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'v' },
	{},
};

static int pick(const char *what, const char *arg, const char *const *words, size_t n, int *ret)
{
	for (size_t i = 0; i < n; i++)
		if (words[i] && streq(arg, words[i])) {
			*ret = (int)i;
			return GO_ON;
		}
	return runtime_usage_error("invalid %s '%s'", what, arg);
}

/* The state root for a caller without privilege: where rootless podman keeps its runtimes'. */
static const char *default_root(void)
{
	static char buf[256];
	const char *xdg = getenv("XDG_RUNTIME_DIR");

	if (geteuid() == 0 || !xdg || !*xdg || xdg[0] != '/')
		return "/run/nook";
	if ((size_t)snprintf(buf, sizeof(buf), "%s/nook", xdg) >= sizeof(buf))
		return "/run/nook";
	return buf;
}

/**
 * runtime_parse_globals() - the options before the verb
 * @argc: in: all of argv; out: what is left, the verb first
 * @argv: likewise
 *
 * --help and --version end the parsing with rt.help or rt.version set, for
 * the caller to print.
 *
 * Return: GO_ON, or the exit status after the error's line.
 */
int runtime_parse_globals(int *argc, char ***argv)
{
	static const char *const formats[] = {
		[RUNTIME_LOG_TEXT] = "text", [RUNTIME_LOG_JSON] = "json"
	};
	static const char *const managers[] = { [RUNTIME_CGROUP_CGROUPFS] = "cgroupfs",
						[RUNTIME_CGROUP_SYSTEMD] = "systemd",
						[RUNTIME_CGROUP_DISABLED] = "disabled" };
	static const char *const rootless[] = { [RUNTIME_ROOTLESS_AUTO] = "auto",
						[RUNTIME_ROOTLESS_TRUE] = "true",
						[RUNTIME_ROOTLESS_FALSE] = "false" };
	int c, v = 0, r;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(*argc, *argv, "+hvV", global_options, NULL)) != -1) {
		r = GO_ON;
		switch (c) {
		case OPT_ROOT:
			if (!*optarg)
				return runtime_usage_error("--root must not be empty");
			rt.root = optarg;
			break;
		case OPT_LOG:
			rt.log_path = optarg;
			break;
		case OPT_LOG_FORMAT:
			r = pick("--log-format", optarg, formats, ELEMENTSOF(formats), &v);
			rt.log_format = v;
			break;
		case OPT_LOG_LEVEL:
			r = pick("--log-level", optarg, level_names, ELEMENTSOF(level_names), &v);
			if (r == GO_ON)
				rt.log_level = v;
			else if (streq(optarg, "warn"))
				rt.log_level = RUNTIME_LOG_WARNING, r = GO_ON;
			break;
		case OPT_DEBUG:
			rt.log_level = RUNTIME_LOG_DEBUG;
			break;
		case OPT_SYSTEMD_CGROUP:
			rt.cgroup_manager = RUNTIME_CGROUP_SYSTEMD;
			break;
		case OPT_CGROUP_MANAGER:
			r = pick("--cgroup-manager", optarg, managers, ELEMENTSOF(managers), &v);
			rt.cgroup_manager = v;
			break;
		case OPT_ROOTLESS:
			r = pick("--rootless", optarg, rootless, ELEMENTSOF(rootless), &v);
			rt.rootless = v;
			break;
		case OPT_CRIU:
			break; /* runc's; there is no checkpointing */
		case 'h':
			rt.help = true;
			return GO_ON;
		case 'v':
		case 'V':
			rt.version = true;
			return GO_ON;
		default:
			return runtime_usage_error("unknown global option '%s'",
						   (*argv)[optind - 1]);
		}
		if (r != GO_ON)
			return r;
	}
	if (!rt.root)
		rt.root = default_root();
	if (rt.log_path) {
		int fd = open(rt.log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);

		if (fd < 0 || !(rt.log = fdopen(fd, "a"))) {
			int err = errno;

			if (fd >= 0)
				close(fd);
			return runtime_failf("cannot open log file '%s': %s", rt.log_path,
					     strerror(err));
		}
	}
	*argc -= optind;
	*argv += optind;
	return GO_ON;
}
