/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd-neigh.c - "nook neigh" ("neighbor", "neighbour"): ip neigh
 * add/change/replace/del/show/flush of iproute2 6.1, with its words, output
 * (text and -j JSON) and errors.
 */
#include <errno.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dlib.h"
#include "inet.h"
#include "ip.h"
#include "link.h"
#include "macro.h"
#include "msgs.h"
#include "neigh.h"
#include "nl.h"
#include "nook.h"
#include "route.h"

/* ip gives up a flush that does not converge after this many dumps. */
#define FLUSH_ROUNDS_MAX 10
/* ip reads at most this many bytes of a link-layer address. */
#define LLADDR_MAX 20

static int usage(void)
{
	fputs("Usage: ip neigh { add | del | change | replace }\n"
	      "                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }\n"
	      "                [ dev DEV ] [ router ] [ use ] [ extern_learn ]\n"
	      "\n"
	      "       ip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]\n"
	      "       ip neigh get { ADDR | proxy ADDR } dev DEV\n"
	      "\n"
	      "STATE := { delay | failed | incomplete | noarp | none |\n"
	      "           permanent | probe | reachable | stale }\n",
	      stderr);
	return IP_EXIT_USAGE;
}

/*
 * A link-layer address as iproute2's ll_addr_a2n() reads it: a dotted quad
 * (for tunnels), or ':'-separated hex bytes, each read by sscanf("%x") (so
 * "0xa" and "a" are the same byte).  A bad part is named in the message.
 * Return: GO_ON, or the exit status.
 */
static int lladdr_parse(const char *s, uint8_t *ret, size_t size, size_t *ret_len)
{
	_cleanup_free_ char *copy = strdup(s);
	char *arg = copy;
	size_t i;

	if (!copy)
		return ip_err(IP_EXIT_FAIL, "Cannot allocate memory");
	if (strchr(s, '.')) {
		struct inet_prefix a;

		if (inet_addr_parse(s, AF_INET, &a) < 0 || a.bytelen != 4)
			return ip_err(IP_EXIT_FAIL, "\"%s\" is invalid lladdr.", s);
		memcpy(ret, a.data, 4);
		*ret_len = 4;
		return GO_ON;
	}
	for (i = 0; i < size; i++) {
		char *next = strchr(arg, ':');
		unsigned v;

		if (next)
			*next++ = '\0';
		if (sscanf(arg, "%x", &v) != 1 || v > 255)
			return ip_err(IP_EXIT_FAIL, "\"%s\" is invalid lladdr.", arg);
		ret[i] = (uint8_t)v;
		if (!next)
			break;
		arg = next;
	}
	*ret_len = i < size ? i + 1 : size;
	return GO_ON;
}

static int neigh_modify_cmd(uint16_t cmd, uint16_t flags, int argc, char **argv)
{
	_cleanup_nl_ struct mnl_socket *nl = NULL;
	struct neigh_req req = { .state = NUD_PERMANENT };
	struct inet_prefix dst = { 0 };
	uint8_t lladdr[LLADDR_MAX];
	struct error e;
	const char *dev = NULL, *lla = NULL;
	bool dst_ok = false, dev_ok = false;
	int r;

	for (; argc > 0; argc--, argv++) {
		if (ip_matches(*argv, "lladdr")) {
			NEXT_ARG();
			if (lla)
				return ip_duparg("lladdr", *argv);
			lla = *argv;
		} else if (streq(*argv, "nud")) {
			unsigned state;

			NEXT_ARG();
			if (neigh_state_parse(*argv, &state) < 0)
				return ip_invarg("nud state is bad", *argv);
			req.state = (uint16_t)state;
		} else if (ip_matches(*argv, "proxy")) {
			NEXT_ARG();
			if (ip_matches(*argv, "help"))
				return usage();
			if (dst_ok)
				return ip_duparg("address", *argv);
			r = ip_get_addr(&dst, *argv, ip_opts.family);
			if (r != GO_ON)
				return r;
			dst_ok = dev_ok = true;
			req.flags |= NTF_PROXY;
		} else if (streq(*argv, "router")) {
			req.flags |= NTF_ROUTER;
		} else if (streq(*argv, "use")) {
			req.flags |= NTF_USE;
		} else if (streq(*argv, "managed")) {
			return ip_unsupported(*argv);
		} else if (ip_matches(*argv, "extern_learn")) {
			req.flags |= NTF_EXT_LEARNED;
		} else if (streq(*argv, "dev")) {
			NEXT_ARG();
			dev = *argv;
			dev_ok = true;
		} else if (ip_matches(*argv, "protocol")) {
			return ip_unsupported(*argv);
		} else {
			if (streq(*argv, "to"))
				NEXT_ARG();
			/* sic: ip takes the word after "help" as the address */
			if (ip_matches(*argv, "help"))
				NEXT_ARG();
			if (dst_ok)
				return ip_duparg2("to", *argv);
			r = ip_get_addr(&dst, *argv, ip_opts.family);
			if (r != GO_ON)
				return r;
			dst_ok = true;
		}
	}
	if (!dev_ok || !dst_ok || dst.family == AF_UNSPEC)
		return ip_err(IP_EXIT_USAGE, "Device and destination are required arguments.");
	req.family = dst.family;
	req.dst = dst.data;
	req.dst_len = dst.bytelen;
	if (lla && !streq(lla, "null")) {
		r = lladdr_parse(lla, lladdr, sizeof(lladdr), &req.lladdr_len);
		if (r != GO_ON)
			return r;
		req.lladdr = lladdr;
	}
	r = ip_open_route(&nl);
	if (r != GO_ON)
		return r;
	if (dev && link_name_to_index(nl, dev, &req.ifindex) < 0)
		return ip_err(IP_EXIT_FAIL, "Cannot find device \"%s\"", dev);
	r = neigh_modify(nl, cmd, flags, &req, &e);
	if (r < 0)
		return ip_nl_error(&e);
	return 0;
}

