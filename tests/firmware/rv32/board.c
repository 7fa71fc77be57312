/* Leaving the simulation through the sifive_test finisher (QEMU virt and tocksim).
 * memcpy/memset: tests/firmware/cm4/mem.c. */

#include "tests/firmware/rv32/fw.h"
#include "tests/firmware/rv32/rv32.h"

void fw_exit(int code)
{
    uart_flush();
    REG32(RV32_TEST_BASE) = code ? RV32_TEST_FAIL | (uint32_t)code << 16 : RV32_TEST_PASS;
    for (;;)
        wfi();
}
