/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "alloc-util.h"
#include "dlib.h"
#include "macro.h"
#include "nl.h"
#include "parse-util.h"
#include "route.h"

/*
 * Names.  iproute2 starts from built-in lists and reads its configuration
 * files over them, later lines winning; nook does the same, once per process.
 */
struct name_entry {
	uint32_t id;
	char *name;
};

struct name_list {
	struct name_entry *v;
	size_t n, allocated;
	bool loaded;
};

static struct name_list name_lists[_ROUTE_NAMES_MAX];
static const char *names_dir = "/etc/iproute2";

static const struct name_entry builtin_tables[] = {
	{ RT_TABLE_DEFAULT, (char *)"default" },
	{ RT_TABLE_MAIN, (char *)"main" },
	{ RT_TABLE_LOCAL, (char *)"local" },
};

static const struct name_entry builtin_protocols[] = {
	{ RTPROT_UNSPEC, (char *)"unspec" }, { RTPROT_REDIRECT, (char *)"redirect" },
	{ RTPROT_KERNEL, (char *)"kernel" }, { RTPROT_BOOT, (char *)"boot" },
	{ RTPROT_STATIC, (char *)"static" }, { RTPROT_GATED, (char *)"gated" },
	{ RTPROT_RA, (char *)"ra" },	     { RTPROT_MRT, (char *)"mrt" },
	{ RTPROT_ZEBRA, (char *)"zebra" },   { RTPROT_BIRD, (char *)"bird" },
	{ RTPROT_BABEL, (char *)"babel" },   { RTPROT_DNROUTED, (char *)"dnrouted" },
	{ RTPROT_XORP, (char *)"xorp" },     { RTPROT_NTK, (char *)"ntk" },
	{ RTPROT_DHCP, (char *)"dhcp" },     { RTPROT_KEEPALIVED, (char *)"keepalived" },
	{ RTPROT_BGP, (char *)"bgp" },	     { RTPROT_ISIS, (char *)"isis" },
	{ RTPROT_OSPF, (char *)"ospf" },     { RTPROT_RIP, (char *)"rip" },
	{ RTPROT_EIGRP, (char *)"eigrp" },
};

static const struct name_entry builtin_scopes[] = {
	{ RT_SCOPE_UNIVERSE, (char *)"global" }, { RT_SCOPE_NOWHERE, (char *)"nowhere" },
	{ RT_SCOPE_HOST, (char *)"host" },	 { RT_SCOPE_LINK, (char *)"link" },
	{ RT_SCOPE_SITE, (char *)"site" },
};

static const struct name_entry builtin_realms[] = {
	{ 0, (char *)"cosmos" },
};

static const struct {
	const struct name_entry *builtin;
	size_t n_builtin;
	const char *file; /* under names_dir */
	const char *dir;  /* its *.conf files too; NULL none */
	uint32_t max;	  /* highest id */
	bool hex;	  /* a number without a name is printed "0x%02x" */
} name_sources[_ROUTE_NAMES_MAX] = {
	[ROUTE_NAMES_TABLE] = { builtin_tables, ELEMENTSOF(builtin_tables), "rt_tables",
				"rt_tables.d", UINT32_MAX },
	[ROUTE_NAMES_PROTOCOL] = { builtin_protocols, ELEMENTSOF(builtin_protocols), "rt_protos",
				   "rt_protos.d", 255 },
	[ROUTE_NAMES_SCOPE] = { builtin_scopes, ELEMENTSOF(builtin_scopes), "rt_scopes", NULL,
				255 },
	[ROUTE_NAMES_REALM] = { builtin_realms, ELEMENTSOF(builtin_realms), "rt_realms", NULL,
				255 },
	[ROUTE_NAMES_DSFIELD] = { NULL, 0, "rt_dsfield", NULL, 255, true },
};

/**
 * route_names_set_dir() - read the name files from @dir instead of /etc/iproute2
 * @dir: a directory; kept, not copied
 *
 * For tests: names already read are forgotten.
 */
