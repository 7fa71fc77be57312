/* SVC and PendSV tests: stacked frames, EXC_RETURN, privilege, nesting, escalation. */

/*
 * ARMv7-M ARM (DDI0403E): B1.5.6 exception entry pushes r0-r3, r12, lr, return address and
 * xPSR (bit 9 set when 4 bytes of padding were added to keep the frame 8-byte aligned, with
 * CCR.STKALIGN = 1); B1.5.8 EXC_RETURN (0xFFFFFFF1 handler, 0xFFFFFFF9 thread/MSP,
 * 0xFFFFFFFD thread/PSP); B1.4.4 CONTROL (nPRIV, SPSEL; SPSEL reads 0 in handler mode,
 * unprivileged writes ignored); B5.2.1 CPS has no effect when unprivileged; B1.5.4 an SVC that
 * cannot preempt the current execution priority escalates to HardFault.
 */

#include "tests/firmware/cm4/armv7m.h"
#include "tests/firmware/cm4/fault.h"
#include "tests/firmware/cm4/fw.h"
#include "tests/firmware/cm4/order.h"
#include "tests/firmware/cm4/tests.h"

#define SVC_FRAME    0x42   /* svc_frame_probe: return r0 + r1 + r2 + r3 */
#define SVC_PENDSV   0x43   /* pend PendSV */
#define SVC_NESTED   0x44   /* svc_probe: log */
#define SVC_EXCL     0x46   /* probe_exclusive: nothing */

/* What the SVC handler saw last. */
static volatile struct {
    uint32_t num, exc_return, frame_addr, control, ipsr, shcsr;
    uint32_t frame[8];
} seen;

static volatile int pendsv_does_svc;
static uint32_t psp_stack[256] __attribute__((aligned(8)));

static void svc_test_hook(uint32_t *frame, uint32_t exc_return, uint32_t num)
{
    seen.num = num;
    seen.exc_return = exc_return;
    seen.frame_addr = (uint32_t)(uintptr_t)frame;
    seen.control = READ_SPECIAL("control");
    seen.ipsr = READ_SPECIAL("ipsr");
    seen.shcsr = SCB_SHCSR;
    for (int i = 0; i < 8; i++)
        seen.frame[i] = frame[i];
    switch (num) {
    case SVC_FRAME:
        frame[0] = frame[0] + frame[1] + frame[2] + frame[3];
        break;
    case SVC_PENDSV:
        SCB_ICSR = ICSR_PENDSVSET;
        order_log('S', 'V');
        break;
    case SVC_NESTED:
        order_log('S', 'N');
        break;
    }
}

static void pendsv_handler(uint32_t *frame, uint32_t exc_return)
{
    (void)frame, (void)exc_return;
    order_log('P', '<');
    if (pendsv_does_svc)
        svc_probe();
    order_log('P', '>');
}

// One SVC with known registers; checks the frame, the return value and where the frame is.
static void svc_frame(const char *name, uint32_t misalign, int unprivileged)
{
    uint32_t r;

    if (unprivileged)
        r = unpriv_call(svc_frame_probe, misalign, 0, (uint32_t)(uintptr_t)&psp_stack[256]);
    else
        r = svc_frame_probe(misalign, 0);
    fw_printf("  -- %s\n", name);
    check_eq(r, 0xa6a6a6a6, "r0 returned through the stacked frame");
    check_eq(seen.num, SVC_FRAME, "SVC number decoded from the stacked PC");
    check_eq(seen.exc_return, unprivileged ? EXC_RETURN_THREAD_PSP : EXC_RETURN_THREAD_MSP,
             "EXC_RETURN");
    check_eq(seen.control, unprivileged ? 1 : 0, "CONTROL in the handler");
    check_eq(seen.ipsr, EXC_SVCALL, "IPSR in the handler");
    check_eq(seen.shcsr & SHCSR_SVCALLACT, SHCSR_SVCALLACT, "SHCSR.SVCALLACT in the handler");
    check_eq(seen.frame[0], 0xa0a0a0a0, "stacked r0");
    check_eq(seen.frame[1], 0x01010101, "stacked r1");
    check_eq(seen.frame[2], 0x02020202, "stacked r2");
    check_eq(seen.frame[3], 0x03030303, "stacked r3");
    check_eq(seen.frame[4], 0x0c0c0c0c, "stacked r12");
    check_eq(seen.frame[5], 0x0e0e0e0e, "stacked lr");
    check_eq(seen.frame[6], CODE_ADDR(svc_frame_probe_ret), "stacked pc (after the svc)");
    check_eq(seen.frame[7], 0x91000000u | (misalign ? 0x200u : 0), "stacked xPSR");
    check_eq(seen.frame_addr + 32 + (misalign ? 4 : 0), svc_probe_sp,
             "frame address + 32 + padding = SP before the SVC");
    if (unprivileged)
        check_true(seen.frame_addr >= (uint32_t)(uintptr_t)psp_stack &&
                   seen.frame_addr < (uint32_t)(uintptr_t)&psp_stack[256],
                   "frame is on the process stack");
    check_eq(READ_SPECIAL("control"), 0, "CONTROL back in the caller");
}

