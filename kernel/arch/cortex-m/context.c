/* Cortex-M process state: the initial frame, system call registers, upcalls, register dump. */
#include <stddef.h>
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/arch/cortex-m/regs.h"
#include "kernel/core/kprintf.h"

/* switch.S finds the stack pointer by this offset, the frame by these sizes. */
_Static_assert(offsetof(struct arch_context, psp) == CORTEXM_CTX_PSP, "switch.S: ctx->psp");
_Static_assert(ARCH_FRAME_SIZE == FRAME_WORDS * 4, "arch_port.h: frame size");

static uint32_t *frame_of(const struct arch_context *ctx)
{
    return (uint32_t *)(uintptr_t)ctx->psp;
}

/* The entry runs in Thumb state (xPSR.T, the only state ARMv7-M has); the stacked PC itself
 * never has bit 0 set. */
void arch_process_init(struct arch_context *ctx, uintptr_t entry, uintptr_t stack_top,
                       const uint32_t a[4])
{
    for (int i = 0; i < 8; i++)
        ctx->r4_r11[i] = 0;
    ctx->psp = (uint32_t)((stack_top & ~7u) - ARCH_FRAME_SIZE);
    uint32_t *f = frame_of(ctx);
    for (int i = 0; i < 4; i++)
        f[FRAME_R0 + i] = a[i];
    f[FRAME_R12] = 0;
    f[FRAME_LR] = 0;                    /* returning from the entry point faults at 0 */
    f[FRAME_PC] = (uint32_t)entry & ~THUMB_ADDR_BIT;
    f[FRAME_XPSR] = XPSR_THUMB;
}

uintptr_t arch_frame_addr(const struct arch_context *ctx)
{
    return ctx->psp;
}

/* The class is the immediate of the `svc` just executed: the low byte of the halfword before
 * the stacked PC. That halfword was fetched by the process a moment ago, so it is readable. */
void arch_syscall_decode(const struct arch_context *ctx, uint32_t *class_id, uint32_t a[4])
{
    const uint32_t *f = frame_of(ctx);
    for (int i = 0; i < 4; i++)
        a[i] = f[FRAME_R0 + i];
    *class_id = THUMB_SVC_IMM(*(const volatile uint16_t *)(uintptr_t)(f[FRAME_PC] - 2));
}

/* Only the registers the return variant uses: the others keep the process's values. */
void arch_syscall_return(struct arch_context *ctx, const uint32_t r[4], unsigned count)
{
    uint32_t *f = frame_of(ctx);
    for (unsigned i = 0; i < count && i < 4; i++)
        f[FRAME_R0 + i] = r[i];
}

/* Rewrites the svc frame in place: the process "calls" pc with lr = where it was. */
void arch_push_upcall(struct arch_context *ctx, uintptr_t pc, const uint32_t a[4])
{
    uint32_t *f = frame_of(ctx);
    for (int i = 0; i < 4; i++)
        f[FRAME_R0 + i] = a[i];
    f[FRAME_LR] = f[FRAME_PC] | THUMB_ADDR_BIT;
    f[FRAME_PC] = (uint32_t)pc & ~THUMB_ADDR_BIT;
    f[FRAME_XPSR] = (f[FRAME_XPSR] & XPSR_ALIGNED) | XPSR_THUMB;
}

uintptr_t arch_process_pc(const struct arch_context *ctx)
{
    return frame_of(ctx)[FRAME_PC];
}

void arch_context_print(const struct arch_context *ctx, int frame_ok, uintptr_t flash_start)
{
    const uint32_t *f = frame_of(ctx);
    const uint32_t *r = ctx->r4_r11;
    if (frame_ok) {
        kprintf(" R0 : 0x%08x    R6 : 0x%08x\r\n", f[FRAME_R0], r[2]);
        kprintf(" R1 : 0x%08x    R7 : 0x%08x\r\n", f[FRAME_R1], r[3]);
        kprintf(" R2 : 0x%08x    R8 : 0x%08x\r\n", f[FRAME_R2], r[4]);
        kprintf(" R3 : 0x%08x    R10: 0x%08x\r\n", f[FRAME_R3], r[6]);
        kprintf(" R4 : 0x%08x    R11: 0x%08x\r\n", r[0], r[7]);
        kprintf(" R5 : 0x%08x    R12: 0x%08x\r\n", r[1], f[FRAME_R12]);
        kprintf(" R9 : 0x%08x (Static Base Register)\r\n", r[5]);
        kprintf(" SP : 0x%08x (Process Stack Pointer)\r\n", ctx->psp);
        kprintf(" LR : 0x%08x\r\n", f[FRAME_LR]);
        kprintf(" PC : 0x%08x    [0x%08x in flash image]\r\n", f[FRAME_PC],
                f[FRAME_PC] - (uint32_t)flash_start);
        kprintf(" XPSR: 0x%08x\r\n", f[FRAME_XPSR]);
    } else {
        kprintf(" R4 : 0x%08x    R8 : 0x%08x\r\n", r[0], r[4]);
        kprintf(" R5 : 0x%08x    R9 : 0x%08x\r\n", r[1], r[5]);
        kprintf(" R6 : 0x%08x    R10: 0x%08x\r\n", r[2], r[6]);
        kprintf(" R7 : 0x%08x    R11: 0x%08x\r\n", r[3], r[7]);
        kprintf(" SP : 0x%08x (Process Stack Pointer: frame outside process memory,\r\n"
                "      r0-r3, r12, lr, pc, xpsr unavailable)\r\n", ctx->psp);
    }
}
