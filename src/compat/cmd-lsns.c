/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd-lsns.c - "nook lsns": util-linux lsns(8), column for column, through
 * the same libsmartcols (loaded with dlopen), with the same trees, messages
 * and exit statuses; plus --compare, the NAME and OWNER columns and the
 * "nesting" tree of user and PID namespaces.
 *
 * The namespaces come from lib/nsscan: one parallel pass over /proc that
 * reads only what identifies them.  What rows show (a process's command
 * line, an owner) is read afterwards, for the rows that will be printed.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <locale.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "alloc-util.h"
#include "dlib.h"
#include "filter.h"
#include "log.h"
#include "macro.h"
#include "netns.h"
#include "nl.h"
#include "nook.h"
#include "ns.h"
#include "nsscan.h"
#include "parse-util.h"

/* util-linux's own exit status when a namespace ioctl is missing, and libmount's failure. */
#define EXIT_UNSUPPORTED_IOCTL 2
#define EXIT_MOUNTINFO 32

enum col {
	COL_NS,
	COL_TYPE,
	COL_PATH,
	COL_NPROCS,
	COL_PID,
	COL_PPID,
	COL_COMMAND,
	COL_UID,
	COL_USER,
	COL_NETNSID,
	COL_NSFS,
	COL_PNS,
	COL_ONS,
	_COL_UL_MAX, /* util-linux's columns end here: --output-all shows these */
	COL_NAME = _COL_UL_MAX,
	COL_OWNER,
	_COL_MAX,
};

struct colinfo {
	const char *name;
	double whint;
	int flags;
	int json_type;
	const char *help;
};

