/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd-link.c - "nook link": iproute2 6.1's "ip link" over rtnetlink.
 *
 *   nook link add NAME [netns NS|PID] [mtu N] [address MAC] type veth [peer name NAME2 ...]
 *   nook link add BR type bridge | add NAME type dummy | add link DEV name DEV.10 type vlan id 10
 *   nook link set DEV up|down|netns NS|PID|master BR|nomaster|name NEW|mtu N|address MAC ...
 *   nook link del DEV
 *   nook [-j [-p]] [-o] [-d] [-br] link show [DEV] [up] [down] [master BR] [type KIND]
 *
 * Words are taken as ip's iplink_parse() takes them: in its order, some whole
 * (strcmp), some by prefix (matches()), so that an abbreviation means what it
 * means to ip; a word ip knows that nook does not do is refused by name.
 * Everything one command asks goes in one RTM_NEWLINK, as with ip: a veth
 * pair with its peer in another namespace is made whole or not at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dlib.h"
#include "inet.h"
#include "ip-link-print.h"
#include "ip.h"
#include "link.h"
#include "macro.h"
#include "netns.h"
#include "nl.h"
#include "parse-util.h"
#include "nook.h"

/* The namespace files a request names stay open until it is sent. */
#define LINK_MAX_FDS 4

/* One device's words: the device of the command or its veth peer. */
struct link_words {
	const char *name; /* name NAME */
	const char *dev;  /* dev NAME, or NAME alone */
	const char *link; /* link DEV */
	const char *type; /* type KIND */
	int up;		  /* 1 up, 0 down, -1 neither */
	int mtu, qlen;	  /* -1 unset */
	int netns_fd;
	pid_t netns_pid;
	bool netns_pid_set; /* "netns PID", also 0 or negative: the kernel refuses those */
	int master;	    /* ifindex, 0 nomaster, -1 unset */
	uint8_t addr[32];
	int addr_len; /* 0 unset */
};

struct link_cmd {
	struct mnl_socket *nl;
	bool create;
	int fds[LINK_MAX_FDS];
	size_t nfds;
};

static void link_cmd_close(struct link_cmd *c)
{
	for (size_t i = 0; i < c->nfds; i++)
		(void)safe_close(c->fds[i]);
	c->nfds = 0;
}

/* ip's check_ifname(): the kernel's dev_valid_name() before asking it. */
static bool ifname_ok(const char *name)
{
	if (!*name || strlen(name) >= IFNAMSIZ)
		return false;
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == ' ' || (*p >= '\t' && *p <= '\r'))
			return false;
	return true;
}

/* check_altifname() of ip 6.1: the same without a length (a longer name is then not found) */
static bool altifname_ok(const char *name)
{
	if (!*name)
		return false;
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == ' ' || (*p >= '\t' && *p <= '\r'))
			return false;
	return true;
}

/*
 * ip's ll_name_to_index(): the device's index, then "ifN" as index N.
 * Return: the index, or 0 when there is none.
 */
static int name_to_index(struct mnl_socket *nl, const char *name)
{
	unsigned idx;
	char c;
	int ifindex;

	if (link_name_to_index(nl, name, &ifindex) >= 0)
		return ifindex;
	if (sscanf(name, "if%u%c", &idx, &c) == 1 && idx > 0 && idx <= INT_MAX)
		return (int)idx;
	return 0;
}

/* ip's ll_addr_a2n(): "aa:bb:..." hex bytes (or a dotted IPv4 address); the message names
 * the part that is wrong. */
static int parse_lladdr(char *arg, uint8_t *out, size_t size, int *ret_len)
{
	size_t i;

	if (strchr(arg, '.')) {
		struct inet_prefix p;

		if (inet_addr_parse(arg, AF_INET, &p) < 0 || size < 4)
			return ip_err(IP_EXIT_FAIL, "\"%s\" is invalid lladdr.", arg);
		memcpy(out, p.data, 4);
		*ret_len = 4;
		return GO_ON;
	}
	for (i = 0;; i++) {
		char *cp = strchr(arg, ':');
		unsigned temp;
		int n;

		if (cp)
			*cp++ = '\0';
		/* more bytes than MAX_ADDR_LEN: ip counts one too many and sends a byte
		 * from beyond its buffer; refuse it here instead */
		if (i == size || sscanf(arg, "%x%n", &temp, &n) != 1 || temp > 255)
			return ip_err(IP_EXIT_FAIL, "\"%s\" is invalid lladdr.", arg);
		out[i] = (uint8_t)temp;
		if (!cp)
			break;
		arg = cp;
	}
	*ret_len = (int)(i + 1);
	return GO_ON;
}

