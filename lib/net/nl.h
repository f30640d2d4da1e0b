/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nl.h - rtnetlink over libmnl (loaded with dlopen, lib/basic/dlib.h).
 *
 * A request is built in a caller's buffer (NL_BUF) with nl_msg_start() and
 * libmnl's attribute helpers (sym_mnl_attr_put_*), then sent with nl_talk(),
 * which waits for the kernel's answer: the ACK, the dump's end, or an error
 * with the kernel's extended-ACK message ("Unknown device type"), kept in a
 * struct error so that the command line can show it.
 *
 * A socket belongs to the network namespace it was opened in, whatever the
 * process does later: nl_open_route_in() opens one in another namespace, so
 * that one process can wire several namespaces without entering them.
 */
#pragma once

#include <libmnl/libmnl.h>
#include <linux/netlink.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* NETNSA_NSID_NOT_ASSIGNED: no NSID for that namespace in ours. */
#define NL_NSID_NONE (-1)

/* A request: every message nook sends fits in a page. */
#define NL_REQUEST_SIZE 4096
#define NL_BUF(name) char name[NL_REQUEST_SIZE] __attribute__((aligned(8))) = { 0 }

int nl_open_route(struct mnl_socket **ret);
int nl_open_route_in(int netns_fd, struct mnl_socket **ret);
void nl_close(struct mnl_socket *nl);
static inline void nl_closep(struct mnl_socket **nl)
{
	nl_close(*nl);
}
#define _cleanup_nl_ __attribute__((cleanup(nl_closep)))

void *nl_msg_start(char *buf, uint16_t type, uint16_t flags, size_t hdrlen,
		   struct nlmsghdr **ret_nlh);
int nl_talk(struct mnl_socket *nl, struct nlmsghdr *req, mnl_cb_t cb, void *data,
	    struct error *ret_err);
int nl_parse_attrs(const struct nlmsghdr *nlh, size_t hdrlen, const struct nlattr **tb,
		   unsigned max);
int nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb, unsigned max);
