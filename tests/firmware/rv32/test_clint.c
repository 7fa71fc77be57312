/* CLINT (SiFive layout; QEMU virt's ACLINT): msip and mip.MSIP, mtimecmp and mip.MTIP, timer
 * and software interrupts, wfi with interrupts disabled, vectored mtvec. */

#include "tests/firmware/rv32/fw.h"
#include "tests/firmware/rv32/rv32.h"

#define TICKS 1000u                     /* 100 us at 10 MHz */

static volatile int timer_irqs, soft_irqs;
static volatile uint32_t soft_mepc;

static void on_timer(struct trap_frame *f)
{
    (void)f;
    if (++timer_irqs < 3)
        mtimecmp_write(mtime_read() + TICKS);
    else
        mtimecmp_write(~0ull);
}

static void on_soft(struct trap_frame *f)
{
    soft_irqs++;
    soft_mepc = f->mepc;
    CLINT_MSIP = 0;
}

extern char after_msip[], vectors[];

static void test_msip_and_mtip(void)
{
    CLINT_MSIP = 1;
    uint32_t mip1 = csr_read(mip) & MIP_MSIP;
    uint32_t msip = CLINT_MSIP;
    CLINT_MSIP = 0;
    uint32_t mip2 = csr_read(mip) & MIP_MSIP;
    check_eq(msip, 1, "msip readback");
    check_eq(mip1, MIP_MSIP, "mip.MSIP follows msip");
    check_eq(mip2, 0, "mip.MSIP cleared");
    mtimecmp_write(0);
    uint32_t mtip1 = csr_read(mip) & MIP_MTIP;
    mtimecmp_write(~0ull);
    uint32_t mtip2 = csr_read(mip) & MIP_MTIP;
    check_eq(mtip1, MIP_MTIP, "mip.MTIP with mtimecmp 0");
    check_eq(mtip2, 0, "mip.MTIP with mtimecmp max");
    check_eq(CLINT_MTIMECMPH, 0xffffffff, "mtimecmph readback");
    uint64_t t0 = mtime_read();
    for (volatile int i = 0; i < 2000; i++)
        ;
    check_true(mtime_read() > t0, "mtime advances");
}

static void test_timer_irqs(void)
{
    trap_set_handler(MCAUSE_INT | 7, on_timer);
    timer_irqs = 0;
    csr_write(mie, MIP_MTIP);
    csr_set(mstatus, MSTATUS_MIE);
    mtimecmp_write(mtime_read() + TICKS);
    for (uint32_t i = 0; i < 100 && timer_irqs < 3; i++)
        wfi();
    csr_clear(mstatus, MSTATUS_MIE);
    check_eq((uint32_t)timer_irqs, 3, "timer interrupts by wfi");
    check_eq(last_trap.mcause, MCAUSE_INT | 7, "mcause machine timer");
    check_eq(last_trap.mstatus & (MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE),
             MSTATUS_MPP | MSTATUS_MPIE, "mstatus in the handler: MPP M, MPIE 1, MIE 0");
    /* MIE = 0: wfi still wakes on the pending, enabled interrupt, which is not taken. */
    int before = trap_count;
    mtimecmp_write(mtime_read() + TICKS);
    for (uint32_t i = 0; i < 100 && !(csr_read(mip) & MIP_MTIP); i++)
        wfi();
    check_eq(csr_read(mip) & MIP_MTIP, MIP_MTIP, "wfi woke with MIE 0");
    check_eq((uint32_t)(trap_count - before), 0, "no trap taken");
    csr_set(mstatus, MSTATUS_MIE);          /* now it is taken */
    csr_clear(mstatus, MSTATUS_MIE);
    check_eq((uint32_t)(trap_count - before), 1, "taken when MIE is set");
    mtimecmp_write(~0ull);
    csr_write(mie, 0);
}

__attribute__((noinline)) static void test_soft_irq_vectored(void)
{
    uint32_t base = (uint32_t)(uintptr_t)vectors;
    trap_set_handler(MCAUSE_INT | 3, on_soft);
    csr_write(mtvec, base | 1);
    check_eq(csr_read(mtvec), base | 1, "mtvec vectored");
    csr_write(mie, MIP_MSIP);
    csr_set(mstatus, MSTATUS_MIE);
    __asm volatile(".globl after_msip\n"
                   "li t0, 1\n"
                   "sw t0, 0(%0)\n"
                   "j after_msip\n"
                   "after_msip:\n" : : "r"(RV32_CLINT_BASE) : "t0", "memory");
    csr_clear(mstatus, MSTATUS_MIE);
    csr_write(mie, 0);
    check_eq((uint32_t)soft_irqs, 1, "software interrupt");
    check_eq(soft_mepc, (uint32_t)(uintptr_t)after_msip, "taken at the next block");
    check_eq(last_trap.mcause, MCAUSE_INT | 3, "mcause machine software");
    extern void trap_entry(void);
    csr_write(mtvec, (uint32_t)(uintptr_t)trap_entry);
    csr_write(mtvec, 0x80000003u);          /* reserved mode: the write is ignored */
    check_eq(csr_read(mtvec), (uint32_t)(uintptr_t)trap_entry, "mtvec mode 3 ignored");
}

void test_clint(void)
{
    fw_printf("clint\n");
    trap_reset();
    test_msip_and_mtip();
    test_timer_irqs();
    test_soft_irq_vectored();
    trap_reset();
}