/* The words ip takes that nook does not carry out. */
static bool is_unsupported(const char *w)
{
	static const char *const whole[] = {
		"index",	"xdp",		"xdpgeneric",
		"xdpdrv",	"xdpoffload",	"multicast",
		"allmulticast", "promisc",	"trailers",
		"arp",		"carrier",	"vf",
		"vrf",		"group",	"mode",
		"state",	"protodown",	"protodown_reason",
		"gso_max_size", "gso_max_segs", "gro_max_size",
		"parentdev",
	};
	static const char *const prefixes[] = { "dynamic",     "alias",	      "numtxqueues",
						"numrxqueues", "addrgenmode", "link-netns",
						"link-netnsid" };

	for (size_t i = 0; i < ELEMENTSOF(whole); i++)
		if (streq(w, whole[i]))
			return true;
	for (size_t i = 0; i < ELEMENTSOF(prefixes); i++)
		if (ip_matches(w, prefixes[i]))
			return true;
	return false;
}

static void iplink_usage(void)
{
	fputs("Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME\n"
	      "\t\t    [ txqueuelen PACKETS ]\n"
	      "\t\t    [ address LLADDR ]\n"
	      "\t\t    [ mtu MTU ]\n"
	      "\t\t    [ netns { PID | NETNSNAME | NETNSFILE } ]\n"
	      "\t\t    type TYPE [ ARGS ]\n"
	      "\n"
	      "\tip link delete { DEVICE | dev DEVICE | group DEVGROUP } type TYPE [ ARGS ]\n"
	      "\n"
	      "\tip link set { DEVICE | dev DEVICE | group DEVGROUP }\n"
	      "\t\t\t[ { up | down } ]\n"
	      "\t\t\t[ address LLADDR ]\n"
	      "\t\t\t[ name NEWNAME ]\n"
	      "\t\t\t[ mtu MTU ]\n"
	      "\t\t\t[ netns { PID | NETNSNAME | NETNSFILE } ]\n"
	      "\t\t\t[ master DEVICE ][ nomaster ]\n"
	      "\n"
	      "\tip link show [ DEVICE | group GROUP ] [up] [master DEV] [type ETYPE]\n"
	      "\n"
	      "TYPE := { bridge | dummy | veth | vlan }\n",
	      stderr);
}

/*
 * iplink_parse(): the words of one device, up to "type KIND" (consumed).
 * Return: GO_ON with *ret_used set to the words taken, or an exit status.
 */