/* ---------------------------------------------------------------- show, flush */

struct filter {
	int family;
	int index;
	unsigned state;
	bool unused_only;
	struct inet_prefix pfx;
	uint8_t ndm_flags;
	/* flush: the entries to delete, as the kernel sent them */
	bool flushing;
	struct nl_msgs flush;
};

static const char *ifname(int index)
{
	static char name[IF_NAMESIZE + 16];
	static int last;

	if (index == last && name[0])
		return name;
	last = index;
	if (!if_indextoname((unsigned)index, name))
		(void)snprintf(name, sizeof(name), "if%d", index);
	return name;
}

static void print_neigh_state(unsigned nud)
{
	static const struct {
		unsigned state;
		const char *name;
	} names[] = {
		{ NUD_INCOMPLETE, "INCOMPLETE" }, { NUD_REACHABLE, "REACHABLE" },
		{ NUD_STALE, "STALE" },		  { NUD_DELAY, "DELAY" },
		{ NUD_PROBE, "PROBE" },		  { NUD_FAILED, "FAILED" },
		{ NUD_NOARP, "NOARP" },		  { NUD_PERMANENT, "PERMANENT" },
	};

	open_json_array(PRINT_JSON, "state");
	for (size_t i = 0; i < ELEMENTSOF(names); i++)
		if (nud & names[i].state)
			print_string(PRINT_ANY, NULL, "%s ", names[i].name);
	close_json_array(PRINT_JSON, NULL);
}

/* sic: iproute2 6.1 runs "used" into "probes" ("used 1/1/1probes 0") */
static void print_cacheinfo(const struct nda_cacheinfo *ci)
{
	long hz = sysconf(_SC_CLK_TCK);

	if (hz <= 0)
		hz = 100;
	if (ci->ndm_refcnt)
		print_uint(PRINT_ANY, "refcnt", " ref %u", ci->ndm_refcnt);
	print_uint(PRINT_ANY, "used", " used %u", (unsigned)(ci->ndm_used / (unsigned long)hz));
	print_uint(PRINT_ANY, "confirmed", "/%u",
		   (unsigned)(ci->ndm_confirmed / (unsigned long)hz));
	print_uint(PRINT_ANY, "updated", "/%u", (unsigned)(ci->ndm_updated / (unsigned long)hz));
}

