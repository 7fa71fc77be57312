/* libtock: the button driver (0x3). Buttons are numbered from 0. */
#include "button.h"

static button_cb *user_cb;

/* The upcall adapter: (button, pressed, unused, userdata) -> user callback. */
static void button_upcall(int button, int pressed, int unused, void *ud)
{
    (void)unused;
    if (user_cb)
        user_cb(button, pressed, ud);
}

int button_count(void)
{
    uint32_t n;
    int rc = tock_status_u32(command(DRIVER_BUTTON, 0, 0, 0), &n);
    return rc ? rc : (int)n;
}

int button_read(int button)
{
    uint32_t v;
    int rc = tock_status_u32(command(DRIVER_BUTTON, 3, (uint32_t)button, 0), &v);
    return rc ? rc : (int)v;
}

int button_enable_interrupt(int button)
{
    return tock_status(command(DRIVER_BUTTON, 1, (uint32_t)button, 0));
}

int button_disable_interrupt(int button)
{
    return tock_status(command(DRIVER_BUTTON, 2, (uint32_t)button, 0));
}

int button_subscribe(button_cb *cb, void *ud)
{
    user_cb = cb;
    return tock_status(subscribe(DRIVER_BUTTON, 0, cb ? button_upcall : NULL, ud));
}
