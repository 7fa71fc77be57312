/* Register access helpers for the Cortex-M backend, hiding Unicorn 2.1's quirks:
 * - host accesses to MSP/PSP/PRIMASK/BASEPRI/FAULTMASK obey the guest's privilege (in
 *   unprivileged thread mode they read 0 and ignore writes), so we borrow handler mode;
 * - after IPSR/CONTROL change, Unicorn's cached privilege (hflags) is stale until a flags
 *   write, so we read and write back APSR_NZCV. */
#include <string.h>

#include "sim/cpu/cortexm/internal.h"

/* Read-only in place besides r0-r14 (cm_get has those): the PC, IPSR and CONTROL (written by
 * mode changes only). */
static const uint32_t *readable_in_place(struct cortexm *c, int ucreg)
{
    switch (ucreg) {
    case UC_ARM_REG_PC: return cm_env_word(c, 4 * 15);
    case UC_ARM_REG_IPSR: return cm_env_word(c, c->direct.exception);
    case UC_ARM_REG_CONTROL: return cm_env_word(c, c->direct.control);
    default: return NULL;
    }
}

uint32_t cm_get_any(struct cortexm *c, int ucreg)
{
    uint32_t v = 0;
    const uint32_t *w = c->direct.env ? readable_in_place(c, ucreg) : NULL;
    if (w)
        return *w;
    uc_reg_read(c->uc, ucreg, &v);
    return v;
}

/* r0-r14 never reach here in place (cm_put has them); the flags an exception return restores
 * are written in place too. */
void cm_put_any(struct cortexm *c, int ucreg, uint32_t value)
{
    if (c->direct.env && ucreg == UC_ARM_REG_APSR_NZCVQ)
        cm_direct_set_nzcvq(c, value);
    else
        uc_reg_write(c->uc, ucreg, &value);
}

/* Every IPSR/CONTROL change must end here: besides privilege, the cached mode decides whether a
 * handler's `bx lr` to 0xFFxxxxxx is an exception return (ARMv7-M: handler mode only) or a
 * branch that faults. */
void cm_refresh_mode(struct cortexm *c)
{
    cm_put(c, UC_ARM_REG_APSR_NZCV, cm_get(c, UC_ARM_REG_APSR_NZCV));
}

/* Unicorn applies the guest's rules to special-register accesses: unprivileged thread code
 * reads them as 0 and cannot write them (B5.2.2, B5.2.3). For such moments the host lifts the
 * CPU into handler mode (always privileged) around its accesses; privileged code needs no lift,
 * which matters: each lift costs four register writes that rebuild Unicorn's mode state, and
 * every exception reads PRIMASK, BASEPRI and FAULTMASK. Returns true if it lifted. */
static bool lift_privilege(struct cortexm *c)
{
    if ((cm_get(c, UC_ARM_REG_IPSR) & IPSR_EXCEPTION) != 0 || !(cm_get(c, UC_ARM_REG_CONTROL) & CONTROL_NPRIV))
        return false;
    cm_put(c, UC_ARM_REG_IPSR, V7M_EXC_SVCALL);
    cm_refresh_mode(c);
    return true;
}

static void drop_privilege(struct cortexm *c, bool lifted)
{
    if (!lifted)
        return;
    cm_put(c, UC_ARM_REG_IPSR, 0);
    cm_refresh_mode(c);
}

/* The masks' widths as MSR stores them (QEMU's v7m_msr). */
static uint32_t mask_width(int ucreg)
{
    return ucreg == UC_ARM_REG_BASEPRI ? 0xffu : 1u;
}

void cm_put_special(struct cortexm *c, int ucreg, uint32_t value)
{
    c->thread_masks_valid = false;      /* the host changes a mask or the mode */
    bool mask = ucreg == UC_ARM_REG_PRIMASK || ucreg == UC_ARM_REG_BASEPRI || ucreg == UC_ARM_REG_FAULTMASK;
    if (c->direct.env && mask) {
        *cm_direct_special(c, ucreg) = value & mask_width(ucreg);
        return;
    }
    bool lifted = lift_privilege(c);
    cm_put(c, ucreg, value);
    drop_privilege(c, lifted);
}

uint32_t cm_get_special(struct cortexm *c, int ucreg)
{
    uint32_t v;
    cm_get_specials(c, &ucreg, &v, 1);
    return v;
}

void cm_get_specials(struct cortexm *c, const int *ucregs, uint32_t *out, int n)
{
    int in_place = 0;
    for (int i = 0; c->direct.env && i < n; i++) {
        const uint32_t *w = cm_direct_special(c, ucregs[i]);
        in_place += w != NULL;
        out[i] = w ? *w : 0;
    }
    if (in_place == n)
        return;
    bool lifted = lift_privilege(c);
    for (int i = 0; i < n; i++)
        out[i] = cm_get(c, ucregs[i]);
    drop_privilege(c, lifted);
}

