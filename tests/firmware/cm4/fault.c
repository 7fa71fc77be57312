/* Fault and SVC handlers for the tests: record the fault, clear the status, recover. */

/*
 * Fault status registers (ARMv7-M ARM DDI0403E, B3.2.15-B3.2.18): CFSR and HFSR bits are
 * write-one-to-clear; MMFAR/BFAR hold the address only while CFSR.MMARVALID/BFARVALID is set.
 * Thumb instruction length (A5.1): a halfword whose bits [15:11] are 0b11101, 0b11110 or
 * 0b11111 starts a 32-bit instruction.
 */

#include "tests/firmware/cm4/armv7m.h"
#include "tests/firmware/cm4/fault.h"
#include "tests/firmware/cm4/fw.h"

volatile struct fault_info fault_last;
void (*volatile fault_hook)(void);
void (*volatile svc_hook)(uint32_t *frame, uint32_t exc_return, uint32_t num);

static volatile int armed;
static volatile enum fault_fix armed_fix;

static uint32_t insn_length(uint32_t pc)
{
    uint16_t hw = *(const uint16_t *)(uintptr_t)pc;

    return (hw >> 11) >= 0x1d ? 4 : 2;
}

static void fault_handler(uint32_t *frame, uint32_t exc_return)
{
    volatile struct fault_info *f = &fault_last;

    f->count++;
    f->exc = READ_SPECIAL("ipsr") & 0x1ff;
    f->cfsr = SCB_CFSR;
    f->hfsr = SCB_HFSR;
    f->mmfar = SCB_MMFAR;
    f->bfar = SCB_BFAR;
    f->pc = frame[6];
    f->lr = frame[5];
    f->xpsr = frame[7];
    f->exc_return = exc_return;
    if (!armed) {
        fw_printf("unexpected fault: exception %lu cfsr=0x%08lx hfsr=0x%08lx mmfar=0x%08lx "
                  "bfar=0x%08lx pc=0x%08lx\n", f->exc, f->cfsr, f->hfsr, f->mmfar, f->bfar,
                  f->pc);
        fw_exit(4);
    }
    SCB_CFSR = f->cfsr;
    SCB_HFSR = f->hfsr;
    switch (armed_fix) {
    case FIX_SKIP:
        frame[6] += insn_length(frame[6]);
        break;
    case FIX_RETURN_LR:
        frame[6] = frame[5] & ~1u;
        frame[7] |= 1u << 24;       /* EPSR.T */
        break;
    case FIX_HOOK:
        fault_hook();
        break;
    case FIX_NONE:
        break;
    }
}

static void svc_handler(uint32_t *frame, uint32_t exc_return)
{
    uint32_t num = *(const uint16_t *)(uintptr_t)(frame[6] - 2) & 0xff;

    if (num == SVC_PRIVILEGED)
        WRITE_SPECIAL("control", READ_SPECIAL("control") & ~1u);
    else if (svc_hook)
        svc_hook(frame, exc_return, num);
    else {
        fw_printf("unexpected SVC 0x%02lx at 0x%08lx\n", num, frame[6] - 2);
        fw_exit(4);
    }
}

void fault_init(void)
{
    exc_set_handler(EXC_HARDFAULT, fault_handler);
    exc_set_handler(EXC_MEMMANAGE, fault_handler);
    exc_set_handler(EXC_BUSFAULT, fault_handler);
    exc_set_handler(EXC_USAGEFAULT, fault_handler);
    exc_set_handler(EXC_SVCALL, svc_handler);
}

void fault_expect(enum fault_fix fix)
{
    fault_last.count = 0;
    fault_last.exc = 0;
    fault_last.cfsr = fault_last.hfsr = 0;
    armed_fix = fix;
    armed = 1;
}

void fault_disarm(void)
{
    armed = 0;
}

void fault_check(const char *name, uint32_t exc, uint32_t cfsr, uint32_t addr, uint32_t pc)
{
    volatile struct fault_info *f = &fault_last;

    check_eq(f->count, 1, "%s: faults", name);
    check_eq(f->exc, exc, "%s: exception", name);
    check_eq(f->cfsr, cfsr, "%s: CFSR", name);
    if (exc == EXC_HARDFAULT)
        check_eq(f->hfsr, HFSR_FORCED, "%s: HFSR", name);
    if (cfsr & CFSR_MMARVALID)
        check_eq(f->mmfar, addr, "%s: MMFAR", name);
    if (cfsr & CFSR_BFARVALID)
        check_eq(f->bfar, addr, "%s: BFAR", name);
    check_eq(f->pc, pc, "%s: stacked PC", name);
}
