/* fault-stack: recurses until its stack overflows. The stack sits at the bottom of the
 * process's RAM (app.ld), so the overflow leaves the process's memory and the MPU stops it. */
#include <stdint.h>
#include <stdio.h>

#include "tock.h"

/* Each level keeps 64 bytes live, so the compiler can neither drop nor flatten the frames. */
static uint32_t recurse(uint32_t depth)
{
    volatile uint32_t frame[16];
    if (depth == UINT32_MAX)    /* never true: keeps the recursion formally finite */
        return 0;
    frame[0] = depth;
    frame[15] = recurse(depth + 1) + frame[0];
    return frame[15];
}

int main(void)
{
    uint32_t start = memop(MEMOP_MEM_START, 0).data[0];
    printf("fault-stack: RAM starts at 0x%08x, stack below 0x%08x; recursing\n",
           (unsigned)start, (unsigned)(uintptr_t)__builtin_frame_address(0));
    printf("fault-stack: NOT REACHED %u\n", (unsigned)recurse(0));
    return 0;
}
