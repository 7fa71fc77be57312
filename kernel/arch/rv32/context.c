/* RISC-V process state: the initial registers, system call registers (TRD104: class in a4,
 * arguments and results in a0-a3), upcalls, register dump. */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/core/kprintf.h"

/* Register numbers (RISC-V ELF psABI). */
enum { RA = 1, SP = 2, A0 = 10, A4 = 14 };

/* The RISC-V psABI keeps sp 16-byte aligned. */
#define STACK_ALIGN 16u

void arch_process_init(struct arch_context *ctx, uintptr_t entry, uintptr_t stack_top,
                       const uint32_t a[4])
{
    *ctx = (struct arch_context){ 0 };
    ctx->x[SP] = (uint32_t)(stack_top & ~(uintptr_t)(STACK_ALIGN - 1));
    for (int i = 0; i < 4; i++)
        ctx->x[A0 + i] = a[i];
    ctx->x[RA] = 0;                 /* returning from the entry point faults at 0 */
    ctx->pc = (uint32_t)entry & ~1u;    /* instructions are 2-byte aligned (C extension) */
}

/* No frame in process memory: the core checks sp instead. */
uintptr_t arch_frame_addr(const struct arch_context *ctx)
{
    return ctx->x[SP];
}

void arch_syscall_decode(const struct arch_context *ctx, uint32_t *class_id, uint32_t a[4])
{
    for (int i = 0; i < 4; i++)
        a[i] = ctx->x[A0 + i];
    *class_id = ctx->x[A4];
}

/* Only the registers the return variant uses: the others keep the process's values. */
void arch_syscall_return(struct arch_context *ctx, const uint32_t r[4], unsigned count)
{
    for (unsigned i = 0; i < count && i < 4; i++)
        ctx->x[A0 + i] = r[i];
}

/* The process "calls" pc with ra = the instruction after its ecall: when the upcall returns,
 * the yield returns. Caller-saved registers are not preserved (libtock's yield says so). */
void arch_push_upcall(struct arch_context *ctx, uintptr_t pc, const uint32_t a[4])
{
    for (int i = 0; i < 4; i++)
        ctx->x[A0 + i] = a[i];
    ctx->x[RA] = ctx->pc;
    ctx->pc = (uint32_t)pc & ~1u;
}

uintptr_t arch_process_pc(const struct arch_context *ctx)
{
    return ctx->pc;
}

/* ABI names of x0..x31. */
static const char *const reg_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3",
    "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
    "t3", "t4", "t5", "t6",
};

/* All registers are in the context (kernel memory), so frame_ok only adds a remark on sp.
 * Two columns: x0..x15 and x16..x31. */
void arch_context_print(const struct arch_context *ctx, int frame_ok, uintptr_t flash_start)
{
    for (int i = 0; i < 16; i++)
        kprintf(" x%-2d %-4s: 0x%08x    x%-2d %-4s: 0x%08x\r\n", i, reg_names[i],
                i ? ctx->x[i] : 0u, i + 16, reg_names[i + 16], ctx->x[i + 16]);
    if (!frame_ok)
        kprintf(" (sp 0x%08x lies outside the process's memory)\r\n", ctx->x[SP]);
    kprintf(" PC : 0x%08x    [0x%08x in flash image]\r\n", ctx->pc,
            ctx->pc - (uint32_t)flash_start);
}
