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

void arch_timeslice_start(uint32_t us)
{
    uint32_t cycles = us * cycles_per_us;
    if (cycles > SYST_RVR_MAX)
        cycles = SYST_RVR_MAX;
    if (cycles == 0)
        cycles = 1;
    cortexm_timeslice_expired = 0;
    /* The counter is stopped here: by cortexm_systick_init, or by the arch_timeslice_stop that
     * ends every slice (a device write fewer per system call). */
    SYST_RVR = cycles;
    SYST_CVR = 0;                   /* any write clears the counter: it reloads from RVR */
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE;
}

uint32_t arch_timeslice_stop(void)
{
    uint32_t left = SYST_CVR;
    uint32_t csr = SYST_CSR;        /* reading clears COUNTFLAG */
    SYST_CSR = 0;
    if (cortexm_timeslice_expired || (csr & SYST_CSR_COUNTFLAG))
        return 0;
    return left / cycles_per_us;
}
