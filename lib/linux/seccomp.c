/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "macro.h"
#include "seccomp.h"

static const char *const action_names[_SC_ACT_MAX] = {
	[SC_ACT_KILL] = "SCMP_ACT_KILL",
	[SC_ACT_KILL_PROCESS] = "SCMP_ACT_KILL_PROCESS",
	[SC_ACT_KILL_THREAD] = "SCMP_ACT_KILL_THREAD",
	[SC_ACT_TRAP] = "SCMP_ACT_TRAP",
	[SC_ACT_ERRNO] = "SCMP_ACT_ERRNO",
	[SC_ACT_TRACE] = "SCMP_ACT_TRACE",
	[SC_ACT_ALLOW] = "SCMP_ACT_ALLOW",
	[SC_ACT_LOG] = "SCMP_ACT_LOG",
	[SC_ACT_NOTIFY] = "SCMP_ACT_NOTIFY",
};

static const char *const op_names[_SC_OP_MAX] = {
	[SC_OP_NE] = "SCMP_CMP_NE",
	[SC_OP_LT] = "SCMP_CMP_LT",
	[SC_OP_LE] = "SCMP_CMP_LE",
	[SC_OP_EQ] = "SCMP_CMP_EQ",
	[SC_OP_GE] = "SCMP_CMP_GE",
	[SC_OP_GT] = "SCMP_CMP_GT",
	[SC_OP_MASKED_EQ] = "SCMP_CMP_MASKED_EQ",
};

static const struct {
	const char *name;
	int flag;
} flag_names[] = {
	{ "SECCOMP_FILTER_FLAG_TSYNC", SC_FLAG_TSYNC },
	{ "SECCOMP_FILTER_FLAG_LOG", SC_FLAG_LOG },
	{ "SECCOMP_FILTER_FLAG_SPEC_ALLOW", SC_FLAG_SPEC_ALLOW },
	{ "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", SC_FLAG_WAIT_KILLABLE_RECV },
};

/**
 * sc_action_from_name() - an action of the spec by its name
 * @name: "SCMP_ACT_ERRNO", ...
 *
 * Return: the action, or _SC_ACT_INVALID.
 */
enum sc_action sc_action_from_name(const char *name)
{
	for (int i = 0; i < _SC_ACT_MAX; i++)
		if (streq(name, action_names[i]))
			return i;
	return _SC_ACT_INVALID;
}

/**
 * sc_action_name() - the spec's name of an action
 * @a: the action
 *
 * Return: "SCMP_ACT_ERRNO", ..., or NULL.
 */
const char *sc_action_name(enum sc_action a)
{
	return a >= 0 && a < _SC_ACT_MAX ? action_names[a] : NULL;
}

/**
 * sc_op_from_name() - an argument comparison by its name
 * @name: "SCMP_CMP_EQ", ...
 *
 * Return: the operator, or _SC_OP_INVALID.
 */
enum sc_op sc_op_from_name(const char *name)
{
	for (int i = 0; i < _SC_OP_MAX; i++)
		if (streq(name, op_names[i]))
			return i;
	return _SC_OP_INVALID;
}

/**
 * sc_flag_from_name() - a filter flag by its name
 * @name: "SECCOMP_FILTER_FLAG_LOG", ...
 *
 * Return: the SC_FLAG_* bit, or -EINVAL.
 */
int sc_flag_from_name(const char *name)
{
	for (size_t i = 0; i < ELEMENTSOF(flag_names); i++)
		if (streq(name, flag_names[i].name))
			return flag_names[i].flag;
	return -EINVAL;
}

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/**
 * seccomp_config_done() - free what a config owns, and zero it
 * @c: the config
 */
void seccomp_config_done(struct seccomp_config *c)
{
	if (!c)
		return;
	strv_free(c->architectures, c->n_architectures);
	for (size_t i = 0; i < c->n_rules; i++) {
		strv_free(c->rules[i].names, c->rules[i].n_names);
		free(c->rules[i].args);
	}
	free(c->rules);
	free(c->listener_path);
	free(c->listener_metadata);
	*c = (struct seccomp_config){ 0 };
}
