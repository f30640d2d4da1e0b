/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd-addr.c - "nook addr": iproute2 6.1's "ip addr" over rtnetlink.
 *
 *   nook addr add|del CIDR dev DEV [peer CIDR] [broadcast +|-|ADDR] [label L] [scope S]
 *   nook [-4|-6] [-j [-p]] [-o] [-br] addr show [dev DEV] [up] [down] [scope S] [label L]
 *   nook addr flush dev DEV
 *
 * The device lines come from ip-link-print.c, which "link show" shares; the
 * address lines are ip's print_addrinfo(), with its quirks kept (an address
 * left out by a filter is still an empty object in -j, as in ip).
 */
#include <endian.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "alloc-util.h"
#include "dlib.h"
#include "inet.h"
#include "ip-link-print.h"
#include "ip.h"
#include "link.h"
#include "macro.h"
#include "nl.h"
#include "nook.h"
#include "route.h"

#define INFINITY_LIFE_TIME 0xFFFFFFFFU

static void ipaddr_usage(void)
{
	fputs("Usage: ip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ]\n"
	      "                                                      [ CONFFLAG-LIST ]\n"
	      "       ip address del IFADDR dev IFNAME [mngtmpaddr]\n"
	      "       ip address {save|flush} [ dev IFNAME ] [ scope SCOPE-ID ]\n"
	      "                            [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]\n"
	      "       ip address [ show [ dev IFNAME ] [ scope SCOPE-ID ] [ master DEVICE ]\n"
	      "                         [ type TYPE ] [ to PREFIX ] [ FLAG-LIST ]\n"
	      "                         [ label LABEL ] [up] [ vrf NAME ] ]\n"
	      "IFADDR := PREFIX | ADDR peer PREFIX\n"
	      "          [ broadcast ADDR ] [ anycast ADDR ]\n"
	      "          [ label IFNAME ] [ scope SCOPE-ID ]\n"
	      "SCOPE-ID := [ host | link | global | NUMBER ]\n",
	      stderr);
}

/* ifa_flag_data[] of ip 6.1, in its order */
static const struct {
	const char *name;
	uint32_t mask;
	bool readonly, v6only;
} ifa_flags[] = {
	{ "secondary", IFA_F_SECONDARY, true, false },
	{ "temporary", IFA_F_SECONDARY, true, false },
	{ "nodad", IFA_F_NODAD, false, true },
	{ "optimistic", IFA_F_OPTIMISTIC, false, true },
	{ "dadfailed", IFA_F_DADFAILED, true, true },
	{ "home", IFA_F_HOMEADDRESS, false, true },
	{ "deprecated", IFA_F_DEPRECATED, true, true },
	{ "tentative", IFA_F_TENTATIVE, true, true },
	{ "permanent", IFA_F_PERMANENT, true, true },
	{ "mngtmpaddr", IFA_F_MANAGETEMPADDR, false, true },
	{ "noprefixroute", IFA_F_NOPREFIXROUTE, false, false },
	{ "autojoin", IFA_F_MCAUTOJOIN, false, false },
	{ "stable-privacy", IFA_F_STABLE_PRIVACY, true, true },
};

static int flag_index(const char *name)
{
	for (size_t i = 0; i < ELEMENTSOF(ifa_flags); i++)
		if (streq(name, ifa_flags[i].name))
			return (int)i;
	return -1;
}

/* ---------------------------------------------------------------- add, del */

