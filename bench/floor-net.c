/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * floor-net.c - the cheapest possible "nook netns connect" and "ip link show",
 * for benchmarks.
 *
 *   setup NS1 NS2 IF1 IF2 CIDR1 CIDR2
 *	what "nook netns connect NS1 NS2 --addr CIDR1 CIDR2" (or nine ip
 *	commands) do when neither namespace exists: create /run/netns/NS1 and
 *	NS2, each a new network namespace bound there; one veth pair, IF1 in
 *	NS1 and IF2 in NS2; CIDR1 on IF1 and CIDR2 on IF2; both ends and both
 *	loopbacks up.
 *   links NS
 *	what "ip -n NS link show" needs at least: enter NS, one RTM_GETLINK
 *	dump, and per device a line "INDEX: NAME: <FLAGS> mtu MTU" (flags in
 *	hex) on stdout.
 *
 * Raw netlink, no libmnl, no option parsing beyond the positions, no stdio.
 * The setup is what is needed and nothing more: the files are created with
 * O_EXCL, with no mkdir, lock or shared mount of /run/netns (bench/net.sh
 * makes sure that exists); each namespace is made by unshare(2) in this
 * process, which opens its netlink socket while it is in there, so no setns(2)
 * is needed; the pair is one RTM_NEWLINK with IFLA_NET_NS_FD for both ends;
 * then per namespace one RTM_GETLINK for the index of the end (lo is always
 * index 1) and one sendmsg of three requests (RTM_NEWADDR, RTM_NEWLINK up for
 * the end and for lo), of which only the last asks for an ACK: the kernel
 * answers a failed request with an error whether or not it was asked to.
 * Nothing is undone on failure: bench/net.sh deletes the namespaces.
 *
 * It is linked like nook (dynamic glibc, PIE, -z now), so that the difference
 * that is left is what nook does, not how it is linked.
 */
/* Meson passes -D_GNU_SOURCE; a plain "cc floor-net.c" needs it here. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

/* Error paths only: write(2) keeps stdio out of the binary. */
static void put(const char *s)
{
	(void)!write(STDERR_FILENO, s, strlen(s));
}

static int fail_errno(const char *what, int err)
{
	put("floor-net: ");
	put(what);
	put(": ");
	put(strerror(err));
	put("\n");
	return EXIT_FAILURE;
}

static int fail(const char *what)
{
	return fail_errno(what, errno);
}

/* ---- building requests ------------------------------------------------------------ */

struct msg {
	char *buf;     /* where the current message starts */
	size_t len;    /* bytes used from buf */
	size_t size;   /* bytes available from buf */
	uint32_t seq;  /* of the last message begun */
	bool overflow; /* ran out of room: the request is not sent */
};

static void *put_bytes(struct msg *m, size_t n)
{
	void *p;

	if (m->len + NLMSG_ALIGN(n) > m->size) {
		m->overflow = true;
		return NULL;
	}
	p = m->buf + m->len;
	memset(p, 0, NLMSG_ALIGN(n));
	m->len += NLMSG_ALIGN(n);
	return p;
}

/* Begin a message at the end of what is in @m; the header's length is set at the end. */
static struct nlmsghdr *msg_begin(struct msg *m, uint16_t type, uint16_t flags, const void *fixed,
				  size_t fixed_len)
{
	struct nlmsghdr *h = put_bytes(m, NLMSG_HDRLEN);
	void *p;

	if (!h)
		return NULL;
	h->nlmsg_type = type;
	h->nlmsg_flags = NLM_F_REQUEST | flags;
	h->nlmsg_seq = ++m->seq;
	p = put_bytes(m, fixed_len);
	if (p)
		memcpy(p, fixed, fixed_len);
	return h;
}

static void msg_end(struct msg *m, struct nlmsghdr *h)
{
	if (h)
		h->nlmsg_len = (uint32_t)(m->buf + m->len - (char *)h);
}

static struct nlattr *attr(struct msg *m, uint16_t type, const void *data, size_t n)
{
	struct nlattr *a = put_bytes(m, NLA_HDRLEN + n);

	if (!a)
		return NULL;
	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + n);
	if (n)
		memcpy((char *)a + NLA_HDRLEN, data, n);
	return a;
}

static void attr_u32(struct msg *m, uint16_t type, uint32_t v)
{
	attr(m, type, &v, sizeof(v));
}

static void attr_str(struct msg *m, uint16_t type, const char *s)
{
	attr(m, type, s, strlen(s) + 1);
}

static struct nlattr *nest_begin(struct msg *m, uint16_t type)
{
	return attr(m, type, NULL, 0);
}

static void nest_end(struct msg *m, struct nlattr *a)
{
	if (a)
		a->nla_len = (uint16_t)(m->buf + m->len - (char *)a);
}

/* ---- talking to the kernel --------------------------------------------------------- */

static int nl_socket(void)
{
	return socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
}

static int send_msg(int fd, const struct msg *m)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	if (m->overflow) {
		errno = EMSGSIZE;
		return -1;
	}
	return sendto(fd, m->buf, m->len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0 ? -1 : 0;
}

