/* CMSDK APB UART0 driver: transmit only, polled. */

/*
 * Register map from the ARM CMSDK Technical Reference Manual (DDI0479), "APB UART":
 * DATA 0x00, STATE 0x04 (bit 0 TX buffer full), CTRL 0x08 (bit 0 TX enable),
 * INTSTATUS/INTCLEAR 0x0c, BAUDDIV 0x10 (minimum 16).
 */

#include "tests/firmware/cm4/fw.h"
#include "tests/firmware/cm4/uart.h"

void uart_init(void)
{
    UART0_REG(UART_BAUDDIV) = UART_BAUDDIV_FAST;
    UART0_REG(UART_CTRL) = UART_CTRL_TX_EN;
}

void uart_putc(char c)
{
    while (UART0_REG(UART_STATE) & UART_STATE_TXFULL)
        ;
    UART0_REG(UART_DATA) = (uint8_t)c;
}

// Waits until the last byte has left the transmit buffer.
void uart_flush(void)
{
    while (UART0_REG(UART_STATE) & UART_STATE_TXFULL)
        ;
}
