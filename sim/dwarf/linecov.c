/* Line coverage (linecov.h): the tables built from the line tables' rows, and the marking of
 * the ranges an input ran. */
#define _GNU_SOURCE                     /* qsort_r: no global for the sort's context */
#include "sim/dwarf/linecov_model.h"

#include <stdlib.h>
#include <string.h>

#include "sim/dwarf/srclines.h"

static bool grow(void **v, unsigned *cap, unsigned n, size_t size)
{
    if (n < *cap)
        return true;
    unsigned want = *cap ? *cap * 2 : 64;
    void *p = realloc(*v, want * size);
    if (!p)
        return false;
    *v = p;
    *cap = want;
    return true;
}

static unsigned intern_file(struct linecov *c, const char *name, const char *path)
{
    for (unsigned i = c->nfiles; i-- > 0;)
        if (strcmp(c->files[i].name, name) == 0) {
            if (path && !c->files[i].path)
                c->files[i].path = strdup(path);
            return i;
        }
    if (!grow((void **)&c->files, &c->capfiles, c->nfiles, sizeof(*c->files)))
        return LC_NONE;
    c->files[c->nfiles] = (struct lc_file){ strdup(name), path ? strdup(path) : NULL };
    return c->nfiles++;
}

/* A function is its name and the file that defines it (static functions share names). */
static unsigned intern_func(struct linecov *c, const char *name, unsigned decl_file,
                            unsigned decl_line)
{
    for (unsigned i = c->nfuncs; i-- > 0;)
        if (c->funcs[i].decl_file == decl_file && strcmp(c->funcs[i].name, name) == 0)
            return i;
    if (!grow((void **)&c->funcs, &c->capfuncs, c->nfuncs, sizeof(*c->funcs)))
        return LC_NONE;
    c->funcs[c->nfuncs] = (struct lc_func){ .name = strdup(name), .decl_file = decl_file,
                                            .decl_line = decl_line, .file = LC_NONE };
    return c->nfuncs++;
}

static void on_row(void *ctx, const struct srcline_row *r)
{
    struct linecov *c = ctx;
    unsigned file = intern_file(c, r->file, r->path);
    unsigned decl = r->function_file[0] ? intern_file(c, r->function_file, NULL) : LC_NONE;
    unsigned func = intern_func(c, r->function[0] ? r->function : "(no function)", decl,
                                r->function_line);
    if (file == LC_NONE || func == LC_NONE ||
        !grow((void **)&c->rows, &c->caprows, c->nrows, sizeof(*c->rows)))
        return;
    c->rows[c->nrows++] = (struct lc_row){ .start = r->start, .end = r->end, .file = file,
                                           .lineno = r->line, .func = func };
}

static int by_file_name(const void *a, const void *b, void *ctx)
{
    const struct linecov *c = ctx;
    return strcmp(c->files[*(const unsigned *)a].name, c->files[*(const unsigned *)b].name);
}

/* Files in name order, so that indexes order the report. */
static bool sort_files(struct linecov *c)
{
    unsigned *order = malloc((c->nfiles + 1) * sizeof(*order)), *rank = malloc((c->nfiles + 1) * sizeof(*rank));
    struct lc_file *files = malloc((c->nfiles + 1) * sizeof(*files));
    bool ok = order && rank && files;
    for (unsigned i = 0; ok && i < c->nfiles; i++)
        order[i] = i;
    if (ok)
        qsort_r(order, c->nfiles, sizeof(*order), by_file_name, c);
    for (unsigned i = 0; ok && i < c->nfiles; i++) {
        rank[order[i]] = i;
        files[i] = c->files[order[i]];
    }
    for (unsigned i = 0; ok && i < c->nrows; i++)
        c->rows[i].file = rank[c->rows[i].file];
    for (unsigned i = 0; ok && i < c->nfuncs; i++)
        if (c->funcs[i].decl_file != LC_NONE)
            c->funcs[i].decl_file = rank[c->funcs[i].decl_file];
    if (ok) {
        free(c->files);
        c->files = files;
        c->capfiles = c->nfiles;
    } else {
        free(files);
    }
    free(order);
    free(rank);
    return ok;
}