static const struct colinfo infos[_COL_MAX] = {
	[COL_NS] = { "NS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		     "namespace identifier (inode number)" },
	[COL_TYPE] = { "TYPE", 5, 0, SCOLS_JSON_STRING, "kind of namespace" },
	[COL_PATH] = { "PATH", 0, 0, SCOLS_JSON_STRING, "path to the namespace" },
	[COL_NPROCS] = { "NPROCS", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
			 "number of processes in the namespace" },
	[COL_PID] = { "PID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "lowest PID in the namespace" },
	[COL_PPID] = { "PPID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "PPID of the PID" },
	[COL_COMMAND] = { "COMMAND", 0, SCOLS_FL_TRUNC, SCOLS_JSON_STRING,
			  "command line of the PID" },
	[COL_UID] = { "UID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "UID of the PID" },
	[COL_USER] = { "USER", 0, 0, SCOLS_JSON_STRING, "username of the PID" },
	[COL_NETNSID] = { "NETNSID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING,
			  "namespace ID as used by network subsystem" },
	[COL_NSFS] = { "NSFS", 0, SCOLS_FL_WRAP, SCOLS_JSON_STRING,
		       "nsfs mountpoint (usually used network subsystem)" },
	[COL_PNS] = { "PNS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		      "parent namespace identifier (inode number)" },
	[COL_ONS] = { "ONS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		      "owner namespace identifier (inode number)" },
	[COL_NAME] = { "NAME", 0, 0, SCOLS_JSON_STRING,
		       "name of the namespace: the ip netns name, else its nsfs file" },
	[COL_OWNER] = { "OWNER", 0, 0, SCOLS_JSON_STRING,
			"user who owns the namespace (of its user namespace)" },
};

/* util-linux's array holds twice its column count. */
#define COLUMNS_MAX (2 * _COL_UL_MAX)

enum tree {
	TREE_NONE,
	TREE_PROCESS,
	TREE_OWNER,
	TREE_PARENT,
	TREE_NESTING,
};

struct lsns {
	unsigned types; /* 1 << enum ns_type */
	bool type_net;	/* -t net given: NETNSID and NSFS join the default columns */
	enum col cols[COLUMNS_MAX];
	size_t ncols;
	const char *output;
	bool json, raw, noheadings, notrunc, nowrap, list, persistent, list_columns;
	enum tree tree;
	pid_t task;
	ino_t nsid;	 /* 0: all namespaces */
	bool nsid_given; /* a NAMESPACE-ID argument, even 0 */
	const char *filter_text;
	pid_t *compare;
	size_t n_compare;

	/* while printing */
	struct nsscan scan;
	struct libscols_table *tab;
	struct filter *filter;
	struct libscols_line **ns_line;	  /* by ns index */
	bool *ns_done;			  /* by ns index */
	struct libscols_line **proc_line; /* by proc index */
	struct mnl_socket *nl;
	int nl_state; /* 0 unknown, 1 NSIDs exist, -1 none assigned, -2 no netlink */
	bool need[_COL_MAX];
};

static void usage(void)
{
	printf("\nUsage:\n %s [options] [<namespace ID>]\n\n", program_name);
	fputs("List system namespaces.\n\n"
	      "Options:\n"
	      " -J, --json             use JSON output format\n"
	      " -l, --list             use list format output\n"
	      " -n, --noheadings       don't print headings\n"
	      " -o, --output <list>    define which output columns to use\n"
	      "     --output-all       output all columns\n"
	      " -P, --persistent       namespaces without processes\n"
	      " -p, --task <pid>       print process namespaces\n"
	      " -Q, --filter <expr>    apply display filter\n"
	      " -r, --raw              use the raw output format\n"
	      " -u, --notruncate       don't truncate text in columns\n"
	      " -W, --nowrap           don't use multi-line representation\n"
	      " -t, --type <name>      namespace type (mnt, net, ipc, user, pid, uts, cgroup, "
	      "time)\n"
	      " -T, --tree[=<rel>]     use tree format (parent, owner, or process)\n"
	      "\n"
	      " -H, --list-columns     list the available columns\n"
	      " -h, --help             display this help\n"
	      " -V, --version          display version\n"
	      "\n"
	      "nook extensions:\n"
	      "     --compare <pid>... which namespaces these processes share\n"
	      "     --tree=nesting     user and PID namespaces as one tree, with owners\n"
	      " -o NAME,OWNER          the ip netns name or nsfs file; the owner's user\n",
	      stdout);
	puts(strncmp(program_name, "nook ", 5) == 0 ? "\nFor more details see nook-lsns(1)."
						    : "\nFor more details see lsns(8).");
}

static int column_from_name(const char *name, size_t len)
{
	for (int i = 0; i < _COL_MAX; i++)
		if (strncasecmp(name, infos[i].name, len) == 0 && infos[i].name[len] == '\0')
			return i;
	return -1;
}

static int add_column(struct lsns *o, enum col c)
{
	if (o->ncols >= COLUMNS_MAX)
		return -E2BIG;
	o->cols[o->ncols++] = c;
	return 0;
}

/*
 * -o LIST: "+LIST" adds to the columns chosen so far; otherwise LIST replaces
 * them.  As util-linux does, an unknown name is reported with the rest of the
 * list after it, and too many columns fail without a message.
 */
static int parse_output(struct lsns *o, const char *list)
{
	const char *p = list;

	if (*p == '+')
		p++;
	else
		o->ncols = 0;
	/* util-linux: no name at all ("-o ''", "-o +") fails without a word */
	if (!*p)
		return -EINVAL;
	/* As util-linux: a trailing comma makes the last name (comma included)
	 * unknown; an empty name inside the list fails without a message. */
	while (*p) {
		size_t len = strcspn(p, ",");
		int c = len ? column_from_name(p, len) : -2;

		if (c == -1 || (p[len] == ',' && !p[len + 1]))
			return log_error("unknown column: %s", p), -EINVAL;
		if (c == -2)
			return -EINVAL;
		if (add_column(o, (enum col)c) < 0)
			return -E2BIG;
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Cells */

struct uid_name {
	uid_t uid;
	char *name;
};

static struct uid_name *uid_cache;
static size_t n_uid_cache, cap_uid_cache;

static void uid_cache_free(void)
{
	for (size_t i = 0; i < n_uid_cache; i++)
		free(uid_cache[i].name);
	uid_cache = x_free(uid_cache);
	n_uid_cache = cap_uid_cache = 0;
}

/* The user's name, or the number when there is none (as util-linux's idcache). */
static const char *user_name(uid_t uid)
{
	struct uid_name *nv;
	struct passwd *pw;
	char num[DECIMAL_STR_MAX(uid_t)];

	for (size_t i = 0; i < n_uid_cache; i++)
		if (uid_cache[i].uid == uid)
			return uid_cache[i].name;
	if (GREEDY_REALLOC(uid_cache, cap_uid_cache, n_uid_cache + 1) < 0)
		return NULL;
	nv = uid_cache;
	pw = getpwuid(uid);
	(void)snprintf(num, sizeof(num), "%u", (unsigned)uid);
	nv[n_uid_cache].uid = uid;
	nv[n_uid_cache].name = strdup(pw ? pw->pw_name : num);
	if (!nv[n_uid_cache].name)
		return NULL;
	return nv[n_uid_cache++].name;
}

static char *strdup_printf(const char *fmt, ...) _printf_(1, 2);
static char *strdup_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	return r < 0 ? NULL : s;
}

/* NETNSID: the NSID our network namespace gives @n, "unassigned", or empty. */
static char *netnsid_text(struct lsns *o, const struct nsscan_ns *n)
{
	_cleanup_close_ int fd = -EBADF;
	int id;

	if (o->nl_state == 0) {
		unsigned count;

		if (nl_open_route(&o->nl) < 0)
			o->nl_state = -2;
		else if (netns_count_ids(o->nl, &count, NULL) < 0)
			o->nl_state = 1;
		else
			o->nl_state = count ? 1 : -1;
	}
	if (o->nl_state == -2)
		return NULL;
	/* With no NSID given out at all, there is nothing to ask for each namespace. */
	if (o->nl_state == -1)
		return strdup("unassigned");
	fd = nsscan_open_ns(&o->scan, n);
	if (fd < 0 && n->n_nsfs > 0)
		fd = open(n->nsfs[0], O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0 || netns_get_id(o->nl, fd, &id, NULL) < 0)
		return NULL;
	return id == NL_NSID_NONE ? strdup("unassigned") : strdup_printf("%d", id);
}

/* NSFS: the bind mounts of @n, each once, one per line (or joined by commas). */
static char *nsfs_text(const struct lsns *o, const struct nsscan_ns *n)
{
	char sep = o->nowrap ? ',' : '\n';
	size_t len = 0;
	char *s;

	if (!n->n_nsfs)
		return NULL;
	for (size_t i = 0; i < n->n_nsfs; i++)
		len += strlen(n->nsfs[i]) + 1;
	s = malloc(len + 1);
	if (!s)
		return NULL;
	len = 0;
	for (size_t i = 0; i < n->n_nsfs; i++) {
		bool dup = false;

		for (size_t j = 0; j < i && !dup; j++)
			dup = streq(n->nsfs[i], n->nsfs[j]);
		if (dup)
			continue;
		if (len)
			s[len++] = sep;
		strcpy(s + len, n->nsfs[i]);
		len += strlen(n->nsfs[i]);
	}
	s[len] = '\0';
	return s;
}

/* NAME: "ip netns" names a network namespace by its file in /run/netns. */
static char *name_text(const struct nsscan_ns *n)
{
	for (size_t i = 0; i < n->n_nsfs; i++) {
		const char *p = n->nsfs[i];

		if (strncmp(p, "/run/netns/", 11) == 0 && p[11] && !strchr(p + 11, '/'))
			return strdup(p + 11);
	}
	return n->n_nsfs ? strdup(n->nsfs[0]) : NULL;
}

/*
 * The text of column @c for namespace @n, on the row of process @p (its
 * lowest PID, or in a namespace's process list that process; NULL for a
 * namespace without processes).  NULL is an empty cell ("null" in JSON).
 */
static char *cell_text(struct lsns *o, enum col c, const struct nsscan_ns *n,
		       const struct nsscan_proc *p)
{
	bool alive = p && p->alive;
	uid_t uid;

	switch (c) {
	case COL_NS:
		return strdup_printf("%ju", (uintmax_t)n->ino);
	case COL_TYPE:
		return strdup(ns_info[n->type].name);
	case COL_PATH:
		return p ? strdup_printf("/proc/%d/ns/%s", p->pid, ns_info[n->type].name) : NULL;
	case COL_NPROCS:
		return strdup_printf("%u", n->nprocs);
	case COL_PID:
		return p ? strdup_printf("%d", p->pid) : NULL;
	case COL_PPID:
		return alive ? strdup_printf("%d", p->ppid) : NULL;
	case COL_COMMAND:
		return alive ? strdup(p->command) : NULL;
	case COL_UID:
	case COL_USER:
		if (p && !alive)
			return NULL;
		/* Without a process: the owner of its user namespace (util-linux: root). */
		uid = p ? p->uid : n->uid == (uid_t)-1 ? 0 : n->uid;
		if (c == COL_UID)
			return strdup_printf("%u", (unsigned)uid);
		return strdup(user_name(uid) ?: "");
	case COL_NETNSID:
		return n->type == NS_NET ? netnsid_text(o, n) : NULL;
	case COL_NSFS:
		return nsfs_text(o, n);
	case COL_PNS:
		return strdup_printf("%ju", (uintmax_t)n->parent);
	case COL_ONS:
		return strdup_printf("%ju", (uintmax_t)n->owner);
	case COL_NAME:
		return name_text(n);
	case COL_OWNER:
		return n->uid == (uid_t)-1 ? NULL : strdup(user_name(n->uid) ?: "");
	default:
		return NULL;
	}
}

/* ------------------------------------------------------------------------ */
/* The table */

static void scols_tablep(struct libscols_table **t)
{
	if (*t)
		sym_scols_unref_table(*t);
}

static int new_table(struct lsns *o, const char *name)
{
	o->tab = sym_scols_new_table();
	if (!o->tab)
		return log_error("failed to initialize output table"), -ENOMEM;
	sym_scols_table_enable_raw(o->tab, o->raw);
	sym_scols_table_enable_json(o->tab, o->json);
	sym_scols_table_enable_noheadings(o->tab, o->noheadings);
	if (o->json)
		sym_scols_table_set_name(o->tab, name);
	return 0;
}

/* The trees of namespaces (not of processes): owner, parent, nesting. */
static bool ns_tree(const struct lsns *o)
{
	return o->tree == TREE_OWNER || o->tree == TREE_PARENT || o->tree == TREE_NESTING;
}

static int setup_columns(struct lsns *o)
{
	for (size_t i = 0; i < o->ncols; i++) {
		const struct colinfo *ci = &infos[o->cols[i]];
		struct libscols_column *cl;
		int flags = ci->flags;

		if (o->notrunc)
			flags &= ~SCOLS_FL_TRUNC;
		if (o->tree == TREE_PROCESS && o->cols[i] == COL_COMMAND)
			flags |= SCOLS_FL_TREE;
		if (o->nowrap)
			flags &= ~SCOLS_FL_WRAP;
		if (ns_tree(o) && o->cols[i] == COL_NS) {
			flags |= SCOLS_FL_TREE;
			flags &= ~SCOLS_FL_RIGHT;
		}
		cl = sym_scols_table_new_column(o->tab, ci->name, ci->whint, flags);
		if (!cl)
			return log_error("failed to initialize output column"), -ENOMEM;
		if (o->json)
			sym_scols_column_set_json_type(cl, ci->json_type);
		if (!o->nowrap && o->cols[i] == COL_NSFS) {
			sym_scols_column_set_wrapfunc(cl, sym_scols_wrapnl_chunksize,
						      sym_scols_wrapnl_nextchunk, NULL);
			sym_scols_column_set_safechars(cl, "\n");
		}
	}
	return 0;
}

struct row {
	struct lsns *o;
	const struct nsscan_ns *n;
	const struct nsscan_proc *p;
	char *text[_COL_MAX];
	bool have[_COL_MAX];
};

static const char *row_get(void *userdata, int column)
{
	struct row *r = userdata;

	if (!r->have[column]) {
		r->text[column] = cell_text(r->o, (enum col)column, r->n, r->p);
		r->have[column] = true;
	}
	return r->text[column];
}

static void row_free(struct row *r)
{
	for (int i = 0; i < _COL_MAX; i++)
		free(r->text[i]);
}

/*
 * Add the row of namespace @n on process @p under @parent.  Return: the line;
 * NULL when the filter dropped it (*ret_err 0) or on failure (*ret_err < 0).
 */
static struct libscols_line *add_row(struct lsns *o, const struct nsscan_ns *n,
				     const struct nsscan_proc *p, struct libscols_line *parent,
				     int *ret_err)
{
	struct row r = { .o = o, .n = n, .p = p };
	struct libscols_line *line = NULL;
	int k;

	*ret_err = 0;
	if (o->filter) {
		k = filter_eval(o->filter, row_get, &r);
		if (k <= 0) {
			row_free(&r);
			if (k < 0)
				*ret_err = log_error_errno(k, "failed to apply filter");
			return NULL;
		}
	}
	line = sym_scols_table_new_line(o->tab, parent);
	if (!line) {
		row_free(&r);
		*ret_err = log_error("failed to add line to output");
		return NULL;
	}
	for (size_t i = 0; i < o->ncols; i++) {
		char *text;

		(void)row_get(&r, (int)o->cols[i]);
		text = TAKE_PTR(r.text[o->cols[i]]);
		r.have[o->cols[i]] = false;
		if (text && sym_scols_line_refer_data(line, i, text) < 0) {
			free(text);
			row_free(&r);
			*ret_err = log_error("failed to add output data");
			return NULL;
		}
	}
	row_free(&r);
	return line;
}

static const struct nsscan_proc *ns_proc(const struct lsns *o, const struct nsscan_ns *n)
{
	return n->proc == NSSCAN_NONE ? NULL : &o->scan.procs[n->proc];
}

static size_t ns_idx(const struct lsns *o, ino_t ino)
{
	const struct nsscan_ns *n = ino ? nsscan_find(&o->scan, ino) : NULL;

	return n ? (size_t)(n - o->scan.ns) : NSSCAN_NONE;
}

/* The row a namespace hangs under in the owner, parent and nesting trees. */
static size_t tree_up(const struct lsns *o, const struct nsscan_ns *n)
{
	size_t parent = NSSCAN_NONE, owner = ns_idx(o, n->owner);

	if (n->type == NS_PID || n->type == NS_USER)
		parent = ns_idx(o, n->parent);
	switch (o->tree) {
	case TREE_OWNER:
		return owner;
	case TREE_PARENT:
		return parent;
	case TREE_NESTING:
		/* A PID namespace under its parent while the same user namespace owns
		 * both; where ownership changes, under its owner. */
		if (n->type == NS_PID && parent != NSSCAN_NONE &&
		    o->scan.ns[parent].owner != n->owner)
			return owner != NSSCAN_NONE ? owner : parent;
		return parent != NSSCAN_NONE ? parent : n->type == NS_PID ? owner : NSSCAN_NONE;
	default:
		return NSSCAN_NONE;
	}
}

static int show_namespace(struct lsns *o, size_t i)
{
	const struct nsscan_ns *n = &o->scan.ns[i];
	const struct nsscan_proc *p = ns_proc(o, n);
	struct libscols_line *parent = NULL, *line;
	size_t up = NSSCAN_NONE;
	int r;

	o->ns_done[i] = true;
	if (ns_tree(o)) {
		up = tree_up(o, n);
		/* Parents first; in the parent tree a namespace without one is
		 * preceded by its owner, as util-linux does. */
		if (up != NSSCAN_NONE && !o->ns_done[up]) {
			r = show_namespace(o, up);
			if (r < 0)
				return r;
		} else if (o->tree == TREE_PARENT && up == NSSCAN_NONE) {
			size_t owner = ns_idx(o, n->owner);

			if (owner != NSSCAN_NONE && !o->ns_done[owner]) {
				r = show_namespace(o, owner);
				if (r < 0)
					return r;
			}
		}
		if (up != NSSCAN_NONE)
			parent = o->ns_line[up];
	} else if (o->tree == TREE_PROCESS && p && p->alive) {
		size_t pp = nsscan_find_proc(&o->scan, p->ppid);

		if (pp != NSSCAN_NONE)
			parent = o->proc_line[pp];
	}
	line = add_row(o, n, p, parent, &r);
	if (!line)
		return r;
	if (ns_tree(o))
		o->ns_line[i] = line;
	else if (p)
		o->proc_line[n->proc] = line;
	return 0;
}

static bool ns_has_pid(const struct lsns *o, const struct nsscan_ns *n, pid_t pid)
{
	size_t k = nsscan_find_proc(&o->scan, pid);

	return k != NSSCAN_NONE && o->scan.procs[k].ns[n->type] == n->ino;
}

static bool ns_wanted(const struct lsns *o, const struct nsscan_ns *n)
{
	if (o->task && !ns_has_pid(o, n, o->task))
		return false;
	if (o->persistent && n->nprocs != 0)
		return false;
	return true;
}

/* Whatever a row may show must be read before the rows are made. */
static int load_for_rows(struct lsns *o)
{
	bool procs = false, links = false;
	_cleanup_free_ size_t *idx = NULL;
	size_t n = 0;

	for (int c = 0; c < _COL_MAX; c++)
		if (o->need[c]) {
			procs |= c == COL_PPID || c == COL_COMMAND || c == COL_UID || c == COL_USER;
			links |= c == COL_PNS || c == COL_ONS || c == COL_OWNER;
		}
	procs |= o->tree == TREE_PROCESS;
	links |= ns_tree(o);
	if (links) {
		int r = nsscan_load_links(&o->scan, ns_tree(o));

		if (r < 0)
			return log_error_errno(r, "failed to read namespaces");
	}
	if (!procs)
		return 0;
	idx = malloc((o->scan.n_ns + 1) * sizeof(*idx));
	if (!idx)
		return log_error_errno(-ENOMEM, "failed to read processes");
	/* In the namespace trees, rows that -p or -P leave out are still printed
	 * as the ancestors of rows they keep. */
	for (size_t i = 0; i < o->scan.n_ns; i++)
		if (o->scan.ns[i].proc != NSSCAN_NONE &&
		    (ns_tree(o) || ns_wanted(o, &o->scan.ns[i])))
			idx[n++] = o->scan.ns[i].proc;
	return nsscan_load_procs(&o->scan, idx, n) < 0 ? log_error("out of memory") : 0;
}

static int show_namespaces(struct lsns *o)
{
	int r;

	r = load_for_rows(o);
	if (r < 0)
		return r;
	o->ns_line = calloc(o->scan.n_ns + 1, sizeof(*o->ns_line));
	o->ns_done = calloc(o->scan.n_ns + 1, sizeof(*o->ns_done));
	o->proc_line = calloc(o->scan.n_procs + 1, sizeof(*o->proc_line));
	if (!o->ns_line || !o->ns_done || !o->proc_line)
		return log_error("out of memory");
	for (size_t i = 0; i < o->scan.n_ns; i++) {
		if (o->ns_done[i] || !ns_wanted(o, &o->scan.ns[i]))
			continue;
		r = show_namespace(o, i);
		if (r < 0)
			return r;
	}
	return 0;
}

static int show_process(struct lsns *o, const struct nsscan_ns *n, size_t k)
{
	const struct nsscan_proc *p = &o->scan.procs[k];
	struct libscols_line *parent = NULL;
	int r;

	o->ns_done[k] = true; /* here: by process */
	if (o->tree == TREE_PROCESS && p->alive) {
		size_t pp = nsscan_find_proc(&o->scan, p->ppid);

		/* A parent in the same namespace first, so that it can hold this row. */
		if (pp != NSSCAN_NONE && !o->ns_done[pp] &&
		    o->scan.procs[pp].ns[n->type] == n->ino) {
			r = show_process(o, n, pp);
			if (r < 0)
				return r;
		}
		if (pp != NSSCAN_NONE)
			parent = o->proc_line[pp];
	}
	o->proc_line[k] = add_row(o, n, p, parent, &r);
	return r;
}

/* lsns NSID: the processes of one namespace. */
static int show_namespace_processes(struct lsns *o)
{
	const struct nsscan_ns *n = nsscan_find(&o->scan, o->nsid);
	_cleanup_free_ size_t *idx = NULL;
	size_t m = 0;
	int r;

	/* The owner and parent trees add ancestors no process is in, so util-linux
	 * finds those too (and lists no process of theirs). */
	if (!n && (o->tree == TREE_OWNER || o->tree == TREE_PARENT)) {
		r = nsscan_load_links(&o->scan, true);
		if (r < 0)
			return log_error_errno(r, "failed to read namespaces");
		n = nsscan_find(&o->scan, o->nsid);
	}
	if (!n)
		return log_error("not found namespace: %ju", (uintmax_t)o->nsid);
	idx = malloc((o->scan.n_procs + 1) * sizeof(*idx));
	o->proc_line = calloc(o->scan.n_procs + 1, sizeof(*o->proc_line));
	o->ns_done = calloc(o->scan.n_procs + 1, sizeof(*o->ns_done));
	if (!idx || !o->proc_line || !o->ns_done)
		return log_error("out of memory");
	for (size_t k = 0; k < o->scan.n_procs; k++)
		if (o->scan.procs[k].ns[n->type] == n->ino)
			idx[m++] = k;
	if (nsscan_load_procs(&o->scan, idx, m) < 0)
		return log_error("out of memory");
	if (o->need[COL_PNS] || o->need[COL_ONS] || o->need[COL_OWNER]) {
		r = nsscan_load_links(&o->scan, false);
		if (r < 0)
			return log_error_errno(r, "failed to read namespaces");
		n = nsscan_find(&o->scan, o->nsid);
	}
	for (size_t j = 0; j < m; j++) {
		if (o->ns_done[idx[j]])
			continue;
		r = show_process(o, n, idx[j]);
		if (r < 0)
			return r;
	}
	return 0;
}

/* ------------------------------------------------------------------------ */
/* -H, --compare */

static int list_columns(struct lsns *o)
{
	_cleanup_(scols_tablep) struct libscols_table *tab = sym_scols_new_table();
	static const char *const names[] = { "HOLDER", "TYPE", "DESCRIPTION" };

	if (!tab)
		return log_error("failed to initialize output table");
	sym_scols_table_set_name(tab, "lsns-columns");
	sym_scols_table_enable_noheadings(tab, 1);
	sym_scols_table_enable_raw(tab, o->raw);
	sym_scols_table_enable_json(tab, o->json);
	for (size_t i = 0; i < ELEMENTSOF(names); i++)
		if (!sym_scols_table_new_column(tab, names[i], 0, i == 0 ? SCOLS_FL_RIGHT : 0))
			return log_error("failed to initialize output column");
	for (int c = 0; c < _COL_MAX; c++) {
		struct libscols_line *line = sym_scols_table_new_line(tab, NULL);

		if (!line)
			return log_error("failed to add line to output");
		sym_scols_line_set_data(line, 0, infos[c].name);
		sym_scols_line_set_data(line, 1,
					infos[c].json_type == SCOLS_JSON_NUMBER ? "<integer>"
										: "<string>");
		sym_scols_line_set_data(line, 2, infos[c].help);
	}
	sym_scols_print_table(tab);
	return 0;
}

/*
 * --compare PID...: for each type, each process's namespace and whether they
 * all share it: what "ls -l /proc/PID/ns" on two processes shows, side by side.
 */
static int show_compare(struct lsns *o)
{
	int r;

	r = new_table(o, "compare");
	if (r < 0)
		return EXIT_FAILURE;
	if (!sym_scols_table_new_column(o->tab, "TYPE", 0, 0))
		return log_error("failed to initialize output column");
	for (size_t i = 0; i < o->n_compare; i++) {
		char head[DECIMAL_STR_MAX(pid_t)];
		struct libscols_column *cl;

		(void)snprintf(head, sizeof(head), "%d", o->compare[i]);
		cl = sym_scols_table_new_column(o->tab, head, 10, SCOLS_FL_RIGHT);
		if (!cl)
			return log_error("failed to initialize output column");
		if (o->json)
			sym_scols_column_set_json_type(cl, SCOLS_JSON_NUMBER);
	}
	{
		struct libscols_column *cl = sym_scols_table_new_column(o->tab, "SHARED", 0, 0);

		if (!cl)
			return log_error("failed to initialize output column");
		if (o->json)
			sym_scols_column_set_json_type(cl, SCOLS_JSON_BOOLEAN);
	}
	NS_FOREACH (t) {
		struct libscols_line *line;
		bool shared = true, any = false;
		ino_t first = 0;

		if (!(o->types & (1U << t)))
			continue;
		line = sym_scols_table_new_line(o->tab, NULL);
		if (!line)
			return log_error("failed to add line to output");
		sym_scols_line_set_data(line, 0, ns_info[t].name);
		for (size_t i = 0; i < o->n_compare; i++) {
			struct ns_id id;
			char num[DECIMAL_STR_MAX(uintmax_t)], path[64];

			(void)snprintf(path, sizeof(path), "/proc/%d/ns/%s", o->compare[i],
				       ns_info[t].name);
			if (ns_identify_path(path, &id) < 0) {
				shared = false;
				continue;
			}
			(void)snprintf(num, sizeof(num), "%ju", (uintmax_t)id.ino);
			sym_scols_line_set_data(line, i + 1, num);
			if (any && id.ino != first)
				shared = false;
			if (!any)
				first = id.ino;
			any = true;
		}
		/* libsmartcols 2.38 takes a JSON boolean cell as false only when it starts with 0 or n. */
		sym_scols_line_set_data(line, o->n_compare + 1,
					o->json ? (shared && any ? "1" : "0")
						: (shared && any ? "yes" : "no"));
	}
	sym_scols_print_table(o->tab);
	return EXIT_SUCCESS;
}

/* --compare PID...: GO_ON, or the exit status after util-linux-style words. */
static int parse_compare(struct lsns *o, int argc, char *argv[])
{
	if (optind >= argc)
		return log_error("--compare needs at least one PID"), EXIT_FAILURE;
	o->compare = calloc((size_t)(argc - optind), sizeof(*o->compare));
	if (!o->compare)
		return log_error("out of memory"), EXIT_FAILURE;
	for (int i = optind; i < argc; i++) {
		pid_t pid;
		char path[32];

		if (parse_pid(argv[i], &pid) < 0 || pid < 1)
			return log_error("invalid PID argument: '%s'", argv[i]), EXIT_FAILURE;
		(void)snprintf(path, sizeof(path), "/proc/%d/ns", pid);
		if (access(path, F_OK) < 0)
			return log_error_errno(-errno, "cannot read namespaces of PID %d", pid),
			       EXIT_FAILURE;
		o->compare[o->n_compare++] = pid;
	}
	return GO_ON;
}

/* ------------------------------------------------------------------------ */

enum {
	OPT_OUTPUT_ALL = 0x100,
	OPT_COMPARE,
};

static const struct option longopts[] = { { "json", no_argument, NULL, 'J' },
					  { "task", required_argument, NULL, 'p' },
					  { "help", no_argument, NULL, 'h' },
					  { "output", required_argument, NULL, 'o' },
					  { "output-all", no_argument, NULL, OPT_OUTPUT_ALL },
					  { "persistent", no_argument, NULL, 'P' },
					  { "filter", required_argument, NULL, 'Q' },
					  { "notruncate", no_argument, NULL, 'u' },
					  { "version", no_argument, NULL, 'V' },
					  { "noheadings", no_argument, NULL, 'n' },
					  { "nowrap", no_argument, NULL, 'W' },
					  { "list", no_argument, NULL, 'l' },
					  { "raw", no_argument, NULL, 'r' },
					  { "type", required_argument, NULL, 't' },
					  { "tree", optional_argument, NULL, 'T' },
					  { "list-columns", no_argument, NULL, 'H' },
					  { "compare", no_argument, NULL, OPT_COMPARE },
					  {} };

static int parse_tree(struct lsns *o, const char *arg)
{
	if (!arg)
		o->tree = TREE_OWNER;
	else {
		if (*arg == '=')
			arg++;
		if (streq(arg, "parent"))
			o->tree = TREE_PARENT;
		else if (streq(arg, "owner"))
			o->tree = TREE_OWNER;
		else if (streq(arg, "process"))
			o->tree = TREE_PROCESS;
		else if (streq(arg, "nesting"))
			o->tree = TREE_NESTING;
		else
			return log_error("unknown tree type: %s", arg), EXIT_FAILURE;
	}
	return GO_ON;
}

/* util-linux's strtoul_or_err(): a number too large also says why. */
static int bad_number(const char *what, const char *arg, int r)
{
	if (r == -ERANGE)
		log_error("%s: '%s': %s", what, arg, strerror(ERANGE));
	else
		log_error("%s: '%s'", what, arg);
	return EXIT_FAILURE;
}

static int parse_argv(int argc, char *argv[], struct lsns *o)
{
	const char *excl_jr = NULL, *excl_pp = NULL;
	bool compare = false;
	int c, r;

	while ((c = getopt_long(argc, argv, "JlPp:o:nruhVt:T::WQ:H", longopts, NULL)) != -1) {
		/* util-linux's exclusive pairs: -J/-r and -P/-p. */
		if (c == 'J' || c == 'r') {
			if (excl_jr && *excl_jr != c)
				return log_error("options --json and --raw cannot be combined"),
				       EXIT_FAILURE;
			excl_jr = c == 'J' ? "J" : "r";
		}
		if (c == 'P' || c == 'p') {
			if (excl_pp && *excl_pp != c)
				return log_error("options --persistent and --task cannot be "
						 "combined"),
				       EXIT_FAILURE;
			excl_pp = c == 'P' ? "P" : "p";
		}
		switch (c) {
		case 'J':
			o->json = true;
			break;
		case 'l':
			o->list = true;
			break;
		case 'P':
			o->persistent = true;
			break;
		case 'p':
			r = parse_pid(optarg, &o->task);
			if (r < 0)
				return bad_number("invalid PID argument", optarg, r);
			break;
		case 'o':
			o->output = optarg;
			break;
		case OPT_OUTPUT_ALL:
			o->ncols = 0;
			for (int i = 0; i < _COL_UL_MAX; i++)
				(void)add_column(o, (enum col)i);
			break;
		case 'n':
			o->noheadings = true;
			break;
		case 'r':
			o->raw = o->nowrap = true;
			break;
		case 'u':
			o->notrunc = true;
			break;
		case 'W':
			o->nowrap = true;
			break;
		case 't': {
			enum ns_type t = ns_type_from_name(optarg);

			if (t < 0 || !streq(optarg, ns_info[t].name))
				return log_error("unknown namespace type: %s", optarg),
				       EXIT_FAILURE;
			o->types |= 1U << t;
			o->type_net |= t == NS_NET;
			break;
		}
		case 'T':
			r = parse_tree(o, optarg);
			if (r != GO_ON)
				return r;
			break;
		case 'Q':
			o->filter_text = optarg;
			break;
		case 'H':
			o->list_columns = true;
			break;
		case OPT_COMPARE:
			compare = true;
			break;
		case 'h':
			usage();
			return EXIT_SUCCESS;
		case 'V':
			return print_version("lsns");
		default:
			return log_try_help();
		}
	}
	if (!o->types)
		o->types = (1U << _NS_TYPE_MAX) - 1;
	if (compare)
		return parse_compare(o, argc, argv);
	if (optind < argc) {
		uint64_t id;

		if (o->task)
			return log_error("--task is mutually exclusive with <namespace>"),
			       EXIT_FAILURE;
		r = parse_u64(argv[optind], &id);
		if (r < 0)
			return bad_number("invalid namespace argument", argv[optind], r);
		/* 0 lists every namespace, but with the columns of a namespace's processes. */
		o->nsid = (ino_t)id;
		o->nsid_given = true;
	}
	return GO_ON;
}

/* The columns and tree when none are asked for: util-linux's rules. */
static int default_columns(struct lsns *o)
{
	if (o->nsid_given) {
		if (o->tree == TREE_NONE && !o->list)
			o->tree = TREE_PROCESS;
		if (!o->ncols) {
			(void)add_column(o, COL_PID);
			(void)add_column(o, COL_PPID);
			(void)add_column(o, COL_USER);
			(void)add_column(o, COL_COMMAND);
		}
	}
	if (!o->ncols && o->tree == TREE_NESTING) {
		/* Who owns each level: the user namespace's owner, not a process's user. */
		static const enum col nesting[] = { COL_NS,  COL_TYPE,	COL_NPROCS,
						    COL_PID, COL_OWNER, COL_COMMAND };

		for (size_t i = 0; i < ELEMENTSOF(nesting); i++)
			(void)add_column(o, nesting[i]);
	}
	if (!o->ncols) {
		static const enum col defaults[] = { COL_NS, COL_TYPE, COL_NPROCS, COL_PID,
						     COL_USER };

		for (size_t i = 0; i < ELEMENTSOF(defaults); i++)
			(void)add_column(o, defaults[i]);
		if (o->type_net) {
			(void)add_column(o, COL_NETNSID);
			(void)add_column(o, COL_NSFS);
		}
		(void)add_column(o, COL_COMMAND);
		if (o->tree == TREE_NONE && !o->list)
			o->tree = TREE_PROCESS;
	}
	if (o->tree == TREE_NESTING) {
		/* Only user and PID namespaces nest. */
		o->types &= (1U << NS_USER) | (1U << NS_PID);
		if (!o->types)
			return log_error("-T nesting shows user and pid namespaces"), -EINVAL;
	}
	if (o->output) {
		int r = parse_output(o, o->output);

		if (r < 0)
			return r;
	}
	return 0;
}

static void lsns_done(struct lsns *o)
{
	if (o->tab)
		sym_scols_unref_table(o->tab);
	filter_free(o->filter);
	nl_close(o->nl);
	nsscan_done(&o->scan);
	free(o->ns_line);
	free(o->ns_done);
	free(o->proc_line);
	free(o->compare);
	uid_cache_free();
}

static int filter_column(void *userdata, const char *name)
{
	int c = column_from_name(name, strlen(name));

	return c < 0 ? -ENOENT : c;
}

static int filter_column_is_number(void *userdata, int column)
{
	return infos[column].json_type == SCOLS_JSON_NUMBER;
}

static int setup_filter(struct lsns *o)
{
	struct error e;
	int r;

	r = filter_parse(o->filter_text, filter_column, filter_column_is_number, NULL, &o->filter,
			 &e);
	if (r == -ENOENT) {
		log_error("unknown column: %s", e.msg);
		return log_error("failed to initialize filter");
	}
	if (r < 0)
		return log_error("failed to parse \"%s\": %s", o->filter_text,
				 e.msg[0] ? e.msg : "out of memory");
	for (int c = 0; c < _COL_MAX; c++)
		if (filter_uses(o->filter, c))
			o->need[c] = true;
	return 0;
}

int cmd_lsns(int argc, char *argv[])
{
	_cleanup_(lsns_done) struct lsns o = { .scan = NSSCAN_INIT };
	unsigned flags = NSSCAN_FDS | NSSCAN_MOUNTS;
	int r;

	/* libsmartcols draws trees with line characters in a UTF-8 locale, as lsns does. */
	(void)setlocale(LC_ALL, "");
	r = parse_argv(argc, argv, &o);
	if (r != GO_ON)
		return r;
	if (dlib_load_smartcols() < 0)
		return log_error("cannot load libsmartcols: %s", dlib_error()), EXIT_FAILURE;
	if (o.list_columns)
		return list_columns(&o) < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
	if (o.n_compare)
		return show_compare(&o);
	if (default_columns(&o) < 0)
		return EXIT_FAILURE;
	for (size_t i = 0; i < o.ncols; i++)
		o.need[o.cols[i]] = true;
	if (o.filter_text && setup_filter(&o) < 0)
		return EXIT_FAILURE;

	/* Only namespaces that PID is in are shown: those that no process is in
	 * cannot be among them, so the open fds of every process need no look.
	 * An NSID is looked for among the processes first, then among fds. */
	if (o.task || o.nsid)
		flags &= ~NSSCAN_FDS;
	r = nsscan_run(&o.scan, o.types, flags);
	if (r >= 0 && o.nsid && !nsscan_find(&o.scan, o.nsid)) {
		nsscan_done(&o.scan);
		r = nsscan_run(&o.scan, o.types, flags | NSSCAN_FDS);
	}
	if (r == -EBADMSG)
		return log_error("failed to parse /proc/self/mountinfo"), EXIT_MOUNTINFO;
	if (r == -EOPNOTSUPP)
		return log_error("cannot load libmount: %s", dlib_error()), EXIT_FAILURE;
	if (r == -ENOTTY)
		return EXIT_UNSUPPORTED_IOCTL;
	if (r < 0)
		return log_error_errno(r, "failed to read namespaces"), EXIT_FAILURE;

	if (new_table(&o, "namespaces") < 0 || setup_columns(&o) < 0)
		return EXIT_FAILURE;
	r = o.nsid ? show_namespace_processes(&o) : show_namespaces(&o);
	if (r < 0)
		return EXIT_FAILURE;
	sym_scols_print_table(o.tab);
	return EXIT_SUCCESS;
}
