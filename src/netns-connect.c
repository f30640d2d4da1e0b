/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "ip.h"
#include "nook.h"

int netns_connect(int argc, char *argv[])
{
	return ip_err(IP_EXIT_FAIL, "nook netns connect: not written yet");
}
