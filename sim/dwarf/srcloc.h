/* Source locations of code addresses, from an ELF file's DWARF (elfutils' libdw), with its
 * symbol table as the fallback: the function, file and line of an address, and for code
 * inlined into another function, the function it was inlined into and the line of that call.
 * This header names no libdw type: only srcloc.c includes elfutils' headers. */
#ifndef SIM_DWARF_SRCLOC_H
#define SIM_DWARF_SRCLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct srcloc_file;

/* What is known of one address: each part may be missing (empty string, line 0). */
struct srcloc {
    char function[64];          /* the innermost function ("" if unknown) */
    char file[160];             /* its source file as the compiler named it, and the line */
    unsigned line;
    char caller[64];            /* code inlined into caller, at caller_file:caller_line */
    char caller_file[160];
    unsigned caller_line;
    uint32_t offset;            /* from the function's start (symbol table: no DWARF line) */
    bool from_symtab;           /* the function came from the symbol table, not DWARF */
};

/* Opens path; NULL with the reason ("cannot open …: No such file or directory") in err. A file
 * without DWARF opens too: lookups then use its symbol table (srcloc_has_dwarf says which). */
struct srcloc_file *srcloc_open(const char *path, char *err, size_t errlen);
void srcloc_close(struct srcloc_file *f);
bool srcloc_has_dwarf(const struct srcloc_file *f);

/* Looks up the address `linked` (as the ELF was linked: the caller removes its load offset;
 * a Thumb bit is ignored). False if neither DWARF nor the symbol table knows it. */
bool srcloc_lookup(struct srcloc_file *f, uint32_t linked, struct srcloc *out);

/* "main at apps/fault-null/main.c:11", "helper at a.c:3 inlined in main at a.c:9",
 * "main+0x1c" (symbol table only) or "" when nothing is known. */
void srcloc_format(const struct srcloc *l, char *buf, size_t n);

#endif
