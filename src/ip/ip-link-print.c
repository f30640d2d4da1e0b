/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ip-link-print.c - the device lines of "ip link show" and "ip addr show",
 * as iproute2 6.1 prints them (ip/ipaddress.c print_linkinfo() and
 * lib/utils.c print_name_and_link(), iplink_bridge.c, iplink_bridge_slave.c
 * and iplink_vlan.c for -d).  Every print_*() call below is one of ip's, in
 * its order, with its format and JSON key: the output is compared byte for
 * byte with ip's in tests/integration/link.sh.
 */
#include <net/if.h> /* before the linux/ headers, which then leave out what it has */

#include <dirent.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_arp.h>
#include <linux/if_bridge.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/sockios.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "alloc-util.h"
#include "dlib.h"
#include "inet.h"
#include "ip-link-print.h"
#include "ip.h"
#include "link.h"
#include "macro.h"
#include "netns.h"
#include "nl.h"

/* ---------------------------------------------------------------- attributes */

static uint8_t attr_u8(const struct nlattr *a)
{
	return a && sym_mnl_attr_get_payload_len(a) >= 1 ? sym_mnl_attr_get_u8(a) : 0;
}

static uint16_t attr_u16(const struct nlattr *a)
{
	return a && sym_mnl_attr_get_payload_len(a) >= 2 ? sym_mnl_attr_get_u16(a) : 0;
}

static uint32_t attr_u32(const struct nlattr *a)
{
	return a && sym_mnl_attr_get_payload_len(a) >= 4 ? sym_mnl_attr_get_u32(a) : 0;
}

static uint64_t attr_u64(const struct nlattr *a)
{
	uint64_t v = 0;

	/* 64-bit attributes are only 4-aligned: copy rather than dereference */
	if (a && sym_mnl_attr_get_payload_len(a) >= 8)
		memcpy(&v, sym_mnl_attr_get_payload(a), sizeof(v));
	return v;
}

/* A string attribute, or "" when it is not NUL-terminated. */
static const char *attr_str(const struct nlattr *a)
{
	if (!a || sym_mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
		return "";
	return sym_mnl_attr_get_str(a);
}

/* ---------------------------------------------------------------- the device table */

static int store_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ip_links *links = data;
	struct ip_link *l;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    sym_mnl_nlmsg_get_payload_len(nlh) < sizeof(struct ifinfomsg))
		return MNL_CB_OK;
	if (GREEDY_REALLOC(links->v, links->allocated, links->n + 1) < 0) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	l = &links->v[links->n];
	*l = (struct ip_link){ 0 };
	/* libmnl lets the last attribute run to the aligned end of the message: copy that far */
	l->nlh = calloc(1, MNL_ALIGN(nlh->nlmsg_len));
	if (!l->nlh) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	memcpy(l->nlh, nlh, nlh->nlmsg_len);
	l->ifi = sym_mnl_nlmsg_get_payload(l->nlh);
	if (nl_parse_attrs(l->nlh, sizeof(struct ifinfomsg), l->tb, IFLA_MAX) < 0) {
		free(l->nlh);
		return MNL_CB_OK;
	}
	l->name = attr_str(l->tb[IFLA_IFNAME]);
	links->n++;
	return MNL_CB_OK;
}

/**
 * ip_links_load() - the devices of the socket's namespace, in the kernel's order
 * @nl: a route socket
 * @family: as link_dump_filter()
 * @master: as link_dump_filter(); 0 for all
 * @kind: as link_dump_filter(); NULL for all
 * @ret: the table; ip_links_free() it, also after a failure
 *
 * Return: 0, or -errno.
 */
int ip_links_load(struct mnl_socket *nl, int family, int master, const char *kind,
		  struct ip_links *ret)
{
	*ret = (struct ip_links){ 0 };
	return link_dump_filter(nl, family, master, kind, store_cb, ret, NULL);
}

void ip_links_free(struct ip_links *links)
{
	for (size_t i = 0; i < links->n; i++)
		free(links->v[i].nlh);
	free(links->v);
	*links = (struct ip_links){ 0 };
}

const struct ip_link *ip_links_find(const struct ip_links *links, int ifindex)
{
	for (size_t i = 0; i < links->n; i++)
		if (links->v[i].ifi->ifi_index == ifindex)
			return &links->v[i];
	return NULL;
}

/* The ifindex of @name (or of an altname), or 0. */
int ip_links_index(const struct ip_links *links, const char *name)
{
	for (size_t i = 0; i < links->n; i++)
		if (streq(links->v[i].name, name))
			return links->v[i].ifi->ifi_index;
	return 0;
}

/* ---------------------------------------------------------------- NSID names */

/*
 * "link-netns NAME": the name under /run/netns whose namespace our namespace
 * knows by that NSID, as ip's get_name_from_nsid() finds it.  Asked once per
 * command for every name, then kept.
 */
static struct mnl_socket *ctx_nl;
static struct {
	bool loaded;
	size_t n;
	struct {
		int id;
		char name[NAME_MAX + 1];
	} v[256];
} nsmap;

void ip_link_ctx_init(struct mnl_socket *nl)
{
	ctx_nl = nl;
}

static int nsmap_add(const char *name, int nsid, const struct error *err, void *userdata)
{
	if (err || nsid < 0)
		return 0;
	if (nsmap.n == ELEMENTSOF(nsmap.v))
		return 1; /* full: stop */
	nsmap.v[nsmap.n].id = nsid;
	(void)snprintf(nsmap.v[nsmap.n].name, sizeof(nsmap.v[0].name), "%s", name);
	nsmap.n++;
	return 0;
}

static void nsmap_load(void)
{
	nsmap.loaded = true;
	if (ctx_nl)
		(void)netns_foreach_id(ctx_nl, nsmap_add, NULL);
}

static const char *nsid_name(int id)
{
	if (!nsmap.loaded)
		nsmap_load();
	for (size_t i = 0; i < nsmap.n; i++)
		if (nsmap.v[i].id == id)
			return nsmap.v[i].name;
	return NULL;
}

/* ---------------------------------------------------------------- ip's words */

