/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * route.h - routes over rtnetlink ("ip route"): add, change, delete, dump,
 * look up; and the words ip(8) uses for them: the names of tables, protocols,
 * scopes and route types, from iproute2's built-in lists and
 * /etc/iproute2/rt_{tables,protos,scopes}.  Addresses are inet.h's.
 */
#pragma once

#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inet.h"

struct error;

/* The name lists of iproute2, extended by the files of /etc/iproute2. */
enum route_names {
	ROUTE_NAMES_TABLE,    /* rt_tables, rt_tables.d/ *.conf */
	ROUTE_NAMES_PROTOCOL, /* rt_protos, rt_protos.d/ *.conf */
	ROUTE_NAMES_SCOPE,    /* rt_scopes */
	ROUTE_NAMES_REALM,    /* rt_realms */
	ROUTE_NAMES_DSFIELD,  /* rt_dsfield: TOS values, printed in hex without a name */
	_ROUTE_NAMES_MAX,
	_ROUTE_NAMES_INVALID = -EINVAL,
};

/* Room for any name or number route_name() returns. */
#define ROUTE_NAME_MAX 64

void route_names_set_dir(const char *dir);
const char *route_name(enum route_names which, uint32_t id, char *buf, size_t size);
int route_name_parse(enum route_names which, const char *s, uint32_t *ret);
const char *route_type_name(unsigned type, char *buf, size_t size);
int route_type_parse(const char *s, unsigned *ret);

/* What an RTM_NEWROUTE or RTM_DELROUTE says. */
struct route_req {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t type;		/* RTN_UNICAST ... */
	uint8_t protocol;	/* RTPROT_BOOT ... */
	uint8_t scope;		/* RT_SCOPE_UNIVERSE ... */
	uint32_t flags;		/* rtm_flags: RTNH_F_ONLINK */
	uint32_t table;		/* RT_TABLE_MAIN ...; above 255 it goes in RTA_TABLE */
	struct inet_prefix dst; /* bitlen is rtm_dst_len; bytelen 0: no RTA_DST */
	bool has_gateway;	/* RTA_GATEWAY, or RTA_VIA when of the other family */
	struct inet_prefix gateway;
	bool has_prefsrc; /* RTA_PREFSRC */
	struct inet_prefix prefsrc;
	int oif;	   /* RTA_OIF; 0 none */
	bool has_priority; /* RTA_PRIORITY: the metric */
	uint32_t priority;
	uint32_t metrics[RTAX_MAX + 1]; /* RTA_METRICS: values of the bits in metrics_set */
	uint32_t metrics_set;		/* 1 << RTAX_MTU ... */
	uint32_t metrics_lock;		/* RTAX_LOCK */
};

int route_build(char *buf, uint16_t type, uint16_t flags, const struct route_req *req,
		struct nlmsghdr **ret_nlh);
int route_modify(struct mnl_socket *nl, uint16_t type, uint16_t flags, const struct route_req *req,
		 struct error *ret_err);
int route_resend(struct mnl_socket *nl, const struct nlmsghdr *route, uint16_t type, uint16_t flags,
		 struct error *ret_err);

/* What a dump asks the kernel to leave out (with NETLINK_GET_STRICT_CHK). */
struct route_dump_filter {
	uint32_t table;	  /* 0: every table */
	int oif;	  /* 0: every device */
	uint8_t protocol; /* 0: every protocol */
};

int route_dump(struct mnl_socket *nl, int family, const struct route_dump_filter *filter,
	       mnl_cb_t cb, void *data, struct error *ret_err);

/* "ip route get": the route the kernel would take. */
struct route_get_req {
	int family;
	struct inet_prefix dst;
	bool has_src;
	struct inet_prefix src;
	int iif, oif;	/* 0 none */
	uint32_t mark;	/* 0 none */
	uint32_t flags; /* RTM_F_FIB_MATCH ...; RTM_F_LOOKUP_TABLE is added for IPv4 */
};

int route_get(struct mnl_socket *nl, const struct route_get_req *req, mnl_cb_t cb, void *data,
	      struct error *ret_err);
