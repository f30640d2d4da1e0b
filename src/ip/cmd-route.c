/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd-route.c - "nook route": ip route add/change/replace/del/show/flush/get
 * of iproute2 6.1, with its words, output (text and -j JSON) and errors.
 *
 * The parsers follow ip/iproute.c word for word, because scripts depend on
 * its quirks: "m" is "metric", "10/8" is 10.0.0.0/8, a type word may come
 * before the prefix ("blackhole 10.9.0.0/16"), the first bad word ends the
 * command.  Features nook lacks (nexthop objects, encapsulation, realms,
 * policy routing keys) are refused by name instead of being taken for a
 * prefix.
 */
#include <errno.h>
#include <linux/icmpv6.h>
#include <linux/in_route.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "dlib.h"
#include "inet.h"
#include "ip.h"
#include "link.h"
#include "macro.h"
#include "msgs.h"
#include "nl.h"
#include "parse-util.h"
#include "nook.h"
#include "route.h"

#define MIN(a, b) ((a) < (b) ? (a) : (b))

static int usage(void)
{
	fputs("Usage: ip route { list | flush } SELECTOR\n"
	      "       ip route get ADDRESS [ from ADDRESS iif STRING ]\n"
	      "                            [ oif STRING ] [ mark NUMBER ] [ fibmatch ]\n"
	      "       ip route { add | del | change | append | replace } ROUTE\n"
	      "SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]\n"
	      "            [ table TABLE_ID ] [ proto RTPROTO ]\n"
	      "            [ type TYPE ] [ scope SCOPE ]\n"
	      "ROUTE := NODE_SPEC [ INFO_SPEC ]\n"
	      "NODE_SPEC := [ TYPE ] PREFIX\n"
	      "             [ table TABLE_ID ] [ proto RTPROTO ]\n"
	      "             [ scope SCOPE ] [ metric METRIC ]\n"
	      "INFO_SPEC := NH OPTIONS FLAGS\n"
	      "NH := [ via [ FAMILY ] ADDRESS ] [ dev STRING ]\n"
	      "FAMILY := [ inet | inet6 ]\n"
	      "OPTIONS := FLAGS [ mtu NUMBER ] [ advmss NUMBER ] [ src ADDRESS ]\n"
	      "           [ reordering NUMBER ] [ window NUMBER ] [ cwnd NUMBER ]\n"
	      "           [ initcwnd NUMBER ] [ ssthresh NUMBER ] [ hoplimit NUMBER ]\n"
	      "           [ initrwnd NUMBER ]\n"
	      "TYPE := { unicast | local | broadcast | multicast | throw |\n"
	      "          unreachable | prohibit | blackhole | nat }\n"
	      "TABLE_ID := [ local | main | default | all | NUMBER ]\n"
	      "SCOPE := [ host | link | global | NUMBER ]\n"
	      "NHFLAGS := [ onlink ]\n"
	      "RTPROTO := [ kernel | boot | static | NUMBER ]\n",
	      stderr);
	return IP_EXIT_USAGE;
}

/* iproute2's get_u32()/get_unsigned(): the whole word, any base. */
static int get_u32(const char *s, uint32_t *ret)
{
	uint64_t v;
	int r = parse_ip_unsigned(s, UINT32_MAX, &v);

	if (r < 0)
		return r;
	*ret = (uint32_t)v;
	return 0;
}

static int read_family(const char *s)
{
	if (streq(s, "inet"))
		return AF_INET;
	if (streq(s, "inet6"))
		return AF_INET6;
	return AF_UNSPEC;
}

/*
 * Device names, as ip's ll_index_to_name() gives them: looked up once each
 * (the process is in the namespace already), "if%d" for one that is gone.
 */
static struct {
	int index;
	char name[IF_NAMESIZE];
} ifcache[64];
static unsigned ifcache_n;

static const char *ifname(int index)
{
	static char buf[IF_NAMESIZE + 16];
	unsigned slot;

	if (index == 0)
		return "*";
	for (unsigned i = 0; i < ifcache_n && i < ELEMENTSOF(ifcache); i++)
		if (ifcache[i].index == index)
			return ifcache[i].name;
	slot = ifcache_n++ % ELEMENTSOF(ifcache);
	if (!if_indextoname((unsigned)index, ifcache[slot].name)) {
		ifcache_n--;
		(void)snprintf(buf, sizeof(buf), "if%d", index);
		return buf;
	}
	ifcache[slot].index = index;
	return ifcache[slot].name;
}

/* A device's index: GO_ON, or ip's message and status. */
static int dev_index(struct mnl_socket *nl, const char *name, int *ret)
{
	int r = link_name_to_index(nl, name, ret);

	if (r < 0)
		return ip_err(IP_EXIT_FAIL, "Cannot find device \"%s\"", name);
	return GO_ON;
}

/* ---------------------------------------------------------------- show */

/* ip's route filter (iproute.c "filter"): what "show", "flush" and their selectors keep. */
struct filter {
	uint32_t tb; /* 0: every table */
	int cloned;
	uint32_t protocol, protocolmask;
	uint32_t scope, scopemask;
	uint64_t typemask;
	int oif, oifmask;
	uint32_t metric, metricmask;
	struct inet_prefix rdst, mdst, rvia, rprefsrc;
	bool ip6_multiple_tables;
	/* flush: the routes to delete, as the kernel sent them */
	bool flushing;
	struct nl_msgs flush;
	int error; /* -errno of a callback */
};

static void filter_reset(struct filter *f)
{
	*f = (struct filter){ 0 };
	f->mdst.bitlen = INET_BITLEN_HOST;
}

static const struct nlattr *attr_of(const struct nlattr *a, size_t min)
{
	return a && sym_mnl_attr_get_payload_len(a) >= min ? a : NULL;
}

static uint32_t attr_u32(const struct nlattr *a)
{
	uint32_t v = 0;

	if (attr_of(a, 4))
		memcpy(&v, sym_mnl_attr_get_payload(a), 4);
	return v;
}

/* The first @len bytes of an address attribute, zero-padded to 16. */
static void attr_addr_bytes(const struct nlattr *a, size_t len, uint8_t *ret)
{
	memset(ret, 0, 16);
	if (!a)
		return;
	len = MIN(len, (size_t)sym_mnl_attr_get_payload_len(a));
	memcpy(ret, sym_mnl_attr_get_payload(a), MIN(len, (size_t)16));
}

static const char *addr_text(int family, const void *data, size_t len, char *buf, size_t size)
{
	if ((family == AF_INET && len >= 4) || (family == AF_INET6 && len >= 16))
		return inet_addr_format(family, data, buf, size);
	(void)snprintf(buf, size, "???");
	return buf;
}

static const char *attr_addr_text(int family, const struct nlattr *a, char *buf, size_t size)
{
	return addr_text(family, sym_mnl_attr_get_payload(a), sym_mnl_attr_get_payload_len(a), buf,
			 size);
}

