/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "dlib.h"
#include "inet.h"
#include "macro.h"
#include "msgs.h"
#include "nl.h"

/* 127.0.0.0/8 gets host scope, as "ip addr add" gives it; the kernel picks IPv6 scopes itself. */
static unsigned char default_scope(int family, const uint8_t *local)
{
	if (family == AF_INET && local && local[0] == 127)
		return RT_SCOPE_HOST;
	return RT_SCOPE_UNIVERSE;
}

/**
 * addr_build() - the RTM_NEWADDR or RTM_DELADDR for @req, without sending it
 * @buf: NL_BUF
 * @type: RTM_NEWADDR or RTM_DELADDR
 * @flags: NLM_F_CREATE | NLM_F_EXCL to add; 0 to delete
 * @req: the address
 * @ret_nlh: the message
 *
 * The attributes go in the order "ip addr" puts them: IFA_LOCAL, IFA_ADDRESS,
 * IFA_BROADCAST, IFA_LABEL, IFA_FLAGS.
 *
 * Return: 0; -EAFNOSUPPORT for a family other than IPv4 or IPv6; -EMSGSIZE for a
 * label that would not fit in the request (the kernel takes IFNAMSIZ - 1 bytes and
 * says so itself for a label a little longer).
 */
int addr_build(char *buf, uint16_t type, uint16_t flags, const struct addr_req *req,
	       struct nlmsghdr **ret_nlh)
{
	size_t len = inet_addr_len(req->family);
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;

	if (len == 0)
		return -EAFNOSUPPORT;
	if (req->label && strlen(req->label) >= 256)
		return -EMSGSIZE;
	ifa = nl_msg_start(buf, type, flags, sizeof(*ifa), &nlh);
	ifa->ifa_family = (unsigned char)req->family;
	ifa->ifa_prefixlen = (unsigned char)req->prefixlen;
	ifa->ifa_index = (unsigned)req->ifindex;
	if (req->scope >= 0)
		ifa->ifa_scope = (unsigned char)req->scope;
	else if (type != RTM_DELADDR)
		ifa->ifa_scope = default_scope(req->family, req->has_local ? req->local : NULL);
	if (req->flags <= 0xff)
		ifa->ifa_flags = (unsigned char)req->flags;
	if (req->has_local)
		sym_mnl_attr_put(nlh, IFA_LOCAL, len, req->local);
	if (req->has_address)
		sym_mnl_attr_put(nlh, IFA_ADDRESS, len, req->address);
	if (req->has_broadcast && req->family == AF_INET)
		sym_mnl_attr_put(nlh, IFA_BROADCAST, 4, req->broadcast);
	if (req->label)
		sym_mnl_attr_put_strz(nlh, IFA_LABEL, req->label);
	if (req->flags > 0xff)
		sym_mnl_attr_put_u32(nlh, IFA_FLAGS, req->flags);
	*ret_nlh = nlh;
	return 0;
}

/**
 * addr_modify() - send an address request ("ip addr add|del")
 * @nl: a route socket of the device's namespace
 * @type: RTM_NEWADDR or RTM_DELADDR
 * @flags: NLM_F_CREATE | NLM_F_EXCL to add; 0 to delete
 * @req: the address
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * Return: 0; -EEXIST when the device has it; -EADDRNOTAVAIL when it has not
 * (to delete); -errno.
 */
int addr_modify(struct mnl_socket *nl, uint16_t type, uint16_t flags, const struct addr_req *req,
		struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	int r = addr_build(buf, type, flags, req, &nlh);

	if (r < 0)
		return r;
	return nl_talk(nl, nlh, NULL, NULL, ret_err);
}

/**
 * addr_add() - give a device an address ("ip addr add 10.0.0.1/24 dev X")
 * @nl: a route socket of the device's namespace
 * @ifindex: the device
 * @p: the address and prefix length (a host address without "/N" is /32 or /128)
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * The kernel adds the prefix route of a device that is up, or once it comes up.
 *
 * Return: 0; -EEXIST when the device has it; -errno.
 */
