/* RISC-V PMP and Smepmp model (see sim/cpu/rv32/pmp.h).
 *
 * Readings of the specifications where they leave a choice:
 *  - Without MML, the reserved combination R=0 W=1 is stored as written and grants what its
 *    bits say (QEMU 7.2 does the same).
 *  - A TOR entry whose bottom is not below its top matches nothing.
 *  - Lock rules: a locked entry's pmpcfg byte and pmpaddr are read-only, and so is pmpaddr[i]
 *    when entry i+1 is a locked TOR entry; mseccfg.RLB = 1 lifts all of them. With MML = 1 and
 *    RLB = 0, a pmpcfg write that would add a locked executable rule (M-mode-only with X, or a
 *    locked shared-code rule) is ignored for that entry (Smepmp 2.3).
 *  - mseccfg: MML and MMWP are sticky (set only); RLB can change only while no entry is
 *    locked, or while RLB is already 1 (Smepmp 2.1). mseccfgh reads 0, writes are ignored.
 */
#include "sim/cpu/rv32/pmp.h"

#include <string.h>

void rv32_pmp_reset(struct rv32_pmp *p)
{
    memset(p, 0, sizeof(*p));
}

bool rv32_pmp_is_csr(unsigned csr)
{
    return (csr >= CSR_PMPCFG0 && csr < CSR_PMPCFG0 + 4) ||
           (csr >= CSR_PMPADDR0 && csr < CSR_PMPADDR0 + RV32_PMP_ENTRIES) ||
           csr == CSR_MSECCFG || csr == CSR_MSECCFGH;
}

uint32_t rv32_pmp_csr_read(const struct rv32_pmp *p, unsigned csr)
{
    if (csr >= CSR_PMPCFG0 && csr < CSR_PMPCFG0 + 4) {
        const uint8_t *c = &p->cfg[4 * (csr - CSR_PMPCFG0)];
        return c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 | (uint32_t)c[3] << 24;
    }
    if (csr >= CSR_PMPADDR0 && csr < CSR_PMPADDR0 + RV32_PMP_ENTRIES)
        return p->addr[csr - CSR_PMPADDR0];
    if (csr == CSR_MSECCFG)
        return p->mseccfg;
    return 0;
}

static bool any_locked(const struct rv32_pmp *p)
{
    for (int i = 0; i < RV32_PMP_ENTRIES; i++)
        if (p->cfg[i] & PMP_L)
            return true;
    return false;
}

static bool rlb(const struct rv32_pmp *p)
{
    return p->mseccfg & MSECCFG_RLB;
}

/* Smepmp 2.3: with MML and without RLB, no new locked executable rule may be added. */
static bool cfg_write_allowed(const struct rv32_pmp *p, int i, uint8_t v)
{
    if (rlb(p))
        return true;
    if (p->cfg[i] & PMP_L)
        return false;
    if ((p->mseccfg & MSECCFG_MML) && (v & PMP_L) &&
        ((v & PMP_X) || ((v & (PMP_R | PMP_W)) == PMP_W)))
        return false;
    return true;
}

static bool addr_locked(const struct rv32_pmp *p, int i)
{
    if (rlb(p))
        return false;
    if (p->cfg[i] & PMP_L)
        return true;
    return i + 1 < RV32_PMP_ENTRIES && (p->cfg[i + 1] & PMP_L) &&
           (p->cfg[i + 1] & PMP_A) == PMP_A_TOR;
}

static bool write_mseccfg(struct rv32_pmp *p, uint32_t v)
{
    uint32_t old = p->mseccfg;
    uint32_t next = old | (v & (MSECCFG_MML | MSECCFG_MMWP));
    if (rlb(p) || !any_locked(p))
        next = (next & ~MSECCFG_RLB) | (v & MSECCFG_RLB);
    p->mseccfg = next;
    return next != old;
}