static bool filter_match(struct filter *f, const struct rtmsg *r, const struct nlattr **tb,
			 int host_len)
{
	uint32_t table = tb[RTA_TABLE] ? attr_u32(tb[RTA_TABLE]) : r->rtm_table;
	uint8_t dst[16], via[16], prefsrc[16];
	int family = r->rtm_family;

	if (ip_opts.family != AF_UNSPEC && r->rtm_family != ip_opts.family)
		return false;
	if (r->rtm_family == AF_INET6 && table != RT_TABLE_MAIN)
		f->ip6_multiple_tables = true;
	if (f->cloned == !(r->rtm_flags & RTM_F_CLONED))
		return false;
	if (r->rtm_family == AF_INET6 && !f->ip6_multiple_tables) {
		if (f->tb == RT_TABLE_LOCAL) {
			if (r->rtm_type != RTN_LOCAL)
				return false;
		} else if (f->tb == RT_TABLE_MAIN) {
			if (r->rtm_type == RTN_LOCAL)
				return false;
		} else if (f->tb) {
			return false;
		}
	} else if (f->tb > 0 && f->tb != table) {
		return false;
	}
	if ((f->protocol ^ r->rtm_protocol) & f->protocolmask)
		return false;
	if ((f->scope ^ r->rtm_scope) & f->scopemask)
		return false;
	if (f->typemask && !(f->typemask & (1ull << r->rtm_type)))
		return false;
	if (f->rdst.family || f->rdst.prefixlen_set) {
		if ((f->rdst.family && r->rtm_family != f->rdst.family) ||
		    f->rdst.bitlen > r->rtm_dst_len)
			return false;
	}
	if (f->mdst.family || f->mdst.prefixlen_set) {
		if ((f->mdst.family && r->rtm_family != f->mdst.family) ||
		    (f->mdst.bitlen >= 0 && f->mdst.bitlen < r->rtm_dst_len))
			return false;
	}
	if (f->rvia.family) {
		int vfamily = family;

		if (attr_of(tb[RTA_VIA], sizeof(struct rtvia)))
			vfamily = ((const struct rtvia *)sym_mnl_attr_get_payload(tb[RTA_VIA]))
					  ->rtvia_family;
		if (vfamily != f->rvia.family)
			return false;
	}
	if (f->rprefsrc.family && r->rtm_family != f->rprefsrc.family)
		return false;

	attr_addr_bytes(tb[RTA_DST], (r->rtm_dst_len + 7u) / 8, dst);
	attr_addr_bytes(tb[RTA_GATEWAY], (size_t)host_len / 8, via);
	if (attr_of(tb[RTA_VIA], sizeof(struct rtvia))) {
		const struct rtvia *v = sym_mnl_attr_get_payload(tb[RTA_VIA]);
		size_t len = sym_mnl_attr_get_payload_len(tb[RTA_VIA]) - sizeof(*v);

		memset(via, 0, sizeof(via));
		memcpy(via, v->rtvia_addr, MIN(len, sizeof(via)));
	}
	attr_addr_bytes(tb[RTA_PREFSRC], (size_t)host_len / 8, prefsrc);

	if ((f->rdst.family || f->rdst.prefixlen_set) &&
	    !inet_addr_match(dst, f->rdst.data, f->rdst.bitlen))
		return false;
	if ((f->mdst.family || f->mdst.prefixlen_set) &&
	    !inet_addr_match(dst, f->mdst.data, r->rtm_dst_len))
		return false;
	if (f->rvia.family && !inet_addr_match(via, f->rvia.data, f->rvia.bitlen))
		return false;
	if (f->rprefsrc.family && !inet_addr_match(prefsrc, f->rprefsrc.data, f->rprefsrc.bitlen))
		return false;
	if (f->oifmask) {
		int oif = tb[RTA_OIF] ? (int)attr_u32(tb[RTA_OIF]) : 0;

		if ((oif ^ f->oif) & f->oifmask)
			return false;
	}
	if (f->metricmask) {
		uint32_t metric = tb[RTA_PRIORITY] ? attr_u32(tb[RTA_PRIORITY]) : 0;

		if ((metric ^ f->metric) & f->metricmask)
			return false;
	}
	/* the IPv6 "unreachable default" the kernel keeps in every table */
	if (f->flushing && r->rtm_family == AF_INET6 && r->rtm_dst_len == 0 &&
	    r->rtm_type == RTN_UNREACHABLE && tb[RTA_PRIORITY] &&
	    attr_u32(tb[RTA_PRIORITY]) == UINT32_MAX)
		return false;
	return true;
}

static void print_rt_flags(unsigned flags)
{
	static const struct {
		unsigned flag;
		const char *name;
	} names[] = {
		{ RTNH_F_DEAD, "dead" },
		{ RTNH_F_ONLINK, "onlink" },
		{ RTNH_F_PERVASIVE, "pervasive" },
		{ RTNH_F_OFFLOAD, "offload" },
		{ RTNH_F_TRAP, "trap" },
		{ RTM_F_NOTIFY, "notify" },
		{ RTNH_F_LINKDOWN, "linkdown" },
		{ RTNH_F_UNRESOLVED, "unresolved" },
		{ RTM_F_OFFLOAD, "rt_offload" },
		{ RTM_F_TRAP, "rt_trap" },
		{ RTM_F_OFFLOAD_FAILED, "rt_offload_failed" },
	};

	open_json_array(PRINT_JSON, "flags");
	for (size_t i = 0; i < ELEMENTSOF(names); i++)
		if (flags & names[i].flag)
			print_string(PRINT_ANY, NULL, "%s ", names[i].name);
	close_json_array(PRINT_JSON, NULL);
}

static void print_cache_flags(uint32_t flags)
{
	static const struct {
		uint32_t flag;
		const char *name;
	} names[] = {
		{ RTCF_LOCAL, "local" },
		{ RTCF_REJECT, "reject" },
		{ RTCF_MULTICAST, "mc" },
		{ RTCF_BROADCAST, "brd" },
		{ RTCF_DNAT, "dst-nat" },
		{ RTCF_SNAT, "src-nat" },
		{ RTCF_MASQ, "masq" },
		{ RTCF_DIRECTDST, "dst-direct" },
		{ RTCF_DIRECTSRC, "src-direct" },
		{ RTCF_REDIRECTED, "redirected" },
		{ RTCF_DOREDIRECT, "redirect" },
		{ RTCF_FAST, "fastroute" },
		{ RTCF_NOTIFY, "notify" },
		{ RTCF_TPROXY, "proxy" },
	};

	flags &= ~0xFFFFu;
	if (is_json()) {
		open_json_array(PRINT_JSON, "cache");
	} else {
		print_nl();
		print_text("    cache ");
		if (flags == 0)
			return;
		print_text("<");
	}
	for (size_t i = 0; i < ELEMENTSOF(names); i++) {
		if (!(flags & names[i].flag))
			continue;
		flags &= ~names[i].flag;
		if (is_json())
			print_string(PRINT_JSON, NULL, NULL, names[i].name);
		else
			print_text("%s%s", names[i].name, flags ? "," : "> ");
	}
	if (flags) {
		char hex[16];

		(void)snprintf(hex, sizeof(hex), "%x", flags);
		print_string(PRINT_ANY, "flags", "%s>", hex);
	}
	if (is_json())
		close_json_array(PRINT_JSON, NULL);
}

