/* fault-null: dereferences a null pointer; the MPU must stop it (address 0 is kernel flash). */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    volatile uintptr_t zero = 0;   /* hidden from the compiler, which would otherwise replace
                                      a null dereference with a trap instruction */
    volatile uint32_t *p = (volatile uint32_t *)zero;
    printf("fault-null: reading address 0x00000000\n");   /* the call before: LR/ra */
    uint32_t v = *p;                                        /* faults here (tests/fault_source.sh) */
    printf("fault-null: NOT ISOLATED: read 0x%08x from address 0\n", (unsigned)v);
    return 0;
}
