/* console-b: prints numbered lines every 90 ms; runs with console-a to share the console. */
#include <stdio.h>

#include "alarm.h"

int main(void)
{
    for (int i = 1; i <= 10; i++) {
        printf("console-b: line %2d bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n", i);
        delay_ms(90);
    }
    printf("console-b: done\n");
    return 0;
}
