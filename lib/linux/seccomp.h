/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * seccomp.h - a seccomp filter as data (the runtime-spec's linux.seccomp),
 * compiled with libseccomp and loaded as the last step before exec.
 *
 * The OCI spec parser (lib/oci) fills a struct seccomp_config; the runtime's
 * init compiles and loads it.  Names (syscalls, architectures) are kept as
 * the config gives them and resolved by libseccomp when the filter is built:
 * a syscall this kernel or libseccomp does not know is skipped, as runc and
 * crun skip it, so that one profile serves several kernels.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* What a matching syscall gets (SCMP_ACT_*). */
enum sc_action {
	SC_ACT_KILL, /* SCMP_ACT_KILL: the thread (SCMP_ACT_KILL_THREAD) */
	SC_ACT_KILL_PROCESS,
	SC_ACT_KILL_THREAD,
	SC_ACT_TRAP,
	SC_ACT_ERRNO, /* with errno_ret (default EPERM) */
	SC_ACT_TRACE, /* with errno_ret as the tracer's message (default EPERM) */
	SC_ACT_ALLOW,
	SC_ACT_LOG,
	SC_ACT_NOTIFY, /* a user-space listener decides (listenerPath) */
	_SC_ACT_MAX,
	_SC_ACT_INVALID = -22,
};

/* How an argument is compared (SCMP_CMP_*). */
enum sc_op {
	SC_OP_NE,
	SC_OP_LT,
	SC_OP_LE,
	SC_OP_EQ,
	SC_OP_GE,
	SC_OP_GT,
	SC_OP_MASKED_EQ, /* (arg & value) == value_two */
	_SC_OP_MAX,
	_SC_OP_INVALID = -22,
};

/* linux.seccomp.flags: SECCOMP_FILTER_FLAG_* as the spec names them. */
enum {
	SC_FLAG_TSYNC = 1 << 0,
	SC_FLAG_LOG = 1 << 1,
	SC_FLAG_SPEC_ALLOW = 1 << 2,
	SC_FLAG_WAIT_KILLABLE_RECV = 1 << 3,
};

struct sc_arg {
	unsigned index; /* 0..5 */
	uint64_t value;
	uint64_t value_two;
	enum sc_op op;
};

/* linux.seccomp.syscalls[]: these names, with these arguments, get this action. */
struct sc_rule {
	char **names;
	size_t n_names;
	enum sc_action action;
	bool has_errno_ret;
	uint32_t errno_ret;
	struct sc_arg *args;
	size_t n_args;
};

struct seccomp_config {
	enum sc_action default_action;
	bool has_default_errno_ret;
	uint32_t default_errno_ret;
	char **architectures; /* "SCMP_ARCH_X86_64", ... */
	size_t n_architectures;
	unsigned flags;		 /* SC_FLAG_* */
	char *listener_path;	 /* a unix socket that gets the notify fd (SC_ACT_NOTIFY) */
	char *listener_metadata; /* an opaque string sent with it */
	struct sc_rule *rules;
	size_t n_rules;
};

enum sc_action sc_action_from_name(const char *name);
const char *sc_action_name(enum sc_action a);
enum sc_op sc_op_from_name(const char *name);
int sc_flag_from_name(const char *name);
void seccomp_config_done(struct seccomp_config *c);
