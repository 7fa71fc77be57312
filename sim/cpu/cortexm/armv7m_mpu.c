/*
 * ARMv7-M PMSAv7 MPU (ARM DDI 0403E, B3.5): registers and access decisions, part of the SCS
 * model (armv7m_scs.h). 8 data regions, unified (MPU_TYPE = 0x0800), subregions, no
 * instruction-side regions.
 *
 * Decision for one access (B3.5.1-B3.5.3, B3.5.9):
 *  - MPU off: the default memory map (B3.1, Table B3-1): every access allowed except
 *    instruction fetches from the Execute Never areas 0x40000000-0x5FFFFFFF (peripheral) and
 *    0xA0000000-0xFFFFFFFF (device, system).
 *  - MPU on: the highest-numbered enabled region that contains the address and whose subregion
 *    there is not disabled decides, through AP (Table B3-14/B3-15: 000 no access, 001 priv RW,
 *    010 priv RW + unpriv RO, 011 RW, 100 reserved = no access, 101 priv RO, 110/111 RO) and XN.
 *    An instruction fetch needs read permission and XN = 0. No region: privileged accesses use
 *    the default map if PRIVDEFENA, anything else is denied.
 *  - Always: the PPB (0xE0000000-0xE00FFFFF) uses the default map, and 0xE0000000 and above is
 *    never executable (B3.5.1).
 * The caller handles HFNMIENA (MPU bypassed at negative execution priority unless it is set) and
 * the vector table / exception stacking attributes, which need CPU state.
 *
 * UNPREDICTABLE settings and the choice made here:
 *  - RBAR address not aligned to the region size: the low bits are ignored (base aligned down).
 *  - RASR.SIZE < 4 (below 32 bytes) on an enabled region: treated as 32 bytes (guest error).
 *  - SRD on regions of 32-128 bytes: ignored (subregions exist from 256 bytes).
 *  - RNR, or RBAR.REGION with VALID, naming a region >= 8: guest error, write ignored.
 */
#include "sim/cpu/cortexm/armv7m_scs.h"

enum {
    A_MPU_TYPE = 0xd90, A_MPU_CTRL = 0xd94, A_MPU_RNR = 0xd98, A_MPU_RBAR = 0xd9c,
    A_MPU_RASR = 0xda0, A_MPU_RBAR_A1 = 0xda4, A_MPU_RASR_A1 = 0xda8, A_MPU_RBAR_A2 = 0xdac,
    A_MPU_RASR_A2 = 0xdb0, A_MPU_RBAR_A3 = 0xdb4, A_MPU_RASR_A3 = 0xdb8,
};
#define MPU_REGIONS 8
#define MPU_TYPE_VALUE (MPU_REGIONS << 8)       /* DREGION = 8, IREGION = 0, SEPARATE = 0 */
enum { MPU_CTRL_ENABLE = 1u << 0, MPU_CTRL_HFNMIENA = 1u << 1, MPU_CTRL_PRIVDEFENA = 1u << 2 };
enum { RBAR_REGION = 0xf, RBAR_VALID = 1u << 4 };
#define RBAR_ADDR 0xffffffe0u
enum {
    RASR_ENABLE = 1u << 0, RASR_SIZE_SHIFT = 1, RASR_SRD_SHIFT = 8, RASR_AP_SHIFT = 24,
    RASR_XN = 1u << 28, RASR_MASK = 0x173fff3f,
};
#define PPB_BASE 0xe0000000u
#define PPB_END 0xe0100000u

/* ---- decisions ------------------------------------------------------------------------------ */

/* Default memory map (B3.1): only instruction fetches are restricted (Execute Never areas). */
static bool mpu_default_allows(uint32_t addr, char access)
{
    if (access != 'x')
        return true;
    return !(addr >= 0x40000000u && addr < 0x60000000u) && addr < 0xa0000000u;
}

/* Region bounds [*base, *base + *size); false if the region is disabled. */
bool armv7m_mpu_region_bounds(const struct armv7m_mpu_region *r, uint64_t *base, uint64_t *size)
{
    if (!(r->rasr & RASR_ENABLE))
        return false;
    unsigned sz = (r->rasr >> RASR_SIZE_SHIFT) & 0x1f;
    *size = 1ull << ((sz < 4 ? 4 : sz) + 1);
    *base = r->rbar & RBAR_ADDR & ~(*size - 1);
    return true;
}