static const char *ll_type_name(unsigned short type, char *buf, size_t size)
{
	static const struct {
		unsigned short type;
		const char *name;
	} types[] = {
		{ ARPHRD_NETROM, "netrom" },
		{ ARPHRD_ETHER, "ether" },
		{ ARPHRD_EETHER, "eether" },
		{ ARPHRD_AX25, "ax25" },
		{ ARPHRD_PRONET, "pronet" },
		{ ARPHRD_CHAOS, "chaos" },
		{ ARPHRD_IEEE802, "ieee802" },
		{ ARPHRD_ARCNET, "arcnet" },
		{ ARPHRD_APPLETLK, "atalk" },
		{ ARPHRD_DLCI, "dlci" },
		{ ARPHRD_ATM, "atm" },
		{ ARPHRD_METRICOM, "metricom" },
		{ ARPHRD_IEEE1394, "ieee1394" },
		{ ARPHRD_INFINIBAND, "infiniband" },
		{ ARPHRD_SLIP, "slip" },
		{ ARPHRD_CSLIP, "cslip" },
		{ ARPHRD_SLIP6, "slip6" },
		{ ARPHRD_CSLIP6, "cslip6" },
		{ ARPHRD_RSRVD, "rsrvd" },
		{ ARPHRD_ADAPT, "adapt" },
		{ ARPHRD_ROSE, "rose" },
		{ ARPHRD_X25, "x25" },
		{ ARPHRD_HWX25, "hwx25" },
		{ ARPHRD_CAN, "can" },
		{ ARPHRD_PPP, "ppp" },
		{ ARPHRD_HDLC, "hdlc" },
		{ ARPHRD_LAPB, "lapb" },
		{ ARPHRD_DDCMP, "ddcmp" },
		{ ARPHRD_RAWHDLC, "rawhdlc" },
		{ ARPHRD_TUNNEL, "ipip" },
		{ ARPHRD_TUNNEL6, "tunnel6" },
		{ ARPHRD_FRAD, "frad" },
		{ ARPHRD_SKIP, "skip" },
		{ ARPHRD_LOOPBACK, "loopback" },
		{ ARPHRD_LOCALTLK, "ltalk" },
		{ ARPHRD_FDDI, "fddi" },
		{ ARPHRD_BIF, "bif" },
		{ ARPHRD_SIT, "sit" },
		{ ARPHRD_IPDDP, "ip/ddp" },
		{ ARPHRD_IPGRE, "gre" },
		{ ARPHRD_PIMREG, "pimreg" },
		{ ARPHRD_HIPPI, "hippi" },
		{ ARPHRD_ASH, "ash" },
		{ ARPHRD_ECONET, "econet" },
		{ ARPHRD_IRDA, "irda" },
		{ ARPHRD_FCPP, "fcpp" },
		{ ARPHRD_FCAL, "fcal" },
		{ ARPHRD_FCPL, "fcpl" },
		{ ARPHRD_FCFABRIC, "fcfb0" },
		{ ARPHRD_IEEE802_TR, "tr" },
		{ ARPHRD_IEEE80211, "ieee802.11" },
		{ ARPHRD_IEEE80211_PRISM, "ieee802.11/prism" },
		{ ARPHRD_IEEE80211_RADIOTAP, "ieee802.11/radiotap" },
		{ ARPHRD_IEEE802154, "ieee802.15.4" },
		{ ARPHRD_IEEE802154_MONITOR, "ieee802.15.4/monitor" },
		{ ARPHRD_PHONET, "phonet" },
		{ ARPHRD_PHONET_PIPE, "phonet_pipe" },
		{ ARPHRD_CAIF, "caif" },
		{ ARPHRD_IP6GRE, "gre6" },
		{ ARPHRD_NETLINK, "netlink" },
		{ ARPHRD_6LOWPAN, "6lowpan" },
		{ ARPHRD_NONE, "none" },
		{ ARPHRD_VOID, "void" },
	};

	for (size_t i = 0; i < ELEMENTSOF(types); i++)
		if (types[i].type == type)
			return types[i].name;
	(void)snprintf(buf, size, "[%d]", type);
	return buf;
}

/* ip's ll_addr_n2a(): tunnel endpoints as IP addresses, the rest as "%02x:..." */
static const char *ll_addr(const struct nlattr *a, unsigned short type, char *buf, size_t size)
{
	const uint8_t *p = sym_mnl_attr_get_payload(a);
	size_t len = sym_mnl_attr_get_payload_len(a), off;

	if (len == 4 && (type == ARPHRD_TUNNEL || type == ARPHRD_SIT || type == ARPHRD_IPGRE))
		return inet_addr_format(AF_INET, p, buf, size);
	if (len == 16 && (type == ARPHRD_TUNNEL6 || type == ARPHRD_IP6GRE))
		return inet_addr_format(AF_INET6, p, buf, size);
	buf[0] = '\0';
	if (len == 0)
		return buf;
	(void)snprintf(buf, size, "%02x", p[0]);
	for (size_t i = 1; i < len && (off = 3 * i - 1) + 3 < size; i++)
		(void)snprintf(buf + off, size - off, ":%02x", p[i]);
	return buf;
}

/* br_dump_bridge_id(): "8000.ba:89:80:4d:9e:9" (ether_ntoa_r() leaves out leading zeros) */
static const char *bridge_id(const struct nlattr *a, char *buf, size_t size)
{
	const struct ifla_bridge_id *id = sym_mnl_attr_get_payload(a);

	if (sym_mnl_attr_get_payload_len(a) < sizeof(*id))
		return "";
	(void)snprintf(buf, size, "%.2x%.2x.%x:%x:%x:%x:%x:%x", id->prio[0], id->prio[1],
		       id->addr[0], id->addr[1], id->addr[2], id->addr[3], id->addr[4],
		       id->addr[5]);
	return buf;
}

static void print_link_flags(unsigned flags, unsigned mdown)
{
	static const struct {
		unsigned flag;
		const char *name;
	} names[] = {
		{ IFF_LOOPBACK, "LOOPBACK" },
		{ IFF_BROADCAST, "BROADCAST" },
		{ IFF_POINTOPOINT, "POINTOPOINT" },
		{ IFF_MULTICAST, "MULTICAST" },
		{ IFF_NOARP, "NOARP" },
		{ IFF_ALLMULTI, "ALLMULTI" },
		{ IFF_PROMISC, "PROMISC" },
		{ IFF_MASTER, "MASTER" },
		{ IFF_SLAVE, "SLAVE" },
		{ IFF_DEBUG, "DEBUG" },
		{ IFF_DYNAMIC, "DYNAMIC" },
		{ IFF_AUTOMEDIA, "AUTOMEDIA" },
		{ IFF_PORTSEL, "PORTSEL" },
		{ IFF_NOTRAILERS, "NOTRAILERS" },
		{ IFF_UP, "UP" },
		{ IFF_LOWER_UP, "LOWER_UP" },
		{ IFF_DORMANT, "DORMANT" },
		{ IFF_ECHO, "ECHO" },
	};
	char hex[16];

	open_json_array(PRINT_ANY, is_json() ? "flags" : "<");
	if (flags & IFF_UP && !(flags & IFF_RUNNING))
		print_string(PRINT_ANY, NULL, flags ? "%s," : "%s", "NO-CARRIER");
	flags &= ~IFF_RUNNING;
	for (size_t i = 0; i < ELEMENTSOF(names); i++) {
		if (!(flags & names[i].flag))
			continue;
		flags &= ~names[i].flag;
		print_string(PRINT_ANY, NULL, flags ? "%s," : "%s", names[i].name);
	}
	if (flags) {
		(void)snprintf(hex, sizeof(hex), "%x", flags);
		print_string(PRINT_ANY, NULL, "%s", hex);
	}
	if (mdown)
		print_string(PRINT_ANY, NULL, ",%s", "M-DOWN");
	close_json_array(PRINT_ANY, "> ");
}

