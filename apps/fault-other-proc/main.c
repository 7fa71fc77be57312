/* fault-other-proc: reads RAM just below its own, which belongs to the process loaded before
 * it (or to the kernel if it is the first); the MPU must stop it. */
#include <stdint.h>
#include <stdio.h>

#include "tock.h"

#define DISTANCE 256u   /* below our RAM start: past any alignment gap, into the neighbour */

int main(void)
{
    uint32_t start = memop(MEMOP_MEM_START, 0).data[0];
    volatile uint32_t *p = (volatile uint32_t *)(start - DISTANCE);
    printf("fault-other-proc: my RAM starts at 0x%08x; reading 0x%08x\n", (unsigned)start,
           (unsigned)(uintptr_t)p);
    uint32_t v = *p;
    printf("fault-other-proc: NOT ISOLATED: read 0x%08x from 0x%08x\n", (unsigned)v,
           (unsigned)(uintptr_t)p);
    return 0;
}
