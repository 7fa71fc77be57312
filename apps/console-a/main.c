/* console-a: prints numbered lines every 60 ms; runs with console-b to share the console. */
#include <stdio.h>

#include "alarm.h"

int main(void)
{
    for (int i = 1; i <= 10; i++) {
        printf("console-a: line %2d aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", i);
        delay_ms(60);
    }
    printf("console-a: done\n");
    return 0;
}
