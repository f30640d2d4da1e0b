/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <string.h>
#include <sys/socket.h>

#include "dlib.h"
#include "link.h"
#include "macro.h"
#include "nl.h"

/* The attributes that "add" and "set" share: where the device is and how it looks. */
static void put_common(struct nlmsghdr *nlh, const struct link_req *req)
{
	if (req->name)
		sym_mnl_attr_put_strz(nlh, IFLA_IFNAME, req->name);
	if (req->netns_fd >= 0)
		sym_mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (uint32_t)req->netns_fd);
	else if (req->netns_pid > 0)
		sym_mnl_attr_put_u32(nlh, IFLA_NET_NS_PID, (uint32_t)req->netns_pid);
	if (req->mtu)
		sym_mnl_attr_put_u32(nlh, IFLA_MTU, req->mtu);
	if (req->txqlen)
		sym_mnl_attr_put_u32(nlh, IFLA_TXQLEN, req->txqlen);
	if (req->address)
		sym_mnl_attr_put(nlh, IFLA_ADDRESS, req->address_len, req->address);
	if (req->master >= 0)
		sym_mnl_attr_put_u32(nlh, IFLA_MASTER, (uint32_t)req->master);
	if (req->link > 0)
		sym_mnl_attr_put_u32(nlh, IFLA_LINK, (uint32_t)req->link);
}

/* IFLA_LINKINFO: the kind, and what only that kind has. */
static void put_linkinfo(struct nlmsghdr *nlh, const struct link_req *req)
{
	struct nlattr *info, *data, *peer;
	struct ifinfomsg *pifi;
	bool bridge_data;

	info = sym_mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	sym_mnl_attr_put_strz(nlh, IFLA_INFO_KIND, req->kind);
	if (streq(req->kind, "veth")) {
		data = sym_mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
		/* The peer is a whole ifinfomsg with attributes of its own. */
		peer = sym_mnl_attr_nest_start(nlh, VETH_INFO_PEER);
		pifi = sym_mnl_nlmsg_put_extra_header(nlh, sizeof(*pifi));
		pifi->ifi_family = AF_UNSPEC;
		if (req->peer_up >= 0) {
			pifi->ifi_change = IFF_UP;
			pifi->ifi_flags = req->peer_up ? IFF_UP : 0;
		}
		/* The peer's own words, as "ip link add ... peer name B mtu N" sends them:
		 * nothing of the first device is copied over. */
		if (req->peer_name)
			sym_mnl_attr_put_strz(nlh, IFLA_IFNAME, req->peer_name);
		if (req->peer_netns_fd >= 0)
			sym_mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (uint32_t)req->peer_netns_fd);
		else if (req->peer_netns_pid > 0)
			sym_mnl_attr_put_u32(nlh, IFLA_NET_NS_PID, (uint32_t)req->peer_netns_pid);
		if (req->peer_mtu)
			sym_mnl_attr_put_u32(nlh, IFLA_MTU, req->peer_mtu);
		if (req->peer_txqlen)
			sym_mnl_attr_put_u32(nlh, IFLA_TXQLEN, req->peer_txqlen);
		if (req->peer_address)
			sym_mnl_attr_put(nlh, IFLA_ADDRESS, req->peer_address_len,
					 req->peer_address);
		sym_mnl_attr_nest_end(nlh, peer);
		sym_mnl_attr_nest_end(nlh, data);
	} else if (streq(req->kind, "vlan") && req->vlan_id >= 0) {
		data = sym_mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
		sym_mnl_attr_put_u16(nlh, IFLA_VLAN_ID, (uint16_t)req->vlan_id);
		sym_mnl_attr_nest_end(nlh, data);
	} else if (streq(req->kind, "bridge")) {
		bridge_data = req->stp_state >= 0 || req->ageing_time >= 0;
		if (bridge_data) {
			data = sym_mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
			if (req->stp_state >= 0)
				sym_mnl_attr_put_u32(nlh, IFLA_BR_STP_STATE,
						     (uint32_t)req->stp_state);
			if (req->ageing_time >= 0)
				sym_mnl_attr_put_u32(nlh, IFLA_BR_AGEING_TIME,
						     (uint32_t)req->ageing_time);
			sym_mnl_attr_nest_end(nlh, data);
		}
	}
	sym_mnl_attr_nest_end(nlh, info);
}

/* Longest IFLA_IFNAME and IFLA_INFO_KIND sent.  The kernel refuses a name of IFNAMSIZ or more
 * itself ("Attribute failed policy validation", as ip shows it); the bound only keeps two
 * names, a kind and two addresses within NL_REQUEST_SIZE. */
#define LINK_STR_MAX 256
/* MAX_ADDR_LEN of the kernel: the longest IFLA_ADDRESS */
#define LINK_ADDR_MAX 32