static void print_cacheinfo(const struct rta_cacheinfo *ci)
{
	long hz = sysconf(_SC_CLK_TCK);

	if (hz <= 0)
		hz = 100;
	if (ci->rta_expires != 0)
		print_int(PRINT_ANY, "expires", "expires %dsec ", (int)(ci->rta_expires / hz));
	if (ci->rta_error != 0)
		print_uint(PRINT_ANY, "error", "error %u ", ci->rta_error);
	if (ip_opts.stats) {
		if (ci->rta_clntref)
			print_uint(PRINT_ANY, "users", "users %u ", ci->rta_clntref);
		if (ci->rta_used != 0)
			print_uint(PRINT_ANY, "used", "used %u ", ci->rta_used);
		if (ci->rta_lastuse != 0)
			print_uint(PRINT_ANY, "age", "age %usec ",
				   (unsigned)(ci->rta_lastuse / (unsigned long)hz));
	}
	if (ci->rta_id) {
		char hex[16];

		(void)snprintf(hex, sizeof(hex), "0x%04x", ci->rta_id);
		print_string(PRINT_ANY, "ipid", "ipid %s ", hex);
	}
	if (ci->rta_ts || ci->rta_tsage) {
		char hex[16];

		(void)snprintf(hex, sizeof(hex), "0x%x", ci->rta_ts);
		print_string(PRINT_ANY, "ts", "ts %s", hex);
		print_uint(PRINT_ANY, "tsage", "tsage %usec ", ci->rta_tsage);
	}
}

static const char *const mx_names[RTAX_MAX + 1] = {
	[RTAX_MTU] = "mtu",	      [RTAX_WINDOW] = "window",
	[RTAX_RTT] = "rtt",	      [RTAX_RTTVAR] = "rttvar",
	[RTAX_SSTHRESH] = "ssthresh", [RTAX_CWND] = "cwnd",
	[RTAX_ADVMSS] = "advmss",     [RTAX_REORDERING] = "reordering",
	[RTAX_HOPLIMIT] = "hoplimit", [RTAX_INITCWND] = "initcwnd",
	[RTAX_FEATURES] = "features", [RTAX_RTO_MIN] = "rto_min",
	[RTAX_INITRWND] = "initrwnd", [RTAX_QUICKACK] = "quickack",
	[RTAX_CC_ALGO] = "congctl",   [RTAX_FASTOPEN_NO_COOKIE] = "fastopen_no_cookie",
};

static void print_metrics(const struct nlattr *nest)
{
	const struct nlattr *mx[RTAX_MAX + 1];
	uint32_t lock = 0;

	if (nl_parse_nested(nest, mx, RTAX_MAX) < 0)
		return;
	open_json_array(PRINT_JSON, "metrics");
	open_json_object(NULL);
	if (mx[RTAX_LOCK])
		lock = attr_u32(mx[RTAX_LOCK]);
	for (unsigned i = 2; i <= RTAX_MAX; i++) {
		uint32_t val = 0;

		if (!mx[i] && !(lock & (1u << i)))
			continue;
		if (mx[i] && i != RTAX_CC_ALGO)
			val = attr_u32(mx[i]);
		if (i == RTAX_HOPLIMIT && (int)val == -1)
			continue;
		if (!is_json()) {
			if (mx_names[i])
				print_text("%s ", mx_names[i]);
			else
				print_text("metric %u ", i);
			if (lock & (1u << i))
				print_text("lock ");
		}
		switch (i) {
		case RTAX_FEATURES:
			if (val & RTAX_FEATURE_ECN)
				print_null(PRINT_ANY, "ecn", "ecn ", NULL);
			if (val & ~RTAX_FEATURE_ECN) {
				char hex[16];

				(void)snprintf(hex, sizeof(hex), "%#x", val);
				print_string(PRINT_ANY, "features", "%s ", hex);
			}
			break;
		case RTAX_RTT:
		case RTAX_RTTVAR:
		case RTAX_RTO_MIN:
			/* the kernel keeps rtt in 1/8 ms and rttvar in 1/4 ms */
			if (i == RTAX_RTT)
				val /= 8;
			else if (i == RTAX_RTTVAR)
				val /= 4;
			if (is_json())
				print_uint(PRINT_JSON, mx_names[i], NULL, val);
			else if (val >= 1000)
				print_text("%gs ", val / 1e3);
			else
				print_text("%ums ", val);
			break;
		case RTAX_CC_ALGO:
			if (mx[i] && sym_mnl_attr_validate(mx[i], MNL_TYPE_NUL_STRING) >= 0)
				print_string(PRINT_ANY, "congestion", "%s ",
					     sym_mnl_attr_get_str(mx[i]));
			break;
		default:
			print_uint(PRINT_ANY, mx_names[i], "%u ", val);
			break;
		}
	}
	close_json_object();
	close_json_array(PRINT_JSON, NULL);
}

static void print_gateway(int family, const struct nlattr *a)
{
	char buf[INET6_ADDRSTRLEN];
	const char *gw = attr_addr_text(family, a, buf, sizeof(buf));

	if (is_json()) {
		print_string(PRINT_JSON, "gateway", NULL, gw);
	} else {
		print_text("via ");
		print_string(PRINT_FP, NULL, "%s ", gw);
	}
}

static void print_via(const struct nlattr *a)
{
	const struct rtvia *v = sym_mnl_attr_get_payload(a);
	size_t len = sym_mnl_attr_get_payload_len(a) - sizeof(*v);
	char buf[INET6_ADDRSTRLEN];
	const char *host = addr_text(v->rtvia_family, v->rtvia_addr, len, buf, sizeof(buf));

	if (is_json()) {
		open_json_object("via");
		print_string(PRINT_JSON, "family", NULL, ip_family_name(v->rtvia_family));
		print_string(PRINT_JSON, "host", NULL, host);
		close_json_object();
	} else {
		print_text("via %s ", ip_family_name(v->rtvia_family));
		print_string(PRINT_FP, NULL, "%s ", host);
	}
}