static int neigh_cb(const struct nlmsghdr *nlh, void *data)
{
	struct filter *f = data;
	const struct nlattr *tb[NDA_MAX + 1];
	const struct ndmsg *r = sym_mnl_nlmsg_get_payload(nlh);
	char buf[INET6_ADDRSTRLEN];

	if (nlh->nlmsg_type != RTM_NEWNEIGH ||
	    sym_mnl_nlmsg_get_payload_len(nlh) < sizeof(struct ndmsg))
		return MNL_CB_OK;
	if (f->family && f->family != r->ndm_family)
		return MNL_CB_OK;
	if (f->index && f->index != r->ndm_ifindex)
		return MNL_CB_OK;
	if (!(f->state & r->ndm_state) && !(r->ndm_flags & NTF_PROXY) &&
	    !(r->ndm_flags & NTF_EXT_LEARNED) && (r->ndm_state || !(f->state & 0x100)))
		return MNL_CB_OK;
	if (nl_parse_attrs(nlh, sizeof(*r), tb, NDA_MAX) < 0)
		return MNL_CB_OK;
	if (f->pfx.family && tb[NDA_DST]) {
		uint8_t dst[16] = { 0 };
		size_t len = sym_mnl_attr_get_payload_len(tb[NDA_DST]);

		memcpy(dst, sym_mnl_attr_get_payload(tb[NDA_DST]), len < 16 ? len : 16);
		if (!inet_addr_match(dst, f->pfx.data, f->pfx.bitlen))
			return MNL_CB_OK;
	}
	if (f->unused_only && tb[NDA_CACHEINFO] &&
	    sym_mnl_attr_get_payload_len(tb[NDA_CACHEINFO]) >= sizeof(struct nda_cacheinfo)) {
		const struct nda_cacheinfo *ci = sym_mnl_attr_get_payload(tb[NDA_CACHEINFO]);

		if (ci->ndm_refcnt)
			return MNL_CB_OK;
	}

	if (f->flushing) {
		if (!tb[NDA_DST] || sym_mnl_attr_get_payload_len(tb[NDA_DST]) > 16)
			return MNL_CB_OK;
		if (nl_msgs_push(&f->flush, nlh) < 0) {
			errno = ENOMEM;
			return MNL_CB_ERROR;
		}
		return MNL_CB_OK;
	}

	open_json_object(NULL);
	if (tb[NDA_DST]) {
		size_t len = sym_mnl_attr_get_payload_len(tb[NDA_DST]);
		int family = r->ndm_family;

		if (family == AF_BRIDGE)
			family = len == 16 ? AF_INET6 : AF_INET;
		if ((family == AF_INET && len >= 4) || (family == AF_INET6 && len >= 16))
			inet_addr_format(family, sym_mnl_attr_get_payload(tb[NDA_DST]), buf,
					 sizeof(buf));
		else
			(void)snprintf(buf, sizeof(buf), "???");
		print_string(PRINT_ANY, "dst", "%s ", buf);
	}
	if (!f->index && r->ndm_ifindex) {
		print_text("dev ");
		print_string(PRINT_ANY, "dev", "%s ", ifname(r->ndm_ifindex));
	}
	if (tb[NDA_LLADDR]) {
		char mac[INET_MAC_STR_MAX];
		size_t len = sym_mnl_attr_get_payload_len(tb[NDA_LLADDR]);

		inet_mac_format(sym_mnl_attr_get_payload(tb[NDA_LLADDR]),
				len < INET_MAC_MAX ? len : INET_MAC_MAX, mac, sizeof(mac));
		print_text("lladdr ");
		print_string(PRINT_ANY, "lladdr", "%s ", mac);
	}
	if (r->ndm_flags & NTF_ROUTER)
		print_null(PRINT_ANY, "router", "%s ", "router");
	if (r->ndm_flags & NTF_PROXY)
		print_null(PRINT_ANY, "proxy", "%s ", "proxy");
	if (r->ndm_flags & NTF_EXT_LEARNED)
		print_null(PRINT_ANY, "extern_learn", "%s ", "extern_learn");
	if (r->ndm_flags & NTF_OFFLOADED)
		print_null(PRINT_ANY, "offload", "%s ", "offload");
	if (ip_opts.stats) {
		if (tb[NDA_CACHEINFO] && sym_mnl_attr_get_payload_len(tb[NDA_CACHEINFO]) >=
						 sizeof(struct nda_cacheinfo)) {
			struct nda_cacheinfo ci;

			memcpy(&ci, sym_mnl_attr_get_payload(tb[NDA_CACHEINFO]), sizeof(ci));
			print_cacheinfo(&ci);
		}
		if (tb[NDA_PROBES] && sym_mnl_attr_get_payload_len(tb[NDA_PROBES]) >= 4)
			print_uint(PRINT_ANY, "probes", "probes %u ",
				   sym_mnl_attr_get_u32(tb[NDA_PROBES]));
	}
	if (r->ndm_state)
		print_neigh_state(r->ndm_state);
	if (tb[NDA_PROTOCOL] && sym_mnl_attr_get_payload_len(tb[NDA_PROTOCOL]) >= 1) {
		unsigned proto = sym_mnl_attr_get_u8(tb[NDA_PROTOCOL]);
		char nbuf[ROUTE_NAME_MAX];

		if (proto)
			print_string(PRINT_ANY, "protocol", "proto %s ",
				     route_name(ROUTE_NAMES_PROTOCOL, proto, nbuf, sizeof(nbuf)));
	}
	print_text("\n");
	close_json_object();
	return MNL_CB_OK;
}

