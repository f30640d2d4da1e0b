/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-route.c - addresses and prefixes as ip(8) reads them, the names of
 * tables, protocols, scopes and types (built in and from the files of
 * /etc/iproute2), NUD states, and the RTM_NEWROUTE and RTM_NEWNEIGH
 * messages nook builds, checked without sending them.
 */
#include <errno.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dlib.h"
#include "inet.h"
#include "macro.h"
#include "neigh.h"
#include "nl.h"
#include "route.h"
#include "tap.h"

TEST(addr_ipv4)
{
	struct inet_prefix a;

	ASSERT_OK(inet_addr_parse("10.1.2.3", AF_UNSPEC, &a));
	EXPECT_EQ(a.family, AF_INET);
	EXPECT_EQ(a.bytelen, 4);
	EXPECT_EQ(a.bitlen, INET_BITLEN_HOST);
	EXPECT_TRUE(memcmp(a.data, "\x0a\x01\x02\x03", 4) == 0);
	/* iproute2's own reader: missing parts are zero, any base */
	ASSERT_OK(inet_addr_parse("10", AF_INET, &a));
	EXPECT_TRUE(memcmp(a.data, "\x0a\x00\x00\x00", 4) == 0);
	ASSERT_OK(inet_addr_parse("10.1", AF_UNSPEC, &a));
	EXPECT_TRUE(memcmp(a.data, "\x0a\x01\x00\x00", 4) == 0);
	ASSERT_OK(inet_addr_parse("0x0a.010.0.1", AF_UNSPEC, &a));
	EXPECT_TRUE(memcmp(a.data, "\x0a\x08\x00\x01", 4) == 0);
	EXPECT_ERRNO(inet_addr_parse("10.1.2.256", AF_UNSPEC, &a), -EINVAL);
	EXPECT_ERRNO(inet_addr_parse("10.1.2.3.4", AF_UNSPEC, &a), -EINVAL);
	EXPECT_ERRNO(inet_addr_parse("10..1", AF_UNSPEC, &a), -EINVAL);
	EXPECT_ERRNO(inet_addr_parse("foo", AF_UNSPEC, &a), -EINVAL);
	EXPECT_ERRNO(inet_addr_parse("", AF_UNSPEC, &a), -EINVAL);
	EXPECT_ERRNO(inet_addr_parse("10.0.0.1", AF_INET6, &a), -EINVAL);
}

TEST(addr_ipv6_and_words)
{
	struct inet_prefix a;

	ASSERT_OK(inet_addr_parse("fe80::1", AF_UNSPEC, &a));
	EXPECT_EQ(a.family, AF_INET6);
	EXPECT_EQ(a.bytelen, 16);
	EXPECT_EQ(a.data[0], 0xfe);
	EXPECT_EQ(a.data[15], 1);
	EXPECT_ERRNO(inet_addr_parse("fe80::1", AF_INET, &a), -EINVAL);
	EXPECT_ERRNO(inet_addr_parse("fe80:::1", AF_UNSPEC, &a), -EINVAL);

	ASSERT_OK(inet_addr_parse("default", AF_UNSPEC, &a));
	EXPECT_EQ(a.family, AF_UNSPEC);
	EXPECT_EQ(a.bytelen, 0);
	EXPECT_EQ(a.bitlen, INET_BITLEN_ANY);
	EXPECT_TRUE(a.prefixlen_set);
	ASSERT_OK(inet_addr_parse("default", AF_INET6, &a));
	EXPECT_EQ(a.bytelen, 16);
	ASSERT_OK(inet_addr_parse("any", AF_INET, &a));
	EXPECT_EQ(a.bytelen, 0);
	EXPECT_FALSE(a.prefixlen_set);
}

