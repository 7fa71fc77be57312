/* libtock: the button driver (0x3). Buttons are numbered from 0. */
#ifndef LIBTOCK_BUTTON_H
#define LIBTOCK_BUTTON_H

#include "tock.h"

/*
 * Commands: 0 = count, 1 = enable interrupts of a button, 2 = disable them, 3 = read
 * (1 = pressed). Upcall 0 on every change of an enabled button: (button, pressed, 0).
 */

/* Called inside yield when an enabled button changes. */
typedef void button_cb(int button, int pressed, void *ud);

int button_count(void);                 /* number of buttons, or -ErrorCode */
int button_read(int button);            /* 1 pressed, 0 released, or -ErrorCode */
int button_enable_interrupt(int button);
int button_disable_interrupt(int button);
/* Registers cb for every enabled button (replaces the previous one). 0 or -ErrorCode. */
int button_subscribe(button_cb *cb, void *ud);

#endif
