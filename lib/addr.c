/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "dlib.h"
#include "inet.h"
#include "macro.h"
#include "nl.h"

/* 127.0.0.0/8 and ::1 get host scope, as "ip addr add" gives them. */
static unsigned char default_scope(const struct inet_prefix *p)
{
	static const uint8_t loopback6[16] = { [15] = 1 };

	if (p->family == AF_INET && p->bytes[0] == 127)
		return RT_SCOPE_HOST;
	if (p->family == AF_INET6 && memcmp(p->bytes, loopback6, 16) == 0)
		return RT_SCOPE_HOST;
	return RT_SCOPE_UNIVERSE;
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
int addr_add(struct mnl_socket *nl, int ifindex, const struct inet_prefix *p,
	     struct nl_err *ret_err)
{
	NL_BUF(buf);
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	size_t len = inet_addr_len(p->family);

	if (len == 0)
		return -EAFNOSUPPORT;
	ifa = nl_msg_start(buf, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, sizeof(*ifa), &nlh);
	ifa->ifa_family = (unsigned char)p->family;
	ifa->ifa_prefixlen = (unsigned char)p->prefixlen;
	ifa->ifa_scope = default_scope(p);
	ifa->ifa_index = (unsigned)ifindex;
	sym_mnl_attr_put(nlh, IFA_LOCAL, len, p->bytes);
	sym_mnl_attr_put(nlh, IFA_ADDRESS, len, p->bytes);
	return nl_talk(nl, nlh, NULL, NULL, ret_err);
}
