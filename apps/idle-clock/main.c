/* idle-clock: an idle-heavy app with a clock on its console. LED0 toggles every 250 ms, as
 * blink's does, and every 10 s of virtual time a line "idle-clock: 10 s" marks the time, for
 * measurements on machines whose virtual time cannot be read from outside: the idle-speed
 * benchmarks time QEMU -icount and tocksim between two of these lines. */
#include <stdio.h>

#include "alarm.h"
#include "led.h"

int main(void)
{
    int leds = led_count();
    for (unsigned quarter = 1;; quarter++) {
        if (leds > 0)
            led_toggle(0);
        delay_ms(250);
        if (quarter % 40 == 0)
            printf("idle-clock: %u s\n", quarter / 4);
    }
}
