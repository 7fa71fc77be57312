/* fault-jump: jumps into its own RAM, which must not be executable (XN): the MPU must stop it.
 * The buffer holds "bx lr", so if RAM were executable the call would simply return. */
#include <stdint.h>
#include <stdio.h>

static uint16_t code[8];

int main(void)
{
    for (int i = 0; i < 8; i++)
        code[i] = 0x4770;   /* bx lr */
    void (*fn)(void) = (void (*)(void))((uintptr_t)code | 1);   /* Thumb bit */
    printf("fault-jump: calling code in RAM at 0x%08x\n", (unsigned)(uintptr_t)code);
    fn();
    printf("fault-jump: NOT ISOLATED: executed code from RAM\n");
    return 0;
}
