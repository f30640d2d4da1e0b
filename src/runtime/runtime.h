/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * runtime.h - the OCI runtime's front end (runc's and crun's words): the
 * global options every verb shares, and the one way a verb reports.
 *
 * docker, podman and containerd call the runtime with --root, --log and
 * --log-format json before the verb; containerd's shim and dockerd read the
 * error only from the --log file, so every error is written there as a JSON
 * line too, and once on stderr as a plain line.
 */
#pragma once

#include <stdbool.h>
#include <stdio.h>

#include "error.h"
#include "macro.h"

#define RUNTIME_NAME "nook-runtime"

enum runtime_log_format {
	RUNTIME_LOG_TEXT,
	RUNTIME_LOG_JSON,
};

enum runtime_log_level {
	RUNTIME_LOG_ERROR,
	RUNTIME_LOG_WARNING,
	RUNTIME_LOG_INFO,
	RUNTIME_LOG_DEBUG,
};

enum runtime_cgroup_manager {
	RUNTIME_CGROUP_CGROUPFS,
	RUNTIME_CGROUP_SYSTEMD, /* accepted; cgroupfs where there is no systemd */
	RUNTIME_CGROUP_DISABLED,
};

enum runtime_rootless {
	RUNTIME_ROOTLESS_AUTO,
	RUNTIME_ROOTLESS_TRUE,
	RUNTIME_ROOTLESS_FALSE,
};

struct runtime_globals {
	const char *root; /* the state root */
	const char *log_path;
	enum runtime_log_format log_format;
	enum runtime_log_level log_level;
	enum runtime_cgroup_manager cgroup_manager;
	enum runtime_rootless rootless;
	FILE *log; /* the --log file, or NULL */
	bool help, version;
};

extern struct runtime_globals rt;

int runtime_parse_globals(int *argc, char ***argv);
void runtime_log(enum runtime_log_level level, const char *fmt, ...) _printf_(2, 3);
int runtime_fail(const struct error *e);
int runtime_failf(const char *fmt, ...) _printf_(1, 2);
int runtime_usage_error(const char *fmt, ...) _printf_(1, 2);
