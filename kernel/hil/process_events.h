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

/* A process's memory as the kernel laid it out, the regions of its fault report (absolute
 * addresses, see kernel/core/process.h): flash [flash_start, +flash_size) with the app's code
 * from app_start (after the TBF header and protected region); RAM [ram_start, +ram_size): the
 * process below app_break (stack and heap split at the memop 10/11 hints, 0 if not given), what
 * the MPU/PMP also opens up to mpu_break, unused, grants from kernel_break, the grant table and
 * upcall queue from grant_top. */
struct procev_layout {
    uint32_t flash_start, flash_size, app_start;
    uint32_t ram_start, ram_size;
    uint32_t app_break, mpu_break, kernel_break, grant_top;
    uint32_t stack_start, heap_start;
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
    /* Optional (NULL: not heard). The memory layout changed: the process (re)started, moved its
     * break, got a grant, gave a stack/heap hint, or ended (grants freed). */
    void (*layout)(void *dev, uint32_t pid, unsigned slot, const struct procev_layout *l);
    /* Optional. The process allowed [addr, addr + len) to driver (len 0: withdrew the buffer) in
     * buffer slot num; cls: the allow's system call class (3 read-write, 4 read-only, 7
     * userspace-readable). */
    void (*allowed)(void *dev, uint32_t pid, unsigned slot, uint32_t driver, unsigned cls,
                    unsigned num, uint32_t addr, uint32_t len);
};

#endif
