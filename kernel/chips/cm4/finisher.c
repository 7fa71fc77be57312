/* cm4 chip: the tocksim test finisher (doc/devices/finisher.md): a write to EXIT ends the run
 * with that exit code. Absent on QEMU, where this driver does nothing. */
#include <stdint.h>

#include "kernel/chips/cm4/finisher.h"

#define ID    0x000u
#define EXIT  0x008u

static uintptr_t finisher_base;

int cm4_finisher_init(uintptr_t base, uint32_t id)
{
    finisher_base = *(volatile uint32_t *)(base + ID) == id ? base : 0;
    return finisher_base != 0;
}

void cm4_finisher_exit(uint32_t code)
{
    if (finisher_base)
        *(volatile uint32_t *)(finisher_base + EXIT) = code;
}
