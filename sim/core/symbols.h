/* Symbols for addresses: the instruction a process faulted at (the window), the function a
 * block ran in (--profile). From the kernel's ELF, and each app's ELF found next to its TBF
 * (build/apps/NAME.elf beside NAME.tbf), read on first use and kept. */
#ifndef SIM_CORE_SYMBOLS_H
#define SIM_CORE_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/loader.h"
#include "sim/core/machine.h"

#define SYMBOLS_APPS 16

struct sym_table {
    bool tried;
    struct loader_symtab tab;
    int64_t bias;               /* run-time address = symbol value + bias (apps linked elsewhere) */
};

struct symbols {
    struct sym_table kernel;
    struct sym_table apps[SYMBOLS_APPS];     /* one per m->images entry */
};

/* The symbol before pc as "name+0x1c" (or "name"): in the app's ELF if pc lies in the process's
 * flash or RAM (l; entry: the app's run-time entry point, which places its ELF), else in the
 * kernel's; false and "" if none is known. */
bool symbols_describe(struct symbols *s, struct machine *m, uint32_t pc, const struct proc_layout *l,
                         uint32_t app_entry, char *buf, size_t n);
/* The same lookup: the symbol's name (NULL if none) and pc's offset from it in *off. */
const char *symbols_lookup(struct symbols *s, struct machine *m, uint32_t pc, const struct proc_layout *l,
                           uint32_t app_entry, uint32_t *off);
/* The values of the kernel ELF's symbols names[0..n) (linker symbols such as
 * "_app_ram_start" included); false unless all were found. Reads the file: call once. */
bool symbols_kernel_values(struct machine *m, const char *const names[], uint32_t values[], int n);
void symbols_free(struct symbols *s);

#endif
