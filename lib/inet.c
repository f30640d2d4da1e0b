/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "inet.h"
#include "macro.h"

/**
 * inet_addr_len() - bytes in an address of @family
 * @family: AF_INET or AF_INET6
 *
 * Return: 4, 16, or 0 for any other family.
 */
size_t inet_addr_len(int family)
{
	return family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
}

/*
 * ip's get_addr_ipv4(): up to four numbers in strtoul()'s bases, as "10/8" and "10.1/16" are
 * written; the missing bytes are 0.  inet_pton() would refuse both, and "010" too.
 */
static int ipv4_parse(const char *s, uint8_t *ret)
{
	uint8_t b[4] = { 0 };

	for (int i = 0; i < 4; i++) {
		unsigned long n;
		char *end;

		errno = 0;
		n = strtoul(s, &end, 0);
		if (end == s || n > 255 || errno)
			return -EINVAL;
		b[i] = (uint8_t)n;
		if (*end == '\0')
			break;
		if (i == 3 || *end != '.')
			return -EINVAL;
		s = end + 1;
	}
	memcpy(ret, b, sizeof(b));
	return 0;
}

/* ip's get_netmask(): a length in strtoul()'s bases, or a dotted IPv4 netmask */
static int netmask_parse(const char *s, unsigned *ret)
{
	uint8_t m[4];
	uint32_t mask, host;
	unsigned long n;
	unsigned bits = 0;
	char *end;

	errno = 0;
	n = strtoul(s, &end, 0);
	if (end != s && *end == '\0' && !errno && n <= UINT32_MAX) {
		*ret = (unsigned)n;
		return 0;
	}
	if (strchr(s, ':') || ipv4_parse(s, m) < 0)
		return -EINVAL;
	mask = (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 | (uint32_t)m[2] << 8 | m[3];
	host = ~mask;
	/* a netmask is ones, then zeros */
	if (host & (host + 1))
		return -EINVAL;
	for (; mask; mask <<= 1)
		bits++;
	*ret = bits;
	return 0;
}

/**
 * inet_addr_parse() - an address without a prefix length
 * @s: "10.0.0.1" or "fe80::1"; an IPv4 address as ip reads one, so "10.1" is 10.1.0.0
 * @family: the family wanted, or AF_UNSPEC for whichever @s is
 * @ret: the address, with the full prefix length and has_prefix false
 *
 * Return: 0; -EINVAL when @s is no address, -EAFNOSUPPORT when it is one of
 * the other family.
 */
int inet_addr_parse(const char *s, int family, struct inet_prefix *ret)
{
	struct inet_prefix p = { 0 };

	if (strchr(s, ':')) {
		if (inet_pton(AF_INET6, s, p.bytes) != 1)
			return -EINVAL;
		p.family = AF_INET6;
	} else {
		if (ipv4_parse(s, p.bytes) < 0)
			return -EINVAL;
		p.family = AF_INET;
	}
	if (family != AF_UNSPEC && family != p.family)
		return -EAFNOSUPPORT;
	p.prefixlen = (unsigned)inet_addr_len(p.family) * 8;
	*ret = p;
	return 0;
}

/**
 * inet_prefix_parse() - an address with an optional prefix length
 * @s: "10.0.0.0/24", "10.0.0.0/255.255.255.0", "10.0.0.1" (a host), or
 *	"default"/"any"/"all" (0/0)
 * @family: the family wanted, or AF_UNSPEC
 * @ret: the prefix; host bits are kept, as "ip addr add 10.0.0.1/24" needs them
 *
 * Return: 0; -EINVAL on a bad address or a length beyond the family's;
 * -EAFNOSUPPORT when @s is of the other family.
 */
int inet_prefix_parse(const char *s, int family, struct inet_prefix *ret)
{
	char addr[INET6_ADDRSTRLEN + 1];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	unsigned len;
	int r;

	if (streq(s, "default") || streq(s, "any") || streq(s, "all")) {
		*ret = (struct inet_prefix){ .family = family, .has_prefix = true };
		return 0;
	}
	if (n == 0 || n >= sizeof(addr))
		return -EINVAL;
	memcpy(addr, s, n);
	addr[n] = '\0';
	r = inet_addr_parse(addr, family, ret);
	if (r < 0 || !slash)
		return r;
	if (netmask_parse(slash + 1, &len) < 0 || len > ret->prefixlen)
		return -EINVAL;
	ret->prefixlen = len;
	ret->has_prefix = true;
	return 0;
}

/**
 * inet_addr_format() - the text of an address
 * @family: AF_INET or AF_INET6
 * @bytes: the address, network byte order
 * @buf: room for INET6_ADDRSTRLEN
 * @size: of @buf
 *
 * Return: @buf; "?" in it when @family is neither.
 */
const char *inet_addr_format(int family, const void *bytes, char *buf, size_t size)
{
	if (!inet_ntop(family, bytes, buf, (socklen_t)size))
		(void)snprintf(buf, size, "?");
	return buf;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/**
 * inet_mac_parse() - a link-layer address "02:00:5e:10:00:01"
 * @s: one or two hex digits per byte, separated by ':'
 * @ret: the bytes
 * @size: room in @ret (INET_MAC_MAX is enough)
 * @ret_len: how many bytes
 *
 * Return: 0, or -EINVAL (also when longer than @size).
 */
int inet_mac_parse(const char *s, uint8_t *ret, size_t size, size_t *ret_len)
{
	size_t n = 0;

	for (;;) {
		int hi = hex_digit(s[0]), lo;

		if (hi < 0 || n >= size)
			return -EINVAL;
		lo = hex_digit(s[1]);
		if (lo >= 0) {
			ret[n++] = (uint8_t)(hi << 4 | lo);
			s += 2;
		} else {
			ret[n++] = (uint8_t)hi;
			s++;
		}
		if (*s == '\0')
			break;
		if (*s != ':')
			return -EINVAL;
		s++;
	}
	*ret_len = n;
	return 0;
}

/**
 * inet_mac_format() - "aa:bb:cc:dd:ee:ff"
 * @mac: the bytes
 * @len: how many
 * @buf: INET_MAC_STR_MAX bytes are always enough
 * @size: of @buf
 *
 * Return: @buf; cut short if @buf is.
 */
const char *inet_mac_format(const uint8_t *mac, size_t len, char *buf, size_t size)
{
	size_t off = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < len && off + (i ? 4 : 3) <= size; i++)
		off += (size_t)snprintf(buf + off, size - off, i ? ":%02x" : "%02x", mac[i]);
	return buf;
}
