/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * neigh.h - neighbour (ARP, NDP) entries over rtnetlink ("ip neigh"): add,
 * change, delete and dump them, in the namespace of the socket given.
 */
#pragma once

#include <libmnl/libmnl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct error;

/* What an RTM_NEWNEIGH or RTM_DELNEIGH says. */
struct neigh_req {
	int family;	    /* AF_INET, AF_INET6 */
	const uint8_t *dst; /* NDA_DST: 4 or 16 bytes */
	size_t dst_len;
	int ifindex;	       /* the device */
	uint16_t state;	       /* NUD_PERMANENT ... */
	uint8_t flags;	       /* NTF_PROXY, NTF_ROUTER ... */
	const uint8_t *lladdr; /* NDA_LLADDR; NULL none */
	size_t lladdr_len;
};

int neigh_build(char *buf, uint16_t type, uint16_t flags, const struct neigh_req *req,
		struct nlmsghdr **ret_nlh);
int neigh_modify(struct mnl_socket *nl, uint16_t type, uint16_t flags, const struct neigh_req *req,
		 struct error *ret_err);
int neigh_get(struct mnl_socket *nl, const struct neigh_req *req, mnl_cb_t cb, void *data,
	      struct error *ret_err);
int neigh_dump(struct mnl_socket *nl, int family, int ifindex, uint8_t ndm_flags, mnl_cb_t cb,
	       void *data, struct error *ret_err);
int neigh_state_parse(const char *s, unsigned *ret);
