/* The board contract: what every board provides to the portable boot in kernel/core/main.c. */
#ifndef KERNEL_CORE_BOARD_H
#define KERNEL_CORE_BOARD_H

#include <stdint.h>

/* Implemented once per board (boards-virtual/<board>/board.c); called in this order. */
const char *board_name(void);       /* e.g. "cm4", for the boot banner */
uint32_t board_cpu_hz(void);        /* core clock, for the scheduler's timeslice */
void board_console_init(void);      /* the kernel console: messages from here on */
void board_chips_init(void);        /* chip drivers (probing optional devices) */
void board_capsules_init(void);     /* syscall drivers and the process console */
void board_kernel_init(void);       /* hands the driver table and policies to the kernel */

#endif