bool rv32_pmp_csr_write(struct rv32_pmp *p, unsigned csr, uint32_t value)
{
    if (csr >= CSR_PMPCFG0 && csr < CSR_PMPCFG0 + 4) {
        bool changed = false;
        for (int k = 0; k < 4; k++) {
            int i = 4 * (int)(csr - CSR_PMPCFG0) + k;
            uint8_t v = (uint8_t)(value >> (8 * k)) & (PMP_R | PMP_W | PMP_X | PMP_A | PMP_L);
            if (v != p->cfg[i] && cfg_write_allowed(p, i, v)) {
                p->cfg[i] = v;
                changed = true;
            }
        }
        return changed;
    }
    if (csr >= CSR_PMPADDR0 && csr < CSR_PMPADDR0 + RV32_PMP_ENTRIES) {
        int i = (int)(csr - CSR_PMPADDR0);
        if (addr_locked(p, i) || p->addr[i] == value)
            return false;
        p->addr[i] = value;
        return true;
    }
    if (csr == CSR_MSECCFG)
        return write_mseccfg(p, value);
    return false;
}

bool rv32_pmp_entry_range(const struct rv32_pmp *p, int i, uint64_t *lo, uint64_t *hi)
{
    uint64_t a = (uint64_t)p->addr[i] << 2;
    switch (p->cfg[i] & PMP_A) {
    case PMP_A_TOR:
        *lo = i == 0 ? 0 : (uint64_t)p->addr[i - 1] << 2;
        *hi = a;
        return *lo < *hi;
    case PMP_A_NA4:
        *lo = a;
        *hi = a + 4;
        return true;
    case PMP_A_NAPOT: {
        uint32_t inv = ~p->addr[i];
        unsigned ones = inv ? (unsigned)__builtin_ctz(inv) : 32u;  /* trailing ones */
        uint64_t size = 8ull << ones;
        *lo = a & ~(size - 1);
        *hi = *lo + size;
        return true;
    }
    default:
        return false;
    }
}

int rv32_pmp_ranges(const struct rv32_pmp *p, uint64_t lo[], uint64_t hi[])
{
    int n = 0;
    for (int i = 0; i < RV32_PMP_ENTRIES; i++)
        if (rv32_pmp_entry_range(p, i, &lo[n], &hi[n]))
            n++;
    return n;
}

/* Smepmp table (mseccfg.MML = 1): permissions of a matching entry, per privilege. */
static unsigned mml_perms(uint8_t cfg, bool machine)
{
    unsigned rwx = cfg & (PMP_R | PMP_W | PMP_X);
    bool locked = cfg & PMP_L;
    if ((rwx & (PMP_R | PMP_W)) == PMP_W) {                 /* shared regions: R=0 W=1 */
        if (!locked)
            return (rwx & PMP_X) ? PMP_R | PMP_W : (machine ? PMP_R | PMP_W : PMP_R);
        return (rwx & PMP_X) ? (machine ? PMP_R | PMP_X : PMP_X) : PMP_X;
    }
    if (rwx == (PMP_R | PMP_W | PMP_X) && locked)           /* locked shared data: read-only */
        return PMP_R;
    return locked == machine ? rwx : 0;                     /* M-only if locked, else U-only */
}

/* Permissions when no entry matches. */
static unsigned default_perms(const struct rv32_pmp *p, bool machine)
{
    if (!machine || (p->mseccfg & MSECCFG_MMWP))
        return 0;
    return (p->mseccfg & MSECCFG_MML) ? PMP_R | PMP_W : PMP_R | PMP_W | PMP_X;
}

static unsigned entry_perms(const struct rv32_pmp *p, int i, bool machine)
{
    uint8_t cfg = p->cfg[i];
    if (p->mseccfg & MSECCFG_MML)
        return mml_perms(cfg, machine);
    if (machine && !(cfg & PMP_L))
        return PMP_R | PMP_W | PMP_X;
    return cfg & (PMP_R | PMP_W | PMP_X);
}

/* The lowest-numbered entry matching any byte of [addr, addr+size), or -1. *whole: it
 * matches all of them. */