static void print_operstate(uint8_t state)
{
	static const char *const states[] = { "UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN",
					      "TESTING", "DORMANT",    "UP" };
	char buf[32];

	if (state >= ELEMENTSOF(states)) {
		if (is_json()) {
			print_uint(PRINT_JSON, "operstate_index", NULL, state);
		} else {
			(void)snprintf(buf, sizeof(buf), "state %#x", state);
			print_string(PRINT_FP, NULL, "%s", buf);
		}
	} else if (ip_opts.brief) {
		print_string(PRINT_ANY, "operstate", "%-14s ", states[state]);
	} else if (is_json()) {
		print_string(PRINT_JSON, "operstate", NULL, states[state]);
	} else {
		print_string(PRINT_FP, NULL, "state %s ", states[state]);
	}
}

/* print_name_and_link(): "v1@v2", "v1@if7" for a peer in another namespace; 1 when the
 * lower device is down (M-DOWN) */
static unsigned print_name_and_link(const struct ip_links *all, const char *fmt,
				    const struct ip_link *l)
{
	char buf[2 * IFNAMSIZ + 32], lbuf[32];
	const char *name = l->name, *link = NULL;
	unsigned m_flag = 0;

	if (l->tb[IFLA_LINK]) {
		int iflink = (int)attr_u32(l->tb[IFLA_LINK]);

		if (iflink) {
			if (l->tb[IFLA_LINK_NETNSID]) {
				if (is_json()) {
					print_int(PRINT_JSON, "link_index", NULL, iflink);
				} else {
					(void)snprintf(lbuf, sizeof(lbuf), "if%d", iflink);
					link = lbuf;
				}
			} else {
				const struct ip_link *lower = ip_links_find(all, iflink);

				if (lower) {
					link = lower->name;
				} else {
					(void)snprintf(lbuf, sizeof(lbuf), "if%d", iflink);
					link = lbuf;
				}
				if (is_json()) {
					print_string(PRINT_JSON, "link", NULL, link);
					link = NULL;
				}
				m_flag = !lower || !(lower->ifi->ifi_flags & IFF_UP);
			}
		} else {
			if (is_json())
				print_null(PRINT_JSON, "link", NULL, "none");
			else
				link = "NONE";
		}
		if (link) {
			(void)snprintf(buf, sizeof(buf), "%s@%s", name, link);
			name = buf;
		}
	}
	print_string(PRINT_ANY, "ifname", fmt, name);
	return m_flag;
}

static const char *index_name(const struct ip_links *all, int ifindex, char *buf, size_t size)
{
	const struct ip_link *l = ip_links_find(all, ifindex);

	if (l)
		return l->name;
	(void)snprintf(buf, size, "if%d", ifindex);
	return buf;
}

/* ---------------------------------------------------------------- -d: kinds */

static void print_hex_string(const char *key, const char *fmt, unsigned v)
{
	char buf[32];

	(void)snprintf(buf, sizeof(buf), "%#x", v);
	print_string(PRINT_ANY, key, fmt, buf);
}

/* ll_proto_n2a() for the two VLAN protocols, as the bridge and vlan kinds print them */
static void print_vlan_protocol(const char *key, const char *fmt, const struct nlattr *a)
{
	uint16_t proto = be16toh(attr_u16(a));

	if (proto == ETH_P_8021Q)
		print_string(PRINT_ANY, key, fmt, "802.1Q");
	else if (proto == ETH_P_8021AD)
		print_string(PRINT_ANY, key, fmt, "802.1ad");
	else
		print_hex_string(key, fmt, proto);
}

/*
 * The -d fields of a bridge and of a bridge's port: iplink_bridge.c's
 * bridge_print_opt() and iplink_bridge_slave.c's bridge_slave_print_opt() as
 * tables, in ip's order, each row an attribute, its JSON key, its text and
 * how ip prints it.  A row is printed when the kernel sent its attribute.
 */
enum attr_print {
	AP_UINT,       /* print_uint("%u") of a number of @size bytes */
	AP_U64,	       /* print_u64("%llu") of a u64 */
	AP_INT,	       /* print_int("%d") of a number of @size bytes */
	AP_TIMER,      /* _bridge_print_timer(): "KEY %4i.%.2i " in text, nothing in JSON */
	AP_VLAN_PROTO, /* "802.1Q", "802.1ad" or the number in hex */
	AP_BRIDGE_ID,  /* br_dump_bridge_id() */
	AP_HEX,	       /* "%#x" of a u16, as a string */
	AP_MASK,       /* a u16 mask as a string: "0", else "%#x" */
	AP_LLADDR,     /* a link-layer address */
	AP_BOOLOPT,    /* IFLA_BR_MULTI_BOOLOPT: no_linklocal_learn, mcast_vlan_snooping */
	AP_ONOFF,      /* _print_onoff(): "KEY on|off " in text, a bool in JSON */
	AP_ONOFF_TEXT, /* "on"/"off" through @fmt, in text only */
	AP_PORT_STATE, /* a port's STP state by name, else "state (%d) " */
	AP_PORT_MASK,  /* a port's group_fwd_mask, then its names (group_fwd_mask_str) */
};

struct attr_printer {
	unsigned short type; /* IFLA_BR_*, IFLA_BRPORT_* */
	unsigned char size;  /* bytes of a number: 1, 2, 4 or 8 */
	unsigned char how;   /* enum attr_print */
	const char *key;     /* the JSON key (the text's word for AP_TIMER and AP_ONOFF) */
	const char *fmt;     /* the text */
};