/* Realms: "realm TO" or "realms FROM/TO"; JSON "flow": {"from", "to"}. */
static void print_flow(const struct nlattr *a)
{
	uint32_t to = attr_u32(a), from = to >> 16;
	char fbuf[ROUTE_NAME_MAX], tbuf[ROUTE_NAME_MAX];
	const char *fname = route_name(ROUTE_NAMES_REALM, from, fbuf, sizeof(fbuf));
	const char *tname = route_name(ROUTE_NAMES_REALM, to & 0xFFFF, tbuf, sizeof(tbuf));

	if (is_json()) {
		open_json_object("flow");
		if (from)
			print_string(PRINT_JSON, "from", NULL, fname);
		print_string(PRINT_JSON, "to", NULL, tname);
		close_json_object();
	} else {
		print_text("realm%s ", from ? "s" : "");
		if (from)
			print_text("%s/", fname);
		print_text("%s ", tname);
	}
}

static void print_if(const struct nlattr *a, const char *prefix)
{
	const char *name = ifname((int)attr_u32(a));

	if (is_json()) {
		print_string(PRINT_JSON, prefix, NULL, name);
	} else {
		print_text("%s ", prefix);
		print_string(PRINT_FP, NULL, "%s ", name);
	}
}

static void print_multipath(const struct rtmsg *r, const struct nlattr *a)
{
	const struct rtnexthop *nh = sym_mnl_attr_get_payload(a);
	size_t len = sym_mnl_attr_get_payload_len(a);

	open_json_array(PRINT_JSON, "nexthops");
	while (len >= sizeof(*nh) && nh->rtnh_len >= sizeof(*nh) && nh->rtnh_len <= len) {
		open_json_object(NULL);
		print_nl();
		print_text("\tnexthop ");
		if (nh->rtnh_len > sizeof(*nh)) {
			const struct nlattr *tb[RTA_MAX + 1] = { 0 };
			const struct nlattr *at = (const struct nlattr *)RTNH_DATA(nh);
			size_t left = nh->rtnh_len - sizeof(*nh);

			/* the next hop's own attributes, as a message would carry them */
			while (left >= sizeof(*at) && at->nla_len >= sizeof(*at) &&
			       at->nla_len <= left) {
				uint16_t t = at->nla_type & NLA_TYPE_MASK;

				if (t <= RTA_MAX)
					tb[t] = at;
				size_t step = (size_t)NLA_ALIGN(at->nla_len);

				if (step >= left)
					break;
				left -= step;
				at = (const struct nlattr *)((const char *)at + step);
			}
			if (tb[RTA_GATEWAY])
				print_gateway(r->rtm_family, tb[RTA_GATEWAY]);
			if (attr_of(tb[RTA_VIA], sizeof(struct rtvia)))
				print_via(tb[RTA_VIA]);
		}
		print_string(PRINT_ANY, "dev", "dev %s ", ifname(nh->rtnh_ifindex));
		print_int(PRINT_ANY, "weight", "weight %d ", nh->rtnh_hops + 1);
		print_rt_flags(nh->rtnh_flags);
		close_json_object();
		if ((size_t)NLA_ALIGN(nh->rtnh_len) >= len)
			break;
		len -= (size_t)NLA_ALIGN(nh->rtnh_len);
		nh = RTNH_NEXT(nh);
	}
	close_json_array(PRINT_JSON, NULL);
}

/* One route, as ip/iproute.c print_route() of iproute2 6.1 writes it. */
static void print_route(const struct filter *f, const struct rtmsg *r, const struct nlattr **tb,
			int host_len)
{
	uint32_t table = tb[RTA_TABLE] ? attr_u32(tb[RTA_TABLE]) : r->rtm_table;
	char b1[INET6_ADDRSTRLEN + 16], abuf[INET6_ADDRSTRLEN], nbuf[ROUTE_NAME_MAX];

	open_json_object(NULL);
	if ((r->rtm_type != RTN_UNICAST || ip_opts.details) &&
	    (!f->typemask || (f->typemask & (1ull << r->rtm_type))))
		print_string(PRINT_ANY, "type", "%s ",
			     route_type_name(r->rtm_type, nbuf, sizeof(nbuf)));

	if (tb[RTA_DST]) {
		const char *a = attr_addr_text(r->rtm_family, tb[RTA_DST], abuf, sizeof(abuf));

		if (r->rtm_dst_len != host_len)
			(void)snprintf(b1, sizeof(b1), "%s/%u", a, r->rtm_dst_len);
		else
			(void)snprintf(b1, sizeof(b1), "%s", a);
	} else if (r->rtm_dst_len) {
		/* sic: iproute2 leaves a blank in the value */
		(void)snprintf(b1, sizeof(b1), "0/%d ", r->rtm_dst_len);
	} else {
		(void)snprintf(b1, sizeof(b1), "default");
	}
	print_string(PRINT_ANY, "dst", "%s ", b1);

	if (tb[RTA_SRC]) {
		const char *a = attr_addr_text(r->rtm_family, tb[RTA_SRC], abuf, sizeof(abuf));

		if (r->rtm_src_len != host_len)
			(void)snprintf(b1, sizeof(b1), "%s/%u", a, r->rtm_src_len);
		else
			(void)snprintf(b1, sizeof(b1), "%s", a);
		print_string(PRINT_ANY, "from", "from %s ", b1);
	} else if (r->rtm_src_len) {
		(void)snprintf(b1, sizeof(b1), "0/%u", r->rtm_src_len);
		print_string(PRINT_ANY, "src", "from %s ", b1);
	}
	if (tb[RTA_NH_ID])
		print_uint(PRINT_ANY, "nhid", "nhid %u ", attr_u32(tb[RTA_NH_ID]));
	if (r->rtm_tos)
		print_string(PRINT_ANY, "tos", "tos %s ",
			     route_name(ROUTE_NAMES_DSFIELD, r->rtm_tos, nbuf, sizeof(nbuf)));
	if (tb[RTA_GATEWAY] && f->rvia.bitlen != host_len)
		print_gateway(r->rtm_family, tb[RTA_GATEWAY]);
	if (attr_of(tb[RTA_VIA], sizeof(struct rtvia)))
		print_via(tb[RTA_VIA]);
	if (tb[RTA_OIF] && f->oifmask != -1)
		print_if(tb[RTA_OIF], "dev");

	if (table && (table != RT_TABLE_MAIN || ip_opts.details) && !f->tb)
		print_string(PRINT_ANY, "table", "table %s ",
			     route_name(ROUTE_NAMES_TABLE, table, nbuf, sizeof(nbuf)));
	if (!(r->rtm_flags & RTM_F_CLONED)) {
		if ((r->rtm_protocol != RTPROT_BOOT || ip_opts.details) && f->protocolmask != 0xff)
			print_string(PRINT_ANY, "protocol", "proto %s ",
				     route_name(ROUTE_NAMES_PROTOCOL, r->rtm_protocol, nbuf,
						sizeof(nbuf)));
		if ((r->rtm_scope != RT_SCOPE_UNIVERSE || ip_opts.details) && f->scopemask != 0xff)
			print_string(
				PRINT_ANY, "scope", "scope %s ",
				route_name(ROUTE_NAMES_SCOPE, r->rtm_scope, nbuf, sizeof(nbuf)));
	}
	if (tb[RTA_PREFSRC] && f->rprefsrc.bitlen != host_len) {
		/* the address itself: a name would not help (iproute2's words) */
		const char *psrc =
			attr_addr_text(r->rtm_family, tb[RTA_PREFSRC], abuf, sizeof(abuf));

		if (is_json()) {
			print_string(PRINT_JSON, "prefsrc", NULL, psrc);
		} else {
			print_text("src ");
			print_string(PRINT_FP, NULL, "%s ", psrc);
		}
	}
	if (tb[RTA_PRIORITY] && f->metricmask != UINT32_MAX)
		print_uint(PRINT_ANY, "metric", "metric %u ", attr_u32(tb[RTA_PRIORITY]));

	print_rt_flags(r->rtm_flags);

	if (tb[RTA_MARK]) {
		uint32_t mark = attr_u32(tb[RTA_MARK]);

		if (mark) {
			if (is_json())
				print_uint(PRINT_JSON, "mark", NULL, mark);
			else if (mark >= 16)
				print_text("mark 0x%x ", mark);
			else
				print_text("mark %u ", mark);
		}
	}
	if (tb[RTA_FLOW])
		print_flow(tb[RTA_FLOW]);
	if (tb[RTA_UID])
		print_uint(PRINT_ANY, "uid", "uid %u ", attr_u32(tb[RTA_UID]));
	if (r->rtm_family == AF_INET || r->rtm_family == AF_INET6) {
		if (r->rtm_family == AF_INET && (r->rtm_flags & RTM_F_CLONED))
			print_cache_flags(r->rtm_flags);
		if (attr_of(tb[RTA_CACHEINFO], sizeof(struct rta_cacheinfo))) {
			struct rta_cacheinfo ci;

			memcpy(&ci, sym_mnl_attr_get_payload(tb[RTA_CACHEINFO]), sizeof(ci));
			print_cacheinfo(&ci);
		}
	}
	if (tb[RTA_METRICS])
		print_metrics(tb[RTA_METRICS]);
	if (tb[RTA_IIF])
		print_if(tb[RTA_IIF], "iif");
	if (attr_of(tb[RTA_PREF], 1)) {
		unsigned pref = sym_mnl_attr_get_u8(tb[RTA_PREF]);

		if (pref == ICMPV6_ROUTER_PREF_LOW)
			print_string(PRINT_ANY, "pref", "pref %s", "low");
		else if (pref == ICMPV6_ROUTER_PREF_MEDIUM)
			print_string(PRINT_ANY, "pref", "pref %s", "medium");
		else if (pref == ICMPV6_ROUTER_PREF_HIGH)
			print_string(PRINT_ANY, "pref", "pref %s", "high");
		else
			print_uint(PRINT_ANY, "pref", "%u", pref);
	}
	if (attr_of(tb[RTA_TTL_PROPAGATE], 1)) {
		bool on = sym_mnl_attr_get_u8(tb[RTA_TTL_PROPAGATE]);

		if (is_json())
			print_bool(PRINT_JSON, "ttl-propogate", NULL, on);
		else
			print_text("ttl-propogate %s", on ? "enabled" : "disabled");
	}
	if (tb[RTA_MULTIPATH])
		print_multipath(r, tb[RTA_MULTIPATH]);
	print_text("\n");
	close_json_object();
}

