/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io-util.h"
#include "macro.h"
#include "procfs.h"
#include "state.h"

/* state.json is ours, but a damaged or hostile one must not take us far. */
#define STATE_FILE_MAX (4U << 20)

static const char *const status_names[_OCI_STATUS_MAX] = {
	[OCI_STATUS_CREATING] = "creating", [OCI_STATUS_CREATED] = "created",
	[OCI_STATUS_RUNNING] = "running",   [OCI_STATUS_STOPPED] = "stopped",
	[OCI_STATUS_PAUSED] = "paused",
};

/**
 * oci_status_name() - the runtime-spec's word for a status
 * @s: the status
 *
 * Return: "created", "running", ...; NULL for none.
 */
const char *oci_status_name(enum oci_status s)
{
	return s >= 0 && s < _OCI_STATUS_MAX ? status_names[s] : NULL;
}

/**
 * oci_id_is_valid() - whether @id can name a container
 * @id: the id
 *
 * As runc accepts them: letters, digits and "_+-.", at most OCI_ID_MAX
 * bytes, and not "." or ".." (the id is a directory name under the root).
 *
 * Return: true if valid.
 */
bool oci_id_is_valid(const char *id)
{
	size_t n = strnlen(id, OCI_ID_MAX + 1);

	if (n == 0 || n > OCI_ID_MAX || streq(id, ".") || streq(id, ".."))
		return false;
	for (const char *p = id; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("_+-.", *p))
			return false;
	return true;
}

/**
 * oci_root_open() - open the state root, making it if asked
 * @root: the directory (--root)
 * @create: make it (and its parents) with mode 0700 if missing
 * @ret_fd: an O_DIRECTORY fd of it
 * @ret_err: what failed
 *
 * Return: 0; -ENOENT when it does not exist and @create is false; -errno.
 */
int oci_root_open(const char *root, bool create, int *ret_fd, struct error *ret_err)
{
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT && create) {
		char path[PATH_MAX];
		size_t n = strlen(root);

		if (n == 0 || n >= sizeof(path))
			return error_set(ret_err, -ENAMETOOLONG, "state root `%s`", root);
		memcpy(path, root, n + 1);
		for (char *p = path + 1; *p; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			if (mkdir(path, 0700) < 0 && errno != EEXIST)
				return error_set(ret_err, negative_errno(), "mkdir `%s`", path);
			*p = '/';
		}
		if (mkdir(path, 0700) < 0 && errno != EEXIST)
			return error_set(ret_err, negative_errno(), "mkdir `%s`", path);
		fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	if (fd < 0)
		return error_set(ret_err, negative_errno(), "open state root `%s`", root);
	*ret_fd = fd;
	return 0;
}

/**
 * oci_container_make() - make the directory of a new container
 * @rootfd: from oci_root_open()
 * @id: its id (checked)
 * @ret_dirfd: an O_DIRECTORY fd of the new directory
 * @ret_err: what failed
 *
 * Return: 0; -EINVAL for a bad id; -EEXIST when the id is taken; -errno.
 */
