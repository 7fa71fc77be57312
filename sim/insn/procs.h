/* The kernel's view of its processes, as --itrace and --profile need it: each slot's name and
 * layout, and the process the kernel last switched to (its process events, kdbg). */
#ifndef SIM_INSN_PROCS_H
#define SIM_INSN_PROCS_H

#include <stdbool.h>

#include "sim/core/proc_event.h"
#include "sim/trace/strace.h"

#define INSN_MAX_SLOTS 16

struct insn_procs {
    int current;                        /* slot last switched to, -1 none yet */
    struct insn_slot {
        char name[32];
        struct proc_layout layout;      /* zero until the kernel reported it */
    } slots[INSN_MAX_SLOTS];
};

void insn_procs_init(struct insn_procs *p);
void insn_procs_event(struct insn_procs *p, const struct proc_event *e);
/* The current process's name ("?" if the kernel has not named it). */
const char *insn_procs_current_name(const struct insn_procs *p);
/* The entry point of the app whose flash starts at flash_start, from the TBF headers in the
 * apps region (0 if none): what places an app's ELF symbols (sim/core/symbols.h). */
uint32_t insn_app_entry(const struct strace_app *apps, int napps, uint32_t flash_start);

#endif
