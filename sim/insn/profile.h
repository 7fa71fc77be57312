/* --profile FILE: instructions per process and per function, exactly (every block the clock
 * counts, counted here too: no sampling), written as folded stacks for flame-graph tools
 * (flamegraph.pl, speedscope, inferno):
 *
 *      kernel;syscall_handle 1234
 *      hello;main 99
 *
 * The process is the one the kernel last switched to while the CPU runs unprivileged, else
 * "kernel"; the function is the ELF symbol the block starts in (the kernel's, or the app's
 * placed where it runs: sim/core/symbols.h), "0x…" if none. Lines sorted by name: the same
 * run gives the same file. */
#ifndef SIM_INSN_PROFILE_H
#define SIM_INSN_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "sim/core/machine.h"

struct profile;

/* Starts counting m's blocks (after its images are loaded); NULL with the problem in err. */
struct profile *profile_attach(struct machine *m, const char *path, char *err, size_t errlen);
/* Stops counting and writes the file; false with the problem in err. *total (may be NULL):
 * the instructions counted. Frees p either way. */
bool profile_finish(struct profile *p, uint64_t *total, char *err, size_t errlen);

#endif
