/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * netns-connect.c - "nook netns connect": the one step that iproute2 spreads
 * over six to ten commands.
 *
 *   nook netns connect NS1 NS2 [--addr CIDR1 CIDR2] [--name IF1 IF2]
 *   nook netns connect NS --bridge BR [--addr CIDR] [--name IF IF_BR]
 *
 * Missing namespaces are created (as "ip netns add" would); a missing bridge
 * is created in the current namespace.  A device is named after what is at
 * its other end: in NS1 the end that leads to NS2 is "veth-NS2", and on the
 * host the end that leads to NS is "veth-NS".  Any failure undoes all of it.
 */
#include <errno.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dlib.h"
#include "inet.h"
#include "ip.h"
#include "link.h"
#include "netns.h"
#include "nl.h"
#include "nook.h"
#include "wire.h"

struct side {
	const char *ns; /* the namespace's name; NULL for the current one */
	int fd;		/* open file of it; -1 for the current one */
	bool created;	/* made by this command: delete it on failure */
	char ifname[IFNAMSIZ];
	struct inet_prefix addr;
	const char *addr_text; /* as given, for messages */
	bool has_addr;
};

static void usage(FILE *out)
{
	fputs("Usage:\tnook netns connect NS1 NS2 [--addr CIDR1 CIDR2] [--name IF1 IF2]\n"
	      "\tnook netns connect NS --bridge BR [--addr CIDR] [--name IF IF_BR]\n"
	      "Joins two network namespaces (or one and a bridge of the current one) with a\n"
	      "veth pair, gives the ends their addresses and brings them and lo up.\n"
	      "Missing namespaces and bridges are created; a failure undoes everything.\n"
	      "A device is named after its other end: veth-NS2 in NS1, veth-NS1 in NS2,\n"
	      "veth-BR in NS and veth-NS next to the bridge (cut to 15 characters).\n",
	      out);
}

/* "veth-" and @peer, cut to what a device name can hold. */
static void default_name(char *buf, const char *peer)
{
	(void)snprintf(buf, IFNAMSIZ, "veth-%s", peer);
}

static int set_name(char *buf, const char *name)
{
	if (strlen(name) >= IFNAMSIZ || !*name || strchr(name, '/') || strchr(name, ' '))
		return ip_err(IP_EXIT_USAGE,
			      "Error: argument \"%s\" is wrong: \"name\" not a valid ifname", name);
	strcpy(buf, name);
	return -1;
}

static int parse_addr(struct side *s, const char *text)
{
	if (inet_prefix_parse(text, AF_UNSPEC, &s->addr) < 0 || s->addr.family == AF_UNSPEC)
		return ip_err(IP_EXIT_FAIL,
			      "Error: any valid prefix is expected rather than \"%s\".", text);
	s->has_addr = true;
	s->addr_text = text;
	return -1;
}

/* Open @s->ns, creating it if there is none by that name. */
static int open_side(struct side *s)
{
	int r;

	s->fd = netns_open(s->ns);
	if (s->fd == -ENOENT && netns_name_is_valid(s->ns)) {
		r = netns_create(s->ns, 0, NULL, NULL, NULL);
		if (r < 0)
			return ip_err(IP_EXIT_FAIL, "Cannot create network namespace \"%s\": %s",
				      s->ns, strerror(-r));
		s->created = true;
		s->fd = netns_open(s->ns);
	}
	if (s->fd < 0)
		return ip_err(IP_EXIT_FAIL, "Cannot open network namespace \"%s\": %s", s->ns,
			      strerror(-s->fd));
	return -1;
}

struct kind_query {
	char kind[32];
};

static int kind_cb(const struct nlmsghdr *nlh, void *data)
{
	struct kind_query *q = data;
	const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];

	if (nl_parse_attrs(nlh, sizeof(struct ifinfomsg), tb, IFLA_MAX) < 0 || !tb[IFLA_LINKINFO])
		return MNL_CB_OK;
	if (nl_parse_nested(tb[IFLA_LINKINFO], info, IFLA_INFO_MAX) < 0 || !info[IFLA_INFO_KIND] ||
	    sym_mnl_attr_validate(info[IFLA_INFO_KIND], MNL_TYPE_NUL_STRING) < 0)
		return MNL_CB_OK;
	(void)snprintf(q->kind, sizeof(q->kind), "%s", sym_mnl_attr_get_str(info[IFLA_INFO_KIND]));
	return MNL_CB_OK;
}

