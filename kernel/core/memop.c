/* Memop (syscall class 5): the process's memory layout, brk and sbrk. */
#include <stdint.h>

#include "kernel/core/memop.h"
#include "kernel/core/process.h"
#include "kernel/core/tbf.h"

static struct syscall_ret brk(struct process *p, uintptr_t new_break)
{
    int err = process_brk(p, new_break);
    return err ? ret_failure(err) : ret_success();
}

/* sbrk's increment is signed; the result is the old break. */
static struct syscall_ret sbrk(struct process *p, int32_t increment)
{
    uintptr_t old = p->app_break;
    uintptr_t nb = old + (uintptr_t)(intptr_t)increment;
    if ((increment > 0 && nb < old) || (increment < 0 && nb > old))
        return ret_failure(ERR_NOMEM);
    int err = process_brk(p, nb);
    return err ? ret_failure(err) : ret_success_u32((uint32_t)old);
}

static struct syscall_ret flash_region(const struct process *p, uint32_t i, int end)
{
    uint32_t off, size;
    if (!tbf_writeable_region(&p->tbf, i, &off, &size))
        return ret_failure(ERR_INVAL);
    return ret_success_u32((uint32_t)(p->flash_start + off + (end ? size : 0)));
}

/* The memop system call (class 5): break, layout queries, stack/heap hints (memop.h). */
struct syscall_ret sys_memop(struct process *p, const uint32_t a[4])
{
    switch (a[0]) {
    case MEMOP_BRK:
        return brk(p, a[1]);
    case MEMOP_SBRK:
        return sbrk(p, (int32_t)a[1]);
    case MEMOP_RAM_START:
        return ret_success_u32((uint32_t)p->ram_start);
    case MEMOP_RAM_END:
        return ret_success_u32((uint32_t)(p->ram_start + p->ram_size));
    case MEMOP_FLASH_START:
        return ret_success_u32((uint32_t)p->flash_start);
    case MEMOP_FLASH_END:
        return ret_success_u32((uint32_t)(p->flash_start + p->flash_size));
    case MEMOP_GRANT_START:
        return ret_success_u32((uint32_t)p->kernel_break);
    case MEMOP_FLASH_REGIONS:
        return ret_success_u32(p->tbf.wfr_count);
    case MEMOP_FLASH_REGION_START:
        return flash_region(p, a[1], 0);
    case MEMOP_FLASH_REGION_END:
        return flash_region(p, a[1], 1);
    case MEMOP_STACK_START:
        p->stack_start = a[1];
        process_report_layout(p);
        return ret_success();
    case MEMOP_HEAP_START:
        p->heap_start = a[1];
        process_report_layout(p);
        return ret_success();
    default:
        return ret_failure(ERR_NOSUPPORT);
    }
}
