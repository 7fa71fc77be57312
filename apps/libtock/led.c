/* libtock: the LED driver (0x2). LEDs are numbered from 0. */
#include "led.h"

#include "tock.h"

int led_count(void)
{
    uint32_t n;
    int rc = tock_status_u32(command(DRIVER_LED, 0, 0, 0), &n);
    return rc ? rc : (int)n;
}

int led_on(int led) { return tock_status(command(DRIVER_LED, 1, (uint32_t)led, 0)); }

int led_off(int led) { return tock_status(command(DRIVER_LED, 2, (uint32_t)led, 0)); }

int led_toggle(int led) { return tock_status(command(DRIVER_LED, 3, (uint32_t)led, 0)); }
