/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd-bridge.c - "nook bridge": the brctl verbs of the tutorials (addbr,
 * delbr, addif, delif, stp, setageing, show; "add" and "del" too) over
 * rtnetlink, with bridge-utils 1.7's output and messages.
 *
 * brctl speaks ioctl(2) and sysfs; nook asks rtnetlink, which answers some
 * mistakes differently: it deletes a bridge that is up, moves a port from
 * one bridge to another, and makes "bridgeN" for an empty name.  Those cases
 * are checked here first, from a dump of the links, so that the messages and
 * outcomes stay brctl's.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "alloc-util.h"
#include "dlib.h"
#include "ip.h"
#include "link.h"
#include "macro.h"
#include "nl.h"
#include "nook.h"

/* A bridge's port list: brctl pads the continuation lines to the last column. */
#define PORT_INDENT "\t\t\t\t\t\t\t"

struct brlink {
	int index;
	char name[IFNAMSIZ];
	unsigned flags; /* IFF_UP ... */
	int master;	/* IFLA_MASTER; 0 none */
	bool is_bridge; /* IFLA_INFO_KIND "bridge" */
	uint8_t id[8];	/* IFLA_BR_BRIDGE_ID: priority, then address */
	uint32_t stp;	/* IFLA_BR_STP_STATE */
};

struct links {
	struct brlink *v;
	size_t n, allocated;
};

static void links_free(struct links *l)
{
	l->v = x_free(l->v);
	l->n = l->allocated = 0;
}

static void parse_bridge_data(const struct nlattr *data, struct brlink *b)
{
	const struct nlattr *tb[IFLA_BR_MAX + 1];

	if (nl_parse_nested(data, tb, IFLA_BR_MAX) < 0)
		return;
	if (tb[IFLA_BR_BRIDGE_ID] &&
	    sym_mnl_attr_get_payload_len(tb[IFLA_BR_BRIDGE_ID]) >= sizeof(b->id))
		memcpy(b->id, sym_mnl_attr_get_payload(tb[IFLA_BR_BRIDGE_ID]), sizeof(b->id));
	if (tb[IFLA_BR_STP_STATE] &&
	    sym_mnl_attr_validate(tb[IFLA_BR_STP_STATE], MNL_TYPE_U32) >= 0)
		b->stp = sym_mnl_attr_get_u32(tb[IFLA_BR_STP_STATE]);
}

static int link_cb(const struct nlmsghdr *nlh, void *data)
{
	struct links *l = data;
	const struct ifinfomsg *ifi = sym_mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];
	struct brlink b = { 0 };

	if (nlh->nlmsg_type != RTM_NEWLINK || sym_mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifi))
		return MNL_CB_OK;
	if (nl_parse_attrs(nlh, sizeof(*ifi), tb, IFLA_MAX) < 0 || !tb[IFLA_IFNAME] ||
	    sym_mnl_attr_validate(tb[IFLA_IFNAME], MNL_TYPE_NUL_STRING) < 0)
		return MNL_CB_OK;
	b.index = ifi->ifi_index;
	b.flags = ifi->ifi_flags;
	(void)snprintf(b.name, sizeof(b.name), "%s", sym_mnl_attr_get_str(tb[IFLA_IFNAME]));
	if (tb[IFLA_MASTER] && sym_mnl_attr_validate(tb[IFLA_MASTER], MNL_TYPE_U32) >= 0)
		b.master = (int)sym_mnl_attr_get_u32(tb[IFLA_MASTER]);
	if (tb[IFLA_LINKINFO] && nl_parse_nested(tb[IFLA_LINKINFO], info, IFLA_INFO_MAX) >= 0 &&
	    info[IFLA_INFO_KIND] &&
	    sym_mnl_attr_validate(info[IFLA_INFO_KIND], MNL_TYPE_NUL_STRING) >= 0 &&
	    streq(sym_mnl_attr_get_str(info[IFLA_INFO_KIND]), "bridge")) {
		b.is_bridge = true;
		if (info[IFLA_INFO_DATA])
			parse_bridge_data(info[IFLA_INFO_DATA], &b);
	}
	if (GREEDY_REALLOC(l->v, l->allocated, l->n + 1) < 0) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	l->v[l->n++] = b;
	return MNL_CB_OK;
}

