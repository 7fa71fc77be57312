/* What srcloc.c shares with the other files of sim/dwarf/ that read DWARF (srclines.c): the
 * open file and a few helpers. Inside sim/dwarf/ only: it names libdw's types. */
#ifndef SIM_DWARF_SRCLOC_DW_H
#define SIM_DWARF_SRCLOC_DW_H

#include <elfutils/libdw.h>
#include <libelf.h>

#include "sim/dwarf/srcloc.h"

struct srcloc_file {
    int fd;
    Elf *elf;
    Dwarf *dw;                  /* NULL: no DWARF in the file */
};

/* path relative to the unit's build directory when it lies below it, else as recorded. */
void srcloc_dw_path(Dwarf_Die *cu, const char *path, char *out, size_t n);
/* A DIE's name, through its abstract origin ("" if none). */
const char *srcloc_dw_name(Dwarf_Die *d);
/* The function symbol holding addr (out->function, out->offset); false if none. */
bool srcloc_dw_symbol(struct srcloc_file *f, uint32_t addr, struct srcloc *out);
/* Whether addr lies in an executable section of the file. */
bool srcloc_dw_in_code(struct srcloc_file *f, uint32_t addr);
/* Whether a function starts at address 0. If not, DWARF at 0 describes code the linker dropped
 * (--gc-sections). */
bool srcloc_dw_zero_is_code(struct srcloc_file *f);

#endif
