/* `monitor apps`: for each app in flash, the GDB command that loads its ELF's symbols where
 * the app really is (doc/debugging.md, "Apps"). */
#ifndef SIM_GDB_APPS_H
#define SIM_GDB_APPS_H

#include <stdio.h>

#include "sim/gdb/procs.h"

/* Writes, for each app of p, a comment line (name, flash, binary and RAM addresses) and an
 * add-symbol-file command. The ELF is looked for next to the TBF it was loaded from: the
 * path among tbfs[0..ntbfs) named NAME.tbf, else the app's index in that list, with .elf for
 * .tbf. Position-independent apps (cm4) get each section at its real address: flash sections
 * (linked at 0x80000000) at the binary's start, RAM sections (linked at 0) at the process's
 * RAM, once it started; apps linked for fixed addresses (rv32) load as linked. */
void gdb_apps_write(const struct gdb_procs *p, char *const *tbfs, int ntbfs, FILE *out);

#endif
