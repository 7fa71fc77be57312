/* The line tables of an ELF file, row by row, with each row's function (srclines.h), read with
 * elfutils' libdw (dwarf_getsrclines per compilation unit; the functions from the DIE tree). */
#include "sim/dwarf/srclines.h"

#include <dwarf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/dwarf/srcloc_dw.h"

/* Where one function's code (or a part of it) lies, and how deep it is nested: an inlined
 * function's instance lies within its caller's code, one deeper. */
struct fn_range {
    Dwarf_Addr lo, hi;
    int depth;
    Dwarf_Die die;
};

struct fn_ranges {
    struct fn_range *v;
    size_t n, cap;
};

static void add_ranges(Dwarf_Die *die, int depth, struct fn_ranges *r)
{
    Dwarf_Addr base, start, end;
    for (ptrdiff_t off = 0; (off = dwarf_ranges(die, off, &base, &start, &end)) > 0;) {
        if (r->n == r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 256;
            struct fn_range *v = realloc(r->v, cap * sizeof(*v));
            if (!v)
                return;
            r->v = v;
            r->cap = cap;
        }
        r->v[r->n++] = (struct fn_range){ .lo = start, .hi = end, .depth = depth, .die = *die };
    }
}

static bool starts_at_zero(Dwarf_Die *d)
{
    Dwarf_Addr base, start, end;
    return dwarf_ranges(d, 0, &base, &start, &end) > 0 && start == 0;
}

/* The functions and inlined instances below parent (lexical blocks looked into), skipping
 * functions the linker dropped (their code at 0) unless code lies at 0. */
static void collect(Dwarf_Die *parent, int depth, bool zero_is_code, struct fn_ranges *r)
{
    Dwarf_Die child;
    if (dwarf_child(parent, &child) != 0)
        return;
    do {
        int tag = dwarf_tag(&child), inner = depth;
        if (tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine) {
            if (tag == DW_TAG_subprogram && !zero_is_code && starts_at_zero(&child))
                continue;
            add_ranges(&child, depth, r);
            inner = depth + 1;
        } else if (tag != DW_TAG_lexical_block) {
            continue;
        }
        collect(&child, inner, zero_is_code, r);
    } while (dwarf_siblingof(&child, &child) == 0);
}

/* The innermost function around addr, or NULL. */
static Dwarf_Die *innermost(struct fn_ranges *r, Dwarf_Addr addr)
{
    struct fn_range *best = NULL;
    for (size_t i = 0; i < r->n; i++)
        if (addr >= r->v[i].lo && addr < r->v[i].hi && (!best || r->v[i].depth > best->depth))
            best = &r->v[i];
    return best ? &best->die : NULL;
}

/* Without "." components ("/work/./kernel/core/syscall.h": how DWARF 5 names headers
 * found through -I.), so that each file has one name. */
static void drop_dots(char *p)
{
    char *at;
    while (p[0] == '.' && p[1] == '/')
        memmove(p, p + 2, strlen(p + 2) + 1);
    while ((at = strstr(p, "/./")) != NULL)
        memmove(at, at + 2, strlen(at + 2) + 1);
}

/* The absolute form of a line table's file name. */
static void absolute(Dwarf_Die *cu, const char *src, char *out, size_t n)
{
    Dwarf_Attribute a;
    const char *dir = dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &a));
    if (src[0] == '/' || !dir)
        snprintf(out, n, "%s", src);
    else
        snprintf(out, n, "%s/%s", dir, src);
}

/* The row's function: its DIE's name and declaration, else the symbol table's name. */
static void describe_function(struct srcloc_file *f, Dwarf_Die *cu, Dwarf_Die *fn,
                              Dwarf_Addr addr, struct srcline_row *row, char *name, size_t nlen,
                              char *file, size_t flen)
{
    struct srcloc sym;
    int line = 0;
    name[0] = file[0] = 0;
    if (fn) {
        snprintf(name, nlen, "%s", srcloc_dw_name(fn));
        const char *decl = dwarf_decl_file(fn);
        if (decl) {
            char abs[512];
            absolute(cu, decl, abs, sizeof(abs));
            drop_dots(abs);
            srcloc_dw_path(cu, abs, file, flen);
        }
        if (dwarf_decl_line(fn, &line) != 0 || line < 0)
            line = 0;
    }
    if (!name[0] && srcloc_dw_symbol(f, (uint32_t)addr, &sym))
        snprintf(name, nlen, "%s", sym.function);
    row->function = name;
    row->function_file = file;
    row->function_line = (unsigned)line;
}

static void emit(struct srcloc_file *f, Dwarf_Die *cu, struct fn_ranges *r, Dwarf_Line *l,
                 Dwarf_Addr start, Dwarf_Addr end, int line, srclines_fn fn, void *ctx)
{
    char file[256], path[512], name[128], fn_file[256];
    const char *src = dwarf_linesrc(l, NULL, NULL);
    if (!src)
        src = "";
    struct srcline_row row = { .start = (uint32_t)start, .end = (uint32_t)end,
                               .line = (unsigned)line, .file = file, .path = path };
    absolute(cu, src, path, sizeof(path));
    drop_dots(path);
    srcloc_dw_path(cu, path, file, sizeof(file));
    describe_function(f, cu, innermost(r, start), start, &row, name, sizeof(name), fn_file,
                      sizeof(fn_file));
    fn(ctx, &row);
}

/* One unit's rows. A sequence that starts at 0 is a dropped function's (unless code is at 0). */
static void walk_unit(struct srcloc_file *f, Dwarf_Die *cu, bool zero_is_code, struct fn_ranges *r,
                      srclines_fn fn, void *ctx)
{
    Dwarf_Lines *lines;
    size_t n;
    if (dwarf_getsrclines(cu, &lines, &n) != 0)
        return;
    r->n = 0;
    collect(cu, 0, zero_is_code, r);
    bool new_sequence = true, dropped = false;
    for (size_t i = 0; i + 1 < n; i++) {
        Dwarf_Line *l = dwarf_onesrcline(lines, i);
        Dwarf_Addr start, end;
        bool last;
        int line;
        if (dwarf_lineaddr(l, &start) != 0 || dwarf_lineendsequence(l, &last) != 0)
            continue;
        if (new_sequence)
            dropped = start == 0 && !zero_is_code;
        new_sequence = last;
        if (last || dropped || dwarf_lineaddr(dwarf_onesrcline(lines, i + 1), &end) != 0 ||
            end <= start || dwarf_lineno(l, &line) != 0 || line <= 0 ||
            !srcloc_dw_in_code(f, (uint32_t)start))
            continue;
        emit(f, cu, r, l, start, end, line, fn, ctx);
    }
}

bool srclines_walk(struct srcloc_file *f, srclines_fn fn, void *ctx, char *err, size_t errlen)
{
    if (!f->dw) {
        snprintf(err, errlen, "no DWARF debugging information (build with -g)");
        return false;
    }
    bool zero_is_code = srcloc_dw_zero_is_code(f);
    struct fn_ranges r = { 0 };
    Dwarf_Off off = 0, next;
    size_t hsize;
    Dwarf_Die cu;
    while (dwarf_nextcu(f->dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
        if (dwarf_offdie(f->dw, off + hsize, &cu))
            walk_unit(f, &cu, zero_is_code, &r, fn, ctx);
        off = next;
    }
    free(r.v);
    return true;
}
