/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nsenter.h - what "nook nsenter" and "nook enter" share: the entering (lib/linux/enter.h),
 * its error line, and the exec. */
#pragma once

#include "enter.h"
#include "error.h"

/* Print @e once, as util-linux does ("nsenter: msg: why"); return EXIT_FAILURE. */
int nsenter_error(const struct error *e);
/* Enter @e's world and exec @argv (or e->shell, or a login shell); return the exit status. */
int nsenter_exec(struct enter *e, char *argv[]);