static int route_cb(const struct nlmsghdr *nlh, void *data)
{
	struct filter *f = data;
	const struct nlattr *tb[RTA_MAX + 1];
	const struct rtmsg *r = sym_mnl_nlmsg_get_payload(nlh);
	int host_len;

	if (nlh->nlmsg_type != RTM_NEWROUTE ||
	    sym_mnl_nlmsg_get_payload_len(nlh) < sizeof(struct rtmsg))
		return MNL_CB_OK;
	if (nl_parse_attrs(nlh, sizeof(*r), tb, RTA_MAX) < 0)
		return MNL_CB_OK;
	host_len = (int)inet_addr_len(r->rtm_family) * 8;
	if (!filter_match(f, r, tb, host_len))
		return MNL_CB_OK;
	if (f->flushing) {
		if (nl_msgs_push(&f->flush, nlh) < 0) {
			f->error = -ENOMEM;
			errno = ENOMEM;
			return MNL_CB_ERROR;
		}
		return MNL_CB_OK;
	}
	print_route(f, r, tb, host_len);
	return MNL_CB_OK;
}

/* Selectors of "show" and "flush" (iproute_list_flush_or_save()): GO_ON, or the exit status. */
static int parse_selectors(struct filter *f, int argc, char **argv, char **ret_od)
{
	int dump_family = ip_opts.family;
	int r;

	for (; argc > 0; argc--, argv++) {
		if (ip_matches(*argv, "table")) {
			uint32_t tid;

			NEXT_ARG();
			if (route_name_parse(ROUTE_NAMES_TABLE, *argv, &tid) < 0) {
				if (streq(*argv, "all"))
					f->tb = 0;
				else if (streq(*argv, "cache"))
					f->cloned = 1;
				else if (streq(*argv, "help"))
					return usage();
				else
					return ip_invarg("table id value is invalid\n", *argv);
			} else {
				f->tb = tid;
			}
		} else if (ip_matches(*argv, "vrf")) {
			return ip_unsupported(*argv);
		} else if (ip_matches(*argv, "cached") || ip_matches(*argv, "cloned")) {
			f->cloned = 1;
		} else if (streq(*argv, "tos") || ip_matches(*argv, "dsfield")) {
			return ip_unsupported(*argv);
		} else if (ip_matches(*argv, "protocol")) {
			uint32_t prot = 0;

			NEXT_ARG();
			f->protocolmask = 0xff;
			if (route_name_parse(ROUTE_NAMES_PROTOCOL, *argv, &prot) < 0) {
				if (!streq(*argv, "all"))
					return ip_invarg("invalid \"protocol\"\n", *argv);
				prot = 0;
				f->protocolmask = 0;
			}
			f->protocol = prot;
		} else if (ip_matches(*argv, "scope")) {
			uint32_t scope = 0;

			NEXT_ARG();
			f->scopemask = 0xff;
			if (route_name_parse(ROUTE_NAMES_SCOPE, *argv, &scope) < 0) {
				if (!streq(*argv, "all"))
					return ip_invarg("invalid \"scope\"\n", *argv);
				scope = RT_SCOPE_NOWHERE;
				f->scopemask = 0;
			}
			f->scope = scope;
		} else if (ip_matches(*argv, "type")) {
			unsigned type;

			NEXT_ARG();
			if (route_type_parse(*argv, &type) < 0)
				return ip_invarg("node type value is invalid\n", *argv);
			f->typemask = 1ull << type;
		} else if (streq(*argv, "dev") || streq(*argv, "oif")) {
			NEXT_ARG();
			*ret_od = *argv;
		} else if (streq(*argv, "iif") || streq(*argv, "mark")) {
			return ip_unsupported(*argv);
		} else if (ip_matches(*argv, "metric") || ip_matches(*argv, "priority") ||
			   streq(*argv, "preference")) {
			uint32_t metric;

			NEXT_ARG();
			if (get_u32(*argv, &metric) < 0)
				return ip_invarg("\"metric\" value is invalid\n", *argv);
			f->metric = metric;
			f->metricmask = UINT32_MAX;
		} else if (streq(*argv, "via")) {
			int family;

			NEXT_ARG();
			family = read_family(*argv);
			if (family == AF_UNSPEC)
				family = dump_family;
			else
				NEXT_ARG();
			r = ip_get_prefix(&f->rvia, *argv, family);
			if (r != GO_ON)
				return r;
		} else if (streq(*argv, "src")) {
			NEXT_ARG();
			r = ip_get_prefix(&f->rprefsrc, *argv, dump_family);
			if (r != GO_ON)
				return r;
		} else if (ip_matches(*argv, "realms") || ip_matches(*argv, "from")) {
			return ip_unsupported(*argv);
		} else {
			struct inet_prefix *target = &f->mdst;
			bool exact = true;

			if (ip_matches(*argv, "to"))
				NEXT_ARG();
			if (ip_matches(*argv, "root")) {
				NEXT_ARG();
				target = &f->rdst;
				exact = false;
			} else if (ip_matches(*argv, "match")) {
				NEXT_ARG();
				exact = false;
			} else if (ip_matches(*argv, "exact")) {
				NEXT_ARG();
			}
			r = ip_get_prefix(target, *argv, dump_family);
			if (r != GO_ON)
				return r;
			if (exact)
				f->rdst = f->mdst;
		}
	}
	return GO_ON;
}