void route_names_set_dir(const char *dir)
{
	names_dir = dir;
	for (size_t i = 0; i < ELEMENTSOF(name_lists); i++) {
		for (size_t j = 0; j < name_lists[i].n; j++)
			free(name_lists[i].v[j].name);
		free(name_lists[i].v);
		name_lists[i] = (struct name_list){ 0 };
	}
}

static int name_add(struct name_list *l, uint32_t id, const char *name)
{
	char *copy = strdup(name);

	if (!copy)
		return -ENOMEM;
	if (GREEDY_REALLOC(l->v, l->allocated, l->n + 1) < 0) {
		free(copy);
		return -ENOMEM;
	}
	l->v[l->n++] = (struct name_entry){ id, copy };
	return 0;
}

/*
 * One file of "NUMBER NAME" lines (iproute2's fread_id_name()): blanks and
 * '#' comments are skipped, numbers may be hex ("0x10"); iproute2 stops at a
 * malformed line with a warning, nook skips it.
 */
static void name_file_read(struct name_list *l, const char *path, uint32_t max)
{
	_cleanup_fclose_ FILE *f = fopen(path, "re");
	char line[512];

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *end, *name;
		unsigned long id;

		p += strspn(p, " \t");
		if (*p == '#' || *p == '\n' || *p == '\0')
			continue;
		errno = 0;
		id = strtoul(p, &end, 0);
		if (end == p || errno || id > max || (*end != ' ' && *end != '\t'))
			continue;
		name = end + strspn(end, " \t");
		name[strcspn(name, " \t\r\n#")] = '\0';
		if (*name)
			(void)name_add(l, (uint32_t)id, name);
	}
}

static bool is_conf(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > STRLEN(".conf") && streq(name + n - STRLEN(".conf"), ".conf");
}

static struct name_list *names_get(enum route_names which)
{
	struct name_list *l = &name_lists[which];
	char path[PATH_MAX];

	if (l->loaded)
		return l;
	l->loaded = true;
	for (size_t i = 0; i < name_sources[which].n_builtin; i++)
		(void)name_add(l, name_sources[which].builtin[i].id,
			       name_sources[which].builtin[i].name);
	(void)snprintf(path, sizeof(path), "%s/%s", names_dir, name_sources[which].file);
	name_file_read(l, path, name_sources[which].max);
	if (name_sources[which].dir) {
		_cleanup_closedir_ DIR *d = NULL;
		struct dirent *de;

		(void)snprintf(path, sizeof(path), "%s/%s", names_dir, name_sources[which].dir);
		d = opendir(path);
		while (d && (de = readdir(d))) {
			char file[PATH_MAX + sizeof(de->d_name) + 1];

			if (!is_conf(de->d_name))
				continue;
			(void)snprintf(file, sizeof(file), "%s/%s", path, de->d_name);
			name_file_read(l, file, name_sources[which].max);
		}
	}
	return l;
}

/**
 * route_name() - the name of a table, protocol or scope, as ip(8) prints it
 * @which: the list
 * @id: the number
 * @buf: room for ROUTE_NAME_MAX, for a number without a name
 * @size: of @buf
 *
 * Return: the name (the latest one, when the files give two), or @buf with the
 * number (in hex for a TOS value, as ip prints it).
 */
const char *route_name(enum route_names which, uint32_t id, char *buf, size_t size)
{
	struct name_list *l = names_get(which);

	for (size_t i = l->n; i > 0; i--)
		if (l->v[i - 1].id == id)
			return l->v[i - 1].name;
	if (name_sources[which].hex)
		(void)snprintf(buf, size, "0x%02x", id);
	else
		(void)snprintf(buf, size, "%u", id);
	return buf;
}

