/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * floor-lsns.c - the cheapest possible "lsns", for benchmarks.
 *
 * To list every namespace, a program has to look at every process at least
 * this much, and this program does only that:
 *
 *   - list /proc (getdents64);
 *   - for each process, readlink(2) of /proc/PID/ns/TYPE for each type asked
 *     for ("cgroup:[4026531835]": the link names the namespace);
 *   - for each process, list /proc/PID/fd and readlink(2) each fd, since a
 *     process can hold a namespace through an open file (not in mode nofd).
 *
 * It parses each ns link into an inode number and counts, and it prints one
 * line of counts at the end.  It does not group the namespaces, read who owns
 * them, open anything but directories, ask netlink for NSIDs, read the mount
 * table or print a table: that is the work nook and util-linux lsns do on top,
 * and what bench/lsns.sh measures as the ratio over this floor.
 *
 *   all   the 8 types and the fds: what "lsns" and "lsns -J" need
 *   net   the net type and the fds: what "lsns -t net" needs
 *   nofd  the 8 types, no fds: what "lsns -p PID" needs, since it counts the
 *         processes in each of PID's namespaces (so it reads every process),
 *         but a namespace PID is in is never one held only by an fd
 *
 * The processes are shared out over up to one thread per CPU (at most 8, and
 * not more than one per 256 processes), in chunks of 32 taken from an atomic
 * counter, as nook's parallel_for() does: on a multi-core machine a
 * single-threaded floor would be no floor.  It is linked like nook (dynamic
 * glibc, PIE, -z now).
 */
/* Meson passes -D_GNU_SOURCE; a plain "cc floor-lsns.c -pthread" needs it here. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_THREADS 8
#define PROCS_PER_THREAD 256
#define CHUNK 32

static const char *const types[] = { "cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts" };

struct dirent64 {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

static int proc_fd;
static int *pids;
static size_t n_pids;
static const char *const *want; /* the types to read */
static size_t n_want;
static int fds = 1; /* scan /proc/PID/fd */
static atomic_size_t next;
static atomic_size_t n_links, n_fds;

static int fail(const char *what)
{
	fprintf(stderr, "floor-lsns: %s: %s\n", what, strerror(errno));
	return EXIT_FAILURE;
}

/* Decimal, without strtol's locale and errno; -1 if not all digits. */
static long parse_num(const char *s)
{
	long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > INT32_MAX / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* "TYPE:[INODE]" -> INODE, 0 if it is not that. */
static uint64_t link_ino(const char *link)
{
	const char *p = strchr(link, '[');
	uint64_t v = 0;

	if (!p)
		return 0;
	for (p++; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (uint64_t)(*p - '0');
	return *p == ']' ? v : 0;
}

static void scan_fds(int pid, size_t *links)
{
	char path[32], buf[4096], link[256];
	long n;
	int dfd;

	(void)snprintf(path, sizeof(path), "%d/fd", pid);
	dfd = openat(proc_fd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return; /* gone, or a kernel thread's: nothing to read */
	while ((n = syscall(SYS_getdents64, dfd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n;) {
			struct dirent64 *de = (void *)(buf + off);

			off += de->reclen;
			if (de->name[0] == '.')
				continue;
			if (readlinkat(dfd, de->name, link, sizeof(link) - 1) > 0)
				(*links)++;
		}
	close(dfd);
}

static void *worker(void *arg)
{
	size_t links = 0, fd_links = 0;

	(void)arg;
	for (;;) {
		size_t begin = atomic_fetch_add(&next, CHUNK), end = begin + CHUNK;

		if (begin >= n_pids)
			break;
		if (end > n_pids)
			end = n_pids;
		for (size_t i = begin; i < end; i++) {
			for (size_t t = 0; t < n_want; t++) {
				char path[48], link[64];
				ssize_t len;

				(void)snprintf(path, sizeof(path), "%d/ns/%s", pids[i], want[t]);
				len = readlinkat(proc_fd, path, link, sizeof(link) - 1);
				if (len <= 0)
					continue;
				link[len] = '\0';
				if (link_ino(link))
					links++;
			}
			if (fds)
				scan_fds(pids[i], &fd_links);
		}
	}
	atomic_fetch_add(&n_links, links);
	atomic_fetch_add(&n_fds, fd_links);
	return NULL;
}

static int list_pids(void)
{
	char buf[32768];
	size_t cap = 0;
	long n;
	int fd = openat(proc_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n;) {
			struct dirent64 *de = (void *)(buf + off);
			long pid;

			off += de->reclen;
			pid = parse_num(de->name);
			if (pid <= 0)
				continue; /* ".", "self", "sys", ... */
			if (n_pids == cap) {
				size_t ncap = cap ? cap * 2 : 1024;
				int *nv = realloc(pids, ncap * sizeof(*pids));

				if (!nv)
					return -1;
				pids = nv;
				cap = ncap;
			}
			pids[n_pids++] = (int)pid;
		}
	close(fd);
	return n < 0 ? -1 : 0;
}

int main(int argc, char *argv[])
{
	pthread_t tids[MAX_THREADS];
	size_t threads, started = 0;
	long cpus;

	if (argc == 2 && strcmp(argv[1], "all") == 0) {
		want = types;
		n_want = sizeof(types) / sizeof(types[0]);
	} else if (argc == 2 && strcmp(argv[1], "net") == 0) {
		want = &types[3];
		n_want = 1;
	} else if (argc == 2 && strcmp(argv[1], "nofd") == 0) {
		want = types;
		n_want = sizeof(types) / sizeof(types[0]);
		fds = 0;
	} else {
		fputs("usage: floor-lsns all|net|nofd\n", stderr);
		return 2;
	}
	proc_fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (proc_fd < 0)
		return fail("/proc");
	if (list_pids() < 0)
		return fail("listing /proc");

	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	threads = n_pids / PROCS_PER_THREAD;
	if (cpus >= 1 && threads > (size_t)cpus)
		threads = (size_t)cpus;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	for (; started + 1 < threads; started++)
		if (pthread_create(&tids[started], NULL, worker, NULL) != 0)
			break;
	(void)worker(NULL);
	for (size_t i = 0; i < started; i++)
		(void)pthread_join(tids[i], NULL);

	printf("%zu processes, %zu namespace links, %zu fd links\n", n_pids,
	       (size_t)atomic_load(&n_links), (size_t)atomic_load(&n_fds));
	return EXIT_SUCCESS;
}
