/* Memop (syscall class 5): the process's memory layout, brk and sbrk. */
#ifndef KERNEL_CORE_MEMOP_H
#define KERNEL_CORE_MEMOP_H

#include <stdint.h>

#include "kernel/core/syscall.h"

struct process;

/* Memop operations (TRD104 section 4.6). */
enum memop_op {
    MEMOP_BRK = 0,
    MEMOP_SBRK = 1,
    MEMOP_RAM_START = 2,
    MEMOP_RAM_END = 3,
    MEMOP_FLASH_START = 4,
    MEMOP_FLASH_END = 5,
    MEMOP_GRANT_START = 6,
    MEMOP_FLASH_REGIONS = 7,
    MEMOP_FLASH_REGION_START = 8,
    MEMOP_FLASH_REGION_END = 9,
    MEMOP_STACK_START = 10,
    MEMOP_HEAP_START = 11,
};

/* r0 operation, r1 argument. Failures are Failure(NOMEM) for brk/sbrk, Failure(INVAL) for a
 * missing flash region, Failure(NOSUPPORT) for an unknown operation. */
struct syscall_ret sys_memop(struct process *p, const uint32_t a[4]);

#endif
