/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-nsscan.c - lib/nsscan: the "TYPE:[INODE]" names of nsfs, and scans
 * of the running system: our own namespaces with us in them; and, where
 * unprivileged user namespaces work, namespaces that no process is in, held
 * by an open file, a socket or a bind mount.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <linux/sockios.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "macro.h"
#include "ns.h"
#include "nsscan.h"
#include "tap.h"

#define ALL_TYPES ((1U << _NS_TYPE_MAX) - 1)

static ino_t ino_of_fd(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 ? st.st_ino : 0;
}

static ino_t ino_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_ino : 0;
}

static ino_t self_ino(enum ns_type t)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/ns/%s", ns_info[t].name);
	return ino_of(path);
}

/* The inode of what ioctl @req on namespace file @path returns; 0 if none. */
static ino_t ioctl_ino(const char *path, unsigned long req)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC), up = -EBADF;

	if (fd < 0)
		return 0;
	up = ioctl(fd, req);
	return up < 0 ? 0 : ino_of_fd(up);
}

TEST(parse_nsfs_name)
{
	enum ns_type t = _NS_TYPE_INVALID;
	ino_t ino = 0;

	ASSERT_OK(nsscan_parse_nsfs_name("net:[4026531840]", &t, &ino));
	EXPECT_EQ(t, NS_NET);
	EXPECT_EQ(ino, 4026531840);
	ASSERT_OK(nsscan_parse_nsfs_name("user:[1]", &t, &ino));
	EXPECT_EQ(t, NS_USER);
	EXPECT_EQ(ino, 1);
	ASSERT_OK(nsscan_parse_nsfs_name("mnt:[18446744073709551615]", &t, &ino));
	EXPECT_EQ(t, NS_MNT);
	EXPECT_EQ(ino, (ino_t)18446744073709551615ULL);
	NS_FOREACH (k) {
		char name[64];

		snprintf(name, sizeof(name), "%s:[4026532%03d]", ns_info[k].name, (int)k);
		t = _NS_TYPE_INVALID;
		EXPECT_OK(nsscan_parse_nsfs_name(name, &t, &ino));
		EXPECT_EQ(t, k);
		EXPECT_EQ(ino, 4026532000 + k);
	}
}

TEST(parse_nsfs_name_refuses)
{
	static const char *const bad[] = {
		"",
		"net",
		"net:",
		"net:[",
		"net:[]",
		"net:[12",
		"net:12]",
		"net:[12]x",
		"net:[12]]",
		"net:[1a]",
		"net:[-1]",
		"net:[ 1]",
		"net:[0]",
		"net:[18446744073709551616]",
		"net:[123456789012345678901234567890]",
		":[1]",
		"NET:[1]",
		"foo:[1]",
		"socket:[12345]",
		"pipe:[12345]",
		"pid_for_children:[1]",
		"time_for_children:[1]",
		"anon_inode:[eventfd]",
		"/proc/self/ns/net",
		"net :[1]",
		"net[1]",
	};
	enum ns_type t = NS_UTS;
	ino_t ino = 42;

	for (size_t i = 0; i < ELEMENTSOF(bad); i++) {
		int r = nsscan_parse_nsfs_name(bad[i], &t, &ino);

		if (r != -EINVAL)
			TH_LOG("\"%s\"", bad[i]);
		EXPECT_ERRNO(r, -EINVAL);
	}
	/* Nothing is written on failure. */
	EXPECT_EQ(t, NS_UTS);
	EXPECT_EQ(ino, 42);
}

