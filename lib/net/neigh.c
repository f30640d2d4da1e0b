/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <limits.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>

#include "dlib.h"
#include "macro.h"
#include "neigh.h"
#include "nl.h"
#include "parse-util.h"

/**
 * neigh_build() - the RTM_NEWNEIGH or RTM_DELNEIGH for @req, without sending it
 * @buf: NL_BUF
 * @type: RTM_NEWNEIGH or RTM_DELNEIGH
 * @flags: NLM_F_CREATE | NLM_F_EXCL ("add"), NLM_F_CREATE | NLM_F_REPLACE ("replace"), ...
 * @req: the entry
 * @ret_nlh: the message
 *
 * Return: 0, or -EINVAL for an address of neither length.
 */
int neigh_build(char *buf, uint16_t type, uint16_t flags, const struct neigh_req *req,
		struct nlmsghdr **ret_nlh)
{
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;

	if (req->dst_len != 4 && req->dst_len != 16)
		return -EINVAL;
	if (req->lladdr && req->lladdr_len > 32)
		return -EINVAL;
	ndm = nl_msg_start(buf, type, flags, sizeof(*ndm), &nlh);
	ndm->ndm_family = (uint8_t)req->family;
	ndm->ndm_ifindex = req->ifindex;
	ndm->ndm_state = req->state;
	ndm->ndm_flags = req->flags;
	sym_mnl_attr_put(nlh, NDA_DST, req->dst_len, req->dst);
	if (req->lladdr)
		sym_mnl_attr_put(nlh, NDA_LLADDR, req->lladdr_len, req->lladdr);
	*ret_nlh = nlh;
	return 0;
}

/**
 * neigh_modify() - add, change or delete an entry ("ip neigh add/replace/del")
 * @nl: a route socket of the namespace
 * @type: RTM_NEWNEIGH or RTM_DELNEIGH
 * @flags: NLM_F_CREATE | NLM_F_EXCL to add; NLM_F_CREATE | NLM_F_REPLACE to
 *	   replace; NLM_F_REPLACE to change; 0 to delete
 * @req: the entry
 * @ret_err: the kernel's reason on failure ("Invalid link address"); may be NULL
 *
 * Return: 0; -EEXIST; -ENOENT when there is nothing to delete; -errno.
 */
int neigh_modify(struct mnl_socket *nl, uint16_t type, uint16_t flags, const struct neigh_req *req,
		 struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	int r = neigh_build(buf, type, flags, req, &nlh);

	if (r < 0)
		return r;
	return nl_talk(nl, nlh, NULL, NULL, ret_err);
}

/**
 * neigh_get() - one entry ("ip neigh get")
 * @nl: a route socket of the namespace
 * @req: the address, the device, and NTF_PROXY for a proxy entry; state and
 *	 lladdr must be unset
 * @cb: called with the RTM_NEWNEIGH answer
 * @data: for @cb
 * @ret_err: the kernel's reason on failure ("Neighbour entry not found"); may be NULL
 *
 * Return: 0; -ENOENT; -errno.
 */
int neigh_get(struct mnl_socket *nl, const struct neigh_req *req, mnl_cb_t cb, void *data,
	      struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	int r = neigh_build(buf, RTM_GETNEIGH, 0, req, &nlh);

	if (r < 0)
		return r;
	return nl_talk(nl, nlh, cb, data, ret_err);
}

/**
 * neigh_dump() - the neighbour entries of one family or both
 * @nl: a route socket; strict checking is switched on for it, so that the
 *	kernel honours @ifindex
 * @family: AF_INET, AF_INET6, or AF_UNSPEC
 * @ifindex: 0, or the device whose entries are wanted (NDA_IFINDEX)
 * @ndm_flags: 0, or NTF_PROXY for the proxy entries
 * @cb: called with each RTM_NEWNEIGH
 * @data: for @cb
 * @ret_err: the kernel's reason on failure; may be NULL
 *
 * Return: 0, or -errno.
 */
int neigh_dump(struct mnl_socket *nl, int family, int ifindex, uint8_t ndm_flags, mnl_cb_t cb,
	       void *data, struct error *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	struct ndmsg *ndm = nl_msg_start(buf, RTM_GETNEIGH, NLM_F_DUMP, sizeof(*ndm), &nlh);
	ndm->ndm_family = (uint8_t)family;
	ndm->ndm_flags = ndm_flags;
	if (ifindex > 0)
		sym_mnl_attr_put_u32(nlh, NDA_IFINDEX, (uint32_t)ifindex);
	return nl_talk(nl, nlh, cb, data, ret_err);
}

/**
 * neigh_state_parse() - a NUD state word, as iproute2's nud_state_a2n()
 * @s: "permanent", "reachable", "failed" or a start of them; "noarp",
 *     "none", "stale", "incomplete", "delay", "probe" in full; or a number
 *     with a single bit below 0x100 (or 0)
 * @ret: NUD_*
 *
 * Return: 0, or -EINVAL.
 */
int neigh_state_parse(const char *s, unsigned *ret)
{
	static const struct {
		const char *name;
		unsigned state;
		bool abbrev;
	} words[] = {
		{ "permanent", NUD_PERMANENT, true }, { "reachable", NUD_REACHABLE, true },
		{ "noarp", NUD_NOARP, false },	      { "none", NUD_NONE, false },
		{ "stale", NUD_STALE, false },	      { "incomplete", NUD_INCOMPLETE, false },
		{ "delay", NUD_DELAY, false },	      { "probe", NUD_PROBE, false },
		{ "failed", NUD_FAILED, true },
	};
	uint64_t v;

	for (size_t i = 0; i < ELEMENTSOF(words); i++) {
		size_t n = strlen(s);

		if (words[i].abbrev
			    ? n <= strlen(words[i].name) && strncmp(s, words[i].name, n) == 0
			    : streq(s, words[i].name)) {
			*ret = words[i].state;
			return 0;
		}
	}
	if (parse_ip_unsigned(s, 0xff, &v) < 0 || (v & (v - 1)))
		return -EINVAL;
	*ret = (unsigned)v;
	return 0;
}
