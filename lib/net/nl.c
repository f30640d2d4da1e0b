/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "dlib.h"
#include "macro.h"
#include "nl.h"

/* Answers are read in the size the kernel sends dumps in (NLMSG_GOODSIZE is at most 8 KiB,
 * but a dump of links with many VFs may use up to 32 KiB). */
#define NL_RECV_SIZE 32768

/**
 * nl_open_route() - a bound NETLINK_ROUTE socket in our network namespace
 * @ret: the socket; nl_close() it
 *
 * Extended ACKs are switched on, so that failures carry the kernel's reason,
 * and capped, so that an error does not echo the whole request back; dump
 * requests are checked strictly.
 *
 * Return: 0; -EOPNOTSUPP when libmnl cannot be loaded (dlib_error()); -errno.
 */
int nl_open_route(struct mnl_socket **ret)
{
	struct mnl_socket *nl;
	int one = 1, r = dlib_load_mnl();

	if (r < 0)
		return r;
	nl = sym_mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (!nl)
		return negative_errno();
	/* All best effort: kernels before 4.12 lack NETLINK_EXT_ACK, before 4.20
	 * NETLINK_GET_STRICT_CHK, which makes the kernel check dump requests and
	 * honour their filters (a target NSID, a routing table), as iproute2 asks. */
	(void)sym_mnl_socket_setsockopt(nl, NETLINK_EXT_ACK, &one, sizeof(one));
	(void)sym_mnl_socket_setsockopt(nl, NETLINK_CAP_ACK, &one, sizeof(one));
	(void)sym_mnl_socket_setsockopt(nl, NETLINK_GET_STRICT_CHK, &one, sizeof(one));
	if (sym_mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		r = negative_errno();
		sym_mnl_socket_close(nl);
		return r;
	}
	*ret = nl;
	return 0;
}

/**
 * nl_open_route_in() - a NETLINK_ROUTE socket in another network namespace
 * @netns_fd: an open file of the namespace; negative for our own
 * @ret: the socket; nl_close() it
 *
 * The calling thread enters the namespace for the socket() call only and
 * comes back: a socket stays in the namespace it was made in.  Needs
 * CAP_SYS_ADMIN over the namespace's owner, as setns(2) does.
 *
 * Return: 0, or -errno (also when the thread could not come back: then the
 * caller must not go on in the wrong namespace).
 */
int nl_open_route_in(int netns_fd, struct mnl_socket **ret)
{
	_cleanup_close_ int self = -EBADF;
	int r, q;

	if (netns_fd < 0)
		return nl_open_route(ret);
	r = dlib_load_mnl();
	if (r < 0)
		return r;
	self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (self < 0)
		return negative_errno();
	if (setns(netns_fd, CLONE_NEWNET) < 0)
		return negative_errno();
	r = nl_open_route(ret);
	if (setns(self, CLONE_NEWNET) < 0) {
		q = negative_errno();
		if (r >= 0) {
			/* the caller's cleanup would close it a second time */
			nl_close(*ret);
			*ret = NULL;
		}
		return q;
	}
	return r;
}

void nl_close(struct mnl_socket *nl)
{
	if (nl)
		sym_mnl_socket_close(nl);
}

/**
 * nl_msg_start() - begin a request in @buf
 * @buf: NL_REQUEST_SIZE bytes, aligned (NL_BUF), zeroed
 * @type: RTM_NEWLINK, ...
 * @flags: NLM_F_CREATE, NLM_F_EXCL, NLM_F_DUMP ...; NLM_F_REQUEST is added
 * @hdrlen: size of the family header (struct ifinfomsg ...) that follows
 * @ret_nlh: the netlink header, for the attribute helpers and nl_talk()
 *
 * Return: the zeroed family header.
 */
void *nl_msg_start(char *buf, uint16_t type, uint16_t flags, size_t hdrlen,
		   struct nlmsghdr **ret_nlh)
{
	static uint32_t seq;
	struct nlmsghdr *nlh = sym_mnl_nlmsg_put_header(buf);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = seq ? ++seq : (seq = (uint32_t)time(NULL));
	*ret_nlh = nlh;
	return sym_mnl_nlmsg_put_extra_header(nlh, hdrlen);
}

struct talk {
	mnl_cb_t cb;
	void *data;
	struct error *err;
};

static int talk_data(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;

	return t->cb ? t->cb(nlh, t->data) : MNL_CB_OK;
}

