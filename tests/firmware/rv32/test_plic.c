/* PLIC (riscv-plic-spec 1.0.0; QEMU virt: 96 sources, 3 priority bits): registers, gating by
 * priority, enable and threshold, claim/complete, and an external interrupt (UART THR empty,
 * source 10) taken through mip.MEIP. */

#include "tests/firmware/rv32/fw.h"
#include "tests/firmware/rv32/rv32.h"

static volatile int ext_irqs;
static volatile uint32_t claimed;

static void on_external(struct trap_frame *f)
{
    (void)f;
    ext_irqs++;
    claimed = PLIC_CLAIM;
    UART_IER = 0;                   /* the source goes quiet */
    PLIC_CLAIM = claimed;           /* complete */
}

static void test_registers(void)
{
    PLIC_PRIORITY(1) = 0xffffffff;
    check_eq(PLIC_PRIORITY(1), 7, "priority 1: 3 bits");
    PLIC_PRIORITY(1) = 0;
    PLIC_PRIORITY(0) = 5;
    check_eq(PLIC_PRIORITY(0), 0, "priority 0: no source 0");
    PLIC_PRIORITY(95) = 2;
    check_eq(PLIC_PRIORITY(95), 2, "priority 95");
    PLIC_PRIORITY(95) = 0;
    PLIC_ENABLE(2) = 0xffffffff;
    check_eq(PLIC_ENABLE(2), 0xffffffff, "enable sources 64-95");
    PLIC_ENABLE(2) = 0;
    PLIC_THRESHOLD = 0xffffffff;
    check_eq(PLIC_THRESHOLD, 7, "threshold: 3 bits");
    PLIC_THRESHOLD = 0;
    check_eq(PLIC_CLAIM, 0, "claim with nothing pending");
}

static void test_gating(void)
{
    const uint32_t bit = 1u << RV32_IRQ_UART0;
    uint32_t meip[5], claim, pend_after_claim, meip_in_flight;
    uart_flush();
    PLIC_ENABLE(0) = bit;
    PLIC_PRIORITY(RV32_IRQ_UART0) = 0;
    UART_IER = 0x02;                            /* THR empty: the line rises */
    meip[0] = csr_read(mip) & MIP_MEIP;         /* priority 0: never */
    PLIC_PRIORITY(RV32_IRQ_UART0) = 3;
    meip[1] = csr_read(mip) & MIP_MEIP;
    PLIC_THRESHOLD = 3;                         /* must exceed the threshold */
    meip[2] = csr_read(mip) & MIP_MEIP;
    PLIC_THRESHOLD = 2;
    meip[3] = csr_read(mip) & MIP_MEIP;
    PLIC_ENABLE(0) = 0;
    meip[4] = csr_read(mip) & MIP_MEIP;
    PLIC_ENABLE(0) = bit;
    claim = PLIC_CLAIM;
    pend_after_claim = PLIC_PENDING(0) & bit;
    meip_in_flight = csr_read(mip) & MIP_MEIP;
    UART_IER = 0;
    PLIC_CLAIM = claim;
    check_eq(meip[0], 0, "MEIP with priority 0");
    check_eq(meip[1], MIP_MEIP, "MEIP with priority 3");
    check_eq(meip[2], 0, "MEIP with threshold 3");
    check_eq(meip[3], MIP_MEIP, "MEIP with threshold 2");
    diff_eq(meip[4], 0, "MEIP right after the enable bit is cleared");
    check_eq(claim, RV32_IRQ_UART0, "claim");
    check_eq(pend_after_claim, 0, "claim clears pending");
    check_eq(meip_in_flight, 0, "MEIP while in flight");
    check_eq(csr_read(mip) & MIP_MEIP, 0, "MEIP after complete, line low");
    PLIC_THRESHOLD = 0;
}

static void test_external_interrupt(void)
{
    ext_irqs = 0;
    trap_set_handler(MCAUSE_INT | 11, on_external);
    uart_flush();
    csr_write(mie, MIP_MEIP);
    csr_set(mstatus, MSTATUS_MIE);
    UART_IER = 0x02;
    wait_flag(&ext_irqs, WAIT_LIMIT);
    csr_clear(mstatus, MSTATUS_MIE);
    csr_write(mie, 0);
    check_eq((uint32_t)ext_irqs, 1, "external interrupt taken once");
    check_eq(claimed, RV32_IRQ_UART0, "claimed source");
    check_eq(last_trap.mcause, MCAUSE_INT | 11, "mcause machine external");
    PLIC_ENABLE(0) = 0;
    PLIC_PRIORITY(RV32_IRQ_UART0) = 0;
}

void test_plic(void)
{
    fw_printf("plic\n");
    trap_reset();
    test_registers();
    test_gating();
    test_external_interrupt();
    trap_reset();
}
