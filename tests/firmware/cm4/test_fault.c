/* BusFault and UsageFault tests, the default-map execute-never rule, escalation to HardFault. */

/*
 * ARMv7-M ARM (DDI0403E): B3.2.15 CFSR (BFSR: IBUSERR, PRECISERR, BFARVALID; UFSR: UNDEFINSTR,
 * INVSTATE, NOCP, UNALIGNED, DIVBYZERO), B3.2.8 CCR.DIV_0_TRP/UNALIGN_TRP/USERSETMPEND,
 * B3.2.16 HFSR.FORCED (a fault whose handler is disabled escalates), B3.2.20 CPACR, B3.1.1
 * default memory map (the peripheral region 0x40000000..0x5FFFFFFF is execute-never), B3.2 an
 * unprivileged access to the SCS other than STIR (with USERSETMPEND) is a BusFault.
 * 0x60000000 is unmapped on AN386 (QEMU: "info mtree") and on tocksim's cm4.
 */

#include "tests/firmware/cm4/armv7m.h"
#include "tests/firmware/cm4/fault.h"
#include "tests/firmware/cm4/fw.h"
#include "tests/firmware/cm4/tests.h"

#define UNMAPPED    0x60000000u
#define PRECISE     (CFSR_PRECISERR | CFSR_BFARVALID)
#define IRQ_SOFT    31

static uint32_t ustack[128] __attribute__((aligned(8)));
static const uint8_t bytes[8] __attribute__((aligned(4))) = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66,
                                                              0x77, 0x88 };
static volatile uint32_t soft_irqs;

#define A(p) ((uint32_t)(uintptr_t)(p))

static uint32_t u_call(probe_fn fn, uint32_t a0, uint32_t a1)
{
    return unpriv_call(fn, a0, a1, A(&ustack[128]));
}

static void soft_irq(uint32_t *frame, uint32_t exc_return)
{
    (void)frame, (void)exc_return;
    soft_irqs++;
}

// Data accesses that the bus refuses: nothing mapped, or the SCS from unprivileged code.
static void bus_faults(void)
{
    fw_printf("  -- bus faults\n");
    fault_expect(FIX_SKIP);
    probe_read(UNMAPPED, 0);
    fault_disarm();
    fault_check("read of unmapped 0x60000000", EXC_BUSFAULT, PRECISE, UNMAPPED,
                CODE_ADDR(probe_read_insn));

    fault_expect(FIX_SKIP);
    u_call(probe_read, A(&SCB_ICSR), 0);
    fault_disarm();
    fault_check("unprivileged read of ICSR", EXC_BUSFAULT, PRECISE, A(&SCB_ICSR),
                CODE_ADDR(probe_read_insn));

    fault_expect(FIX_SKIP);
    u_call(probe_write, A(&SCB_STIR), IRQ_SOFT);
    fault_disarm();
    fault_check("unprivileged STIR write, USERSETMPEND=0", EXC_BUSFAULT, PRECISE, A(&SCB_STIR),
                CODE_ADDR(probe_write_insn));

    exc_set_handler(EXC_IRQ(IRQ_SOFT), soft_irq);
    nvic_enable(IRQ_SOFT);
    SCB_CCR |= CCR_USERSETMPEND;
    u_call(probe_write, A(&SCB_STIR), IRQ_SOFT);
    SCB_CCR &= ~CCR_USERSETMPEND;
    nvic_disable(IRQ_SOFT);
    check_eq(soft_irqs, 1, "unprivileged STIR write, USERSETMPEND=1: IRQ taken");

}

// Instruction fetches: from nothing (BusFault) and from execute-never memory (MemManage).
static void fetch_faults(void)
{
    fw_printf("  -- instruction fetch faults\n");
    fault_expect(FIX_RETURN_LR);
    uint32_t v = probe_blx(UNMAPPED | 1, 0);
    fault_disarm();
    check_eq(v, 0x01a57a7e, "call to unmapped code returned through LR");
    fault_check("instruction fetch from 0x60000000", EXC_BUSFAULT, CFSR_IBUSERR, 0, UNMAPPED);

    fault_expect(FIX_RETURN_LR);
    probe_blx(CM4_UART0_BASE | 1, 0);
    fault_disarm();
    fault_check("execute in the peripheral region (default map XN)", EXC_MEMMANAGE,
                CFSR_IACCVIOL, 0, CM4_UART0_BASE);
}

// Undefined instructions, 16 and 32 bits long: the stacked PC is the instruction itself.
static void usage_faults(void)
{
    fw_printf("  -- usage faults\n");
    fault_expect(FIX_SKIP);
    uint32_t v = probe_udf(0, 0);
    fault_disarm();
    check_eq(v, 1, "16-bit UDF skipped");
    fault_check("udf", EXC_USAGEFAULT, CFSR_UNDEFINSTR, 0, CODE_ADDR(probe_udf_insn));
    fault_expect(FIX_SKIP);
    v = probe_udf_w(0, 0);
    fault_disarm();
    check_eq(v, 2, "32-bit UDF skipped");
    fault_check("udf.w", EXC_USAGEFAULT, CFSR_UNDEFINSTR, 0, CODE_ADDR(probe_udf_w_insn));
}

