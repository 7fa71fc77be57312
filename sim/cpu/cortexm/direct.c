/*
 * The Cortex-M state in place. Exception entry and return touch some forty registers; through
 * Unicorn's API each is a call that dispatches on the register id, and a mode change costs a
 * privilege dance of seven writes (regs.c). With Unicorn 2.1.1 (sim/cpu/uc/qemu.h) the backend
 * works on QEMU's CPUARMState itself: r0-r15 at its start (regs[], checked by uc_qemu_attach),
 * the M-profile words below found by experiment -- a write through the API must change exactly
 * one word of the state, to the value written -- and QEMU's own arm_rebuild_hflags after a mode
 * change (what Unicorn's APSR write calls). If any probe fails, c->direct.env stays NULL and
 * every access goes through the API as before.
 *
 * The semantics copied are QEMU 5.0's (target/arm/m_helper.c): r13 holds the active stack
 * pointer and v7m.other_sp the other one; the process stack is active in thread mode with
 * CONTROL.SPSEL set (v7m_using_psp); MSR/MRS of PRIMASK, BASEPRI, FAULTMASK store the bits
 * as written (masked to their width).
 */
#include <stdlib.h>
#include <string.h>

#include "sim/cpu/cortexm/internal.h"

#define PROBE_PSP 0x20000ff0u

static bool offset_ok(int off, int32_t *out)
{
    *out = off;
    return off >= 0;
}

/* EPSR.T: a PC write with bit 0 clear clears it; exactly one word may change, to 0. */
static int probe_thumb(struct cortexm *c, size_t span)
{
    uint32_t pc = 0;
    if (uc_reg_read(c->uc, UC_ARM_REG_PC, &pc) != UC_ERR_OK)
        return -1;
    pc |= 1u;
    uc_reg_write(c->uc, UC_ARM_REG_PC, &pc);           /* every copy of the PC in step first */
    int found = uc_qemu_write_diff(&c->qemu, c->uc, span, UC_ARM_REG_PC, pc & ~1u, 0, -1);
    uc_reg_write(c->uc, UC_ARM_REG_PC, &pc);
    return found;
}

/* The special registers, probed in handler mode (privileged, MSP active: PSP is other_sp). */
static bool probe_specials(struct cortexm *c, size_t span, struct cm_direct *d)
{
    const struct uc_qemu *q = &c->qemu;
    uint32_t svc = V7M_EXC_SVCALL, thread = 0;
    uc_reg_write(c->uc, UC_ARM_REG_IPSR, &svc);
    /* CONTROL.FPCA lives in another word (QEMU keeps it in the Secure bank's CONTROL whether or
     * not the CPU has the Security Extension); absent without an FPU (-1: nothing to keep). */
    d->fpca = uc_qemu_probe(q, c->uc, span, UC_ARM_REG_CONTROL, CONTROL_FPCA, ~0u);
    bool ok = offset_ok(uc_qemu_probe(q, c->uc, span, UC_ARM_REG_CONTROL, CONTROL_NPRIV, ~0u), &d->control) &&
              offset_ok(uc_qemu_probe(q, c->uc, span, UC_ARM_REG_PRIMASK, 1, 1), &d->primask) &&
              offset_ok(uc_qemu_probe(q, c->uc, span, UC_ARM_REG_BASEPRI, 0xa0, 0xff), &d->basepri) &&
              offset_ok(uc_qemu_probe(q, c->uc, span, UC_ARM_REG_FAULTMASK, 1, 1), &d->faultmask) &&
              offset_ok(uc_qemu_probe(q, c->uc, span, UC_ARM_REG_PSP, PROBE_PSP, ~0u), &d->other_sp);
    uc_reg_write(c->uc, UC_ARM_REG_IPSR, &thread);
    return ok;
}

/* Where one flag lands: from APSR_NZCVQ = 0, writing `value` must change exactly one word
 * besides N's (`nf`, -1 while unknown: QEMU keeps N as the whole value written), to `want` (Z as
 * its inverse, C and Q as 0/1, V in bit 31). */
static int probe_flag(struct cortexm *c, size_t span, uint32_t value, uint32_t want, int nf)
{
    uint32_t old = 0, zero = 0;
    if (uc_reg_read(c->uc, UC_ARM_REG_APSR, &old) != UC_ERR_OK)    /* no NZCVQ read in 2.1.1 */
        return -1;
    uc_reg_write(c->uc, UC_ARM_REG_APSR_NZCVQ, &zero);
    int found = uc_qemu_write_diff(&c->qemu, c->uc, span, UC_ARM_REG_APSR_NZCVQ, value, want, nf);
    uc_reg_write(c->uc, UC_ARM_REG_APSR_NZCVQ, &old);
    return found;
}

