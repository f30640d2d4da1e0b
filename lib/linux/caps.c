/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <sys/capability.h>

#include "caps.h"
#include "macro.h"

static void cap_freep(cap_t *c)
{
	if (*c) {
		int saved = errno;

		(void)cap_free(*c);
		errno = saved;
	}
}

/**
 * caps_permitted_to_ambient() - keep our permitted capabilities across execve(2)
 *
 * A process that just entered a user namespace holds every capability in it,
 * but execve() of a program without file capabilities drops them unless they
 * are ambient.  A capability may only be raised in the ambient set if it is
 * both permitted and inheritable, so copy permitted into inheritable first.
 *
 * Return: 0, or -errno.
 */
int caps_permitted_to_ambient(void)
{
	_cleanup_(cap_freep) cap_t caps = cap_get_proc();
	int last = (int)cap_max_bits();

	if (!caps)
		return negative_errno();
	for (int c = 0; c < last; c++) {
		cap_flag_value_t v = CAP_CLEAR;
		cap_value_t cv = c;

		if (cap_get_flag(caps, cv, CAP_PERMITTED, &v) < 0)
			return negative_errno();
		if (v == CAP_SET && cap_set_flag(caps, CAP_INHERITABLE, 1, &cv, CAP_SET) < 0)
			return negative_errno();
	}
	if (cap_set_proc(caps) < 0)
		return negative_errno();
	for (int c = 0; c < last; c++) {
		cap_flag_value_t v = CAP_CLEAR;

		if (cap_get_flag(caps, (cap_value_t)c, CAP_PERMITTED, &v) < 0)
			return negative_errno();
		if (v == CAP_SET && cap_set_ambient((cap_value_t)c, CAP_SET) < 0)
			return negative_errno();
	}
	return 0;
}