TEST(prefix)
{
	struct inet_prefix a;

	ASSERT_OK(inet_prefix_parse("10.0.0.0/24", AF_UNSPEC, &a));
	EXPECT_EQ(a.family, AF_INET);
	EXPECT_EQ(a.bitlen, 24);
	EXPECT_TRUE(a.prefixlen_set);
	ASSERT_OK(inet_prefix_parse("10.0.0.1", AF_UNSPEC, &a));
	EXPECT_EQ(a.bitlen, 32);
	EXPECT_FALSE(a.prefixlen_set);
	ASSERT_OK(inet_prefix_parse("10/8", AF_UNSPEC, &a));
	EXPECT_EQ(a.bitlen, 8);
	ASSERT_OK(inet_prefix_parse("10.0.0.0/255.255.0.0", AF_UNSPEC, &a));
	EXPECT_EQ(a.bitlen, 16);
	ASSERT_OK(inet_prefix_parse("10.0.0.0/0x10", AF_UNSPEC, &a));
	EXPECT_EQ(a.bitlen, 16);
	ASSERT_OK(inet_prefix_parse("2001:db8::/32", AF_UNSPEC, &a));
	EXPECT_EQ(a.bitlen, 32);
	ASSERT_OK(inet_prefix_parse("::1", AF_UNSPEC, &a));
	EXPECT_EQ(a.bitlen, 128);
	ASSERT_OK(inet_prefix_parse("default", AF_UNSPEC, &a));
	EXPECT_EQ(a.bitlen, 0);
	EXPECT_TRUE(a.prefixlen_set);
	ASSERT_OK(inet_prefix_parse("all", AF_UNSPEC, &a));
	EXPECT_EQ(a.bitlen, 0);

	EXPECT_ERRNO(inet_prefix_parse("10.0.0.0/33", AF_UNSPEC, &a), -EINVAL);
	EXPECT_ERRNO(inet_prefix_parse("10.0.0.0/", AF_UNSPEC, &a), -EINVAL);
	EXPECT_ERRNO(inet_prefix_parse("10.0.0.0/255.0.255.0", AF_UNSPEC, &a), -EINVAL);
	EXPECT_ERRNO(inet_prefix_parse("2001:db8::/129", AF_UNSPEC, &a), -EINVAL);
	EXPECT_ERRNO(inet_prefix_parse("default/8", AF_UNSPEC, &a), -EINVAL);
	EXPECT_ERRNO(inet_prefix_parse("/8", AF_UNSPEC, &a), -EINVAL);
	EXPECT_ERRNO(inet_prefix_parse("10.0.0.0/24", AF_INET6, &a), -EINVAL);
}

TEST(match)
{
	const uint8_t a[16] = { 10, 1, 2, 3 }, b[16] = { 10, 1, 3, 0 };

	EXPECT_TRUE(inet_addr_match(a, b, 0));
	EXPECT_TRUE(inet_addr_match(a, b, -1));
	EXPECT_TRUE(inet_addr_match(a, b, 16));
	EXPECT_TRUE(inet_addr_match(a, b, 23));
	EXPECT_FALSE(inet_addr_match(a, b, 24));
	EXPECT_FALSE(inet_addr_match(a, b, 32));
	EXPECT_TRUE(inet_addr_match(a, a, 128));
}

