/* RISC-V process faults: mcause/mtval decode, the fault status block of the report. */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/arch/rv32/csr.h"
#include "kernel/arch/rv32/rv32.h"
#include "kernel/core/kprintf.h"

/* status[] layout in struct arch_fault. */
enum { S_MCAUSE, S_MTVAL, S_MEPC, S_WORDS };

static uint32_t saved[S_WORDS];

void rv32_fault_record(const struct arch_context *ctx)
{
    saved[S_MCAUSE] = ctx->mcause;
    saved[S_MTVAL] = ctx->mtval;
    saved[S_MEPC] = ctx->pc;
}

/* Exception names as the privileged spec's table 3.6 gives them. */
const char *rv32_mcause_name(uint32_t mcause)
{
    static const char *const exceptions[] = {
        [0] = "Instruction address misaligned", [1] = "Instruction access fault",
        [2] = "Illegal instruction",            [3] = "Breakpoint",
        [4] = "Load address misaligned",        [5] = "Load access fault",
        [6] = "Store/AMO address misaligned",   [7] = "Store/AMO access fault",
        [8] = "Environment call from U-mode",   [9] = "Environment call from S-mode",
        [11] = "Environment call from M-mode",  [12] = "Instruction page fault",
        [13] = "Load page fault",               [15] = "Store/AMO page fault",
    };
    static const char *const interrupts[] = {
        [IRQ_M_SOFT] = "Machine software interrupt", [IRQ_M_TIMER] = "Machine timer interrupt",
        [IRQ_M_EXT] = "Machine external interrupt",
    };
    uint32_t code = mcause & ~MCAUSE_INTERRUPT;
    const char *name = NULL;
    if (mcause & MCAUSE_INTERRUPT) {
        if (code < sizeof interrupts / sizeof interrupts[0])
            name = interrupts[code];
    } else if (code < sizeof exceptions / sizeof exceptions[0]) {
        name = exceptions[code];
    }
    return name ? name : "Reserved";
}

/* An access fault is the PMP's doing if the PMP refuses that access; if the PMP allows it,
 * the address holds nothing (or refuses the access, e.g. a store to flash): a bus error. */
static enum arch_fault_kind access_kind(uintptr_t addr, uint32_t perm)
{
    return rv32_pmp_allows(addr, perm) ? ARCH_FAULT_BUS : ARCH_FAULT_MPU;
}

static void decode(struct arch_fault *f, const uint32_t st[S_WORDS])
{
    uint32_t cause = st[S_MCAUSE], tval = st[S_MTVAL];
    for (int i = 0; i < 4; i++)
        f->status[i] = i < S_WORDS ? st[i] : 0;
    f->addr_valid = 1;              /* mtval holds the address for all but two causes */
    f->addr_is_pc = 0;
    f->addr = tval;
    switch (cause) {
    case EXC_INSN_ACCESS:
        f->kind = access_kind(tval, PMP_X);
        f->detail = "instruction fetch";
        break;
    case EXC_LOAD_ACCESS:
        f->kind = access_kind(tval, PMP_R);
        f->detail = "load access";
        break;
    case EXC_STORE_ACCESS:
        f->kind = access_kind(tval, PMP_W);
        f->detail = "store access";
        break;
    case EXC_INSN_MISALIGNED:
    case EXC_LOAD_MISALIGNED:
    case EXC_STORE_MISALIGNED:
        f->kind = ARCH_FAULT_USAGE;
        f->detail = "misaligned access";
        break;
    case EXC_ILLEGAL_INSN:
        f->kind = ARCH_FAULT_USAGE;
        f->detail = "illegal instruction";
        f->addr_valid = 0;          /* mtval holds the instruction: the address is the PC */
        f->addr_is_pc = 1;
        break;
    default:
        f->kind = ARCH_FAULT_HARD;
        f->detail = rv32_mcause_name(cause);
        f->addr_valid = 0;
        f->addr_is_pc = cause == EXC_BREAKPOINT;
        break;
    }
}

void arch_fault_read(struct arch_fault *f)
{
    decode(f, saved);
}

/* Tock's rv32i prints the same facts ("Last cause (mcause)", "Last value (mtval)"). */
void arch_fault_print(const struct arch_fault *f)
{
    uint32_t cause = f->status[S_MCAUSE];
    kprintf("---| RISC-V Machine State |---\r\n");
    kprintf("%-36s 0x%08x (%s, %s %u)\r\n", "Last cause (mcause):", cause,
            rv32_mcause_name(cause), (cause & MCAUSE_INTERRUPT) ? "interrupt" : "exception",
            cause & ~MCAUSE_INTERRUPT);
    kprintf("%-36s 0x%08x%s\r\n", "Last value (mtval):", f->status[S_MTVAL],
            cause == EXC_ILLEGAL_INSN ? " (the instruction)" : "");
    kprintf("%-36s 0x%08x\r\n", "Faulting PC (mepc):", f->status[S_MEPC]);
}
