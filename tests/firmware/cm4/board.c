/* Leaving the simulation (finisher or semihosting). memcpy/memset: mem.c. */

/*
 * Exit paths:
 *  - tocksim's finisher device (boards-virtual/cm4/memmap.h): ID register at +0, exit code
 *    written to +8. QEMU maps that window as unimplemented (reads 0), so the ID tells.
 *  - ARM semihosting (ARM IHI 0069, "Semihosting for AArch32 and AArch64"): BKPT 0xAB with the
 *    operation in r0. SYS_EXIT (0x18) with r1 = ADP_Stopped_ApplicationExit (0x20026) is a
 *    successful exit; SYS_EXIT_EXTENDED (0x20) takes r1 = pointer to {reason, subcode} and
 *    carries the exit status. QEMU 7.2 implements both (exit status = subcode).
 */

#include "tests/firmware/cm4/armv7m.h"
#include "tests/firmware/cm4/fw.h"

#define FINISHER_ID    REG32(CM4_FINISHER_BASE + 0x0)
#define FINISHER_EXIT  REG32(CM4_FINISHER_BASE + 0x8)

#define SEMI_SYS_EXIT           0x18u
#define SEMI_SYS_EXIT_EXTENDED  0x20u
#define ADP_STOPPED_APP_EXIT    0x20026u

static uint32_t semihost(uint32_t op, uint32_t arg)
{
    register uint32_t r0 __asm("r0") = op;
    register uint32_t r1 __asm("r1") = arg;

    __asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void fw_exit(int code)
{
    static uint32_t block[2];

    uart_flush();
    if (FINISHER_ID == CM4_ID_FINISHER)
        FINISHER_EXIT = (uint32_t)code;
    if (code == 0) {
        semihost(SEMI_SYS_EXIT, ADP_STOPPED_APP_EXIT);
    } else {
        block[0] = ADP_STOPPED_APP_EXIT;
        block[1] = (uint32_t)code;
        semihost(SEMI_SYS_EXIT_EXTENDED, (uint32_t)(uintptr_t)block);
    }
    for (;;)
        wfi();
}