TEST(names_builtin)
{
	char buf[ROUTE_NAME_MAX];
	uint32_t id;

	/* no files: iproute2's built-in lists only */
	route_names_set_dir("/nonexistent");
	EXPECT_STREQ(route_name(ROUTE_NAMES_TABLE, RT_TABLE_MAIN, buf, sizeof(buf)), "main");
	EXPECT_STREQ(route_name(ROUTE_NAMES_TABLE, 100, buf, sizeof(buf)), "100");
	EXPECT_STREQ(route_name(ROUTE_NAMES_TABLE, 0, buf, sizeof(buf)), "0");
	EXPECT_STREQ(route_name(ROUTE_NAMES_PROTOCOL, RTPROT_KERNEL, buf, sizeof(buf)), "kernel");
	EXPECT_STREQ(route_name(ROUTE_NAMES_PROTOCOL, 99, buf, sizeof(buf)), "99");
	EXPECT_STREQ(route_name(ROUTE_NAMES_SCOPE, RT_SCOPE_LINK, buf, sizeof(buf)), "link");
	EXPECT_STREQ(route_name(ROUTE_NAMES_SCOPE, RT_SCOPE_UNIVERSE, buf, sizeof(buf)), "global");
	EXPECT_STREQ(route_name(ROUTE_NAMES_REALM, 0, buf, sizeof(buf)), "cosmos");
	EXPECT_STREQ(route_name(ROUTE_NAMES_REALM, 5, buf, sizeof(buf)), "5");
	EXPECT_STREQ(route_name(ROUTE_NAMES_DSFIELD, 0x10, buf, sizeof(buf)), "0x10");
	EXPECT_STREQ(route_name(ROUTE_NAMES_DSFIELD, 4, buf, sizeof(buf)), "0x04");
	ASSERT_OK(route_name_parse(ROUTE_NAMES_TABLE, "local", &id));
	EXPECT_EQ(id, RT_TABLE_LOCAL);
	ASSERT_OK(route_name_parse(ROUTE_NAMES_TABLE, "4294967295", &id));
	EXPECT_EQ(id, UINT32_MAX);
	ASSERT_OK(route_name_parse(ROUTE_NAMES_PROTOCOL, "0x10", &id));
	EXPECT_EQ(id, 16);
	EXPECT_ERRNO(route_name_parse(ROUTE_NAMES_PROTOCOL, "256", &id), -EINVAL);
	EXPECT_ERRNO(route_name_parse(ROUTE_NAMES_PROTOCOL, "foo", &id), -EINVAL);
	EXPECT_ERRNO(route_name_parse(ROUTE_NAMES_SCOPE, "", &id), -EINVAL);
	EXPECT_ERRNO(route_name_parse(ROUTE_NAMES_TABLE, "all", &id), -EINVAL);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "we");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

TEST(names_files)
{
	char dir[] = "/tmp/nook-test-route.XXXXXX", path[256], buf[ROUTE_NAME_MAX];
	uint32_t id;

	ASSERT_TRUE(mkdtemp(dir) != NULL);
	(void)snprintf(path, sizeof(path), "%s/rt_tables", dir);
	write_file(path, "# comment\n255\tlocal\n\n  100 blue # trailing\n0x65 green\nbad line\n");
	(void)snprintf(path, sizeof(path), "%s/rt_tables.d", dir);
	(void)mkdir(path, 0755);
	(void)snprintf(path, sizeof(path), "%s/rt_tables.d/x.conf", dir);
	write_file(path, "200 red\n");
	(void)snprintf(path, sizeof(path), "%s/rt_tables.d/ignored", dir);
	write_file(path, "201 grey\n");
	(void)snprintf(path, sizeof(path), "%s/rt_protos", dir);
	write_file(path, "99 openr\n300 toobig\n");
	route_names_set_dir(dir);

	EXPECT_STREQ(route_name(ROUTE_NAMES_TABLE, 100, buf, sizeof(buf)), "blue");
	EXPECT_STREQ(route_name(ROUTE_NAMES_TABLE, 101, buf, sizeof(buf)), "green");
	EXPECT_STREQ(route_name(ROUTE_NAMES_TABLE, 200, buf, sizeof(buf)), "red");
	EXPECT_STREQ(route_name(ROUTE_NAMES_TABLE, 201, buf, sizeof(buf)), "201");
	EXPECT_STREQ(route_name(ROUTE_NAMES_TABLE, RT_TABLE_MAIN, buf, sizeof(buf)), "main");
	ASSERT_OK(route_name_parse(ROUTE_NAMES_TABLE, "blue", &id));
	EXPECT_EQ(id, 100);
	EXPECT_ERRNO(route_name_parse(ROUTE_NAMES_TABLE, "grey", &id), -EINVAL);
	EXPECT_STREQ(route_name(ROUTE_NAMES_PROTOCOL, 99, buf, sizeof(buf)), "openr");
	EXPECT_ERRNO(route_name_parse(ROUTE_NAMES_PROTOCOL, "toobig", &id), -EINVAL);

	route_names_set_dir("/nonexistent");
	(void)snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	EXPECT_EQ(system(path), 0);
}