/* Whether region `r` applies to `addr`: inside it and not in a disabled subregion. */
static bool mpu_region_hits(const struct armv7m_mpu_region *r, uint32_t addr)
{
    uint64_t base, size;
    if (!armv7m_mpu_region_bounds(r, &base, &size) || addr < base || addr - base >= size)
        return false;
    if (size < 256)
        return true;
    /* size is a power of two: the subregion is a shift, not a 64-bit division (every TLB fill
     * and exception frame asks here). */
    unsigned sub = (unsigned)((addr - base) >> (__builtin_ctzll(size) - 3));
    return !(r->rasr >> (RASR_SRD_SHIFT + sub) & 1);
}

/* AP field (Table B3-15) for a data access; fetches count as reads. */
static bool mpu_ap_allows(unsigned ap, bool priv, bool write)
{
    switch (ap) {
    case 1: return priv;
    case 2: return priv || !write;
    case 3: return true;
    case 5: return priv && !write;
    case 6: case 7: return !write;
    default: return false;              /* 000 no access, 100 reserved */
    }
}

bool armv7m_mpu_allows(const struct armv7m_mpu *m, uint32_t addr, bool priv, char access)
{
    if (access == 'x' && addr >= PPB_BASE)
        return false;
    if (!(m->ctrl & MPU_CTRL_ENABLE) || (addr >= PPB_BASE && addr < PPB_END))
        return mpu_default_allows(addr, access);
    for (int i = MPU_REGIONS - 1; i >= 0; i--) {
        const struct armv7m_mpu_region *r = &m->region[i];
        if (!mpu_region_hits(r, addr))
            continue;
        if (access == 'x' && (r->rasr & RASR_XN))
            return false;
        return mpu_ap_allows((r->rasr >> RASR_AP_SHIFT) & 7, priv, access == 'w');
    }
    if (priv && (m->ctrl & MPU_CTRL_PRIVDEFENA))
        return mpu_default_allows(addr, access);
    return false;
}

/* The smallest address above `p` where some input of the decision may change: a region or
 * subregion edge, or an edge of the default map (every 0.5 GiB, and the PPB's end). */
static uint64_t mpu_next_edge(const struct armv7m_mpu *m, uint64_t p)
{
    uint64_t next = (p | 0x1fffffffu) + 1;
    if (p < PPB_END && PPB_END < next)
        next = PPB_END;
    for (int i = 0; i < MPU_REGIONS; i++) {
        uint64_t base, size, edge;
        if (!armv7m_mpu_region_bounds(&m->region[i], &base, &size))
            continue;
        if (p < base)
            edge = base;
        else if (p - base < size) {
            uint64_t step = size >= 256 ? size / 8 : size;     /* a power of two */
            edge = base + (((p - base) & ~(step - 1)) + step);
        } else
            continue;
        if (edge < next)
            next = edge;
    }
    return next;
}

/* Walks the uniform runs inside the block: one decision per run, not per byte. */
int armv7m_mpu_block(const struct armv7m_mpu *m, uint32_t base, uint32_t size, bool priv,
                     char access)
{
    uint64_t end = (uint64_t)base + size;
    bool first = armv7m_mpu_allows(m, base, priv, access);
    for (uint64_t p = mpu_next_edge(m, base); p < end; p = mpu_next_edge(m, p)) {
        if (armv7m_mpu_allows(m, (uint32_t)p, priv, access) != first)
            return -1;
    }
    return first ? 1 : 0;
}

/* ---- registers (B3.5.4-B3.5.10) ------------------------------------------------------------- */

uint32_t armv7m_mpu_read(struct armv7m_scs *s, uint32_t offset)
{
    struct armv7m_mpu *m = &s->mpu;
    switch (offset) {
    case A_MPU_TYPE:
        return MPU_TYPE_VALUE;
    case A_MPU_CTRL:
        return m->ctrl;
    case A_MPU_RNR:
        return m->rnr;
    case A_MPU_RBAR: case A_MPU_RBAR_A1: case A_MPU_RBAR_A2: case A_MPU_RBAR_A3:
        return m->region[m->rnr].rbar | m->rnr;
    case A_MPU_RASR: case A_MPU_RASR_A1: case A_MPU_RASR_A2: case A_MPU_RASR_A3:
        return m->region[m->rnr].rasr;
    default:
        trace_guest_error(s->env.trace, s->env.name, "armv7m-mpu: read of bad offset 0x%03x",
                          offset);
        return 0;
    }
}

