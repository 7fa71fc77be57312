/* fault-kernel-ram: writes into the kernel's RAM (bottom of RAM); the MPU/PMP must stop it. */
#include <stdint.h>
#include <stdio.h>

#include "platform.h"

#define TARGET (PLATFORM_KERNEL_RAM + 0x100u)

int main(void)
{
    volatile uint32_t *p = (volatile uint32_t *)TARGET;
    printf("fault-kernel-ram: writing 0xdeadbeef to kernel RAM at 0x%08x\n", (unsigned)TARGET);
    *p = 0xdeadbeefu;
    printf("fault-kernel-ram: NOT ISOLATED: the write to 0x%08x went through\n",
           (unsigned)TARGET);
    return 0;
}
