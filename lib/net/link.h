/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * link.h - network devices over rtnetlink: make them (veth pairs, bridges,
 * VLANs, dummies), change them, delete them and list them, as "ip link"
 * does, in the namespace of the socket they are given (nl_open_route_in()).
 */
#pragma once

#include <libmnl/libmnl.h>
#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct error;

/* What an RTM_NEWLINK says: "ip link add" (a new device) or "ip link set" (changes). */
struct link_req {
	const char *name; /* IFLA_IFNAME: the new device's name, or a new name for "set" */
	const char *kind; /* IFLA_INFO_KIND: "veth", "bridge", "vlan", "dummy"; NULL for set */
	int netns_fd;	  /* IFLA_NET_NS_FD: make or move it there; -1 stay */
	pid_t netns_pid;  /* IFLA_NET_NS_PID: the same by PID; 0 stay */
	unsigned mtu;	  /* IFLA_MTU; 0 unchanged */
	unsigned txqlen;  /* IFLA_TXQLEN; 0 unchanged */
	const uint8_t *address; /* IFLA_ADDRESS; NULL unchanged */
	size_t address_len;
	int up;	    /* 1 up, 0 down, -1 unchanged */
	int master; /* IFLA_MASTER: ifindex of a bridge; 0 nomaster; -1 unchanged */
	int link;   /* IFLA_LINK: a VLAN's lower device; 0 none */
	/* veth: the peer, made in the same request */
	const char *peer_name;	     /* NULL: the kernel names it vethN */
	int peer_netns_fd;	     /* -1 same namespace as the device */
	pid_t peer_netns_pid;	     /* 0 */
	unsigned peer_mtu;	     /* IFLA_MTU of the peer; 0 the kernel's default */
	unsigned peer_txqlen;	     /* IFLA_TXQLEN of the peer; 0 default */
	const uint8_t *peer_address; /* IFLA_ADDRESS of the peer; NULL random */
	size_t peer_address_len;
	int peer_up; /* 1 up, 0 or -1 down */
	/* vlan */
	int vlan_id; /* IFLA_VLAN_ID, 0..4094; -1 none */
	/* bridge (IFLA_INFO_DATA of kind "bridge") */
	int stp_state;	  /* IFLA_BR_STP_STATE 0/1; -1 unchanged */
	long ageing_time; /* IFLA_BR_AGEING_TIME in centiseconds; -1 unchanged */
};

#define LINK_REQ_INIT                                                                       \
	{                                                                                   \
		.netns_fd = -1, .up = -1, .master = -1, .peer_netns_fd = -1, .vlan_id = -1, \
		.stp_state = -1, .ageing_time = -1, .peer_up = -1,                          \
	}

int link_build(char *buf, uint16_t type, uint16_t flags, int ifindex, const struct link_req *req,
	       struct nlmsghdr **ret_nlh);
int link_add(struct mnl_socket *nl, const struct link_req *req, struct error *ret_err);
int link_set(struct mnl_socket *nl, int ifindex, const struct link_req *req, struct error *ret_err);
int link_del(struct mnl_socket *nl, int ifindex, struct error *ret_err);

int link_name_to_index(struct mnl_socket *nl, const char *name, int *ret_ifindex);
int link_dump(struct mnl_socket *nl, int ifindex, mnl_cb_t cb, void *data, struct error *ret_err);
int link_dump_filter(struct mnl_socket *nl, int family, int master, const char *kind, mnl_cb_t cb,
		     void *data, struct error *ret_err);
const char *link_kind_config(const char *kind);
