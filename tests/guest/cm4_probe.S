/* Guest for the MPU permission matrix test: performs one access described by the host in CMD
 * (address, op 0 read / 1 write / 2 execute, 1 = unprivileged) and records what happened in RES.
 * RES: [0] exception taken (0 none) [1] CFSR [2] MMFAR [3] BFAR [4] stacked PC [5] HFSR
 *      [6] address of the read probe [7] of the write probe; r8 = value read. */
    .syntax unified
    .thumb
    .equ CMD, 0x2000f000
    .equ RES, 0x2000f100
    .equ SHCSR, 0xe000ed24
    .equ CFSR, 0xe000ed28

    .section .vectors, "a"
    .word 0x2000e000            /* initial MSP */
    .word reset + 1
    .word fault + 1             /* NMI */
    .word fault + 1             /* HardFault */
    .word fault + 1             /* MemManage */
    .word fault + 1             /* BusFault */
    .word fault + 1             /* UsageFault */

    .text
    .thumb_func
reset:
    ldr r4, =RES
    ldr r0, =probe_read
    str r0, [r4, #24]
    ldr r0, =probe_write
    str r0, [r4, #28]
    ldr r0, =SHCSR
    mov r1, #(7 << 16)          /* enable MemManage, BusFault, UsageFault */
    str r1, [r0]
    ldr r4, =CMD
    ldr r5, [r4, #0]
    ldr r6, [r4, #4]
    ldr r7, [r4, #8]
    cbz r7, 1f
    ldr r0, =0x2000d000
    msr psp, r0
    movs r0, #3                 /* unprivileged, PSP */
    msr control, r0
    isb
1:  cmp r6, #1
    beq probe_write
    bgt do_exec
probe_read:
    ldr r0, [r5]
    mov r8, r0                  /* the host reads the value from r8 */
    b done
probe_write:
    str r6, [r5]
    b done
do_exec:
    orr r5, r5, #1
    blx r5
done:
    movs r0, #0x18              /* SYS_EXIT */
    ldr r1, =0x20026            /* ADP_Stopped_ApplicationExit */
    bkpt 0xab

    .thumb_func
fault:
    ldr r4, =RES
    mrs r0, ipsr
    str r0, [r4, #0]
    ldr r1, =CFSR
    ldr r0, [r1, #0]
    str r0, [r4, #4]
    ldr r0, [r1, #12]           /* MMFAR */
    str r0, [r4, #8]
    ldr r0, [r1, #16]           /* BFAR */
    str r0, [r4, #12]
    ldr r0, [r1, #4]            /* HFSR */
    str r0, [r4, #20]
    tst lr, #4
    ite eq
    mrseq r0, msp
    mrsne r0, psp
    ldr r0, [r0, #24]           /* stacked return address */
    str r0, [r4, #16]
    b done
    .ltorg
