/* SPDX-License-Identifier: GPL-2.0-or-later */
/* addr.h - IP addresses of devices over rtnetlink ("ip addr"). */
#pragma once

#include <libmnl/libmnl.h>

struct inet_prefix;
struct nl_err;

int addr_add(struct mnl_socket *nl, int ifindex, const struct inet_prefix *p,
	     struct nl_err *ret_err);
