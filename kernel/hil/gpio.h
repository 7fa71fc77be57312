/* HIL: general-purpose I/O pins with edge interrupts (Tock's hil::gpio). */
#ifndef KERNEL_HIL_GPIO_H
#define KERNEL_HIL_GPIO_H

enum gpio_mode {
    GPIO_DISABLED,
    GPIO_OUTPUT,
    GPIO_INPUT,             /* no pull */
    GPIO_INPUT_PULLUP,
    GPIO_INPUT_PULLDOWN,
};

enum gpio_edge {
    GPIO_EDGE_NONE,
    GPIO_EDGE_BOTH,
    GPIO_EDGE_RISING,
    GPIO_EDGE_FALLING,
};

struct hil_gpio_client {
    void (*edge)(void *ctx, unsigned pin, int level);
    void *ctx;
};

struct hil_gpio {
    void *dev;
    unsigned count;
    /* Returns 0, or -1 if the mode is unsupported (e.g. pulls on a bank without them). */
    int (*configure)(void *dev, unsigned pin, enum gpio_mode mode);
    void (*write)(void *dev, unsigned pin, int level);
    void (*toggle)(void *dev, unsigned pin);
    int (*read)(void *dev, unsigned pin);
    void (*interrupt)(void *dev, unsigned pin, enum gpio_edge edge);
    void (*set_client)(void *dev, const struct hil_gpio_client *client);
};

#endif