static uint32_t rbuf[32768 / sizeof(uint32_t)];

/* Read answers until the ACK (or error) of message @seq; an error for any message
 * fails.  With @ret_ifindex, the index of the first RTM_NEWLINK is stored there. */
static int wait_ack(int fd, uint32_t seq, int *ret_ifindex)
{
	for (;;) {
		ssize_t n = recv(fd, rbuf, sizeof(rbuf), 0);
		struct nlmsghdr *h;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				if (e->error)
					return e->error;
				if (h->nlmsg_seq == seq)
					return 0;
			} else if (h->nlmsg_type == RTM_NEWLINK && ret_ifindex) {
				const struct ifinfomsg *ifi = NLMSG_DATA(h);

				*ret_ifindex = ifi->ifi_index;
				if (h->nlmsg_seq == seq)
					return 0; /* a GETLINK of one device: no ACK follows */
			}
		}
	}
}

/* ---- setup ------------------------------------------------------------------------- */

struct side {
	const char *ns, *ifname;
	struct in_addr addr;
	unsigned char prefixlen;
	int nsfd, nl, ifindex;
};

/* "A.B.C.D/N" without strtol. */
static int parse_cidr(const char *s, struct side *sd)
{
	char ip[INET_ADDRSTRLEN];
	const char *slash = strchr(s, '/');
	unsigned v = 0;

	if (!slash || (size_t)(slash - s) >= sizeof(ip) || !slash[1])
		return -1;
	memcpy(ip, s, (size_t)(slash - s));
	ip[slash - s] = '\0';
	for (s = slash + 1; *s; s++) {
		if (*s < '0' || *s > '9' || (v = v * 10 + (unsigned)(*s - '0')) > 32)
			return -1;
	}
	sd->prefixlen = (unsigned char)v;
	return inet_pton(AF_INET, ip, &sd->addr) == 1 ? 0 : -1;
}

/* A new network namespace bound at /run/netns/NS; we stay in it and open its socket. */
static int make_ns(struct side *sd)
{
	char path[300] = "/run/netns/";
	int fd;

	if (strlen(sd->ns) > 255 || strchr(sd->ns, '/'))
		return fail_errno(sd->ns, EINVAL);
	strcat(path, sd->ns);
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (fd < 0)
		return fail(path);
	close(fd);
	if (unshare(CLONE_NEWNET) < 0)
		return fail("unshare");
	if (mount("/proc/self/ns/net", path, "none", MS_BIND, NULL) < 0)
		return fail("mount");
	sd->nsfd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (sd->nsfd < 0)
		return fail("/proc/self/ns/net");
	sd->nl = nl_socket();
	if (sd->nl < 0)
		return fail("socket");
	return 0;
}

static uint32_t wbuf[4096 / sizeof(uint32_t)];

static int make_pair(struct side s[2])
{
	struct msg m = { .buf = (char *)wbuf, .size = sizeof(wbuf) };
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nlmsghdr *h;
	struct nlattr *info, *data, *peer;
	int r;

	h = msg_begin(&m, RTM_NEWLINK, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, &ifi, sizeof(ifi));
	attr_str(&m, IFLA_IFNAME, s[0].ifname);
	attr_u32(&m, IFLA_NET_NS_FD, (uint32_t)s[0].nsfd);
	info = nest_begin(&m, IFLA_LINKINFO);
	attr_str(&m, IFLA_INFO_KIND, "veth");
	data = nest_begin(&m, IFLA_INFO_DATA);
	peer = attr(&m, VETH_INFO_PEER, &ifi, sizeof(ifi));
	attr_str(&m, IFLA_IFNAME, s[1].ifname);
	attr_u32(&m, IFLA_NET_NS_FD, (uint32_t)s[1].nsfd);
	nest_end(&m, peer);
	nest_end(&m, data);
	nest_end(&m, info);
	msg_end(&m, h);
	if (send_msg(s[0].nl, &m) < 0)
		return fail("send RTM_NEWLINK veth");
	r = wait_ack(s[0].nl, m.seq, NULL);
	return r < 0 ? fail_errno("create the veth pair", -r) : 0;
}

static void link_up(struct msg *m, int ifindex, uint16_t flags)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = ifindex,
		.ifi_flags = IFF_UP,
		.ifi_change = IFF_UP,
	};

	msg_end(m, msg_begin(m, RTM_NEWLINK, flags, &ifi, sizeof(ifi)));
}