static const struct attr_printer bridge_printers[] = {
	{ IFLA_BR_FORWARD_DELAY, 4, AP_UINT, "forward_delay", "forward_delay %u " },
	{ IFLA_BR_HELLO_TIME, 4, AP_UINT, "hello_time", "hello_time %u " },
	{ IFLA_BR_MAX_AGE, 4, AP_UINT, "max_age", "max_age %u " },
	{ IFLA_BR_AGEING_TIME, 4, AP_UINT, "ageing_time", "ageing_time %u " },
	{ IFLA_BR_STP_STATE, 4, AP_UINT, "stp_state", "stp_state %u " },
	{ IFLA_BR_PRIORITY, 2, AP_UINT, "priority", "priority %u " },
	{ IFLA_BR_VLAN_FILTERING, 1, AP_UINT, "vlan_filtering", "vlan_filtering %u " },
	{ IFLA_BR_VLAN_PROTOCOL, 2, AP_VLAN_PROTO, "vlan_protocol", "vlan_protocol %s " },
	{ IFLA_BR_BRIDGE_ID, 0, AP_BRIDGE_ID, "bridge_id", "bridge_id %s " },
	{ IFLA_BR_ROOT_ID, 0, AP_BRIDGE_ID, "root_id", "designated_root %s " },
	{ IFLA_BR_ROOT_PORT, 2, AP_UINT, "root_port", "root_port %u " },
	{ IFLA_BR_ROOT_PATH_COST, 4, AP_UINT, "root_path_cost", "root_path_cost %u " },
	{ IFLA_BR_TOPOLOGY_CHANGE, 1, AP_UINT, "topology_change", "topology_change %u " },
	{ IFLA_BR_TOPOLOGY_CHANGE_DETECTED, 1, AP_UINT, "topology_change_detected",
	  "topology_change_detected %u " },
	{ IFLA_BR_HELLO_TIMER, 8, AP_TIMER, "hello_timer", NULL },
	{ IFLA_BR_TCN_TIMER, 8, AP_TIMER, "tcn_timer", NULL },
	{ IFLA_BR_TOPOLOGY_CHANGE_TIMER, 8, AP_TIMER, "topology_change_timer", NULL },
	{ IFLA_BR_GC_TIMER, 8, AP_TIMER, "gc_timer", NULL },
	{ IFLA_BR_VLAN_DEFAULT_PVID, 2, AP_UINT, "vlan_default_pvid", "vlan_default_pvid %u " },
	{ IFLA_BR_VLAN_STATS_ENABLED, 1, AP_UINT, "vlan_stats_enabled", "vlan_stats_enabled %u " },
	{ IFLA_BR_VLAN_STATS_PER_PORT, 1, AP_UINT, "vlan_stats_per_port",
	  "vlan_stats_per_port %u " },
	{ IFLA_BR_GROUP_FWD_MASK, 2, AP_MASK, "group_fwd_mask", "group_fwd_mask %s " },
	{ IFLA_BR_GROUP_ADDR, 0, AP_LLADDR, "group_addr", "group_address %s " },
	{ IFLA_BR_MCAST_SNOOPING, 1, AP_UINT, "mcast_snooping", "mcast_snooping %u " },
	{ IFLA_BR_MULTI_BOOLOPT, 0, AP_BOOLOPT, NULL, NULL },
	{ IFLA_BR_MCAST_ROUTER, 1, AP_UINT, "mcast_router", "mcast_router %u " },
	{ IFLA_BR_MCAST_QUERY_USE_IFADDR, 1, AP_UINT, "mcast_query_use_ifaddr",
	  "mcast_query_use_ifaddr %u " },
	{ IFLA_BR_MCAST_QUERIER, 1, AP_UINT, "mcast_querier", "mcast_querier %u " },
	{ IFLA_BR_MCAST_HASH_ELASTICITY, 4, AP_UINT, "mcast_hash_elasticity",
	  "mcast_hash_elasticity %u " },
	{ IFLA_BR_MCAST_HASH_MAX, 4, AP_UINT, "mcast_hash_max", "mcast_hash_max %u " },
	{ IFLA_BR_MCAST_LAST_MEMBER_CNT, 4, AP_UINT, "mcast_last_member_cnt",
	  "mcast_last_member_count %u " },
	{ IFLA_BR_MCAST_STARTUP_QUERY_CNT, 4, AP_UINT, "mcast_startup_query_cnt",
	  "mcast_startup_query_count %u " },
	{ IFLA_BR_MCAST_LAST_MEMBER_INTVL, 8, AP_U64, "mcast_last_member_intvl",
	  "mcast_last_member_interval %llu " },
	{ IFLA_BR_MCAST_MEMBERSHIP_INTVL, 8, AP_U64, "mcast_membership_intvl",
	  "mcast_membership_interval %llu " },
	{ IFLA_BR_MCAST_QUERIER_INTVL, 8, AP_U64, "mcast_querier_intvl",
	  "mcast_querier_interval %llu " },
	{ IFLA_BR_MCAST_QUERY_INTVL, 8, AP_U64, "mcast_query_intvl", "mcast_query_interval %llu " },
	{ IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, 8, AP_U64, "mcast_query_response_intvl",
	  "mcast_query_response_interval %llu " },
	{ IFLA_BR_MCAST_STARTUP_QUERY_INTVL, 8, AP_U64, "mcast_startup_query_intvl",
	  "mcast_startup_query_interval %llu " },
	{ IFLA_BR_MCAST_STATS_ENABLED, 1, AP_UINT, "mcast_stats_enabled",
	  "mcast_stats_enabled %u " },
	{ IFLA_BR_MCAST_IGMP_VERSION, 1, AP_UINT, "mcast_igmp_version", "mcast_igmp_version %u " },
	{ IFLA_BR_MCAST_MLD_VERSION, 1, AP_UINT, "mcast_mld_version", "mcast_mld_version %u " },
	{ IFLA_BR_NF_CALL_IPTABLES, 1, AP_UINT, "nf_call_iptables", "nf_call_iptables %u " },
	{ IFLA_BR_NF_CALL_IP6TABLES, 1, AP_UINT, "nf_call_ip6tables", "nf_call_ip6tables %u " },
	{ IFLA_BR_NF_CALL_ARPTABLES, 1, AP_UINT, "nf_call_arptables", "nf_call_arptables %u " },
};

