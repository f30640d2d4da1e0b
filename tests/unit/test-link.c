/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-link.c - the RTM_NEWLINK and RTM_NEWADDR messages nook builds, checked
 * attribute by attribute and byte by byte, without sending them (the kernel
 * of the machine running the tests may lack a kind, as it lacks 802.1Q here).
 */
#include <net/if.h>

#include <errno.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "dlib.h"
#include "link.h"
#include "nl.h"
#include "tap.h"

static bool mnl_loaded(void)
{
	return dlib_load_mnl() >= 0;
}

/* "ip link add link eth0 name eth0.10 type vlan id 10" */
TEST(vlan_message)
{
	NL_BUF(buf);
	struct link_req req = LINK_REQ_INIT;
	const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1], *data[IFLA_VLAN_MAX + 1];
	const struct ifinfomsg *ifi;
	struct nlmsghdr *nlh;

	if (!mnl_loaded())
		SKIP("no libmnl");
	req.name = "eth0.10";
	req.kind = "vlan";
	req.link = 7;
	req.vlan_id = 10;
	ASSERT_OK(link_build(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, &req, &nlh));
	EXPECT_EQ(nlh->nlmsg_type, RTM_NEWLINK);
	EXPECT_EQ(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL);
	ifi = sym_mnl_nlmsg_get_payload(nlh);
	EXPECT_EQ(ifi->ifi_family, AF_UNSPEC);
	EXPECT_EQ(ifi->ifi_index, 0);
	EXPECT_EQ(ifi->ifi_change, 0u);

	ASSERT_OK(nl_parse_attrs(nlh, sizeof(*ifi), tb, IFLA_MAX));
	ASSERT_TRUE(tb[IFLA_IFNAME]);
	EXPECT_STREQ(sym_mnl_attr_get_str(tb[IFLA_IFNAME]), "eth0.10");
	ASSERT_TRUE(tb[IFLA_LINK]);
	EXPECT_EQ(sym_mnl_attr_get_u32(tb[IFLA_LINK]), 7u);
	EXPECT_FALSE(tb[IFLA_MTU]);
	EXPECT_FALSE(tb[IFLA_NET_NS_FD]);
	ASSERT_TRUE(tb[IFLA_LINKINFO]);
	ASSERT_OK(nl_parse_nested(tb[IFLA_LINKINFO], info, IFLA_INFO_MAX));
	ASSERT_TRUE(info[IFLA_INFO_KIND]);
	EXPECT_STREQ(sym_mnl_attr_get_str(info[IFLA_INFO_KIND]), "vlan");
	ASSERT_TRUE(info[IFLA_INFO_DATA]);
	ASSERT_OK(nl_parse_nested(info[IFLA_INFO_DATA], data, IFLA_VLAN_MAX));
	ASSERT_TRUE(data[IFLA_VLAN_ID]);
	EXPECT_EQ(sym_mnl_attr_get_payload_len(data[IFLA_VLAN_ID]), 2u);
	EXPECT_EQ(sym_mnl_attr_get_u16(data[IFLA_VLAN_ID]), 10);
}

/* The same message as bytes: what the kernel's rtnl_newlink() reads. */
TEST(vlan_message_bytes)
{
	NL_BUF(buf);
	struct link_req req = LINK_REQ_INIT;
	struct nlmsghdr *nlh;
	/* after nlmsghdr (16) and ifinfomsg (16) */
	static const uint8_t want[] = {
		12, 0, IFLA_IFNAME,    0,    'e', 't', 'h', '0', '.', '1', '0', 0, /* "eth0.10" */
		8,  0, IFLA_LINK,      0,    7,	  0,   0,   0,			   /* IFLA_LINK 7 */
		28, 0, IFLA_LINKINFO,  0x80, /* nest: NLA_F_NESTED */
		9,  0, IFLA_INFO_KIND, 0,    'v', 'l', 'a', 'n', 0,   0,   0,	0, /* "vlan" */
		12, 0, IFLA_INFO_DATA, 0x80,					   /* nest */
		6,  0, IFLA_VLAN_ID,   0,    10,  0,   0,   0,			   /* id 10 */
	};

	if (!mnl_loaded())
		SKIP("no libmnl");
	req.name = "eth0.10";
	req.kind = "vlan";
	req.link = 7;
	req.vlan_id = 10;
	ASSERT_OK(link_build(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, &req, &nlh));
	/* libmnl's nest_start marks nests NLA_F_NESTED, as the kernel's strict policy wants */
	ASSERT_EQ(nlh->nlmsg_len, 32 + sizeof(want));
	EXPECT_EQ(memcmp((const uint8_t *)nlh + 32, want, sizeof(want)), 0);
}

