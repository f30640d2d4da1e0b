/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "filter.h"
#include "macro.h"

/* Bounds for untrusted expressions. */
#define FILTER_TEXT_MAX 4096
#define FILTER_DEPTH_MAX 64
#define FILTER_COLUMNS_MAX 64

enum node_type {
	N_OR,
	N_AND,
	N_NOT,
	N_CMP,
	N_NUMBER,
	N_STRING,
	N_BOOL,
	N_COLUMN,
};

enum cmp_op {
	OP_EQ,
	OP_NE,
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE,
	OP_MATCH,
	OP_NMATCH,
};

struct node {
	enum node_type type;
	enum cmp_op op;
	struct node *left, *right;
	double number;
	char *string;
	bool boolean;
	int column;
	bool column_number;
	regex_t *re;
};

struct filter {
	struct node *root;
	bool uses[FILTER_COLUMNS_MAX];
};

struct parser {
	const char *p;
	int depth;
	filter_column_fn column;
	filter_is_number_fn is_number;
	void *userdata;
	struct filter *f;
	struct error *err; /* the first failure only */
};

static void node_free(struct node *n)
{
	if (!n)
		return;
	node_free(n->left);
	node_free(n->right);
	free(n->string);
	if (n->re) {
		regfree(n->re);
		free(n->re);
	}
	free(n);
}

static int fail(struct parser *ps, int err, const char *fmt, ...) _printf_(3, 4);
static int fail(struct parser *ps, int err, const char *fmt, ...)
{
	va_list ap;

	if (ps->err->code)
		return ps->err->code;
	va_start(ap, fmt);
	err = error_setv(ps->err, err, fmt, ap);
	va_end(ap);
	return err;
}

static void skip_space(struct parser *ps)
{
	while (isspace((unsigned char)*ps->p))
		ps->p++;
}

/* A word operator (AND, or, ...) that is not the start of a column name. */
static bool word(struct parser *ps, const char *w)
{
	size_t n = strlen(w);

	if (strncasecmp(ps->p, w, n) != 0)
		return false;
	if (isalnum((unsigned char)ps->p[n]) || (ps->p[n] && strchr("_.%:/-", ps->p[n])))
		return false;
	ps->p += n;
	return true;
}

static bool sym(struct parser *ps, const char *s)
{
	size_t n = strlen(s);

	if (strncmp(ps->p, s, n) != 0)
		return false;
	ps->p += n;
	return true;
}

static struct node *new_node(struct parser *ps, enum node_type type)
{
	struct node *n = calloc(1, sizeof(*n));

	if (!n)
		(void)fail(ps, -ENOMEM, "out of memory");
	else
		n->type = type;
	return n;
}

static const char *describe(const char *p)
{
	return *p ? p : "end of expression";
}

static struct node *parse_or(struct parser *ps);

static struct node *parse_number(struct parser *ps)
{
	static const char suffixes[] = "KMGTPEZY";
	const char *start = ps->p;
	struct node *n;
	char *end;
	double v;

	errno = 0;
	v = strtod(ps->p, &end);
	if (errno || end == ps->p) {
		(void)fail(ps, -EINVAL, "invalid number at \"%s\"", start);
		return NULL;
	}
	ps->p = end;
	if (*ps->p && strchr(suffixes, *ps->p)) {
		/* 1024^k by multiplying: exact for powers of two, and no libm to
		 * map at every start of nook */
		for (const char *k = suffixes; k <= strchr(suffixes, *ps->p); k++)
			v *= 1024;
		ps->p++;
		(void)sym(ps, "iB");
	}
	if (isalnum((unsigned char)*ps->p)) {
		(void)fail(ps, -EINVAL, "invalid number at \"%s\"", start);
		return NULL;
	}
	n = new_node(ps, N_NUMBER);
	if (n)
		n->number = v;
	return n;
}

static struct node *parse_primary(struct parser *ps)
{
	struct node *n;