int addr_add(struct mnl_socket *nl, int ifindex, const struct inet_prefix *p, struct error *ret_err)
{
	struct addr_req req = ADDR_REQ_INIT;
	size_t len = inet_addr_len(p->family);

	if (len == 0)
		return -EAFNOSUPPORT;
	req.family = p->family;
	req.ifindex = ifindex;
	req.prefixlen = (unsigned)p->bitlen;
	req.has_local = req.has_address = true;
	memcpy(req.local, p->data, len);
	memcpy(req.address, p->data, len);
	return addr_modify(nl, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &req, ret_err);
}

/**
 * addr_del() - take an address from a device ("ip addr del")
 * @nl: a route socket of the device's namespace
 * @req: the address; without IFA_ADDRESS an IPv4 request deletes the first
 *	address that matches what it does say (ip's "wildcard deletion")
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * Return: 0; -EADDRNOTAVAIL when the device has no such address; -errno.
 */
int addr_del(struct mnl_socket *nl, const struct addr_req *req, struct error *ret_err)
{
	return addr_modify(nl, RTM_DELADDR, 0, req, ret_err);
}

/**
 * addr_dump() - every address of the socket's namespace
 * @nl: a route socket
 * @family: AF_INET, AF_INET6, or AF_UNSPEC for both
 * @cb: called with each RTM_NEWADDR message
 * @data: for @cb
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * Return: 0, or -errno.
 */
int addr_dump(struct mnl_socket *nl, int family, mnl_cb_t cb, void *data, struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa = nl_msg_start(buf, RTM_GETADDR, NLM_F_DUMP, sizeof(*ifa), &nlh);

	ifa->ifa_family = (unsigned char)family;
	return nl_talk(nl, nlh, cb, data, ret_err);
}

struct flush {
	int family;
	int ifindex;
	struct nl_msgs msgs; /* the addresses to delete */
};

static int flush_cb(const struct nlmsghdr *nlh, void *data)
{
	struct flush *f = data;
	const struct ifaddrmsg *ifa = sym_mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type != RTM_NEWADDR || sym_mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifa))
		return MNL_CB_OK;
	if ((f->ifindex && (int)ifa->ifa_index != f->ifindex) ||
	    (f->family != AF_UNSPEC && ifa->ifa_family != f->family))
		return MNL_CB_OK;
	/* it goes back as a request, which must fit one */
	if (nlh->nlmsg_len > NL_REQUEST_SIZE)
		return MNL_CB_OK;
	if (nl_msgs_push(&f->msgs, nlh) < 0) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

/**
 * addr_flush_round() - delete every address of a device once ("ip addr flush dev X")
 * @nl: a route socket of the device's namespace
 * @family: AF_INET, AF_INET6, or AF_UNSPEC for both
 * @ifindex: the device; 0 for every device
 * @ret_deleted: how many addresses this round found to delete
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * Each address of the dump goes back to the kernel as an RTM_DELADDR, as ip
 * sends them.  Deleting a primary IPv4 address may delete or promote its
 * secondaries, so an address can be gone before its turn: -EADDRNOTAVAIL is
 * not a failure here.  Callers repeat the round until it finds nothing, as
 * ip does.
 *
 * Return: 0, or -errno.
 */
int addr_flush_round(struct mnl_socket *nl, int family, int ifindex, unsigned *ret_deleted,
		     struct error *ret_err)
{
	struct flush f = { .family = family, .ifindex = ifindex };
	int r;

	*ret_deleted = 0;
	r = addr_dump(nl, family, flush_cb, &f, ret_err);
	for (size_t i = 0; r >= 0 && i < f.msgs.n; i++) {
		struct nlmsghdr *nlh = f.msgs.v[i];
		int q;

		nlh->nlmsg_type = RTM_DELADDR;
		nlh->nlmsg_flags = NLM_F_REQUEST;
		q = nl_talk(nl, nlh, NULL, NULL, ret_err);
		if (q < 0 && q != -EADDRNOTAVAIL)
			r = q;
		else
			(*ret_deleted)++;
	}
	nl_msgs_free(&f.msgs);
	return r;
}
