/* gpio: drives pin 0 as a square wave and reports edges on input pins 1 and 2. */
#include <stdio.h>

#include "alarm.h"
#include "gpio.h"

#define OUT_PIN     0
#define IN_PIN      1       /* pins 1 and 2: driven from outside (window, scenario set_pin) */
#define IN_PINS     2

static void on_edge(int pin, int level, void *ud)
{
    (void)ud;
    printf("gpio: pin %d is now %d\n", pin, level);
}

int main(void)
{
    int pins = gpio_count();
    if (pins <= 0) {
        printf("gpio: no GPIO driver (%s)\n", tock_strerror(pins));
        return 0;
    }
    int rc = gpio_enable_output(OUT_PIN);
    if (rc == 0)
        rc = gpio_subscribe(on_edge, NULL);
    for (int pin = IN_PIN; pin < IN_PIN + IN_PINS && rc == 0; pin++) {
        rc = gpio_enable_input(pin, GPIO_PULL_NONE);
        if (rc == 0)
            rc = gpio_enable_interrupt(pin, GPIO_EDGE_EITHER);
    }
    if (rc) {
        printf("gpio: setup failed: %s\n", tock_strerror(rc));
        return 0;
    }
    printf("gpio: %d pins; toggling pin %d every 100 ms, watching pins %d-%d\n", pins,
           OUT_PIN, IN_PIN, IN_PIN + IN_PINS - 1);
    for (int i = 0;; i++) {
        gpio_toggle(OUT_PIN);
        if (i < 4)
            printf("gpio: pin %d reads %d\n", OUT_PIN, gpio_read(OUT_PIN));
        delay_ms(100);
    }
}
