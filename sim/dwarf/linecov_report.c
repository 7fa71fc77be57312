/* Line coverage written out (linecov.h): the text report and lcov's tracefile. Functions are
 * listed by file, then by the line they start at; only those that own lines. */
#define _GNU_SOURCE                     /* qsort_r: no global for the sort's context */
#include "sim/dwarf/linecov_model.h"

#include <stdlib.h>
#include <string.h>

/* The line a function is listed at: its definition's, or its first line's in its file. */
static unsigned func_line(const struct linecov *c, unsigned idx)
{
    const struct lc_func *f = &c->funcs[idx];
    if (f->decl_file == f->file && f->decl_line)
        return f->decl_line;
    for (unsigned i = 0; i < c->nlines; i++)
        if (c->lines[i].func == idx && c->lines[i].file == f->file)
            return c->lines[i].line;
    return 0;
}

static int by_place(const void *a, const void *b, void *ctx)
{
    const struct linecov *c = ctx;
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    const struct lc_func *fx = &c->funcs[x], *fy = &c->funcs[y];
    if (fx->file != fy->file)
        return fx->file < fy->file ? -1 : 1;
    unsigned lx = func_line(c, x), ly = func_line(c, y);
    if (lx != ly)
        return lx < ly ? -1 : 1;
    return strcmp(fx->name, fy->name);
}

/* The functions that own lines, in report order; *n of them. NULL: out of memory. */
static unsigned *listed_functions(const struct linecov *c, unsigned *n)
{
    unsigned *v = malloc((c->nfuncs + 1) * sizeof(*v));
    *n = 0;
    for (unsigned i = 0; v && i < c->nfuncs; i++)
        if (c->funcs[i].lines)
            v[(*n)++] = i;
    if (v)
        qsort_r(v, *n, sizeof(*v), by_place, (void *)c);
    return v;
}

static double percent(unsigned part, unsigned whole)
{
    return whole ? 100.0 * part / whole : 0.0;
}

bool linecov_write_text(const struct linecov *c, FILE *out, const char *title)
{
    unsigned n;
    unsigned *fn = listed_functions(c, &n);
    if (!fn)
        return false;
    struct linecov_totals t;
    linecov_totals(c, &t);
    fprintf(out, "tocksim fuzz coverage: %s\n"
            "each function: lines reached / lines with code (DWARF line tables)\n", title);
    for (unsigned i = 0; i < n; i++) {
        const struct lc_func *f = &c->funcs[fn[i]];
        if (i == 0 || f->file != c->funcs[fn[i - 1]].file)
            fprintf(out, "\n%s\n", c->files[f->file].name);
        fprintf(out, "  %-36s %u/%u\n", f->name, f->hit, f->lines);
    }
    free(fn);
    fprintf(out, "\ntotal: %u/%u lines (%.1f%%), %u/%u functions (%.1f%%), %u inputs\n",
            t.lines_hit, t.lines, percent(t.lines_hit, t.lines), t.functions_hit, t.functions,
            percent(t.functions_hit, t.functions), t.inputs);
    fprintf(out, "\nreached lines (file:line, then how many inputs reached it):\n");
    for (unsigned i = 0; i < c->nlines; i++)
        if (c->lines[i].inputs)
            fprintf(out, "%s:%u %u\n", c->files[c->lines[i].file].name, c->lines[i].line,
                    c->lines[i].inputs);
    return !ferror(out);
}

/* One file's record: its functions fn[*at...] (those listed in it), then its lines. */
static void lcov_file(const struct linecov *c, FILE *out, const char *test, unsigned file,
                      const unsigned *fn, unsigned n)
{
    unsigned funcs_hit = 0, lines = 0, hit = 0;
    fprintf(out, "TN:%s\nSF:%s\n", test, c->files[file].path);
    for (unsigned i = 0; i < n; i++)
        fprintf(out, "FN:%u,%s\n", func_line(c, fn[i]), c->funcs[fn[i]].name);
    for (unsigned i = 0; i < n; i++) {
        fprintf(out, "FNDA:%u,%s\n", c->funcs[fn[i]].inputs, c->funcs[fn[i]].name);
        funcs_hit += c->funcs[fn[i]].inputs > 0;
    }
    fprintf(out, "FNF:%u\nFNH:%u\n", n, funcs_hit);
    for (unsigned i = 0; i < c->nlines; i++)
        if (c->lines[i].file == file) {
            fprintf(out, "DA:%u,%u\n", c->lines[i].line, c->lines[i].inputs);
            lines++;
            hit += c->lines[i].inputs > 0;
        }
    fprintf(out, "LF:%u\nLH:%u\nend_of_record\n", lines, hit);
}

bool linecov_write_lcov(const struct linecov *c, FILE *out, const char *test)
{
    unsigned n;
    unsigned *fn = listed_functions(c, &n);
    if (!fn)
        return false;
    unsigned at = 0;
    for (unsigned file = 0; file < c->nfiles; file++) {
        unsigned first = at;
        while (at < n && c->funcs[fn[at]].file == file)
            at++;
        if (c->files[file].path)            /* a file with lines */
            lcov_file(c, out, test, file, fn + first, at - first);
    }
    free(fn);
    return !ferror(out);
}
