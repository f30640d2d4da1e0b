/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nook.h - the subcommands' entry points, each in src/cmd-NAME.c. */
#pragma once

/*
 * The one return convention of src/: a function that may end the command
 * returns the exit status (0-255) once it has printed why, or GO_ON to let
 * the command go on.  GO_ON is one past the last exit status, so it can be
 * mistaken neither for a status nor for a -errno; the -errno results of lib/
 * are turned into a message and a status where they are met.
 */
#define GO_ON 256

/* Each returns the process exit status; argv[0] is the command's name. */
int cmd_unshare(int argc, char *argv[]);
int cmd_nsenter(int argc, char *argv[]);
int cmd_enter(int argc, char *argv[]);
int cmd_lsns(int argc, char *argv[]);

/* The iproute2-style commands (src/ip/ip.h): argv[0] is the command's name and the
 * global options ("-n NS", "-j") have been taken and applied. */
int cmd_netns(int argc, char *argv[]);
int cmd_link(int argc, char *argv[]);
int cmd_addr(int argc, char *argv[]);
int cmd_route(int argc, char *argv[]);
int cmd_neigh(int argc, char *argv[]);
int cmd_bridge(int argc, char *argv[]);
/* "nook netns connect ..." (src/ip/netns-connect.c); argv[0] is "connect". */
int netns_connect(int argc, char *argv[]);

/* "NAME from nook VERSION": the --version line every tool prints. */
int print_version(const char *name);
