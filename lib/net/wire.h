/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * wire.h - join two network namespaces with a veth pair, addressed and up,
 * in one call that either completes or leaves nothing behind.  "nook netns
 * connect" is its command line; containers will use it for their networks.
 */
#pragma once

#include <stdbool.h>

#include "nl.h"

struct inet_prefix;

/* One end of the pair. */
struct wire_end {
	int netns_fd;			/* the namespace it goes in; -1 for the caller's */
	const char *ifname;		/* its name there */
	const struct inet_prefix *addr; /* an address for it; NULL for none */
	int master;			/* ifindex of a bridge there to join; 0 none */
	bool lo_up;			/* also bring up that namespace's loopback */
};

/* The steps of wire_veth(), for the message that names the one that failed. */
enum wire_step {
	WIRE_STEP_SOCKET,  /* open a netlink socket in the end's namespace */
	WIRE_STEP_CREATE,  /* create the veth pair */
	WIRE_STEP_FIND,	   /* find the new device in the end's namespace */
	WIRE_STEP_ADDRESS, /* add the end's address */
	WIRE_STEP_MASTER,  /* attach the end to its bridge */
	WIRE_STEP_UP,	   /* bring the end up */
	WIRE_STEP_LO,	   /* bring the namespace's loopback up */
	_WIRE_STEP_MAX,
};

struct wire_err {
	enum wire_step step;
	int end;	 /* 0 for @a, 1 for @b */
	struct error nl; /* errno and the kernel's reason */
};

const char *wire_step_name(enum wire_step step);
int wire_veth(const struct wire_end *a, const struct wire_end *b, struct wire_err *ret_err);
