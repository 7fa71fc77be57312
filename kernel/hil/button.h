/* HIL: push buttons that can report presses and releases. */
#ifndef KERNEL_HIL_BUTTON_H
#define KERNEL_HIL_BUTTON_H

struct hil_button_client {
    void (*changed)(void *ctx, unsigned button, int pressed);
    void *ctx;
};

struct hil_button {
    void *dev;
    unsigned count;
    int (*read)(void *dev, unsigned button);            /* 1 = pressed */
    /* Turns change reports for one button on or off. */
    void (*watch)(void *dev, unsigned button, int on);
    void (*set_client)(void *dev, const struct hil_button_client *client);
};

#endif
