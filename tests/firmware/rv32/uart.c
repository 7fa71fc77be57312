/* NS16550A UART0 of the rv32 board (QEMU virt's), polled transmit. */

#include "tests/firmware/rv32/fw.h"
#include "tests/firmware/rv32/rv32.h"

#define LSR_THRE 0x20u
#define LSR_TEMT 0x40u

void uart_init(void)
{
    UART_IER = 0;
    UART_LCR = 0x80;        /* DLAB */
    UART_DLL = 3;           /* 399193 / 3: ~133 kbaud */
    UART_DLM = 0;
    UART_LCR = 0x03;        /* 8N1 */
    UART_FCR = 0x07;        /* FIFOs on and cleared */
}

void uart_putc(char c)
{
    while (!(UART_LSR & LSR_THRE))
        ;
    UART_THR = (uint8_t)c;
}

void uart_flush(void)
{
    while (!(UART_LSR & LSR_TEMT))
        ;
}
