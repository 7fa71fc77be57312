/* CMSDK APB UART register offsets and bits (ARM DDI0479, APB UART). */
#ifndef FW_UART_H
#define FW_UART_H

#include <stdint.h>

#include "boards-virtual/cm4/memmap.h"

#define UART0_REG(off) (*(volatile uint32_t *)(uintptr_t)(CM4_UART0_BASE + (off)))

#define UART_DATA       0x00
#define UART_STATE      0x04
#define UART_CTRL       0x08
#define UART_INTSTATUS  0x0c    /* read: INTSTATUS; write 1s: INTCLEAR */
#define UART_BAUDDIV    0x10
#define UART_PID4       0xfd0   /* peripheral ID 4..7, 0..3, then component ID 0..3 */

#define UART_STATE_TXFULL   (1u << 0)
#define UART_STATE_RXFULL   (1u << 1)
#define UART_CTRL_TX_EN     (1u << 0)
#define UART_CTRL_RX_EN     (1u << 1)
#define UART_CTRL_TX_INTEN  (1u << 2)
#define UART_INT_TX         (1u << 0)

/* 25 MHz / 16 = 1.56 Mbaud: the fastest legal divisor keeps simulated transmit time short. */
#define UART_BAUDDIV_FAST   16u

#endif
