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
 * of two (so one MPU region covers it), and advances *cursor past it. */
bool loader_load_tbf(struct bus *bus, const char *path, uint32_t *cursor, uint32_t region_end,
                     char *err, size_t errlen);
/* The same, and *placed receives the address the image went to. */
bool loader_load_tbf_at(struct bus *bus, const char *path, uint32_t *cursor, uint32_t region_end,
                        uint32_t *placed, char *err, size_t errlen);

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