TEST(scan_finds_our_namespaces)
{
	_cleanup_(nsscan_done) struct nsscan s = NSSCAN_INIT;
	size_t me;

	ASSERT_OK(nsscan_run(&s, ALL_TYPES, 0));
	ASSERT_GT(s.n_procs, 0);
	ASSERT_GT(s.n_ns, 0);
	me = nsscan_find_proc(&s, getpid());
	ASSERT_NE(me, NSSCAN_NONE);
	EXPECT_EQ(s.procs[me].pid, getpid());
	NS_FOREACH (t) {
		ino_t ino = self_ino(t);
		const struct nsscan_ns *n;

		if (!ino)
			continue; /* a kernel without this type */
		n = nsscan_find(&s, ino);
		if (!n)
			TH_LOG("%s:[%ju] not found", ns_info[t].name, (uintmax_t)ino);
		ASSERT_TRUE(n != NULL);
		EXPECT_EQ(n->ino, ino);
		EXPECT_EQ(n->type, t);
		EXPECT_GT(n->nprocs, 0);
		EXPECT_TRUE(n->from & NSSCAN_FROM_PROC);
		EXPECT_EQ(s.procs[me].ns[t], ino);
		/* Its process is the lowest PID in it, so not above ours. */
		ASSERT_NE(n->proc, NSSCAN_NONE);
		EXPECT_EQ(s.procs[n->proc].ns[t], ino);
		EXPECT_TRUE(s.procs[n->proc].pid <= getpid());
		for (size_t k = 0; k < n->proc; k++)
			EXPECT_NE(s.procs[k].ns[t], ino);
	}
	/* procs[] by PID, ns[] by inode, each once. */
	for (size_t i = 1; i < s.n_procs; i++)
		EXPECT_LT(s.procs[i - 1].pid, s.procs[i].pid);
	for (size_t i = 1; i < s.n_ns; i++)
		EXPECT_LT(s.ns[i - 1].ino, s.ns[i].ino);
	EXPECT_TRUE(nsscan_find(&s, 1) == NULL);
	EXPECT_EQ(nsscan_find_proc(&s, 0), NSSCAN_NONE);
	EXPECT_EQ(nsscan_find_proc(&s, -1), NSSCAN_NONE);
}

TEST(scan_counts_processes)
{
	_cleanup_(nsscan_done) struct nsscan s = NSSCAN_INIT;
	const struct nsscan_ns *n;
	unsigned count = 0;
	ino_t ino = self_ino(NS_USER);

	ASSERT_OK(nsscan_run(&s, ALL_TYPES, 0));
	n = nsscan_find(&s, ino);
	ASSERT_TRUE(n != NULL);
	/* NPROCS is the number of scanned processes in it. */
	for (size_t i = 0; i < s.n_procs; i++)
		count += s.procs[i].ns[NS_USER] == ino;
	EXPECT_EQ(n->nprocs, count);
}

TEST(scan_types)
{
	_cleanup_(nsscan_done) struct nsscan s = NSSCAN_INIT;
	size_t me;

	ASSERT_OK(nsscan_run(&s, (1U << NS_NET) | (1U << NS_UTS), 0));
	for (size_t i = 0; i < s.n_ns; i++)
		EXPECT_TRUE(s.ns[i].type == NS_NET || s.ns[i].type == NS_UTS);
	me = nsscan_find_proc(&s, getpid());
	ASSERT_NE(me, NSSCAN_NONE);
	EXPECT_EQ(s.procs[me].ns[NS_MNT], 0);
	EXPECT_EQ(s.procs[me].ns[NS_NET], self_ino(NS_NET));
	EXPECT_TRUE(nsscan_find(&s, self_ino(NS_MNT)) == NULL);
	EXPECT_TRUE(nsscan_find(&s, self_ino(NS_UTS)) != NULL);
}

TEST(load_procs)
{
	_cleanup_(nsscan_done) struct nsscan s = NSSCAN_INIT;
	const struct nsscan_proc *p;
	size_t me, idx[2];

	ASSERT_OK(nsscan_run(&s, ALL_TYPES, 0));
	me = nsscan_find_proc(&s, getpid());
	ASSERT_NE(me, NSSCAN_NONE);
	p = &s.procs[me];
	EXPECT_FALSE(p->loaded);
	idx[0] = idx[1] = me; /* the same process twice */
	ASSERT_OK(nsscan_load_procs(&s, idx, 2));
	EXPECT_TRUE(p->loaded);
	ASSERT_TRUE(p->alive);
	EXPECT_EQ(p->ppid, getppid());
	EXPECT_EQ(p->uid, geteuid());
	ASSERT_TRUE(p->command != NULL);
	if (!strstr(p->command, "test-nsscan"))
		TH_LOG("command: \"%s\"", p->command);
	EXPECT_TRUE(strstr(p->command, "test-nsscan") != NULL);
}

