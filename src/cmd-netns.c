/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "ip.h"
#include "nook.h"

int cmd_netns(int argc, char *argv[])
{
	return ip_err(IP_EXIT_FAIL, "nook netns: not written yet");
}