void cm_set_pc(struct cortexm *c, uint32_t pc)
{
    if (c->direct.env && c->in_intr) {
        cm_direct_set_pc(c, pc);
        return;
    }
    cm_put(c, UC_ARM_REG_PC, pc | 1u);     /* Thumb state: bit 0 must be set */
}

bool cm_thumb(struct cortexm *c)
{
    if (c->direct.env)
        return *cm_env_word(c, c->direct.thumb) != 0;
    size_t mode = 0;
    uc_query(c->uc, UC_QUERY_MODE, &mode);
    return mode & UC_MODE_THUMB;
}

/*
 * The local exclusive monitor. Exception entry and return clear it (ARMv7-M ARM B1.5.6/B1.5.8,
 * ClearExclusiveLocal), but Unicorn 2.1 has no register id for it. Its address sits in the CPU
 * state that uc_context_save copies, at an offset that depends on the Unicorn build, so we find
 * it once by experiment: run `ldrex` on two different addresses holding different values and
 * look for the one place of the saved context that holds each address followed by the value it
 * loaded (QEMU's exclusive_addr, exclusive_val). If the experiment is ambiguous
 * (another Unicorn), clearing is disabled and the cross-check lists it as a known gap.
 */
#define PROBE_PAGE 0x60000000u      /* scratch page (executable in the default map), unmapped after */

static void probe_ldrex(struct cortexm *c, uint32_t addr, uc_context *out)
{
    cm_put(c, UC_ARM_REG_R1, addr);
    uc_emu_start(c->uc, PROBE_PAGE | 1u, PROBE_PAGE + 4, 0, 0);
    uc_context_save(c->uc, out);
}

/* The monitor in the live state (after the probe at `addr`), if the state is known. */
static size_t monitor_in_state(struct cortexm *c, size_t span, uint64_t addr, uint64_t val)
{
    size_t found = 0, hits = 0;
    for (size_t off = 0; c->qemu.env && off + 16 <= span; off += 8) {
        uint64_t v[2];
        memcpy(v, c->qemu.env + off, sizeof(v));
        if (v[0] == addr && v[1] == val && ++hits)
            found = off;
    }
    return hits == 1 ? found : 0;
}

bool cm_monitor_calibrate(struct cortexm *c)
{
    static const uint16_t code[] = { 0xe851, 0x0f00, 0xbf00, 0xbf00 };  /* ldrex r0,[r1]; nop */
    const uint32_t a1 = PROBE_PAGE + 0x100, a2 = PROBE_PAGE + 0x200;
    uc_context *other = NULL;
    size_t size = uc_context_size(c->uc), found = 0, hits = 0;
    if (uc_mem_map(c->uc, PROBE_PAGE, 0x1000, UC_PROT_ALL) != UC_ERR_OK)
        return false;
    uc_mem_write(c->uc, PROBE_PAGE, code, sizeof(code));
    const uint32_t val1 = 0x5eed1111u, val2 = 0x5eed2222u;
    uc_mem_write(c->uc, a1, &val1, 4);
    uc_mem_write(c->uc, a2, &val2, 4);
    if (uc_context_alloc(c->uc, &c->monitor_ctx) == UC_ERR_OK && uc_context_alloc(c->uc, &other) == UC_ERR_OK) {
        probe_ldrex(c, a1, c->monitor_ctx);
        probe_ldrex(c, a2, other);
        for (size_t off = 0; off + 16 <= size; off += 4) {
            uint64_t v[4];
            memcpy(&v[0], (uint8_t *)c->monitor_ctx + off, 8);
            memcpy(&v[1], (uint8_t *)c->monitor_ctx + off + 8, 8);
            memcpy(&v[2], (uint8_t *)other + off, 8);
            memcpy(&v[3], (uint8_t *)other + off + 8, 8);
            if (v[0] == a1 && v[1] == val1 && v[2] == a2 && v[3] == val2 && ++hits)
                found = off;
        }
    }
    c->monitor_env_off = monitor_in_state(c, size, a2, val2);
    uc_context_free(other);
    /* No TB flush (it costs milliseconds): a later fetch there is refused by the TLB fill. */
    uc_mem_unmap(c->uc, PROBE_PAGE, 0x1000);
    c->monitor_off = hits == 1 ? found : 0;
    return c->monitor_off != 0;
}

void cm_clear_exclusive(struct cortexm *c)
{
    if (c->direct.env) {
        cm_direct_clear_exclusive(c);
        return;
    }
    if (!c->monitor_off)
        return;
    const uint64_t open = UINT64_MAX;           /* QEMU's "no exclusive access" marker */
    uint64_t now;
    uc_context_save(c->uc, c->monitor_ctx);
    memcpy(&now, (uint8_t *)c->monitor_ctx + c->monitor_off, sizeof(now));
    if (now == open)                            /* the usual case: nothing to restore */
        return;
    memcpy((uint8_t *)c->monitor_ctx + c->monitor_off, &open, sizeof(open));
    uc_context_restore(c->uc, c->monitor_ctx);
}
