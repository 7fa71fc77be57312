/* cm4 board, kernel side: the devices, capsules and configuration the board main sets up. */
#ifndef BOARDS_VIRTUAL_CM4_BOARD_H
#define BOARDS_VIRTUAL_CM4_BOARD_H

/* Each sets up one part of the board; main.c calls them in order. */
void board_console_init(void);      /* UART0 at 1.5625 Mbaud 8N1; kernel messages on it, polled */
void board_chips_init(void);        /* timers, FPGA-IO, GPIO bank, RNG, finisher (probed) */
void board_capsules_init(void);     /* syscall drivers and the process console */
void board_kernel_init(void);       /* hands the driver table and policies to the kernel */

#endif
