/* UART0 tests: register readback, identification registers, transmit interrupt status. */

/*
 * CMSDK TRM (ARM DDI0479), APB UART: the TX interrupt status bit is set when the transmit
 * buffer goes from full to empty while CTRL.TXINTEN is set; INTCLEAR is write-1-to-clear.
 * On AN386 the UART0 TX interrupt is NVIC IRQ 1 (memmap.h).
 */

#include "tests/firmware/cm4/armv7m.h"
#include "tests/firmware/cm4/fw.h"
#include "tests/firmware/cm4/tests.h"
#include "tests/firmware/cm4/uart.h"

// Packs four consecutive 8-bit ID registers starting at `off` into one word, lowest first.
static uint32_t id_word(uint32_t base, uint32_t off)
{
    uint32_t v = 0;

    for (int i = 0; i < 4; i++)
        v |= (REG32(base + off + 4u * i) & 0xffu) << (8 * i);
    return v;
}

void test_uart(void)
{
    fw_printf("== uart\n");
    uart_flush();
    check_eq(UART0_REG(UART_CTRL), UART_CTRL_TX_EN, "uart0 CTRL");
    uart_flush();
    check_eq(UART0_REG(UART_BAUDDIV), UART_BAUDDIV_FAST, "uart0 BAUDDIV");
    uart_flush();
    check_eq(UART0_REG(UART_STATE), 0, "uart0 STATE when drained");
    check_eq(id_word(CM4_UART0_BASE, 0xfd0), 0x00000004, "uart0 PID4..7");
    check_eq(id_word(CM4_UART0_BASE, 0xfe0), 0x001bb821, "uart0 PID0..3");
    check_eq(id_word(CM4_UART0_BASE, 0xff0), 0xb105f00d, "uart0 CID0..3");

    /* Transmit interrupt: one byte with TXINTEN set, NVIC IRQ left disabled. */
    fw_printf("  tx interrupt probe: ");
    uart_flush();
    UART0_REG(UART_INTSTATUS) = 0xf;
    nvic_unpend(CM4_IRQ_UART0_TX);
    UART0_REG(UART_CTRL) = UART_CTRL_TX_EN | UART_CTRL_TX_INTEN;
    uart_putc('*');
    uart_flush();
    uint32_t intstatus = UART0_REG(UART_INTSTATUS);
    uint32_t ispr = NVIC_ISPR(0);
    uart_putc('\n');
    uart_flush();
    check_eq(intstatus & UART_INT_TX, UART_INT_TX, "uart0 INTSTATUS after a byte");
    check_eq((ispr >> CM4_IRQ_UART0_TX) & 1, 1, "uart0 TX irq pending (NVIC IRQ 1)");
    UART0_REG(UART_CTRL) = UART_CTRL_TX_EN;
    UART0_REG(UART_INTSTATUS) = UART_INT_TX;
    nvic_unpend(CM4_IRQ_UART0_TX);
    check_eq(UART0_REG(UART_INTSTATUS), 0, "uart0 INTSTATUS after INTCLEAR");
    check_eq(UART0_REG(UART_CTRL), UART_CTRL_TX_EN, "uart0 CTRL after TXINTEN off");
}