TEST(types)
{
	char buf[ROUTE_NAME_MAX];
	unsigned t;

	EXPECT_STREQ(route_type_name(RTN_UNICAST, buf, sizeof(buf)), "unicast");
	EXPECT_STREQ(route_type_name(RTN_UNSPEC, buf, sizeof(buf)), "none");
	EXPECT_STREQ(route_type_name(200, buf, sizeof(buf)), "200");
	ASSERT_OK(route_type_parse("blackhole", &t));
	EXPECT_EQ(t, RTN_BLACKHOLE);
	ASSERT_OK(route_type_parse("b", &t)); /* ip's matches(): "b" is broadcast */
	EXPECT_EQ(t, RTN_BROADCAST);
	ASSERT_OK(route_type_parse("brd", &t));
	EXPECT_EQ(t, RTN_BROADCAST);
	ASSERT_OK(route_type_parse("local", &t));
	EXPECT_EQ(t, RTN_LOCAL);
	EXPECT_ERRNO(route_type_parse("loc", &t), -EINVAL); /* local only in full */
	ASSERT_OK(route_type_parse("7", &t));
	EXPECT_EQ(t, 7);
	EXPECT_ERRNO(route_type_parse("default", &t), -EINVAL);
	EXPECT_ERRNO(route_type_parse("300", &t), -EINVAL);
}

TEST(nud)
{
	unsigned s;

	ASSERT_OK(neigh_state_parse("permanent", &s));
	EXPECT_EQ(s, NUD_PERMANENT);
	ASSERT_OK(neigh_state_parse("perm", &s));
	EXPECT_EQ(s, NUD_PERMANENT);
	ASSERT_OK(neigh_state_parse("reach", &s));
	EXPECT_EQ(s, NUD_REACHABLE);
	ASSERT_OK(neigh_state_parse("noarp", &s));
	EXPECT_EQ(s, NUD_NOARP);
	ASSERT_OK(neigh_state_parse("none", &s));
	EXPECT_EQ(s, NUD_NONE);
	ASSERT_OK(neigh_state_parse("0x80", &s));
	EXPECT_EQ(s, 0x80);
	EXPECT_ERRNO(neigh_state_parse("stal", &s), -EINVAL);
	EXPECT_ERRNO(neigh_state_parse("3", &s), -EINVAL);
	EXPECT_ERRNO(neigh_state_parse("0x100", &s), -EINVAL);
	EXPECT_ERRNO(neigh_state_parse("bogus", &s), -EINVAL);
}