	skip_space(ps);
	if (++ps->depth > FILTER_DEPTH_MAX) {
		(void)fail(ps, -EINVAL, "expression nested too deeply");
		return NULL;
	}
	if (sym(ps, "(")) {
		n = parse_or(ps);
		skip_space(ps);
		if (n && !sym(ps, ")")) {
			node_free(n);
			(void)fail(ps, -EINVAL, "expected ')' at %s", describe(ps->p));
			return NULL;
		}
		ps->depth--;
		return n;
	}
	ps->depth--;
	if (*ps->p == '"' || *ps->p == '\'') {
		char quote = *ps->p++;
		const char *end = ps->p;

		while (*end && *end != quote && *end != '\n' && *end != '\\')
			end++;
		if (*end != quote) {
			(void)fail(ps, -EINVAL, "unterminated string");
			return NULL;
		}
		n = new_node(ps, N_STRING);
		if (n && !(n->string = strndup(ps->p, (size_t)(end - ps->p)))) {
			node_free(n);
			(void)fail(ps, -ENOMEM, "out of memory");
			return NULL;
		}
		ps->p = end + 1;
		return n;
	}
	if (isdigit((unsigned char)*ps->p))
		return parse_number(ps);
	if (word(ps, "true") || word(ps, "false")) {
		n = new_node(ps, N_BOOL);
		if (n)
			n->boolean = tolower((unsigned char)ps->p[-1]) == 'e' &&
				     tolower((unsigned char)ps->p[-2]) == 'u';
		return n;
	}
	if (isalpha((unsigned char)*ps->p)) {
		const char *start = ps->p;
		_cleanup_free_ char *name = NULL;
		int c;

		while (isalnum((unsigned char)*ps->p) || (*ps->p && strchr("_.%:/-", *ps->p)))
			ps->p++;
		name = strndup(start, (size_t)(ps->p - start));
		if (!name) {
			(void)fail(ps, -ENOMEM, "out of memory");
			return NULL;
		}
		c = ps->column(ps->userdata, name);
		if (c < 0 || c >= FILTER_COLUMNS_MAX) {
			(void)fail(ps, -ENOENT, "%s", name);
			return NULL;
		}
		n = new_node(ps, N_COLUMN);
		if (n) {
			n->column = c;
			n->column_number = ps->is_number(ps->userdata, c);
			ps->f->uses[c] = true;
		}
		return n;
	}
	(void)fail(ps, -EINVAL, "unexpected %s", describe(ps->p));
	return NULL;
}

static struct node *parse_not(struct parser *ps)
{
	struct node *n;

	skip_space(ps);
	if ((ps->p[0] == '!' && ps->p[1] != '=' && ps->p[1] != '~' && sym(ps, "!")) ||
	    word(ps, "not")) {
		if (++ps->depth > FILTER_DEPTH_MAX) {
			(void)fail(ps, -EINVAL, "expression nested too deeply");
			return NULL;
		}
		n = new_node(ps, N_NOT);
		if (!n)
			return NULL;
		n->left = parse_not(ps);
		ps->depth--;
		if (!n->left) {
			node_free(n);
			return NULL;
		}
		return n;
	}
	return parse_primary(ps);
}

static struct node *parse_cmp(struct parser *ps)
{
	static const struct {
		const char *sym, *word;
		enum cmp_op op;
	} ops[] = {
		{ "==", "eq", OP_EQ }, { "!=", "ne", OP_NE },	 { "<=", "le", OP_LE },
		{ ">=", "ge", OP_GE }, { "=~", NULL, OP_MATCH }, { "!~", NULL, OP_NMATCH },
		{ "<", "lt", OP_LT },  { ">", "gt", OP_GT },
	};
	struct node *left = parse_not(ps), *n;