TEST(load_links)
{
	_cleanup_(nsscan_done) struct nsscan s = NSSCAN_INIT;
	const struct nsscan_ns *net, *user;
	_cleanup_close_ int fd = -EBADF, userns = -EBADF;
	uid_t uid = (uid_t)-1;

	ASSERT_OK(nsscan_run(&s, ALL_TYPES, 0));
	ASSERT_OK(nsscan_load_links(&s, false));
	net = nsscan_find(&s, self_ino(NS_NET));
	user = nsscan_find(&s, self_ino(NS_USER));
	ASSERT_TRUE(net != NULL);
	ASSERT_TRUE(user != NULL);
	EXPECT_TRUE(net->links_loaded);
	/* What NS_GET_USERNS and NS_GET_PARENT say. */
	EXPECT_EQ(net->owner, ioctl_ino("/proc/self/ns/net", NS_GET_USERNS));
	EXPECT_EQ(net->owner, self_ino(NS_USER));
	EXPECT_EQ(net->parent, 0);
	EXPECT_EQ(user->owner, ioctl_ino("/proc/self/ns/user", NS_GET_USERNS));
	EXPECT_EQ(user->parent, ioctl_ino("/proc/self/ns/user", NS_GET_PARENT));
	/* The uid is the owner's: NS_GET_OWNER_UID of our user namespace. */
	fd = open("/proc/self/ns/user", O_RDONLY | O_CLOEXEC);
	ASSERT_OK(fd);
	ASSERT_OK(ioctl(fd, NS_GET_OWNER_UID, &uid));
	EXPECT_EQ(net->uid, uid);
	EXPECT_EQ(user->uid, uid);

	/* And the namespace opens again. */
	userns = nsscan_open_ns(&s, net);
	ASSERT_OK(userns);
	EXPECT_EQ(ino_of_fd(userns), net->ino);
}

/*
 * A child in a user namespace of its own makes two network namespaces: it
 * sends a socket made in the first (N1) over the socket pair @sp, moves on
 * to the second (N2), says 'r' and waits to be killed.  It writes on sp[1],
 * we read sp[0].  Returns its PID; 0 when user namespaces are not available
 * to us.
 */
