/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <linux/sockios.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <stdint.h>
#include <unistd.h>

#include "alloc-util.h"
#include "dlib.h"
#include "io-util.h"
#include "macro.h"
#include "ns.h"
#include "nsscan.h"
#include "parallel.h"
#include "parse-util.h"
#include "procfs.h"

#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

/* A command line longer than this is cut: lsns shows it on one row. */
#define CMDLINE_MAX (256U << 10)
/* Processes per thread below which a second thread does not pay. */
#define PROCS_PER_THREAD 256

static size_t hash_ino(ino_t ino)
{
	uint64_t x = (uint64_t)ino;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x;
}

static int slots_rebuild(struct nsscan *s, size_t n_slots)
{
	size_t *slots = calloc(n_slots, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	for (size_t i = 0; i < s->n_ns; i++) {
		size_t h = hash_ino(s->ns[i].ino) & (n_slots - 1);

		while (slots[h])
			h = (h + 1) & (n_slots - 1);
		slots[h] = i + 1;
	}
	free(s->slots);
	s->slots = slots;
	s->n_slots = n_slots;
	return 0;
}

static size_t ns_index(const struct nsscan *s, ino_t ino)
{
	if (!s->n_slots)
		return NSSCAN_NONE;
	for (size_t h = hash_ino(ino) & (s->n_slots - 1); s->slots[h];
	     h = (h + 1) & (s->n_slots - 1))
		if (s->ns[s->slots[h] - 1].ino == ino)
			return s->slots[h] - 1;
	return NSSCAN_NONE;
}

/* Append a namespace; the hash table stays at most half full. */
static int ns_add(struct nsscan *s, ino_t ino, enum ns_type type, size_t *ret)
{
	if (GREEDY_REALLOC(s->ns, s->cap_ns, s->n_ns + 1) < 0)
		return -ENOMEM;
	s->ns[s->n_ns++] = (struct nsscan_ns){
		.ino = ino,
		.type = type,
		.proc = NSSCAN_NONE,
		.uid = (uid_t)-1,
		.src_fd = -1,
	};
	if (2 * s->n_ns > s->n_slots) {
		int r = slots_rebuild(s, s->n_slots ? s->n_slots * 2 : 256);

		if (r < 0)
			return r;
	} else {
		size_t h = hash_ino(ino) & (s->n_slots - 1);

		while (s->slots[h])
			h = (h + 1) & (s->n_slots - 1);
		s->slots[h] = s->n_ns;
	}
	*ret = s->n_ns - 1;
	return 0;
}

static ino_t fd_ino(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 ? st.st_ino : 0;
}

/* Owner, parent and the owner's uid, through one open file of the namespace. */
static void read_links(int fd, enum ns_type type, ino_t *owner, ino_t *parent, uid_t *uid)
{
	_cleanup_close_ int userns = ioctl(fd, NS_GET_USERNS);

	*owner = userns >= 0 ? fd_ino(userns) : 0;
	*parent = 0;
	*uid = (uid_t)-1;
	if (type == NS_USER) {
		if (ioctl(fd, NS_GET_OWNER_UID, uid) < 0)
			*uid = (uid_t)-1;
	} else if (userns >= 0 && ioctl(userns, NS_GET_OWNER_UID, uid) < 0)
		*uid = (uid_t)-1;
	if (type == NS_PID || type == NS_USER) {
		_cleanup_close_ int p = ioctl(fd, NS_GET_PARENT);

		if (p >= 0)
			*parent = fd_ino(p);
	}
}

static void ns_set_links(struct nsscan_ns *n, int fd)
{
	read_links(fd, n->type, &n->owner, &n->parent, &n->uid);
	n->links_loaded = true;
}

/**
 * nsscan_parse_nsfs_name() - parse "TYPE:[INODE]", as nsfs names its files
 * @name: the text (a mountinfo root field, a /proc/PID/fd or ns link)
 * @ret_type: the type
 * @ret_ino: the inode
 *
 * Return: 0, or -EINVAL when @name is not such a name.
 */
int nsscan_parse_nsfs_name(const char *name, enum ns_type *ret_type, ino_t *ret_ino)
{
	const char *colon = strchr(name, ':');
	char type[16], num[24];
	uint64_t ino;
	size_t len;
	enum ns_type t;

	if (!colon || colon == name || (size_t)(colon - name) >= sizeof(type) || colon[1] != '[')
		return -EINVAL;
	len = strlen(colon + 2);
	if (len < 2 || len > sizeof(num) || colon[2 + len - 1] != ']')
		return -EINVAL;
	memcpy(type, name, (size_t)(colon - name));
	type[colon - name] = '\0';
	t = ns_type_from_name(type);
	if (t < 0 || !streq(type, ns_info[t].name))
		return -EINVAL;
	memcpy(num, colon + 2, len - 1);
	num[len - 1] = '\0';
	if (parse_u64(num, &ino) < 0 || ino == 0)
		return -EINVAL;
	*ret_type = t;
	*ret_ino = (ino_t)ino;
	return 0;
}

struct scan_ctx {
	struct nsscan *s;
	unsigned type_mask;
	unsigned flags;
};

static int add_fdns(struct nsscan_proc *p, enum ns_type type, int fd, int num, bool socket)
{
	struct nsscan_fdns *f;

	if (GREEDY_REALLOC(p->fdns, p->cap_fdns, p->n_fdns + 1) < 0)
		return -ENOMEM;
	f = &p->fdns[p->n_fdns++];
	f->type = type;
	f->ino = fd_ino(fd);
	f->fd = num;
	f->socket = socket;
	read_links(fd, type, &f->owner, &f->parent, &f->uid);
	return 0;
}

/*
 * The namespaces a process holds through its fds: nsfs files, and the net
 * namespace of each socket (SIOCGSKNS on a copy taken with pidfd_getfd(2)).
 * Anything not ours to read is skipped, as lsns skips it.
 */
static void scan_fds(const struct scan_ctx *c, struct nsscan_proc *p)
{
	char path[DECIMAL_STR_MAX(pid_t) + 4], buf[4096];
	_cleanup_close_ int dfd = -EBADF, pidfd = -EBADF;
	bool want_net = c->type_mask & (1U << NS_NET);
	long n;

	(void)snprintf(path, sizeof(path), "%d/fd", p->pid);
	dfd = openat(c->s->proc_fd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return;
	/* procfs fills the buffer until the last fd: a short answer is the end. */
	for (bool more = true; more && (n = syscall(SYS_getdents64, dfd, buf, sizeof(buf))) > 0;) {
		more = (size_t)n > sizeof(buf) - 128;
		for (long off = 0; off < n;) {
			struct {
				uint64_t ino;
				int64_t off;
				unsigned short reclen;
				unsigned char type;
				char name[];
			} *de = (void *)(buf + off);
			struct stat st;
			uint64_t num;

			off += de->reclen;
			if (parse_u64(de->name, &num) < 0 || num > INT32_MAX)
				continue;
			/* By what the fd is, not by its link text: an nsfs file opened
			 * through a bind mount that is gone reads "/". */
			if (fstatat(dfd, de->name, &st, 0) < 0)
				continue;
			if (st.st_dev == c->s->nsfs_dev) {
				_cleanup_close_ int fd =
					openat(dfd, de->name, O_RDONLY | O_CLOEXEC);
				int t;

				if (fd < 0 || fd_ino(fd) != st.st_ino)
					continue;
				t = ns_get_type(fd);
				if (t >= 0 && (c->type_mask & (1U << t)))
					(void)add_fdns(p, (enum ns_type)t, fd, (int)num, false);
			} else if (want_net && S_ISSOCK(st.st_mode)) {
				_cleanup_close_ int sock = -EBADF, net = -EBADF;

				if (pidfd < 0)
					pidfd = pidfd_open_pid(p->pid, 0);
				if (pidfd < 0)
					return; /* gone, or not ours */
				sock = (int)syscall(SYS_pidfd_getfd, pidfd, (int)num, 0);
				if (sock < 0)
					continue;
				net = ioctl(sock, SIOCGSKNS);
				if (net >= 0)
					(void)add_fdns(p, NS_NET, net, (int)num, true);
			}
		}
	}
}

/* Per process: one readlink per type.  Nothing is shared but the /proc fd. */
static void scan_procs(size_t begin, size_t end, void *userdata)
{
	const struct scan_ctx *c = userdata;

	for (size_t i = begin; i < end; i++) {
		struct nsscan_proc *p = &c->s->procs[i];

		NS_FOREACH (t) {
			char path[DECIMAL_STR_MAX(pid_t) + 16], link[64];
			enum ns_type lt;
			ino_t ino;
			ssize_t len;

			if (!(c->type_mask & (1U << t)))
				continue;
			(void)snprintf(path, sizeof(path), "%d/ns/%s", p->pid, ns_info[t].name);
			len = readlinkat(c->s->proc_fd, path, link, sizeof(link) - 1);
			if (len <= 0)
				continue; /* EACCES, ENOENT (gone, zombie, no such type) */
			link[len] = '\0';
			if (nsscan_parse_nsfs_name(link, &lt, &ino) == 0 && lt == t)
				p->ns[t] = ino;
		}
		if (c->flags & NSSCAN_FDS)
			scan_fds(c, p);
	}
}

static int list_pids(struct nsscan *s)
{
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;
	int fd;

	fd = openat(s->proc_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return negative_errno();
	d = fdopendir(fd);
	if (!d)
		return safe_close(fd), -ENOMEM;
	while ((errno = 0, de = readdir(d))) {
		pid_t pid;

		if (de->d_name[0] < '1' || de->d_name[0] > '9' || parse_pid(de->d_name, &pid) < 0)
			continue;
		if (GREEDY_REALLOC(s->procs, s->cap_procs, s->n_procs + 1) < 0)
			return -ENOMEM;
		s->procs[s->n_procs++] = (struct nsscan_proc){ .pid = pid, .uid = (uid_t)-1 };
	}
	return errno ? negative_errno() : 0;
}

static int cmp_proc(const void *a, const void *b)
{
	const struct nsscan_proc *x = a, *y = b;

	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static int cmp_ns(const void *a, const void *b)
{
	const struct nsscan_ns *x = a, *y = b;

	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* Group processes into namespaces: the first (lowest) PID represents one. */
static int group_procs(struct nsscan *s)
{
	for (size_t i = 0; i < s->n_procs; i++)
		NS_FOREACH (t) {
			ino_t ino = s->procs[i].ns[t];
			size_t k;
			int r;

			if (!ino)
				continue;
			k = ns_index(s, ino);
			if (k == NSSCAN_NONE) {
				r = ns_add(s, ino, t, &k);
				if (r < 0)
					return r;
				s->ns[k].proc = i;
				s->ns[k].src = NSSCAN_SRC_PROC;
				s->ns[k].src_pid = s->procs[i].pid;
			}
			s->ns[k].from |= NSSCAN_FROM_PROC;
			s->ns[k].nprocs++;
		}
	return 0;
}

/**
 * nsscan_open_ns() - open a namespace of a scan again
 * @s: the scan
 * @n: one of its namespaces
 *
 * Through the process, fd or socket it was found by; the inode is checked,
 * since that process may have moved on.  A namespace found by a bind mount
 * or as an ancestor alone has no way back.
 *
 * Return: an O_CLOEXEC fd, or -errno (-ESTALE when its holder changed).
 */
int nsscan_open_ns(const struct nsscan *s, const struct nsscan_ns *n)
{
	char path[DECIMAL_STR_MAX(pid_t) + 24];
	_cleanup_close_ int fd = -EBADF;

	switch (n->src) {
	case NSSCAN_SRC_PROC:
		(void)snprintf(path, sizeof(path), "%d/ns/%s", n->src_pid, ns_info[n->type].name);
		fd = RET_NERRNO(openat(s->proc_fd, path, O_RDONLY | O_CLOEXEC));
		break;
	case NSSCAN_SRC_FD:
		(void)snprintf(path, sizeof(path), "%d/fd/%d", n->src_pid, n->src_fd);
		fd = RET_NERRNO(openat(s->proc_fd, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK));
		break;
	case NSSCAN_SRC_SOCKET: {
		_cleanup_close_ int pidfd = pidfd_open_pid(n->src_pid, 0), sock = -EBADF;

		if (pidfd < 0)
			return pidfd;
		sock = RET_NERRNO((int)syscall(SYS_pidfd_getfd, pidfd, n->src_fd, 0));
		if (sock < 0)
			return sock;
		fd = RET_NERRNO(ioctl(sock, SIOCGSKNS));
		break;
	}
	default:
		return -ENOENT;
	}
	if (fd < 0)
		return fd;
	if (fd_ino(fd) != n->ino)
		return -ESTALE;
	return TAKE_FD(fd);
}

/*
 * Add the owner and parent of namespace @k, through @fd (an open file of
 * it), when the scan has not found them and their type was asked for; and
 * theirs, up to the top.  lsns shows a namespace that only a bind mount or
 * an fd holds with the chain of user namespaces above it.
 */
static int add_chain(struct nsscan *s, int fd, size_t k)
{
	static const unsigned long requests[] = { NS_GET_PARENT, NS_GET_USERNS };
	enum ns_type type = s->ns[k].type;

	for (size_t i = 0; i < ELEMENTSOF(requests); i++) {
		enum ns_type up_type = requests[i] == NS_GET_USERNS ? NS_USER : type;
		_cleanup_close_ int up = -EBADF;
		size_t j;
		ino_t ino;
		int r;

		if (requests[i] == NS_GET_PARENT && type != NS_PID && type != NS_USER)
			continue;
		if (!(s->type_mask & (1U << up_type)))
			continue;
		up = ioctl(fd, requests[i]);
		if (up < 0)
			continue; /* none, or outside our view */
		ino = fd_ino(up);
		if (!ino || ns_index(s, ino) != NSSCAN_NONE)
			continue;
		r = ns_add(s, ino, up_type, &j);
		if (r < 0)
			return r;
		s->ns[j].from = NSSCAN_FROM_LINK;
		ns_set_links(&s->ns[j], up);
		r = add_chain(s, up, j);
		if (r < 0)
			return r;
	}
	return 0;
}

static int add_chain_of(struct nsscan *s, size_t k)
{
	_cleanup_close_ int fd = -EBADF;
	bool missing = (s->ns[k].owner && ns_index(s, s->ns[k].owner) == NSSCAN_NONE) ||
		       (s->ns[k].parent && ns_index(s, s->ns[k].parent) == NSSCAN_NONE);

	if (!missing)
		return 0;
	fd = nsscan_open_ns(s, &s->ns[k]);
	return fd < 0 ? 0 : add_chain(s, fd, k);
}

static int group_fds(struct nsscan *s)
{
	for (size_t i = 0; i < s->n_procs; i++)
		for (size_t j = 0; j < s->procs[i].n_fdns; j++) {
			const struct nsscan_fdns *f = &s->procs[i].fdns[j];
			size_t k = ns_index(s, f->ino);
			int r;

			if (!f->ino)
				continue;
			if (k == NSSCAN_NONE) {
				r = ns_add(s, f->ino, f->type, &k);
				if (r < 0)
					return r;
				s->ns[k].owner = f->owner;
				s->ns[k].parent = f->parent;
				s->ns[k].uid = f->uid;
				s->ns[k].links_loaded = true;
				s->ns[k].src = f->socket ? NSSCAN_SRC_SOCKET : NSSCAN_SRC_FD;
				s->ns[k].src_pid = s->procs[i].pid;
				s->ns[k].src_fd = f->fd;
				r = add_chain_of(s, k);
				if (r < 0)
					return r;
			}
			s->ns[k].from |= NSSCAN_FROM_FD;
		}
	return 0;
}

static int add_nsfs_path(struct nsscan_ns *n, const char *path)
{
	if (GREEDY_REALLOC(n->nsfs, n->cap_nsfs, n->n_nsfs + 1) < 0)
		return -ENOMEM;
	n->nsfs[n->n_nsfs] = strdup(path);
	if (!n->nsfs[n->n_nsfs])
		return -ENOMEM;
	n->n_nsfs++;
	return 0;
}

static void mnt_tablep(struct libmnt_table **t)
{
	if (*t)
		sym_mnt_free_table(*t);
}

static void mnt_iterp(struct libmnt_iter **i)
{
	if (*i)
		sym_mnt_free_iter(*i);
}

/* nsfs bind mounts: mountinfo entries of type nsfs whose root is "net:[4026532300]". */
static int scan_mounts(struct nsscan *s, unsigned type_mask)
{
	_cleanup_(mnt_tablep) struct libmnt_table *tb = NULL;
	_cleanup_(mnt_iterp) struct libmnt_iter *it = NULL;
	struct libmnt_fs *fs;
	int r;

	r = dlib_load_mount();
	if (r < 0)
		return r;
	tb = sym_mnt_new_table();
	it = sym_mnt_new_iter(MNT_ITER_FORWARD);
	if (!tb || !it)
		return -ENOMEM;
	r = sym_mnt_table_parse_file(tb, "/proc/self/mountinfo");
	if (r < 0)
		return r == -ENOMEM ? r : -EBADMSG;
	while (sym_mnt_table_next_fs(tb, it, &fs) == 0) {
		const char *fstype = sym_mnt_fs_get_fstype(fs), *root = sym_mnt_fs_get_root(fs),
			   *target = sym_mnt_fs_get_target(fs);
		enum ns_type t;
		ino_t ino;
		size_t k;

		if (!fstype || !streq(fstype, "nsfs") || !root || !target ||
		    nsscan_parse_nsfs_name(root, &t, &ino) < 0 || !(type_mask & (1U << t)))
			continue;
		k = ns_index(s, ino);
		if (k == NSSCAN_NONE) {
			_cleanup_close_ int fd = -EBADF;

			r = ns_add(s, ino, t, &k);
			if (r < 0)
				return r;
			fd = open(target, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
			if (fd >= 0 && fd_ino(fd) == ino) {
				ns_set_links(&s->ns[k], fd);
				r = add_chain(s, fd, k);
				if (r < 0)
					return r;
			} else
				s->ns[k].links_loaded =
					true; /* over-mounted, or not ours to open */
		}
		s->ns[k].from |= NSSCAN_FROM_MOUNT;
		r = add_nsfs_path(&s->ns[k], target);
		if (r < 0)
			return r;
	}
	return 0;
}

static int sort_ns(struct nsscan *s)
{
	qsort(s->ns, s->n_ns, sizeof(*s->ns), cmp_ns);
	return s->n_slots ? slots_rebuild(s, s->n_slots) : 0;
}

/**
 * nsscan_run() - find every namespace of the types in @type_mask
 * @s: zero-initialised; free with nsscan_done()
 * @type_mask: bits 1 << enum ns_type
 * @flags: NSSCAN_FDS, NSSCAN_MOUNTS
 *
 * Processes that vanish, or whose files we may not read, are skipped, as
 * util-linux lsns skips them.  Afterwards, procs[] is in ascending PID order
 * and ns[] in ascending inode order.
 *
 * Return: 0; -EBADMSG when the mount table cannot be parsed; -EOPNOTSUPP
 * when libmount cannot be loaded (see dlib_error()); other -errno.
 */
int nsscan_run(struct nsscan *s, unsigned type_mask, unsigned flags)
{
	struct scan_ctx c = { .s = s, .type_mask = type_mask, .flags = flags };
	int r;

	s->type_mask = type_mask;
	/* The nsfs device: that of the first of our own namespace files we may stat. */
	NS_FOREACH (t) {
		struct stat st;
		char path[32];

		(void)snprintf(path, sizeof(path), "/proc/self/ns/%s", ns_info[t].name);
		if (stat(path, &st) == 0) {
			s->nsfs_dev = st.st_dev;
			break;
		}
	}
	s->proc_fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->proc_fd < 0)
		return negative_errno();
	r = list_pids(s);
	if (r < 0)
		return r;
	qsort(s->procs, s->n_procs, sizeof(*s->procs), cmp_proc);
	r = parallel_for(s->n_procs, PROCS_PER_THREAD, scan_procs, &c);
	if (r < 0)
		return r;
	r = group_procs(s);
	if (r < 0)
		return r;
	r = group_fds(s);
	if (r < 0)
		return r;
	if (flags & NSSCAN_MOUNTS) {
		r = scan_mounts(s, type_mask);
		if (r < 0)
			return r;
	}
	return sort_ns(s);
}

struct load_ctx {
	struct nsscan *s;
	const size_t *idx;
};

/* The command line, arguments joined by spaces, as lsns shows it; NULL when empty
 * (with errno 0) or on failure. */
static char *read_cmdline(int fd)
{
	char stackbuf[4096];
	_cleanup_free_ char *heap = NULL;
	char *buf = stackbuf, *ret;
	size_t len = 0, cap = sizeof(stackbuf) - 1, heap_cap = 0;

	/* Read to the end, or to CMDLINE_MAX: a longer command line is cut, not
	 * refused.  procfs hands over all it has when the buffer is big enough,
	 * so a short read is the end; most command lines fit the stack buffer. */
	for (;;) {
		size_t want = cap - len;
		ssize_t n = read(fd, buf + len, want);

		if (n <= 0)
			break;
		len += (size_t)n;
		if ((size_t)n < want || cap >= CMDLINE_MAX)
			break;
		{
			size_t ncap = cap * 4 > CMDLINE_MAX ? CMDLINE_MAX : cap * 4;
			bool first = !heap;

			if (GREEDY_REALLOC(heap, heap_cap, ncap + 1) < 0)
				return NULL;
			if (first)
				memcpy(heap, stackbuf, len);
			buf = heap;
			cap = ncap;
		}
	}
	errno = 0;
	if (len == 0)
		return NULL;
	/* Arguments end in NUL: drop the last one, join the rest with spaces. */
	if (buf[len - 1] == '\0')
		len--;
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	ret = malloc(len + 1);
	if (ret) {
		memcpy(ret, buf, len);
		ret[len] = '\0';
	}
	return ret;
}

/* PIDFD_GET_INFO (Linux 6.13): the parent PID without formatting /proc/PID/stat. */
#ifndef PIDFD_GET_INFO
#define PIDFD_GET_INFO _IOWR(0xFF, 11, struct nsscan_pidfd_info)
#define PIDFD_INFO_PID (1ULL << 0)
struct nsscan_pidfd_info {
	uint64_t mask, cgroupid;
	uint32_t pid, tgid, ppid, ruid, rgid, euid, egid, suid, sgid, fsuid, fsgid;
	int32_t exit_code;
};
#endif

static int read_ppid(int proc_fd, pid_t pid, pid_t *ret, char *comm, size_t comm_size)
{
	char path[DECIMAL_STR_MAX(pid_t) + 8], buf[1024];
	struct proc_stat st;
	ssize_t n;

	if (!comm) {
		struct nsscan_pidfd_info info = { .mask = PIDFD_INFO_PID };
		_cleanup_close_ int pidfd = pidfd_open_pid(pid, 0);

		if (pidfd < 0)
			return pidfd;
		if (ioctl(pidfd, PIDFD_GET_INFO, &info) == 0 && info.pid == (uint32_t)pid) {
			*ret = (pid_t)info.ppid;
			return 0;
		}
	}
	(void)snprintf(path, sizeof(path), "%d/stat", pid);
	n = read_file_at(proc_fd, path, buf, sizeof(buf));
	if (n <= 0 || procfs_parse_stat(buf, &st) < 0)
		return -ESRCH;
	*ret = st.ppid;
	if (comm)
		(void)snprintf(comm, comm_size, "%s", st.comm);
	return 0;
}

static void load_procs(size_t begin, size_t end, void *userdata)
{
	const struct load_ctx *c = userdata;

	for (size_t i = begin; i < end; i++) {
		struct nsscan_proc *p = &c->s->procs[c->idx ? c->idx[i] : i];
		char path[DECIMAL_STR_MAX(pid_t) + 8], comm[PROCFS_COMM_MAX];
		_cleanup_close_ int fd = -EBADF;
		struct stat sb;

		if (p->loaded)
			continue;
		p->loaded = true;
		(void)snprintf(path, sizeof(path), "%d/cmdline", p->pid);
		fd = openat(c->s->proc_fd, path, O_RDONLY | O_CLOEXEC);
		/* Every file of /proc/PID has the owner lsns shows as UID. */
		if (fd < 0 || fstat(fd, &sb) < 0)
			continue;
		p->command = read_cmdline(fd);
		if (!p->command && errno)
			continue;
		/* No command line (a kernel thread): the name, from the stat line. */
		if (read_ppid(c->s->proc_fd, p->pid, &p->ppid, p->command ? NULL : comm,
			      sizeof(comm)) < 0)
			continue;
		if (!p->command)
			p->command = strdup(comm);
		p->uid = sb.st_uid;
		p->alive = true;
	}
}

/**
 * nsscan_load_procs() - read uid, parent PID and command of some processes
 * @s: a finished scan
 * @idx: indexes into procs[]; NULL for all
 * @n: how many
 *
 * A process that has ended since the scan keeps alive == false.  @idx
 * may name a process more than once.
 *
 * Return: 0, or -ENOMEM.
 */
int nsscan_load_procs(struct nsscan *s, const size_t *idx, size_t n)
{
	_cleanup_free_ size_t *uniq = NULL;
	struct load_ctx c = { .s = s };
	size_t m = 0;
	int r;

	/* Each process once: two threads must never load the same one. */
	if (idx) {
		uniq = malloc(n * sizeof(*uniq) + 1);
		if (!uniq)
			return -ENOMEM;
		for (size_t i = 0; i < n; i++)
			if (!s->procs[idx[i]].queued) {
				s->procs[idx[i]].queued = true;
				uniq[m++] = idx[i];
			}
		c.idx = uniq;
	} else
		m = n;
	r = parallel_for(m, PROCS_PER_THREAD / 4, load_procs, &c);
	if (r < 0)
		return r;
	for (size_t i = 0; i < n; i++) {
		const struct nsscan_proc *p = &s->procs[idx ? idx[i] : i];

		if (p->alive && !p->command)
			return -ENOMEM;
	}
	return 0;
}

static void load_links(size_t begin, size_t end, void *userdata)
{
	struct nsscan *s = userdata;

	for (size_t i = begin; i < end; i++) {
		struct nsscan_ns *n = &s->ns[i];
		_cleanup_close_ int fd = -EBADF;

		if (n->links_loaded)
			continue;
		fd = nsscan_open_ns(s, n);
		if (fd >= 0)
			ns_set_links(n, fd);
		n->links_loaded = true;
	}
}

/**
 * nsscan_load_links() - read owner, parent and owner uid of every namespace
 * @s: a finished scan
 * @add_ancestors: also add the owners and parents that the scan did not
 *	find (a user namespace no visible process is in), as nprocs 0 entries,
 *	when their type was asked for
 *
 * Return: 0, or -ENOMEM.
 */
int nsscan_load_links(struct nsscan *s, bool add_ancestors)
{
	size_t n_before = s->n_ns;
	int r;

	r = parallel_for(s->n_ns, PROCS_PER_THREAD / 4, load_links, s);
	if (r < 0 || !add_ancestors)
		return r;
	for (size_t i = 0; i < n_before; i++) {
		r = add_chain_of(s, i);
		if (r < 0)
			return r;
	}
	return s->n_ns != n_before ? sort_ns(s) : 0;
}

/**
 * nsscan_find() - a namespace by inode
 * @s: a finished scan
 * @ino: the inode
 *
 * Return: the namespace, or NULL.
 */
const struct nsscan_ns *nsscan_find(const struct nsscan *s, ino_t ino)
{
	size_t i = ns_index(s, ino);

	return i == NSSCAN_NONE ? NULL : &s->ns[i];
}

/**
 * nsscan_find_proc() - a process by PID (binary search)
 * @s: a finished scan
 * @pid: the PID
 *
 * Return: its index in procs[], or NSSCAN_NONE.
 */
size_t nsscan_find_proc(const struct nsscan *s, pid_t pid)
{
	struct nsscan_proc key = { .pid = pid };
	const struct nsscan_proc *p =
		bsearch(&key, s->procs, s->n_procs, sizeof(*s->procs), cmp_proc);

	return p ? (size_t)(p - s->procs) : NSSCAN_NONE;
}

/**
 * nsscan_done() - free a scan
 * @s: the scan; zeroed again
 */
void nsscan_done(struct nsscan *s)
{
	for (size_t i = 0; i < s->n_ns; i++) {
		for (size_t j = 0; j < s->ns[i].n_nsfs; j++)
			free(s->ns[i].nsfs[j]);
		free(s->ns[i].nsfs);
	}
	for (size_t i = 0; i < s->n_procs; i++) {
		free(s->procs[i].fdns);
		free(s->procs[i].command);
	}
	free(s->ns);
	free(s->procs);
	free(s->slots);
	safe_close(s->proc_fd);
	*s = (struct nsscan){ .proc_fd = -EBADF };
}
