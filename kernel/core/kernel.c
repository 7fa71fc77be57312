/* The kernel's configuration from the board, and the work it does between processes. */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/core/deferred.h"
#include "kernel/core/kernel.h"

const struct kernel_config *kernel;

/* Records the board's configuration (read through `kernel` from then on). */
void kernel_init(const struct kernel_config *cfg)
{
    kernel = cfg;
}

/* Index of the driver numbered num in kernel->drivers, or -1. */
int kernel_driver_index(uint32_t num)
{
    for (unsigned i = 0; i < kernel->num_drivers; i++)
        if (kernel->drivers[i]->num == num)
            return (int)i;
    return -1;
}

/* Whether interrupts or deferred calls wait to be run. */
int kernel_work_pending(void)
{
    return arch_interrupts_pending() || deferred_pending();
}

/* Runs pending interrupt handlers and deferred calls until none is left. */
void kernel_do_work(void)
{
    while (kernel_work_pending()) {
        arch_service_interrupts();
        deferred_service();
    }
}
