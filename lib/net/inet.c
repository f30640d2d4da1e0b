/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "inet.h"
#include "macro.h"
#include "parse-util.h"

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

/**
 * inet_addr_parse() - an address as ip(8) reads one (iproute2's get_addr_1())
 * @s: "10.0.0.1", "10.1" (10.1.0.0), "fe80::1"; "default" (prefix length 0),
 *     "any" or "all" (no address at all)
 * @family: the family wanted, or AF_UNSPEC for either
 * @ret: the address; bitlen is INET_BITLEN_HOST, or INET_BITLEN_ANY for the words,
 *	which keep @family and give bytelen 0 ("any", "all") or the family's ("default")
 *
 * Return: 0, or -EINVAL (also for an address of the other family).
 */
int inet_addr_parse(const char *s, int family, struct inet_prefix *ret)
{
	struct inet_prefix a = { .bitlen = INET_BITLEN_HOST };

	if (streq(s, "default") || streq(s, "any") || streq(s, "all")) {
		a.family = family;
		a.bitlen = INET_BITLEN_ANY;
		if (streq(s, "default")) {
			a.bytelen = (unsigned)inet_addr_len(family);
			a.prefixlen_set = true;
		}
		*ret = a;
		return 0;
	}
	if (strchr(s, ':')) {
		a.family = AF_INET6;
		if (family != AF_UNSPEC && family != AF_INET6)
			return -EINVAL;
		if (inet_pton(AF_INET6, s, a.data) <= 0)
			return -EINVAL;
	} else {
		a.family = AF_INET;
		if (family != AF_UNSPEC && family != AF_INET)
			return -EINVAL;
		if (ipv4_parse(s, a.data) < 0)
			return -EINVAL;
	}
	a.bytelen = (unsigned)inet_addr_len(a.family);
	*ret = a;
	return 0;
}

/*
 * ip's get_netmask(): a length in strtoul()'s bases within unsigned int, or an IPv4 netmask
 * "255.255.0.0" as inet_addr_parse() reads one (so "default" is 0 too, as in ip).
 */
static int netmask_parse(const char *s, unsigned *ret)
{
	struct inet_prefix m;
	uint32_t mask, host;
	uint64_t n;
	unsigned bits = 0;

	if (parse_ip_unsigned(s, UINT_MAX, &n) == 0) {
		*ret = (unsigned)n;
		return 0;
	}
	if (inet_addr_parse(s, AF_INET, &m) < 0 || m.family != AF_INET || m.bytelen != 4)
		return -EINVAL;
	mask = (uint32_t)m.data[0] << 24 | (uint32_t)m.data[1] << 16 | (uint32_t)m.data[2] << 8 |
	       m.data[3];
	host = ~mask;
	/* a netmask is ones, then zeros: its complement is 2^n - 1 */
	if (host & (host + 1))
		return -EINVAL;
	for (; mask; mask <<= 1)
		bits++;
	*ret = bits;
	return 0;
}

/**
 * inet_prefix_parse() - a prefix as ip(8) reads one (iproute2's get_prefix_1())
 * @s: "10.0.0.0/24", "10/8", "10.0.0.0/255.0.0.0", a host "10.0.0.1" (/32),
 *     "default" (/0), "any"/"all" (/0, no address)
 * @family: the family wanted, or AF_UNSPEC
 * @ret: the prefix, bitlen its length; host bits are kept, as "ip addr add 10.0.0.1/24"
 *	needs them
 *
 * Return: 0, or -EINVAL (also for a length beyond the family's, or the other family).
 */
int inet_prefix_parse(const char *s, int family, struct inet_prefix *ret)
{
	char addr[INET6_ADDRSTRLEN + 16];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	struct inet_prefix a;
	unsigned bits, plen;

	if (n >= sizeof(addr))
		return -EINVAL;
	memcpy(addr, s, n);
	addr[n] = '\0';
	if (inet_addr_parse(addr, family, &a) < 0)
		return -EINVAL;
	bits = (unsigned)inet_addr_len(a.family) * 8;
	if (slash) {
		if (a.bitlen == INET_BITLEN_ANY)
			return -EINVAL;
		if (netmask_parse(slash + 1, &plen) < 0 || plen > bits)
			return -EINVAL;
		a.prefixlen_set = true;
		bits = plen;
	} else if (a.bitlen == INET_BITLEN_ANY) {
		bits = 0;
	}
	a.bitlen = (int)bits;
	*ret = a;
	return 0;
}

/**
 * inet_addr_match() - whether two addresses share their first @bits bits
 * @a: an address, network byte order
 * @b: the other
 * @bits: how many bits to compare; 0 or less compares none
 *
 * Return: true when they do (iproute2's inet_addr_match() returning 0).
 */
bool inet_addr_match(const uint8_t *a, const uint8_t *b, int bits)
{
	int bytes;

	if (bits <= 0)
		return true;
	if (bits > 128)
		bits = 128;
	bytes = bits / 8;
	if (memcmp(a, b, (size_t)bytes) != 0)
		return false;
	if (bits % 8) {
		uint8_t mask = (uint8_t)(0xff << (8 - bits % 8));

		if ((a[bytes] ^ b[bytes]) & mask)
			return false;
	}
	return true;
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