/* ipaddr_modify() */
static int do_modify(struct mnl_socket *nl, uint16_t cmd, int argc, char **argv)
{
	struct addr_req req = ADDR_REQ_INIT;
	struct inet_prefix lcl = { 0 }, peer = { 0 }, brd;
	const char *dev = NULL, *lcl_arg = NULL;
	bool has_local = false, has_peer = false, scoped = false, brd_set = false;
	int brd_mode = 0; /* -1 "+", -2 "-" */
	int family = ip_opts.family, r;
	struct error e = ERROR_INIT;

	while (argc > 0) {
		const char *a = argv[0];

		if (streq(a, "peer") || streq(a, "remote")) {
			NEXT_ARG();
			if (has_peer)
				return ip_duparg("peer", argv[0]);
			r = ip_get_prefix(&peer, argv[0], family);
			if (r != GO_ON)
				return r;
			has_peer = true;
			if (family == AF_UNSPEC)
				family = peer.family;
			req.prefixlen = peer.bitlen;
		} else if (ip_matches(a, "broadcast") || streq(a, "brd")) {
			NEXT_ARG();
			if (brd_set || brd_mode)
				return ip_duparg("broadcast", argv[0]);
			if (streq(argv[0], "+")) {
				brd_mode = -1;
			} else if (streq(argv[0], "-")) {
				brd_mode = -2;
			} else {
				/* ip reads an IPv4 or IPv6 address under -0 too, and the kernel
				 * refuses the family; it also takes "default", "any" and "all",
				 * to send an attribute the kernel refuses: nook refuses them */
				r = ip_get_addr(&brd, argv[0],
						family == AF_PACKET ? AF_UNSPEC : family);
				if (r != GO_ON)
					return r;
				if (brd.bitlen == INET_BITLEN_ANY)
					return ip_err(
						IP_EXIT_FAIL,
						"Error: %s address is expected rather than \"%s\".",
						ip_family_name(family), argv[0]);
				if (family == AF_UNSPEC)
					family = brd.family;
				if (brd.family == AF_INET) {
					memcpy(req.broadcast, brd.data, 4);
					req.has_broadcast = true;
				}
				brd_set = true;
			}
		} else if (streq(a, "scope")) {
			uint32_t scope;

			NEXT_ARG();
			/* rtnl_rtscope_a2n(): a name of rt_scopes or a number up to 255 */
			if (route_name_parse(ROUTE_NAMES_SCOPE, argv[0], &scope) < 0)
				return ip_invarg("invalid scope value.", argv[0]);
			req.scope = (int)scope;
			scoped = true;
		} else if (streq(a, "dev")) {
			NEXT_ARG();
			dev = argv[0];
		} else if (streq(a, "label")) {
			NEXT_ARG();
			req.label = argv[0];
		} else if (flag_index(a) >= 0) {
			int i = flag_index(a);

			if (ifa_flags[i].readonly)
				fprintf(stderr,
					"Warning: %s option is not mutable from userspace\n",
					ifa_flags[i].name);
			else if (ifa_flags[i].v6only && family != AF_INET6)
				fprintf(stderr,
					"Warning: %s option can be set only for IPv6 addresses\n",
					ifa_flags[i].name);
			else
				req.flags |= ifa_flags[i].mask;
		} else if (streq(a, "anycast") || ip_matches(a, "metric") ||
			   ip_matches(a, "priority") || ip_matches(a, "preference") ||
			   ip_matches(a, "valid_lft") || ip_matches(a, "preferred_lft") ||
			   streq(a, "proto")) {
			return ip_err(IP_EXIT_USAGE, "Error: \"%s\" is not supported by nook addr.",
				      a);
		} else {
			if (streq(a, "local"))
				NEXT_ARG();
			if (ip_matches(argv[0], "help")) {
				ipaddr_usage();
				return IP_EXIT_USAGE;
			}
			if (has_local)
				return ip_duparg2("local", argv[0]);
			lcl_arg = argv[0];
			r = ip_get_prefix(&lcl, argv[0], family);
			if (r != GO_ON)
				return r;
			has_local = true;
			if (family == AF_UNSPEC)
				family = lcl.family;
		}
		argc--, argv++;
	}
	if (!dev)
		return ip_err(IP_EXIT_FAIL,
			      "Not enough information: \"dev\" argument is required.");

	req.family = family;
	if (has_local) {
		memcpy(req.local, lcl.data, sizeof(req.local));
		req.has_local = true;
	}
	if (has_peer) {
		memcpy(req.address, peer.data, sizeof(req.address));
		req.has_address = true;
	} else if (has_local) {
		if (cmd == RTM_DELADDR && lcl.family == AF_INET && lcl.bytelen &&
		    !lcl.prefixlen_set) {
			fprintf(stderr,
				"Warning: Executing wildcard deletion to stay compatible with old "
				"scripts.\n"
				"         Explicitly specify the prefix length (%s/%d) to avoid "
				"this "
				"warning.\n"
				"         This special behaviour is likely to disappear in further "
				"releases,\n"
				"         fix your scripts!\n",
				lcl_arg, 32);
		} else {
			peer = lcl;
			memcpy(req.address, lcl.data, sizeof(req.address));
			req.has_address = true;
		}
	}
	if (req.prefixlen == 0)
		req.prefixlen = has_local ? lcl.bitlen : 0;

	if (brd_mode < 0 && cmd != RTM_DELADDR) {
		if (family != AF_INET)
			return ip_err(IP_EXIT_FAIL, "Broadcast can be set only for IPv4 addresses");
		if (peer.bitlen <= 30) {
			uint32_t host = peer.bitlen ? 0xffffffffu >> peer.bitlen : 0xffffffffu;
			uint32_t a;

			memcpy(&a, peer.data, 4);
			a = be32toh(a);
			a = brd_mode == -1 ? a | host : a & ~host;
			a = htobe32(a);
			memcpy(req.broadcast, &a, 4);
			req.has_broadcast = true;
		}
	}
	if (!scoped && cmd != RTM_DELADDR)
		req.scope = -1;
	else if (!scoped)
		req.scope = 0;

	r = link_name_to_index(nl, dev, &req.ifindex);
	if (r < 0)
		return ip_err(IP_EXIT_FAIL, "Cannot find device \"%s\"", dev);
	/* no family (or -0, -f bridge): rtnetlink has no handler for it */
	if (inet_addr_len(family) == 0)
		return ip_err(IP_EXIT_KERNEL, "RTNETLINK answers: %s", strerror(EOPNOTSUPP));

	r = cmd == RTM_DELADDR ? addr_del(nl, &req, &e)
			       : addr_modify(nl, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &req, &e);
	if (r < 0) {
		if (e.code == 0)
			e.code = r;
		return ip_nl_error(&e);
	}
	return 0;
}