static int parse_words(struct link_cmd *c, int argc, char **argv, struct link_words *w,
		       int *ret_used)
{
	int start = argc, r;

	while (argc > 0) {
		const char *a = argv[0];

		if (streq(a, "up")) {
			w->up = 1;
		} else if (streq(a, "down")) {
			w->up = 0;
		} else if (streq(a, "name")) {
			NEXT_ARG();
			if (w->name)
				return ip_duparg("name", argv[0]);
			if (!ifname_ok(argv[0]))
				return ip_invarg("\"name\" not a valid ifname", argv[0]);
			w->name = argv[0];
			if (!w->dev)
				w->dev = w->name;
		} else if (ip_matches(a, "link")) {
			NEXT_ARG();
			w->link = argv[0];
		} else if (ip_matches(a, "address")) {
			NEXT_ARG();
			r = parse_lladdr(argv[0], w->addr, sizeof(w->addr), &w->addr_len);
			if (r != GO_ON)
				return r;
		} else if (ip_matches(a, "broadcast") || streq(a, "brd")) {
			uint8_t brd[32];
			int len;

			NEXT_ARG();
			r = parse_lladdr(argv[0], brd, sizeof(brd), &len);
			if (r != GO_ON)
				return r;
			return ip_err(IP_EXIT_USAGE, "Error: \"%s\" is not supported by nook link.",
				      a);
		} else if (ip_matches(a, "txqueuelen") || streq(a, "qlen") ||
			   ip_matches(a, "txqlen")) {
			NEXT_ARG();
			if (w->qlen != -1)
				return ip_duparg("txqueuelen", argv[0]);
			if (parse_ip_integer(argv[0], &w->qlen) < 0)
				return ip_invarg("Invalid \"txqueuelen\" value\n", argv[0]);
		} else if (streq(a, "mtu")) {
			NEXT_ARG();
			if (w->mtu != -1)
				return ip_duparg("mtu", argv[0]);
			if (parse_ip_integer(argv[0], &w->mtu) < 0)
				return ip_invarg("Invalid \"mtu\" value\n", argv[0]);
		} else if (streq(a, "netns")) {
			int fd, pid;

			NEXT_ARG();
			if (w->netns_fd >= 0 || w->netns_pid_set)
				return ip_duparg("netns", argv[0]);
			fd = netns_open_file(argv[0]);
			if (fd >= 0 && c->nfds < LINK_MAX_FDS) {
				c->fds[c->nfds++] = fd;
				w->netns_fd = fd;
			} else if (fd >= 0) {
				(void)close(fd);
				return ip_invarg("Invalid \"netns\" value\n", argv[0]);
			} else if (parse_ip_integer(argv[0], &pid) == 0) {
				w->netns_pid = pid;
				w->netns_pid_set = true;
			} else {
				return ip_invarg("Invalid \"netns\" value\n", argv[0]);
			}
		} else if (ip_matches(a, "master")) {
			NEXT_ARG();
			w->master = name_to_index(c->nl, argv[0]);
			if (!w->master)
				return ip_invarg("Device does not exist\n", argv[0]);
		} else if (ip_matches(a, "nomaster")) {
			w->master = 0;
		} else if (ip_matches(a, "type")) {
			NEXT_ARG();
			w->type = argv[0];
			argc--, argv++;
			break;
		} else if (is_unsupported(a)) {
			return ip_err(IP_EXIT_USAGE, "Error: \"%s\" is not supported by nook link.",
				      a);
		} else {
			if (ip_matches(a, "help")) {
				iplink_usage();
				return IP_EXIT_USAGE;
			}
			if (streq(a, "dev"))
				NEXT_ARG();
			if (w->dev != w->name)
				return ip_duparg2("dev", argv[0]);
			if (!altifname_ok(argv[0]))
				return ip_invarg("\"dev\" not a valid ifname", argv[0]);
			w->dev = argv[0];
		}
		argc--, argv++;
	}
	*ret_used = start - argc;

	/* "ip link add dev X" and "ip link add name X" */
	if (!w->name)
		w->name = w->dev;
	else if (!w->dev)
		w->dev = w->name;
	else if (streq(w->name, w->dev))
		w->name = w->dev;
	if (c->create && w->name != w->dev)
		return ip_err(IP_EXIT_USAGE,
			      "both \"name\" and \"dev\" cannot be used when creating devices.");
	return GO_ON;
}

static void words_init(struct link_words *w)
{
	*w = (struct link_words){ .up = -1, .mtu = -1, .qlen = -1, .netns_fd = -1, .master = -1 };
}

static void veth_usage(void)
{
	/* ip's link_veth.c prints this one to stdout */
	fputs("Usage: ip link <options> type veth [peer <options>]\n"
	      "To get <options> type 'ip link add help'\n",
	      stdout);
}