int oci_container_make(int rootfd, const char *id, int *ret_dirfd, struct error *ret_err)
{
	int fd;

	if (!oci_id_is_valid(id))
		return error_set_whole(ret_err, -EINVAL, "invalid container id `%s`", id);
	if (mkdirat(rootfd, id, 0711) < 0) {
		if (errno == EEXIST)
			return error_set_whole(ret_err, -EEXIST, "container `%s` already exists",
					       id);
		return error_set(ret_err, negative_errno(), "mkdir of the state of `%s`", id);
	}
	fd = openat(rootfd, id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return error_set(ret_err, negative_errno(), "open the state of `%s`", id);
	*ret_dirfd = fd;
	return 0;
}

/**
 * oci_container_open() - open the directory of an existing container
 * @rootfd: from oci_root_open()
 * @id: its id
 * @ret_dirfd: an O_DIRECTORY fd
 * @ret_err: "container `ID` does not exist" when there is none
 *
 * Return: 0; -ENOENT when there is no such container; -errno.
 */
int oci_container_open(int rootfd, const char *id, int *ret_dirfd, struct error *ret_err)
{
	int fd;

	if (!oci_id_is_valid(id))
		return error_set_whole(ret_err, -EINVAL, "invalid container id `%s`", id);
	fd = openat(rootfd, id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && (errno == ENOENT || errno == ENOTDIR || errno == ELOOP))
		return error_set_whole(ret_err, -ENOENT, "container `%s` does not exist", id);
	if (fd < 0)
		return error_set(ret_err, negative_errno(), "open the state of `%s`", id);
	*ret_dirfd = fd;
	return 0;
}

/**
 * oci_container_lock() - take the container's lock for a verb that changes it
 * @dirfd: the container's directory
 * @wait: block until it is free; else fail with -EWOULDBLOCK
 * @ret_err: what failed
 *
 * The lock is an flock(2) of OCI_LOCK_FILE, released when the returned fd
 * is closed (or the process dies: a killed `create` holds nothing).
 *
 * Return: the lock's fd, or -errno.
 */
int oci_container_lock(int dirfd, bool wait, struct error *ret_err)
{
	_cleanup_close_ int fd =
		openat(dirfd, OCI_LOCK_FILE, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);

	if (fd < 0)
		return error_set(ret_err, negative_errno(), "open the container's lock");
	while (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) < 0) {
		if (errno == EINTR)
			continue;
		return error_set(ret_err, negative_errno(), "lock the container");
	}
	return TAKE_FD(fd);
}

/**
 * oci_container_remove() - remove a container's directory and what is in it
 * @rootfd: from oci_root_open()
 * @id: its id
 * @ret_err: what failed
 *
 * Only plain files are expected inside; anything else is left and reported.
 *
 * Return: 0 (also when it was gone already), or -errno.
 */
int oci_container_remove(int rootfd, const char *id, struct error *ret_err)
{
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;
	int fd;

	if (!oci_id_is_valid(id))
		return error_set_whole(ret_err, -EINVAL, "invalid container id `%s`", id);
	fd = openat(rootfd, id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT
			       ? 0
			       : error_set(ret_err, negative_errno(), "open the state of `%s`", id);
	d = fdopendir(fd);
	if (!d) {
		safe_close(fd);
		return error_set(ret_err, negative_errno(), "read the state of `%s`", id);
	}
	while ((errno = 0, de = readdir(d))) {
		if (streq(de->d_name, ".") || streq(de->d_name, ".."))
			continue;
		if (unlinkat(dirfd(d), de->d_name, 0) < 0 && errno != ENOENT)
			return error_set(ret_err, negative_errno(), "remove `%s` of `%s`",
					 de->d_name, id);
	}
	if (unlinkat(rootfd, id, AT_REMOVEDIR) < 0 && errno != ENOENT)
		return error_set(ret_err, negative_errno(), "remove the state of `%s`", id);
	return 0;
}

/**
 * oci_time_now() - the time now, as state.json and `list` show it
 * @buf: "2006-01-02T15:04:05.999999999Z" (RFC 3339 with nanoseconds, UTC)
 */
void oci_time_now(char buf[static 40])
{
	struct timespec ts;
	struct tm tm;
	size_t n;

	(void)clock_gettime(CLOCK_REALTIME, &ts);
	(void)gmtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, 40, "%Y-%m-%dT%H:%M:%S", &tm);
	(void)snprintf(buf + n, 40 - n, ".%09uZ", (unsigned)(ts.tv_nsec % 1000000000));
}

/* ---- state.json ------------------------------------------------------------------------- */

static int add_string(struct json_object *o, const char *key, const char *value)
{
	struct json_object *v = json_object_new_string(value ?: "");

	if (!v || json_object_object_add(o, key, v) < 0) {
		json_object_put(v);
		return -ENOMEM;
	}
	return 0;
}

static int add_int64(struct json_object *o, const char *key, int64_t value)
{
	struct json_object *v = json_object_new_int64(value);

	if (!v || json_object_object_add(o, key, v) < 0) {
		json_object_put(v);
		return -ENOMEM;
	}
	return 0;
}

