/* ARMv7-M exception entry and return, done by the host because Unicorn does neither for
 * M-profile (ARMv7-M ARM DDI0403E, B1.5.6 PushStack/ExceptionTaken, B1.5.8 ExceptionReturn). */
#include <string.h>

#include "sim/cpu/cortexm/internal.h"

#define XPSR_STKALIGN (1u << 9)     /* stacked xPSR bit 9: the frame was realigned */
#define XPSR_T (1u << 24)           /* EPSR.T: Thumb state */
#define XPSR_IT 0x0600fc00u         /* ITSTATE: IT[1:0] in bits 26:25, IT[7:2] in bits 15:10 */
#define EXC_RETURN_HANDLER 0xfffffff1u
#define EXC_RETURN_THREAD_MSP 0xfffffff9u
#define EXC_RETURN_THREAD_PSP 0xfffffffdu

static const int mask_regs[3] = { UC_ARM_REG_PRIMASK, UC_ARM_REG_BASEPRI, UC_ARM_REG_FAULTMASK };

int cm_execution_priority(struct cortexm *c)
{
    uint32_t v[3];
    if (c->thread_masks_valid)
        memcpy(v, c->thread_masks, sizeof(v));
    else
        cm_get_specials(c, mask_regs, v, 3);
    return armv7m_scs_execution_priority(&c->scs, v[0], v[1], v[2]);
}

/* Sets ITSTATE (in xPSR bit positions). Unicorn's xPSR write is an MSR and leaves the IT bits
 * alone; its CPSR view of the M-profile CPU has them at the same positions and writes them. */
static void set_itstate(struct cortexm *c, uint32_t it)
{
    uint32_t cpsr = cm_get(c, UC_ARM_REG_CPSR);
    if ((cpsr & XPSR_IT) != (it & XPSR_IT))
        cm_put(c, UC_ARM_REG_CPSR, (cpsr & ~XPSR_IT) | (it & XPSR_IT));
}

/* Moves the CPU to (ipsr, control) in an order Unicorn accepts: CONTROL.SPSEL can only be
 * written in thread mode and CONTROL only while privileged; each IPSR write swaps the banked
 * stack pointers as the architecture requires, so r13 always holds the active SP. */
void cm_set_mode(struct cortexm *c, uint32_t ipsr, uint32_t control)
{
    c->thread_masks_valid = false;
    if (c->direct.env) {
        cm_direct_set_mode(c, ipsr, control);
        return;
    }
    cm_put(c, UC_ARM_REG_IPSR, V7M_EXC_SVCALL);                 /* privileged */
    cm_put(c, UC_ARM_REG_CONTROL, cm_get(c, UC_ARM_REG_CONTROL) & ~1u);
    cm_put(c, UC_ARM_REG_IPSR, 0);                              /* thread, privileged */
    cm_put(c, UC_ARM_REG_CONTROL, control & 2u);                /* select the stack */
    if (ipsr)
        cm_put(c, UC_ARM_REG_IPSR, ipsr);
    cm_put(c, UC_ARM_REG_CONTROL, control);                     /* nPRIV last */
    cm_refresh_mode(c);
}

/* True if the 8-word frame at `frame` may be written/read with the given privilege; else *bus
 * says which fault: the MPU is checked first (MSTKERR/MUNSTKERR), with the rules of any data
 * access (enable, HFNMIENA at negative priority), then the bus (STKERR/UNSTKERR: the whole
 * frame must be in memory, not a device). MPU regions and subregions are multiples of 32
 * bytes, so a 32-byte frame lies in at most two granules: its first and last words decide. */
static bool frame_accessible(struct cortexm *c, uint32_t frame, bool priv, char access, bool *bus)
{
    if (cm_frame_refused(c, frame, priv, access, bus))
        return false;
    struct bus_region *r = bus_find(c->cfg.bus, frame);
    *bus = !r || r->kind == REGION_DEVICE || frame - r->base > r->size - 32;
    return !*bus;
}

