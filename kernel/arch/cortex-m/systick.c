/* Cortex-M timeslices on SysTick, counting CPU cycles. */
#include <stdint.h>

#include "kernel/arch/cortex-m/cortexm.h"
#include "kernel/arch/cortex-m/regs.h"

static uint32_t cycles_per_us;

void cortexm_systick_init(uint32_t cpu_hz)
{
    cycles_per_us = cpu_hz / 1000000u;
    if (cycles_per_us == 0)
        cycles_per_us = 1;
    SYST_CSR = 0;
}

int arch_timeslice_start(uint32_t us)
{
    if (us & ARCH_SLICE_GOES_ON)    /* SysTick counts on, its interrupt armed: nothing to write */
        return !cortexm_timeslice_expired;  /* SysTick_Handler ran in the kernel: used up */
    uint32_t cycles = us * cycles_per_us;
    if (cycles > SYST_RVR_MAX)
        cycles = SYST_RVR_MAX;
    if (cycles == 0)
        cycles = 1;
    cortexm_timeslice_expired = 0;
    /* The counter is stopped here: by cortexm_systick_init, or by the arch_timeslice_end that
     * ends every turn. */
    SYST_RVR = cycles;
    SYST_CVR = 0;                   /* any write clears the counter: it reloads from RVR */
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE;
    return 1;
}

/* The counter runs on while the kernel handles the call (arch.h); if it reaches zero there,
 * SysTick_Handler notes the expiry and the next arch_timeslice_start says so. No device
 * access per system call (it was three here and three in start, then a COUNTFLAG read): by
 * the time the kernel thread runs again, a SysTick that reached zero has been taken, since
 * its exception has the priority of every other and neither the process nor the exception
 * return that ends its turn can hold it off. */
uint32_t arch_timeslice_stop(void)
{
    return cortexm_timeslice_expired ? 0 : ARCH_SLICE_GOES_ON;
}

void arch_timeslice_end(void)
{
    SYST_CSR = 0;
}
