/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * wire.h - join two network namespaces with a veth pair, addressed and up,
 * or one namespace to a bridge, in one transaction that either completes or
 * leaves things as they were.  "nook netns connect" is its command line;
 * container networks will be its second caller.
 *
 * What a transaction does, in order:
 *  1. take WIRE_LOCK_PATH, so that two transactions never interleave: one
 *     that fails cannot undo what the other made or found (a namespace or
 *     bridge the first made and the second started to use);
 *  2. open each side's namespace, making a named one that does not exist;
 *  3. make the bridge of side[1] (up) if missing, or bring it up;
 *  4. make the veth pair by one RTM_NEWLINK that puts each end straight into
 *     its namespace (no device ever shows in the caller's namespace);
 *  5. in each namespace: the end's address, side[1]'s end on the bridge,
 *     the end up, and lo up if asked.
 * If a step fails, everything is undone, last first: lo and the bridge go
 * down again if they were down; the pair, a bridge it made and namespaces
 * it made are deleted.  When the kernel's answer to a create is lost (the
 * request may have been done all the same), the names are looked up and
 * deleted: NLM_F_EXCL and a look before, under the lock, show they are ours.
 * What is not undone: the NSIDs the kernel gives each namespace of a pair in
 * the other, and the first-time set-up of NETNS_RUN_DIR (netns_create()).
 *
 * A container network will be one call by the engine, in its own
 * namespace, once the container's init exists:
 *
 *	_cleanup_close_ int fd = ns_open(pid, NS_NET, false);
 *	struct wire_request req = WIRE_REQUEST_INIT;
 *
 *	req.side[0].netns_fd = fd;		the container's namespace, by fd
 *	req.side[0].ifname = "eth0";
 *	req.side[0].addr = &leased;		its address (struct inet_prefix)
 *	req.side[0].lo_up = true;
 *	req.side[1].ifname = "nk-0a1b2c3d";	the host's end (-EBADF: our namespace)
 *	req.bridge = "nook0";			made on first use
 *	r = wire_connect(&req, &err);
 *	if (r < 0)
 *		return error_prefix(&err, "network of container %s", id);
 *
 * The bridge's own address and the container's default route are not the
 * transaction's (addr_add(), route_add()); an MTU for both ends will be a
 * field of struct wire_request when a caller needs one.
 */
#pragma once

#include <errno.h>
#include <stdbool.h>

struct error;
struct inet_prefix;
struct mnl_socket;

/* Held (flock, exclusive) for the whole of a transaction; made if missing. */
#define WIRE_LOCK_DIR "/run/nook"
#define WIRE_LOCK_PATH WIRE_LOCK_DIR "/wire.lock"

/* One side: a network namespace and the end of the pair that goes in it. */
struct wire_side {
	/* A name as netns_open() reads it (a name in NETNS_RUN_DIR, or a PID);
	 * a valid name that does not exist is made, as "ip netns add" would,
	 * and deleted again if the transaction fails.  NULL: @netns_fd. */
	const char *netns;
	/* When @netns is NULL: an open network namespace file (the caller's to
	 * close), or -EBADF for the caller's own namespace. */
	int netns_fd;
	const char *ifname;		/* the end's name there (IFNAMSIZ - 1 at most) */
	const struct inet_prefix *addr; /* an address for the end; NULL for none */
	bool lo_up;			/* also bring that namespace's lo up */
};

struct wire_request {
	struct wire_side side[2];
	/* side[1]'s end joins this bridge of side[1]'s namespace, made (up) if
	 * there is none; NULL for a plain pair. */
	const char *bridge;
};

#define WIRE_REQUEST_INIT                                                   \
	{                                                                   \
		.side = { { .netns_fd = -EBADF }, { .netns_fd = -EBADF } }, \
	}

int wire_connect(const struct wire_request *req, struct error *ret_err);
int wire_find_bridge(struct mnl_socket *nl, const char *name, int *ret_ifindex, bool *ret_up);
