/* cpu-hog: announces itself, then computes forever without a single system call. */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    printf("cpu-hog: spinning forever, never yielding\n");
    volatile uint32_t counter = 0;
    for (;;)
        counter++;
}