/* A kind's own words after "type KIND", into @req. */
static int parse_kind(struct link_cmd *c, const char *kind, int argc, char **argv,
		      struct link_req *req, struct link_words *peer)
{
	if (streq(kind, "veth")) {
		int used = 0, r;

		if (argc == 0)
			return GO_ON;
		if (!streq(argv[0], "peer")) {
			veth_usage();
			return IP_EXIT_FAIL;
		}
		r = parse_words(c, argc - 1, argv + 1, peer, &used);
		if (r != GO_ON)
			return r;
		if (peer->type)
			return ip_duparg("type", argv[used]);
		if (used + 1 < argc)
			return ip_err(
				IP_EXIT_FAIL,
				"Garbage instead of arguments \"%s ...\". Try \"ip link help\".",
				argv[used + 1]);
		if (peer->link && c->create && !name_to_index(c->nl, peer->link))
			return ip_err(IP_EXIT_FAIL, "Cannot find device \"%s\"", peer->link);
		req->peer_name = peer->name;
		req->peer_netns_fd = peer->netns_fd;
		req->peer_netns_pid = peer->netns_pid;
		req->peer_up = peer->up;
		if (peer->mtu > 0)
			req->peer_mtu = (unsigned)peer->mtu;
		if (peer->qlen > 0)
			req->peer_txqlen = (unsigned)peer->qlen;
		if (peer->addr_len) {
			req->peer_address = peer->addr;
			req->peer_address_len = (size_t)peer->addr_len;
		}
		return GO_ON;
	}
	if (streq(kind, "vlan")) {
		while (argc > 0) {
			if (ip_matches(argv[0], "id")) {
				uint64_t id;

				NEXT_ARG();
				/* ip's get_u16(): "-1" is too big */
				if (parse_ip_unsigned(argv[0], 0xffff, &id) < 0)
					return ip_invarg("id is invalid", argv[0]);
				req->vlan_id = (int)id;
			} else {
				return ip_err(IP_EXIT_FAIL,
					      "vlan: unknown command \"%s\"? (nook takes \"id\")",
					      argv[0]);
			}
			argc--, argv++;
		}
		return GO_ON;
	}
	if (streq(kind, "bridge")) {
		while (argc > 0) {
			bool stp = ip_matches(argv[0], "stp_state");

			if (stp || ip_matches(argv[0], "ageing_time")) {
				const char *what = stp ? "stp_state" : "ageing_time";
				uint64_t v;

				NEXT_ARG();
				/* ip's get_u32(): a negative number wraps beyond 32 bits */
				if (parse_ip_unsigned(argv[0], UINT32_MAX, &v) < 0) {
					char msg[64];

					(void)snprintf(msg, sizeof(msg), "invalid %s", what);
					return ip_invarg(msg, argv[0]);
				}
				if (stp)
					req->stp_state = v != 0; /* the kernel: any but 0 is on */
				else
					req->ageing_time = (long)v;
			} else {
				return ip_err(IP_EXIT_FAIL,
					      "bridge: unknown command \"%s\"? (nook takes "
					      "\"stp_state\" and \"ageing_time\")",
					      argv[0]);
			}
			argc--, argv++;
		}
		return GO_ON;
	}
	if (argc > 0) {
		if (ip_matches(argv[0], "help")) {
			iplink_usage();
			return IP_EXIT_USAGE;
		}
		return ip_err(IP_EXIT_FAIL,
			      "Garbage instead of arguments \"%s ...\". Try \"ip link help\".",
			      argv[0]);
	}
	return GO_ON;
}

static int addr_len_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[IFLA_MAX + 1];

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    sym_mnl_nlmsg_get_payload_len(nlh) < sizeof(struct ifinfomsg))
		return MNL_CB_OK;
	if (nl_parse_attrs(nlh, sizeof(struct ifinfomsg), tb, IFLA_MAX) >= 0 && tb[IFLA_ADDRESS])
		*(int *)data = (int)sym_mnl_attr_get_payload_len(tb[IFLA_ADDRESS]);
	return MNL_CB_OK;
}

/* ip's nl_get_ll_addr_len(): the length of @dev's link-layer address; -1 when it has none
 * or there is no such device. */
static int ll_addr_len(struct mnl_socket *nl, const char *dev)
{
	int ifindex, len = -1;

	if (link_name_to_index(nl, dev, &ifindex) < 0 ||
	    link_dump(nl, ifindex, addr_len_cb, &len, NULL) < 0)
		return -1;
	return len;
}

/* The kernel's answer, with what "Unknown device type" leaves unsaid. */
static int link_error(const struct error *e, const char *kind)
{
	const char *config = kind ? link_kind_config(kind) : NULL;

	if (e->code == -EOPNOTSUPP && config && streq(e->reason, "Unknown device type"))
		return ip_err(IP_EXIT_KERNEL,
			      "Error: Unknown device type: this kernel has no \"%s\" support (%s).",
			      kind, config);
	return ip_nl_error(e);
}

