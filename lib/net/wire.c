/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <net/if.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "addr.h"
#include "dlib.h"
#include "error.h"
#include "inet.h"
#include "link.h"
#include "macro.h"
#include "netns.h"
#include "nl.h"
#include "wire.h"

/* What a transaction opened, made and changed: what its undo needs. */
struct txn {
	const struct wire_request *req;
	int lock;		      /* WIRE_LOCK_PATH, locked */
	int fd[2];		      /* each side's namespace; -EBADF for the caller's */
	bool own_fd[2];		      /* opened here, closed at the end */
	bool ns_made[2];	      /* a named namespace made here */
	struct mnl_socket *nl[2];     /* a route socket in each side's namespace */
	struct mnl_socket *here;      /* one in the caller's: it makes the pair */
	int br;			      /* the bridge's ifindex; 0 while unknown */
	bool br_made;		      /* made here, or perhaps (its answer was lost) */
	bool br_raised;		      /* was down: brought up here */
	bool pair;		      /* the pair is ours, or perhaps (its answer was lost) */
	int ifindex[2];		      /* of each end; 0 while unknown */
	int lo[2];		      /* ifindex of a lo brought up here (it was down); 0 */
	char where[2][NAME_MAX + 16]; /* 'netns "red"', for messages */
};

/*
 * Put what failed in front of @e's message; keep the kernel's reason when
 * the call that returned @r filled @e (one that failed before it asked the
 * kernel left @e alone).
 */
static int failed(struct error *e, int r, const char *fmt, ...) _printf_(3, 4);
static int failed(struct error *e, int r, const char *fmt, ...)
{
	char what[ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (e->code != r)
		(void)error_set(e, r, NULL);
	return error_prefix(e, "%s", what);
}

/*
 * Whether a create that failed with @r may have been done all the same: it
 * was, unless the kernel refused it; an answer can be lost (recvmsg() failed
 * with ENOBUFS, or was interrupted) after the kernel made the device.
 */
static bool maybe_done(const struct error *e, int r)
{
	return !(e->code == r && (e->flags & ERROR_KERNEL_ANSWER));
}

struct link_query {
	unsigned flags;
	char kind[32];
};

static int query_cb(const struct nlmsghdr *nlh, void *data)
{
	struct link_query *q = data;
	const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];
	const struct ifinfomsg *ifi = sym_mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type != RTM_NEWLINK || sym_mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifi))
		return MNL_CB_OK;
	q->flags = ifi->ifi_flags;
	if (nl_parse_attrs(nlh, sizeof(*ifi), tb, IFLA_MAX) < 0 || !tb[IFLA_LINKINFO])
		return MNL_CB_OK;
	if (nl_parse_nested(tb[IFLA_LINKINFO], info, IFLA_INFO_MAX) < 0 || !info[IFLA_INFO_KIND] ||
	    sym_mnl_attr_validate(info[IFLA_INFO_KIND], MNL_TYPE_NUL_STRING) < 0)
		return MNL_CB_OK;
	(void)snprintf(q->kind, sizeof(q->kind), "%s", sym_mnl_attr_get_str(info[IFLA_INFO_KIND]));
	return MNL_CB_OK;
}

/* The ifindex, flags (IFF_UP ...) and kind ("" for none) of device @name. */
static int link_query(struct mnl_socket *nl, const char *name, int *ret_ifindex,
		      struct link_query *ret)
{
	int r;

	*ret = (struct link_query){ 0, "" };
	r = link_name_to_index(nl, name, ret_ifindex);
	if (r < 0)
		return r;
	return link_dump(nl, *ret_ifindex, query_cb, ret, NULL);
}

/**
 * wire_find_bridge() - the bridge @name of a socket's namespace
 * @nl: a route socket of that namespace
 * @name: the bridge's name
 * @ret_ifindex: its ifindex
 * @ret_up: whether it is up (IFF_UP)
 *
 * Also for a command line that wants to refuse a wrong name before a
 * transaction makes anything.
 *
 * Return: 0; -ENODEV when there is no such device; -EMEDIUMTYPE when the
 * device is no bridge; -EINVAL for a name that cannot be a device's; -errno.
 */
int wire_find_bridge(struct mnl_socket *nl, const char *name, int *ret_ifindex, bool *ret_up)
{
	struct link_query q;
	int r = link_query(nl, name, ret_ifindex, &q);

	if (r < 0)
		return r;
	if (!streq(q.kind, "bridge"))
		return -EMEDIUMTYPE;
	*ret_up = q.flags & IFF_UP;
	return 0;
}

