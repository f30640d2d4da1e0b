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
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "inet.h"
#include "ip.h"
#include "macro.h"
#include "netns.h"
#include "nl.h"
#include "nook.h"
#include "wire.h"

/* One namespace of the command line, and the end of the pair that goes in it. */
struct side {
	const char *ns; /* the namespace's name (or PID); NULL for the current one */
	char ifname[IFNAMSIZ];
	struct inet_prefix addr;
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
	return GO_ON;
}

static int parse_addr(struct side *s, const char *text)
{
	if (inet_prefix_parse(text, AF_UNSPEC, &s->addr) < 0 || s->addr.family == AF_UNSPEC)
		return ip_err(IP_EXIT_FAIL,
			      "Error: any valid prefix is expected rather than \"%s\".", text);
	s->has_addr = true;
	return GO_ON;
}

static int parse_args(int argc, char *argv[], struct side s[2], const char **ret_bridge)
{
	const char *pos[2] = { NULL, NULL }, *addr[2] = { NULL, NULL }, *name[2] = { NULL, NULL };
	int npos = 0, r;

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
	/* As every other netns verb checks its name: no path, no "..". */
	for (int i = 0; i < npos; i++)
		if (!netns_name_is_valid(pos[i]))
			return ip_err(IP_EXIT_USAGE, "Invalid netns name \"%s\"", pos[i]);
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
		if (name[i]) {
			r = set_name(s[i].ifname, name[i]);
			if (r != GO_ON)
				return r;
		} else {
			default_name(s[i].ifname,
				     i == 0 ? (npos == 2 ? pos[1] : *ret_bridge) : pos[0]);
		}
		if (addr[i]) {
			r = parse_addr(&s[i], addr[i]);
			if (r != GO_ON)
				return r;
		}
	}
	if (streq(s[0].ifname, s[1].ifname) && npos == 1)
		return ip_err(IP_EXIT_USAGE, "Error: both ends would be named \"%s\"; use --name.",
			      s[0].ifname);
	return GO_ON;
}

/*
 * ip's words for a namespace that cannot be opened and for a bridge name that
 * is wrong, before anything is made.  A missing namespace or bridge is fine:
 * the transaction makes it.  Whether what is there is a network namespace or
 * a bridge, the transaction checks under its lock (a name that another
 * command is making is a plain file for a moment).
 */
static int precheck(const struct side s[2], const char *bridge)
{
	_cleanup_nl_ struct mnl_socket *here = NULL;
	bool up;
	int r, br;

	for (int i = 0; i < 2; i++) {
		_cleanup_close_ int fd = -EBADF;

		if (!s[i].ns)
			continue;
		fd = netns_open(s[i].ns);
		if (fd < 0 && fd != -ENOENT)
			return ip_err(IP_EXIT_FAIL, "Cannot open network namespace \"%s\": %s",
				      s[i].ns, strerror(-fd));
	}
	if (!bridge)
		return GO_ON;
	r = ip_open_route(&here);
	if (r != GO_ON)
		return r;
	r = wire_find_bridge(here, bridge, &br, &up);
	if (r == -EINVAL)
		return ip_err(IP_EXIT_USAGE,
			      "Error: argument \"%s\" is wrong: \"name\" not a valid ifname",
			      bridge);
	if (r < 0 && r != -ENODEV && r != -EMEDIUMTYPE)
		return ip_err(IP_EXIT_FAIL, "Cannot find device \"%s\": %s", bridge, strerror(-r));
	return GO_ON;
}

int netns_connect(int argc, char *argv[])
{
	struct side s[2] = {};
	struct wire_request req = WIRE_REQUEST_INIT;
	struct error err = ERROR_INIT;
	const char *bridge = NULL;
	int r;

	r = parse_args(argc, argv, s, &bridge);
	if (r != GO_ON)
		return r;
	r = precheck(s, bridge);
	if (r != GO_ON)
		return r;
	for (int i = 0; i < 2; i++)
		req.side[i] = (struct wire_side){
			.netns = s[i].ns,
			.netns_fd = -EBADF,
			.ifname = s[i].ifname,
			.addr = s[i].has_addr ? &s[i].addr : NULL,
			/* the current namespace's lo is not ours to change */
			.lo_up = s[i].ns != NULL,
		};
	req.bridge = bridge;
	if (wire_connect(&req, &err) >= 0)
		return 0;
	/* "netns \"X\" is not a network namespace", "device \"X\" is not a bridge": said all. */
	if (err.code == -EMEDIUMTYPE)
		return ip_err(IP_EXIT_FAIL, "Error: %s.", err.msg);
	/* A step the kernel refused exits 2, as ip's "RTNETLINK answers". */
	return ip_err(err.flags & ERROR_KERNEL_ANSWER ? IP_EXIT_KERNEL : IP_EXIT_FAIL,
		      "Error: %s: %s.", err.msg, error_why(&err));
}
