/* Guest for the CLI test: an undefined instruction escalates to HardFault, whose handler
 * executes another one: the core locks up, which tocksim must report as an error. */
    .syntax unified
    .thumb
    .section .vectors, "a"
    .word 0x20001000, reset + 1, hardfault + 1, hardfault + 1
    .text
    .thumb_func
reset:
    udf #1
    .thumb_func
hardfault:
    udf #2