/* "ip link add a netns X type veth peer name b netns Y mtu 1400 up" */
TEST(veth_peer_message)
{
	NL_BUF(buf);
	struct link_req req = LINK_REQ_INIT;
	const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1], *peer;
	const struct ifinfomsg *pifi;
	const struct nlattr *ptb[IFLA_MAX + 1];
	struct nlmsghdr *nlh;

	if (!mnl_loaded())
		SKIP("no libmnl");
	req.name = "a";
	req.kind = "veth";
	req.netns_fd = 5;
	req.mtu = 9000;
	req.peer_name = "b";
	req.peer_netns_fd = 6;
	req.peer_mtu = 1400;
	req.peer_up = 1;
	ASSERT_OK(link_build(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, &req, &nlh));
	ASSERT_OK(nl_parse_attrs(nlh, sizeof(struct ifinfomsg), tb, IFLA_MAX));
	EXPECT_EQ(sym_mnl_attr_get_u32(tb[IFLA_NET_NS_FD]), 5u);
	EXPECT_EQ(sym_mnl_attr_get_u32(tb[IFLA_MTU]), 9000u);
	ASSERT_OK(nl_parse_nested(tb[IFLA_LINKINFO], info, IFLA_INFO_MAX));
	ASSERT_TRUE(info[IFLA_INFO_DATA]);
	/* VETH_INFO_PEER: an ifinfomsg, then the peer's attributes */
	peer = sym_mnl_attr_get_payload(info[IFLA_INFO_DATA]);
	ASSERT_EQ(sym_mnl_attr_get_type(peer), VETH_INFO_PEER);
	pifi = sym_mnl_attr_get_payload(peer);
	EXPECT_EQ(pifi->ifi_flags, (unsigned)IFF_UP);
	EXPECT_EQ(pifi->ifi_change, (unsigned)IFF_UP);
	/* parse the peer's attributes as a message of their own */
	{
		char pbuf[512] __attribute__((aligned(8))) = { 0 };
		struct nlmsghdr *p = (struct nlmsghdr *)pbuf;
		size_t len = sym_mnl_attr_get_payload_len(peer);

		ASSERT_LT(len + sizeof(*p), sizeof(pbuf));
		p->nlmsg_len = (uint32_t)(sizeof(*p) + len);
		memcpy(pbuf + sizeof(*p), pifi, len);
		ASSERT_OK(nl_parse_attrs(p, sizeof(struct ifinfomsg), ptb, IFLA_MAX));
		EXPECT_STREQ(sym_mnl_attr_get_str(ptb[IFLA_IFNAME]), "b");
		EXPECT_EQ(sym_mnl_attr_get_u32(ptb[IFLA_NET_NS_FD]), 6u);
		EXPECT_EQ(sym_mnl_attr_get_u32(ptb[IFLA_MTU]), 1400u);
	}
}

/* "ip link set X up mtu 1400 nomaster name Y": one request */
TEST(set_message)
{
	NL_BUF(buf);
	struct link_req req = LINK_REQ_INIT;
	const struct nlattr *tb[IFLA_MAX + 1];
	const struct ifinfomsg *ifi;
	struct nlmsghdr *nlh;

	if (!mnl_loaded())
		SKIP("no libmnl");
	req.up = 1;
	req.mtu = 1400;
	req.master = 0;
	req.name = "y";
	ASSERT_OK(link_build(buf, RTM_NEWLINK, 0, 42, &req, &nlh));
	ifi = sym_mnl_nlmsg_get_payload(nlh);
	EXPECT_EQ(ifi->ifi_index, 42);
	EXPECT_EQ(ifi->ifi_flags, (unsigned)IFF_UP);
	ASSERT_OK(nl_parse_attrs(nlh, sizeof(*ifi), tb, IFLA_MAX));
	EXPECT_EQ(sym_mnl_attr_get_u32(tb[IFLA_MASTER]), 0u);
	EXPECT_EQ(sym_mnl_attr_get_u32(tb[IFLA_MTU]), 1400u);
	EXPECT_STREQ(sym_mnl_attr_get_str(tb[IFLA_IFNAME]), "y");
	EXPECT_FALSE(tb[IFLA_LINKINFO]);
}