static const struct attr_printer bridge_port_printers[] = {
	{ IFLA_BRPORT_STATE, 1, AP_PORT_STATE, "state", "state %s " },
	{ IFLA_BRPORT_PRIORITY, 2, AP_INT, "priority", "priority %d " },
	{ IFLA_BRPORT_COST, 4, AP_INT, "cost", "cost %d " },
	{ IFLA_BRPORT_MODE, 1, AP_ONOFF, "hairpin", NULL },
	{ IFLA_BRPORT_GUARD, 1, AP_ONOFF, "guard", NULL },
	{ IFLA_BRPORT_PROTECT, 1, AP_ONOFF, "root_block", NULL },
	{ IFLA_BRPORT_FAST_LEAVE, 1, AP_ONOFF, "fastleave", NULL },
	{ IFLA_BRPORT_LEARNING, 1, AP_ONOFF, "learning", NULL },
	{ IFLA_BRPORT_UNICAST_FLOOD, 1, AP_ONOFF, "flood", NULL },
	{ IFLA_BRPORT_ID, 2, AP_HEX, "id", "port_id %s " },
	{ IFLA_BRPORT_NO, 2, AP_HEX, "no", "port_no %s " },
	{ IFLA_BRPORT_DESIGNATED_PORT, 2, AP_UINT, "designated_port", "designated_port %u " },
	{ IFLA_BRPORT_DESIGNATED_COST, 2, AP_UINT, "designated_cost", "designated_cost %u " },
	{ IFLA_BRPORT_BRIDGE_ID, 0, AP_BRIDGE_ID, "bridge_id", "designated_bridge %s " },
	{ IFLA_BRPORT_ROOT_ID, 0, AP_BRIDGE_ID, "root_id", "designated_root %s " },
	{ IFLA_BRPORT_HOLD_TIMER, 8, AP_TIMER, "hold_timer", NULL },
	{ IFLA_BRPORT_MESSAGE_AGE_TIMER, 8, AP_TIMER, "message_age_timer", NULL },
	{ IFLA_BRPORT_FORWARD_DELAY_TIMER, 8, AP_TIMER, "forward_delay_timer", NULL },
	{ IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, 1, AP_UINT, "topology_change_ack",
	  "topology_change_ack %u " },
	{ IFLA_BRPORT_CONFIG_PENDING, 1, AP_UINT, "config_pending", "config_pending %u " },
	{ IFLA_BRPORT_PROXYARP, 1, AP_ONOFF, "proxy_arp", NULL },
	{ IFLA_BRPORT_PROXYARP_WIFI, 1, AP_ONOFF, "proxy_arp_wifi", NULL },
	{ IFLA_BRPORT_MULTICAST_ROUTER, 1, AP_UINT, "multicast_router", "mcast_router %u " },
	/* the text's second word for fast leave: JSON has it as "fastleave" above */
	{ IFLA_BRPORT_FAST_LEAVE, 1, AP_ONOFF_TEXT, NULL, "mcast_fast_leave %s " },
	{ IFLA_BRPORT_MCAST_FLOOD, 1, AP_ONOFF, "mcast_flood", NULL },
	{ IFLA_BRPORT_BCAST_FLOOD, 1, AP_ONOFF, "bcast_flood", NULL },
	{ IFLA_BRPORT_MCAST_TO_UCAST, 1, AP_ONOFF, "mcast_to_unicast", NULL },
	{ IFLA_BRPORT_NEIGH_SUPPRESS, 1, AP_ONOFF, "neigh_suppress", NULL },
	{ IFLA_BRPORT_GROUP_FWD_MASK, 2, AP_PORT_MASK, "group_fwd_mask", "group_fwd_mask %s " },
	{ IFLA_BRPORT_VLAN_TUNNEL, 1, AP_ONOFF, "vlan_tunnel", NULL },
	{ IFLA_BRPORT_ISOLATED, 1, AP_ONOFF, "isolated", NULL },
	{ IFLA_BRPORT_LOCKED, 1, AP_ONOFF, "locked", NULL },
};

/* A number attribute of @size bytes; 0 when it is shorter. */
static uint64_t attr_num(const struct nlattr *a, unsigned size)
{
	switch (size) {
	case 1:
		return attr_u8(a);
	case 2:
		return attr_u16(a);
	case 4:
		return attr_u32(a);
	default:
		return attr_u64(a);
	}
}

/* group_fwd_mask_str: the bits by the names of the protocols ip knows ("stp,lacp") */
static void print_port_mask(const struct attr_printer *p, unsigned mask)
{
	static const char *const names[16] = { [0] = "stp", [2] = "lacp", [14] = "lldp" };
	char buf[256];
	size_t len = 0;

	(void)snprintf(buf, sizeof(buf), mask ? "%#x" : "0", mask);
	print_string(PRINT_ANY, p->key, p->fmt, buf);
	buf[0] = '\0';
	for (unsigned i = 0; i < 16; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (names[i])
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s,", names[i]);
		else
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, "0x%x,", 1u << i);
	}
	if (len == 0)
		(void)snprintf(buf, sizeof(buf), "0x0");
	else
		buf[len - 1] = '\0';
	print_string(PRINT_ANY, "group_fwd_mask_str", "group_fwd_mask_str %s ", buf);
}

/* IFLA_BR_MULTI_BOOLOPT: the options the kernel says it has */
static void print_boolopt(const struct nlattr *a)
{
	const struct br_boolopt_multi *bm;
	uint32_t ll = 1u << BR_BOOLOPT_NO_LL_LEARN, mv = 1u << BR_BOOLOPT_MCAST_VLAN_SNOOPING;

	if (sym_mnl_attr_get_payload_len(a) < sizeof(*bm))
		return;
	bm = sym_mnl_attr_get_payload(a);
	if (bm->optmask & ll)
		print_uint(PRINT_ANY, "no_linklocal_learn", "no_linklocal_learn %u ",
			   !!(bm->optval & ll));
	if (bm->optmask & mv)
		print_uint(PRINT_ANY, "mcast_vlan_snooping", "mcast_vlan_snooping %u ",
			   !!(bm->optval & mv));
}

