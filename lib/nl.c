/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "dlib.h"
#include "macro.h"
#include "nl.h"

/* A request fits in a page; answers are read in the size the kernel sends dumps in. */
#define NL_REQUEST_SIZE 4096
#define NL_RECV_SIZE 32768

/**
 * nl_open_route() - a bound NETLINK_ROUTE socket
 * @ret: the socket; nl_close() it
 *
 * Return: 0; -EOPNOTSUPP when libmnl cannot be loaded (dlib_error()); -errno.
 */
int nl_open_route(struct mnl_socket **ret)
{
	struct mnl_socket *nl;
	int r = dlib_load_mnl();

	if (r < 0)
		return r;
	nl = sym_mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (!nl)
		return negative_errno();
	if (sym_mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		r = negative_errno();
		sym_mnl_socket_close(nl);
		return r;
	}
	*ret = nl;
	return 0;
}

void nl_close(struct mnl_socket *nl)
{
	if (nl)
		sym_mnl_socket_close(nl);
}

/* Send one request and run @cb on every answer until the kernel's ACK, error or DONE. */
static int nl_talk(struct mnl_socket *nl, struct nlmsghdr *req, mnl_cb_t cb, void *data)
{
	_cleanup_free_ char *buf = malloc(NL_RECV_SIZE);
	uint32_t portid = sym_mnl_socket_get_portid(nl), seq = req->nlmsg_seq;
	ssize_t n;
	int r;

	if (!buf)
		return -ENOMEM;
	if (sym_mnl_socket_sendto(nl, req, req->nlmsg_len) < 0)
		return negative_errno();
	do {
		n = sym_mnl_socket_recvfrom(nl, buf, NL_RECV_SIZE);
		if (n < 0)
			return negative_errno();
		r = sym_mnl_cb_run(buf, (size_t)n, seq, portid, cb, data);
	} while (r > 0);
	return r < 0 ? negative_errno() : 0;
}

static struct nlmsghdr *nsid_request(char *buf, uint16_t flags)
{
	static uint32_t seq;
	struct nlmsghdr *nlh = sym_mnl_nlmsg_put_header(buf);
	struct rtgenmsg *g;

	nlh->nlmsg_type = RTM_GETNSID;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = seq ? ++seq : (seq = (uint32_t)time(NULL));
	g = sym_mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->rtgen_family = AF_UNSPEC;
	return nlh;
}

static int nsid_attr(const struct nlattr *a, void *data)
{
	int32_t *id = data;

	if (sym_mnl_attr_get_type(a) == NETNSA_NSID && sym_mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
		*id = (int32_t)sym_mnl_attr_get_u32(a);
	return MNL_CB_OK;
}

static int nsid_cb(const struct nlmsghdr *nlh, void *data)
{
	if (nlh->nlmsg_type != RTM_NEWNSID)
		return MNL_CB_OK;
	return sym_mnl_attr_parse(nlh, sizeof(struct rtgenmsg), nsid_attr, data);
}

/**
 * nl_netns_get_id() - the NSID that our network namespace gives another
 * @nl: from nl_open_route()
 * @nsfd: an open file of the other namespace
 * @ret_id: the NSID, or NL_NSID_NONE when it has none
 *
 * Return: 0, or -errno.
 */
int nl_netns_get_id(struct mnl_socket *nl, int nsfd, int *ret_id)
{
	char buf[NL_REQUEST_SIZE] __attribute__((aligned(8))) = { 0 };
	struct nlmsghdr *nlh = nsid_request(buf, NLM_F_ACK);
	int32_t id = NL_NSID_NONE;
	int r;

	sym_mnl_attr_put_u32(nlh, NETNSA_FD, (uint32_t)nsfd);
	r = nl_talk(nl, nlh, nsid_cb, &id);
	if (r < 0)
		return r;
	*ret_id = id < 0 ? NL_NSID_NONE : id;
	return 0;
}

static int count_cb(const struct nlmsghdr *nlh, void *data)
{
	unsigned *n = data;

	if (nlh->nlmsg_type == RTM_NEWNSID)
		(*n)++;
	return MNL_CB_OK;
}

/**
 * nl_netns_count_ids() - how many NSIDs our network namespace has given out
 * @nl: from nl_open_route()
 * @ret: the number; 0 means every other namespace is unassigned, so that a
 *	listing of thousands need not ask about each
 *
 * Return: 0, or -errno.
 */
int nl_netns_count_ids(struct mnl_socket *nl, unsigned *ret)
{
	char buf[NL_REQUEST_SIZE] __attribute__((aligned(8))) = { 0 };
	struct nlmsghdr *nlh = nsid_request(buf, NLM_F_DUMP);

	*ret = 0;
	return nl_talk(nl, nlh, count_cb, ret);
}