/**
 * route_name_parse() - a table, protocol or scope by name or number
 * @which: the list
 * @s: "main", "kernel", "link", or a number of any base within the list's range
 * @ret: the number
 *
 * Return: 0, or -EINVAL.
 */
int route_name_parse(enum route_names which, const char *s, uint32_t *ret)
{
	struct name_list *l = names_get(which);
	uint64_t v;

	for (size_t i = l->n; i > 0; i--)
		if (streq(l->v[i - 1].name, s)) {
			*ret = l->v[i - 1].id;
			return 0;
		}
	if (parse_ip_unsigned(s, name_sources[which].max, &v) < 0)
		return -EINVAL;
	*ret = (uint32_t)v;
	return 0;
}

static const char *const type_names[] = {
	[RTN_UNSPEC] = "none",
	[RTN_UNICAST] = "unicast",
	[RTN_LOCAL] = "local",
	[RTN_BROADCAST] = "broadcast",
	[RTN_ANYCAST] = "anycast",
	[RTN_MULTICAST] = "multicast",
	[RTN_BLACKHOLE] = "blackhole",
	[RTN_UNREACHABLE] = "unreachable",
	[RTN_PROHIBIT] = "prohibit",
	[RTN_THROW] = "throw",
	[RTN_NAT] = "nat",
	[RTN_XRESOLVE] = "xresolve",
};

/**
 * route_type_name() - "unicast", "local", ... or the number
 * @type: RTN_*
 * @buf: room for ROUTE_NAME_MAX
 * @size: of @buf
 *
 * Return: the name, or @buf.
 */
const char *route_type_name(unsigned type, char *buf, size_t size)
{
	if (type < ELEMENTSOF(type_names) && type_names[type])
		return type_names[type];
	(void)snprintf(buf, size, "%u", type);
	return buf;
}

/* ip's abbreviations: a word names a type when it begins that type's name. */
static bool is_prefix_of(const char *word, const char *name)
{
	size_t n = strlen(word);

	return n <= strlen(name) && strncmp(word, name, n) == 0;
}

/**
 * route_type_parse() - a route type word, as iproute2's rtnl_rtntype_a2n()
 * @s: "local", "nat", "throw" in full; "broadcast"/"brd", "anycast",
 *     "multicast", "prohibit", "unreachable", "blackhole", "xresolve",
 *     "unicast" or any start of them; or a number up to 255
 * @ret: RTN_*
 *
 * Return: 0, or -EINVAL.
 */
int route_type_parse(const char *s, unsigned *ret)
{
	static const struct {
		const char *name;
		unsigned type;
		bool abbrev;
	} words[] = {
		{ "local", RTN_LOCAL, false },	      { "nat", RTN_NAT, false },
		{ "broadcast", RTN_BROADCAST, true }, { "brd", RTN_BROADCAST, false },
		{ "anycast", RTN_ANYCAST, true },     { "multicast", RTN_MULTICAST, true },
		{ "prohibit", RTN_PROHIBIT, true },   { "unreachable", RTN_UNREACHABLE, true },
		{ "blackhole", RTN_BLACKHOLE, true }, { "xresolve", RTN_XRESOLVE, true },
		{ "unicast", RTN_UNICAST, true },     { "throw", RTN_THROW, false },
	};
	uint64_t v;

	for (size_t i = 0; i < ELEMENTSOF(words); i++)
		if (words[i].abbrev ? is_prefix_of(s, words[i].name) : streq(s, words[i].name)) {
			*ret = words[i].type;
			return 0;
		}
	if (parse_ip_unsigned(s, 255, &v) < 0)
		return -EINVAL;
	*ret = (unsigned)v;
	return 0;
}

static void put_addr(struct nlmsghdr *nlh, uint16_t type, const struct inet_prefix *a)
{
	sym_mnl_attr_put(nlh, type, a->bytelen, a->data);
}