static int add_bool(struct json_object *o, const char *key, bool value)
{
	struct json_object *v = json_object_new_boolean(value);

	if (!v || json_object_object_add(o, key, v) < 0) {
		json_object_put(v);
		return -ENOMEM;
	}
	return 0;
}

static int add_annotations(struct json_object *o, const struct oci_state *s)
{
	struct json_object *a;

	if (s->n_annotations == 0)
		return 0;
	a = json_object_new_object();
	if (!a || json_object_object_add(o, "annotations", a) < 0) {
		json_object_put(a);
		return -ENOMEM;
	}
	for (size_t i = 0; i < s->n_annotations; i++)
		if (add_string(a, s->annotations[i].key, s->annotations[i].value) < 0)
			return -ENOMEM;
	return 0;
}

/* What `state` prints: the runtime-spec's state, and runc's rootfs, created and owner. */
static struct json_object *public_json(const struct oci_state *s, enum oci_status status)
{
	struct json_object *o = json_object_new_object();
	char owner[32];

	(void)snprintf(owner, sizeof(owner), "%u", (unsigned)s->owner);
	if (!o || add_string(o, "ociVersion", OCI_STATE_VERSION) < 0 ||
	    add_string(o, "id", s->id) < 0 ||
	    add_int64(o, "pid",
		      status == OCI_STATUS_STOPPED || status == OCI_STATUS_CREATING ? 0 : s->pid) <
		    0 ||
	    add_string(o, "status", oci_status_name(status)) < 0 ||
	    add_string(o, "bundle", s->bundle) < 0 || add_string(o, "rootfs", s->rootfs) < 0 ||
	    add_string(o, "created", s->created) < 0 || add_string(o, "owner", "") < 0 ||
	    add_annotations(o, s) < 0) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/**
 * oci_state_json() - the state as `state` and the hooks' stdin show it
 * @s: the state
 * @status: its status now (oci_state_status())
 * @pretty: indented by two spaces, as runc prints it; else one line
 * @ret: the text, to free()
 *
 * Return: 0, or -ENOMEM.
 */
int oci_state_json(const struct oci_state *s, enum oci_status status, bool pretty, char **ret)
{
	struct json_object *o = public_json(s, status);
	const char *text;

	if (!o)
		return -ENOMEM;
	text = json_object_to_json_string_ext(
		o, JSON_C_TO_STRING_NOSLASHESCAPE |
			   (pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED : 0));
	*ret = text ? strdup(text) : NULL;
	json_object_put(o);
	return *ret ? 0 : -ENOMEM;
}

/**
 * oci_state_write() - write state.json, whole or not at all
 * @dirfd: the container's directory
 * @s: the state
 * @ret_err: what failed
 *
 * Written to a temporary file and renamed over state.json, so that a reader
 * (or a `create` killed half-way) never sees half a file.
 *
 * Return: 0, or -errno.
 */
int oci_state_write(int dirfd, const struct oci_state *s, struct error *ret_err)
{
	struct json_object *o = public_json(s, OCI_STATUS_CREATED);
	_cleanup_close_ int fd = -EBADF;
	const char *text;
	int r = -ENOMEM;

	if (!o)
		return error_set(ret_err, -ENOMEM, "write the container's state");
	/* What later verbs need, beyond what `state` shows. */
	if (add_int64(o, "nook.startTime", (int64_t)s->start_time) < 0 ||
	    add_int64(o, "nook.owner", s->owner) < 0 ||
	    add_bool(o, "nook.rootless", s->rootless) < 0 ||
	    add_bool(o, "nook.paused", s->paused) < 0 ||
	    (s->cgroup && add_string(o, "nook.cgroup", s->cgroup) < 0) ||
	    (s->config_version && add_string(o, "nook.configVersion", s->config_version) < 0))
		goto out;
	json_object_object_del(o, "status");
	text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!text)
		goto out;
	fd = openat(dirfd, OCI_STATE_FILE ".new",
		    O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		r = negative_errno();
		goto out;
	}
	r = write_full(fd, text, strlen(text));
	if (r >= 0 && fsync(fd) < 0)
		r = negative_errno();
	if (r >= 0 && renameat(dirfd, OCI_STATE_FILE ".new", dirfd, OCI_STATE_FILE) < 0)
		r = negative_errno();
out:
	json_object_put(o);
	if (r < 0) {
		(void)unlinkat(dirfd, OCI_STATE_FILE ".new", 0);
		return error_set(ret_err, r, "write `%s`", OCI_STATE_FILE);
	}
	return 0;
}