	if (!left)
		return NULL;
	skip_space(ps);
	for (size_t i = 0; i < ELEMENTSOF(ops); i++) {
		if (!sym(ps, ops[i].sym) && !(ops[i].word && word(ps, ops[i].word)))
			continue;
		n = new_node(ps, N_CMP);
		if (!n) {
			node_free(left);
			return NULL;
		}
		n->op = ops[i].op;
		n->left = left;
		n->right = parse_not(ps);
		if (!n->right) {
			node_free(n);
			return NULL;
		}
		if (n->op == OP_MATCH || n->op == OP_NMATCH) {
			int r;

			if (n->right->type != N_STRING) {
				node_free(n);
				(void)fail(ps, -EINVAL, "=~ and !~ need a \"string\" on the right");
				return NULL;
			}
			n->re = calloc(1, sizeof(*n->re));
			if (!n->re) {
				node_free(n);
				(void)fail(ps, -ENOMEM, "out of memory");
				return NULL;
			}
			r = regcomp(n->re, n->right->string, REG_EXTENDED | REG_NOSUB);
			if (r != 0) {
				char buf[256];

				(void)regerror(r, n->re, buf, sizeof(buf));
				free(n->re);
				n->re = NULL;
				node_free(n);
				(void)fail(ps, -EINVAL, "%s", buf);
				return NULL;
			}
		}
		return n;
	}
	return left;
}

/* && and || bind alike, left to right, as in libsmartcols's grammar:
 * A || B && C is (A || B) && C. */
static struct node *parse_or(struct parser *ps)
{
	struct node *left = parse_cmp(ps);

	while (left) {
		enum node_type type;
		struct node *n;

		skip_space(ps);
		if (sym(ps, "&&") || word(ps, "and"))
			type = N_AND;
		else if (sym(ps, "||") || word(ps, "or"))
			type = N_OR;
		else
			break;
		n = new_node(ps, type);
		if (!n) {
			node_free(left);
			return NULL;
		}
		n->left = left;
		n->right = parse_cmp(ps);
		if (!n->right) {
			node_free(n);
			return NULL;
		}
		left = n;
	}
	return left;
}

/**
 * filter_parse() - compile a filter expression
 * @text: the expression
 * @column: resolves column names
 * @is_number: tells number columns
 * @userdata: for @column and @is_number
 * @ret: the filter; filter_free() it
 * @ret_err: on failure, what is wrong in its message; for -ENOENT, the unknown
 *	     column's name; may be NULL
 *
 * Return: 0; -ENOENT for an unknown column; -EINVAL for a syntax error; -ENOMEM.
 */
int filter_parse(const char *text, filter_column_fn column, filter_is_number_fn is_number,
		 void *userdata, struct filter **ret, struct error *ret_err)
{
	struct error dummy;
	struct parser ps = {
		.p = text,
		.column = column,
		.is_number = is_number,
		.userdata = userdata,
		.err = ret_err ?: &dummy,
	};
	struct filter *f;

	error_clear(ps.err);
	if (strlen(text) > FILTER_TEXT_MAX)
		return error_set(ps.err, -EINVAL, "expression too long");
	f = calloc(1, sizeof(*f));
	if (!f)
		return error_set(ps.err, -ENOMEM, NULL);
	ps.f = f;
	f->root = parse_or(&ps);
	if (f->root) {
		skip_space(&ps);
		if (*ps.p)
			(void)fail(&ps, -EINVAL, "unexpected %s", ps.p);
	}
	if (ps.err->code || !f->root) {
		filter_free(f);
		return ps.err->code ?: error_set(ps.err, -EINVAL, NULL);
	}
	*ret = f;
	return 0;
}

struct value {
	enum { V_NONE, V_NUMBER, V_STRING, V_BOOL } type;
	double number;
	const char *string;
	bool boolean;
};

static struct value value_of(const struct node *n, filter_get_fn get, void *userdata)
{
	struct value v = { .type = V_NONE };

