/* SPDX-License-Identifier: GPL-2.0-or-later */
/* timens.h - clock offsets of a new time namespace. */
#pragma once

#include <stdint.h>
#include <time.h>

int timens_set_offset(clockid_t clock, int64_t seconds);
