/* Assembly probes: instructions whose address a test must know (faulting loads, SVC sites),
 * and register set-ups C cannot express. */

/*
 * Each probe names the instruction of interest with a global label "<probe>_insn" (or "_ret"
 * for the instruction after an SVC) so the C side can compare it with the stacked PC
 * (ARMv7-M ARM DDI0403E, B1.5.6: the stacked return address of a synchronous fault is the
 * faulting instruction; for SVC it is the next instruction).
 */

    .syntax unified
    .thumb
    .text

    .macro FUNC name
    .global \name
    .type \name, %function
    .thumb_func
\name:
    .endm

    .macro LABEL name
    .global \name
\name:
    .endm

/* uint32_t svc_frame_probe(uint32_t misalign, uint32_t unused): executes SVC 0x42 with known
 * r0-r3, r12, lr and flags, on a stack 8-byte aligned (misalign 0) or 4 bytes off (misalign 4).
 * The stack pointer just before the SVC goes to svc_probe_sp. Returns r0 as the handler left
 * it. */
FUNC svc_frame_probe
    push    {r4-r7, lr}
    mov     r7, sp
    bic     r4, r7, #7
    sub     r4, r4, r0
    mov     sp, r4
    ldr     r5, =svc_probe_sp
    str     r4, [r5]
    ldr     r6, =0x90000000         @ N and V set, Q and GE clear
    msr     APSR_nzcvqg, r6
    ldr     r0, =0xa0a0a0a0
    ldr     r1, =0x01010101
    ldr     r2, =0x02020202
    ldr     r3, =0x03030303
    ldr     r12, =0x0c0c0c0c
    ldr     lr, =0x0e0e0e0e
    svc     #0x42
LABEL svc_frame_probe_ret
    mov     sp, r7
    pop     {r4-r7, pc}

/* void svc_probe(void): SVC 0x44 (used from handler mode and for escalation). */
FUNC svc_probe
    svc     #0x44
LABEL svc_probe_ret
    bx      lr

/* uint32_t probe_exclusive(addr, take_svc): LDREX/STREX on addr, with SVC 0x46 between them
 * when take_svc is non-zero. Returns the STREX status (0 = stored, 1 = failed). */
FUNC probe_exclusive
    ldrex   r2, [r0]
    cbz     r1, 1f
    svc     #0x46
1:  strex   r3, r2, [r0]
    mov     r0, r3
    bx      lr

/* uint32_t probe_read(addr): word load; returns 0xbad0bad0 if the load was skipped. */
FUNC probe_read
    mov     r1, r0
    ldr     r0, =0xbad0bad0
LABEL probe_read_insn
    ldr     r0, [r1]
    bx      lr

/* uint32_t probe_readb(addr): byte load; returns 0xbad0bad0 if skipped. */
FUNC probe_readb
    mov     r1, r0
    ldr     r0, =0xbad0bad0
LABEL probe_readb_insn
    ldrb    r0, [r1]
    bx      lr

/* uint32_t probe_write(addr, value): word store; returns 0. */
FUNC probe_write
LABEL probe_write_insn
    str     r1, [r0]
    movs    r0, #0
    bx      lr

/* uint32_t probe_udf(void): 16-bit permanently undefined instruction, returns 1. */
FUNC probe_udf
    movs    r0, #1
LABEL probe_udf_insn
    udf     #0
    bx      lr

/* uint32_t probe_udf_w(void): 32-bit permanently undefined instruction, returns 2. */
FUNC probe_udf_w
    movs    r0, #2
LABEL probe_udf_w_insn
    udf.w   #0
    bx      lr

/* uint32_t probe_sdiv(a, b): signed a / b (0 if b == 0 and DIV_0_TRP is clear); a if skipped. */
FUNC probe_sdiv
LABEL probe_sdiv_insn
    sdiv    r0, r0, r1
    bx      lr

/* uint32_t probe_nocp(x): a floating-point move, which needs CPACR to grant CP10/CP11. */
    .fpu fpv4-sp-d16
FUNC probe_nocp
LABEL probe_nocp_insn
    vmov    s0, r0
    bx      lr
    .fpu softvfp

/* uint32_t probe_blx(target): branches with link to `target` (an even address makes EPSR.T 0
 * and the next instruction raises INVSTATE). Returns the callee's r0 or 0x1a57a7e if the
 * callee was skipped. */
FUNC probe_blx
    push    {r4, lr}
    mov     r4, r0
    ldr     r0, =0x01a57a7e
    blx     r4
    pop     {r4, pc}

/* uint32_t xn_target(void): returns 42. Lives alone in a 32-byte block of flash (.xn_text)
 * so an MPU region can make exactly this code execute-never. */
    .section .xn_text, "ax", %progbits
    .balign 32
FUNC xn_target
    movs    r0, #42
    bx      lr
    .balign 32

    .bss
    .balign 4
    .global svc_probe_sp
svc_probe_sp:
    .space 4
