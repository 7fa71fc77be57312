/* RISC-V port: initialisation, running a process and why it came back, masking, idling. */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/arch/rv32/csr.h"
#include "kernel/arch/rv32/rv32.h"

/* The kernel runs with mstatus.MIE = 0 for good: machine-mode code is never interrupted, and
 * interrupts are taken only while a process runs (user mode ignores MIE). mie enables the
 * timer and external interrupts once their drivers are there (mtimer.c, irq.c). cpu_hz is
 * not needed: timeslices count mtime ticks. */
void arch_init(uint32_t cpu_hz)
{
    (void)cpu_hz;
    csr_clear(mstatus, MSTATUS_MIE);
    csr_write(mie, 0);
    csr_write(mscratch, 0);
    csr_write(mtvec, (uintptr_t)rv32_trap_entry);
    rv32_pmp_init();
}

/* ecall is always 4 bytes long (there is no compressed form), so the process resumes at
 * mepc + 4 after a system call. */
enum arch_return arch_switch_to_process(struct arch_context *ctx)
{
    rv32_mtimer_settle();
    rv32_run_process(ctx);
    uint32_t cause = ctx->mcause;
    if (cause & MCAUSE_INTERRUPT) {
        if ((cause & ~MCAUSE_INTERRUPT) == IRQ_M_TIMER && rv32_mtimer_slice_over())
            return ARCH_RETURN_TIMESLICE;
        return ARCH_RETURN_INTERRUPT;
    }
    if (cause == EXC_ECALL_U) {
        ctx->pc += 4;
        return ARCH_RETURN_SYSCALL;
    }
    rv32_fault_record(ctx);
    return ARCH_RETURN_FAULT;
}

uint32_t arch_irq_save(void)
{
    return csr_read_clear(mstatus, MSTATUS_MIE) & MSTATUS_MIE;
}

void arch_irq_restore(uint32_t state)
{
    if (state & MSTATUS_MIE)
        csr_set(mstatus, MSTATUS_MIE);
}

/* wfi resumes when an interrupt enabled in mie is pending, whatever mstatus.MIE says
 * (privileged spec 3.3.3), so with MIE = 0 nothing is taken and no wakeup is lost. */
void arch_wait_for_interrupt(void)
{
    rv32_mtimer_settle();
    __asm__ volatile("wfi" ::: "memory");
}

void arch_halt(void)
{
    csr_clear(mstatus, MSTATUS_MIE);
    csr_write(mie, 0);
    for (;;)
        __asm__ volatile("wfi");
}

/* mcycle counts host time on QEMU and Unicorn (not deterministic); the simulator counts
 * instructions itself. */
uint32_t arch_cycle_count(void)
{
    return 0;
}