static void print_attr(const struct attr_printer *p, const struct nlattr *a)
{
	static const char *const port_states[] = { "disabled", "listening", "learning",
						   "forwarding", "blocking" };
	uint64_t v = attr_num(a, p->size);
	char buf[64];

	switch ((enum attr_print)p->how) {
	case AP_UINT:
		print_uint(PRINT_ANY, p->key, p->fmt, (unsigned)v);
		break;
	case AP_U64:
		print_u64(PRINT_ANY, p->key, p->fmt, v);
		break;
	case AP_INT:
		print_int(PRINT_ANY, p->key, p->fmt, (int)v);
		break;
	case AP_TIMER:
		/* ip writes a bare number into its JSON, which nook's JSON output
		 * cannot hold yet: the timers are left out of -j */
		if (!is_json())
			print_text("%s %4i.%.2i ", p->key, (int)(v / 100), (int)(v % 100));
		break;
	case AP_VLAN_PROTO:
		print_vlan_protocol(p->key, p->fmt, a);
		break;
	case AP_BRIDGE_ID:
		print_string(PRINT_ANY, p->key, p->fmt, bridge_id(a, buf, sizeof(buf)));
		break;
	case AP_HEX:
		print_hex_string(p->key, p->fmt, (unsigned)v);
		break;
	case AP_MASK:
		(void)snprintf(buf, sizeof(buf), v ? "%#x" : "0", (unsigned)v);
		print_string(PRINT_ANY, p->key, p->fmt, buf);
		break;
	case AP_LLADDR:
		print_string(PRINT_ANY, p->key, p->fmt, ll_addr(a, ARPHRD_ETHER, buf, sizeof(buf)));
		break;
	case AP_BOOLOPT:
		print_boolopt(a);
		break;
	case AP_ONOFF:
		if (is_json())
			print_bool(PRINT_JSON, p->key, NULL, v);
		else
			print_text("%s %s ", p->key, v ? "on" : "off");
		break;
	case AP_ONOFF_TEXT:
		print_string(PRINT_FP, NULL, p->fmt, v ? "on" : "off");
		break;
	case AP_PORT_STATE:
		if (v < ELEMENTSOF(port_states))
			print_string(PRINT_ANY, p->key, p->fmt, port_states[v]);
		else
			print_int(PRINT_ANY, "state_index", "state (%d) ", (int)v);
		break;
	case AP_PORT_MASK:
		print_port_mask(p, (unsigned)v);
		break;
	}
}

/* The rows of @printers whose attributes @tb has, in the table's order. */
static void print_attrs(const struct attr_printer *printers, size_t n,
			const struct nlattr *const *tb)
{
	for (size_t i = 0; i < n; i++)
		if (tb[printers[i].type])
			print_attr(&printers[i], tb[printers[i].type]);
}

static void print_vlan_data(const struct nlattr *const *tb)
{
	static const struct {
		unsigned flag;
		const char *name;
	} names[] = {
		{ VLAN_FLAG_REORDER_HDR, "REORDER_HDR" },
		{ VLAN_FLAG_GVRP, "GVRP" },
		{ VLAN_FLAG_MVRP, "MVRP" },
		{ VLAN_FLAG_LOOSE_BINDING, "LOOSE_BINDING" },
		{ VLAN_FLAG_BRIDGE_BINDING, "BRIDGE_BINDING" },
	};
	char buf[32];

	if (tb[IFLA_VLAN_PROTOCOL])
		print_vlan_protocol("protocol", "protocol %s ", tb[IFLA_VLAN_PROTOCOL]);
	if (tb[IFLA_VLAN_ID])
		print_uint(PRINT_ANY, "id", "id %u ", attr_u16(tb[IFLA_VLAN_ID]));
	if (tb[IFLA_VLAN_FLAGS] &&
	    sym_mnl_attr_get_payload_len(tb[IFLA_VLAN_FLAGS]) >= sizeof(struct ifla_vlan_flags)) {
		const struct ifla_vlan_flags *vf = sym_mnl_attr_get_payload(tb[IFLA_VLAN_FLAGS]);
		unsigned flags = vf->flags;

		open_json_array(PRINT_ANY, is_json() ? "flags" : "<");
		for (size_t i = 0; i < ELEMENTSOF(names); i++) {
			if (!(flags & names[i].flag))
				continue;
			flags &= ~names[i].flag;
			print_string(PRINT_ANY, NULL, flags ? "%s," : "%s", names[i].name);
		}
		if (flags) {
			(void)snprintf(buf, sizeof(buf), "%x", flags);
			print_string(PRINT_ANY, NULL, "%s", buf);
		}
		close_json_array(PRINT_ANY, "> ");
	}
}

/* print_linktype(): the kind, what only the kind has, and the same for a port of a bridge */
static void print_linktype(const struct nlattr *linkinfo)
{
	const struct nlattr *info[IFLA_INFO_MAX + 1];
	const struct nlattr *data[IFLA_BR_MAX + IFLA_BRPORT_MAX + IFLA_VLAN_MAX + 3];
	const char *kind, *slave;

	if (nl_parse_nested(linkinfo, info, IFLA_INFO_MAX) < 0)
		return;
	open_json_object("linkinfo");
	if (info[IFLA_INFO_KIND]) {
		kind = attr_str(info[IFLA_INFO_KIND]);
		print_nl();
		print_string(PRINT_ANY, "info_kind", "    %s ", kind);
		/* the kinds whose data ip prints (veth has none of its own) */
		if (streq(kind, "bridge") || streq(kind, "vlan")) {
			bool bridge = streq(kind, "bridge");
			unsigned max = bridge ? IFLA_BR_MAX : IFLA_VLAN_MAX;

			memset(data, 0, sizeof(data));
			open_json_object("info_data");
			if (info[IFLA_INFO_DATA] &&
			    nl_parse_nested(info[IFLA_INFO_DATA], data, max) >= 0) {
				if (bridge)
					print_attrs(bridge_printers, ELEMENTSOF(bridge_printers),
						    data);
				else
					print_vlan_data(data);
			}
			close_json_object();
		}
	}
	if (info[IFLA_INFO_SLAVE_KIND]) {
		slave = attr_str(info[IFLA_INFO_SLAVE_KIND]);
		print_nl();
		print_string(PRINT_ANY, "info_slave_kind", "    %s_slave ", slave);
		if (streq(slave, "bridge")) {
			memset(data, 0, sizeof(data));
			open_json_object("info_slave_data");
			if (info[IFLA_INFO_SLAVE_DATA] &&
			    nl_parse_nested(info[IFLA_INFO_SLAVE_DATA], data, IFLA_BRPORT_MAX) >= 0)
				print_attrs(bridge_port_printers, ELEMENTSOF(bridge_port_printers),
					    data);
			close_json_object();
		}
	}
	close_json_object();
}