/**
 * route_build() - the RTM_NEWROUTE or RTM_DELROUTE for @req, without sending it
 * @buf: NL_BUF
 * @type: RTM_NEWROUTE or RTM_DELROUTE
 * @flags: NLM_F_CREATE | NLM_F_EXCL ("add"), NLM_F_CREATE | NLM_F_REPLACE ("replace"), ...
 * @req: the route
 * @ret_nlh: the message
 *
 * Return: 0.
 */
int route_build(char *buf, uint16_t type, uint16_t flags, const struct route_req *req,
		struct nlmsghdr **ret_nlh)
{
	struct nlmsghdr *nlh;
	struct rtmsg *rtm = nl_msg_start(buf, type, flags, sizeof(*rtm), &nlh);

	rtm->rtm_family = (uint8_t)req->family;
	rtm->rtm_dst_len = (uint8_t)(req->dst.bitlen > 0 ? req->dst.bitlen : 0);
	rtm->rtm_table = req->table < 256 ? (uint8_t)req->table : RT_TABLE_UNSPEC;
	rtm->rtm_protocol = req->protocol;
	rtm->rtm_scope = req->scope;
	rtm->rtm_type = req->type;
	rtm->rtm_flags = req->flags;
	if (req->table >= 256)
		sym_mnl_attr_put_u32(nlh, RTA_TABLE, req->table);
	if (req->dst.bytelen)
		put_addr(nlh, RTA_DST, &req->dst);
	if (req->has_prefsrc)
		put_addr(nlh, RTA_PREFSRC, &req->prefsrc);
	if (req->has_gateway) {
		if (req->gateway.family == req->family) {
			put_addr(nlh, RTA_GATEWAY, &req->gateway);
		} else {
			/* a gateway of the other family: IPv4 over an IPv6 next hop (RFC 5549) */
			uint8_t via[sizeof(struct rtvia) + 16];
			struct rtvia *v = (struct rtvia *)via;

			v->rtvia_family = (__kernel_sa_family_t)req->gateway.family;
			memcpy(v->rtvia_addr, req->gateway.data, req->gateway.bytelen);
			sym_mnl_attr_put(nlh, RTA_VIA, sizeof(*v) + req->gateway.bytelen, via);
		}
	}
	if (req->oif > 0)
		sym_mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)req->oif);
	if (req->has_priority)
		sym_mnl_attr_put_u32(nlh, RTA_PRIORITY, req->priority);
	if (req->metrics_set || req->metrics_lock) {
		struct nlattr *mx = sym_mnl_attr_nest_start(nlh, RTA_METRICS);

		for (unsigned i = RTAX_LOCK + 1; i <= RTAX_MAX; i++)
			if (req->metrics_set & (1u << i))
				sym_mnl_attr_put_u32(nlh, (uint16_t)i, req->metrics[i]);
		if (req->metrics_lock)
			sym_mnl_attr_put_u32(nlh, RTAX_LOCK, req->metrics_lock);
		sym_mnl_attr_nest_end(nlh, mx);
	}
	*ret_nlh = nlh;
	return 0;
}

/**
 * route_modify() - add, change or delete a route ("ip route add/replace/del")
 * @nl: a route socket of the namespace
 * @type: RTM_NEWROUTE or RTM_DELROUTE
 * @flags: for RTM_NEWROUTE: NLM_F_CREATE | NLM_F_EXCL to add, NLM_F_CREATE |
 *	   NLM_F_REPLACE to replace, NLM_F_REPLACE to change; 0 to delete
 * @req: the route
 * @ret_err: the kernel's reason on failure ("Nexthop has invalid gateway"); may be NULL
 *
 * Return: 0; -EEXIST, -ESRCH (no such route to delete), -ENETUNREACH, -errno.
 */
int route_modify(struct mnl_socket *nl, uint16_t type, uint16_t flags, const struct route_req *req,
		 struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	int r = route_build(buf, type, flags, req, &nlh);

	if (r < 0)
		return r;
	return nl_talk(nl, nlh, NULL, NULL, ret_err);
}

