/* Source positions in JSON text (see sim/scenario/json.h). One pass over the (already
 * validated) text records where every value and member key starts, as a tree that mirrors the
 * document, and where every line starts. A path is then followed node by node (an array index
 * is one step, a key a look at the object's own members) and a line found by binary search,
 * so positions for all n steps of a scenario cost O(n) together, not O(n^2). */
#include "sim/scenario/json.h"

#include <stdlib.h>
#include <string.h>

struct json_node {
    long key;                       /* a member's key (its opening quote); -1 otherwise */
    long value;                     /* the value's first character */
    size_t nkids, cap;
    struct json_node *kids;         /* an object's members or an array's elements, in order */
};

struct json_index {
    const char *text;
    struct json_node root;
    long *lines;                    /* offset where each line starts; lines[0] = 0 */
    size_t nlines;
    bool oom;
};

void json_line_col(const char *text, size_t offset, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < offset && text[i]; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

/* p is on the opening quote; returns the position after the closing one. */
static const char *skip_string(const char *p)
{
    for (p++; *p && *p != '"'; p++)
        if (*p == '\\' && p[1])
            p++;
    return *p ? p + 1 : p;
}

static struct json_node *add_kid(struct json_index *ix, struct json_node *n)
{
    if (n->nkids == n->cap) {
        size_t cap = n->cap ? 2 * n->cap : 4;
        struct json_node *k = realloc(n->kids, cap * sizeof(*k));
        if (!k) {
            ix->oom = true;
            return NULL;
        }
        n->kids = k;
        n->cap = cap;
    }
    struct json_node *kid = &n->kids[n->nkids++];
    *kid = (struct json_node){ .key = -1 };
    return kid;
}

static const char *scan_value(struct json_index *ix, const char *p, struct json_node *n);

/* The members or elements of the object or array at p; returns the position after it. A kid is
 * filled in place: its siblings, added later, may move it, but not its own kids. */
static const char *scan_container(struct json_index *ix, const char *p, struct json_node *n)
{
    char close = *p == '{' ? '}' : ']';
    p = skip_ws(p + 1);
    while (*p && *p != close && !ix->oom) {
        long key = -1;
        if (close == '}') {
            key = p - ix->text;
            p = skip_ws(skip_string(p));
            if (*p != ':')
                break;                      /* not valid JSON: stop indexing here */
            p = skip_ws(p + 1);
        }
        struct json_node *kid = add_kid(ix, n);
        if (!kid)
            break;
        kid->key = key;
        const char *end = scan_value(ix, p, kid);
        if (end == p)
            break;
        p = skip_ws(end);
        if (*p == ',')
            p = skip_ws(p + 1);
    }
    return *p == close ? p + 1 : p;
}

/* Records the value at p (after white space) in n; returns the position after it. */
static const char *scan_value(struct json_index *ix, const char *p, struct json_node *n)
{
    n->value = p - ix->text;
    if (*p == '{' || *p == '[')
        return scan_container(ix, p, n);
    if (*p == '"')
        return skip_string(p);
    while (*p && !strchr(",]} \t\r\n", *p))
        p++;
    return p;
}

static void free_node(struct json_node *n)
{
    for (size_t i = 0; i < n->nkids; i++)
        free_node(&n->kids[i]);
    free(n->kids);
}

static bool index_lines(struct json_index *ix)
{
    size_t n = 1;
    for (const char *p = ix->text; (p = strchr(p, '\n')); p++)
        n++;
    ix->lines = malloc(n * sizeof(*ix->lines));
    if (!ix->lines)
        return false;
    ix->lines[ix->nlines++] = 0;
    for (const char *p = ix->text; (p = strchr(p, '\n')); p++)
        ix->lines[ix->nlines++] = p + 1 - ix->text;
    return true;
}

struct json_index *json_index_new(const char *text)
{
    struct json_index *ix = calloc(1, sizeof(*ix));
    if (!ix)
        return NULL;
    ix->text = text;
    scan_value(ix, skip_ws(text), &ix->root);
    if (ix->oom || !index_lines(ix)) {
        json_index_free(ix);
        return NULL;
    }
    return ix;
}

void json_index_free(struct json_index *ix)
{
    if (!ix)
        return;
    free_node(&ix->root);
    free(ix->lines);
    free(ix);
}

/* The member of object n whose key is key[0..len), or NULL. */
static const struct json_node *member(const struct json_index *ix, const struct json_node *n, const char *key,
                                      size_t len)
{
    if (ix->text[n->value] != '{')
        return NULL;
    for (size_t i = 0; i < n->nkids; i++) {
        const char *k = ix->text + n->kids[i].key + 1;
        if (strncmp(k, key, len) == 0 && k[len] == '"')
            return &n->kids[i];
    }
    return NULL;
}

long json_index_locate(const struct json_index *ix, const char *path, bool at_key)
{
    const struct json_node *n = &ix->root;
    bool last_is_key = false;
    while (n && *path) {
        if (*path == '.')
            path++;
        last_is_key = *path != '[';
        if (!last_is_key) {
            char *end;
            long idx = strtol(path + 1, &end, 10);
            bool ok = ix->text[n->value] == '[' && idx >= 0 && (size_t)idx < n->nkids;
            n = ok ? &n->kids[idx] : NULL;
            path = *end == ']' ? end + 1 : end;
        } else {
            size_t len = strcspn(path, ".[");
            n = member(ix, n, path, len);
            path += len;
        }
    }
    if (!n)
        return -1;
    return at_key && last_is_key ? n->key : n->value;
}

void json_index_line_col(const struct json_index *ix, size_t offset, int *line, int *col)
{
    size_t lo = 0, hi = ix->nlines;             /* the last line starting at or before offset */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if ((size_t)ix->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    *line = (int)lo + 1;
    *col = (int)(offset - (size_t)ix->lines[lo]) + 1;
}
