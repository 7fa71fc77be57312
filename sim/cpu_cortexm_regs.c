/* Register access helpers for the Cortex-M backend, hiding Unicorn 2.1's quirks:
 * - host accesses to MSP/PSP/PRIMASK/BASEPRI/FAULTMASK obey the guest's privilege (in
 *   unprivileged thread mode they read 0 and ignore writes), so we borrow handler mode;
 * - after IPSR/CONTROL change, Unicorn's cached privilege (hflags) is stale until a flags
 *   write, so we read and write back APSR_NZCV. */
#include "cpu_cortexm_internal.h"

uint32_t cm_get(struct cortexm *c, int ucreg)
{
    uint32_t v = 0;
    uc_reg_read(c->uc, ucreg, &v);
    return v;
}

void cm_put(struct cortexm *c, int ucreg, uint32_t value)
{
    uc_reg_write(c->uc, ucreg, &value);
}

void cm_refresh_mode(struct cortexm *c)
{
    cm_put(c, UC_ARM_REG_APSR_NZCV, cm_get(c, UC_ARM_REG_APSR_NZCV));
}

/* Runs `op` with IPSR temporarily non-zero (handler mode is always privileged). */
static uint32_t with_handler_mode(struct cortexm *c, int ucreg, bool write, uint32_t value)
{
    uint32_t ipsr = cm_get(c, UC_ARM_REG_IPSR) & 0x1ff;
    if (ipsr == 0) {
        cm_put(c, UC_ARM_REG_IPSR, V7M_EXC_SVCALL);
        cm_refresh_mode(c);
    }
    uint32_t out = value;
    if (write)
        cm_put(c, ucreg, value);
    else
        out = cm_get(c, ucreg);
    if (ipsr == 0) {
        cm_put(c, UC_ARM_REG_IPSR, 0);
        cm_refresh_mode(c);
    }
    return out;
}

void cm_put_special(struct cortexm *c, int ucreg, uint32_t value)
{
    with_handler_mode(c, ucreg, true, value);
}

uint32_t cm_get_special(struct cortexm *c, int ucreg)
{
    return with_handler_mode(c, ucreg, false, 0);
}

void cm_set_pc(struct cortexm *c, uint32_t pc)
{
    cm_put(c, UC_ARM_REG_PC, pc | 1u);     /* Thumb state: bit 0 must be set */
}

bool cm_thumb(struct cortexm *c)
{
    size_t mode = 0;
    uc_query(c->uc, UC_QUERY_MODE, &mode);
    return mode & UC_MODE_THUMB;
}