/* ---------------------------------------------------------------- show, flush */

/* ip's struct filter, the part about addresses */
struct addr_filter {
	int family;
	int ifindex;
	unsigned scope, scopemask;
	const char *label;
	struct inet_prefix pfx;
	bool has_pfx;
	bool up, down;
	bool oneline;
};

/* One RTM_NEWADDR answer, kept with its attributes. */
struct addr_msg {
	struct nlmsghdr *nlh;
	const struct ifaddrmsg *ifa;
	const struct nlattr *tb[IFA_MAX + 1];
};

struct addr_list {
	struct addr_msg *v;
	size_t n, allocated;
};

static int addr_store_cb(const struct nlmsghdr *nlh, void *data)
{
	struct addr_list *l = data;
	struct addr_msg *m;

	if (nlh->nlmsg_type != RTM_NEWADDR ||
	    sym_mnl_nlmsg_get_payload_len(nlh) < sizeof(struct ifaddrmsg))
		return MNL_CB_OK;
	if (GREEDY_REALLOC(l->v, l->allocated, l->n + 1) < 0) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	m = &l->v[l->n];
	*m = (struct addr_msg){ 0 };
	/* libmnl lets the last attribute run to the aligned end of the message: copy that far */
	m->nlh = calloc(1, MNL_ALIGN(nlh->nlmsg_len));
	if (!m->nlh) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	memcpy(m->nlh, nlh, nlh->nlmsg_len);
	m->ifa = sym_mnl_nlmsg_get_payload(m->nlh);
	if (nl_parse_attrs(m->nlh, sizeof(struct ifaddrmsg), m->tb, IFA_MAX) < 0) {
		free(m->nlh);
		return MNL_CB_OK;
	}
	/* an IPv6 address has IFA_ADDRESS only; a point-to-point one both */
	if (!m->tb[IFA_LOCAL])
		m->tb[IFA_LOCAL] = m->tb[IFA_ADDRESS];
	if (!m->tb[IFA_ADDRESS])
		m->tb[IFA_ADDRESS] = m->tb[IFA_LOCAL];
	l->n++;
	return MNL_CB_OK;
}

