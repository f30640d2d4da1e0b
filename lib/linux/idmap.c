/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "idmap.h"
#include "io-util.h"
#include "macro.h"
#include "parse-util.h"

static const char *const idmap_leaf[_IDMAP_KIND_MAX] = {
	[IDMAP_UID] = "uid_map",
	[IDMAP_GID] = "gid_map",
};

static const char *const idmap_helper[_IDMAP_KIND_MAX] = {
	[IDMAP_UID] = "newuidmap",
	[IDMAP_GID] = "newgidmap",
};

/* Parse three unsigned 32-bit numbers separated by @sep, nothing else. */
static int parse_triple(const char *s, char sep, uint32_t v[3])
{
	const char *p = s;

	for (int i = 0; i < 3; i++) {
		char buf[16];
		const char *end = i < 2 ? strchr(p, sep) : p + strlen(p);
		size_t len;

		if (!end)
			return -EINVAL;
		len = (size_t)(end - p);
		if (len == 0 || len >= sizeof(buf))
			return -EINVAL;
		memcpy(buf, p, len);
		buf[len] = '\0';
		if (parse_u32(buf, &v[i]) < 0)
			return -EINVAL;
		p = end + 1;
	}
	return 0;
}

/**
 * idmap_parse_range() - parse one --map-users/--map-groups range
 * @s: "INNER:OUTER:COUNT" (the order of /proc/PID/uid_map, util-linux 2.39+) or
 *     "OUTER,INNER,COUNT" (the older, deprecated form)
 * @ret: the range
 *
 * Unlike sscanf("%u"), signs, blanks and trailing garbage are refused, and so is
 * a range the kernel would refuse anyway: an empty one, or one that runs past
 * the last ID.
 *
 * Return: 0, or -EINVAL.
 */
int idmap_parse_range(const char *s, struct idmap_range *ret)
{
	uint32_t v[3];

	if (parse_triple(s, ':', v) == 0)
		*ret = (struct idmap_range){ .inner = v[0], .outer = v[1], .count = v[2] };
	else if (parse_triple(s, ',', v) == 0)
		*ret = (struct idmap_range){ .outer = v[0], .inner = v[1], .count = v[2] };
	else
		return -EINVAL;

	if (ret->count == 0 || (uint64_t)ret->inner + ret->count > UINT32_MAX ||
	    (uint64_t)ret->outer + ret->count > UINT32_MAX)
		return -EINVAL;
	return 0;
}

/**
 * idmap_add() - append a range
 * @m: the map
 * @inner: first inner ID, or IDMAP_INNER_AUTO
 * @outer: first outer ID
 * @count: how many
 *
 * Return: 0, or -E2BIG when the map already has IDMAP_MAX ranges.
 */
int idmap_add(struct idmap *m, uint32_t inner, uint32_t outer, uint32_t count)
{
	if (m->n >= IDMAP_MAX)
		return -E2BIG;
	m->r[m->n++] = (struct idmap_range){ .inner = inner, .outer = outer, .count = count };
	return 0;
}

/**
 * idmap_add_kernel_identity() - add an identity range for each line of a kernel map
 * @m: the map to extend
 * @text: the contents of /proc/self/uid_map (or gid_map): "inner outer count" lines
 *
 * This is --map-users=all: every ID that exists in our namespace maps to itself.
 * Lines that do not parse are skipped, as util-linux does.
 *
 * Return: the number of ranges added, or -E2BIG.
 */
