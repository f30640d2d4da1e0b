/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-oci-state.c - the runtime's state root: ids, directories, state.json, status. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "macro.h"
#include "procfs.h"
#include "state.h"
#include "tap.h"

static char root[64];

static int make_root(void)
{
	const char *tmp = getenv("TMPDIR");

	(void)snprintf(root, sizeof(root), "%s/nook-state.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(root) ? 0 : -errno;
}

TEST(ids)
{
	EXPECT_TRUE(oci_id_is_valid("db"));
	EXPECT_TRUE(oci_id_is_valid("a_b+c-d.e9"));
	EXPECT_TRUE(oci_id_is_valid("..."));
	EXPECT_FALSE(oci_id_is_valid(""));
	EXPECT_FALSE(oci_id_is_valid("."));
	EXPECT_FALSE(oci_id_is_valid(".."));
	EXPECT_FALSE(oci_id_is_valid("a/b"));
	EXPECT_FALSE(oci_id_is_valid("a b"));
	EXPECT_FALSE(oci_id_is_valid("ä"));
	char big[OCI_ID_MAX + 2];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	EXPECT_FALSE(oci_id_is_valid(big));
	big[OCI_ID_MAX] = '\0';
	EXPECT_TRUE(oci_id_is_valid(big));
}

TEST(make_open_remove)
{
	_cleanup_close_ int rootfd = -EBADF, dfd = -EBADF, dfd2 = -EBADF, lock = -EBADF;
	struct error e = ERROR_INIT;
	char path[128];

	ASSERT_OK(make_root());
	(void)snprintf(path, sizeof(path), "%s/a/b", root);
	/* made with its parents */
	ASSERT_OK(oci_root_open(path, true, &rootfd, &e));
	EXPECT_ERRNO(oci_container_open(rootfd, "c1", &dfd, &e), -ENOENT);
	EXPECT_STREQ(e.msg, "container `c1` does not exist");
	EXPECT_TRUE(e.flags & ERROR_MSG_WHOLE);
	ASSERT_OK(oci_container_make(rootfd, "c1", &dfd, &e));
	EXPECT_ERRNO(oci_container_make(rootfd, "c1", &dfd2, &e), -EEXIST);
	EXPECT_STREQ(e.msg, "container `c1` already exists");
	EXPECT_ERRNO(oci_container_make(rootfd, "../x", &dfd2, &e), -EINVAL);
	EXPECT_STREQ(e.msg, "invalid container id `../x`");
	ASSERT_OK(oci_container_open(rootfd, "c1", &dfd2, &e));
	lock = oci_container_lock(dfd, true, &e);
	ASSERT_OK(lock);
	/* a second lock on another fd does not wait */
	EXPECT_ERRNO(oci_container_lock(dfd2, false, &e), -EWOULDBLOCK);
	ASSERT_OK(oci_container_remove(rootfd, "c1", &e));
	EXPECT_ERRNO(oci_container_open(rootfd, "c1", &dfd2, &e), -ENOENT);
	/* gone already: fine */
	ASSERT_OK(oci_container_remove(rootfd, "c1", &e));
	EXPECT_ERRNO(oci_root_open("/nonexistent/nook-state", false, &dfd2, &e), -ENOENT);
	(void)snprintf(path, sizeof(path), "rm -rf '%s'", root);
	(void)system(path);
}

TEST(state_round_trip_and_status)
{
	_cleanup_close_ int rootfd = -EBADF, dfd = -EBADF;
	struct oci_annotation ann[2] = { { (char *)"org.x", (char *)"1" },
					 { (char *)"io.y/z", (char *)"two words" } };
	struct oci_state s = { 0 }, r = { 0 };
	struct error e = ERROR_INIT;
	enum oci_status st;
	struct proc_stat ps;
	_cleanup_free_ char *json = NULL;
	char cmd[128];
	pid_t pid;
	int status;

	ASSERT_OK(make_root());
	ASSERT_OK(oci_root_open(root, false, &rootfd, &e));
	ASSERT_OK(oci_container_make(rootfd, "web", &dfd, &e));
	/* the init: a child that waits */
	pid = fork();
	ASSERT_OK(pid);
	if (pid == 0) {
		pause();
		_exit(0);
	}
	ASSERT_OK(procfs_read_stat(pid, &ps));
	s.id = (char *)"web";
	s.pid = pid;
	s.start_time = ps.starttime;
	s.bundle = (char *)"/srv/bundle";
	s.rootfs = (char *)"/srv/bundle/rootfs";
	oci_time_now(s.created);
	s.owner = 1000;
	s.cgroup = (char *)"v1:/nook/web";
	s.config_version = (char *)"1.0.2";
	s.annotations = ann;
	s.n_annotations = 2;
	ASSERT_OK(oci_state_write(dfd, &s, &e));
	ASSERT_OK(oci_state_read(dfd, &r, &e));
	EXPECT_STREQ(r.id, "web");
	EXPECT_EQ(r.pid, pid);
	EXPECT_EQ(r.start_time, ps.starttime);
	EXPECT_STREQ(r.bundle, "/srv/bundle");
	EXPECT_STREQ(r.created, s.created);
	EXPECT_EQ(r.owner, 1000);
	EXPECT_STREQ(r.cgroup, "v1:/nook/web");
	EXPECT_EQ(r.n_annotations, 2);
	EXPECT_STREQ(r.annotations[1].value, "two words");

	/* exec.fifo there: created; gone: running; paused flag: paused */
	ASSERT_OK(mkfifoat(dfd, OCI_EXEC_FIFO, 0600));
	ASSERT_OK(oci_state_status(dfd, &r, &st));
	EXPECT_EQ(st, OCI_STATUS_CREATED);
	ASSERT_OK(unlinkat(dfd, OCI_EXEC_FIFO, 0));
	ASSERT_OK(oci_state_status(dfd, &r, &st));
	EXPECT_EQ(st, OCI_STATUS_RUNNING);
	r.paused = true;
	ASSERT_OK(oci_state_status(dfd, &r, &st));
	EXPECT_EQ(st, OCI_STATUS_PAUSED);
	r.paused = false;
	/* another start time: the PID was reused, the container is stopped */
	r.start_time++;
	ASSERT_OK(oci_state_status(dfd, &r, &st));
	EXPECT_EQ(st, OCI_STATUS_STOPPED);
	r.start_time--;

	ASSERT_OK(oci_state_json(&r, OCI_STATUS_RUNNING, false, &json));
	(void)snprintf(cmd, sizeof(cmd), "\"pid\":%d,\"status\":\"running\"", (int)pid);
	EXPECT_TRUE(strstr(json, cmd) != NULL);
	EXPECT_TRUE(strstr(json, "\"bundle\":\"/srv/bundle\"") != NULL);
	EXPECT_TRUE(strstr(json, "\"annotations\":{\"org.x\":\"1\",\"io.y/z\":\"two words\"}") !=
		    NULL);
	EXPECT_TRUE(strstr(json, "nook.") == NULL);

	/* a zombie is stopped, and so is a reaped child */
	ASSERT_OK(kill(pid, SIGKILL));
	ASSERT_OK(waitid(P_PID, pid, NULL, WEXITED | WNOWAIT));
	ASSERT_OK(oci_state_status(dfd, &r, &st));
	EXPECT_EQ(st, OCI_STATUS_STOPPED);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	ASSERT_OK(oci_state_status(dfd, &r, &st));
	EXPECT_EQ(st, OCI_STATUS_STOPPED);
	free(json);
	json = NULL;
	ASSERT_OK(oci_state_json(&r, OCI_STATUS_STOPPED, true, &json));
	EXPECT_TRUE(strstr(json, "\"pid\": 0,") != NULL);
	oci_state_done(&r);
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	(void)system(cmd);
}

TEST(damaged_state)
{
	_cleanup_close_ int rootfd = -EBADF, dfd = -EBADF, fd = -EBADF;
	struct error e = ERROR_INIT;
	struct oci_state r = { 0 };
	static const char *const bad[] = {
		"",
		"{",
		"[]",
		"{\"id\":1,\"bundle\":\"/b\"}",
		"{\"id\":\"x\"}",
		"{\"id\":\"x\",\"bundle\":\"/b\",\"pid\":-1}",
		"{\"id\":\"x\",\"bundle\":\"/b\",\"pid\":99999999999}",
		"{\"id\":\"x\",\"bundle\":\"/b\",\"annotations\":{\"a\":1}}",
		"{\"id\":\"x\",\"bundle\":\"/b\",\"a\":[[[[[[[[[[[[1]]]]]]]]]]]]}",
	};
	char cmd[128];

	ASSERT_OK(make_root());
	ASSERT_OK(oci_root_open(root, false, &rootfd, &e));
	ASSERT_OK(oci_container_make(rootfd, "d", &dfd, &e));
	EXPECT_ERRNO(oci_state_read(dfd, &r, &e), -ENOENT);
	for (size_t i = 0; i < ELEMENTSOF(bad); i++) {
		fd = openat(dfd, OCI_STATE_FILE, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		ASSERT_OK(fd);
		ASSERT_EQ(write(fd, bad[i], strlen(bad[i])), (ssize_t)strlen(bad[i]));
		fd = safe_close(fd);
		EXPECT_ERRNO(oci_state_read(dfd, &r, &e), -EBADMSG);
		if (e.code != -EBADMSG)
			TH_LOG("accepted: %s", bad[i]);
	}
	/* a symlink is not followed */
	ASSERT_OK(unlinkat(dfd, OCI_STATE_FILE, 0));
	ASSERT_OK(symlinkat("/etc/passwd", dfd, OCI_STATE_FILE));
	EXPECT_ERRNO(oci_state_read(dfd, &r, &e), -ELOOP);
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	(void)system(cmd);
}

TAP_MAIN();