static int get_string(struct json_object *o, const char *key, bool required, char **ret)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		return required ? -EBADMSG : 0;
	if (!json_object_is_type(v, json_type_string))
		return -EBADMSG;
	*ret = strdup(json_object_get_string(v));
	return *ret ? 0 : -ENOMEM;
}

static int get_int64(struct json_object *o, const char *key, int64_t min, int64_t max, int64_t *ret)
{
	struct json_object *v;
	int64_t x;

	if (!json_object_object_get_ex(o, key, &v))
		return 0;
	if (!json_object_is_type(v, json_type_int))
		return -EBADMSG;
	errno = 0;
	x = json_object_get_int64(v);
	if (errno || x < min || x > max)
		return -EBADMSG;
	*ret = x;
	return 0;
}

static int get_bool(struct json_object *o, const char *key, bool *ret)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		return 0;
	if (!json_object_is_type(v, json_type_boolean))
		return -EBADMSG;
	*ret = json_object_get_boolean(v);
	return 0;
}

static int read_annotations(struct json_object *o, struct oci_state *s)
{
	struct json_object *a;
	size_t n = 0;

	if (!json_object_object_get_ex(o, "annotations", &a))
		return 0;
	if (!json_object_is_type(a, json_type_object))
		return -EBADMSG;
	s->annotations = calloc((size_t)json_object_object_length(a) + 1, sizeof(*s->annotations));
	if (!s->annotations)
		return -ENOMEM;
	json_object_object_foreach(a, key, val)
	{
		if (!json_object_is_type(val, json_type_string))
			return -EBADMSG;
		s->annotations[n].key = strdup(key);
		s->annotations[n].value = strdup(json_object_get_string(val));
		s->n_annotations = ++n;
		if (!s->annotations[n - 1].key || !s->annotations[n - 1].value)
			return -ENOMEM;
	}
	return 0;
}

/**
 * oci_state_read() - read state.json
 * @dirfd: the container's directory
 * @ret: the state; oci_state_done() it
 * @ret_err: what failed
 *
 * Return: 0; -ENOENT when there is none yet (a `create` in progress, or
 * killed before it wrote one); -EBADMSG when it is damaged; -errno.
 */
