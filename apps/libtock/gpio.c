/* libtock: the GPIO driver (0x4). Pins are numbered from 0. */
#include "gpio.h"

static gpio_cb *user_cb;

static void gpio_upcall(int pin, int level, int unused, void *ud)
{
    (void)unused;
    if (user_cb)
        user_cb(pin, level, ud);
}

static int gpio_cmd(uint32_t cmd, int pin, uint32_t arg)
{
    return tock_status(command(DRIVER_GPIO, cmd, (uint32_t)pin, arg));
}

int gpio_count(void)
{
    uint32_t n;
    int rc = tock_status_u32(command(DRIVER_GPIO, 10, 0, 0), &n);
    return rc ? rc : (int)n;
}

int gpio_enable_output(int pin) { return gpio_cmd(1, pin, 0); }
int gpio_set(int pin) { return gpio_cmd(2, pin, 0); }
int gpio_clear(int pin) { return gpio_cmd(3, pin, 0); }
int gpio_toggle(int pin) { return gpio_cmd(4, pin, 0); }
int gpio_enable_input(int pin, enum gpio_pull pull) { return gpio_cmd(5, pin, pull); }
int gpio_enable_interrupt(int pin, enum gpio_edge edge) { return gpio_cmd(7, pin, edge); }
int gpio_disable_interrupt(int pin) { return gpio_cmd(8, pin, 0); }
int gpio_disable(int pin) { return gpio_cmd(9, pin, 0); }

int gpio_read(int pin)
{
    uint32_t v;
    int rc = tock_status_u32(command(DRIVER_GPIO, 6, (uint32_t)pin, 0), &v);
    return rc ? rc : (int)v;
}

int gpio_subscribe(gpio_cb *cb, void *ud)
{
    user_cb = cb;
    return tock_status(subscribe(DRIVER_GPIO, 0, cb ? gpio_upcall : NULL, ud));
}
