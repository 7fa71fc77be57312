/* linecov's tables, shared by linecov.c (building, marking) and linecov_report.c (writing). */
#ifndef SIM_DWARF_LINECOV_MODEL_H
#define SIM_DWARF_LINECOV_MODEL_H

#include "sim/dwarf/linecov.h"

struct lc_file {
    char *name;                 /* relative to the build directory, as srcloc names files */
    char *path;                 /* absolute (NULL: only named as a function's declaration) */
};

struct lc_func {
    char *name;
    unsigned decl_file, decl_line;      /* decl_file: an lc_file index, or LC_NONE */
    unsigned file;                      /* where the report lists it: see home_files */
    unsigned lines, hit, inputs, stamp;
};

struct lc_line {
    unsigned file, line, func;
    unsigned inputs, stamp;             /* stamp: the last input that reached it, plus one */
};

struct lc_row {
    uint32_t start, end;
    unsigned line;                      /* an lc_line index (while building: a raw row's) */
    unsigned file, lineno, func;        /* while building */
};

#define LC_NONE 0xffffffffu
#define LC_CACHE 4096

struct linecov {
    struct lc_file *files;
    struct lc_func *funcs;
    struct lc_line *lines;
    struct lc_row *rows;                /* by start address, not overlapping */
    unsigned nfiles, nfuncs, nlines, nrows;
    unsigned capfiles, capfuncs, caprows;
    uint32_t lo, hi;                    /* the rows' span */
    unsigned input;                     /* inputs ended so far */
    struct { uint32_t pc, bytes, stamp; } cache[LC_CACHE];   /* ranges this input marked */
};

#endif