static void write_frame(struct cortexm *c, uint32_t frame, uint32_t return_addr, uint32_t xpsr)
{
    static const int regs[] = { UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3,
                                UC_ARM_REG_R12, UC_ARM_REG_LR };
    uint32_t words[8];
    for (int i = 0; i < 6; i++)
        words[i] = cm_get(c, regs[i]);
    words[6] = return_addr & ~1u;
    words[7] = xpsr;
    /* Straight into RAM (frame_accessible found it there) unless code may have been translated
     * from RAM: then Unicorn's write, which drops translations of what it overwrites. */
    if (c->code_outside_flash || bus_load(c->cfg.bus, frame, words, sizeof(words)) != BUS_OK)
        uc_mem_write(c->uc, frame, words, sizeof(words));
}

static enum cpu_exc_class exc_class(int exc)
{
    if (exc == V7M_EXC_SVCALL)
        return CPU_EXC_SYSCALL;
    if (exc >= V7M_EXC_HARDFAULT && exc <= V7M_EXC_USAGEFAULT)
        return CPU_EXC_FAULT;
    return exc == V7M_EXC_NMI || exc >= V7M_EXC_PENDSV ? CPU_EXC_IRQ : CPU_EXC_OTHER;
}

/* What the exception observer hears of an entry: the number and where it came from; for a
 * fault, the registers as they are before entry changes any (the kernel's too: source-level
 * reports of kernel faults name the LR). */
static void describe_entry(struct cortexm *c, int exc, uint32_t return_addr, bool thread, uint32_t xpsr,
                           struct cpu_exception *x)
{
    static const int regs[] = { UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R4,
                                UC_ARM_REG_R5, UC_ARM_REG_R6, UC_ARM_REG_R7, UC_ARM_REG_R8, UC_ARM_REG_R9,
                                UC_ARM_REG_R10, UC_ARM_REG_R11, UC_ARM_REG_R12, UC_ARM_REG_SP, UC_ARM_REG_LR };
    x->number = exc;
    x->cls = exc_class(exc);
    x->from_thread = thread;
    x->pc = return_addr & ~1u;
    x->nregs = 0;
    if (x->cls != CPU_EXC_FAULT || !c->cfg.exception)
        return;
    for (int i = 0; i < 15; i++)
        x->regs[i] = cm_get(c, regs[i]);
    x->regs[15] = x->pc;
    x->regs[16] = xpsr;
    x->nregs = 17;
}

/* Tells the observer the exception taken: exc (a fault on stacking may have replaced the one
 * described at the start). */
static void report_entry(struct cortexm *c, struct cpu_exception *seen, int exc)
{
    if (!c->cfg.exception)
        return;
    seen->number = exc;
    seen->cls = exc_class(exc);
    c->cfg.exception(c->cfg.ctx, seen);
}

/* The part of exception entry after the frame: LR, handler mode on MSP, the vector. `xpsr`:
 * the xPSR as it was, if known (its IT bits), else an IT state that cannot be 0. */
static void enter_handler(struct cortexm *c, int exc, uint32_t exc_return, uint32_t control, uint32_t xpsr)
{
    cm_put(c, UC_ARM_REG_LR, exc_return);
    cm_set_mode(c, exc, control & CONTROL_NPRIV);                 /* handler mode, MSP, nPRIV unchanged */
    if (xpsr & XPSR_IT)                 /* the usual case, outside IT blocks: nothing to clear */
        set_itstate(c, 0);              /* the handler starts outside any IT block */
    cm_traps_it_state(c, 0, 0);
    armv7m_scs_acknowledge(&c->scs, exc);
    uint32_t vector = 0;
    cm_read_mem(c, c->scs.vtor + 4u * (uint32_t)exc, &vector, 4);
    cm_set_pc(c, vector);
    if (exc == V7M_EXC_HARDFAULT || exc == V7M_EXC_NMI)
        uc_tlb_settle(c->uc, &c->tlb_watch);    /* MPU view changes at negative priority (HFNMIENA) */
    cm_request_check(c);        /* execution priority changed: re-evaluate at the next block */
}

