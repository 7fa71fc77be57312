/* fault-null: dereferences a null pointer; the MPU must stop it (address 0 is kernel flash). */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    volatile uint32_t *p = (volatile uint32_t *)0;
    printf("fault-null: reading address 0x00000000\n");
    uint32_t v = *p;
    printf("fault-null: NOT ISOLATED: read 0x%08x from address 0\n", (unsigned)v);
    return 0;
}