/* The bridge @name of the current namespace, made (and up) if missing. */
static int ensure_bridge(struct mnl_socket *nl, const char *name, int *ret_ifindex,
			 bool *ret_created)
{
	struct link_req req = LINK_REQ_INIT;
	struct kind_query q = { "" };
	struct error e = ERROR_INIT; /* read also when link_add() fails before asking the kernel */
	int r;

	*ret_created = false;
	r = link_name_to_index(nl, name, ret_ifindex);
	if (r == -ENODEV) {
		req.name = name;
		req.kind = "bridge";
		req.up = 1;
		r = link_add(nl, &req, &e);
		if (r < 0)
			return ip_err(IP_EXIT_KERNEL, "Error: cannot create bridge \"%s\": %s.",
				      name, e.reason[0] ? e.reason : strerror(-r));
		*ret_created = true;
		r = link_name_to_index(nl, name, ret_ifindex);
	}
	if (r == -EINVAL)
		return ip_err(IP_EXIT_USAGE,
			      "Error: argument \"%s\" is wrong: \"name\" not a valid ifname", name);
	if (r < 0)
		return ip_err(IP_EXIT_FAIL, "Cannot find device \"%s\": %s", name, strerror(-r));
	if (!*ret_created) {
		r = link_dump(nl, *ret_ifindex, kind_cb, &q, NULL);
		if (r < 0 || !streq(q.kind, "bridge"))
			return ip_err(IP_EXIT_FAIL, "Error: device \"%s\" is not a bridge.", name);
		req.up = 1;
		r = link_set(nl, *ret_ifindex, &req, &e);
		if (r < 0)
			return ip_err(IP_EXIT_KERNEL, "Error: cannot bring bridge \"%s\" up: %s.",
				      name, e.reason[0] ? e.reason : strerror(-r));
	}
	return -1;
}

static int parse_args(int argc, char *argv[], struct side s[2], const char **ret_bridge)
{
	const char *pos[2] = { NULL, NULL }, *addr[2] = { NULL, NULL }, *name[2] = { NULL, NULL };
	int npos = 0, r = -1;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int want;

		if (streq(a, "-h") || streq(a, "--help") || streq(a, "help")) {
			usage(stdout);
			return 0;
		}
		if (streq(a, "--bridge") || streq(a, "bridge")) {
			if (i + 1 >= argc)
				return ip_incomplete();
			if (*ret_bridge)
				return ip_duparg("bridge", argv[i + 1]);
			*ret_bridge = argv[++i];
		} else if (streq(a, "--addr") || streq(a, "addr") || streq(a, "--name") ||
			   streq(a, "name")) {
			const char **dst = strstr(a, "addr") ? addr : name;

			/* One value, or two: as many as namespaces (told apart below).  A
			 * second address is taken when the next word is one. */
			want = 1;
			if (i + 2 < argc) {
				struct inet_prefix p;
				const char *next = argv[i + 2];

				/* a word without '.' or ':' ("10", as ip would read it) is
				 * taken for a namespace's name */
				if (dst == addr
					    ? strpbrk(next, ".:") &&
						      inet_prefix_parse(next, AF_UNSPEC, &p) >= 0 &&
						      p.family != AF_UNSPEC
					    : next[0] != '-' && !streq(next, "bridge") &&
						      !streq(next, "addr") && !streq(next, "name"))
					want = 2;
			}
			if (i + 1 >= argc)
				return ip_incomplete();
			if (dst[0])
				return ip_duparg(a, argv[i + 1]);
			dst[0] = argv[++i];
			if (want == 2)
				dst[1] = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			return ip_err(
				IP_EXIT_USAGE,
				"Option \"%s\" is unknown, try \"nook netns connect --help\".", a);
		} else {
			if (npos == 2)
				return ip_err(
					IP_EXIT_USAGE,
					"Error: too many namespaces: \"%s\"; connect joins two.",
					a);
			pos[npos++] = a;
		}
	}
	if (npos == 0 || (npos == 1 && !*ret_bridge)) {
		usage(stderr);
		return IP_EXIT_USAGE;
	}
	if (npos == 2 && *ret_bridge)
		return ip_err(IP_EXIT_USAGE,
			      "Error: either two namespaces or one and --bridge, not both.");
	if (npos == 2 && streq(pos[0], pos[1]))
		return ip_err(IP_EXIT_USAGE, "Error: cannot connect \"%s\" to itself.", pos[0]);
	if ((addr[0] && addr[1] && npos == 1) || (addr[0] && !addr[1] && npos == 2))
		return ip_err(IP_EXIT_USAGE, "Error: --addr takes one address per namespace (%d).",
			      npos);
	if ((name[0] && !name[1]) || (name[1] && !name[0]))
		return ip_err(IP_EXIT_USAGE, "Error: --name takes the names of both ends.");

	s[0].ns = pos[0];
	s[1].ns = npos == 2 ? pos[1] : NULL;
	for (int i = 0; i < 2; i++) {
		s[i].fd = -1;
		if (name[i])
			r = set_name(s[i].ifname, name[i]);
		else
			default_name(s[i].ifname,
				     i == 0 ? (npos == 2 ? pos[1] : *ret_bridge) : pos[0]);
		if (name[i] && r >= 0)
			return r;
		if (addr[i]) {
			r = parse_addr(&s[i], addr[i]);
			if (r >= 0)
				return r;
		}
	}
	if (streq(s[0].ifname, s[1].ifname) && npos == 1)
		return ip_err(IP_EXIT_USAGE, "Error: both ends would be named \"%s\"; use --name.",
			      s[0].ifname);
	return -1;
}

