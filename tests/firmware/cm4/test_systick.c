/* SysTick tests: register widths, CVR write, COUNTFLAG read-to-clear, periodic interrupt. */

/*
 * ARMv7-M ARM (DDI0403E) B3.3: RVR and CVR are 24 bits; any write to CVR clears it and
 * CSR.COUNTFLAG; COUNTFLAG is set when the counter goes from 1 to 0 and cleared by a read of
 * CSR; CLKSOURCE=1 selects the processor clock; TICKINT=1 pends SysTick (exception 15) on
 * every wrap.
 */

#include "tests/firmware/cm4/armv7m.h"
#include "tests/firmware/cm4/fw.h"
#include "tests/firmware/cm4/tests.h"

#define SPIN_LIMIT 10000000
#define WAIT_LIMIT 100000

static volatile uint32_t ticks, tick_target, tick_ipsr, tick_shcsr;

static void systick_irq(uint32_t *frame, uint32_t exc_return)
{
    (void)frame, (void)exc_return;
    tick_ipsr = READ_SPECIAL("ipsr");
    tick_shcsr = SCB_SHCSR & SHCSR_SYSTICKACT;
    if (++ticks == tick_target)
        SYST_CSR = SYST_CSR_CLKSOURCE;
}

static void systick_registers(void)
{
    SYST_CSR = 0;
    SYST_RVR = 0xffffffff;
    check_eq(SYST_RVR, 0x00ffffff, "SYST_RVR after writing 0xffffffff");
    SYST_CVR = 1234;
    check_eq(SYST_CVR, 0, "SYST_CVR after a write (disabled)");
    SYST_CSR = SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT;
    check_eq(SYST_CSR, SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT, "SYST_CSR readback");
    SYST_CSR = SYST_CSR_CLKSOURCE;
}

// COUNTFLAG: set by a wrap, cleared by reading CSR, and cleared by writing CVR.
static void systick_countflag(void)
{
    uint32_t csr = 0, i, prev, now;

    SYST_RVR = 0x3ffff;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_CLKSOURCE | SYST_CSR_ENABLE;
    for (i = 0; i < SPIN_LIMIT && !(csr & SYST_CSR_COUNTFLAG); i++)
        csr = SYST_CSR;
    check_eq(csr & SYST_CSR_COUNTFLAG, SYST_CSR_COUNTFLAG, "COUNTFLAG set after a wrap");
    check_eq(SYST_CSR & SYST_CSR_COUNTFLAG, 0, "COUNTFLAG after reading CSR");

    /* Wait for the next wrap without reading CSR: CVR jumps up when it reloads. */
    prev = SYST_CVR;
    for (i = 0; i < SPIN_LIMIT; i++, prev = now)
        if ((now = SYST_CVR) > prev)
            break;
    SYST_CVR = 0;
    check_eq(SYST_CSR & SYST_CSR_COUNTFLAG, 0, "COUNTFLAG after a wrap and a CVR write");
    check_true(SYST_CVR <= 0x3ffff, "SYST_CVR within RVR while running");
    SYST_CSR = SYST_CSR_CLKSOURCE;
}

static void systick_interrupts(void)
{
    ticks = 0;
    tick_target = 5;
    exc_set_handler(EXC_SYSTICK, systick_irq);
    SYST_RVR = 24999;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT | SYST_CSR_ENABLE;
    for (int i = 0; i < WAIT_LIMIT && ticks < tick_target; i++)
        wfi();
    SYST_CSR = SYST_CSR_CLKSOURCE;
    SCB_ICSR = ICSR_PENDSTCLR;
    check_eq(ticks, 5, "systick interrupts with RVR=24999");
    check_eq(tick_ipsr, EXC_SYSTICK, "IPSR in the SysTick handler");
    check_eq(tick_shcsr, SHCSR_SYSTICKACT, "SHCSR.SYSTICKACT in the handler");
    check_eq(SCB_SHCSR & SHCSR_SYSTICKACT, 0, "SHCSR.SYSTICKACT after return");
}

void test_systick(void)
{
    fw_printf("== systick\n");
    systick_registers();
    systick_countflag();
    systick_interrupts();
}
