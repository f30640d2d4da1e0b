/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <string.h>

#include "addr.h"
#include "inet.h"
#include "link.h"
#include "macro.h"
#include "nl.h"
#include "wire.h"

static const char *const step_names[_WIRE_STEP_MAX] = {
	[WIRE_STEP_SOCKET] = "open a netlink socket",
	[WIRE_STEP_CREATE] = "create the veth pair",
	[WIRE_STEP_FIND] = "find the device",
	[WIRE_STEP_ADDRESS] = "add the address",
	[WIRE_STEP_MASTER] = "attach to the bridge",
	[WIRE_STEP_UP] = "bring the device up",
	[WIRE_STEP_LO] = "bring lo up",
};

/**
 * wire_step_name() - what a step does, for messages
 * @step: from struct wire_err
 *
 * Return: "create the veth pair", ...; "?" for no step.
 */
const char *wire_step_name(enum wire_step step)
{
	return step >= 0 && step < _WIRE_STEP_MAX ? step_names[step] : "?";
}

/* Record a failure of @step at @end; returns the -errno. */
static int fail(struct wire_err *e, enum wire_step step, int end, int r)
{
	e->step = step;
	e->end = end;
	if (e->nl.code == 0 || e->nl.code != r)
		/* a failure before the kernel answered (or of another call): no message */
		(void)error_set(&e->nl, r, NULL);
	return r;
}

/* The end's settings, once the device is in its namespace: address, bridge, up, lo. */
static int finish_end(struct mnl_socket *nl, const struct wire_end *end, int i, int ifindex,
		      struct wire_err *e)
{
	struct link_req up = LINK_REQ_INIT;
	int r, lo;

	if (end->addr) {
		r = addr_add(nl, ifindex, end->addr, &e->nl);
		if (r < 0)
			return fail(e, WIRE_STEP_ADDRESS, i, r);
	}
	if (end->master > 0) {
		struct link_req m = LINK_REQ_INIT;

		m.master = end->master;
		r = link_set(nl, ifindex, &m, &e->nl);
		if (r < 0)
			return fail(e, WIRE_STEP_MASTER, i, r);
	}
	up.up = 1;
	r = link_set(nl, ifindex, &up, &e->nl);
	if (r < 0)
		return fail(e, WIRE_STEP_UP, i, r);
	if (end->lo_up) {
		r = link_name_to_index(nl, "lo", &lo);
		if (r >= 0)
			r = link_set(nl, lo, &up, &e->nl);
		if (r < 0)
			return fail(e, WIRE_STEP_LO, i, r);
	}
	return 0;
}

/**
 * wire_veth() - a veth pair between two namespaces, addressed and up
 * @a: one end
 * @b: the other end
 * @ret_err: on failure, the step, the end (0 @a, 1 @b) and the reason
 *
 * The pair is made by one RTM_NEWLINK that puts each end straight into its
 * namespace, so no device ever shows in the caller's namespace on the way.
 * Then, in each namespace through a socket opened there, the end gets its
 * address, its bridge and IFF_UP.  If any of that fails, the pair is deleted
 * again (deleting one end deletes both): the namespaces are as they were,
 * apart from a loopback already brought up.
 *
 * Return: 0, or -errno (-EEXIST when a name is taken in its namespace).
 */
int wire_veth(const struct wire_end *a, const struct wire_end *b, struct wire_err *ret_err)
{
	const struct wire_end *ends[2] = { a, b };
	struct mnl_socket *nl[2] = { NULL, NULL };
	_cleanup_nl_ struct mnl_socket *here = NULL;
	struct link_req req = LINK_REQ_INIT;
	int ifindex[2] = { 0, 0 }, r, i;

	memset(ret_err, 0, sizeof(*ret_err));
	for (i = 0; i < 2; i++) {
		r = nl_open_route_in(ends[i]->netns_fd, &nl[i]);
		if (r < 0) {
			fail(ret_err, WIRE_STEP_SOCKET, i, r);
			goto out;
		}
	}
	r = nl_open_route(&here);
	if (r < 0) {
		fail(ret_err, WIRE_STEP_SOCKET, 0, r);
		goto out;
	}

	req.kind = "veth";
	req.name = a->ifname;
	req.netns_fd = a->netns_fd;
	req.peer_name = b->ifname;
	req.peer_netns_fd = b->netns_fd;
	r = link_add(here, &req, &ret_err->nl);
	if (r < 0) {
		fail(ret_err, WIRE_STEP_CREATE, 0, r);
		goto out;
	}

	for (i = 0; i < 2; i++) {
		r = link_name_to_index(nl[i], ends[i]->ifname, &ifindex[i]);
		if (r < 0) {
			fail(ret_err, WIRE_STEP_FIND, i, r);
			break;
		}
	}
	for (i = 0; r >= 0 && i < 2; i++)
		r = finish_end(nl[i], ends[i], i, ifindex[i], ret_err);
	if (r < 0) {
		/* Undo: one end takes the other with it.  If @a's end was never
		 * found, @b's may have been. */
		for (i = 0; i < 2; i++) {
			int idx = ifindex[i];

			if (idx <= 0 && link_name_to_index(nl[i], ends[i]->ifname, &idx) < 0)
				continue;
			if (link_del(nl[i], idx, NULL) >= 0)
				break;
		}
	}
out:
	nl_close(nl[0]);
	nl_close(nl[1]);
	return r < 0 ? r : 0;
}