/* iplink_modify(): add (create), set/change, delete. */
static int do_modify(struct mnl_socket *nl, uint16_t type, bool create, int argc, char **argv)
{
	struct link_cmd c = { .nl = nl, .create = create };
	struct link_req req = LINK_REQ_INIT;
	struct link_words w, peer;
	struct error e = ERROR_INIT;
	int used = 0, ifindex = 0, r;

	words_init(&w);
	words_init(&peer);
	r = parse_words(&c, argc, argv, &w, &used);
	if (r != GO_ON)
		goto out;
	/* iplink_parse(): an address must fit the device (also for "del", which ip checks too) */
	if (!create && w.dev && w.addr_len) {
		int halen = ll_addr_len(nl, w.dev);

		if (halen >= 0 && halen != w.addr_len) {
			r = ip_err(IP_EXIT_FAIL, "Invalid address length %d - must be %d bytes",
				   w.addr_len, halen);
			goto out;
		}
	}
	if (!create) {
		if (!w.dev) {
			r = ip_err(IP_EXIT_USAGE,
				   "Not enough information: \"dev\" argument is required.");
			goto out;
		}
		ifindex = name_to_index(nl, w.dev);
		if (!ifindex) {
			r = ip_err(IP_EXIT_FAIL, "Cannot find device \"%s\"", w.dev);
			goto out;
		}
		/* not renaming to the same name */
		if (w.name == w.dev)
			w.name = NULL;
	} else if (w.link) {
		req.link = name_to_index(nl, w.link);
		if (!req.link) {
			r = ip_err(IP_EXIT_FAIL, "Cannot find device \"%s\"", w.link);
			goto out;
		}
	}
	if (w.type) {
		r = parse_kind(&c, w.type, argc - used, argv + used, &req, &peer);
		if (r != GO_ON)
			goto out;
		req.kind = w.type;
	} else if (create) {
		r = ip_err(IP_EXIT_FAIL, "Not enough information: \"type\" argument is required");
		goto out;
	}

	/* IFLA_NET_NS_PID names no process for a PID below 1: the kernel's answer, without
	 * asking it (struct link_req has no way to send one) */
	if ((w.netns_pid_set && w.netns_pid <= 0) || (peer.netns_pid_set && peer.netns_pid <= 0)) {
		r = ip_err(IP_EXIT_KERNEL, "RTNETLINK answers: %s", strerror(ESRCH));
		goto out;
	}
	req.name = w.name;
	req.up = w.up;
	req.netns_fd = w.netns_fd;
	req.netns_pid = w.netns_pid;
	req.master = w.master;
	if (w.mtu != -1)
		req.mtu = (unsigned)w.mtu;
	if (w.qlen != -1)
		req.txqlen = (unsigned)w.qlen;
	if (w.addr_len) {
		req.address = w.addr;
		req.address_len = (size_t)w.addr_len;
	}

	if (type == RTM_DELLINK)
		r = link_del(nl, ifindex, &e);
	else if (create)
		r = link_add(nl, &req, &e);
	else
		r = link_set(nl, ifindex, &req, &e);
	if (r < 0) {
		if (e.code == 0)
			e.code = r;
		r = link_error(&e, req.kind);
		goto out;
	}
	r = 0;
out:
	link_cmd_close(&c);
	return r;
}

