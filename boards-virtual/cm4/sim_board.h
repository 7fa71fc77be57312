/* The cm4 board, simulator side: devices and memory of QEMU's mps2-an386 plus our extras. */
#ifndef CM4_SIM_BOARD_H
#define CM4_SIM_BOARD_H

#include "boards-virtual/common/sim_extras.h"
#include "peripherals/cmsdk/cmsdk_dualtimer.h"
#include "peripherals/cmsdk/cmsdk_timer.h"
#include "peripherals/cmsdk/cmsdk_uart.h"
#include "boards-virtual/sim_boards.h"

struct cm4_board {
    struct sim_extras extras;       /* first: sim_extras.c finds it at machine.board */
    struct cmsdk_uart uart[3];
    struct cmsdk_timer timer[2];
    struct cmsdk_dualtimer dualtimer;
    struct irq_or uart_ovf;         /* UART0-2 overflow lines ORed onto IRQ 12, as on AN386 */
};

extern const struct board_desc cm4_board;

#endif