static int match(const struct rv32_pmp *p, uint64_t addr, unsigned size, bool *whole)
{
    for (int i = 0; i < RV32_PMP_ENTRIES; i++) {
        uint64_t lo, hi;
        if (!rv32_pmp_entry_range(p, i, &lo, &hi) || addr + size <= lo || addr >= hi)
            continue;
        *whole = addr >= lo && addr + size <= hi;
        return i;
    }
    return -1;
}

unsigned rv32_pmp_perms(const struct rv32_pmp *p, uint32_t addr, bool machine)
{
    bool whole;
    int i = match(p, addr, 1, &whole);
    return i < 0 ? default_perms(p, machine) : entry_perms(p, i, machine);
}

bool rv32_pmp_allows(const struct rv32_pmp *p, uint32_t addr, unsigned size, bool machine,
                     unsigned perm)
{
    bool whole;
    int i = match(p, addr, size, &whole);
    if (i < 0)
        return (default_perms(p, machine) & perm) != 0;
    return whole && (entry_perms(p, i, machine) & perm) != 0;
}

static void add_point(uint64_t *pts, int *n, uint64_t v, uint64_t base, uint64_t end)
{
    if (v <= base || v >= end)
        return;
    for (int k = 0; k < *n; k++)
        if (pts[k] == v)
            return;
    int k = (*n)++;
    while (k > 0 && pts[k - 1] > v) {               /* insertion sort: at most 32 points */
        pts[k] = pts[k - 1];
        k--;
    }
    pts[k] = v;
}

int rv32_pmp_runs(const struct rv32_pmp *p, uint32_t base, uint32_t size,
                  struct rv32_pmp_run *runs, int max)
{
    uint64_t lo[RV32_PMP_ENTRIES], hi[RV32_PMP_ENTRIES], pts[2 * RV32_PMP_ENTRIES + 1];
    uint64_t end = (uint64_t)base + size;
    int n = rv32_pmp_ranges(p, lo, hi), npts = 0, nruns = 0;
    for (int i = 0; i < n; i++) {
        add_point(pts, &npts, lo[i], base, end);
        add_point(pts, &npts, hi[i], base, end);
    }
    pts[npts++] = end;
    uint64_t start = base;
    for (int k = 0; k < npts && nruns < max; k++) {
        uint8_t u = (uint8_t)rv32_pmp_perms(p, (uint32_t)start, false);
        uint8_t m = (uint8_t)rv32_pmp_perms(p, (uint32_t)start, true);
        if (nruns > 0 && runs[nruns - 1].perms_u == u && runs[nruns - 1].perms_m == m) {
            runs[nruns - 1].end = (uint32_t)pts[k];
        } else {
            runs[nruns++] = (struct rv32_pmp_run){ (uint32_t)start, (uint32_t)pts[k], u, m };
        }
        start = pts[k];
    }
    return nruns;
}

/* PMP_R/W/X happen to equal CPU_PROT_R/W/X. */
_Static_assert(PMP_R == CPU_PROT_R && PMP_W == CPU_PROT_W && PMP_X == CPU_PROT_X, "same bits");

void rv32_pmp_describe(const struct rv32_pmp *p, struct cpu_protection *out)
{
    out->kind = CPU_PROT_PMP;
    out->control = p->mseccfg;
    out->n = 0;
    for (int i = 0; i < RV32_PMP_ENTRIES && out->n < CPU_PROT_MAX; i++) {
        uint64_t lo, hi;
        if (!rv32_pmp_entry_range(p, i, &lo, &hi))
            continue;
        out->e[out->n++] = (struct cpu_prot_entry){
            .index = (uint8_t)i, .mode = (uint8_t)((p->cfg[i] & PMP_A) >> 3),
            .perms_user = (uint8_t)entry_perms(p, i, false), .perms_priv = (uint8_t)entry_perms(p, i, true),
            .locked = (p->cfg[i] & PMP_L) != 0, .base = (uint32_t)lo, .size = hi - lo,
        };
    }
}