static pid_t make_netns_child(int sp[2], int *ret_sockfd)
{
	char c = 0, cbuf[CMSG_SPACE(sizeof(int))] = {};
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = cbuf,
		.msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cm;
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		int s;
		int sock = sp[1];

		if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0) {
			c = 'E';
			(void)!write(sock, &c, 1);
			_exit(0);
		}
		s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (s < 0)
			_exit(1);
		c = 'S';
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &s, sizeof(int));
		if (sendmsg(sock, &msg, 0) != 1)
			_exit(1);
		if (unshare(CLONE_NEWNET) < 0)
			_exit(1);
		c = 'r';
		if (write(sock, &c, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	/* Ours closed: should the child die, we read the end, not wait forever. */
	sp[1] = safe_close(sp[1]);
	*ret_sockfd = -EBADF;
	if (recvmsg(sp[0], &msg, 0) != 1 || c != 'S') {
		(void)waitpid(pid, NULL, 0);
		return 0;
	}
	cm = CMSG_FIRSTHDR(&msg);
	if (cm && cm->cmsg_type == SCM_RIGHTS)
		memcpy(ret_sockfd, CMSG_DATA(cm), sizeof(int));
	if (read(sp[0], &c, 1) != 1 || c != 'r') {
		(void)kill(pid, SIGKILL);
		(void)waitpid(pid, NULL, 0);
		return -EIO;
	}
	return pid;
}

static void end_child(pid_t pid)
{
	(void)kill(pid, SIGKILL);
	(void)waitpid(pid, NULL, 0);
}

TEST(namespaces_held_by_fd_and_socket)
{
	_cleanup_(nsscan_done) struct nsscan s = NSSCAN_INIT;
	_cleanup_(nsscan_done) struct nsscan nofds = NSSCAN_INIT;
	_cleanup_(nsscan_done) struct nsscan nonet = NSSCAN_INIT;
	_cleanup_close_ int nsfd = -EBADF, sockfd = -EBADF, n1fd = -EBADF, again = -EBADF;
	int sp[2];
	char path[64];
	ino_t n1, n2, u;
	const struct nsscan_ns *a, *b, *owner;
	pid_t pid;

	ASSERT_OK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp));
	pid = make_netns_child(sp, &sockfd);
	safe_close(sp[0]);
	safe_close(sp[1]);
	ASSERT_OK(pid);
	if (pid == 0)
		SKIP("no unprivileged user namespaces");
	snprintf(path, sizeof(path), "/proc/%d/ns/net", pid);
	nsfd = open(path, O_RDONLY | O_CLOEXEC);
	snprintf(path, sizeof(path), "/proc/%d/ns/user", pid);
	u = ino_of(path);
	end_child(pid);
	ASSERT_OK(nsfd);
	ASSERT_OK(sockfd);
	n2 = ino_of_fd(nsfd);
	n1fd = ioctl(sockfd, SIOCGSKNS);
	if (n1fd < 0)
		SKIP("SIOCGSKNS refused");
	n1 = ino_of_fd(n1fd);
	n1fd = safe_close(n1fd);
	ASSERT_NE(n1, n2);
	ASSERT_NE(u, 0);

	ASSERT_OK(nsscan_run(&s, ALL_TYPES, NSSCAN_FDS));
	/* N2: no process, our fd. */
	a = nsscan_find(&s, n2);
	ASSERT_TRUE(a != NULL);
	EXPECT_EQ(a->type, NS_NET);
	EXPECT_EQ(a->nprocs, 0);
	EXPECT_EQ(a->proc, NSSCAN_NONE);
	EXPECT_TRUE(a->from & NSSCAN_FROM_FD);
	EXPECT_FALSE(a->from & NSSCAN_FROM_PROC);
	EXPECT_EQ(a->src, NSSCAN_SRC_FD);
	EXPECT_EQ(a->src_pid, getpid());
	EXPECT_EQ(a->src_fd, nsfd);
	EXPECT_TRUE(a->links_loaded);
	EXPECT_EQ(a->owner, u);
	EXPECT_EQ(a->uid, geteuid());
	/* N1: no process, our socket. */
	b = nsscan_find(&s, n1);
	ASSERT_TRUE(b != NULL);
	EXPECT_EQ(b->type, NS_NET);
	EXPECT_EQ(b->nprocs, 0);
	EXPECT_TRUE(b->from & NSSCAN_FROM_FD);
	EXPECT_EQ(b->src, NSSCAN_SRC_SOCKET);
	EXPECT_EQ(b->src_pid, getpid());
	EXPECT_EQ(b->src_fd, sockfd);
	EXPECT_EQ(b->owner, u);
	/* Their owner, which no process is in either, comes along. */
	owner = nsscan_find(&s, u);
	ASSERT_TRUE(owner != NULL);
	EXPECT_EQ(owner->type, NS_USER);
	EXPECT_EQ(owner->nprocs, 0);
	EXPECT_EQ(owner->from, NSSCAN_FROM_LINK);
	EXPECT_EQ(owner->parent, self_ino(NS_USER));
	EXPECT_EQ(owner->uid, geteuid());
	/* Both open again, through the fd and through the socket. */
	again = nsscan_open_ns(&s, a);
	ASSERT_OK(again);
	EXPECT_EQ(ino_of_fd(again), n2);
	again = safe_close(again);
	again = nsscan_open_ns(&s, b);
	ASSERT_OK(again);
	EXPECT_EQ(ino_of_fd(again), n1);

	/* Without NSSCAN_FDS, or without net, none of them. */
	ASSERT_OK(nsscan_run(&nofds, ALL_TYPES, 0));
	EXPECT_TRUE(nsscan_find(&nofds, n1) == NULL);
	EXPECT_TRUE(nsscan_find(&nofds, n2) == NULL);
	EXPECT_TRUE(nsscan_find(&nofds, u) == NULL);
	ASSERT_OK(nsscan_run(&nonet, ALL_TYPES & ~(1U << NS_NET), NSSCAN_FDS));
	EXPECT_TRUE(nsscan_find(&nonet, n1) == NULL);
	EXPECT_TRUE(nsscan_find(&nonet, n2) == NULL);
	EXPECT_TRUE(nsscan_find(&nonet, u) == NULL);
}

