/* SPDX-License-Identifier: GPL-2.0-or-later */
/* addr.h - IP addresses of devices over rtnetlink ("ip addr"). */
#pragma once

#include <libmnl/libmnl.h>
#include <stdbool.h>
#include <stdint.h>

struct inet_prefix;
struct error;

/* What an RTM_NEWADDR or RTM_DELADDR says: "ip addr add|del". */
struct addr_req {
	int family;	    /* AF_INET or AF_INET6 */
	int ifindex;	    /* the device */
	unsigned prefixlen; /* ifa_prefixlen */
	bool has_local;
	uint8_t local[16]; /* IFA_LOCAL: the address */
	bool has_address;
	uint8_t address[16]; /* IFA_ADDRESS: the peer, or the address again */
	bool has_broadcast;
	uint8_t broadcast[4]; /* IFA_BROADCAST (IPv4 only) */
	const char *label;    /* IFA_LABEL; NULL none */
	int scope;	      /* ifa_scope: RT_SCOPE_*; -1 for ip's default */
	uint32_t flags;	      /* IFA_F_*: those above 0xff go in IFA_FLAGS */
};

#define ADDR_REQ_INIT        \
	{                    \
		.scope = -1, \
	}

int addr_build(char *buf, uint16_t type, uint16_t flags, const struct addr_req *req,
	       struct nlmsghdr **ret_nlh);
int addr_modify(struct mnl_socket *nl, uint16_t type, uint16_t flags, const struct addr_req *req,
		struct error *ret_err);
int addr_add(struct mnl_socket *nl, int ifindex, const struct inet_prefix *p,
	     struct error *ret_err);
int addr_del(struct mnl_socket *nl, const struct addr_req *req, struct error *ret_err);
int addr_dump(struct mnl_socket *nl, int family, mnl_cb_t cb, void *data, struct error *ret_err);
int addr_flush_round(struct mnl_socket *nl, int family, int ifindex, unsigned *ret_deleted,
		     struct error *ret_err);
