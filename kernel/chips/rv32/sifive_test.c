/* rv32 chip: the sifive_test finisher (QEMU hw/misc/sifive_test.c; doc/devices/sifive_test.md).
 * One write-only register: [15:0] command (0x5555 PASS, 0x3333 FAIL), [31:16] code. Present
 * on QEMU virt and on tocksim's rv32 board alike. */
#include <stdint.h>

#include "kernel/chips/rv32/sifive_test.h"

#define FINISHER_PASS 0x5555u
#define FINISHER_FAIL 0x3333u

static uintptr_t finisher;

void sifive_test_init(uintptr_t base)
{
    finisher = base;
}

void sifive_test_exit(uint32_t status)
{
    if (!finisher)
        return;
    *(volatile uint32_t *)finisher = status ? FINISHER_FAIL | status << 16 : FINISHER_PASS;
}