int idmap_add_kernel_identity(struct idmap *m, const char *text)
{
	int added = 0;

	for (const char *line = text; line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		unsigned int inner, outer, count;
		char buf[96];
		int r;

		if (len < sizeof(buf)) {
			memcpy(buf, line, len);
			buf[len] = '\0';
			if (sscanf(buf, " %u %u %u", &inner, &outer, &count) == 3 && count > 0) {
				r = idmap_add(m, inner, inner, count);
				if (r < 0)
					return r;
				added++;
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	return added;
}

/**
 * idmap_subid_lookup() - find a user's first block in /etc/subuid or /etc/subgid
 * @text: the file's contents: "NAME_OR_UID:FIRST:COUNT" lines
 * @user: the user's name (may be NULL)
 * @uid: the user's uid; a line whose first field is exactly this number matches too
 * @ret: outer = FIRST, count = COUNT, inner = IDMAP_INNER_AUTO
 *
 * util-linux compares the field with strtoul(), so that for root (uid 0) any
 * name matches; here a numeric field must be all digits.
 *
 * Return: 0, -ENOENT when no line matches, -EINVAL when the matching line is malformed.
 */
int idmap_subid_lookup(const char *text, const char *user, uid_t uid, struct idmap_range *ret)
{
	for (const char *line = text; line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char buf[512], *c1, *c2;
		uint32_t id, first, count;

		if (len >= sizeof(buf)) {
			line = nl ? nl + 1 : NULL;
			continue;
		}
		memcpy(buf, line, len);
		buf[len] = '\0';
		line = nl ? nl + 1 : NULL;

		c1 = strchr(buf, ':');
		if (!c1)
			continue;
		*c1 = '\0';
		if (!((user && streq(buf, user)) || (parse_u32(buf, &id) == 0 && id == uid)))
			continue;
		c2 = strchr(c1 + 1, ':');
		if (!c2)
			continue;
		*c2 = '\0';
		if (parse_u32(c1 + 1, &first) < 0 || parse_u32(c2 + 1, &count) < 0 || count == 0 ||
		    (uint64_t)first + count > UINT32_MAX)
			return -EINVAL;
		*ret = (struct idmap_range){ .inner = IDMAP_INNER_AUTO,
					     .outer = first,
					     .count = count };
		return 0;
	}
	return -ENOENT;
}

static uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/**
 * idmap_merge_single() - put a single-ID mapping in front of a range map, punching holes
 * @in: the ranges from --map-users/--map-groups (option order)
 * @outer: our own euid (or egid)
 * @inner: the --map-user ID, or IDMAP_ID_NONE
 * @ret: the merged map
 *
 * The kernel refuses overlapping ranges, so each range that contains @inner
 * (inside) or @outer (outside) is shortened by one ID, its topmost, and split
 * into up to three pieces around the single ID, whose own line comes first.
 * A range with IDMAP_INNER_AUTO starts at inner 0.  This is util-linux
 * unshare's arithmetic (a range that ends exactly below the single ID counts
 * as overlapping too), kept so that both tools write the same map.
 *
 * Return: 0, or -E2BIG when the result has more than IDMAP_MAX ranges.
 */
int idmap_merge_single(const struct idmap *in, uint32_t outer, uint32_t inner, struct idmap *ret)
{
	bool single = inner != IDMAP_ID_NONE;
	int r;

	ret->n = 0;
	if (!single)
		outer = IDMAP_ID_NONE;
	else if ((r = idmap_add(ret, inner, outer, 1)) < 0)
		return r;

	for (size_t i = 0; i < in->n; i++) {
		struct idmap_range m = in->r[i], lo, mid, hi;
		uint32_t in_off, out_off;

		if (m.inner == IDMAP_INNER_AUTO)
			m.inner = 0;
		else if (single && ((outer >= m.outer && outer <= m.outer + m.count) ||
				    (inner >= m.inner && inner <= m.inner + m.count)))
			m.count--;

		out_off = min_u32(outer > m.outer ? outer - m.outer : 0, m.count);
		in_off = min_u32(inner > m.inner ? inner - m.inner : 0, m.count);

		lo = (struct idmap_range){ m.inner, m.outer, min_u32(in_off, out_off) };
		mid.outer = lo.outer + lo.count;
		mid.outer += mid.outer == outer;
		mid.inner = lo.inner + lo.count;
		mid.inner += mid.inner == inner;
		mid.count = in_off > out_off ? in_off - out_off : out_off - in_off;
		hi.outer = mid.outer + mid.count;
		hi.outer += hi.outer == outer;
		hi.inner = mid.inner + mid.count;
		hi.inner += hi.inner == inner;
		hi.count = m.count - lo.count - mid.count;

		const struct idmap_range *parts[] = { &lo, &mid, &hi };
		for (size_t k = 0; k < ELEMENTSOF(parts); k++) {
			if (parts[k]->count == 0)
				continue;
			r = idmap_add(ret, parts[k]->inner, parts[k]->outer, parts[k]->count);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

/**
 * idmap_format() - the text the kernel reads: one "inner outer count" line per range
 * @m: the map
 * @buf: output
 * @size: its size
 *
 * Return: the length written, or -E2BIG when it does not fit (the kernel's
 * limit is one write of less than a page: pass IDMAP_WRITE_MAX).
 */
int idmap_format(const struct idmap *m, char *buf, size_t size)
{
	size_t len = 0;

	if (size > 0)
		buf[0] = '\0';
	for (size_t i = 0; i < m->n; i++) {
		int n = snprintf(buf + len, size - len, "%u %u %u\n", m->r[i].inner, m->r[i].outer,
				 m->r[i].count);
		if (n < 0 || (size_t)n >= size - len)
			return -E2BIG;
		len += (size_t)n;
	}
	return (int)len;
}

/**
 * idmap_proc_path() - format /proc/PID/LEAF (or /proc/self/LEAF for pid 0)
 * @pid: the process, 0 for self
 * @leaf: "uid_map", "gid_map", "setgroups"
 * @buf: output
 * @size: its size
 *
 * Return: 0, or -ENAMETOOLONG.
 */
int idmap_proc_path(pid_t pid, const char *leaf, char *buf, size_t size)
{
	int n = pid > 0 ? snprintf(buf, size, "/proc/%d/%s", (int)pid, leaf)
			: snprintf(buf, size, "/proc/self/%s", leaf);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/**
 * idmap_leaf_name() - "uid_map" or "gid_map"
 * @kind: IDMAP_UID or IDMAP_GID
 *
 * Return: the /proc/PID file name.
 */
const char *idmap_leaf_name(enum idmap_kind kind)
{
	return idmap_leaf[kind];
}

/**
 * idmap_helper_name() - "newuidmap" or "newgidmap"
 * @kind: IDMAP_UID or IDMAP_GID
 *
 * Return: the setuid helper that writes this kind of map for an unprivileged user.
 */
const char *idmap_helper_name(enum idmap_kind kind)
{
	return idmap_helper[kind];
}

/**
 * idmap_open_proc() - open a file of /proc/PID for writing: uid_map, gid_map, setgroups
 * @pid: the process, 0 for ourselves
 * @leaf: the file name
 *
 * Return: an fd, or -errno.
 */
int idmap_open_proc(pid_t pid, const char *leaf)
{
	char path[64];
	int r;

	r = idmap_proc_path(pid, leaf, path, sizeof(path));
	if (r < 0)
		return r;
	return RET_NERRNO(open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY));
}

/**
 * idmap_write_fd() - write a whole map in the single write(2) the kernel requires
 * @fd: from idmap_open_proc()
 * @m: the map
 *
 * Return: 0, -E2BIG if the text exceeds the kernel's page limit, or -errno from write(2).
 */
int idmap_write_fd(int fd, const struct idmap *m)
{
	char buf[IDMAP_WRITE_MAX];
	int len;

	len = idmap_format(m, buf, sizeof(buf));
	if (len < 0)
		return len;
	return write_full(fd, buf, (size_t)len);
}

/**
 * idmap_exec_helper() - exec newuidmap/newgidmap to write @m for @pid
 * @kind: which helper
 * @pid: the process whose map to write
 * @m: the map
 *
 * The setuid helpers check /etc/subuid and /etc/subgid for us, which is how an
 * unprivileged user maps more than their own ID.  Found through PATH, as
 * util-linux does.  Call it in a child: on success it does not return.
 *
 * Return: -errno from execvp.
 */
int idmap_exec_helper(enum idmap_kind kind, pid_t pid, const struct idmap *m)
{
	char *argv[3 + 3 * IDMAP_MAX + 1];
	char nums[1 + 3 * IDMAP_MAX][DECIMAL_STR_MAX(uint32_t)];
	size_t a = 0, k = 0;

	argv[a++] = (char *)idmap_helper[kind];
	snprintf(nums[k], sizeof(nums[k]), "%d", (int)pid);
	argv[a++] = nums[k++];
	for (size_t i = 0; i < m->n; i++) {
		const uint32_t v[3] = { m->r[i].inner, m->r[i].outer, m->r[i].count };

		for (int j = 0; j < 3; j++) {
			snprintf(nums[k], sizeof(nums[k]), "%u", v[j]);
			argv[a++] = nums[k++];
		}
	}
	argv[a] = NULL;
	execvp(argv[0], argv);
	return negative_errno();
}
