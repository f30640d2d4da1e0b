/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dlib.h - the libraries Debian ships without an archive (libsmartcols,
 * libmount, libmnl), loaded with dlopen(3) by the commands that need them,
 * so that "nook unshare" never maps what "nook lsns" uses.
 *
 * Each library has an X-macro list of the functions nook calls; every
 * function FOO is reached as sym_FOO, a pointer of FOO's own type, so the
 * compiler checks each call against the library's header.  dlib_load_*()
 * loads a library once and fills its pointers; on failure no pointer of that
 * library is set.
 */
#pragma once

#include <stdbool.h>

#include <libmnl/libmnl.h>
#include <libmount.h>
#include <libsmartcols.h>

#define DLIB_SMARTCOLS_SYMS(X)           \
	X(scols_column_set_json_type)    \
	X(scols_column_set_safechars)    \
	X(scols_line_refer_data)         \
	X(scols_line_set_data)           \
	X(scols_new_table)               \
	X(scols_print_table)             \
	X(scols_table_enable_json)       \
	X(scols_table_enable_noheadings) \
	X(scols_table_enable_raw)        \
	X(scols_table_new_column)        \
	X(scols_table_new_line)          \
	X(scols_table_set_name)          \
	X(scols_unref_table)             \
	X(scols_wrapnl_chunksize)        \
	X(scols_wrapnl_nextchunk)        \
	X(scols_column_set_wrapfunc)

#define DLIB_MOUNT_SYMS(X)   \
	X(mnt_free_iter)     \
	X(mnt_free_table)    \
	X(mnt_fs_get_fstype) \
	X(mnt_fs_get_root)   \
	X(mnt_fs_get_target) \
	X(mnt_new_iter)      \
	X(mnt_new_table)     \
	X(mnt_table_next_fs) \
	X(mnt_table_parse_file)

#define DLIB_MNL_SYMS(X)              \
	X(mnl_attr_get_payload)       \
	X(mnl_attr_get_payload_len)   \
	X(mnl_attr_get_str)           \
	X(mnl_attr_get_type)          \
	X(mnl_attr_get_u16)           \
	X(mnl_attr_get_u32)           \
	X(mnl_attr_get_u8)            \
	X(mnl_attr_nest_end)          \
	X(mnl_attr_nest_start)        \
	X(mnl_attr_parse)             \
	X(mnl_attr_parse_nested)      \
	X(mnl_attr_put)               \
	X(mnl_attr_put_strz)          \
	X(mnl_attr_put_u16)           \
	X(mnl_attr_put_u32)           \
	X(mnl_attr_validate)          \
	X(mnl_cb_run)                 \
	X(mnl_cb_run2)                \
	X(mnl_nlmsg_get_payload)      \
	X(mnl_nlmsg_get_payload_len)  \
	X(mnl_nlmsg_put_extra_header) \
	X(mnl_nlmsg_put_header)       \
	X(mnl_nlmsg_size)             \
	X(mnl_socket_bind)            \
	X(mnl_socket_close)           \
	X(mnl_socket_get_portid)      \
	X(mnl_socket_open2)           \
	X(mnl_socket_recvfrom)        \
	X(mnl_socket_sendto)          \
	X(mnl_socket_setsockopt)

#define DLIB_DECLARE(f) extern typeof(f) *sym_##f;
DLIB_SMARTCOLS_SYMS(DLIB_DECLARE)
DLIB_MOUNT_SYMS(DLIB_DECLARE)
DLIB_MNL_SYMS(DLIB_DECLARE)
#undef DLIB_DECLARE

/*
 * Never after entering a foreign world: once the process has entered another
 * mount namespace or changed its root, dlopen() would read that world's
 * /usr/lib into a privileged process.  lib/linux calls dlib_seal() before
 * setns(CLONE_NEWNS), pivot_root and chroot; from then on a library that is
 * not loaded yet is refused (-EPERM), and one loaded before keeps working.
 */
void dlib_seal(void);
bool dlib_is_sealed(void);

int dlib_load_smartcols(void);
int dlib_load_mount(void);
int dlib_load_mnl(void);
const char *dlib_error(void);
