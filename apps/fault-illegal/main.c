/* fault-illegal: executes a permanently undefined instruction (UDF); a UsageFault. */
#include <stdio.h>

int main(void)
{
    printf("fault-illegal: executing an undefined instruction (udf #0)\n");
    __asm__ volatile("udf #0");
    printf("fault-illegal: NOT REACHED\n");
    return 0;
}