/* The end's index, then its address, it and lo up, in one sendmsg. */
static int finish_side(struct side *sd)
{
	struct msg m = { .buf = (char *)wbuf, .size = sizeof(wbuf) };
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct ifaddrmsg ifa = { .ifa_family = AF_INET, .ifa_scope = RT_SCOPE_UNIVERSE };
	struct nlmsghdr *h;
	int r;

	h = msg_begin(&m, RTM_GETLINK, 0, &ifi, sizeof(ifi));
	attr_str(&m, IFLA_IFNAME, sd->ifname);
	attr_u32(&m, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	msg_end(&m, h);
	if (send_msg(sd->nl, &m) < 0)
		return fail("send RTM_GETLINK");
	r = wait_ack(sd->nl, m.seq, &sd->ifindex);
	if (r < 0)
		return fail_errno(sd->ifname, -r);

	m.len = 0;
	ifa.ifa_prefixlen = sd->prefixlen;
	ifa.ifa_index = (uint32_t)sd->ifindex;
	h = msg_begin(&m, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &ifa, sizeof(ifa));
	attr(&m, IFA_LOCAL, &sd->addr, sizeof(sd->addr));
	attr(&m, IFA_ADDRESS, &sd->addr, sizeof(sd->addr));
	msg_end(&m, h);
	link_up(&m, sd->ifindex, 0);
	link_up(&m, 1, NLM_F_ACK); /* lo: LOOPBACK_IFINDEX in every namespace */
	if (send_msg(sd->nl, &m) < 0)
		return fail("send RTM_NEWADDR, RTM_NEWLINK");
	r = wait_ack(sd->nl, m.seq, NULL);
	return r < 0 ? fail_errno("address, up", -r) : 0;
}

static int mode_setup(char *argv[])
{
	struct side s[2] = {
		{ .ns = argv[0], .ifname = argv[2] },
		{ .ns = argv[1], .ifname = argv[3] },
	};

	for (int i = 0; i < 2; i++)
		if (parse_cidr(argv[4 + i], &s[i]) < 0)
			return fail_errno(argv[4 + i], EINVAL);
	for (int i = 0; i < 2; i++)
		if (make_ns(&s[i]))
			return EXIT_FAILURE;
	if (make_pair(s))
		return EXIT_FAILURE;
	for (int i = 0; i < 2; i++)
		if (finish_side(&s[i]))
			return EXIT_FAILURE;
	return 0;
}

/* ---- links ------------------------------------------------------------------------- */

static char out[65536];
static size_t out_len;

static int flush(void)
{
	size_t off = 0;

	while (off < out_len) {
		ssize_t n = write(STDOUT_FILENO, out + off, out_len - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		off += (size_t)n;
	}
	out_len = 0;
	return 0;
}

static void out_str(const char *s)
{
	size_t n = strlen(s);

	memcpy(out + out_len, s, n);
	out_len += n;
}

static void out_uint(unsigned long v, int base)
{
	char tmp[24], *p = tmp + sizeof(tmp);

	do
		*--p = "0123456789abcdef"[v % (unsigned)base];
	while (v /= (unsigned)base);
	memcpy(out + out_len, p, (size_t)(tmp + sizeof(tmp) - p));
	out_len += (size_t)(tmp + sizeof(tmp) - p);
}

static void print_link(const struct nlmsghdr *h)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(h);
	const struct rtattr *a = IFLA_RTA(ifi);
	int len = (int)IFLA_PAYLOAD(h);
	const char *name = "?";
	uint32_t mtu = 0;

	for (; RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == IFLA_IFNAME)
			name = RTA_DATA(a);
		else if (a->rta_type == IFLA_MTU && RTA_PAYLOAD(a) >= sizeof(mtu))
			memcpy(&mtu, RTA_DATA(a), sizeof(mtu));
	}
	if (out_len + IFNAMSIZ + 64 > sizeof(out))
		(void)flush();
	out_uint((unsigned)ifi->ifi_index, 10);
	out_str(": ");
	out_str(name);
	out_str(": <");
	out_uint(ifi->ifi_flags, 16);
	out_str("> mtu ");
	out_uint(mtu, 10);
	out_str("\n");
}

static int mode_links(const char *ns)
{
	struct msg m = { .buf = (char *)wbuf, .size = sizeof(wbuf) };
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nlmsghdr *h;
	char path[300] = "/run/netns/";
	int fd, nl;

	if (strlen(ns) > 255 || strchr(ns, '/'))
		return fail_errno(ns, EINVAL);
	strcat(path, ns);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(path);
	if (setns(fd, CLONE_NEWNET) < 0)
		return fail("setns");
	close(fd);
	nl = nl_socket();
	if (nl < 0)
		return fail("socket");

	h = msg_begin(&m, RTM_GETLINK, NLM_F_DUMP, &ifi, sizeof(ifi));
	attr_u32(&m, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	msg_end(&m, h);
	if (send_msg(nl, &m) < 0)
		return fail("send RTM_GETLINK");
	for (;;) {
		ssize_t n = recv(nl, rbuf, sizeof(rbuf), 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return fail("recv");
		}
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE)
				return flush() < 0 ? fail("write") : 0;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				return fail_errno("RTM_GETLINK", -e->error);
			}
			if (h->nlmsg_type == RTM_NEWLINK)
				print_link(h);
		}
	}
}

int main(int argc, char *argv[])
{
	if (argc == 8 && strcmp(argv[1], "setup") == 0)
		return mode_setup(argv + 2);
	if (argc == 3 && strcmp(argv[1], "links") == 0)
		return mode_links(argv[2]);
	put("usage: floor-net setup NS1 NS2 IF1 IF2 CIDR1 CIDR2\n"
	    "       floor-net links NS\n");
	return 2;
}
