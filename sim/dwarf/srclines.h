/* Every line of source an ELF file has code for: its DWARF line tables walked row by row, each
 * row with the function it belongs to (the fuzzer's coverage report maps the code it ran to
 * these). No libdw type: srclines.c reads the DWARF. */
#ifndef SIM_DWARF_SRCLINES_H
#define SIM_DWARF_SRCLINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/dwarf/srcloc.h"

/* One row of a line table: the code at [start, end) was compiled from file:line. The strings
 * are valid during the call only. */
struct srcline_row {
    uint32_t start, end;
    const char *file;           /* as srcloc names files: relative to the build directory */
    const char *path;           /* the same, absolute (comp_dir joined) */
    unsigned line;
    /* The innermost function whose code it is (an inlined function's own name, not its
     * caller's): from DWARF, else the symbol table; "" if neither knows. */
    const char *function;
    const char *function_file;  /* where it is defined (relative, "" unknown), and the line */
    unsigned function_line;
};

typedef void (*srclines_fn)(void *ctx, const struct srcline_row *row);

/* Calls fn for each row with code (at least one byte, a line number, in an executable section;
 * not the DWARF of functions the linker dropped), unit by unit in the file's order. False with
 * a message if the file has no DWARF line tables. */
bool srclines_walk(struct srcloc_file *f, srclines_fn fn, void *ctx, char *err, size_t errlen);

#endif
