/* Loading guest images: ELF executables into flash/RAM, TBF apps into the apps region. */
#ifndef SIM_LOADER_H
#define SIM_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/bus.h"

/* Loads the PT_LOAD segments of a 32-bit little-endian ELF for machine `e_machine` (EM_ARM,
 * EM_RISCV) at their physical addresses. Errors name the file and the problem. */
bool loader_load_elf(struct bus *bus, const char *path, uint16_t e_machine, uint32_t *entry,
                     char *err, size_t errlen);

/* Places a TBF app at the next address >= *cursor aligned to its size rounded up to a power
 * of two (so one MPU region covers it), or at its fixed flash address, and advances *cursor
 * past it. */
bool loader_load_tbf(struct bus *bus, const char *path, uint32_t *cursor, uint32_t region_end,
                     char *err, size_t errlen);

/* Where the next app goes, and what the board runs (to choose a TBF from a .tab). */
struct loader_apps {
    uint32_t cursor;            /* next free address of the apps region; advanced past each app */
    uint32_t region_end;
    const char *tab_archs;      /* the board's architectures, best first (lib/tab/tab.h) */
    uint32_t placed;            /* set by loader_load_app: where the last app went */
};

/* Loads an app file: a TBF as loader_load_tbf does, or a Tock Application Bundle (a tar file,
 * recognised by its content), from which it takes the TBF for tab_archs that fits at the
 * cursor (lib/tab's tab_pick). Errors name the file, and for a TAB the architectures it has. */
bool loader_load_app(struct bus *bus, const char *path, struct loader_apps *apps, char *err,
                     size_t errlen);

/* Values of the named symbols in an ELF file's symbol table: values[i] is set for each name
 * found (others untouched). Returns how many were found; 0 for a file without symbols. */
int loader_elf_symbols(const char *path, const char *const names[], uint32_t values[], int n);

/* An ELF file's code and data symbols sorted by address, for "the symbol before an address"
 * (the window's fault view). Thumb function addresses have bit 0 cleared. */
struct loader_sym {
    uint32_t addr, size;
    const char *name;           /* points into the table's own string copy */
};
struct loader_symtab {
    struct loader_sym *syms;
    int n;
    char *strings;
    uint32_t entry;             /* the ELF's entry point (bit 0 cleared) */
};
/* Reads path's symbol table into t; false (t empty) if the file is missing or has none. */
bool loader_symtab_read(const char *path, struct loader_symtab *t);
/* The symbol with the highest address <= addr, or NULL if none (or addr is past its end by more
 * than max_gap bytes: not really inside it). */
const struct loader_sym *loader_symtab_nearest(const struct loader_symtab *t, uint32_t addr,
                                               uint32_t max_gap);
void loader_symtab_free(struct loader_symtab *t);

#endif
