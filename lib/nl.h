/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nl.h - rtnetlink requests over libmnl (loaded with dlopen, lib/dlib.h).
 *
 * For now what lsns needs: the NSID a network namespace has in ours
 * (RTM_GETNSID), as "ip netns list-id" and lsns's NETNSID column show it.
 */
#pragma once

#include <stdbool.h>

struct mnl_socket;

/* NETNSA_NSID_NOT_ASSIGNED: no NSID for that namespace in ours. */
#define NL_NSID_NONE (-1)

int nl_open_route(struct mnl_socket **ret);
void nl_close(struct mnl_socket *nl);
int nl_netns_get_id(struct mnl_socket *nl, int nsfd, int *ret_id);
int nl_netns_count_ids(struct mnl_socket *nl, unsigned *ret);
