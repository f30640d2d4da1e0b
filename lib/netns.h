/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netns.h - named network namespaces in iproute2's layout: /run/netns/NAME
 * is an nsfs bind mount of the namespace, /run/netns itself a shared mount
 * so that a delete propagates to every mount namespace, and /etc/netns/NAME/
 * holds files that "exec" binds over /etc.  ip netns and nook netns see and
 * enter each other's namespaces.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define NETNS_RUN_DIR "/run/netns"
#define NETNS_ETC_DIR "/etc/netns"

bool netns_name_is_valid(const char *name);
int netns_open(const char *ref);