static int extack_attr(const struct nlattr *a, void *data)
{
	struct error *e = data;

	/* error_set_reason() drops a final '.': callers add their own full
	 * stop, as iproute2 prints these. */
	if (sym_mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
	    sym_mnl_attr_validate(a, MNL_TYPE_NUL_STRING) >= 0)
		(void)error_set_reason(e, e->code, sym_mnl_attr_get_str(a));
	return MNL_CB_OK;
}

/* The kernel's errnos are below MAX_ERRNO (4095); anything else is a garbled answer, and
 * negating INT_MIN would overflow. */
static int answer_errno(int error)
{
	if (error < -4095 || error > 4095)
		return -EBADMSG;
	return error < 0 ? error : -error;
}

/*
 * NLMSG_ERROR: error 0 is the ACK.  Otherwise keep errno and the extended-ACK
 * message; its attributes follow the error header and, unless the kernel
 * capped the echo, the payload of our request.
 */
static int talk_error(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;
	const struct nlmsgerr *e = sym_mnl_nlmsg_get_payload(nlh);
	size_t off = sizeof(*e);

	if (nlh->nlmsg_len < sym_mnl_nlmsg_size(sizeof(*e))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (e->error == 0)
		return MNL_CB_STOP;
	(void)error_set_reason(t->err, answer_errno(e->error), NULL);
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
		if (MNL_ALIGN(off) <= sym_mnl_nlmsg_get_payload_len(nlh))
			(void)sym_mnl_attr_parse(nlh, MNL_ALIGN(off), extack_attr, t->err);
	}
	t->err->flags |= ERROR_KERNEL_ANSWER;
	errno = -t->err->code;
	return MNL_CB_ERROR;
}

/* NLMSG_DONE ends a dump; a failed dump puts its -errno there (and maybe extended ACK). */
static int talk_done(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;
	int err;

	if (sym_mnl_nlmsg_get_payload_len(nlh) < sizeof(int))
		return MNL_CB_STOP;
	memcpy(&err, sym_mnl_nlmsg_get_payload(nlh), sizeof(err));
	if (err >= 0)
		return MNL_CB_STOP;
	err = answer_errno(err);
	(void)error_set_reason(t->err, err, NULL);
	/* The extended ACK, if any, follows the error number. */
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
	    MNL_ALIGN(sizeof(int)) < sym_mnl_nlmsg_get_payload_len(nlh))
		(void)sym_mnl_attr_parse(nlh, MNL_ALIGN(sizeof(int)), extack_attr, t->err);
	t->err->flags |= ERROR_KERNEL_ANSWER;
	errno = -err;
	return MNL_CB_ERROR;
}

static int talk_noop(const struct nlmsghdr *nlh _unused_, void *data _unused_)
{
	return MNL_CB_OK;
}

/*
 * NLM_F_DUMP shares its bits with NLM_F_REPLACE and NLM_F_EXCL, which NEW
 * requests use: only a GET request (rtnetlink types go NEW, DEL, GET, SET) dumps.
 */