/* print_af_spec(): the IPv6 address generation mode */
static void print_af_spec(const struct nlattr *af_spec)
{
	const struct nlattr *af[AF_MAX + 1], *inet6, *tb[IFLA_INET6_MAX + 1];
	uint8_t mode;
	char buf[16];

	if (nl_parse_nested(af_spec, af, AF_MAX) < 0)
		return;
	inet6 = af[AF_INET6];
	if (!inet6 || nl_parse_nested(inet6, tb, IFLA_INET6_MAX) < 0 ||
	    !tb[IFLA_INET6_ADDR_GEN_MODE])
		return;
	mode = attr_u8(tb[IFLA_INET6_ADDR_GEN_MODE]);
	switch (mode) {
	case IN6_ADDR_GEN_MODE_EUI64:
		print_string(PRINT_ANY, "inet6_addr_gen_mode", "addrgenmode %s ", "eui64");
		break;
	case IN6_ADDR_GEN_MODE_NONE:
		print_string(PRINT_ANY, "inet6_addr_gen_mode", "addrgenmode %s ", "none");
		break;
	case IN6_ADDR_GEN_MODE_STABLE_PRIVACY:
		print_string(PRINT_ANY, "inet6_addr_gen_mode", "addrgenmode %s ", "stable_secret");
		break;
	case IN6_ADDR_GEN_MODE_RANDOM:
		print_string(PRINT_ANY, "inet6_addr_gen_mode", "addrgenmode %s ", "random");
		break;
	default:
		(void)snprintf(buf, sizeof(buf), "%#.2hhx", mode);
		print_string(PRINT_ANY, "inet6_addr_gen_mode", "addrgenmode %s ", buf);
		break;
	}
}

/* ---------------------------------------------------------------- the device lines */

/* print_queuelen(): IPv6's table of devices (-6) has no IFLA_TXQLEN; ip asks by ioctl. */
static int txqlen_ioctl(const char *name)
{
	_cleanup_close_ int fd = -EBADF;
	struct ifreq ifr = { 0 };

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || strlen(name) >= sizeof(ifr.ifr_name))
		return 0;
	memcpy(ifr.ifr_name, name, strlen(name));
	if (ioctl(fd, SIOCGIFTXQLEN, &ifr) < 0)
		return 0;
	return ifr.ifr_qlen;
}

static int print_altname(const struct nlattr *a, void *data _unused_)
{
	if (sym_mnl_attr_get_type(a) == IFLA_ALT_IFNAME) {
		print_nl();
		print_text("    altname ");
		print_string(PRINT_ANY, NULL, "%s", attr_str(a));
	}
	return MNL_CB_OK;
}

/* "type KIND", or "type KIND_slave" for the devices enslaved to a KIND (the word is cut). */
void ip_link_filter_type(struct ip_link_filter *f, char *type)
{
	size_t n = strlen(type);

	if (n >= 6 && streq(type + n - 6, "_slave")) {
		type[n - 6] = '\0';
		f->slave_kind = type;
	} else {
		f->kind = type;
	}
}

/**
 * ip_link_match() - whether ip's print_linkinfo() shows @l under @f
 * @l: the device
 * @f: the filter
 *
 * Return: true to print it.
 */
bool ip_link_match(const struct ip_link *l, const struct ip_link_filter *f)
{
	const struct nlattr *info[IFLA_INFO_MAX + 1];
	const char *kind = "", *slave = "";

	if (f->ifindex && l->ifi->ifi_index != f->ifindex)
		return false;
	if (f->up && !(l->ifi->ifi_flags & IFF_UP))
		return false;
	if (f->down && (l->ifi->ifi_flags & IFF_UP))
		return false;
	if (l->tb[IFLA_MASTER]) {
		if (f->master > 0 && (int)attr_u32(l->tb[IFLA_MASTER]) != f->master)
			return false;
	} else if (f->master > 0) {
		return false;
	}
	if (!f->kind && !f->slave_kind)
		return true;
	if (!l->tb[IFLA_LINKINFO])
		return false;
	if (nl_parse_nested(l->tb[IFLA_LINKINFO], info, IFLA_INFO_MAX) >= 0) {
		kind = attr_str(info[IFLA_INFO_KIND]);
		slave = attr_str(info[IFLA_INFO_SLAVE_KIND]);
	}
	if (f->kind && !streq(kind, f->kind))
		return false;
	if (f->slave_kind && !streq(slave, f->slave_kind))
		return false;
	return true;
}

/**
 * ip_link_print_brief() - "v1@if2           UP             ..." (-br)
 * @all: the namespace's devices, for names
 * @l: the device
 * @do_link: "link show" (address and flags follow, and the line ends); else "addr show"
 */
void ip_link_print_brief(const struct ip_links *all, const struct ip_link *l, bool do_link)
{
	unsigned m_flag = print_name_and_link(all, "%-16s ", l);
	char buf[128];

	if (l->tb[IFLA_OPERSTATE])
		print_operstate(attr_u8(l->tb[IFLA_OPERSTATE]));
	if (!do_link)
		return;
	if (l->tb[IFLA_ADDRESS])
		print_string(PRINT_ANY, "address", "%s ",
			     ll_addr(l->tb[IFLA_ADDRESS], l->ifi->ifi_type, buf, sizeof(buf)));
	print_link_flags(l->ifi->ifi_flags, m_flag);
	print_string(PRINT_FP, NULL, "%s", "\n");
}

/**
 * ip_link_print() - the lines of one device, as "ip link show" and "ip addr show" print them
 * @all: the namespace's devices, for the names of masters and lower devices
 * @l: the device
 * @do_link: "link show" ("mode DEFAULT", addrgenmode); else "addr show"
 * @family: ip's -4/-6 (AF_UNSPEC none): the "link/ether" line is left out under them
 */