/*
 * WIRE_LOCK_PATH, locked: one transaction at a time on the machine.  A lock
 * on a file of its own, not on NETNS_RUN_DIR, which netns_create() locks
 * for a moment itself (a second flock() of ours would wait for us) and
 * where every file is a name.
 */
static int take_lock(struct error *e)
{
	_cleanup_close_ int fd = -EBADF;

	if (mkdir(WIRE_LOCK_DIR, 0755) < 0 && errno != EEXIST)
		return error_set(e, negative_errno(), "cannot make " WIRE_LOCK_DIR);
	fd = open(WIRE_LOCK_PATH, O_RDWR | O_CREAT | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0600);
	if (fd < 0)
		return error_set(e, negative_errno(), "cannot open " WIRE_LOCK_PATH);
	while (flock(fd, LOCK_EX) < 0)
		if (errno != EINTR)
			return error_set(e, negative_errno(), "cannot lock " WIRE_LOCK_PATH);
	return TAKE_FD(fd);
}

/* Open side @i's namespace if it exists; a missing name is made later, by make_side(). */
static int open_side(struct txn *t, int i, struct error *e)
{
	const struct wire_side *s = &t->req->side[i];
	int r;

	if (!s->netns) {
		t->fd[i] = s->netns_fd;
		if (s->netns_fd < 0)
			return 0;
	} else {
		r = netns_open(s->netns);
		if (r == -ENOENT && netns_name_is_valid(s->netns))
			return 0;
		if (r < 0)
			return error_set(e, r, "cannot open network namespace \"%s\"", s->netns);
		t->fd[i] = r;
		t->own_fd[i] = true;
	}
	/* A name can be a plain file (its bind mount lost) or another type's bind mount. */
	r = netns_verify_fd(t->fd[i]);
	if (r == -EMEDIUMTYPE)
		return error_set(e, r, "%s is not a network namespace", t->where[i]);
	if (r < 0)
		return error_set(e, r, "cannot check %s", t->where[i]);
	return 0;
}

/* Make side @i's namespace if open_side() found none. */
static int make_side(struct txn *t, int i, struct error *e)
{
	const char *name = t->req->side[i].netns;
	int r;

	if (!name || t->own_fd[i])
		return 0;
	r = netns_create(name, 0, NULL, NULL, e);
	if (r < 0)
		return failed(e, r, "cannot create network namespace \"%s\"", name);
	t->ns_made[i] = true;
	r = netns_open(name);
	if (r < 0)
		return error_set(e, r, "cannot open network namespace \"%s\"", name);
	t->fd[i] = r;
	t->own_fd[i] = true;
	return 0;
}

/*
 * A bridge name that is taken by a device of another kind is refused before
 * anything is made (the bridge goes in side[1]'s namespace: one that is still
 * to be made has none).
 */
static int check_bridge(struct txn *t, struct error *e)
{
	const char *name = t->req->bridge;
	bool up;
	int r, br;

	if (!name || (t->req->side[1].netns && !t->own_fd[1]))
		return 0;
	r = nl_open_route_in(t->fd[1], &t->nl[1]);
	if (r < 0)
		return error_set(e, r, "cannot open a netlink socket %s (in %s)",
				 t->req->side[1].ifname, t->where[1]);
	r = wire_find_bridge(t->nl[1], name, &br, &up);
	if (r == -EMEDIUMTYPE)
		return error_set(e, r, "device \"%s\" is not a bridge", name);
	return 0;
}

static int open_sockets(struct txn *t, struct error *e)
{
	int r;

	for (int i = 0; i < 2; i++) {
		if (t->nl[i])
			continue;
		r = nl_open_route_in(t->fd[i], &t->nl[i]);
		if (r < 0)
			return error_set(e, r, "cannot open a netlink socket %s (in %s)",
					 t->req->side[i].ifname, t->where[i]);
	}
	r = nl_open_route(&t->here);
	if (r < 0)
		return error_set(e, r, "cannot open a netlink socket (in the current namespace)");
	return 0;
}

