/* hello: prints a greeting, its memory layout and a few formatted numbers, then stays idle. */
#include <stdio.h>

#include "tock.h"

int main(void)
{
    printf("Hello, World!\n");
    printf("hello: flash 0x%08x-0x%08x ram 0x%08x-0x%08x\n",
           (unsigned)memop(MEMOP_FLASH_START, 0).data[0],
           (unsigned)memop(MEMOP_FLASH_END, 0).data[0],
           (unsigned)memop(MEMOP_MEM_START, 0).data[0],
           (unsigned)memop(MEMOP_MEM_END, 0).data[0]);
    printf("hello: %d %u %x %s %c [%5d] [%-4s] [%04x]\n", -42, 42u, 0xbeefu, "str", '!', 7,
           "ab", 0x2a);
    printf("hello: done\n");
    return 0;
}