/* "ip route add 10.0.0.0/8 via 10.1.0.1 dev 3 metric 5 table 1000 mtu lock 1400" */
TEST(route_message)
{
	NL_BUF(buf);
	struct route_req req = {
		.family = AF_INET,
		.type = RTN_UNICAST,
		.protocol = RTPROT_BOOT,
		.table = 1000,
		.oif = 3,
		.has_priority = true,
		.priority = 5,
		.metrics_set = 1u << RTAX_MTU,
		.metrics_lock = 1u << RTAX_MTU,
	};
	const struct nlattr *tb[RTA_MAX + 1], *mx[RTAX_MAX + 1];
	const struct rtmsg *rtm;
	struct nlmsghdr *nlh;

	if (dlib_load_mnl() < 0)
		SKIP("no libmnl");
	ASSERT_OK(inet_prefix_parse("10.0.0.0/8", AF_INET, &req.dst));
	ASSERT_OK(inet_addr_parse("10.1.0.1", AF_INET, &req.gateway));
	req.has_gateway = true;
	req.metrics[RTAX_MTU] = 1400;
	ASSERT_OK(route_build(buf, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, &req, &nlh));
	EXPECT_EQ(nlh->nlmsg_type, RTM_NEWROUTE);
	EXPECT_EQ(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL);
	rtm = sym_mnl_nlmsg_get_payload(nlh);
	EXPECT_EQ(rtm->rtm_family, AF_INET);
	EXPECT_EQ(rtm->rtm_dst_len, 8);
	EXPECT_EQ(rtm->rtm_table, RT_TABLE_UNSPEC); /* above 255: RTA_TABLE */
	EXPECT_EQ(rtm->rtm_protocol, RTPROT_BOOT);
	ASSERT_OK(nl_parse_attrs(nlh, sizeof(*rtm), tb, RTA_MAX));
	ASSERT_TRUE(tb[RTA_TABLE] != NULL);
	EXPECT_EQ(sym_mnl_attr_get_u32(tb[RTA_TABLE]), 1000);
	ASSERT_TRUE(tb[RTA_DST] != NULL);
	EXPECT_EQ(sym_mnl_attr_get_payload_len(tb[RTA_DST]), 4);
	ASSERT_TRUE(tb[RTA_GATEWAY] != NULL);
	EXPECT_TRUE(memcmp(sym_mnl_attr_get_payload(tb[RTA_GATEWAY]), "\x0a\x01\x00\x01", 4) == 0);
	EXPECT_EQ(sym_mnl_attr_get_u32(tb[RTA_OIF]), 3);
	EXPECT_EQ(sym_mnl_attr_get_u32(tb[RTA_PRIORITY]), 5);
	EXPECT_TRUE(tb[RTA_PREFSRC] == NULL);
	ASSERT_TRUE(tb[RTA_METRICS] != NULL);
	ASSERT_OK(nl_parse_nested(tb[RTA_METRICS], mx, RTAX_MAX));
	EXPECT_EQ(sym_mnl_attr_get_u32(mx[RTAX_MTU]), 1400);
	EXPECT_EQ(sym_mnl_attr_get_u32(mx[RTAX_LOCK]), 1u << RTAX_MTU);

	/* an IPv4 route over an IPv6 next hop: RTA_VIA */
	ASSERT_OK(inet_addr_parse("fe80::1", AF_UNSPEC, &req.gateway));
	req.table = RT_TABLE_MAIN;
	ASSERT_OK(route_build(buf, RTM_NEWROUTE, 0, &req, &nlh));
	rtm = sym_mnl_nlmsg_get_payload(nlh);
	EXPECT_EQ(rtm->rtm_table, RT_TABLE_MAIN);
	ASSERT_OK(nl_parse_attrs(nlh, sizeof(*rtm), tb, RTA_MAX));
	EXPECT_TRUE(tb[RTA_TABLE] == NULL);
	EXPECT_TRUE(tb[RTA_GATEWAY] == NULL);
	ASSERT_TRUE(tb[RTA_VIA] != NULL);
	EXPECT_EQ(sym_mnl_attr_get_payload_len(tb[RTA_VIA]), 2 + 16);
}

TEST(neigh_message)
{
	NL_BUF(buf);
	const uint8_t dst[4] = { 10, 0, 0, 2 }, mac[6] = { 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };
	struct neigh_req req = {
		.family = AF_INET,
		.dst = dst,
		.dst_len = sizeof(dst),
		.ifindex = 7,
		.state = NUD_PERMANENT,
		.lladdr = mac,
		.lladdr_len = sizeof(mac),
	};
	const struct nlattr *tb[NDA_MAX + 1];
	const struct ndmsg *ndm;
	struct nlmsghdr *nlh;

	if (dlib_load_mnl() < 0)
		SKIP("no libmnl");
	ASSERT_OK(neigh_build(buf, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, &req, &nlh));
	ndm = sym_mnl_nlmsg_get_payload(nlh);
	EXPECT_EQ(ndm->ndm_family, AF_INET);
	EXPECT_EQ(ndm->ndm_ifindex, 7);
	EXPECT_EQ(ndm->ndm_state, NUD_PERMANENT);
	ASSERT_OK(nl_parse_attrs(nlh, sizeof(*ndm), tb, NDA_MAX));
	ASSERT_TRUE(tb[NDA_DST] != NULL);
	EXPECT_EQ(sym_mnl_attr_get_payload_len(tb[NDA_DST]), 4);
	ASSERT_TRUE(tb[NDA_LLADDR] != NULL);
	EXPECT_TRUE(memcmp(sym_mnl_attr_get_payload(tb[NDA_LLADDR]), mac, 6) == 0);

	req.dst_len = 5;
	EXPECT_ERRNO(neigh_build(buf, RTM_NEWNEIGH, 0, &req, &nlh), -EINVAL);
}

TAP_MAIN();
