/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-wire.c - the parts of lib/net/wire.c that need no privileges: a
 * request that cannot be right is refused before the lock or anything else,
 * and the bridge lookup tells a missing device from one of another kind.
 */
#include <errno.h>
#include <string.h>

#include "dlib.h"
#include "error.h"
#include "nl.h"
#include "tap.h"
#include "wire.h"

TEST(request_refused)
{
	struct wire_request req = WIRE_REQUEST_INIT;
	struct error e = ERROR_INIT;

	/* No name for an end. */
	req.side[0].ifname = "veth-b";
	EXPECT_ERRNO(wire_connect(&req, &e), -EINVAL);
	EXPECT_STREQ(e.msg, "invalid device name \"\"");
	/* A name a device cannot have. */
	req.side[1].ifname = "a-name-of-16-chr";
	EXPECT_ERRNO(wire_connect(&req, &e), -EINVAL);
	EXPECT_STREQ(e.msg, "invalid device name \"a-name-of-16-chr\"");
	req.side[1].ifname = "veth-a";
	req.bridge = "";
	EXPECT_ERRNO(wire_connect(&req, NULL), -EINVAL);
	EXPECT_ERRNO(wire_connect(&req, &e), -EINVAL);
	EXPECT_STREQ(e.msg, "invalid bridge name \"\"");
	EXPECT_FALSE(e.flags & ERROR_KERNEL_ANSWER);
}

TEST(find_bridge)
{
	struct mnl_socket *nl = NULL;
	bool up = false;
	int idx = 0;

	if (dlib_load_mnl() < 0 || nl_open_route(&nl) < 0)
		SKIP("no rtnetlink socket");
	/* lo is in every namespace, and is no bridge. */
	EXPECT_ERRNO(wire_find_bridge(nl, "lo", &idx, &up), -EMEDIUMTYPE);
	EXPECT_ERRNO(wire_find_bridge(nl, "nook-no-such0", &idx, &up), -ENODEV);
	EXPECT_ERRNO(wire_find_bridge(nl, "a-name-of-16-chr", &idx, &up), -EINVAL);
	EXPECT_ERRNO(wire_find_bridge(nl, "", &idx, &up), -EINVAL);
	nl_close(nl);
}

TAP_MAIN();
