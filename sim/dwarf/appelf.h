/* Where an app's code runs and which ELF file describes it: the facts the GDB stub's
 * add-symbol-file commands (sim/gdb/apps.c) and the source-level fault reports (srcsyms.c)
 * both need. cm4 apps are position-independent (apps/libtock/app.ld: flash linked at
 * 0x80000000, RAM at 0; crt0 relocates), rv32 apps are linked for their slot (a FixedAddresses
 * TLV): then nothing moves. */
#ifndef SIM_DWARF_APPELF_H
#define SIM_DWARF_APPELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/machine.h"
#include "sim/trace/strace.h"

#define APPELF_PIC_FLASH_BASE 0x80000000u   /* apps/libtock/app.ld: flash linked here, RAM at 0 */

struct appelf {
    struct strace_app img;      /* name, flash range, entry point (TBF header) */
    uint32_t bin_start;         /* the binary: after the TBF header and protected region */
    bool fixed;                 /* linked for fixed addresses: no offsets */
};

/* Where the binary of the app whose TBF starts at flash_start begins, and whether it is linked
 * for fixed addresses, from its TBF header (the header's start and false if unreadable). */
void appelf_read_header(struct machine *m, uint32_t flash_start, uint32_t *bin_start, bool *fixed);
/* The apps in flash (TBF headers of the apps region) with their binaries' places: the count. */
int appelf_scan(struct machine *m, struct appelf *out, int max);

/* The run-time address of what the ELF has at `linked`: for a position-independent app, flash
 * sections from the binary's start and RAM sections from ram_start (0 while unknown: 0). */
uint32_t appelf_runtime(const struct appelf *a, uint32_t linked, uint32_t ram_start);
/* The inverse for code: the address in the ELF of the instruction at run-time address pc. */
uint32_t appelf_linked_code(const struct appelf *a, uint32_t pc);

/* NAME.elf for NAME.tbf (any other name: name + ".elf"), absolute when the file exists, so
 * GDB commands work from any folder. */
void appelf_next_to_tbf(const char *tbf, char *out, size_t cap);
/* The file given with --app-elf (machine_add_app_elf) for the app called name: NAME.elf. */
bool appelf_given(const struct machine *m, const char *name, char *out, size_t cap);
/* The ELF of app a: a file given with --app-elf (machine_add_app_elf) named after the app
 * (NAME.elf), else the one next to the TBF image loaded at the app's flash start; false if
 * neither is known. */
bool appelf_path(const struct machine *m, const struct appelf *a, char *out, size_t cap);

#endif