/* side[1]'s bridge: made (up) if missing, else brought up. */
static int make_bridge(struct txn *t, struct error *e)
{
	const char *name = t->req->bridge;
	struct mnl_socket *nl = t->nl[1];
	struct link_req req = LINK_REQ_INIT;
	bool up;
	int r;

	r = wire_find_bridge(nl, name, &t->br, &up);
	if (r == -ENODEV) {
		req.name = name;
		req.kind = "bridge";
		req.up = 1;
		t->br = 0;
		r = link_add(nl, &req, e);
		if (r < 0) {
			/* No bridge of that name was there just now, under the lock:
			 * one there after a lost answer is the one asked for here. */
			t->br_made = maybe_done(e, r);
			return failed(e, r, "cannot create bridge \"%s\"", name);
		}
		t->br_made = true;
		r = link_name_to_index(nl, name, &t->br);
		if (r < 0)
			return error_set(e, r, "cannot find bridge \"%s\"", name);
		return 0;
	}
	if (r == -EMEDIUMTYPE)
		return error_set(e, r, "device \"%s\" is not a bridge", name);
	if (r < 0)
		return error_set(e, r, "cannot find device \"%s\"", name);
	if (up)
		return 0;
	/* Set before asking: an answer that is lost may hide that it is up. */
	t->br_raised = true;
	req.up = 1;
	r = link_set(nl, t->br, &req, e);
	if (r < 0)
		return failed(e, r, "cannot bring bridge \"%s\" up", name);
	return 0;
}

/* The veth pair, each end made straight in its namespace by one request. */
static int make_pair(struct txn *t, struct error *e)
{
	const struct wire_side *s = t->req->side;
	struct link_req req = LINK_REQ_INIT;
	bool taken = false;
	int idx, r;

	/* A name that is taken now is not ours after a lost answer. */
	for (int i = 0; i < 2; i++)
		if (link_name_to_index(t->nl[i], s[i].ifname, &idx) >= 0)
			taken = true;
	req.kind = "veth";
	req.name = s[0].ifname;
	req.netns_fd = t->fd[0];
	req.peer_name = s[1].ifname;
	req.peer_netns_fd = t->fd[1];
	r = link_add(t->here, &req, e);
	if (r < 0) {
		t->pair = !taken && maybe_done(e, r);
		return failed(e, r, "cannot create the veth pair %s (in %s) - %s (in %s)",
			      s[0].ifname, t->where[0], s[1].ifname, t->where[1]);
	}
	t->pair = true;
	for (int i = 0; i < 2; i++) {
		r = link_name_to_index(t->nl[i], s[i].ifname, &t->ifindex[i]);
		if (r < 0)
			return error_set(e, r, "cannot find the device %s (in %s)", s[i].ifname,
					 t->where[i]);
	}
	return 0;
}

/* "10.0.0.1/24", as ip writes a prefix. */
static const char *prefix_text(const struct inet_prefix *p, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	(void)inet_addr_format(p->family, p->data, a, sizeof(a));
	if (p->prefixlen_set)
		(void)snprintf(buf, size, "%s/%d", a, p->bitlen);
	else
		(void)snprintf(buf, size, "%s", a);
	return buf;
}

/* End @i, in its namespace: address, bridge, up; and lo up. */
static int finish_end(struct txn *t, int i, struct error *e)
{
	const struct wire_side *s = &t->req->side[i];
	struct mnl_socket *nl = t->nl[i];
	struct link_req up = LINK_REQ_INIT;
	char text[INET6_ADDRSTRLEN + 8];
	struct link_query q;
	int r, lo;

	if (s->addr) {
		r = addr_add(nl, t->ifindex[i], s->addr, e);
		if (r < 0)
			return failed(e, r, "cannot add address %s to %s (in %s)",
				      prefix_text(s->addr, text, sizeof(text)), s->ifname,
				      t->where[i]);
	}
	if (i == 1 && t->req->bridge) {
		struct link_req m = LINK_REQ_INIT;

		m.master = t->br;
		r = link_set(nl, t->ifindex[i], &m, e);
		if (r < 0)
			return failed(e, r, "cannot attach %s to bridge \"%s\"", s->ifname,
				      t->req->bridge);
	}
	up.up = 1;
	r = link_set(nl, t->ifindex[i], &up, e);
	if (r < 0)
		return failed(e, r, "cannot bring the device up %s (in %s)", s->ifname,
			      t->where[i]);
	if (!s->lo_up)
		return 0;
	error_clear(e);
	r = link_query(nl, "lo", &lo, &q);
	if (r >= 0 && !(q.flags & IFF_UP)) {
		/* Set before asking, as for the bridge. */
		t->lo[i] = lo;
		r = link_set(nl, lo, &up, e);
	}
	if (r < 0)
		return failed(e, r, "cannot bring lo up (in %s)", t->where[i]);
	return 0;
}

