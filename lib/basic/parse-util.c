/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "macro.h"
#include "parse-util.h"

/*
 * The one core of the number parsers: strtoull() or strtoll() in @base over
 * the whole of @s.  @strict (nook's own numbers) wants a digit first, after
 * an optional sign where @sign allows one; otherwise (iproute2's get_u32(),
 * get_integer()) whatever strto*() takes may start it, blanks and a '-' that
 * wraps an unsigned number too, as ip reads its arguments.
 */
static int parse_whole(const char *s, int base, bool sign, bool strict, uint64_t *ret_u,
		       int64_t *ret_i)
{
	const char *p = s;
	char *end;

	if (!s || !*s)
		return -EINVAL;
	if (strict) {
		if (sign && (*p == '-' || *p == '+'))
			p++;
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
	}
	errno = 0;
	if (sign)
		*ret_i = strtoll(s, &end, base);
	else
		*ret_u = strtoull(s, &end, base);
	if (errno == ERANGE)
		return -ERANGE;
	if (end == s || *end != '\0')
		return -EINVAL;
	return 0;
}

/**
 * parse_u64() - parse a whole string as an unsigned decimal number
 * @s: the text; no sign, no blanks, no trailing characters
 * @ret: the value
 *
 * Return: 0, -EINVAL for a malformed string, -ERANGE when it does not fit.
 */
int parse_u64(const char *s, uint64_t *ret)
{
	uint64_t v;
	int r = parse_whole(s, 10, false, true, &v, NULL);

	if (r < 0)
		return r;
	*ret = v;
	return 0;
}

/**
 * parse_u32() - like parse_u64(), for a 32-bit value
 * @s: the text
 * @ret: the value
 *
 * Return: 0, -EINVAL or -ERANGE.
 */
int parse_u32(const char *s, uint32_t *ret)
{
	uint64_t v;
	int r = parse_u64(s, &v);

	if (r < 0)
		return r;
	if (v > UINT32_MAX)
		return -ERANGE;
	*ret = (uint32_t)v;
	return 0;
}

/**
 * parse_i64() - parse a whole string as a signed decimal number
 * @s: the text, with an optional leading '-' or '+'
 * @ret: the value
 *
 * Return: 0, -EINVAL or -ERANGE.
 */
int parse_i64(const char *s, int64_t *ret)
{
	int64_t v;
	int r = parse_whole(s, 10, true, true, NULL, &v);

	if (r < 0)
		return r;
	*ret = v;
	return 0;
}

/**
 * parse_ip_unsigned() - a number as iproute2's get_u32(), get_u16() and get_u8() read it
 * @s: the word: decimal, "0x" hex or "0" octal (strtoul() with base 0), all of it
 * @max: the largest value the word may have (UINT32_MAX, 0xffff, 255 ...)
 * @ret: the value
 *
 * Kept as ip has it for scripts that depend on it: leading blanks are
 * skipped and a '-' negates in unsigned arithmetic, so "-1" is too big and
 * " 7" is 7.
 *
 * Return: 0, -EINVAL for a malformed word, -ERANGE for a value above @max.
 */
int parse_ip_unsigned(const char *s, uint64_t max, uint64_t *ret)
{
	uint64_t v;
	int r = parse_whole(s, 0, false, false, &v, NULL);

	if (r < 0)
		return r;
	if (v > max)
		return -ERANGE;
	*ret = v;
	return 0;
}

/**
 * parse_ip_integer() - a number as iproute2's get_integer() reads it
 * @s: the word: strtol() with base 0, all of it
 * @ret: the value, within int
 *
 * Return: 0, -EINVAL for a malformed word, -ERANGE for one outside int.
 */
int parse_ip_integer(const char *s, int *ret)
{
	int64_t v;
	int r = parse_whole(s, 0, true, false, NULL, &v);

	if (r < 0)
		return r;
	if (v < INT_MIN || v > INT_MAX)
		return -ERANGE;
	*ret = (int)v;
	return 0;
}

/**
 * parse_pid() - parse a process ID: a positive number that fits pid_t
 * @s: the text
 * @ret: the PID
 *
 * Return: 0, -EINVAL or -ERANGE.
 */
int parse_pid(const char *s, pid_t *ret)
{
	uint64_t v;
	int r = parse_u64(s, &v);

	if (r < 0)
		return r;
	if (v == 0)
		return -EINVAL;
	if (v > INT_MAX)
		return -ERANGE;
	*ret = (pid_t)v;
	return 0;
}