static bool probe_flags(struct cortexm *c, size_t span, struct cm_direct *d)
{
    return offset_ok(probe_flag(c, span, 1u << 31, 1u << 31, -1), &d->nf) &&
           offset_ok(probe_flag(c, span, 1u << 30, 0, d->nf), &d->zf) &&
           offset_ok(probe_flag(c, span, 1u << 29, 1, d->nf), &d->cf) &&
           offset_ok(probe_flag(c, span, 1u << 28, 1u << 31, d->nf), &d->vf) &&
           offset_ok(probe_flag(c, span, 1u << 27, 1, d->nf), &d->qf);
}

bool cm_direct_attach(struct cortexm *c, size_t exclusive_off)
{
    struct cm_direct d = { 0 };
    size_t span = uc_context_size(c->uc);
    c->direct.env = NULL;
    /* The way back, for comparing the two paths (tests/engine_in_place.sh). */
    if (getenv("TOCKSIM_UC_API_ONLY") || !c->qemu.env || !arm_rebuild_hflags_arm || !exclusive_off)
        return false;
    d.exclusive = (int32_t)exclusive_off;
    bool ok = offset_ok(uc_qemu_probe(&c->qemu, c->uc, span, UC_ARM_REG_IPSR, V7M_EXC_SVCALL, 0x1ff),
                        &d.exception) &&
              probe_specials(c, span, &d) && offset_ok(probe_thumb(c, span), &d.thumb) &&
              probe_flags(c, span, &d);
    if (!ok)
        return false;
    d.env = c->qemu.env;
    c->direct = d;
    return true;
}

/* v7m_using_psp for this CPU (no security extension). */
static bool using_psp(struct cortexm *c)
{
    return *cm_env_word(c, c->direct.exception) == 0 && (*cm_env_word(c, c->direct.control) & CONTROL_SPSEL);
}

uint32_t *cm_direct_special(struct cortexm *c, int ucreg)
{
    switch (ucreg) {
    case UC_ARM_REG_MSP: return cm_env_word(c, using_psp(c) ? (uint32_t)c->direct.other_sp : 4 * 13);
    case UC_ARM_REG_PSP: return cm_env_word(c, using_psp(c) ? 4 * 13 : (uint32_t)c->direct.other_sp);
    case UC_ARM_REG_PRIMASK: return cm_env_word(c, c->direct.primask);
    case UC_ARM_REG_BASEPRI: return cm_env_word(c, c->direct.basepri);
    case UC_ARM_REG_FAULTMASK: return cm_env_word(c, c->direct.faultmask);
    default: return NULL;
    }
}

void cm_direct_set_mode(struct cortexm *c, uint32_t ipsr, uint32_t control)
{
    uint32_t *exc = cm_env_word(c, c->direct.exception), *ctl = cm_env_word(c, c->direct.control);
    bool was_psp = using_psp(c), psp = ipsr == 0 && (control & CONTROL_SPSEL);
    if (was_psp != psp) {
        uint32_t *sp = cm_env_word(c, 4 * 13), *other = cm_env_word(c, c->direct.other_sp), t = *sp;
        *sp = *other;
        *other = t;
    }
    *exc = ipsr;
    *ctl = (*ctl & ~3u) | (control & 3u);       /* nPRIV, SPSEL: as the MSR sequence left them */
    if (c->direct.fpca >= 0) {                  /* and FPCA, which the last MSR also wrote */
        uint32_t *fp = cm_env_word(c, (uint32_t)c->direct.fpca);
        *fp = (*fp & ~CONTROL_FPCA) | (control & CONTROL_FPCA);
    }
    arm_rebuild_hflags_arm(c->direct.env);
}

void cm_direct_set_pc(struct cortexm *c, uint32_t pc)
{
    *cm_env_word(c, 4 * 15) = pc & ~1u;
    *cm_env_word(c, c->direct.thumb) = 1;
}

void cm_direct_clear_exclusive(struct cortexm *c)
{
    const uint64_t open = UINT64_MAX;           /* QEMU's "no exclusive access" marker */
    memcpy(c->direct.env + c->direct.exclusive, &open, sizeof(open));
}

void cm_direct_set_nzcvq(struct cortexm *c, uint32_t xpsr)
{
    *cm_env_word(c, c->direct.nf) = xpsr;
    *cm_env_word(c, c->direct.zf) = ~xpsr & (1u << 30);
    *cm_env_word(c, c->direct.cf) = (xpsr >> 29) & 1u;
    *cm_env_word(c, c->direct.vf) = (xpsr << 3) & (1u << 31);
    *cm_env_word(c, c->direct.qf) = (xpsr >> 27) & 1u;
}