static bool nl_is_dump(const struct nlmsghdr *nlh)
{
	return nlh->nlmsg_type >= RTM_BASE && (nlh->nlmsg_type - RTM_BASE) % 4 == 2 &&
	       (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
}

/*
 * libmnl takes nlmsg_len as an int: a garbled length of 2 GiB or more passes its
 * mnl_nlmsg_ok() and sends it far beyond the buffer.  Only answers whose every header
 * fits go to it.
 *
 * A dump that devices changed under (NLM_F_DUMP_INTR) is still read to its end, as ip
 * reads it: libmnl would stop at the flag with EINTR and leave the rest of the dump
 * in the socket.
 */
static int answer_check(char *buf, size_t n)
{
	size_t off = 0;

	while (off + sizeof(struct nlmsghdr) <= n) {
		struct nlmsghdr *h = (struct nlmsghdr *)(void *)(buf + off);

		if (h->nlmsg_len < sizeof(*h) || h->nlmsg_len > n - off)
			return -EBADMSG;
		h->nlmsg_flags &= (uint16_t)~NLM_F_DUMP_INTR;
		off += NLMSG_ALIGN(h->nlmsg_len);
	}
	return 0;
}

/*
 * The answer to an earlier request, one the caller never read: its
 * recvmsg() failed (ENOBUFS when the socket's buffer overflowed, EINTR) after
 * the kernel had done the work.  It is skipped, as iproute2 skips answers
 * that are not to the request at hand, so that the socket can still be used
 * (to undo what that request did, say).  One datagram holds messages of one
 * answer, so the first header tells.
 */
static bool answer_is_stale(const char *buf, size_t n, uint32_t seq)
{
	const struct nlmsghdr *h = (const struct nlmsghdr *)(const void *)buf;

	return n >= sizeof(*h) && h->nlmsg_seq != seq;
}

/**
 * nl_talk() - send a request and read the kernel's answers to the end
 * @nl: from nl_open_route()
 * @req: from nl_msg_start(); NLM_F_ACK is added unless it is a dump
 * @cb: called with every answer that is not an ACK, error or end of dump; may be NULL
 * @data: for @cb
 * @ret_err: the errno and the kernel's message on failure; may be NULL
 *
 * Answers left over from an earlier request are skipped.  When the answer
 * itself is lost (a failed recvmsg()), the request may have been done all
 * the same: a caller that must not leave anything behind looks.
 *
 * Return: 0; -errno of the kernel or of @cb (MNL_CB_ERROR with errno set).
 */
int nl_talk(struct mnl_socket *nl, struct nlmsghdr *req, mnl_cb_t cb, void *data,
	    struct error *ret_err)
{
	static mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_NOOP] = talk_noop,
		[NLMSG_ERROR] = talk_error,
		[NLMSG_DONE] = talk_done,
		[NLMSG_OVERRUN] = talk_noop,
	};
	_cleanup_free_ char *buf = NULL;
	struct error dummy;
	struct talk t = { cb, data, ret_err ? ret_err : &dummy };
	uint32_t portid = sym_mnl_socket_get_portid(nl), seq = req->nlmsg_seq;
	ssize_t n;
	int r;

	error_clear(t.err);
	if (!nl_is_dump(req))
		req->nlmsg_flags |= NLM_F_ACK;
	buf = malloc(NL_RECV_SIZE);
	if (!buf)
		return error_set(t.err, -ENOMEM, NULL);
	if (sym_mnl_socket_sendto(nl, req, req->nlmsg_len) < 0)
		return error_set(t.err, negative_errno(), NULL);
	do {
		n = sym_mnl_socket_recvfrom(nl, buf, NL_RECV_SIZE);
		if (n < 0)
			return error_set(t.err, negative_errno(), NULL);
		r = answer_check(buf, (size_t)n);
		if (r < 0)
			return error_set(t.err, r, NULL);
		if (answer_is_stale(buf, (size_t)n, seq)) {
			r = 1;
			continue;
		}
		r = sym_mnl_cb_run2(buf, (size_t)n, seq, portid, talk_data, &t, ctl,
				    ELEMENTSOF(ctl));
	} while (r > 0);
	if (r < 0) {
		if (t.err->code == 0)
			(void)error_set(t.err, negative_errno(), NULL);
		return t.err->code;
	}
	return 0;
}

struct attrs {
	const struct nlattr **tb;
	unsigned max;
};

static int attr_store(const struct nlattr *a, void *data)
{
	struct attrs *at = data;
	uint16_t type = sym_mnl_attr_get_type(a);

	if (type <= at->max)
		at->tb[type] = a;
	return MNL_CB_OK;
}

/**
 * nl_parse_attrs() - index a message's attributes by type
 * @nlh: the message
 * @hdrlen: size of its family header
 * @tb: @max + 1 slots, cleared here; types above @max are skipped
 * @max: the highest type kept
 *
 * Lengths are checked by libmnl; each value's type is the caller's to check
 * (sym_mnl_attr_validate) before it reads one.
 *
 * Return: 0, or -EBADMSG on a malformed message.
 */
int nl_parse_attrs(const struct nlmsghdr *nlh, size_t hdrlen, const struct nlattr **tb,
		   unsigned max)
{
	struct attrs at = { tb, max };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	return sym_mnl_attr_parse(nlh, (unsigned)hdrlen, attr_store, &at) < 0 ? -EBADMSG : 0;
}

/**
 * nl_parse_nested() - index a nested attribute's members by type
 * @nest: the attribute
 * @tb: @max + 1 slots, cleared here
 * @max: the highest type kept
 *
 * Return: 0, or -EBADMSG.
 */
int nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb, unsigned max)
{
	struct attrs at = { tb, max };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	return sym_mnl_attr_parse_nested(nest, attr_store, &at) < 0 ? -EBADMSG : 0;
}