/* ipaddr_list_link(): "link show". */
static int do_show(struct mnl_socket *nl, int argc, char **argv)
{
	struct ip_link_filter f = { 0 };
	struct ip_links all = { 0 }, shown = { 0 };
	bool shown_loaded = false;
	const char *dev = NULL, *master = NULL;
	int r;

	while (argc > 0) {
		const char *a = argv[0];

		if (streq(a, "up")) {
			f.up = true;
		} else if (streq(a, "down")) {
			f.down = true;
		} else if (streq(a, "master")) {
			NEXT_ARG();
			master = argv[0];
		} else if (streq(a, "type")) {
			NEXT_ARG();
			ip_link_filter_type(&f, argv[0]);
		} else if (streq(a, "novf")) {
			/* VFs are not listed anyway */
		} else if (streq(a, "to") || streq(a, "scope") || streq(a, "label") ||
			   streq(a, "group") || streq(a, "vrf") || streq(a, "nomaster") ||
			   streq(a, "proto")) {
			return ip_err(IP_EXIT_USAGE, "Error: \"%s\" is not supported by nook link.",
				      a);
		} else {
			if (streq(a, "dev"))
				NEXT_ARG();
			else if (ip_matches(a, "help")) {
				iplink_usage();
				return IP_EXIT_USAGE;
			}
			if (dev)
				return ip_duparg2("dev", argv[0]);
			dev = argv[0];
		}
		argc--, argv++;
	}

	ip_link_ctx_init(nl);
	r = ip_links_load(nl, AF_UNSPEC, 0, NULL, &all);
	if (r < 0) {
		ip_links_free(&all);
		return ip_err(IP_EXIT_FAIL, "Dump terminated");
	}
	if (master) {
		f.master = ip_links_index(&all, master);
		if (!f.master) {
			ip_links_free(&all);
			return ip_invarg("Device does not exist\n", master);
		}
	}
	if (dev) {
		f.ifindex = ip_links_index(&all, dev);
		if (f.ifindex <= 0)
			f.ifindex = name_to_index(nl, dev);
		if (f.ifindex <= 0 || !ip_links_find(&all, f.ifindex)) {
			ip_links_free(&all);
			return ip_err(IP_EXIT_FAIL, "Device \"%s\" does not exist.", dev);
		}
	}
	/* The kernel drops what does not match master and a kind it knows, as for ip. */
	if (!dev && (f.master || f.kind)) {
		r = ip_links_load(nl, AF_UNSPEC, f.master, f.kind, &shown);
		shown_loaded = true;
		if (r < 0) {
			ip_links_free(&shown);
			ip_links_free(&all);
			return ip_err(IP_EXIT_FAIL, "Dump terminated");
		}
	}

	json_start();
	{
		const struct ip_links *list = shown_loaded ? &shown : &all;

		for (size_t i = 0; i < list->n; i++) {
			const struct ip_link *l = &list->v[i];

			/* "show DEV" asks for that device only: nothing of the others */
			if (dev && l->ifi->ifi_index != f.ifindex)
				continue;
			open_json_object(NULL);
			if (ip_link_match(l, &f))
				ip_link_print(&all, l, true, AF_PACKET);
			close_json_object();
		}
		json_finish();
	}
	ip_links_free(&shown);
	ip_links_free(&all);
	return 0;
}

/* ---------------------------------------------------------------- verbs */

static int verb_modify(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		       char **argv)
{
	return do_modify(nl, v->type, v->flags & NLM_F_CREATE, argc, argv);
}

static int verb_show(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		     char **argv)
{
	return do_show(nl, argc, argv);
}

static int verb_replace(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
			char **argv)
{
	return ip_err(IP_EXIT_USAGE, "Error: \"replace\" is not supported by nook link.");
}

static int verb_help(struct mnl_socket *nl, const struct ip_verb *v, const char *word, int argc,
		     char **argv)
{
	iplink_usage();
	return IP_EXIT_USAGE;
}

/* do_iplink()'s order */
static const struct ip_verb link_verbs[] = {
	{ "add", .fn = verb_modify, .type = RTM_NEWLINK, .flags = NLM_F_CREATE | NLM_F_EXCL },
	{ "set", .fn = verb_modify, .type = RTM_NEWLINK },
	{ "change", .fn = verb_modify, .type = RTM_NEWLINK },
	{ "replace", .fn = verb_replace },
	{ "delete", .fn = verb_modify, .type = RTM_DELLINK },
	{ "show", .dflt = true, .fn = verb_show },
	{ "lst", .fn = verb_show },
	{ "list", .fn = verb_show },
	{ "help", .fn = verb_help },
};

int cmd_link(int argc, char *argv[])
{
	_cleanup_nl_ struct mnl_socket *nl = NULL;
	int r;

	r = ip_open_route(&nl);
	if (r != GO_ON)
		return r;
	return ip_verb_run(link_verbs, ELEMENTSOF(link_verbs), nl, "link", argc - 1, argv + 1);
}
