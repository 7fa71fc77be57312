/* NS16550A (TI PC16550D; QEMU hw/char/serial.c): registers and the THR-empty interrupt
 * through PLIC source 10. */

#include "tests/firmware/rv32/fw.h"
#include "tests/firmware/rv32/rv32.h"

void test_uart(void)
{
    fw_printf("uart\n");
    uart_flush();
    check_eq(UART_LSR & 0x61, 0x60, "LSR THRE|TEMT, no data");
    check_eq(UART_MSR, 0xb0, "MSR DCD|DSR|CTS");
    check_eq(UART_LCR, 0x03, "LCR 8N1");
    UART_LCR = 0x83;
    check_eq(UART_DLL, 3, "DLL");
    check_eq(UART_DLM, 0, "DLM");
    UART_LCR = 0x03;
    UART_SCR = 0xa5;
    check_eq(UART_SCR, 0xa5, "SCR");
    check_eq(UART_IIR, 0xc1, "IIR with FIFOs, nothing pending");
    UART_IER = 0xff;
    check_eq(UART_IER, 0x0f, "IER writable bits");
    UART_IER = 0;
    /* THR empty interrupt: enabling it while THR is empty raises the line at once. Values are
     * read before printing: every printed byte empties THR again. */
    const uint32_t bit = 1u << RV32_IRQ_UART0;
    uart_flush();
    UART_IER = 0x02;
    uint32_t pend1 = PLIC_PENDING(0) & bit;
    uint32_t iir1 = UART_IIR;
    uint32_t iir2 = UART_IIR;
    uint32_t pend2 = PLIC_PENDING(0) & bit;
    UART_IER = 0;
    check_eq(pend1, bit, "PLIC pending 10 with IER.ETBEI");
    check_eq(iir1, 0xc2, "IIR reports THR empty");
    check_eq(iir2, 0xc1, "reading IIR cleared it");
    check_eq(pend2, bit, "PLIC pending 10 stays until claimed");
    PLIC_PRIORITY(RV32_IRQ_UART0) = 1;
    PLIC_ENABLE(0) = bit;
    uint32_t claim = PLIC_CLAIM;
    PLIC_CLAIM = claim;
    PLIC_ENABLE(0) = 0;
    PLIC_PRIORITY(RV32_IRQ_UART0) = 0;
    check_eq(claim, RV32_IRQ_UART0, "claimed");
    check_eq(PLIC_PENDING(0) & bit, 0, "PLIC pending 10 after the claim");
}