/* Delete the pair: one end takes the other with it. */
static void delete_pair(struct txn *t)
{
	for (int i = 0; i < 2; i++) {
		int idx = t->ifindex[i];

		if (!t->nl[i])
			continue;
		if (idx <= 0 && link_name_to_index(t->nl[i], t->req->side[i].ifname, &idx) < 0)
			continue;
		if (link_del(t->nl[i], idx, NULL) >= 0)
			return;
	}
}

/* Undo, last first: what existed goes back to how it was, what was made goes. */
static void undo(struct txn *t)
{
	struct link_req down = LINK_REQ_INIT;
	int br = t->br;

	down.up = 0;
	for (int i = 1; i >= 0; i--)
		if (t->lo[i] > 0 && !t->ns_made[i])
			(void)link_set(t->nl[i], t->lo[i], &down, NULL);
	if (t->pair)
		delete_pair(t);
	if (t->br_made && (br > 0 || link_name_to_index(t->nl[1], t->req->bridge, &br) >= 0))
		(void)link_del(t->nl[1], br, NULL);
	else if (t->br_raised && br > 0)
		(void)link_set(t->nl[1], br, &down, NULL);
	for (int i = 1; i >= 0; i--)
		if (t->ns_made[i])
			(void)netns_delete(t->req->side[i].netns);
}

static void txn_done(struct txn *t)
{
	nl_close(t->here);
	for (int i = 0; i < 2; i++) {
		nl_close(t->nl[i]);
		if (t->own_fd[i])
			(void)safe_close(t->fd[i]);
	}
	/* Last: the lock goes with the fd. */
	(void)safe_close(t->lock);
}

static int check_request(const struct wire_request *req, struct error *e)
{
	for (int i = 0; i < 2; i++) {
		const char *n = req->side[i].ifname;

		if (!n || !*n || strlen(n) >= IFNAMSIZ)
			return error_set(e, -EINVAL, "invalid device name \"%s\"", n ? n : "");
	}
	if (req->bridge && (!*req->bridge || strlen(req->bridge) >= IFNAMSIZ))
		return error_set(e, -EINVAL, "invalid bridge name \"%s\"", req->bridge);
	return 0;
}

/**
 * wire_connect() - the connect transaction (wire.h): a veth pair between two
 *	namespaces, or a namespace and a bridge, addressed and up; all or nothing
 * @req: what to connect; see struct wire_request
 * @ret_err: on failure, the step that failed in words, naming the device and
 *	the namespace ("cannot add address fd00::2/64 to veth-red (in netns
 *	\"blue\")"), and the kernel's reason; ERROR_KERNEL_ANSWER when the
 *	kernel refused the step; may be NULL
 *
 * Waits for any other transaction to end first (WIRE_LOCK_PATH).  The
 * calling thread enters each namespace for a moment (nl_open_route_in(),
 * netns_create()) and comes back.
 *
 * Return: 0, or -errno with everything undone (wire.h says what stays):
 * -EEXIST when a name is taken, -EMEDIUMTYPE when a side is no network
 * namespace or the bridge is no bridge.
 */
int wire_connect(const struct wire_request *req, struct error *ret_err)
{
	struct txn t = {
		.req = req,
		.lock = -EBADF,
		.fd = { -EBADF, -EBADF },
	};
	struct error e = ERROR_INIT;
	int r;

	r = check_request(req, &e);
	for (int i = 0; i < 2; i++) {
		const struct wire_side *s = &req->side[i];

		if (s->netns)
			(void)snprintf(t.where[i], sizeof(t.where[i]), "netns \"%s\"", s->netns);
		else if (s->netns_fd >= 0)
			(void)snprintf(t.where[i], sizeof(t.where[i]), "the namespace of fd %d",
				       s->netns_fd);
		else
			(void)snprintf(t.where[i], sizeof(t.where[i]), "the current namespace");
	}
	if (r >= 0) {
		t.lock = take_lock(&e);
		r = t.lock;
	}
	/* What exists is opened and checked before anything is made. */
	for (int i = 0; r >= 0 && i < 2; i++)
		r = open_side(&t, i, &e);
	if (r >= 0)
		r = check_bridge(&t, &e);
	for (int i = 0; r >= 0 && i < 2; i++)
		r = make_side(&t, i, &e);
	if (r >= 0)
		r = open_sockets(&t, &e);
	if (r >= 0 && req->bridge)
		r = make_bridge(&t, &e);
	if (r >= 0)
		r = make_pair(&t, &e);
	for (int i = 0; r >= 0 && i < 2; i++)
		r = finish_end(&t, i, &e);
	if (r < 0)
		undo(&t);
	txn_done(&t);
	if (r < 0 && ret_err)
		*ret_err = e;
	return r < 0 ? r : 0;
}