static void mpu_write_reg(struct armv7m_scs *s, uint32_t offset, uint32_t value)
{
    struct armv7m_mpu *m = &s->mpu;
    switch (offset) {
    case A_MPU_CTRL:
        m->ctrl = value & (MPU_CTRL_ENABLE | MPU_CTRL_HFNMIENA | MPU_CTRL_PRIVDEFENA);
        return;
    case A_MPU_RNR:
        if (value >= MPU_REGIONS)
            trace_guest_error(s->env.trace, s->env.name, "armv7m-mpu: RNR %u too big", value);
        else
            m->rnr = value;
        return;
    case A_MPU_RBAR: case A_MPU_RBAR_A1: case A_MPU_RBAR_A2: case A_MPU_RBAR_A3:
        if ((value & RBAR_VALID) && (value & RBAR_REGION) >= MPU_REGIONS) {
            trace_guest_error(s->env.trace, s->env.name, "armv7m-mpu: RBAR.REGION %u too big",
                              value & RBAR_REGION);
            return;
        }
        if (value & RBAR_VALID)
            m->rnr = value & RBAR_REGION;
        m->region[m->rnr].rbar = value & RBAR_ADDR;
        return;
    case A_MPU_RASR: case A_MPU_RASR_A1: case A_MPU_RASR_A2: case A_MPU_RASR_A3:
        m->region[m->rnr].rasr = value & RASR_MASK;
        if ((value & RASR_ENABLE) && ((value >> RASR_SIZE_SHIFT) & 0x1f) < 4)
            trace_guest_error(s->env.trace, s->env.name,
                              "armv7m-mpu: region %u SIZE below 32 bytes (used as 32)", m->rnr);
        return;
    case A_MPU_TYPE:
        trace_guest_error(s->env.trace, s->env.name, "armv7m-mpu: MPU_TYPE is read-only");
        return;
    default:
        trace_guest_error(s->env.trace, s->env.name, "armv7m-mpu: write to bad offset 0x%03x",
                          offset);
        return;
    }
}

void armv7m_mpu_write(struct armv7m_scs *s, uint32_t offset, uint32_t value)
{
    mpu_write_reg(s, offset, value);
    if (s->hooks.mpu_changed)
        s->hooks.mpu_changed(s->hooks.ctx);
}

void armv7m_mpu_reset(struct armv7m_mpu *m)
{
    m->ctrl = 0;
    m->rnr = 0;
    for (int i = 0; i < MPU_REGIONS; i++)
        m->region[i] = (struct armv7m_mpu_region){ 0 };
}

/* ---- description (the window) --------------------------------------------------------------- */

/* R/W/X of a region's AP and XN for one privilege. */
static uint8_t region_perms(const struct armv7m_mpu_region *r, bool priv)
{
    unsigned ap = (r->rasr >> RASR_AP_SHIFT) & 7;
    uint8_t p = 0;
    if (mpu_ap_allows(ap, priv, false))
        p |= CPU_PROT_R | ((r->rasr & RASR_XN) ? 0 : CPU_PROT_X);
    if (mpu_ap_allows(ap, priv, true))
        p |= CPU_PROT_W;
    return p;
}

void armv7m_mpu_describe(const struct armv7m_mpu *m, struct cpu_protection *out)
{
    out->kind = CPU_PROT_MPU;
    out->control = m->ctrl;
    out->n = 0;
    for (int i = 0; i < MPU_REGIONS && out->n < CPU_PROT_MAX; i++) {
        const struct armv7m_mpu_region *r = &m->region[i];
        uint64_t base, size;
        if (!armv7m_mpu_region_bounds(r, &base, &size))
            continue;
        out->e[out->n++] = (struct cpu_prot_entry){
            .index = (uint8_t)i, .perms_user = region_perms(r, false), .perms_priv = region_perms(r, true),
            .subregions_off = size >= 256 ? (uint8_t)(r->rasr >> RASR_SRD_SHIFT) : 0,
            .base = (uint32_t)base, .size = size,
        };
    }
}