/* The RTM_DELNEIGH of an entry neigh_cb() kept (its device, address and proxy flag):
 * 0, or neigh_modify()'s -errno. */
static int neigh_flush_one(struct mnl_socket *nl, const struct nlmsghdr *nlh, struct error *e)
{
	const struct ndmsg *ndm = sym_mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NDA_MAX + 1];
	struct neigh_req req = {
		.family = ndm->ndm_family,
		.ifindex = ndm->ndm_ifindex,
		.flags = ndm->ndm_flags & NTF_PROXY,
	};

	if (nl_parse_attrs(nlh, sizeof(*ndm), tb, NDA_MAX) < 0 || !tb[NDA_DST])
		return 0;
	req.dst = sym_mnl_attr_get_payload(tb[NDA_DST]);
	req.dst_len = sym_mnl_attr_get_payload_len(tb[NDA_DST]);
	return neigh_modify(nl, RTM_DELNEIGH, 0, &req, e);
}

static int neigh_flush(struct mnl_socket *nl, struct filter *f)
{
	struct error e;
	int r;

	f->flushing = true;
	for (unsigned round = 0; round < FLUSH_ROUNDS_MAX; round++) {
		r = neigh_dump(nl, f->family, f->index, f->ndm_flags, neigh_cb, f, &e);
		if (r < 0) {
			nl_msgs_free(&f->flush);
			return ip_dump_failed(IP_EXIT_FAIL, &e, "Flush terminated");
		}
		if (f->flush.n == 0)
			return ip_flush_done(round);
		for (size_t i = 0; i < f->flush.n; i++) {
			r = neigh_flush_one(nl, f->flush.v[i], &e);
			/* gone since the dump (it expired, or its device went) */
			if (r < 0 && r != -ENOENT) {
				nl_msgs_free(&f->flush);
				return ip_err(IP_EXIT_FAIL, "Failed to send flush request: %s",
					      strerror(-r));
			}
		}
		if (ip_opts.stats)
			printf("\n*** Round %u, deleting %zu entries ***\n", round + 1, f->flush.n);
		nl_msgs_free(&f->flush);
		/* entries that failed to resolve come back as FAILED: leave them */
		f->state &= ~(unsigned)NUD_FAILED;
	}
	printf("*** Flush not complete bailing out after %d rounds\n", FLUSH_ROUNDS_MAX);
	return IP_EXIT_FAIL;
}

static int neigh_show_or_flush(int argc, char **argv, bool flush)
{
	_cleanup_nl_ struct mnl_socket *nl = NULL;
	struct filter f = { .family = ip_opts.family };
	const char *filter_dev = NULL;
	bool state_given = false;
	struct error e;
	int r;

	if (flush) {
		if (argc <= 0)
			return ip_err(IP_EXIT_FAIL, "Flush requires arguments.");
		f.state = ~(unsigned)(NUD_PERMANENT | NUD_NOARP);
	} else {
		f.state = 0xFF & ~(unsigned)NUD_NOARP;
	}
	for (; argc > 0; argc--, argv++) {
		if (streq(*argv, "dev")) {
			NEXT_ARG();
			if (filter_dev)
				return ip_duparg("dev", *argv);
			filter_dev = *argv;
		} else if (streq(*argv, "master") || streq(*argv, "vrf")) {
			return ip_unsupported(*argv);
		} else if (streq(*argv, "unused")) {
			f.unused_only = true;
		} else if (streq(*argv, "nud")) {
			unsigned state;

			NEXT_ARG();
			if (!state_given) {
				state_given = true;
				f.state = 0;
			}
			if (neigh_state_parse(*argv, &state) < 0) {
				if (!streq(*argv, "all"))
					return ip_invarg("nud state is bad", *argv);
				state = ~0u;
				if (flush)
					state &= ~(unsigned)NUD_NOARP;
			}
			if (state == 0)
				state = 0x100;
			f.state |= state;
		} else if (streq(*argv, "proxy")) {
			f.ndm_flags = NTF_PROXY;
		} else if (ip_matches(*argv, "protocol")) {
			return ip_unsupported(*argv);
		} else {
			if (streq(*argv, "to"))
				NEXT_ARG();
			if (ip_matches(*argv, "help"))
				return usage();
			r = ip_get_prefix(&f.pfx, *argv, f.family);
			if (r != GO_ON)
				return r;
			if (f.family == AF_UNSPEC)
				f.family = f.pfx.family;
		}
	}
	r = ip_open_route(&nl);
	if (r != GO_ON)
		return r;
	if (filter_dev && link_name_to_index(nl, filter_dev, &f.index) < 0)
		return ip_err(IP_EXIT_FAIL, "Cannot find device \"%s\"", filter_dev);
	if (flush)
		return neigh_flush(nl, &f);
	json_start();
	r = neigh_dump(nl, f.family, f.index, f.ndm_flags, neigh_cb, &f, &e);
	if (r < 0)
		return ip_dump_failed(IP_EXIT_FAIL, &e, "Dump terminated");
	json_finish();
	return 0;
}

