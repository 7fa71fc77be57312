/* buttons: each button press toggles the LED with the same number. */
#include <stdio.h>

#include "button.h"
#include "led.h"

static int leds;

static void on_button(int button, int pressed, void *ud)
{
    (void)ud;
    if (!pressed)
        return;
    int led = button % leds;
    led_toggle(led);
    printf("buttons: button %d pressed, LED%d toggled\n", button, led);
}

int main(void)
{
    int buttons = button_count();
    leds = led_count();
    if (buttons <= 0 || leds <= 0) {
        printf("buttons: need buttons and LEDs (buttons %d, LEDs %d)\n", buttons, leds);
        return 0;
    }
    int rc = button_subscribe(on_button, NULL);
    for (int i = 0; i < buttons && rc == 0; i++)
        rc = button_enable_interrupt(i);
    if (rc) {
        printf("buttons: setup failed: %s\n", tock_strerror(rc));
        return 0;
    }
    printf("buttons ready: %d buttons, %d LEDs\n", buttons, leds);
    return 0;       /* crt0 keeps yielding: the callbacks run from there */
}
