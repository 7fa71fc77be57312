/* The allocated sections of an app's ELF file, for GDB's add-symbol-file. */
#ifndef SIM_GDB_ELFSECT_H
#define SIM_GDB_ELFSECT_H

#include <stddef.h>
#include <stdint.h>

struct gdb_elf_section {
    char name[32];
    uint32_t addr, size;
};

/* The sections of a 32-bit ELF that occupy memory (SHF_ALLOC, size > 0), in file order: the
 * count (at most max), or -1 with the reason in err. */
int gdb_elf_sections(const char *path, struct gdb_elf_section *out, int max, char *err, size_t errlen);

#endif