void ip_link_print(const struct ip_links *all, const struct ip_link *l, bool do_link, int family)
{
	const struct ifinfomsg *ifi = l->ifi;
	const struct nlattr *const *tb = l->tb;
	char buf[128], tbuf[32];
	unsigned m_flag;
	int qlen;

	if (ip_opts.brief) {
		ip_link_print_brief(all, l, do_link);
		return;
	}
	print_int(PRINT_ANY, "ifindex", "%d: ", ifi->ifi_index);
	m_flag = print_name_and_link(all, "%s: ", l);
	print_link_flags(ifi->ifi_flags, m_flag);
	if (tb[IFLA_MTU])
		print_int(PRINT_ANY, "mtu", "mtu %d ", (int)attr_u32(tb[IFLA_MTU]));
	if (tb[IFLA_QDISC])
		print_string(PRINT_ANY, "qdisc", "qdisc %s ", attr_str(tb[IFLA_QDISC]));
	if (tb[IFLA_MASTER])
		print_string(PRINT_ANY, "master", "master %s ",
			     index_name(all, (int)attr_u32(tb[IFLA_MASTER]), tbuf, sizeof(tbuf)));
	if (tb[IFLA_OPERSTATE])
		print_operstate(attr_u8(tb[IFLA_OPERSTATE]));
	if (do_link && tb[IFLA_LINKMODE]) {
		uint8_t mode = attr_u8(tb[IFLA_LINKMODE]);

		if (mode == 0 || mode == 1)
			print_string(PRINT_ANY, "linkmode", "mode %s ",
				     mode ? "DORMANT" : "DEFAULT");
		else
			print_int(PRINT_ANY, "linkmode_index", "mode %d ", mode);
	}
	if (tb[IFLA_GROUP]) {
		uint32_t group = attr_u32(tb[IFLA_GROUP]);

		(void)snprintf(tbuf, sizeof(tbuf), "%u", group);
		print_string(PRINT_ANY, "group", "group %s ", group ? tbuf : "default");
	}
	qlen = tb[IFLA_TXQLEN] ? (int)attr_u32(tb[IFLA_TXQLEN]) : txqlen_ioctl(l->name);
	if (qlen)
		print_int(PRINT_ANY, "txqlen", "qlen %d", qlen);

	if (family == AF_UNSPEC || family == AF_PACKET || ip_opts.details) {
		print_nl();
		print_string(PRINT_ANY, "link_type", "    link/%s ",
			     ll_type_name(ifi->ifi_type, tbuf, sizeof(tbuf)));
		if (tb[IFLA_ADDRESS])
			print_string(PRINT_ANY, "address", "%s",
				     ll_addr(tb[IFLA_ADDRESS], ifi->ifi_type, buf, sizeof(buf)));
		if (tb[IFLA_BROADCAST]) {
			if (ifi->ifi_flags & IFF_POINTOPOINT) {
				print_string(PRINT_FP, NULL, " peer ", NULL);
				print_bool(PRINT_JSON, "link_pointtopoint", NULL, true);
			} else {
				print_string(PRINT_FP, NULL, " brd ", NULL);
			}
			print_string(PRINT_ANY, "broadcast", "%s",
				     ll_addr(tb[IFLA_BROADCAST], ifi->ifi_type, buf, sizeof(buf)));
		}
		if (tb[IFLA_PERM_ADDRESS]) {
			const struct nlattr *p = tb[IFLA_PERM_ADDRESS], *a = tb[IFLA_ADDRESS];
			uint16_t len = sym_mnl_attr_get_payload_len(p);

			if (!a || sym_mnl_attr_get_payload_len(a) != len ||
			    memcmp(sym_mnl_attr_get_payload(p), sym_mnl_attr_get_payload(a), len)) {
				print_string(PRINT_FP, NULL, " permaddr ", NULL);
				print_string(PRINT_ANY, "permaddr", "%s",
					     ll_addr(p, ifi->ifi_type, buf, sizeof(buf)));
			}
		}
	}
	if (tb[IFLA_LINK_NETNSID]) {
		int id = (int)attr_u32(tb[IFLA_LINK_NETNSID]);
		const char *ns;

		if (is_json())
			print_int(PRINT_JSON, "link_netnsid", NULL, id);
		else if (id < 0)
			print_string(PRINT_FP, NULL, " link-netnsid %s", "unknown");
		else if ((ns = nsid_name(id)))
			print_string(PRINT_FP, NULL, " link-netns %s", ns);
		else
			print_int(PRINT_FP, NULL, " link-netnsid %d", id);
	}
	if (tb[IFLA_PROTO_DOWN] && attr_u8(tb[IFLA_PROTO_DOWN]))
		print_bool(PRINT_ANY, "proto_down", " protodown on ", true);

	if (ip_opts.details) {
		static const struct {
			unsigned type;
			const char *key, *fmt;
		} tail[] = {
			{ IFLA_NUM_TX_QUEUES, "num_tx_queues", "numtxqueues %u " },
			{ IFLA_NUM_RX_QUEUES, "num_rx_queues", "numrxqueues %u " },
			{ IFLA_GSO_MAX_SIZE, "gso_max_size", "gso_max_size %u " },
			{ IFLA_GSO_MAX_SEGS, "gso_max_segs", "gso_max_segs %u " },
			{ IFLA_TSO_MAX_SIZE, "tso_max_size", "tso_max_size %u " },
			{ IFLA_TSO_MAX_SEGS, "tso_max_segs", "tso_max_segs %u " },
			{ IFLA_GRO_MAX_SIZE, "gro_max_size", "gro_max_size %u " },
		};

		if (tb[IFLA_PROMISCUITY])
			print_uint(PRINT_ANY, "promiscuity", " promiscuity %u ",
				   attr_u32(tb[IFLA_PROMISCUITY]));
		if (tb[IFLA_ALLMULTI])
			print_uint(PRINT_ANY, "allmulti", " allmulti %u ",
				   attr_u32(tb[IFLA_ALLMULTI]));
		if (tb[IFLA_MIN_MTU])
			print_uint(PRINT_ANY, "min_mtu", "minmtu %u ", attr_u32(tb[IFLA_MIN_MTU]));
		if (tb[IFLA_MAX_MTU])
			print_uint(PRINT_ANY, "max_mtu", "maxmtu %u ", attr_u32(tb[IFLA_MAX_MTU]));
		if (tb[IFLA_LINKINFO])
			print_linktype(tb[IFLA_LINKINFO]);
		if (do_link && tb[IFLA_AF_SPEC])
			print_af_spec(tb[IFLA_AF_SPEC]);
		for (size_t i = 0; i < ELEMENTSOF(tail); i++)
			if (tb[tail[i].type])
				print_uint(PRINT_ANY, tail[i].key, tail[i].fmt,
					   attr_u32(tb[tail[i].type]));
		if (tb[IFLA_PHYS_PORT_NAME])
			print_string(PRINT_ANY, "phys_port_name", "portname %s ",
				     attr_str(tb[IFLA_PHYS_PORT_NAME]));
		if (tb[IFLA_PARENT_DEV_BUS_NAME])
			print_string(PRINT_ANY, "parentbus", "parentbus %s ",
				     attr_str(tb[IFLA_PARENT_DEV_BUS_NAME]));
		if (tb[IFLA_PARENT_DEV_NAME])
			print_string(PRINT_ANY, "parentdev", "parentdev %s ",
				     attr_str(tb[IFLA_PARENT_DEV_NAME]));
	}
	if ((do_link || ip_opts.details) && tb[IFLA_IFALIAS]) {
		print_nl();
		print_text("    ");
		print_string(PRINT_ANY, "ifalias", "alias %s", attr_str(tb[IFLA_IFALIAS]));
	}
	if (tb[IFLA_PROP_LIST]) {
		open_json_array(PRINT_JSON, "altnames");
		(void)sym_mnl_attr_parse_nested(tb[IFLA_PROP_LIST], print_altname, NULL);
		close_json_array(PRINT_JSON, NULL);
	}
	print_string(PRINT_FP, NULL, "%s", "\n");
}