TEST(kind_config)
{
	EXPECT_STREQ(link_kind_config("vlan"), "802.1Q, CONFIG_VLAN_8021Q");
	EXPECT_STREQ(link_kind_config("dummy"), "CONFIG_DUMMY");
	EXPECT_FALSE(link_kind_config("nothere"));
}

/* "ip addr add 10.0.0.1/24 broadcast + dev X label X:1" */
TEST(addr_message)
{
	NL_BUF(buf);
	struct addr_req req = ADDR_REQ_INIT;
	const struct nlattr *tb[IFA_MAX + 1];
	const struct ifaddrmsg *ifa;
	struct nlmsghdr *nlh;
	static const uint8_t local[4] = { 10, 0, 0, 1 }, brd[4] = { 10, 0, 0, 255 };

	if (!mnl_loaded())
		SKIP("no libmnl");
	req.family = AF_INET;
	req.ifindex = 3;
	req.prefixlen = 24;
	req.has_local = req.has_address = req.has_broadcast = true;
	memcpy(req.local, local, 4);
	memcpy(req.address, local, 4);
	memcpy(req.broadcast, brd, 4);
	req.label = "x:1";
	ASSERT_OK(addr_build(buf, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &req, &nlh));
	ifa = sym_mnl_nlmsg_get_payload(nlh);
	EXPECT_EQ(ifa->ifa_family, AF_INET);
	EXPECT_EQ(ifa->ifa_prefixlen, 24);
	EXPECT_EQ(ifa->ifa_index, 3u);
	EXPECT_EQ(ifa->ifa_scope, RT_SCOPE_UNIVERSE);
	ASSERT_OK(nl_parse_attrs(nlh, sizeof(*ifa), tb, IFA_MAX));
	EXPECT_EQ(memcmp(sym_mnl_attr_get_payload(tb[IFA_LOCAL]), local, 4), 0);
	EXPECT_EQ(memcmp(sym_mnl_attr_get_payload(tb[IFA_ADDRESS]), local, 4), 0);
	EXPECT_EQ(memcmp(sym_mnl_attr_get_payload(tb[IFA_BROADCAST]), brd, 4), 0);
	EXPECT_STREQ(sym_mnl_attr_get_str(tb[IFA_LABEL]), "x:1");
	EXPECT_FALSE(tb[IFA_FLAGS]);

	/* 127.0.0.0/8 is host scope, as ip gives it */
	req.local[0] = req.address[0] = 127;
	req.label = NULL;
	req.has_broadcast = false;
	ASSERT_OK(addr_build(buf, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &req, &nlh));
	ifa = sym_mnl_nlmsg_get_payload(nlh);
	EXPECT_EQ(ifa->ifa_scope, RT_SCOPE_HOST);

	/* flags above 0xff travel in IFA_FLAGS */
	req.flags = IFA_F_NOPREFIXROUTE;
	ASSERT_OK(addr_build(buf, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &req, &nlh));
	ASSERT_OK(nl_parse_attrs(nlh, sizeof(*ifa), tb, IFA_MAX));
	ASSERT_TRUE(tb[IFA_FLAGS]);
	EXPECT_EQ(sym_mnl_attr_get_u32(tb[IFA_FLAGS]), (uint32_t)IFA_F_NOPREFIXROUTE);

	req.family = AF_UNSPEC;
	EXPECT_ERRNO(addr_build(buf, RTM_NEWADDR, 0, &req, &nlh), -EAFNOSUPPORT);
}

TAP_MAIN();