	switch (n->type) {
	case N_NUMBER:
		v.type = V_NUMBER;
		v.number = n->number;
		break;
	case N_STRING:
		v.type = V_STRING;
		v.string = n->string;
		break;
	case N_BOOL:
		v.type = V_BOOL;
		v.boolean = n->boolean;
		break;
	case N_COLUMN: {
		const char *s = get(userdata, n->column);
		char *end;

		if (!s || !*s)
			break;
		v.type = V_STRING;
		v.string = s;
		if (n->column_number) {
			double d = strtod(s, &end);

			if (end != s && !*end) {
				v.type = V_NUMBER;
				v.number = d;
			}
		}
		break;
	}
	default:
		break;
	}
	return v;
}

static bool value_true(struct value v)
{
	switch (v.type) {
	case V_NUMBER:
		return v.number != 0;
	case V_STRING:
		return *v.string;
	case V_BOOL:
		return v.boolean;
	default:
		return false;
	}
}

static bool as_number(struct value v, double *ret)
{
	char *end;

	if (v.type == V_NUMBER)
		return *ret = v.number, true;
	if (v.type == V_BOOL)
		return *ret = v.boolean, true;
	if (v.type != V_STRING)
		return false;
	*ret = strtod(v.string, &end);
	return end != v.string && !*end;
}

static int compare(struct value a, struct value b, enum cmp_op op)
{
	double x, y;
	int c;

	if (a.type == V_NONE || b.type == V_NONE)
		/* An empty cell equals nothing. */
		return op == OP_NE;
	if (a.type == V_NUMBER || b.type == V_NUMBER || a.type == V_BOOL || b.type == V_BOOL) {
		if (!as_number(a, &x) || !as_number(b, &y))
			return op == OP_NE;
		c = x < y ? -1 : x > y;
	} else
		c = strcmp(a.string, b.string);
	switch (op) {
	case OP_EQ:
		return c == 0;
	case OP_NE:
		return c != 0;
	case OP_LT:
		return c < 0;
	case OP_LE:
		return c <= 0;
	case OP_GT:
		return c > 0;
	case OP_GE:
		return c >= 0;
	default:
		return 0;
	}
}

static int eval(const struct node *n, filter_get_fn get, void *userdata)
{
	int a;

	switch (n->type) {
	case N_OR:
		a = eval(n->left, get, userdata);
		return a != 0 ? a : eval(n->right, get, userdata);
	case N_AND:
		a = eval(n->left, get, userdata);
		return a <= 0 ? a : eval(n->right, get, userdata);
	case N_NOT:
		a = eval(n->left, get, userdata);
		return a < 0 ? a : !a;
	case N_CMP: {
		struct value l = value_of(n->left, get, userdata);

		if (n->op == OP_MATCH || n->op == OP_NMATCH) {
			char num[64];
			const char *s = l.string;
			bool m;

			if (l.type == V_NUMBER) {
				(void)snprintf(num, sizeof(num), "%.15g", l.number);
				s = num;
			} else if (l.type != V_STRING)
				return n->op == OP_NMATCH;
			m = regexec(n->re, s, 0, NULL, 0) == 0;
			return n->op == OP_MATCH ? m : !m;
		}
		return compare(l, value_of(n->right, get, userdata), n->op);
	}
	default:
		return value_true(value_of(n, get, userdata));
	}
}

/**
 * filter_eval() - does a row pass?
 * @f: from filter_parse()
 * @get: the row's cells
 * @userdata: for @get
 *
 * Return: 1 yes, 0 no.
 */
int filter_eval(const struct filter *f, filter_get_fn get, void *userdata)
{
	return eval(f->root, get, userdata);
}

/* Whether the filter reads @column: its cells must be computed even when hidden. */
bool filter_uses(const struct filter *f, int column)
{
	return f && column >= 0 && column < FILTER_COLUMNS_MAX && f->uses[column];
}

void filter_free(struct filter *f)
{
	if (!f)
		return;
	node_free(f->root);
	free(f);
}