void cm_take_exception(struct cortexm *c, int exc, uint32_t return_addr)
{
    uint32_t ipsr = cm_get(c, UC_ARM_REG_IPSR) & IPSR_EXCEPTION;
    uint32_t control = cm_get(c, UC_ARM_REG_CONTROL);
    bool thread = ipsr == 0;
    bool priv = !thread ? true : !(control & 1);
    uint32_t sp = cm_get(c, UC_ARM_REG_SP);
    uint32_t frame = (sp - 32) & ~7u;
    uint32_t xpsr = (cm_get(c, UC_ARM_REG_XPSR) & ~(XPSR_STKALIGN | IPSR_EXCEPTION | XPSR_T)) | ipsr |
                    (cm_thumb(c) ? XPSR_T : 0) | ((sp & 4) ? XPSR_STKALIGN : 0);
    bool bus;
    struct cpu_exception seen;

    describe_entry(c, exc, return_addr, thread, xpsr, &seen);
    c->stats.exceptions++;
    cm_clear_exclusive(c);
    if (frame_accessible(c, frame, priv, 'w', &bus)) {
        write_frame(c, frame, return_addr, xpsr);
    } else if (exc != V7M_EXC_HARDFAULT || ipsr != V7M_EXC_HARDFAULT) {
        /* A derived fault on stacking (B1.5.6): the fault is taken instead; the original
         * exception stays pending if it was asynchronous. */
        int prio = armv7m_scs_execution_priority(&c->scs, 0, 0, 0);
        exc = armv7m_scs_fault(&c->scs, bus ? CFSR_STKERR : CFSR_MSTKERR, 0, prio);
    }
    cm_put(c, UC_ARM_REG_SP, frame);
    enter_handler(c, exc, !thread ? EXC_RETURN_HANDLER : (control & CONTROL_SPSEL) ? EXC_RETURN_THREAD_PSP
                                                                                : EXC_RETURN_THREAD_MSP,
                  control, xpsr);
    trace_event(c->cfg.trace, "exception", "\"exc\":%d,\"return\":%u", exc, return_addr & ~1u);
    report_entry(c, &seen, exc);
}

bool cm_take_pending(struct cortexm *c, uint32_t return_addr)
{
    /* Nothing pending and enabled at all (the usual case after a return): no need to read the
     * masks for the execution priority. */
    if (!armv7m_scs_preempting(&c->scs, V7M_PRIO_THREAD + 1))
        return false;
    int exc = armv7m_scs_preempting(&c->scs, cm_execution_priority(c));
    if (!exc)
        return false;
    cm_take_exception(c, exc, return_addr);
    return true;
}

void cm_raise_fault(struct cortexm *c, uint32_t cfsr_bits, uint32_t addr, uint32_t return_addr)
{
    uint32_t ipsr = cm_get(c, UC_ARM_REG_IPSR) & IPSR_EXCEPTION;
    if (ipsr == V7M_EXC_HARDFAULT || ipsr == V7M_EXC_NMI) {
        snprintf(c->error, sizeof(c->error),
                 "lockup: fault (CFSR bits 0x%08x, address 0x%08x) inside the %s handler at pc 0x%08x",
                 cfsr_bits, addr, ipsr == V7M_EXC_NMI ? "NMI" : "HardFault", return_addr & ~1u);
        c->stop = CM_LOCKUP;
        uc_emu_stop(c->uc);
        return;
    }
    int exc = armv7m_scs_fault(&c->scs, cfsr_bits, addr, cm_execution_priority(c));
    cm_take_exception(c, exc, return_addr);
}

/* Restores r0-r3, r12, lr, pc and the flags from the frame at the active SP. */
static void pop_frame(struct cortexm *c, const uint32_t w[8])
{
    static const int regs[] = { UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3,
                                UC_ARM_REG_R12, UC_ARM_REG_LR };
    for (int i = 0; i < 6; i++)
        cm_put(c, regs[i], w[i]);
    cm_put(c, UC_ARM_REG_APSR_NZCVQ, w[7]);
    set_itstate(c, w[7]);                   /* an exception taken inside an IT block resumes it */
    cm_traps_it_state(c, w[6] & ~1u, w[7]);
    uint32_t sp = cm_get(c, UC_ARM_REG_SP);
    cm_put(c, UC_ARM_REG_SP, sp + 32 + ((w[7] & XPSR_STKALIGN) ? 4 : 0));
    cm_set_pc(c, w[6]);
}

