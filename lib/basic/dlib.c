/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>

#include "dlib.h"
#include "macro.h"

#define DLIB_DEFINE(f) typeof(f) *sym_##f;
DLIB_SMARTCOLS_SYMS(DLIB_DEFINE)
DLIB_MOUNT_SYMS(DLIB_DEFINE)
DLIB_MNL_SYMS(DLIB_DEFINE)
#undef DLIB_DEFINE

struct dlib_sym {
	const char *name;
	void **ptr;
};

#define DLIB_ENTRY(f) { #f, (void **)&sym_##f },
static const struct dlib_sym smartcols_syms[] = { DLIB_SMARTCOLS_SYMS(DLIB_ENTRY) };
static const struct dlib_sym mount_syms[] = { DLIB_MOUNT_SYMS(DLIB_ENTRY) };
static const struct dlib_sym mnl_syms[] = { DLIB_MNL_SYMS(DLIB_ENTRY) };
#undef DLIB_ENTRY

/* The last failure, for the command's one error line ("libsmartcols.so.1:
 * cannot open shared object file"); the library itself never prints. */
static char last_error[256];

/* Set by dlib_seal(): no dlopen() from here on. */
static bool sealed;

/**
 * dlib_seal() - refuse every later load (see dlib.h)
 *
 * Called before the process enters another mount namespace or root; there
 * is no unsealing.
 */
void dlib_seal(void)
{
	sealed = true;
}

/**
 * dlib_is_sealed() - whether loading is refused from now on
 *
 * Return: true after dlib_seal().
 */
bool dlib_is_sealed(void)
{
	return sealed;
}

/**
 * dlib_error() - what the last failed dlib_load_*() could not do
 *
 * Return: a message naming the library and the reason; "" when none failed.
 */
const char *dlib_error(void)
{
	return last_error;
}

/*
 * Load @soname once and resolve @syms.  A library stays loaded for the life
 * of the process (RTLD_NODELETE is implied: we never dlclose it), so the
 * result is cached in @state: 0 not tried, 1 loaded, -errno failed.
 */
static int dlib_load(int *state, const char *soname, const struct dlib_sym *syms, size_t n)
{
	void *h;

	if (*state)
		return *state < 0 ? *state : 0;
	if (sealed) {
		/* not cached: the refusal is about when, not about the library */
		(void)snprintf(last_error, sizeof(last_error),
			       "%s: not loaded after entering another mount namespace or root",
			       soname);
		return -EPERM;
	}
	h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		(void)snprintf(last_error, sizeof(last_error), "%s", dlerror());
		return *state = -EOPNOTSUPP;
	}
	for (size_t i = 0; i < n; i++) {
		void *p = dlsym(h, syms[i].name);

		if (!p) {
			(void)snprintf(last_error, sizeof(last_error), "%s: no symbol %s", soname,
				       syms[i].name);
			for (size_t j = 0; j < i; j++)
				*syms[j].ptr = NULL;
			(void)dlclose(h);
			return *state = -EOPNOTSUPP;
		}
		*syms[i].ptr = p;
	}
	*state = 1;
	return 0;
}

int dlib_load_smartcols(void)
{
	static int state;

	return dlib_load(&state, "libsmartcols.so.1", smartcols_syms, ELEMENTSOF(smartcols_syms));
}

int dlib_load_mount(void)
{
	static int state;

	return dlib_load(&state, "libmount.so.1", mount_syms, ELEMENTSOF(mount_syms));
}

int dlib_load_mnl(void)
{
	static int state;

	return dlib_load(&state, "libmnl.so.0", mnl_syms, ELEMENTSOF(mnl_syms));
}