static int by_line(const void *a, const void *b)
{
    const struct lc_row *x = a, *y = b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    if (x->lineno != y->lineno)
        return x->lineno < y->lineno ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int by_start(const void *a, const void *b)
{
    const struct lc_row *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* The function a line belongs to when code of several has it (a caller's line in an inlined
 * instance's code): the one defined in the line's file nearest above it, else the first. */
static unsigned line_function(const struct linecov *c, const struct lc_row *group, unsigned n)
{
    unsigned best = group[0].func, best_line = 0;
    for (unsigned i = 0; i < n; i++) {
        const struct lc_func *f = &c->funcs[group[i].func];
        if (f->decl_file == group[i].file && f->decl_line <= group[i].lineno &&
            f->decl_line > best_line) {
            best = group[i].func;
            best_line = f->decl_line;
        }
    }
    return best;
}

/* One lc_line per distinct file:line, in report order; each row then names its line. */
static bool make_lines(struct linecov *c)
{
    qsort(c->rows, c->nrows, sizeof(*c->rows), by_line);
    c->lines = calloc(c->nrows + 1, sizeof(*c->lines));
    if (!c->lines)
        return false;
    for (unsigned i = 0, j; i < c->nrows; i = j) {
        for (j = i; j < c->nrows && c->rows[j].file == c->rows[i].file &&
                    c->rows[j].lineno == c->rows[i].lineno; j++)
            c->rows[j].line = c->nlines;
        unsigned func = line_function(c, c->rows + i, j - i);
        c->lines[c->nlines++] = (struct lc_line){ .file = c->rows[i].file,
                                                  .line = c->rows[i].lineno, .func = func };
        c->funcs[func].lines++;
    }
    return true;
}

/* Where each function is listed: the file that defines it if it has lines there, else the
 * file of its first line (a function without DWARF, one whose lines all lie in a header). */
static void home_files(struct linecov *c)
{
    for (unsigned i = 0; i < c->nlines; i++) {
        struct lc_func *f = &c->funcs[c->lines[i].func];
        if (c->lines[i].file == f->decl_file && f->file == LC_NONE)
            f->file = f->decl_file;
    }
    for (unsigned i = 0; i < c->nlines; i++) {
        struct lc_func *f = &c->funcs[c->lines[i].func];
        if (f->file == LC_NONE)
            f->file = c->lines[i].file;
    }
}

/* Rows in address order, none overlapping the next (the marking's binary search needs it). */
static void order_rows(struct linecov *c)
{
    qsort(c->rows, c->nrows, sizeof(*c->rows), by_start);
    for (unsigned i = 1; i < c->nrows; i++)
        if (c->rows[i - 1].end > c->rows[i].start)
            c->rows[i - 1].end = c->rows[i].start;
    c->lo = c->nrows ? c->rows[0].start : 0;
    c->hi = c->nrows ? c->rows[c->nrows - 1].end : 0;
}

struct linecov *linecov_open(const char *path, char *err, size_t errlen)
{
    struct linecov *c = calloc(1, sizeof(*c));
    struct srcloc_file *f = c ? srcloc_open(path, err, errlen) : NULL;
    if (!f) {
        if (!c)
            snprintf(err, errlen, "%s: out of memory", path);
        free(c);
        return NULL;
    }
    char why[200];
    bool ok = srclines_walk(f, on_row, c, why, sizeof(why));
    srcloc_close(f);
    if (!ok || !c->nrows) {
        snprintf(err, errlen, "%s: %s", path, ok ? "no line table rows with code" : why);
        linecov_free(c);
        return NULL;
    }
    if (!sort_files(c) || !make_lines(c)) {
        snprintf(err, errlen, "%s: out of memory", path);
        linecov_free(c);
        return NULL;
    }
    home_files(c);
    order_rows(c);
    return c;
}

void linecov_free(struct linecov *c)
{
    if (!c)
        return;
    for (unsigned i = 0; i < c->nfiles; i++) {
        free(c->files[i].name);
        free(c->files[i].path);
    }
    for (unsigned i = 0; i < c->nfuncs; i++)
        free(c->funcs[i].name);
    free(c->files);
    free(c->funcs);
    free(c->lines);
    free(c->rows);
    free(c);
}

static void mark_line(struct linecov *c, unsigned idx, unsigned stamp)
{
    struct lc_line *l = &c->lines[idx];
    struct lc_func *f = &c->funcs[l->func];
    if (l->stamp == stamp)
        return;
    l->stamp = stamp;
    if (l->inputs++ == 0)
        f->hit++;
    if (f->stamp != stamp) {
        f->stamp = stamp;
        f->inputs++;
    }
}

void linecov_mark(struct linecov *c, uint32_t start, uint32_t bytes)
{
    uint64_t end = (uint64_t)start + bytes;
    if (!bytes || start >= c->hi || end <= c->lo)
        return;
    unsigned stamp = c->input + 1;
    unsigned h = (start >> 1 ^ start >> 13) & (LC_CACHE - 1);
    if (c->cache[h].pc == start && c->cache[h].bytes == bytes && c->cache[h].stamp == stamp)
        return;
    c->cache[h].pc = start;
    c->cache[h].bytes = bytes;
    c->cache[h].stamp = stamp;
    unsigned lo = 0, hi = c->nrows;                 /* the first row starting above start */
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (c->rows[mid].start <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    unsigned i = lo > 0 && c->rows[lo - 1].end > start ? lo - 1 : lo;
    for (; i < c->nrows && c->rows[i].start < end; i++)
        if (c->rows[i].end > c->rows[i].start)
            mark_line(c, c->rows[i].line, stamp);
}

void linecov_end_input(struct linecov *c)
{
    c->input++;
}

void linecov_totals(const struct linecov *c, struct linecov_totals *out)
{
    *out = (struct linecov_totals){ .inputs = c->input, .lines = c->nlines };
    for (unsigned i = 0; i < c->nlines; i++)
        out->lines_hit += c->lines[i].inputs > 0;
    for (unsigned i = 0; i < c->nfuncs; i++) {      /* those that own lines */
        out->functions += c->funcs[i].lines > 0;
        out->functions_hit += c->funcs[i].lines > 0 && c->funcs[i].inputs > 0;
    }
}
