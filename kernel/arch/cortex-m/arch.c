/* Cortex-M port: initialisation and small services of the arch contract. */
#include <stdint.h>

#include "kernel/arch/cortex-m/cortexm.h"
#include "kernel/arch/cortex-m/regs.h"

extern void (*const cortexm_vectors[])(void);

/* All exceptions keep the reset priority (0): handlers never nest, so none can interrupt
 * another's bookkeeping. Configurable faults are enabled so MPU, bus and usage faults arrive
 * as themselves instead of escalating to HardFault. */
void arch_init(uint32_t cpu_hz)
{
    SCB_VTOR = (uint32_t)(uintptr_t)cortexm_vectors;
    SCB_CCR |= CCR_STKALIGN;       /* 8-byte aligned frames (AAPCS) */
    SCB_SHCSR |= SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA;
    cortexm_nvic_init();
    cortexm_systick_init(cpu_hz);
    cortexm_mpu_init();
    __asm__ volatile("dsb\n\tisb\n\tcpsie i" ::: "memory");
}

void arch_halt(void)
{
    __asm__ volatile("cpsid i" ::: "memory");
    for (;;)
        __asm__ volatile("wfi");
}

/* QEMU's mps2-an386 has no DWT cycle counter; the simulator counts instructions itself. */
uint32_t arch_cycle_count(void)
{
    return 0;
}
