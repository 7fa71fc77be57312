/* HIL: a row of LEDs. */
#ifndef KERNEL_HIL_LED_H
#define KERNEL_HIL_LED_H

struct hil_led {
    void *dev;
    unsigned count;
    void (*set)(void *dev, unsigned led, int on);
    int (*get)(void *dev, unsigned led);
};

#endif
