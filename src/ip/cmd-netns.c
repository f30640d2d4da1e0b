/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd-netns.c - "nook netns": iproute2 6.1's "ip netns", word for word:
 * the same sub-commands (matched by prefix, in ip's order), messages, exit
 * statuses and JSON, on the same /run/netns, so that ip and nook use each
 * other's names.  Plus "connect" (src/ip/netns-connect.c).
 *
 * Where ip 6.1 has a bug that no script can rely on, nook does not copy it:
 * "-all exec" stops a child whose switch failed instead of letting it run
 * the rest of the loop a second time; "-all add ../x" is refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc-util.h"
#include "error.h"
#include "ip.h"
#include "macro.h"
#include "netns.h"
#include "nl.h"
#include "nook.h"

/* ip's usage text with "ip" read as "nook", and connect after monitor. */
static const char usage_text[] =
	"Usage:\tnook netns list\n"
	"\tnook netns add NAME\n"
	"\tnook netns attach NAME PID\n"
	"\tnook netns set NAME NETNSID\n"
	"\tnook [-all] netns delete [NAME]\n"
	"\tnook netns identify [PID]\n"
	"\tnook netns pids NAME\n"
	"\tnook [-all] netns exec [NAME] cmd ...\n"
	"\tnook netns monitor\n"
	"\tnook netns connect NS1 NS2 [--addr CIDR1 CIDR2] | connect NS --bridge BR [--addr CIDR]\n"
	"\tnook netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]\n"
	"NETNSID := auto | POSITIVE-INT\n";

static int usage(void)
{
	(void)fflush(stdout);
	fputs(usage_text, stderr);
	return IP_EXIT_USAGE;
}

/* ip's get_integer()/get_s32(): strtol() base 0 ("0x10", "010"), the whole word, an int. */
static int parse_ip_int(const char *s, int *ret)
{
	char *end;
	long v;

	if (!s || !*s)
		return -EINVAL;
	errno = 0;
	v = strtol(s, &end, 0);
	if (end == s || *end)
		return -EINVAL;
	if ((v == LONG_MIN || v == LONG_MAX) && errno == ERANGE)
		return -ERANGE;
	if (v > INT32_MAX || v < INT32_MIN)
		return -ERANGE;
	*ret = (int)v;
	return 0;
}

/* A warning of netns_create(): the only one is the lock of /run/netns. */
static void create_warn_cb(const struct error *e, void *userdata _unused_)
{
	(void)ip_err(0, "Warning: %s: %s", e->msg, error_why(e));
}

/* A warning of netns_switch(), in ip's words: a bind of /etc/netns/NAME/FILE, the VRF. */
static void switch_warn_cb(const struct error *e, void *userdata _unused_)
{
	(void)ip_err(0, "%s: %s", e->msg, error_why(e));
}

/* ip's line for a failure that lib/ words as ip does ("mkdir /run/netns failed"). */
static int fail_line(int status, const struct error *e)
{
	return ip_err(status, "%s: %s", e->msg, error_why(e));
}

/*
 * The names of /run/netns with the NSID each has in our namespace, read
 * once.  ip asks the kernel about every name twice for "list" (building its
 * NSID cache, then listing) and prints the kernel's complaint about a name
 * that is no namespace each time; so does nook, from what it read.
 */
struct entry {
	char *name;
	int id;		   /* NL_NSID_NONE when it has none or could not be asked */
	bool failed;	   /* the kernel refused the query: err says why */
	bool in_map;	   /* in ip's NSID -> name cache (the first name of each id) */
	struct error *err; /* when failed */
};

struct entries {
	struct entry *v;
	size_t n, cap;
};

static void entries_done(struct entries *es)
{
	for (size_t i = 0; i < es->n; i++) {
		free(es->v[i].name);
		free(es->v[i].err);
	}
	es->v = x_free(es->v);
	es->n = es->cap = 0;
}

static int collect_cb(const char *name, int nsid, const struct error *err, void *userdata)
{
	struct entries *es = userdata;
	struct entry *e;

	if (GREEDY_REALLOC(es->v, es->cap, es->n + 1) < 0)
		return -ENOMEM;
	e = &es->v[es->n];
	*e = (struct entry){ .name = strdup(name), .id = nsid };
	if (!e->name)
		return -ENOMEM;
	es->n++;
	if (err) {
		e->failed = true;
		e->err = malloc(sizeof(*err));
		if (e->err)
			*e->err = *err;
	}
	return 0;
}

static void entry_complain(const struct entry *e)
{
	if (e->failed && e->err)
		(void)ip_nl_error(e->err);
}

/*
 * Read /run/netns and build ip's NSID cache (its netns_map_init()), with
 * its complaints.  A directory that cannot be read counts as none, as in ip.
 * Return: GO_ON (*@ret_found says whether there is a directory), or an
 * exit status after a message.
 */
static int entries_load(struct entries *es, struct mnl_socket *nl, bool *ret_found)
{
	struct stat st;
	int r;

	*ret_found = false;
	if (stat(NETNS_RUN_DIR, &st) < 0)
		return GO_ON;
	r = netns_foreach_id(nl, collect_cb, es);
	if (r == -ENOMEM)
		return ip_err(IP_EXIT_FAIL, "Cannot allocate memory");
	if (r < 0)
		return GO_ON;
	*ret_found = true;
	for (size_t i = 0; i < es->n; i++) {
		struct entry *e = &es->v[i];
		bool first = e->id >= 0;

		entry_complain(e);
		for (size_t j = 0; first && j < i; j++)
			if (es->v[j].id == e->id)
				first = false;
		e->in_map = first;
	}
	return GO_ON;
}

static int do_list(void)
{
	_cleanup_nl_ struct mnl_socket *nl = NULL;
	_cleanup_(entries_done) struct entries es = {};
	bool found;
	int r;

	/* Without rtnetlink, names are listed without NSIDs, as ip does without RTM_GETNSID. */
	if (nl_open_route(&nl) < 0)
		nl = NULL;
	r = entries_load(&es, nl, &found);
	if (r != GO_ON)
		return r;
	if (!found)
		return 0;
	json_start();
	for (size_t i = 0; i < es.n; i++) {
		const struct entry *e = &es.v[i];

		open_json_object(NULL);
		print_string(PRINT_ANY, "name", "%s", e->name);
		entry_complain(e);
		if (e->id >= 0)
			print_int(PRINT_ANY, "id", " (id: %d)", e->id);
		print_text("\n");
		close_json_object();
	}
	(void)json_finish();
	return 0;
}

/* ip's lookup of a peer's name in its NSID cache, and the fallback when it is not there. */
static struct entry *map_get(struct entries *es, int id)
{
	for (size_t i = 0; id >= 0 && i < es->n; i++)
		if (es->v[i].in_map && es->v[i].id == id)
			return &es->v[i];
	return NULL;
}

static struct entry *scan_for_id(struct entries *es, int id)
{
	for (size_t i = 0; id >= 0 && i < es->n; i++) {
		/* ip asks the kernel again about each name until one matches. */
		entry_complain(&es->v[i]);
		if (es->v[i].id == id)
			return &es->v[i];
	}
	return NULL;
}

static int print_id_cb(const struct netns_id_entry *id, void *userdata)
{
	struct entries *es = userdata;
	struct entry *e;

	open_json_object(NULL);
	if (id->nsid < 0)
		print_text("nsid unassigned ");
	else
		print_int(PRINT_ANY, "nsid", "nsid %d ", id->nsid);
	if (id->has_current) {
		if (id->current_nsid < 0)
			print_text("current-nsid unassigned ");
		else
			print_int(PRINT_ANY, "current-nsid", "current-nsid %d ", id->current_nsid);
	}
	/* As ip: the cached name of the peer is used once, then looked up afresh. */
	e = map_get(es, id->has_current ? id->current_nsid : id->nsid);
	if (e) {
		print_string(PRINT_ANY, "name", "(iproute2 netns name: %s)", e->name);
		e->in_map = false;
	} else {
		e = scan_for_id(es, id->nsid);
		if (e) {
			print_string(PRINT_ANY, "name", "(iproute2 netns name: %s)", e->name);
			if (!map_get(es, e->id))
				e->in_map = true;
		}
	}
	print_text("\n");
	close_json_object();
	return 0;
}

/* "target-nsid N" and "nsid N" of list-id; GO_ON, or an exit status after ip's message. */
static int parse_list_id(int argc, char **argv, int *target, int *nsid)
{
	for (; argc > 0; argc--, argv++) {
		const char *key;
		int *val;

		if (streq(argv[0], "target-nsid"))
			val = target, key = "target-nsid";
		else if (streq(argv[0], "nsid"))
			val = nsid, key = "nsid";
		else
			return usage();
		if (*val >= 0)
			return ip_duparg(key, argv[0]);
		if (argc <= 1)
			return ip_incomplete();
		argc--, argv++;
		if (parse_ip_int(argv[0], val) < 0)
			return streq(key, "nsid")
				       ? ip_invarg("\"nsid\" value is invalid", argv[0])
				       : ip_invarg("\"target-nsid\" value is invalid", argv[0]);
		if (*val < 0) {
			/* ip names the word after the value here (NULL at the end). */
			const char *next = argv[1] ? argv[1] : "(null)";

			return streq(key, "nsid")
				       ? ip_invarg("\"nsid\" value should be >= 0", next)
				       : ip_invarg("\"target-nsid\" value should be >= 0", next);
		}
	}
	return GO_ON;
}

static int do_list_id(int argc, char **argv)
{
	_cleanup_nl_ struct mnl_socket *nl = NULL;
	_cleanup_(entries_done) struct entries es = {};
	int target = -1, nsid = -1, r;
	struct error err;
	bool found;

	r = ip_open_route(&nl);
	if (r != GO_ON)
		return r;
	r = entries_load(&es, nl, &found);
	if (r != GO_ON)
		return r;
	r = parse_list_id(argc, argv, &target, &nsid);
	if (r != GO_ON)
		return r;

	json_start();
	/* With "nsid N", one query: nothing is printed when the kernel refuses it. */
	if (netns_list_ids(nl, target, nsid, print_id_cb, &es, &err) < 0) {
		if (nsid >= 0)
			return ip_nl_error(&err);
		(void)ip_nl_error(&err);
		(void)json_finish();
		return ip_err(IP_EXIT_FAIL, "Dump terminated");
	}
	(void)json_finish();
	return 0;
}

/* "add" and "attach": name @name's namespace, or a new one (@pid 0). */
static int create(const char *name, pid_t pid)
{
	struct error err = ERROR_INIT;

	/* Checked here for "-all add" (cmd_netns() checks the word otherwise): ip's status. */
	if (!netns_name_is_valid(name))
		return ip_err(IP_EXIT_USAGE, "Invalid netns name \"%s\"", name);
	if (netns_create(name, pid, create_warn_cb, NULL, &err) < 0)
		return fail_line(IP_EXIT_FAIL, &err);
	return 0;
}

static int do_add(int argc, char **argv)
{
	if (argc < 1)
		return ip_err(IP_EXIT_FAIL, "No netns name specified");
	return create(argv[0], 0);
}

static int do_attach(int argc, char **argv)
{
	int pid;

	if (argc < 2)
		return ip_err(IP_EXIT_FAIL, "No netns name and PID specified");
	if (parse_ip_int(argv[1], &pid) < 0 || pid == 0)
		return ip_err(IP_EXIT_FAIL, "Invalid PID: %s", argv[1]);
	return create(argv[0], pid);
}

static int do_set(int argc, char **argv)
{
	_cleanup_nl_ struct mnl_socket *nl = NULL;
	_cleanup_close_ int fd = -EBADF;
	struct error err;
	int nsid, r;

	if (argc < 1)
		return ip_err(IP_EXIT_FAIL, "No netns name specified");
	if (argc < 2)
		return ip_err(IP_EXIT_FAIL, "No nsid specified");
	/* A negative NSID asks the kernel to choose one. */
	if (streq(argv[1], "auto"))
		nsid = -1;
	else if (parse_ip_int(argv[1], &nsid) < 0)
		return ip_invarg("Invalid \"netnsid\" value", argv[1]);
	else if (nsid < 0)
		return ip_invarg("\"netnsid\" value should be >= 0", argv[1]);

	fd = netns_open(argv[0]);
	if (fd < 0)
		return ip_err(IP_EXIT_FAIL, "Cannot open network namespace \"%s\": %s", argv[0],
			      strerror(fd == -EINVAL ? ENOENT : -fd));
	r = ip_open_route(&nl);
	if (r != GO_ON)
		return r;
	if (netns_set_id(nl, fd, nsid, &err) < 0)
		return ip_nl_error(&err);
	return 0;
}

static int delete_cb(const char *name, void *userdata)
{
	int r = netns_delete(name);

	if (r < 0) {
		(void)ip_err(IP_EXIT_FAIL, "Cannot remove namespace file \"%s/%s\": %s",
			     NETNS_RUN_DIR, name, strerror(-r));
		return 1; /* ip stops at the first failure, and still exits 0 */
	}
	return 0;
}

static int do_delete(int argc, char **argv)
{
	int r;

	if (ip_opts.all) {
		r = netns_foreach(delete_cb, NULL);
		if (r < 0)
			return ip_err(IP_EXIT_FAIL, "Failed to open directory %s: %s",
				      NETNS_RUN_DIR, strerror(-r));
		return 0;
	}
	if (argc < 1)
		return ip_err(IP_EXIT_FAIL, "No netns name specified");
	if (!netns_name_is_valid(argv[0]))
		return ip_err(IP_EXIT_USAGE, "Invalid netns name \"%s\"", argv[0]);
	return delete_cb(argv[0], NULL) == 0 ? 0 : IP_EXIT_FAIL;
}

static bool is_pid(const char *s)
{
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static int do_identify(int argc, char **argv)
{
	_cleanup_free_ char *name = NULL;
	_cleanup_close_ int fd = -EBADF;
	const char *pid = "self";
	char path[PATH_MAX];
	struct stat st;
	int r;

	if (argc > 1)
		return ip_err(IP_EXIT_FAIL, "extra arguments specified");
	if (argc == 1) {
		pid = argv[0];
		if (!is_pid(pid))
			return ip_err(IP_EXIT_FAIL, "Specified string '%s' is not a pid", pid);
	}
	(void)snprintf(path, sizeof(path), "/proc/%s/ns/net", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ip_err(IP_EXIT_FAIL, "Cannot open network namespace: %s", strerror(errno));
	if (fstat(fd, &st) < 0)
		return ip_err(IP_EXIT_FAIL, "Stat of netns failed: %s", strerror(errno));
	r = netns_find_name(st.st_dev, st.st_ino, &name);
	if (r < 0)
		return ip_err(IP_EXIT_FAIL, "Failed to open directory %s:%s", NETNS_RUN_DIR,
			      strerror(-r));
	printf("%s\n", name ? name : "");
	return 0;
}

static int print_pid_cb(pid_t pid, void *userdata)
{
	printf("%d\n", (int)pid);
	return 0;
}

static int do_pids(int argc, char **argv)
{
	_cleanup_close_ int fd = -EBADF;
	struct stat st;
	int r;

	if (argc < 1)
		return ip_err(IP_EXIT_FAIL, "No netns name specified");
	if (argc > 1)
		return ip_err(IP_EXIT_FAIL, "extra arguments specified");
	fd = netns_open(argv[0]);
	if (fd < 0)
		return ip_err(IP_EXIT_FAIL, "Cannot open network namespace: %s",
			      strerror(fd == -EINVAL ? ENOENT : -fd));
	if (fstat(fd, &st) < 0)
		return ip_err(IP_EXIT_FAIL, "Stat of netns failed: %s", strerror(errno));
	r = netns_foreach_pid(st.st_dev, st.st_ino, print_pid_cb, NULL);
	if (r < 0)
		return ip_err(IP_EXIT_FAIL, "Open of /proc failed: %s", strerror(-r));
	return 0;
}

/* Switch to @name and exec @argv; returns only on failure, with the exit status. */
static int switch_and_exec(const char *name, char **argv)
{
	struct error err = ERROR_INIT;

	/* ip exits 255 for every failure of the switch. */
	if (netns_switch(name, switch_warn_cb, NULL, &err) < 0)
		return fail_line(IP_EXIT_USAGE, &err);
	execvp(argv[0], argv);
	return ip_err(IP_EXIT_FAIL, "exec of \"%s\" failed: %s", argv[0], strerror(errno));
}

struct exec_all {
	char **argv;
	int status; /* set when the loop must stop */
};

/* "-all exec": "\nnetns: NAME", then CMD in NAME in a child, waited for. */
static int exec_one_cb(const char *name, void *userdata)
{
	struct exec_all *x = userdata;
	int status;
	pid_t pid;

	printf("\nnetns: %s\n", name);
	(void)fflush(stdout);
	pid = fork();
	if (pid < 0) {
		x->status = ip_err(IP_EXIT_FAIL, "fork: %s", strerror(errno));
		return 1;
	}
	if (pid == 0)
		_exit(switch_and_exec(name, x->argv));
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			x->status = ip_err(IP_EXIT_FAIL, "waitpid: %s", strerror(errno));
			return 1;
		}
	/* ip gives up at once (exit 1) when a command dies of a signal. */
	if (!WIFEXITED(status)) {
		x->status = IP_EXIT_FAIL;
		return 1;
	}
	return 0;
}

static int do_exec(int argc, char **argv)
{
	struct exec_all x = { .status = 0 };
	int r;

	if (argc < 1 && !ip_opts.all)
		return ip_err(IP_EXIT_FAIL, "No netns name specified");
	if ((argc < 2 && !ip_opts.all) || argc < 1)
		return ip_err(IP_EXIT_FAIL, "No command specified");
	if (ip_opts.all) {
		x.argv = argv;
		r = netns_foreach(exec_one_cb, &x);
		if (r < 0)
			return ip_err(IP_EXIT_FAIL, "Failed to open directory %s: %s",
				      NETNS_RUN_DIR, strerror(-r));
		return x.status;
	}
	/* No fork: CMD replaces nook and its exit status is ours. */
	(void)fflush(stdout);
	return switch_and_exec(argv[0], argv + 1);
}

static int monitor_cb(bool added, const char *name, void *userdata)
{
	printf("%s %s\n", added ? "add" : "delete", name);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int do_monitor(void)
{
	struct error err = ERROR_INIT;
	_cleanup_close_ int fd = netns_monitor_open(&err);
	int r;

	if (fd < 0)
		return fail_line(IP_EXIT_FAIL, &err);
	/* Every event is flushed as it comes, so that a pipe sees it at once. */
	for (;;) {
		r = netns_monitor_read(fd, monitor_cb, NULL);
		if (r < 0)
			return ip_err(IP_EXIT_FAIL, "read failed: %s", strerror(-r));
		if (r > 0)
			return IP_EXIT_FAIL;
	}
}

int cmd_netns(int argc, char *argv[])
{
	const char *cmd;

	argc--, argv++;
	if (argc < 1)
		return do_list();
	cmd = argv[0];

	/* nook's own: no ip word starts with "c", so a prefix is unambiguous. */
	if (ip_matches(cmd, "connect")) {
		argv[0] = (char *)"connect";
		return netns_connect(argc, argv);
	}

	/* ip checks the word after the sub-command, whatever it is, unless -all. */
	if (!ip_opts.all && argc > 1 && !netns_name_is_valid(argv[1]))
		return ip_err(IP_EXIT_USAGE, "Invalid netns name \"%s\"", argv[1]);

	if (ip_matches(cmd, "list") || ip_matches(cmd, "show") || ip_matches(cmd, "lst"))
		return do_list();
	if (ip_matches(cmd, "list-id"))
		return do_list_id(argc - 1, argv + 1);
	if (ip_matches(cmd, "help"))
		return usage();
	if (ip_matches(cmd, "add"))
		return do_add(argc - 1, argv + 1);
	if (ip_matches(cmd, "set"))
		return do_set(argc - 1, argv + 1);
	if (ip_matches(cmd, "delete"))
		return do_delete(argc - 1, argv + 1);
	if (ip_matches(cmd, "identify"))
		return do_identify(argc - 1, argv + 1);
	if (ip_matches(cmd, "pids"))
		return do_pids(argc - 1, argv + 1);
	if (ip_matches(cmd, "exec"))
		return do_exec(argc - 1, argv + 1);
	if (ip_matches(cmd, "monitor"))
		return do_monitor();
	if (ip_matches(cmd, "attach"))
		return do_attach(argc - 1, argv + 1);
	return ip_err(IP_EXIT_USAGE, "Command \"%s\" is unknown, try \"nook netns help\".", cmd);
}
