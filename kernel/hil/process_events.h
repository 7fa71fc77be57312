/* HIL: a listener for process events (a debugger or simulator watching the kernel). */
#ifndef KERNEL_HIL_PROCESS_EVENTS_H
#define KERNEL_HIL_PROCESS_EVENTS_H

#include <stdint.h>

/* Process states as reported: Tock's five (doc/kernel.md). "Stopped" hides the state under it;
 * yield-wait-for counts as yielded. The numbers are tocksim's kdbg register values. */
enum procev_state {
    PROCEV_RUNNING,
    PROCEV_YIELDED,
    PROCEV_STOPPED,
    PROCEV_FAULTED,
    PROCEV_TERMINATED,
};

/* Kinds of hardware fault. */
enum procev_fault {
    PROCEV_FAULT_MPU = 1,       /* memory protection */
    PROCEV_FAULT_BUS,
    PROCEV_FAULT_USAGE,
    PROCEV_FAULT_HARD,
};

/* Every call identifies the process by pid (changes on restart) and slot (its table index,
 * stable). Calls happen in the kernel thread; each should cost a few register writes. */
struct hil_process_events {
    void *dev;
    /* A process was loaded into slot, or started again there (with a new pid). */
    void (*created)(void *dev, uint32_t pid, unsigned slot, const char *name, unsigned len,
                    unsigned restarts);
    /* The process's reported state changed. mem_used: bytes of its RAM block in use (below
     * the app break, plus the kernel's grants at the top); mem_size: the block's size. */
    void (*state)(void *dev, uint32_t pid, unsigned slot, enum procev_state state,
                  unsigned restarts, uint32_t mem_used, uint32_t mem_size);
    /* The process faulted at addr (before the fault policy acts). */
    void (*fault)(void *dev, uint32_t pid, unsigned slot, enum procev_fault kind,
                  uint32_t addr);
    /* The kernel is about to run the process. */
    void (*switched)(void *dev, uint32_t pid, unsigned slot);
};

#endif
