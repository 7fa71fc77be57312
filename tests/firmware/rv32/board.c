/* Leaving the simulation through the sifive_test finisher (QEMU virt and tocksim), and the
 * two libc routines gcc may call. */

#include "tests/firmware/rv32/fw.h"
#include "tests/firmware/rv32/rv32.h"

void fw_exit(int code)
{
    uart_flush();
    REG32(RV32_TEST_BASE) = code ? RV32_TEST_FAIL | (uint32_t)code << 16 : RV32_TEST_PASS;
    for (;;)
        wfi();
}

// (The optimize attribute stops gcc from turning these loops back into calls to themselves.)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memcpy(void *dst, const void *src, unsigned n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}

__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memset(void *dst, int c, unsigned n)
{
    uint8_t *d = dst;
    while (n--)
        *d++ = (uint8_t)c;
    return dst;
}
