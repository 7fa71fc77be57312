/* libtock: the LED driver (0x2). LEDs are numbered from 0. */
#ifndef LIBTOCK_LED_H
#define LIBTOCK_LED_H

/* Commands: 0 = count, 1 = on, 2 = off, 3 = toggle. All return 0 or -ErrorCode. */
int led_count(void);            /* number of LEDs, or -ErrorCode */
int led_on(int led);
int led_off(int led);
int led_toggle(int led);

#endif