int oci_state_read(int dirfd, struct oci_state *ret, struct error *ret_err)
{
	_cleanup_free_ char *text = NULL;
	_cleanup_close_ int fd = -EBADF;
	struct json_tokener *tok = NULL;
	struct json_object *o = NULL;
	struct oci_state s = { 0 };
	int64_t pid = 0, start = 0, owner = 0;
	size_t len = 0;
	int r;

	fd = openat(dirfd, OCI_STATE_FILE, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return error_set(ret_err, negative_errno(), "open `%s`", OCI_STATE_FILE);
	r = read_fd_alloc(fd, STATE_FILE_MAX, &text, &len);
	if (r < 0)
		return error_set(ret_err, r, "read `%s`", OCI_STATE_FILE);
	tok = json_tokener_new_ex(8);
	if (!tok)
		return error_set(ret_err, -ENOMEM, "read `%s`", OCI_STATE_FILE);
	o = json_tokener_parse_ex(tok, text, (int)len);
	r = -EBADMSG;
	if (!o || json_tokener_get_error(tok) != json_tokener_success ||
	    !json_object_is_type(o, json_type_object))
		goto out;
	if ((r = get_string(o, "id", true, &s.id)) < 0 ||
	    (r = get_string(o, "bundle", true, &s.bundle)) < 0 ||
	    (r = get_string(o, "rootfs", false, &s.rootfs)) < 0 ||
	    (r = get_string(o, "nook.cgroup", false, &s.cgroup)) < 0 ||
	    (r = get_string(o, "nook.configVersion", false, &s.config_version)) < 0 ||
	    (r = get_int64(o, "pid", 0, INT32_MAX, &pid)) < 0 ||
	    (r = get_int64(o, "nook.startTime", 0, INT64_MAX, &start)) < 0 ||
	    (r = get_int64(o, "nook.owner", 0, UINT32_MAX, &owner)) < 0 ||
	    (r = get_bool(o, "nook.rootless", &s.rootless)) < 0 ||
	    (r = get_bool(o, "nook.paused", &s.paused)) < 0 || (r = read_annotations(o, &s)) < 0)
		goto out;
	{
		struct json_object *v;

		if (json_object_object_get_ex(o, "created", &v) &&
		    json_object_is_type(v, json_type_string))
			(void)snprintf(s.created, sizeof(s.created), "%s",
				       json_object_get_string(v));
	}
	s.pid = (pid_t)pid;
	s.start_time = (unsigned long long)start;
	s.owner = (uid_t)owner;
	*ret = s;
	s = (struct oci_state){ 0 };
	r = 0;
out:
	json_object_put(o);
	json_tokener_free(tok);
	oci_state_done(&s);
	if (r < 0)
		return error_set(ret_err, r, "read `%s`", OCI_STATE_FILE);
	return 0;
}

/**
 * oci_state_done() - free what a state owns, and zero it
 * @s: the state
 */
void oci_state_done(struct oci_state *s)
{
	if (!s)
		return;
	free(s->id);
	free(s->bundle);
	free(s->rootfs);
	free(s->cgroup);
	free(s->config_version);
	for (size_t i = 0; i < s->n_annotations; i++) {
		free(s->annotations[i].key);
		free(s->annotations[i].value);
	}
	free(s->annotations);
	*s = (struct oci_state){ 0 };
}

/**
 * oci_state_status() - a container's status now
 * @dirfd: its directory
 * @s: its state
 * @ret: the status
 *
 * The init counts as alive only with the start time recorded at create
 * (a PID can be reused) and when it is no zombie.
 *
 * Return: 0, or -errno when /proc cannot be read.
 */
int oci_state_status(int dirfd, const struct oci_state *s, enum oci_status *ret)
{
	struct proc_stat st;
	int r;

	if (s->pid <= 0) {
		*ret = OCI_STATUS_CREATING;
		return 0;
	}
	r = procfs_read_stat(s->pid, &st);
	if (r == -ENOENT || r == -ESRCH ||
	    (r >= 0 && (st.starttime != s->start_time || st.state == 'Z' || st.state == 'X'))) {
		*ret = OCI_STATUS_STOPPED;
		return 0;
	}
	if (r < 0)
		return r;
	if (faccessat(dirfd, OCI_EXEC_FIFO, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
		*ret = OCI_STATUS_CREATED;
	else
		*ret = s->paused ? OCI_STATUS_PAUSED : OCI_STATUS_RUNNING;
	return 0;
}

/**
 * oci_foreach_container() - call @fn for every container under the root
 * @rootfd: from oci_root_open()
 * @fn: called with each id, in directory order; nonzero stops
 * @userdata: for @fn
 * @ret_err: what failed
 *
 * Return: 0, what @fn returned when it stopped, or -errno.
 */
int oci_foreach_container(int rootfd, int (*fn)(int rootfd, const char *id, void *userdata),
			  void *userdata, struct error *ret_err)
{
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;
	int fd, r;

	fd = openat(rootfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return error_set(ret_err, negative_errno(), "read the state root");
	d = fdopendir(fd);
	if (!d) {
		safe_close(fd);
		return error_set(ret_err, negative_errno(), "read the state root");
	}
	while ((errno = 0, de = readdir(d))) {
		if (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
			continue;
		if (!oci_id_is_valid(de->d_name))
			continue;
		r = fn(rootfd, de->d_name, userdata);
		if (r != 0)
			return r;
	}
	if (errno)
		return error_set(ret_err, negative_errno(), "read the state root");
	return 0;
}