// Traps that CCR turns on: divide by zero and unaligned word access.
static void ccr_traps(void)
{
    uint32_t v;

    check_eq(probe_sdiv(100, 0), 0, "sdiv by 0 without DIV_0_TRP");
    check_eq(probe_sdiv((uint32_t)-100, 7), (uint32_t)-14, "sdiv -100 / 7");
    SCB_CCR |= CCR_DIV_0_TRP;
    fault_expect(FIX_SKIP);
    v = probe_sdiv(100, 0);
    fault_disarm();
    SCB_CCR &= ~CCR_DIV_0_TRP;
    check_eq(v, 100, "r0 unchanged by the trapped sdiv");
    fault_check("sdiv by 0 with DIV_0_TRP", EXC_USAGEFAULT, CFSR_DIVBYZERO, 0,
                CODE_ADDR(probe_sdiv_insn));

    check_eq(probe_read(A(&bytes[1]), 0), 0x55443322, "unaligned ldr without UNALIGN_TRP");
    SCB_CCR |= CCR_UNALIGN_TRP;
    fault_expect(FIX_SKIP);
    probe_read(A(&bytes[1]), 0);
    fault_disarm();
    SCB_CCR &= ~CCR_UNALIGN_TRP;
    fault_check("unaligned ldr with UNALIGN_TRP", EXC_USAGEFAULT, CFSR_UNALIGNED, 0,
                CODE_ADDR(probe_read_insn));
}

// A branch to an even address clears EPSR.T: the next instruction raises INVSTATE.
static void invalid_state(void)
{
    fault_expect(FIX_RETURN_LR);
    uint32_t v = probe_blx(A(xn_target) & ~1u, 0);
    fault_disarm();
    check_eq(v, 0x01a57a7e, "blx to an even address returned through LR");
    fault_check("blx to an even address", EXC_USAGEFAULT, CFSR_INVSTATE, 0, A(xn_target) & ~1u);
    check_eq(fault_last.xpsr & (1u << 24), 0, "stacked EPSR.T of the INVSTATE fault");
}

// Floating point needs CP10/CP11 access in CPACR; the first FP instruction sets CONTROL.FPCA.
static void fpu_access(void)
{
    fw_printf("  -- coprocessor access\n");
    fault_expect(FIX_SKIP);
    probe_nocp(0, 0);
    fault_disarm();
    fault_check("FP instruction with CPACR=0", EXC_USAGEFAULT, CFSR_NOCP, 0,
                CODE_ADDR(probe_nocp_insn));
    SCB_CPACR = 0xfu << 20;
    barrier();
    check_eq(SCB_CPACR, 0xfu << 20, "CPACR with CP10/CP11 full access");
    fault_expect(FIX_SKIP);
    probe_nocp(0, 0);
    fault_disarm();
    check_eq(fault_last.count, 0, "FP instruction with CP10/CP11 enabled: faults");
    check_eq(READ_SPECIAL("control") & 4, 4, "CONTROL.FPCA after an FP instruction");
    WRITE_SPECIAL("control", READ_SPECIAL("control") & ~4u);
    SCB_CPACR = 0;
    barrier();
}

// Each fault with its handler disabled in SHCSR becomes a HardFault (HFSR.FORCED).
static void escalation(void)
{
    fw_printf("  -- escalation\n");
    SCB_SHCSR &= ~SHCSR_USGFAULTENA;
    fault_expect(FIX_SKIP);
    probe_udf(0, 0);
    fault_disarm();
    fault_check("udf, UsageFault disabled", EXC_HARDFAULT, CFSR_UNDEFINSTR, 0,
                CODE_ADDR(probe_udf_insn));
    SCB_SHCSR |= SHCSR_USGFAULTENA;

    SCB_SHCSR &= ~SHCSR_BUSFAULTENA;
    fault_expect(FIX_SKIP);
    probe_read(UNMAPPED + 0x40, 0);
    fault_disarm();
    fault_check("unmapped read, BusFault disabled", EXC_HARDFAULT, PRECISE, UNMAPPED + 0x40,
                CODE_ADDR(probe_read_insn));
    SCB_SHCSR |= SHCSR_BUSFAULTENA;
    check_eq(SCB_HFSR, 0, "HFSR after write-one-to-clear");
    check_eq(SCB_CFSR, 0, "CFSR after write-one-to-clear");
}

void test_fault(void)
{
    fw_printf("== faults\n");
    fault_init();
    SCB_SHCSR |= SHCSR_FAULTENA;
    SCB_SHPR(EXC_MEMMANAGE) = 0x20;
    SCB_SHPR(EXC_BUSFAULT) = 0x20;
    SCB_SHPR(EXC_USAGEFAULT) = 0x20;
    check_eq(REG32(0xe000ed18u), 0x00202020, "SHPR1 (fault priorities)");
    bus_faults();
    fetch_faults();
    usage_faults();
    ccr_traps();
    invalid_state();
    fpu_access();
    escalation();
}
