/* fault-illegal: executes an instruction the architecture defines as illegal (udf on
 * Cortex-M: a UsageFault; unimp on RISC-V: an illegal-instruction trap). */
#include <stdio.h>

#include "platform.h"

int main(void)
{
    printf("fault-illegal: executing an undefined instruction (%s)\n", PLATFORM_ILLEGAL_INSN_NAME);
    platform_illegal_instruction();
    printf("fault-illegal: NOT REACHED\n");
    return 0;
}