/* Write one line to a file of /proc. */
static int write_file(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int write_file(const char *path, const char *fmt, ...)
{
	_cleanup_close_ int fd = open(path, O_WRONLY | O_CLOEXEC);
	char buf[64];
	va_list ap;
	int n;

	if (fd < 0)
		return -errno;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return write(fd, buf, (size_t)n) == n ? 0 : -EIO;
}

/*
 * In a child with user, mount and UTS namespaces of its own: bind-mount its
 * UTS namespace (U1) on a file in a private tmpfs on @dir, move on to
 * another UTS namespace and scan the mounts.  The exit status is the number
 * of the first check that failed, 0 if none, 77 when it cannot be set up.
 */
static int mounts_child(const char *dir)
{
	_cleanup_(nsscan_done) struct nsscan s = NSSCAN_INIT;
	char file[PATH_MAX];
	const struct nsscan_ns *n;
	ino_t u1, u2;
	int fd, r;

	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWUTS) < 0)
		return 77;
	/* Root inside, so that files can be made on the tmpfs. */
	if (write_file("/proc/self/setgroups", "deny") < 0 ||
	    write_file("/proc/self/uid_map", "0 %u 1", (unsigned)uid) < 0 ||
	    write_file("/proc/self/gid_map", "0 %u 1", (unsigned)gid) < 0)
		return 77;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
	    mount("test-nsscan", dir, "tmpfs", 0, "mode=0755") < 0)
		return 77;
	snprintf(file, sizeof(file), "%s/uts", dir);
	fd = open(file, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	if (fd < 0)
		return 77;
	close(fd);
	if (mount("/proc/self/ns/uts", file, NULL, MS_BIND, NULL) < 0)
		return 77;
	u1 = self_ino(NS_UTS);
	if (unshare(CLONE_NEWUTS) < 0)
		return 77;
	u2 = self_ino(NS_UTS);
	if (u1 == u2)
		return 1;
	r = nsscan_run(&s, 1U << NS_UTS, NSSCAN_MOUNTS);
	if (r == -EOPNOTSUPP)
		return 77; /* no libmount */
	if (r < 0)
		return 2;
	n = nsscan_find(&s, u1);
	if (!n)
		return 3;
	if (n->nprocs != 0 || n->proc != NSSCAN_NONE || n->type != NS_UTS)
		return 4;
	if (!(n->from & NSSCAN_FROM_MOUNT) || (n->from & NSSCAN_FROM_PROC))
		return 5;
	if (n->n_nsfs != 1 || strcmp(n->nsfs[0], file) != 0)
		return 6;
	if (!n->links_loaded || n->owner != self_ino(NS_USER))
		return 7;
	n = nsscan_find(&s, u2);
	if (!n || n->nprocs < 1 || n->n_nsfs != 0)
		return 8;
	/* Not asked for: no mounts. */
	nsscan_done(&s);
	if (nsscan_run(&s, 1U << NS_UTS, 0) < 0 || nsscan_find(&s, u1))
		return 9;
	/*
	 * Held by an fd opened through the bind mount, which is gone: the fd
	 * reads "/" in /proc/self/fd, not "uts:[...]".
	 */
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || umount2(file, MNT_DETACH) < 0)
		return 10;
	nsscan_done(&s);
	if (nsscan_run(&s, 1U << NS_UTS, NSSCAN_FDS | NSSCAN_MOUNTS) < 0)
		return 11;
	n = nsscan_find(&s, u1);
	if (!n || n->nprocs != 0 || !(n->from & NSSCAN_FROM_FD) || n->n_nsfs != 0)
		return 12;
	if (n->src != NSSCAN_SRC_FD || n->src_pid != getpid() || n->src_fd != fd)
		return 13;
	close(fd);
	return 0;
}

TEST(namespace_held_by_bind_mount)
{
	char dir[] = "/tmp/test-nsscan.XXXXXX";
	int status = 0;
	pid_t pid;

	ASSERT_TRUE(mkdtemp(dir) != NULL);
	pid = fork();
	ASSERT_OK(pid);
	if (pid == 0)
		_exit(mounts_child(dir));
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	(void)rmdir(dir);
	ASSERT_TRUE(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77)
		SKIP("no unprivileged user and mount namespaces, or no libmount");
	EXPECT_EQ(WEXITSTATUS(status), 0);
}

TAP_MAIN();