/* A fault while unstacking (ARMv7-M B1.5.8, "derived exceptions on exception return"): the
 * returning exception is already deactivated and the mode is the one returned to, so the fault
 * is tail-chained from there: no new frame, the frame that failed stays where it is, and LR is
 * the EXC_RETURN that failed, which tells the handler whose stack it was (QEMU's
 * do_v7m_exception_exit does the same). Taking it as a fault of the returning handler instead
 * made a process whose stack left its memory look like a kernel fault. */
static void fault_on_return(struct cortexm *c, uint32_t cfsr_bits, uint32_t exc_return,
                            uint32_t control)
{
    int exc = armv7m_scs_fault(&c->scs, cfsr_bits, 0, cm_execution_priority(c));
    c->stats.exceptions++;
    cm_clear_exclusive(c);
    enter_handler(c, exc, exc_return, control, XPSR_IT);       /* IT state not known here */
    trace_event(c->cfg.trace, "exception", "\"exc\":%d,\"return\":%u", exc, exc_return);
}

void cm_exception_return(struct cortexm *c, uint32_t exc_return)
{
    uint32_t ipsr = cm_get(c, UC_ARM_REG_IPSR) & IPSR_EXCEPTION;
    uint32_t control = cm_get(c, UC_ARM_REG_CONTROL);
    bool to_thread = exc_return != EXC_RETURN_HANDLER;
    bool valid = exc_return == EXC_RETURN_HANDLER || exc_return == EXC_RETURN_THREAD_MSP ||
                 exc_return == EXC_RETURN_THREAD_PSP;
    if (!valid || !armv7m_scs_complete(&c->scs, (int)ipsr) ||
        (to_thread && armv7m_scs_active_count(&c->scs) > 0 && !(c->scs.ccr & 1))) {
        cm_raise_fault(c, CFSR_INVPC, 0, exc_return);   /* B1.5.8: illegal EXC_RETURN */
        return;
    }
    uint32_t spsel = exc_return == EXC_RETURN_THREAD_PSP ? 2u : 0u;
    bool priv = !to_thread || !(control & 1);
    uint32_t sp_target = spsel ? cm_get_special(c, UC_ARM_REG_PSP) : cm_get_special(c, UC_ARM_REG_MSP);
    uint32_t w[8];
    bool bus;
    if (!frame_accessible(c, sp_target, priv, 'r', &bus)) {
        fault_on_return(c, bus ? CFSR_UNSTKERR : CFSR_MUNSTKERR, exc_return, control);
        return;
    }
    cm_read_mem(c, sp_target, w, sizeof(w));
    cm_clear_exclusive(c);
    if (ipsr != V7M_EXC_NMI)
        cm_put_special(c, UC_ARM_REG_FAULTMASK, 0);     /* B1.5.8: return clears FAULTMASK */
    if (ipsr == V7M_EXC_HARDFAULT || ipsr == V7M_EXC_NMI)
        uc_tlb_settle(c->uc, &c->tlb_watch);
    uint32_t masks[3];
    bool unprivileged = to_thread && (control & CONTROL_NPRIV);
    if (unprivileged)
        cm_get_specials(c, mask_regs, masks, 3);        /* still privileged: no lift */
    cm_set_mode(c, to_thread ? 0 : (w[7] & IPSR_EXCEPTION), (control & CONTROL_NPRIV) | spsel);
    if (unprivileged) {
        memcpy(c->thread_masks, masks, sizeof(masks));
        c->thread_masks_valid = true;
    }
    pop_frame(c, w);
    cm_request_check(c);        /* tail-chaining: a pending exception may now preempt */
    if (to_thread && c->cfg.thread)
        c->cfg.thread(c->cfg.ctx, -1, w[6] & ~1u, spsel != 0, w);
    trace_event(c->cfg.trace, "exception_return", "\"exc\":%u,\"to\":%u", ipsr, w[6] & ~1u);
}