/*
 * The kernel makes the IPv4 main table with its first route: a namespace
 * without any answers a dump of it with ENOENT, which ip takes for an empty
 * table when it lists (its save_route_errhndlr()), not when it flushes.
 */
static bool main_missing(const struct filter *f, int r)
{
	return r == -ENOENT && f->tb == RT_TABLE_MAIN;
}

static int route_list_or_flush(int argc, char **argv, bool flush)
{
	_cleanup_nl_ struct mnl_socket *nl = NULL;
	struct route_dump_filter kf = { 0 };
	struct filter f;
	struct error e;
	char *od = NULL;
	int dump_family = ip_opts.family, r;

	filter_reset(&f);
	f.tb = RT_TABLE_MAIN;
	if (flush && argc <= 0)
		return ip_err(IP_EXIT_FAIL, "\"ip route flush\" requires arguments.");
	r = parse_selectors(&f, argc, argv, &od);
	if (r != GO_ON)
		return r;
	if (dump_family == AF_UNSPEC && f.tb)
		dump_family = AF_INET;
	r = ip_open_route(&nl);
	if (r != GO_ON)
		return r;
	if (od) {
		r = dev_index(nl, od, &f.oif);
		if (r != GO_ON)
			return r;
		f.oifmask = -1;
	}
	kf.table = f.tb;
	kf.oif = f.oif;
	kf.protocol = (uint8_t)f.protocol;

	if (flush) {
		time_t start = time(NULL);

		f.flushing = true;
		for (unsigned round = 0;; round++) {
			r = route_dump(nl, dump_family, &kf, route_cb, &f, &e);
			if (r < 0) {
				nl_msgs_free(&f.flush);
				if (f.error)
					return ip_err(IP_EXIT_KERNEL, "Flush terminated");
				return ip_dump_failed(IP_EXIT_KERNEL, &e, "Flush terminated");
			}
			if (f.flush.n == 0) {
				return ip_flush_done(round);
			}
			for (size_t i = 0; i < f.flush.n; i++) {
				r = route_resend(nl, f.flush.v[i], RTM_DELROUTE, 0, &e);
				/* gone since the dump: another flush, or its device went */
				if (r < 0 && r != -ESRCH) {
					nl_msgs_free(&f.flush);
					return ip_err(IP_EXIT_KERNEL,
						      "Failed to send flush request: %s",
						      strerror(-r));
				}
			}
			if (time(NULL) - start > 30) {
				printf("\n*** Flush not completed after %ld seconds, %zu entries "
				       "remain ***\n",
				       (long)(time(NULL) - start), f.flush.n);
				nl_msgs_free(&f.flush);
				return IP_EXIT_FAIL;
			}
			if (ip_opts.stats) {
				printf("\n*** Round %u, deleting %zu entries ***\n", round + 1,
				       f.flush.n);
			}
			nl_msgs_free(&f.flush);
		}
	}

	json_start();
	r = route_dump(nl, dump_family, &kf, route_cb, &f, &e);
	if (r < 0 && !main_missing(&f, r))
		return ip_dump_failed(IP_EXIT_KERNEL, &e, "Dump terminated");
	json_finish();
	return 0;
}

/* ---------------------------------------------------------------- modify */

/* The metrics ip sets with a plain number (and an optional "lock"). */
static const struct {
	const char *word;
	bool abbrev; /* ip's matches(): any start of the word */
	unsigned rtax;
	const char *what; /* in the message for a bad value */
	uint32_t max;
} metric_words[] = {
	{ "mtu", false, RTAX_MTU, "mtu", UINT32_MAX },
	{ "hoplimit", false, RTAX_HOPLIMIT, "hoplimit", 255 },
	{ "advmss", false, RTAX_ADVMSS, "mss", UINT32_MAX },
	{ "reordering", true, RTAX_REORDERING, "reordering", UINT32_MAX },
	{ "window", true, RTAX_WINDOW, "window", UINT32_MAX },
	{ "cwnd", true, RTAX_CWND, "cwnd", UINT32_MAX },
	{ "initcwnd", true, RTAX_INITCWND, "initcwnd", UINT32_MAX },
	{ "initrwnd", true, RTAX_INITRWND, "initrwnd", UINT32_MAX },
	{ "ssthresh", true, RTAX_SSTHRESH, "ssthresh", UINT32_MAX },
};

/* The metric word @word is, or -1 when it is none of them. */
static int metric_word_find(const char *word)
{
	for (size_t i = 0; i < ELEMENTSOF(metric_words); i++)
		if (metric_words[i].abbrev ? ip_matches(word, metric_words[i].word)
					   : streq(word, metric_words[i].word))
			return (int)i;
	return -1;
}

/*
 * The value of metric_words[@i], whose word is at argv[0], into @req, with
 * argc/argv moved to the value.  Return: GO_ON, or the exit status.
 */
