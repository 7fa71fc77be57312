/* The kernel's configuration from the board, and the work it does between processes. */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/core/deferred.h"
#include "kernel/core/kernel.h"

const struct kernel_config *kernel;

void kernel_init(const struct kernel_config *cfg)
{
    kernel = cfg;
}

int kernel_driver_index(uint32_t num)
{
    for (unsigned i = 0; i < kernel->num_drivers; i++)
        if (kernel->drivers[i]->num == num)
            return (int)i;
    return -1;
}

int kernel_work_pending(void)
{
    return arch_interrupts_pending() || deferred_pending();
}

void kernel_do_work(void)
{
    while (kernel_work_pending()) {
        arch_service_interrupts();
        deferred_service();
    }
}