/**
 * link_build() - the RTM_NEWLINK for @req, without sending it
 * @buf: NL_BUF
 * @type: RTM_NEWLINK (RTM_DELLINK with an empty @req)
 * @flags: NLM_F_CREATE | NLM_F_EXCL to make a device; 0 to change one
 * @ifindex: the device to change; 0 for a new one
 * @req: what to say
 * @ret_nlh: the message
 *
 * Apart from the tests, which check the bytes, callers use link_add() and link_set().
 *
 * Return: 0, or -EMSGSIZE when a name, kind or address would not fit (names are
 * checked by the kernel).
 */
int link_build(char *buf, uint16_t type, uint16_t flags, int ifindex, const struct link_req *req,
	       struct nlmsghdr **ret_nlh)
{
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;

	if (req->name && strlen(req->name) >= LINK_STR_MAX)
		return -EMSGSIZE;
	if (req->peer_name && strlen(req->peer_name) >= LINK_STR_MAX)
		return -EMSGSIZE;
	if (req->kind && strlen(req->kind) >= LINK_STR_MAX)
		return -EMSGSIZE;
	if ((req->address && req->address_len > LINK_ADDR_MAX) ||
	    (req->peer_address && req->peer_address_len > LINK_ADDR_MAX))
		return -EMSGSIZE;
	ifi = nl_msg_start(buf, type, flags, sizeof(*ifi), &nlh);
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	if (req->up >= 0) {
		ifi->ifi_change = IFF_UP;
		ifi->ifi_flags = req->up ? IFF_UP : 0;
	}
	put_common(nlh, req);
	if (req->kind)
		put_linkinfo(nlh, req);
	else if (req->stp_state >= 0 || req->ageing_time >= 0)
		/* bridge options on an existing bridge: the kind must be named */
		put_linkinfo(nlh, &(struct link_req){ .kind = "bridge",
						      .stp_state = req->stp_state,
						      .ageing_time = req->ageing_time });
	*ret_nlh = nlh;
	return 0;
}

/**
 * link_add() - make a device ("ip link add")
 * @nl: a route socket of the namespace to ask in
 * @req: the device; @req->kind is required, @req->netns_fd makes it in another namespace
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * A veth pair is made whole or not at all, by one request.
 *
 * Return: 0; -EEXIST when the name is taken; -EOPNOTSUPP with "Unknown device type"
 * when the kernel has no such kind; -errno.
 */
int link_add(struct mnl_socket *nl, const struct link_req *req, struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	int r;

	if (!req->kind)
		return -EINVAL;
	r = link_build(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, req, &nlh);
	if (r < 0)
		return r;
	return nl_talk(nl, nlh, NULL, NULL, ret_err);
}

/**
 * link_set() - change a device ("ip link set"), all changes in one request
 * @nl: a route socket of the device's namespace
 * @ifindex: the device
 * @req: the changes; unset fields are left alone
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * Return: 0, or -errno.
 */
int link_set(struct mnl_socket *nl, int ifindex, const struct link_req *req, struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	int r = link_build(buf, RTM_NEWLINK, 0, ifindex, req, &nlh);

	if (r < 0)
		return r;
	return nl_talk(nl, nlh, NULL, NULL, ret_err);
}

/**
 * link_del() - delete a device ("ip link del"); a veth's peer goes with it
 * @nl: a route socket of the device's namespace
 * @ifindex: the device
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * Return: 0, or -errno (-ENODEV when it is gone).
 */
int link_del(struct mnl_socket *nl, int ifindex, struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi = nl_msg_start(buf, RTM_DELLINK, 0, sizeof(*ifi), &nlh);

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	return nl_talk(nl, nlh, NULL, NULL, ret_err);
}

static int index_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifinfomsg *ifi = sym_mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type == RTM_NEWLINK && sym_mnl_nlmsg_get_payload_len(nlh) >= sizeof(*ifi))
		*(int *)data = ifi->ifi_index;
	return MNL_CB_OK;
}

/**
 * link_name_to_index() - the ifindex of a device in the socket's namespace
 * @nl: a route socket (if_nametoindex(3) only knows the process's namespace)
 * @name: the device's name
 * @ret_ifindex: its ifindex
 *
 * Return: 0; -ENODEV when there is none; -EINVAL for a name longer than
 * IFNAMSIZ - 1; -errno.
 */