static int metric_word_parse(size_t i, int *argcp, char ***argvp, struct route_req *req)
{
	int argc = *argcp;
	char **argv = *argvp;
	char msg[64];
	uint32_t v;

	NEXT_ARG();
	if (streq(*argv, "lock")) {
		req->metrics_lock |= 1u << metric_words[i].rtax;
		NEXT_ARG();
	}
	if (get_u32(*argv, &v) < 0 || v > metric_words[i].max) {
		(void)snprintf(msg, sizeof(msg), "\"%s\" value is invalid\n", metric_words[i].what);
		return ip_invarg(msg, *argv);
	}
	req->metrics[metric_words[i].rtax] = v;
	req->metrics_set |= 1u << metric_words[i].rtax;
	*argcp = argc;
	*argvp = argv;
	return GO_ON;
}

static int route_modify_cmd(uint16_t cmd, uint16_t flags, int argc, char **argv)
{
	_cleanup_nl_ struct mnl_socket *nl = NULL;
	struct route_req req = {
		.family = ip_opts.family,
		.table = RT_TABLE_MAIN,
		.scope = RT_SCOPE_NOWHERE,
	};
	struct error e;
	const char *dev = NULL;
	bool gw_ok = false, dst_ok = false, scope_ok = false, table_ok = false;
	int m, r;

	if (cmd != RTM_DELROUTE) {
		req.protocol = RTPROT_BOOT;
		req.scope = RT_SCOPE_UNIVERSE;
		req.type = RTN_UNICAST;
	}

	for (; argc > 0; argc--, argv++) {
		if (streq(*argv, "src")) {
			NEXT_ARG();
			r = ip_get_addr(&req.prefsrc, *argv, req.family);
			if (r != GO_ON)
				return r;
			if (req.family == AF_UNSPEC)
				req.family = req.prefsrc.family;
			req.has_prefsrc = true;
		} else if (streq(*argv, "as")) {
			return ip_unsupported(*argv);
		} else if (streq(*argv, "via")) {
			int family;

			if (gw_ok)
				return ip_invarg("use nexthop syntax to specify multiple via\n",
						 *argv);
			gw_ok = true;
			NEXT_ARG();
			family = read_family(*argv);
			if (family == AF_UNSPEC)
				family = req.family;
			else
				NEXT_ARG();
			r = ip_get_addr(&req.gateway, *argv, family);
			if (r != GO_ON)
				return r;
			if (req.family == AF_UNSPEC)
				req.family = req.gateway.family;
			req.has_gateway = true;
		} else if (streq(*argv, "from") || streq(*argv, "tos") ||
			   ip_matches(*argv, "dsfield") || streq(*argv, "expires")) {
			return ip_unsupported(*argv);
		} else if (ip_matches(*argv, "metric") || ip_matches(*argv, "priority") ||
			   streq(*argv, "preference")) {
			NEXT_ARG();
			if (get_u32(*argv, &req.priority) < 0)
				return ip_invarg("\"metric\" value is invalid\n", *argv);
			req.has_priority = true;
		} else if (streq(*argv, "scope")) {
			uint32_t scope;

			NEXT_ARG();
			if (route_name_parse(ROUTE_NAMES_SCOPE, *argv, &scope) < 0)
				return ip_invarg("invalid \"scope\" value\n", *argv);
			req.scope = (uint8_t)scope;
			scope_ok = true;
		} else if ((m = metric_word_find(*argv)) >= 0) {
			r = metric_word_parse((size_t)m, &argc, &argv, &req);
			if (r != GO_ON)
				return r;
		} else if (streq(*argv, "rtt") || streq(*argv, "rto_min") ||
			   ip_matches(*argv, "features") || ip_matches(*argv, "quickack") ||
			   ip_matches(*argv, "congctl") || ip_matches(*argv, "rttvar") ||
			   ip_matches(*argv, "realms")) {
			return ip_unsupported(*argv);
		} else if (streq(*argv, "onlink")) {
			req.flags |= RTNH_F_ONLINK;
		} else if (streq(*argv, "nexthop") || streq(*argv, "nhid")) {
			return ip_unsupported(*argv);
		} else if (ip_matches(*argv, "protocol")) {
			uint32_t prot;

			NEXT_ARG();
			if (route_name_parse(ROUTE_NAMES_PROTOCOL, *argv, &prot) < 0)
				return ip_invarg("\"protocol\" value is invalid\n", *argv);
			req.protocol = (uint8_t)prot;
		} else if (ip_matches(*argv, "table")) {
			NEXT_ARG();
			if (route_name_parse(ROUTE_NAMES_TABLE, *argv, &req.table) < 0)
				return ip_invarg("\"table\" value is invalid\n", *argv);
			table_ok = true;
		} else if (ip_matches(*argv, "vrf")) {
			return ip_unsupported(*argv);
		} else if (streq(*argv, "dev") || streq(*argv, "oif")) {
			NEXT_ARG();
			dev = *argv;
		} else if (ip_matches(*argv, "pref") || streq(*argv, "encap") ||
			   streq(*argv, "ttl-propagate") ||
			   ip_matches(*argv, "fastopen_no_cookie")) {
			return ip_unsupported(*argv);
		} else {
			unsigned type;

			if (streq(*argv, "to"))
				NEXT_ARG();
			if ((**argv < '0' || **argv > '9') && route_type_parse(*argv, &type) == 0) {
				NEXT_ARG();
				req.type = (uint8_t)type;
			}
			if (ip_matches(*argv, "help"))
				return usage();
			if (dst_ok)
				return ip_duparg2("to", *argv);
			r = ip_get_prefix(&req.dst, *argv, req.family);
			if (r != GO_ON)
				return r;
			if (req.family == AF_UNSPEC)
				req.family = req.dst.family;
			dst_ok = true;
		}
	}
	if (!dst_ok)
		return usage();

	r = ip_open_route(&nl);
	if (r != GO_ON)
		return r;
	if (dev) {
		r = dev_index(nl, dev, &req.oif);
		if (r != GO_ON)
			return r;
	}
	if (req.family == AF_UNSPEC)
		req.family = AF_INET;
	if (!table_ok && (req.type == RTN_LOCAL || req.type == RTN_BROADCAST ||
			  req.type == RTN_NAT || req.type == RTN_ANYCAST))
		req.table = RT_TABLE_LOCAL;
	if (!scope_ok) {
		if (req.family == AF_INET6)
			req.scope = RT_SCOPE_UNIVERSE;
		else if (req.type == RTN_LOCAL || req.type == RTN_NAT)
			req.scope = RT_SCOPE_HOST;
		else if (req.type == RTN_BROADCAST || req.type == RTN_MULTICAST ||
			 req.type == RTN_ANYCAST)
			req.scope = RT_SCOPE_LINK;
		else if (req.type == RTN_UNICAST || req.type == RTN_UNSPEC) {
			if (cmd == RTM_DELROUTE)
				req.scope = RT_SCOPE_NOWHERE;
			else if (!gw_ok)
				req.scope = RT_SCOPE_LINK;
		}
	}

	r = route_modify(nl, cmd, flags, &req, &e);
	if (r < 0)
		return ip_nl_error(&e);
	return 0;
}