/**
 * route_resend() - send a route the kernel gave back, as another request
 * @nl: a route socket
 * @route: an RTM_NEWROUTE from route_dump()
 * @type: RTM_DELROUTE to delete it ("ip route flush")
 * @flags: request flags
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * Return: 0; -EMSGSIZE when it does not fit a request; -errno.
 */
int route_resend(struct mnl_socket *nl, const struct nlmsghdr *route, uint16_t type, uint16_t flags,
		 struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	size_t len = sym_mnl_nlmsg_get_payload_len(route);
	void *payload;

	if (sym_mnl_nlmsg_size(len) > NL_REQUEST_SIZE)
		return -EMSGSIZE;
	payload = nl_msg_start(buf, type, flags, len, &nlh);
	memcpy(payload, sym_mnl_nlmsg_get_payload(route), len);
	return nl_talk(nl, nlh, NULL, NULL, ret_err);
}

/* Answers to a dump are read in pages of the kernel's dump size. */
/**
 * route_dump() - the routes of one family or both
 * @nl: a route socket
 * @family: AF_INET, AF_INET6, or AF_UNSPEC for both
 * @filter: what the kernel may leave out; NULL for nothing
 * @cb: called with each RTM_NEWROUTE; the caller still filters (older kernels ignore @filter)
 * @data: for @cb
 * @ret_err: the kernel's reason on failure ("ipv4: FIB table does not exist"); may be NULL
 *
 * Return: 0, or -errno.
 */
int route_dump(struct mnl_socket *nl, int family, const struct route_dump_filter *filter,
	       mnl_cb_t cb, void *data, struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	struct rtmsg *rtm = nl_msg_start(buf, RTM_GETROUTE, NLM_F_DUMP, sizeof(*rtm), &nlh);

	rtm->rtm_family = (uint8_t)family;
	if (filter) {
		rtm->rtm_protocol = filter->protocol;
		if (filter->table)
			sym_mnl_attr_put_u32(nlh, RTA_TABLE, filter->table);
		if (filter->oif > 0)
			sym_mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)filter->oif);
	}
	return nl_talk(nl, nlh, cb, data, ret_err);
}

/**
 * route_get() - the route the kernel takes to an address ("ip route get")
 * @nl: a route socket
 * @req: the destination and what else the lookup knows
 * @cb: called with the RTM_NEWROUTE answer
 * @data: for @cb
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * Return: 0; -ENETUNREACH when there is none; -errno.
 */
int route_get(struct mnl_socket *nl, const struct route_get_req *req, mnl_cb_t cb, void *data,
	      struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	struct rtmsg *rtm = nl_msg_start(buf, RTM_GETROUTE, 0, sizeof(*rtm), &nlh);

	rtm->rtm_family = (uint8_t)req->family;
	rtm->rtm_dst_len = (uint8_t)(req->dst.bitlen > 0 ? req->dst.bitlen : 0);
	rtm->rtm_flags = req->flags;
	/* Only IPv4 knows RTM_F_LOOKUP_TABLE: answer with the table the route is in. */
	if (req->family == AF_INET)
		rtm->rtm_flags |= RTM_F_LOOKUP_TABLE;
	if (req->dst.bytelen)
		put_addr(nlh, RTA_DST, &req->dst);
	if (req->has_src) {
		rtm->rtm_src_len = (uint8_t)(req->src.bitlen > 0 ? req->src.bitlen : 0);
		if (req->src.bytelen)
			put_addr(nlh, RTA_SRC, &req->src);
	}
	if (req->iif > 0)
		sym_mnl_attr_put_u32(nlh, RTA_IIF, (uint32_t)req->iif);
	if (req->oif > 0)
		sym_mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)req->oif);
	if (req->mark)
		sym_mnl_attr_put_u32(nlh, RTA_MARK, req->mark);
	return nl_talk(nl, nlh, cb, data, ret_err);
}