static const struct {
	const char *name;
	int sig;
} signal_table[] = {
	{ "HUP", SIGHUP },	 { "INT", SIGINT },	  { "QUIT", SIGQUIT },
	{ "ILL", SIGILL },	 { "TRAP", SIGTRAP },	  { "ABRT", SIGABRT },
	{ "IOT", SIGIOT },	 { "BUS", SIGBUS },	  { "FPE", SIGFPE },
	{ "KILL", SIGKILL },	 { "USR1", SIGUSR1 },	  { "SEGV", SIGSEGV },
	{ "USR2", SIGUSR2 },	 { "PIPE", SIGPIPE },	  { "ALRM", SIGALRM },
	{ "TERM", SIGTERM },	 { "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD },
	{ "CLD", SIGCHLD },	 { "CONT", SIGCONT },	  { "STOP", SIGSTOP },
	{ "TSTP", SIGTSTP },	 { "TTIN", SIGTTIN },	  { "TTOU", SIGTTOU },
	{ "URG", SIGURG },	 { "XCPU", SIGXCPU },	  { "XFSZ", SIGXFSZ },
	{ "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },	  { "WINCH", SIGWINCH },
	{ "IO", SIGIO },	 { "POLL", SIGPOLL },	  { "PWR", SIGPWR },
	{ "SYS", SIGSYS },
};

/**
 * parse_signal() - a signal by name or number
 * @s: "KILL", "SIGKILL", "kill", "9", "RTMIN+2", "SIGRTMAX-1"
 *
 * Return: the signal number, or -EINVAL.
 */
int parse_signal(const char *s)
{
	uint32_t n;
	const char *name = s;

	if (!s || !*s)
		return -EINVAL;
	if (isdigit((unsigned char)s[0]))
		return parse_u32(s, &n) == 0 && n > 0 && n < (uint32_t)NSIG ? (int)n : -EINVAL;
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (size_t i = 0; i < ELEMENTSOF(signal_table); i++)
		if (strcasecmp(name, signal_table[i].name) == 0)
			return signal_table[i].sig;
	if (strncasecmp(name, "RTMIN", 5) == 0 || strncasecmp(name, "RTMAX", 5) == 0) {
		bool max = strncasecmp(name, "RTMAX", 5) == 0;
		int base = max ? SIGRTMAX : SIGRTMIN, sig = base;

		if (name[5] != '\0') {
			if ((max && name[5] != '-') || (!max && name[5] != '+') ||
			    parse_u32(name + 6, &n) < 0 || n > (uint32_t)(SIGRTMAX - SIGRTMIN))
				return -EINVAL;
			sig = max ? base - (int)n : base + (int)n;
		}
		return sig;
	}
	return -EINVAL;
}

/**
 * signal_name() - the short name of a signal ("TERM"), for messages
 * @sig: the signal
 *
 * Return: a static string, or NULL for a real-time or unknown signal.
 */
const char *signal_name(int sig)
{
	for (size_t i = 0; i < ELEMENTSOF(signal_table); i++)
		if (signal_table[i].sig == sig)
			return signal_table[i].name;
	return NULL;
}

/**
 * parse_uid_or_name() - a user as a number or a name from the user database
 * @s: "1000" or "alice"
 * @ret: the uid
 *
 * Return: 0, -ENOENT for an unknown name, -EINVAL for an empty string.
 */
int parse_uid_or_name(const char *s, uid_t *ret)
{
	struct passwd *pw;
	uint32_t v;

	if (!s || !*s)
		return -EINVAL;
	if (parse_u32(s, &v) == 0 && v != UINT32_MAX) {
		*ret = v;
		return 0;
	}
	errno = 0;
	pw = getpwnam(s);
	if (!pw)
		return errno > 0 ? -errno : -ENOENT;
	*ret = pw->pw_uid;
	return 0;
}

/**
 * parse_gid_or_name() - a group as a number or a name from the group database
 * @s: "1000" or "staff"
 * @ret: the gid
 *
 * Return: 0, -ENOENT for an unknown name, -EINVAL for an empty string.
 */
int parse_gid_or_name(const char *s, gid_t *ret)
{
	struct group *gr;
	uint32_t v;

	if (!s || !*s)
		return -EINVAL;
	if (parse_u32(s, &v) == 0 && v != UINT32_MAX) {
		*ret = v;
		return 0;
	}
	errno = 0;
	gr = getgrnam(s);
	if (!gr)
		return errno > 0 ? -errno : -ENOENT;
	*ret = gr->gr_gid;
	return 0;
}