/* ---------------------------------------------------------------- get */

static int get_cb(const struct nlmsghdr *nlh, void *data)
{
	struct filter *f = data;
	const struct nlattr *tb[RTA_MAX + 1];
	const struct rtmsg *r = sym_mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type != RTM_NEWROUTE ||
	    sym_mnl_nlmsg_get_payload_len(nlh) < sizeof(struct rtmsg))
		return MNL_CB_OK;
	if (nl_parse_attrs(nlh, sizeof(*r), tb, RTA_MAX) < 0)
		return MNL_CB_OK;
	print_route(f, r, tb, (int)inet_addr_len(r->rtm_family) * 8);
	return MNL_CB_OK;
}

static int route_get_cmd(int argc, char **argv)
{
	_cleanup_nl_ struct mnl_socket *nl = NULL;
	struct route_get_req req = { .family = ip_opts.family };
	struct filter f;
	struct error e;
	const char *idev = NULL, *odev = NULL;
	bool address_found = false;
	int r;

	filter_reset(&f);
	f.cloned = 2;
	for (; argc > 0; argc--, argv++) {
		if (streq(*argv, "tos") || ip_matches(*argv, "dsfield")) {
			return ip_unsupported(*argv);
		} else if (ip_matches(*argv, "from")) {
			NEXT_ARG();
			if (ip_matches(*argv, "help"))
				return usage();
			r = ip_get_prefix(&req.src, *argv, req.family);
			if (r != GO_ON)
				return r;
			if (req.family == AF_UNSPEC)
				req.family = req.src.family;
			req.has_src = true;
		} else if (ip_matches(*argv, "iif")) {
			NEXT_ARG();
			idev = *argv;
		} else if (ip_matches(*argv, "mark")) {
			NEXT_ARG();
			if (get_u32(*argv, &req.mark) < 0)
				return ip_invarg("invalid mark value", *argv);
		} else if (ip_matches(*argv, "oif") || streq(*argv, "dev")) {
			NEXT_ARG();
			odev = *argv;
		} else if (ip_matches(*argv, "notify") || ip_matches(*argv, "connected") ||
			   ip_matches(*argv, "vrf") || ip_matches(*argv, "uid")) {
			return ip_unsupported(*argv);
		} else if (ip_matches(*argv, "fibmatch")) {
			req.flags |= RTM_F_FIB_MATCH;
		} else if (streq(*argv, "as") || ip_matches(*argv, "sport") ||
			   ip_matches(*argv, "dport") || ip_matches(*argv, "ipproto")) {
			return ip_unsupported(*argv);
		} else {
			if (streq(*argv, "to"))
				NEXT_ARG();
			if (ip_matches(*argv, "help"))
				return usage();
			r = ip_get_prefix(&req.dst, *argv, req.family);
			if (r != GO_ON)
				return r;
			if (req.family == AF_UNSPEC)
				req.family = req.dst.family;
			if (req.family == AF_INET && req.dst.bitlen != 32) {
				(void)fprintf(stderr,
					      "Warning: /%d as prefix is invalid, only /32 (or "
					      "none) is supported.\n",
					      req.dst.bitlen);
				req.dst.bitlen = 32;
			} else if (req.family == AF_INET6 && req.dst.bitlen != 128) {
				(void)fprintf(stderr,
					      "Warning: /%d as prefix is invalid, only /128 (or "
					      "none) is supported.\n",
					      req.dst.bitlen);
				req.dst.bitlen = 128;
			}
			address_found = true;
		}
	}
	if (!address_found)
		return ip_err(IP_EXIT_FAIL, "need at least a destination address");

	r = ip_open_route(&nl);
	if (r != GO_ON)
		return r;
	if (idev) {
		r = dev_index(nl, idev, &req.iif);
		if (r != GO_ON)
			return r;
	}
	if (odev) {
		r = dev_index(nl, odev, &req.oif);
		if (r != GO_ON)
			return r;
	}
	if (req.family == AF_UNSPEC)
		req.family = AF_INET;
	json_start();
	r = route_get(nl, &req, get_cb, &f, &e);
	if (r < 0)
		return ip_nl_error(&e);
	json_finish();
	return 0;
}

/* ---------------------------------------------------------------- verbs */

static int verb_modify(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		       char **argv)
{
	return route_modify_cmd(v->type, v->flags, argc, argv);
}

static int verb_show(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		     char **argv)
{
	return route_list_or_flush(argc, argv, false);
}

static int verb_flush(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		      char **argv)
{
	return route_list_or_flush(argc, argv, true);
}

static int verb_get(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		    char **argv)
{
	return route_get_cmd(argc, argv);
}

static int verb_unsupported(struct mnl_socket *nl, const struct ip_verb *v, const char *word,
			    int argc, char **argv)
{
	return ip_unsupported(word);
}

static int verb_help(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		     char **argv)
{
	return usage();
}

/* do_iproute()'s order; each command opens its socket once its words are read */
static const struct ip_verb route_verbs[] = {
	{ "add", .fn = verb_modify, .type = RTM_NEWROUTE, .flags = NLM_F_CREATE | NLM_F_EXCL },
	{ "change", .fn = verb_modify, .type = RTM_NEWROUTE, .flags = NLM_F_REPLACE },
	{ "chg", .whole = true, .fn = verb_modify, .type = RTM_NEWROUTE, .flags = NLM_F_REPLACE },
	{ "replace", .fn = verb_modify, .type = RTM_NEWROUTE,
	  .flags = NLM_F_CREATE | NLM_F_REPLACE },
	{ "prepend", .fn = verb_modify, .type = RTM_NEWROUTE, .flags = NLM_F_CREATE },
	{ "append", .fn = verb_modify, .type = RTM_NEWROUTE, .flags = NLM_F_CREATE | NLM_F_APPEND },
	{ "test", .fn = verb_modify, .type = RTM_NEWROUTE, .flags = NLM_F_EXCL },
	{ "delete", .fn = verb_modify, .type = RTM_DELROUTE },
	{ "list", .dflt = true, .fn = verb_show },
	{ "show", .fn = verb_show },
	{ "lst", .fn = verb_show },
	{ "get", .fn = verb_get },
	{ "flush", .fn = verb_flush },
	{ "save", .fn = verb_unsupported },
	{ "restore", .fn = verb_unsupported },
	{ "showdump", .fn = verb_unsupported },
	{ "help", .fn = verb_help },
};

int cmd_route(int argc, char *argv[])
{
	return ip_verb_run(route_verbs, ELEMENTSOF(route_verbs), NULL, "route", argc - 1, argv + 1);
}