static void addr_list_free(struct addr_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].nlh);
	free(l->v);
	*l = (struct addr_list){ 0 };
}

static uint32_t msg_flags(const struct addr_msg *m)
{
	const struct nlattr *a = m->tb[IFA_FLAGS];

	if (a && sym_mnl_attr_get_payload_len(a) >= 4)
		return sym_mnl_attr_get_u32(a);
	return m->ifa->ifa_flags;
}

static const char *attr_str(const struct nlattr *a)
{
	if (!a || sym_mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
		return "";
	return sym_mnl_attr_get_str(a);
}

/* inet_addr_match_rta(): the first prefixlen bits of the address are the filter's */
static bool prefix_match(const struct addr_filter *f, const struct addr_msg *m)
{
	const struct nlattr *a = m->tb[IFA_LOCAL];
	size_t len;

	if (!f->has_pfx || f->pfx.family == AF_UNSPEC)
		return true;
	if (!a || m->ifa->ifa_family != f->pfx.family)
		return false;
	len = inet_addr_len(f->pfx.family);
	if (sym_mnl_attr_get_payload_len(a) < len)
		return false;
	return inet_addr_match(sym_mnl_attr_get_payload(a), f->pfx.data, f->pfx.bitlen);
}

static bool label_match(const struct addr_filter *f, const struct ip_links *links,
			const struct addr_msg *m)
{
	const char *label;

	if (!f->label)
		return true;
	if (m->tb[IFA_LABEL]) {
		label = attr_str(m->tb[IFA_LABEL]);
	} else {
		const struct ip_link *l = ip_links_find(links, (int)m->ifa->ifa_index);

		label = l ? l->name : "";
	}
	return fnmatch(f->label, label, 0) == 0;
}

static void print_ifa_flags(const struct addr_msg *m, uint32_t flags)
{
	for (size_t i = 0; i < ELEMENTSOF(ifa_flags); i++) {
		uint32_t mask = ifa_flags[i].mask;

		if (mask == IFA_F_PERMANENT) {
			if (!(flags & mask))
				print_bool(PRINT_ANY, "dynamic", "dynamic ", true);
		} else if (flags & mask) {
			if (mask == IFA_F_SECONDARY && m->ifa->ifa_family == AF_INET6) {
				print_bool(PRINT_ANY, "temporary", "temporary ", true);
			} else {
				print_string(PRINT_FP, NULL, "%s ", ifa_flags[i].name);
				print_bool(PRINT_JSON, ifa_flags[i].name, NULL, true);
			}
		}
		flags &= ~mask;
	}
	if (flags) {
		char buf[16];

		(void)snprintf(buf, sizeof(buf), "%02x", flags);
		if (is_json())
			print_string(PRINT_JSON, "ifa_flags", NULL, buf);
		else
			print_text("flags %s ", buf);
	}
}

static const char *addr_text(const struct addr_msg *m, const struct nlattr *a, char *buf,
			     size_t size)
{
	size_t len = inet_addr_len(m->ifa->ifa_family);

	if (!a || sym_mnl_attr_get_payload_len(a) < len || len == 0)
		return "?";
	return inet_addr_format(m->ifa->ifa_family, sym_mnl_attr_get_payload(a), buf, size);
}

/* print_addrinfo() */
static void print_addr(const struct ip_links *links, const struct addr_filter *f,
		       const struct addr_msg *m)
{
	const struct ifaddrmsg *ifa = m->ifa;
	const struct nlattr *const *tb = m->tb;
	uint32_t flags = msg_flags(m);
	char buf[64], sbuf[ROUTE_NAME_MAX];

	if (f->ifindex && f->ifindex != (int)ifa->ifa_index)
		return;
	if ((f->scope ^ ifa->ifa_scope) & f->scopemask)
		return;
	if (f->family && f->family != ifa->ifa_family)
		return;
	if (!label_match(f, links, m) || !prefix_match(f, m))
		return;

	if (!ip_opts.brief) {
		if (f->oneline) {
			const struct ip_link *l = ip_links_find(links, (int)ifa->ifa_index);
			char ibuf[32];
			const char *dev = l ? l->name : ibuf;

			(void)snprintf(ibuf, sizeof(ibuf), "if%u", ifa->ifa_index);
			if (is_json()) {
				print_int(PRINT_JSON, "index", NULL, (int)ifa->ifa_index);
				print_string(PRINT_JSON, "dev", NULL, dev);
			} else {
				print_text("%u: %s", ifa->ifa_index, dev);
			}
		}
		if (ifa->ifa_family == AF_INET || ifa->ifa_family == AF_INET6)
			print_string(PRINT_ANY, "family", "    %s ",
				     ifa->ifa_family == AF_INET ? "inet" : "inet6");
		else
			print_int(PRINT_ANY, "family_index", "    family %d ", ifa->ifa_family);
	}
	if (tb[IFA_LOCAL]) {
		size_t len = ifa->ifa_family == AF_INET ? 4 : 16;

		print_string(PRINT_ANY, "local", "%s",
			     addr_text(m, tb[IFA_LOCAL], buf, sizeof(buf)));
		if (tb[IFA_ADDRESS] && sym_mnl_attr_get_payload_len(tb[IFA_ADDRESS]) >= len &&
		    sym_mnl_attr_get_payload_len(tb[IFA_LOCAL]) >= len &&
		    memcmp(sym_mnl_attr_get_payload(tb[IFA_ADDRESS]),
			   sym_mnl_attr_get_payload(tb[IFA_LOCAL]), len)) {
			print_string(PRINT_FP, NULL, " %s ", "peer");
			print_string(PRINT_ANY, "address", "%s",
				     addr_text(m, tb[IFA_ADDRESS], buf, sizeof(buf)));
		}
		print_int(PRINT_ANY, "prefixlen", "/%d ", ifa->ifa_prefixlen);
		if (tb[IFA_RT_PRIORITY] && sym_mnl_attr_get_payload_len(tb[IFA_RT_PRIORITY]) >= 4)
			print_uint(PRINT_ANY, "metric", "metric %u ",
				   sym_mnl_attr_get_u32(tb[IFA_RT_PRIORITY]));
	}
	if (ip_opts.brief)
		return;
	if (tb[IFA_BROADCAST]) {
		print_string(PRINT_FP, NULL, "%s ", "brd");
		print_string(PRINT_ANY, "broadcast", "%s ",
			     addr_text(m, tb[IFA_BROADCAST], buf, sizeof(buf)));
	}
	if (tb[IFA_ANYCAST]) {
		print_string(PRINT_FP, NULL, "%s ", "any");
		print_string(PRINT_ANY, "anycast", "%s ",
			     addr_text(m, tb[IFA_ANYCAST], buf, sizeof(buf)));
	}
	if (tb[IFA_MULTICAST]) {
		print_string(PRINT_FP, NULL, "%s ", "mcast");
		print_string(PRINT_ANY, "multicast", "%s ",
			     addr_text(m, tb[IFA_MULTICAST], buf, sizeof(buf)));
	}
	print_string(PRINT_ANY, "scope", "scope %s ",
		     route_name(ROUTE_NAMES_SCOPE, ifa->ifa_scope, sbuf, sizeof(sbuf)));
	print_ifa_flags(m, flags);
	if (tb[IFA_LABEL])
		print_string(PRINT_ANY, "label", "%s", attr_str(tb[IFA_LABEL]));
	if (tb[IFA_CACHEINFO] &&
	    sym_mnl_attr_get_payload_len(tb[IFA_CACHEINFO]) >= sizeof(struct ifa_cacheinfo)) {
		const struct ifa_cacheinfo *ci = sym_mnl_attr_get_payload(tb[IFA_CACHEINFO]);

		print_nl();
		print_string(PRINT_FP, NULL, "       valid_lft ", NULL);
		if (ci->ifa_valid == INFINITY_LIFE_TIME) {
			print_uint(PRINT_JSON, "valid_life_time", NULL, INFINITY_LIFE_TIME);
			print_string(PRINT_FP, NULL, "%s", "forever");
		} else {
			print_uint(PRINT_ANY, "valid_life_time", "%usec", ci->ifa_valid);
		}
		print_string(PRINT_FP, NULL, " preferred_lft ", NULL);
		if (ci->ifa_prefered == INFINITY_LIFE_TIME) {
			print_uint(PRINT_JSON, "preferred_life_time", NULL, INFINITY_LIFE_TIME);
			print_string(PRINT_FP, NULL, "%s", "forever");
		} else if (flags & IFA_F_DEPRECATED) {
			print_int(PRINT_ANY, "preferred_life_time", "%dsec", (int)ci->ifa_prefered);
		} else {
			print_uint(PRINT_ANY, "preferred_life_time", "%usec", ci->ifa_prefered);
		}
	}
	print_string(PRINT_FP, NULL, "%s", "\n");
}

/* print_selected_addrinfo() */
static void print_selected(const struct ip_links *links, const struct addr_filter *f,
			   const struct ip_link *l, const struct addr_list *addrs)
{
	open_json_array(PRINT_JSON, "addr_info");
	for (size_t i = 0; i < addrs->n; i++) {
		const struct addr_msg *m = &addrs->v[i];

		if ((int)m->ifa->ifa_index != l->ifi->ifi_index ||
		    (f->family && f->family != m->ifa->ifa_family))
			continue;
		if (f->up && !(l->ifi->ifi_flags & IFF_UP))
			continue;
		if (f->down && (l->ifi->ifi_flags & IFF_UP))
			continue;
		open_json_object(NULL);
		print_addr(links, f, m);
		close_json_object();
	}
	close_json_array(PRINT_JSON, NULL);
	if (ip_opts.brief)
		print_string(PRINT_FP, NULL, "%s", "\n");
}

/* ipaddr_filter(): whether @l stays in the listing */
static bool link_has_match(const struct ip_links *links, const struct addr_filter *f,
			   const struct ip_link *l, const struct addr_list *addrs)
{
	bool missing = true;

	for (size_t i = 0; i < addrs->n; i++) {
		const struct addr_msg *m = &addrs->v[i];

		if ((int)m->ifa->ifa_index != l->ifi->ifi_index)
			continue;
		missing = false;
		if (f->family && f->family != m->ifa->ifa_family)
			continue;
		if ((f->scope ^ m->ifa->ifa_scope) & f->scopemask)
			continue;
		if (!label_match(f, links, m) || !prefix_match(f, m))
			continue;
		return true;
	}
	return missing && f->family == AF_UNSPEC;
}

static int do_flush(struct mnl_socket *nl, const struct addr_filter *f)
{
	unsigned round = 0, deleted;
	struct error e = ERROR_INIT;
	int r;

	/* ip's default max_flush_loops */
	while (round < 10) {
		r = addr_flush_round(nl, f->family, f->ifindex, &deleted, &e);
		if (r < 0) {
			if (e.code == 0)
				e.code = r;
			return ip_nl_error(&e);
		}
		if (deleted == 0) {
			return ip_flush_done(round);
		}
		round++;
		if (ip_opts.stats)
			printf("\n*** Round %u, deleting %u addresses ***\n", round, deleted);
	}
	return ip_err(IP_EXIT_FAIL, "*** Flush remains incomplete after %u rounds. ***", round);
}

/* ipaddr_list_flush_or_save() */
static int do_list(struct mnl_socket *nl, int argc, char **argv, bool flush)
{
	struct addr_filter f = { .family = ip_opts.family, .oneline = ip_opts.oneline };
	struct ip_link_filter lf = { 0 };
	struct ip_links all = { 0 }, shown = { 0 };
	bool shown_loaded = false;
	struct addr_list addrs = { 0 };
	const char *dev = NULL, *master = NULL;
	int r;

	if (flush) {
		if (argc <= 0)
			return ip_err(IP_EXIT_FAIL, "Flush requires arguments.");
		if (f.family == AF_PACKET)
			return ip_err(IP_EXIT_FAIL, "Cannot flush link addresses.");
	}
	while (argc > 0) {
		const char *a = argv[0];

		if (streq(a, "to")) {
			NEXT_ARG();
			r = ip_get_prefix(&f.pfx, argv[0], f.family);
			if (r != GO_ON)
				return r;
			f.has_pfx = true;
			if (f.family == AF_UNSPEC)
				f.family = f.pfx.family;
		} else if (streq(a, "scope")) {
			uint32_t scope = 0;

			NEXT_ARG();
			f.scopemask = ~0u;
			if (route_name_parse(ROUTE_NAMES_SCOPE, argv[0], &scope) < 0) {
				if (!streq(argv[0], "all"))
					return ip_invarg("invalid \"scope\"\n", argv[0]);
				scope = RT_SCOPE_NOWHERE;
				f.scopemask = 0;
			}
			f.scope = scope;
		} else if (streq(a, "up")) {
			f.up = lf.up = true;
		} else if (streq(a, "down")) {
			f.down = lf.down = true;
		} else if (streq(a, "label")) {
			NEXT_ARG();
			f.label = argv[0];
		} else if (streq(a, "master")) {
			NEXT_ARG();
			master = argv[0];
		} else if (streq(a, "type")) {
			NEXT_ARG();
			ip_link_filter_type(&lf, argv[0]);
		} else if (streq(a, "novf")) {
			/* VFs are not listed anyway */
		} else if (flag_index(a[0] == '-' ? a + 1 : a) >= 0 || streq(a, "dynamic") ||
			   streq(a, "primary") || streq(a, "-dynamic") || streq(a, "-primary") ||
			   streq(a, "group") || streq(a, "vrf") || streq(a, "nomaster") ||
			   streq(a, "proto")) {
			return ip_err(IP_EXIT_USAGE, "Error: \"%s\" is not supported by nook addr.",
				      a);
		} else {
			if (streq(a, "dev")) {
				NEXT_ARG();
			} else if (ip_matches(a, "help")) {
				ipaddr_usage();
				return IP_EXIT_USAGE;
			}
			if (dev)
				return ip_duparg2("dev", argv[0]);
			dev = argv[0];
		}
		argc--, argv++;
	}
	if (flush && (f.has_pfx || f.scopemask || f.label || f.up || f.down || master || lf.kind ||
		      lf.slave_kind))
		return ip_err(IP_EXIT_USAGE, "Error: nook addr flush takes \"dev DEV\" only.");

	ip_link_ctx_init(nl);
	r = ip_links_load(nl, AF_UNSPEC, 0, NULL, &all);
	if (r < 0) {
		r = ip_err(IP_EXIT_FAIL, "Dump terminated");
		goto out;
	}
	if (master) {
		lf.master = ip_links_index(&all, master);
		if (!lf.master) {
			r = ip_invarg("Device does not exist\n", master);
			goto out;
		}
	}
	if (dev) {
		f.ifindex = ip_links_index(&all, dev);
		if (f.ifindex <= 0) {
			r = ip_err(IP_EXIT_FAIL, "Device \"%s\" does not exist.", dev);
			goto out;
		}
		lf.ifindex = f.ifindex;
	}
	if (flush) {
		r = do_flush(nl, &f);
		goto out;
	}
	/*
	 * ip asks for the devices in its -4/-6/-f family, not in the one "to"
	 * implies (its preferred_family, not filter.family): IPv6 answers from
	 * its own table, which has no qdisc, group or txqlen.
	 */
	if (!dev && (lf.master || lf.kind || ip_opts.family == AF_INET6)) {
		r = ip_links_load(nl, ip_opts.family == AF_INET6 ? AF_INET6 : AF_UNSPEC, lf.master,
				  lf.kind, &shown);
		shown_loaded = true;
		if (r < 0) {
			r = ip_err(IP_EXIT_FAIL, "Dump terminated");
			goto out;
		}
	}
	if (f.family != AF_PACKET) {
		r = addr_dump(nl, f.family, addr_store_cb, &addrs, NULL);
		if (r < 0) {
			r = ip_err(IP_EXIT_FAIL, "Dump terminated");
			goto out;
		}
	}

	json_start();
	{
		const struct ip_links *list = shown_loaded ? &shown : &all;
		bool no_link = f.family != AF_PACKET && f.oneline;
		struct ip_link_filter label_lf = { .ifindex = lf.ifindex,
						   .up = lf.up,
						   .down = lf.down };

		for (size_t i = 0; i < list->n; i++) {
			const struct ip_link *l = &list->v[i];

			if (dev && l->ifi->ifi_index != f.ifindex)
				continue;
			if (f.family != AF_PACKET && !link_has_match(&all, &f, l, &addrs))
				continue;
			open_json_object(NULL);
			/* print_linkinfo(): with "label" only the addresses are shown, and
			 * the device's master and kind are not looked at */
			if (f.label ? ip_link_match(l, &label_lf) : ip_link_match(l, &lf)) {
				if (!f.label && (ip_opts.brief || !no_link))
					ip_link_print(&all, l, false, f.family);
				if (f.family != AF_PACKET)
					print_selected(&all, &f, l, &addrs);
			}
			close_json_object();
		}
	}
	json_finish();
	r = 0;
out:
	addr_list_free(&addrs);
	ip_links_free(&shown);
	ip_links_free(&all);
	return r;
}

/* ---------------------------------------------------------------- verbs */

static int verb_modify(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		       char **argv)
{
	return do_modify(nl, v->type, argc, argv);
}

static int verb_show(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		     char **argv)
{
	return do_list(nl, argc, argv, false);
}

static int verb_flush(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		      char **argv)
{
	return do_list(nl, argc, argv, true);
}

static int verb_unsupported(struct mnl_socket *nl, const struct ip_verb *v, const char *word,
			    int argc, char **argv)
{
	return ip_err(IP_EXIT_USAGE, "Error: \"%s\" is not supported by nook addr.", word);
}

static int verb_help(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		     char **argv)
{
	ipaddr_usage();
	return IP_EXIT_USAGE;
}

/* do_ipaddr()'s order */
static const struct ip_verb addr_verbs[] = {
	{ "add", .fn = verb_modify, .type = RTM_NEWADDR },
	{ "change", .fn = verb_unsupported },
	{ "chg", .whole = true, .fn = verb_unsupported },
	{ "replace", .fn = verb_unsupported },
	{ "delete", .fn = verb_modify, .type = RTM_DELADDR },
	{ "list", .dflt = true, .fn = verb_show },
	{ "show", .fn = verb_show },
	{ "lst", .fn = verb_show },
	{ "flush", .fn = verb_flush },
	{ "save", .fn = verb_unsupported },
	{ "showdump", .fn = verb_unsupported },
	{ "restore", .fn = verb_unsupported },
	{ "help", .fn = verb_help },
};

int cmd_addr(int argc, char *argv[])
{
	_cleanup_nl_ struct mnl_socket *nl = NULL;
	int r;

	r = ip_open_route(&nl);
	if (r != GO_ON)
		return r;
	return ip_verb_run(addr_verbs, ELEMENTSOF(addr_verbs), nl, "address", argc - 1, argv + 1);
}