/* "ip neigh get": one entry, printed as "show" prints it (with its device). */
static int neigh_get_cmd(int argc, char **argv)
{
	_cleanup_nl_ struct mnl_socket *nl = NULL;
	struct neigh_req req = { 0 };
	struct inet_prefix dst = { 0 };
	struct filter f = { .state = ~0u };
	struct error e;
	const char *dev = NULL;
	bool dst_ok = false, dev_ok = false;
	int r;

	for (; argc > 0; argc--, argv++) {
		if (streq(*argv, "dev")) {
			NEXT_ARG();
			dev = *argv;
			dev_ok = true;
		} else if (ip_matches(*argv, "proxy")) {
			NEXT_ARG();
			if (ip_matches(*argv, "help"))
				return usage();
			if (dst_ok)
				return ip_duparg("address", *argv);
			r = ip_get_addr(&dst, *argv, ip_opts.family);
			if (r != GO_ON)
				return r;
			dst_ok = dev_ok = true;
			req.flags |= NTF_PROXY;
		} else {
			if (streq(*argv, "to"))
				NEXT_ARG();
			if (ip_matches(*argv, "help"))
				return usage();
			if (dst_ok)
				return ip_duparg2("to", *argv);
			r = ip_get_addr(&dst, *argv, ip_opts.family);
			if (r != GO_ON)
				return r;
			dst_ok = true;
		}
	}
	if (!dev_ok || !dst_ok || dst.family == AF_UNSPEC)
		return ip_err(IP_EXIT_FAIL, "Device and address are required arguments.");
	req.family = dst.family;
	req.dst = dst.data;
	req.dst_len = dst.bytelen;
	r = ip_open_route(&nl);
	if (r != GO_ON)
		return r;
	if (dev && link_name_to_index(nl, dev, &req.ifindex) < 0)
		return ip_err(IP_EXIT_FAIL, "Cannot find device \"%s\"", dev);
	/* sic: ip 6.1 opens no JSON context for "get" and prints text even with -j */
	ip_opts.json = false;
	r = neigh_get(nl, &req, neigh_cb, &f, &e);
	if (r < 0)
		return ip_nl_error(&e);
	return 0;
}

/* ---------------------------------------------------------------- verbs */

static int verb_modify(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		       char **argv)
{
	return neigh_modify_cmd(v->type, v->flags, argc, argv);
}

static int verb_show(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		     char **argv)
{
	return neigh_show_or_flush(argc, argv, false);
}

static int verb_flush(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		      char **argv)
{
	return neigh_show_or_flush(argc, argv, true);
}

static int verb_get(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		    char **argv)
{
	return neigh_get_cmd(argc, argv);
}

static int verb_help(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		     char **argv)
{
	return usage();
}

/* do_ipneigh()'s order; each command opens its socket once its words are read */
static const struct ip_verb neigh_verbs[] = {
	{ "add", .fn = verb_modify, .type = RTM_NEWNEIGH, .flags = NLM_F_CREATE | NLM_F_EXCL },
	{ "change", .fn = verb_modify, .type = RTM_NEWNEIGH, .flags = NLM_F_REPLACE },
	{ "chg", .whole = true, .fn = verb_modify, .type = RTM_NEWNEIGH, .flags = NLM_F_REPLACE },
	{ "replace", .fn = verb_modify, .type = RTM_NEWNEIGH,
	  .flags = NLM_F_CREATE | NLM_F_REPLACE },
	{ "delete", .fn = verb_modify, .type = RTM_DELNEIGH },
	{ "get", .fn = verb_get },
	{ "show", .dflt = true, .fn = verb_show },
	{ "lst", .fn = verb_show },
	{ "list", .fn = verb_show },
	{ "flush", .fn = verb_flush },
	{ "help", .fn = verb_help },
};

int cmd_neigh(int argc, char *argv[])
{
	return ip_verb_run(neigh_verbs, ELEMENTSOF(neigh_verbs), NULL, "neigh", argc - 1, argv + 1);
}
