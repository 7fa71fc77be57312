/* Process faults: the Tock-style fault report and the fault policies. */
#ifndef KERNEL_CORE_FAULT_H
#define KERNEL_CORE_FAULT_H

#include <stdint.h>

#include "kernel/arch/arch.h"

struct process;

/* p faulted: a hardware fault (reason NULL: status read from the arch) or one the kernel
 * decided (reason says why, e.g. the console's "fault" command). Prints the report and applies
 * p's policy: panic, restart (up to its threshold, then stop), or stop. */
void fault_process(struct process *p, const char *reason);

/* Prints p's memory map, top to bottom; if have_addr, marks where addr falls. */
void fault_print_memory_map(const struct process *p, int have_addr, uintptr_t addr);

/* Prints the status block of p (state, counters, last syscall). */
void fault_print_status(const struct process *p);

/* Short name of a fault kind, as reports print it: "mpu", "bus", "usage", "hard". */
const char *fault_kind_name(enum arch_fault_kind kind);

/* Prints the full report for p (status, memory map, registers, MPU regions). */
void fault_print_process(const struct process *p);

/* How many process faults the kernel has seen. */
extern uint32_t fault_count;

#endif
