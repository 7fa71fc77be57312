/* libtock: the GPIO driver (0x4). Pins are numbered from 0. */
#ifndef LIBTOCK_GPIO_H
#define LIBTOCK_GPIO_H

#include "tock.h"

/*
 * Commands: 1 output, 2 set, 3 clear, 4 toggle, 5 input (pin, pull), 6 read, 7 enable
 * interrupt (pin, edge), 8 disable interrupt, 9 disable pin, 10 count. Upcall 0 on an
 * enabled edge: (pin, level, 0).
 */
enum gpio_pull { GPIO_PULL_NONE = 0, GPIO_PULL_UP = 1, GPIO_PULL_DOWN = 2 };
enum gpio_edge { GPIO_EDGE_EITHER = 0, GPIO_EDGE_RISING = 1, GPIO_EDGE_FALLING = 2 };

typedef void gpio_cb(int pin, int level, void *ud);

int gpio_count(void);           /* number of pins, or -ErrorCode */
int gpio_enable_output(int pin);
int gpio_set(int pin);
int gpio_clear(int pin);
int gpio_toggle(int pin);
int gpio_enable_input(int pin, enum gpio_pull pull);
int gpio_read(int pin);         /* 0 or 1, or -ErrorCode */
int gpio_enable_interrupt(int pin, enum gpio_edge edge);
int gpio_disable_interrupt(int pin);
int gpio_disable(int pin);
/* Registers cb for interrupts of every pin (replaces the previous one). */
int gpio_subscribe(gpio_cb *cb, void *ud);

#endif
