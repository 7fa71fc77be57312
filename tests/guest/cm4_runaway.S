/* Guest for the CLI test of guest-error output: prints "blin" on UART0, then writes 100,000
 * times to an offset the UART does not have (one guest error each), then "k: 2 LEDs\n", and
 * exits through semihosting. tocksim must keep the console line whole and summarise the
 * identical errors instead of printing 100,000 lines. */
    .syntax unified
    .thumb
    .section .vectors, "a"
    .word 0x20001000, reset + 1, hang + 1, hang + 1
    .text
    .thumb_func
reset:
    ldr r5, =0x40004000         /* CMSDK UART0 */
    movs r0, #16
    str r0, [r5, #0x10]         /* BAUDDIV */
    movs r0, #1
    str r0, [r5, #8]            /* CTRL: TX enable */
    ldr r1, =first
    bl puts
    ldr r2, =100000
1:  str r0, [r5, #0x40]         /* no register there: a guest error */
    subs r2, r2, #1
    bne 1b
    ldr r1, =rest
    bl puts
    movs r0, #0x18              /* SYS_EXIT */
    ldr r1, =0x20026            /* ADP_Stopped_ApplicationExit */
    bkpt 0xab
    .thumb_func
hang:
    b hang

/* Writes the NUL-terminated string at r1 to the UART's data register. */
    .thumb_func
puts:
    ldrb r3, [r1], #1
    cbz r3, 2f
3:  ldr r4, [r5, #4]            /* STATE bit 0: TX buffer full */
    lsls r4, r4, #31
    bne 3b
    str r3, [r5]
    b puts
2:  bx lr

    .data
first: .asciz "blin"
rest:  .asciz "k: 2 LEDs\n"
