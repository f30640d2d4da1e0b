/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>

#include "io-util.h"
#include "macro.h"
#include "timens.h"

/**
 * timens_set_offset() - set a clock offset of the time namespace our children will enter
 * @clock: CLOCK_MONOTONIC or CLOCK_BOOTTIME
 * @seconds: the offset, may be negative
 *
 * The offsets can be written only after unshare(CLONE_NEWTIME) and before
 * any process has entered the new namespace, so: after unshare, before fork.
 *
 * Return: 0, or -errno.
 */
int timens_set_offset(clockid_t clock, int64_t seconds)
{
	char buf[64];

	(void)snprintf(buf, sizeof(buf), "%d %" PRId64 " 0", (int)clock, seconds);
	return write_file_at(AT_FDCWD, "/proc/self/timens_offsets", buf);
}