int link_name_to_index(struct mnl_socket *nl, const char *name, int *ret_ifindex)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	int ifindex = 0, r;

	if (strnlen(name, IFNAMSIZ) >= IFNAMSIZ || !*name)
		return -EINVAL;
	ifi = nl_msg_start(buf, RTM_GETLINK, 0, sizeof(*ifi), &nlh);
	ifi->ifi_family = AF_UNSPEC;
	sym_mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	/* Without RTEXT_FILTER_VF the answer stays small. */
	sym_mnl_attr_put_u32(nlh, IFLA_EXT_MASK, 0);
	r = nl_talk(nl, nlh, index_cb, &ifindex, NULL);
	if (r < 0)
		return r == -ENOENT ? -ENODEV : r;
	if (ifindex <= 0)
		return -ENODEV;
	*ret_ifindex = ifindex;
	return 0;
}

/**
 * link_dump() - every device of the socket's namespace, or one
 * @nl: a route socket
 * @ifindex: 0 for all (a dump), else that device only
 * @cb: called with each RTM_NEWLINK message; parse it with nl_parse_attrs()
 * @data: for @cb
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * Return: 0, or -errno (-ENODEV when @ifindex is gone).
 */
int link_dump(struct mnl_socket *nl, int ifindex, mnl_cb_t cb, void *data, struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;

	ifi = nl_msg_start(buf, RTM_GETLINK, ifindex ? 0 : NLM_F_DUMP, sizeof(*ifi), &nlh);
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	return nl_talk(nl, nlh, cb, data, ret_err);
}

/**
 * link_dump_filter() - every device of the socket's namespace, as "ip link show" asks
 * @nl: a route socket
 * @family: AF_UNSPEC; AF_INET6 asks IPv6's own table of devices, which has
 *	fewer attributes (no qdisc, master or lower device), as "ip -6 addr" shows
 * @master: only the ports of this bridge (IFLA_MASTER); 0 for all
 * @kind: only devices of this kind (IFLA_INFO_KIND); NULL for all
 * @cb: called with each RTM_NEWLINK message
 * @data: for @cb
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * The kernel drops the devices that do not match, but only for a kind it
 * knows: an unknown @kind is ignored and every device comes back, which is
 * why ip, and its callers here, check the kind of each answer again.
 * Statistics are left out (RTEXT_FILTER_SKIP_STATS), as ip leaves them out
 * without -s.
 *
 * Return: 0, or -errno.
 */
int link_dump_filter(struct mnl_socket *nl, int family, int master, const char *kind, mnl_cb_t cb,
		     void *data, struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	struct nlattr *info;

	if (kind && strlen(kind) >= 64)
		return -EINVAL;
	ifi = nl_msg_start(buf, RTM_GETLINK, NLM_F_DUMP, sizeof(*ifi), &nlh);
	ifi->ifi_family = (unsigned char)family;
	/* A per-family dump (AF_INET6) is answered by that family, which with
	 * strict checking refuses any attribute: filters go with AF_UNSPEC only,
	 * as iproute2 sends them. */
	if (family != AF_UNSPEC && family != AF_PACKET)
		return nl_talk(nl, nlh, cb, data, ret_err);
	sym_mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
	if (master > 0)
		sym_mnl_attr_put_u32(nlh, IFLA_MASTER, (uint32_t)master);
	if (kind) {
		info = sym_mnl_attr_nest_start(nlh, IFLA_LINKINFO);
		sym_mnl_attr_put(nlh, IFLA_INFO_KIND, strlen(kind), kind);
		sym_mnl_attr_nest_end(nlh, info);
	}
	return nl_talk(nl, nlh, cb, data, ret_err);
}

/* The kernel options behind the kinds nook makes, for "Unknown device type". */
static const struct {
	const char *kind;
	const char *config;
} kind_configs[] = {
	{ "vlan", "802.1Q, CONFIG_VLAN_8021Q" },
	{ "dummy", "CONFIG_DUMMY" },
	{ "bridge", "CONFIG_BRIDGE" },
	{ "veth", "CONFIG_VETH" },
	{ "macvlan", "CONFIG_MACVLAN" },
	{ "vxlan", "CONFIG_VXLAN" },
	{ "bond", "CONFIG_BONDING" },
	{ "vrf", "CONFIG_NET_VRF" },
	{ "ipvlan", "CONFIG_IPVLAN" },
};

/**
 * link_kind_config() - what a kernel needs to make devices of @kind
 * @kind: "vlan", "dummy", ...
 *
 * A kernel built without a kind (and without its module) answers a request
 * for it with "Unknown device type", which does not say what is missing.
 *
 * Return: the option, "802.1Q, CONFIG_VLAN_8021Q" for "vlan"; NULL for a kind nook does not know.
 */
const char *link_kind_config(const char *kind)
{
	for (size_t i = 0; i < ELEMENTSOF(kind_configs); i++)
		if (streq(kind, kind_configs[i].kind))
			return kind_configs[i].config;
	return NULL;
}
