/* SPDX-License-Identifier: GPL-2.0-or-later */
/* caps.h - capability helpers over libcap. */
#pragma once

int caps_permitted_to_ambient(void);
