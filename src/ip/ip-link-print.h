/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ip-link-print.h - the device lines that "ip link show" and "ip addr show"
 * share, in iproute2 6.1's words, text or JSON: "2: v1@if2: <FLAGS> mtu ...",
 * "    link/ether ...", and with -d the kind's own line.
 *
 * The devices of one namespace are read once into a struct ip_links: the
 * names behind "master br0" and "v1@v2", and the state behind M-DOWN, come
 * from that table, as ip's ll_map cache gives them.
 */
#pragma once

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stdbool.h>
#include <stddef.h>

struct mnl_socket;

/* One RTM_NEWLINK answer, kept with its attributes indexed. */
struct ip_link {
	struct nlmsghdr *nlh; /* owned copy */
	const struct ifinfomsg *ifi;
	const struct nlattr *tb[IFLA_MAX + 1];
	const char *name; /* IFLA_IFNAME */
};

struct ip_links {
	struct ip_link *v;
	size_t n, allocated;
};

/* What "ip link show" and "ip addr show" filter devices by (ip's struct link_filter). */
struct ip_link_filter {
	int ifindex;		/* dev NAME; 0 any */
	bool up, down;		/* up / down */
	int master;		/* master DEV: its ifindex; 0 any */
	const char *kind;	/* type KIND */
	const char *slave_kind; /* type KIND_slave */
};

int ip_links_load(struct mnl_socket *nl, int family, int master, const char *kind,
		  struct ip_links *ret);
void ip_links_free(struct ip_links *links);
const struct ip_link *ip_links_find(const struct ip_links *links, int ifindex);
int ip_links_index(const struct ip_links *links, const char *name);

void ip_link_filter_type(struct ip_link_filter *f, char *type);
bool ip_link_match(const struct ip_link *l, const struct ip_link_filter *f);
void ip_link_print(const struct ip_links *all, const struct ip_link *l, bool do_link, int family);
void ip_link_print_brief(const struct ip_links *all, const struct ip_link *l, bool do_link);
void ip_link_ctx_init(struct mnl_socket *nl);