static const char *ns_text(const struct side *s, char *buf, size_t size)
{
	if (!s->ns)
		return "the current namespace";
	(void)snprintf(buf, size, "netns \"%s\"", s->ns);
	return buf;
}

int netns_connect(int argc, char *argv[])
{
	struct side s[2] = { { .fd = -1 }, { .fd = -1 } };
	_cleanup_nl_ struct mnl_socket *here = NULL;
	struct wire_end ends[2];
	struct wire_err e;
	const char *bridge = NULL;
	bool bridge_created = false;
	int status, br = 0, r;
	char n0[300], n1[300];

	status = parse_args(argc, argv, s, &bridge);
	if (status >= 0)
		return status;
	for (int i = 0; i < 2 && status < 0; i++)
		if (s[i].ns)
			status = open_side(&s[i]);
	if (status < 0 && bridge) {
		status = ip_open_route(&here);
		if (status == 0) {
			status = ensure_bridge(here, bridge, &br, &bridge_created);
		} else if (status > 0) {
			/* ip_open_route() printed it */
		}
	}
	if (status < 0) {
		for (int i = 0; i < 2; i++)
			ends[i] = (struct wire_end){
				.netns_fd = s[i].fd,
				.ifname = s[i].ifname,
				.addr = s[i].has_addr ? &s[i].addr : NULL,
				.master = (i == 1 && bridge) ? br : 0,
				.lo_up = s[i].ns != NULL,
			};
		r = wire_veth(&ends[0], &ends[1], &e);
		if (r < 0) {
			const struct side *f = &s[e.end];
			const char *why = error_why(&e.nl);

			if (e.step == WIRE_STEP_CREATE)
				status = ip_err(IP_EXIT_KERNEL,
						"Error: cannot %s %s (in %s) - %s (in %s): %s.",
						wire_step_name(e.step), s[0].ifname,
						ns_text(&s[0], n0, sizeof(n0)), s[1].ifname,
						ns_text(&s[1], n1, sizeof(n1)), why);
			else if (e.step == WIRE_STEP_ADDRESS)
				status = ip_err(IP_EXIT_KERNEL,
						"Error: cannot add address %s to %s (in %s): %s.",
						f->addr_text, f->ifname, ns_text(f, n0, sizeof(n0)),
						why);
			else if (e.step == WIRE_STEP_MASTER)
				status = ip_err(IP_EXIT_KERNEL,
						"Error: cannot attach %s to bridge \"%s\": %s.",
						f->ifname, bridge, why);
			else
				status = ip_err(
					e.step == WIRE_STEP_SOCKET ? IP_EXIT_FAIL : IP_EXIT_KERNEL,
					"Error: cannot %s %s (in %s): %s.", wire_step_name(e.step),
					f->ifname, ns_text(f, n0, sizeof(n0)), why);
		} else {
			status = 0;
		}
	}
	/* Undo what this command made, last first. */
	if (status != 0) {
		if (bridge_created && here && br > 0)
			(void)link_del(here, br, NULL);
		for (int i = 1; i >= 0; i--)
			if (s[i].created)
				(void)netns_delete(s[i].ns);
	}
	for (int i = 0; i < 2; i++)
		if (s[i].fd >= 0)
			close(s[i].fd);
	return status;
}