static volatile uint32_t unpriv_control;

// Runs unprivileged: tries to mask interrupts and to regain privilege; both are ignored.
static uint32_t unpriv_attempts(uint32_t a, uint32_t b)
{
    (void)a, (void)b;
    __asm volatile("cpsid i\n cpsid f" ::: "memory");
    WRITE_SPECIAL("basepri", 0x40);
    WRITE_SPECIAL("control", 0);
    unpriv_control = READ_SPECIAL("control");
    return 7;
}

static void svc_unprivileged_limits(void)
{
    uint32_t r = unpriv_call(unpriv_attempts, 0, 0, (uint32_t)(uintptr_t)&psp_stack[256]);

    fw_printf("  -- unprivileged thread\n");
    check_eq(r, 7, "unprivileged function result");
    check_eq(unpriv_control, 3, "CONTROL after an unprivileged write of 0");
    check_eq(READ_SPECIAL("primask"), 0, "PRIMASK after unprivileged cpsid i");
    check_eq(READ_SPECIAL("faultmask"), 0, "FAULTMASK after unprivileged cpsid f");
    check_eq(READ_SPECIAL("basepri"), 0, "BASEPRI after an unprivileged write");
}

// PendSV: pending under PRIMASK, clearing, SVC from inside PendSV (nested, handler mode),
// and PendSV pended by an SVC tail-chaining after it.
static void svc_pendsv(void)
{
    fw_printf("  -- pendsv\n");
    exc_set_handler(EXC_PENDSV, pendsv_handler);
    SCB_SHPR(EXC_PENDSV) = 0xe0;
    check_eq(SCB_SHPR(EXC_PENDSV), 0xe0, "SHPR3 PendSV priority byte");
    order_reset();
    irq_disable();
    SCB_ICSR = ICSR_PENDSVSET;
    barrier();
    check_eq(SCB_ICSR & ICSR_PENDSVSET, ICSR_PENDSVSET, "ICSR.PENDSVSET while masked");
    check_eq(ICSR_VECTPENDING(SCB_ICSR), EXC_PENDSV, "ICSR.VECTPENDING");
    SCB_ICSR = ICSR_PENDSVCLR;
    barrier();
    check_eq(SCB_ICSR & ICSR_PENDSVSET, 0, "ICSR.PENDSVSET after PENDSVCLR");
    SCB_ICSR = ICSR_PENDSVSET;
    pendsv_does_svc = 1;
    order_log('|', '1');
    irq_enable();
    order_log('|', '2');
    order_check("PendSV with a nested SVC", "|1 P< SN P> |2 ");
    check_eq(seen.exc_return, EXC_RETURN_HANDLER_MSP, "EXC_RETURN of SVC inside PendSV");
    check_eq(seen.frame[7] & 0x1ff, EXC_PENDSV, "stacked IPSR of SVC inside PendSV");
    check_eq(seen.frame[6], CODE_ADDR(svc_probe_ret), "stacked pc of SVC inside PendSV");

    pendsv_does_svc = 0;
    order_reset();
    __asm volatile("svc %0" :: "i"(SVC_PENDSV) : "memory");
    order_log('|', '1');
    order_check("SVC pends PendSV", "SV P< P> |1 ");
}

// The local exclusive monitor is cleared by exception entry and return (A3.4.4), so a STREX
// after an exception between it and its LDREX fails.
static void svc_exclusive(void)
{
    static volatile uint32_t word = 5;

    fw_printf("  -- exclusive monitor\n");
    check_eq(probe_exclusive((uint32_t)(uintptr_t)&word, 0), 0, "strex right after ldrex");
    check_eq(probe_exclusive((uint32_t)(uintptr_t)&word, 1), 1, "strex after an SVC fails");
    check_eq(seen.num, SVC_EXCL, "SVC between ldrex and strex taken");
}

// SVC while PRIMASK raises the execution priority to 0: SVCall (priority 0) cannot be taken
// and becomes a HardFault, returning after the svc.
static void svc_escalation(void)
{
    fw_printf("  -- svc escalation\n");
    order_reset();
    fault_expect(FIX_NONE);
    irq_disable();
    svc_probe();
    irq_enable();
    fault_disarm();
    fault_check("svc with PRIMASK set", EXC_HARDFAULT, 0, 0, CODE_ADDR(svc_probe_ret));
    order_check("SVC handler did not run", "");
}

void test_svc(void)
{
    fw_printf("== svc\n");
    fault_init();
    svc_hook = svc_test_hook;
    svc_frame("privileged, MSP, aligned", 0, 0);
    svc_frame("privileged, MSP, 4 bytes off", 4, 0);
    svc_frame("unprivileged, PSP, aligned", 0, 1);
    svc_frame("unprivileged, PSP, 4 bytes off", 4, 1);
    svc_unprivileged_limits();
    svc_pendsv();
    svc_exclusive();
    svc_escalation();
}