/* Every link of the namespace, with what brctl reads from sysfs. */
static int links_load(struct mnl_socket *nl, struct links *ret)
{
	int r = link_dump(nl, 0, link_cb, ret, NULL);

	if (r < 0)
		links_free(ret);
	return r;
}

static const struct brlink *link_by_name(const struct links *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (streq(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

static int cmp_name(const void *a, const void *b)
{
	/* brctl sorts with alphasort(3), in the C locale of a program that never calls setlocale() */
	return strcmp((*(const struct brlink *const *)a)->name,
		      (*(const struct brlink *const *)b)->name);
}

/*
 * brctl's ioctls cut a bridge name to IFNAMSIZ - 1 bytes without a word
 * ("brctl addbr" of a 20-byte name makes one of 15); nook does the same.
 */
static void truncate_name(char *buf, const char *name)
{
	(void)snprintf(buf, IFNAMSIZ, "%s", name);
}

/* The kernel's dev_valid_name(): what an ioctl refuses with EINVAL. */
static bool name_is_valid(const char *name)
{
	if (!*name || streq(name, ".") || streq(name, ".."))
		return false;
	for (; *name; name++)
		if (*name == '/' || *name == ':' || isspace((unsigned char)*name))
			return false;
	return true;
}

/* brctl's br_init(): GO_ON, or its message and status. */
static int open_route(struct mnl_socket **ret)
{
	int r = nl_open_route(ret);

	if (r < 0) {
		fprintf(stderr, "can't setup bridge control: %s\n",
			r == -EOPNOTSUPP && dlib_error()[0] ? dlib_error() : strerror(-r));
		return 1;
	}
	return GO_ON;
}

/* ---------------------------------------------------------------- verbs */

static int br_addbr(struct mnl_socket *nl, int argc, char **argv)
{
	struct link_req req = LINK_REQ_INIT;
	char name[IFNAMSIZ];
	int ifindex, r;

	truncate_name(name, argv[1]);
	if (!name_is_valid(name)) {
		fprintf(stderr, "add bridge failed: %s\n", strerror(EINVAL));
		return 1;
	}
	if (link_name_to_index(nl, name, &ifindex) == 0)
		r = -EEXIST;
	else {
		req.name = name;
		req.kind = "bridge";
		r = link_add(nl, &req, NULL);
	}
	if (r == -EEXIST) {
		fprintf(stderr,
			"device %s already exists; can't create bridge with the same name\n",
			argv[1]);
		return 1;
	}
	if (r < 0) {
		fprintf(stderr, "add bridge failed: %s\n", strerror(-r));
		return 1;
	}
	return 0;
}

static int br_delbr(struct mnl_socket *nl, int argc, char **argv)
{
	_cleanup_(links_free) struct links l = { 0 };
	const struct brlink *br;
	char name[IFNAMSIZ];
	int r;

	truncate_name(name, argv[1]);
	r = links_load(nl, &l);
	if (r >= 0) {
		br = link_by_name(&l, name);
		if (!br)
			r = -ENXIO;
		else if (!br->is_bridge)
			r = -EPERM; /* SIOCBRDELBR of another kind of device */
		else if (br->flags & IFF_UP)
			r = -EBUSY; /* the ioctl will not delete a bridge that is up */
		else
			r = link_del(nl, br->index, NULL);
	}
	if (r == -ENXIO || r == -ENODEV)
		fprintf(stderr, "bridge %s doesn't exist; can't delete it\n", argv[1]);
	else if (r == -EBUSY)
		fprintf(stderr, "bridge %s is still up; can't delete it\n", argv[1]);
	else if (r < 0)
		fprintf(stderr, "can't delete bridge %s: %s\n", argv[1], strerror(-r));
	return r < 0;
}

/*
 * addif (@add) and delif: each device joins or leaves the bridge, checked
 * first as brctl's ioctls check it (rtnetlink would move a port from one
 * bridge to another, or take it from any bridge), with brctl's words.
 */
static int br_port(struct mnl_socket *nl, int argc, char **argv, bool add)
{
	const char *brname = argv[1];

	for (int i = 2; i < argc; i++) {
		_cleanup_(links_free) struct links l = { 0 };
		const char *ifname = argv[i];
		const struct brlink *br = NULL, *dev = NULL;
		struct link_req req = LINK_REQ_INIT;
		int r = links_load(nl, &l);

		if (r >= 0) {
			dev = link_by_name(&l, ifname);
			br = link_by_name(&l, brname);
			if (!dev || !br)
				r = -ENODEV;
			else if (!br->is_bridge)
				r = -EOPNOTSUPP; /* SIOCBRADDIF on another kind of device */
			else if (add && dev->is_bridge)
				r = -ELOOP;
			else if (add && dev->master)
				r = -EBUSY;
			else if (!add && dev->master != br->index)
				r = -EINVAL; /* the bridge's own word for "not my port" */
		}
		if (r >= 0) {
			req.master = add ? br->index : 0;
			r = link_set(nl, dev->index, &req, NULL);
		}
		if (r >= 0)
			continue;
		if (r == -ENODEV) {
			if (!dev)
				fprintf(stderr, "interface %s does not exist!\n", ifname);
			else
				fprintf(stderr, "bridge %s does not exist!\n", brname);
		} else if (add && r == -EBUSY) {
			fprintf(stderr,
				"device %s is already a member of a bridge; can't add it to bridge "
				"%s.\n",
				ifname, brname);
		} else if (add && r == -ELOOP) {
			fprintf(stderr,
				"device %s is a bridge device itself; can't add a bridge device to "
				"a bridge device.\n",
				ifname);
		} else if (!add && r == -EINVAL) {
			fprintf(stderr, "device %s is not a port of %s\n", ifname, brname);
		} else if (add) {
			fprintf(stderr, "can't add %s to bridge %s: %s\n", ifname, brname,
				strerror(-r));
		} else {
			fprintf(stderr, "can't delete %s from %s: %s\n", ifname, brname,
				strerror(-r));
		}
		return 1;
	}
	return 0;
}

static int br_addif(struct mnl_socket *nl, int argc, char **argv)
{
	return br_port(nl, argc, argv, true);
}

static int br_delif(struct mnl_socket *nl, int argc, char **argv)
{
	return br_port(nl, argc, argv, false);
}

/* Bridge options through IFLA_INFO_DATA; the device must be a bridge (EOPNOTSUPP). */
static int set_option(struct mnl_socket *nl, const char *brname, const struct link_req *req)
{
	int ifindex, r = link_name_to_index(nl, brname, &ifindex);

	if (r < 0)
		return r == -EINVAL ? -ENODEV : r;
	return link_set(nl, ifindex, req, NULL);
}

static int br_stp(struct mnl_socket *nl, int argc, char **argv)
{
	struct link_req req = LINK_REQ_INIT;
	const char *v = argv[2];
	int r;

	if (streq(v, "on") || streq(v, "yes") || streq(v, "1"))
		req.stp_state = 1;
	else if (streq(v, "off") || streq(v, "no") || streq(v, "0"))
		req.stp_state = 0;
	else {
		fprintf(stderr, "expect on/off for argument\n");
		return 1;
	}
	r = set_option(nl, argv[1], &req);
	if (r < 0) {
		fprintf(stderr, "set stp status failed: %s\n", strerror(-r));
		return 1;
	}
	return 0;
}

static int br_setageing(struct mnl_socket *nl, int argc, char **argv)
{
	struct link_req req = LINK_REQ_INIT;
	double secs;
	long sec, usec;
	int r;

	/* brctl's strtotimeval(): sscanf("%lf"), so "10abc" is 10 and "0x10" 16 */
	if (sscanf(argv[2], "%lf", &secs) != 1 || !(secs >= 0) || secs > 42949672.0) {
		fprintf(stderr, "bad ageing time value\n");
		return 1;
	}
	sec = (long)secs;
	usec = (long)(1000000 * (secs - (double)sec));
	/* a timeval in centiseconds (clock_t, USER_HZ 100), as brctl writes it to sysfs */
	req.ageing_time = (1000000L * sec + usec) / 10000;
	r = set_option(nl, argv[1], &req);
	if (r < 0) {
		fprintf(stderr, "set ageing time failed: %s\n", strerror(-r));
		return 1;
	}
	return 0;
}

static void show_one(const struct links *l, const struct brlink *br, bool *header)
{
	char id[32];
	unsigned nports = 0;

	(void)snprintf(id, sizeof(id), "%.2x%.2x.%.2x%.2x%.2x%.2x%.2x%.2x", br->id[0], br->id[1],
		       br->id[2], br->id[3], br->id[4], br->id[5], br->id[6], br->id[7]);
	if (*header && !is_json())
		printf("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n");
	*header = false;

	open_json_object(NULL);
	print_string(PRINT_ANY, "name", "%s\t\t", br->name);
	print_string(PRINT_ANY, "bridge_id", "%s", id);
	print_bool(PRINT_JSON, "stp_enabled", NULL, br->stp != 0);
	print_text("\t%s\t\t", br->stp ? "yes" : "no");

	open_json_array(PRINT_JSON, "interfaces");
	{
		_cleanup_free_ const struct brlink **ports =
			calloc(l->n ? l->n : 1, sizeof(*ports));

		for (size_t i = 0; ports && i < l->n; i++)
			if (l->v[i].master == br->index)
				ports[nports++] = &l->v[i];
		if (ports)
			qsort(ports, nports, sizeof(*ports), cmp_name);
		for (unsigned i = 0; i < nports; i++) {
			if (i > 0)
				print_text(PORT_INDENT);
			print_string(PRINT_ANY, NULL, "%s\n", ports[i]->name);
		}
	}
	close_json_array(PRINT_JSON, NULL);
	if (nports == 0)
		print_text("\n");
	close_json_object();
}

static int br_show(struct mnl_socket *nl, int argc, char **argv)
{
	_cleanup_(links_free) struct links l = { 0 };
	_cleanup_free_ const struct brlink **bridges = NULL;
	bool header = true;
	size_t n = 0;
	int errs = 0, r;

	r = links_load(nl, &l);
	if (r < 0) {
		fprintf(stderr, "can't get bridge list: %s\n", strerror(-r));
		return 1;
	}
	json_start();
	if (argc <= 1) {
		bridges = calloc(l.n ? l.n : 1, sizeof(*bridges));
		if (!bridges) {
			fprintf(stderr, "Out of memory\n");
			return 1;
		}
		for (size_t i = 0; i < l.n; i++)
			if (l.v[i].is_bridge)
				bridges[n++] = &l.v[i];
		qsort(bridges, n, sizeof(*bridges), cmp_name);
		for (size_t i = 0; i < n; i++)
			show_one(&l, bridges[i], &header);
	} else {
		for (int i = 1; i < argc; i++) {
			const struct brlink *br = link_by_name(&l, argv[i]);

			if (!br) {
				fprintf(stderr, "bridge %s does not exist!\n", argv[i]);
				errs++;
			} else if (!br->is_bridge) {
				fprintf(stderr, "device %s is not a bridge!\n", argv[i]);
				errs++;
			} else {
				show_one(&l, br, &header);
			}
		}
	}
	json_finish();
	return errs > 0;
}

/* ---------------------------------------------------------------- table */

/* brctl's command_table[]: each verb's handler gets argv[0] the verb, then its words. */
static const struct verb {
	const char *name;
	const char *alias; /* nook's shorter word, or NULL */
	int nargs;	   /* the words brctl requires after the verb */
	int (*fn)(struct mnl_socket *nl, int argc, char **argv);
	const char *help;
} verbs[] = {
	{ "addbr", "add", 1, br_addbr, "<bridge>\t\tadd bridge" },
	{ "delbr", "del", 1, br_delbr, "<bridge>\t\tdelete bridge" },
	{ "addif", NULL, 2, br_addif, "<bridge> <device>\tadd interface to bridge" },
	{ "delif", NULL, 2, br_delif, "<bridge> <device>\tdelete interface from bridge" },
	{ "setageing", NULL, 2, br_setageing, "<bridge> <time>\t\tset ageing time" },
	{ "show", NULL, 0, br_show, "[ <bridge> ]\t\tshow a list of bridges" },
	{ "stp", NULL, 2, br_stp, "<bridge> {on|off}\tturn stp on/off" },
};

/* brctl's other verbs: known, not done. */
static const char *const verbs_unsupported[] = {
	"hairpin",     "setbridgeprio", "setfd",    "sethello", "setmaxage",
	"setpathcost", "setportprio",	"showmacs", "showstp",
};

static void help(void)
{
	printf("Usage: nook bridge [commands]\n"
	       "commands:\n");
	for (size_t i = 0; i < ELEMENTSOF(verbs); i++)
		printf("\t%-10s\t%s\n", verbs[i].name, verbs[i].help);
}

/*
 * brctl's options, read as brctl reads them: by getopt_long() over the whole
 * line, so that an option after the verb ("addbr --foo") is refused rather
 * than taken for a name, and "--" ends them ("addbr -- --foo" makes it).
 * Return: GO_ON with *@argc and *@argv at the verb, or the exit status.
 */
static int parse_options(int *argc, char ***argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{},
	};
	char *name = (*argv)[0];
	int c;

	/* getopt's messages name argv[0]: brctl's "brctl: " reads "nook bridge: " */
	(*argv)[0] = (char *)"nook bridge";
	optind = 0; /* GNU getopt starts over */
	opterr = 1;
	while ((c = getopt_long(*argc, *argv, "Vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			help();
			return 0;
		case 'V':
			return print_version("bridge");
		default:
			fprintf(stderr, "Unknown option '%c'\n", c);
			help();
			return 1;
		}
	}
	(*argv)[0] = name;
	*argc -= optind;
	*argv += optind;
	return GO_ON;
}

int cmd_bridge(int argc, char *argv[])
{
	_cleanup_nl_ struct mnl_socket *nl = NULL;
	const struct verb *v = NULL;
	int r;

	r = parse_options(&argc, &argv);
	if (r != GO_ON)
		return r;
	if (argc < 1) {
		help();
		return 1;
	}
	/* nook's word for the help ("nook bridge --help" runs it too) */
	if (streq(argv[0], "help")) {
		help();
		return 0;
	}
	for (size_t i = 0; i < ELEMENTSOF(verbs); i++)
		if (streq(argv[0], verbs[i].name) ||
		    (verbs[i].alias && streq(argv[0], verbs[i].alias)))
			v = &verbs[i];
	if (!v) {
		for (size_t i = 0; i < ELEMENTSOF(verbs_unsupported); i++)
			if (streq(argv[0], verbs_unsupported[i])) {
				fprintf(stderr, "command [%s] is not supported by nook\n", argv[0]);
				return 1;
			}
		fprintf(stderr, "never heard of command [%s]\n", argv[0]);
		help();
		return 1;
	}
	if (argc < v->nargs + 1) {
		/* brctl writes both lines to stdout */
		printf("Incorrect number of arguments for command\n");
		printf("Usage: nook bridge %s %s\n", v->name, v->help);
		return 1;
	}
	r = open_route(&nl);
	if (r != GO_ON)
		return r;
	return v->fn(nl, argc, argv);
}
