/* blink: counts in binary on the LEDs, one step every 250 ms (LED0 blinks at 2 Hz). */
#include <stdio.h>

#include "alarm.h"
#include "led.h"

int main(void)
{
    int n = led_count();
    if (n <= 0) {
        printf("blink: no LEDs (%d)\n", n);
        return 0;
    }
    printf("blink: %d LEDs, LED0 toggles every 250 ms\n", n);
    for (unsigned count = 0;; count++) {
        for (int i = 0; i < n; i++) {
            if (count & (1u << i))
                led_on(i);
            else
                led_off(i);
        }
        delay_ms(250);
    }
}
