/* Cortex-M fault status: record a process's fault, decode CFSR/HFSR, kernel fault panics. */
#include <stdint.h>

#include "kernel/arch/cortex-m/cortexm.h"
#include "kernel/arch/cortex-m/regs.h"
#include "kernel/core/fault.h"
#include "kernel/core/kprintf.h"
#include "kernel/core/panic.h"

/* status[] layout in struct arch_fault. */
enum { S_CFSR, S_HFSR, S_MMFAR, S_BFAR };

static uint32_t saved[4];

void cortexm_fault_record(uint32_t exc_return)
{
    (void)exc_return;
    saved[S_CFSR] = SCB_CFSR;
    saved[S_HFSR] = SCB_HFSR;
    saved[S_MMFAR] = SCB_MMFAR;
    saved[S_BFAR] = SCB_BFAR;
    SCB_CFSR = saved[S_CFSR];       /* write 1 to clear */
    SCB_HFSR = saved[S_HFSR];
}

/* Names the first set bit of a table of (bit, phrase). */
struct bit_name {
    uint32_t bit;
    const char *name;
};

static const struct bit_name cfsr_names[] = {
    { MM_MSTKERR, "stacking" },             { MM_MUNSTKERR, "unstacking" },
    { MM_IACCVIOL, "instruction fetch" },   { MM_DACCVIOL, "data access" },
    { BF_PRECISERR, "precise data bus error" }, { BF_IMPRECISERR, "imprecise data bus error" },
    { BF_IBUSERR, "instruction bus error" }, { BF_STKERR, "stacking bus error" },
    { BF_UNSTKERR, "unstacking bus error" }, { UF_UNDEFINSTR, "undefined instruction" },
    { UF_INVSTATE, "invalid state" },       { UF_INVPC, "invalid PC" },
    { UF_NOCP, "no coprocessor" },          { UF_UNALIGNED, "unaligned access" },
    { UF_DIVBYZERO, "divide by zero" },
};

static const char *cfsr_detail(uint32_t cfsr, uint32_t hfsr)
{
    for (unsigned i = 0; i < sizeof cfsr_names / sizeof cfsr_names[0]; i++)
        if (cfsr & cfsr_names[i].bit)
            return cfsr_names[i].name;
    return (hfsr & HF_VECTTBL) ? "vector table read" : "hard fault";
}

static void decode(struct arch_fault *f, const uint32_t st[4])
{
    uint32_t cfsr = st[S_CFSR];
    for (int i = 0; i < 4; i++)
        f->status[i] = st[i];
    f->kind = (cfsr & CFSR_MMFSR) ? ARCH_FAULT_MPU
            : (cfsr & CFSR_BFSR) ? ARCH_FAULT_BUS
            : (cfsr & CFSR_UFSR) ? ARCH_FAULT_USAGE : ARCH_FAULT_HARD;
    f->detail = cfsr_detail(cfsr, st[S_HFSR]);
    f->addr_valid = 0;
    f->addr_is_pc = 0;
    f->addr = 0;
    if ((cfsr & MM_MMARVALID) && (cfsr & MM_DACCVIOL)) {
        f->addr_valid = 1;
        f->addr = st[S_MMFAR];
    } else if ((cfsr & BF_BFARVALID) && (cfsr & BF_PRECISERR)) {
        f->addr_valid = 1;
        f->addr = st[S_BFAR];
    } else if (cfsr & (MM_IACCVIOL | BF_IBUSERR | UF_INVSTATE | UF_UNDEFINSTR | UF_INVPC)) {
        f->addr_is_pc = 1;          /* the faulting address is the stacked PC */
    }
}

void arch_fault_read(struct arch_fault *f)
{
    decode(f, saved);
}

static void flag(const char *what, uint32_t reg, uint32_t bit)
{
    if (reg & bit)
        kprintf("%-36s true\r\n", what);
}

void arch_fault_print(const struct arch_fault *f)
{
    uint32_t cfsr = f->status[S_CFSR], hfsr = f->status[S_HFSR];
    kprintf("---| Cortex-M Fault Status |---\r\n");
    flag("Instruction Access Violation:", cfsr, MM_IACCVIOL);
    flag("Data Access Violation:", cfsr, MM_DACCVIOL);
    flag("Memory Management Unstacking Fault:", cfsr, MM_MUNSTKERR);
    flag("Memory Management Stacking Fault:", cfsr, MM_MSTKERR);
    flag("Instruction Bus Error:", cfsr, BF_IBUSERR);
    flag("Precise Data Bus Error:", cfsr, BF_PRECISERR);
    flag("Imprecise Data Bus Error:", cfsr, BF_IMPRECISERR);
    flag("Bus Unstacking Fault:", cfsr, BF_UNSTKERR);
    flag("Bus Stacking Fault:", cfsr, BF_STKERR);
    flag("Undefined Instruction Usage Fault:", cfsr, UF_UNDEFINSTR);
    flag("Invalid State Usage Fault:", cfsr, UF_INVSTATE);
    flag("Invalid PC Load Usage Fault:", cfsr, UF_INVPC);
    flag("No Coprocessor Usage Fault:", cfsr, UF_NOCP);
    flag("Unaligned Access Usage Fault:", cfsr, UF_UNALIGNED);
    flag("Divide By Zero:", cfsr, UF_DIVBYZERO);
    flag("Bus Fault on Vector Table Read:", hfsr, HF_VECTTBL);
    flag("Forced Hard Fault:", hfsr, HF_FORCED);
    if (cfsr & MM_MMARVALID)
        kprintf("%-36s 0x%08x\r\n", "Faulting Memory Address:", f->status[S_MMFAR]);
    if (cfsr & BF_BFARVALID)
        kprintf("%-36s 0x%08x\r\n", "Bus Fault Address:", f->status[S_BFAR]);
    kprintf("%-36s 0x%08x\r\n", "Fault Status Register (CFSR):", cfsr);
    kprintf("%-36s 0x%08x\r\n", "Hard Fault Status Register (HFSR):", hfsr);
}

void cortexm_kernel_fault(const uint32_t *frame, uint32_t exc_return)
{
    struct arch_fault f;
    uint32_t st[4] = { SCB_CFSR, SCB_HFSR, SCB_MMFAR, SCB_BFAR };
    decode(&f, st);
    kprintf("\r\n\r\nKernel fault (%s: %s) with EXC_RETURN 0x%08x\r\n",
            fault_kind_name(f.kind), f.detail, exc_return);
    arch_fault_print(&f);
    kprintf(" R0 : 0x%08x  R1 : 0x%08x  R2 : 0x%08x  R3 : 0x%08x\r\n",
            frame[FRAME_R0], frame[FRAME_R1], frame[FRAME_R2], frame[FRAME_R3]);
    kprintf(" R12: 0x%08x  LR : 0x%08x  PC : 0x%08x  XPSR: 0x%08x\r\n",
            frame[FRAME_R12], frame[FRAME_LR], frame[FRAME_PC], frame[FRAME_XPSR]);
    panic("kernel: fault in the kernel at pc 0x%08x", frame[FRAME_PC]);
}

void cortexm_unexpected(void)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    panic("cortex-m: unexpected exception %u", ipsr & IPSR_EXCEPTION_MASK);
}
