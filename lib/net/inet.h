/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * inet.h - addresses as the ip(8) command line writes them: "10.0.0.1/24",
 * "fe80::1", "default", and link-layer addresses "02:00:00:00:00:01".
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* inet_prefix.bitlen of "default", "any" and "all" from inet_addr_parse() */
#define INET_BITLEN_ANY (-2)
/* inet_prefix.bitlen of a bare address from inet_addr_parse() */
#define INET_BITLEN_HOST (-1)

/* An address or prefix as ip(8) reads one (iproute2's inet_prefix). */
struct inet_prefix {
	int family;	    /* AF_INET, AF_INET6; the words keep the family asked for */
	uint8_t data[16];   /* network byte order */
	unsigned bytelen;   /* bytes of data that count: 4, 16; 0 for "any"/"all" */
	int bitlen;	    /* prefix length, or INET_BITLEN_* */
	bool prefixlen_set; /* "/N" was given, or the word was "default" */
};

/* Longest link-layer address nook accepts (MAX_ADDR_LEN). */
#define INET_MAC_MAX 32
/* "xx:" per byte, and a NUL: the text of the longest link-layer address. */
#define INET_MAC_STR_MAX (3 * INET_MAC_MAX)

size_t inet_addr_len(int family);
int inet_addr_parse(const char *s, int family, struct inet_prefix *ret);
int inet_prefix_parse(const char *s, int family, struct inet_prefix *ret);
bool inet_addr_match(const uint8_t *a, const uint8_t *b, int bits);
const char *inet_addr_format(int family, const void *bytes, char *buf, size_t size);
int inet_mac_parse(const char *s, uint8_t *ret, size_t size, size_t *ret_len);
const char *inet_mac_format(const uint8_t *mac, size_t len, char *buf, size_t size);
