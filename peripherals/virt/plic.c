/*
 * RISC-V PLIC.
 *
 * Follows the RISC-V PLIC specification (riscv-plic-spec 1.0.0) with QEMU virt's parameters
 * (hw/intc/sifive_plic.c, QEMU 7.2: 96 sources, 3 priority bits, contexts "MS" for hart 0),
 * measured on QEMU 7.2 with `-M virt -bios none`.
 *
 * Readings, where the spec leaves a choice or QEMU differs from it:
 *  - Gateways are level-triggered as the spec describes: a source becomes pending while its
 *    line is high and it is not in flight, and stays pending when the line falls before a
 *    claim (as on QEMU, measured); claiming clears pending and puts it in flight; completing
 *    ends that, and a line still high makes it pending again. (QEMU only re-pends when the
 *    device drives its line again, which its devices do on every register access.)
 *  - Changing the enables updates the outputs at once. QEMU 7.2 does not (sifive_plic_write
 *    returns without sifive_plic_update), so there MEIP keeps its old value until the next
 *    priority, threshold, claim or line change.
 *  - Claim returns the highest-priority pending enabled source of the context with priority
 *    above 0, lowest ID on ties, whatever the threshold (as QEMU); the output line honours the
 *    threshold (priority > threshold).
 *  - Enable bit 0 (source 0) is stored and reads back, as on QEMU; source 0 never pends.
 *  - The pending registers are read-only (writes are traced guest errors); completing a source
 *    that is not enabled in the context, or an ID out of range, is ignored.
 */
#include "peripherals/virt/plic.h"

#include <string.h>

enum { A_PRIORITY = 0x000000, A_PENDING = 0x001000, A_ENABLE = 0x002000, A_CONTEXT = 0x200000 };
#define ENABLE_STRIDE 0x80u
#define CONTEXT_STRIDE 0x1000u

static bool bit(const uint32_t *words, unsigned n)
{
    return (words[n / 32] >> (n % 32)) & 1;
}

static void set_bit(uint32_t *words, unsigned n, bool v)
{
    if (v)
        words[n / 32] |= 1u << (n % 32);
    else
        words[n / 32] &= ~(1u << (n % 32));
}

/* The source a claim by context ctx returns: highest priority > min_prio, lowest ID on ties. */
static unsigned plic_best(const struct plic *p, int ctx, uint32_t min_prio)
{
    unsigned best = 0;
    uint32_t best_prio = min_prio;
    for (unsigned s = 1; s < PLIC_SOURCES; s++) {
        if (bit(p->pending, s) && !bit(p->claimed, s) && bit(p->enable[ctx], s) &&
            p->priority[s] > best_prio) {
            best = s;
            best_prio = p->priority[s];
        }
    }
    return best;
}

/* Gateways, then the context outputs. */
static void plic_update(struct plic *p)
{
    for (unsigned s = 1; s < PLIC_SOURCES; s++)
        if (bit(p->level, s) && !bit(p->claimed, s))
            set_bit(p->pending, s, true);
    for (int c = 0; c < PLIC_CONTEXTS; c++)
        irq_set(&p->irq_ctx[c], plic_best(p, c, p->threshold[c]) != 0);
}

void plic_irq_sink(void *plic, int n, bool level)
{
    struct plic *p = plic;
    if (n <= 0 || n >= PLIC_SOURCES)
        return;
    set_bit(p->level, (unsigned)n, level);
    plic_update(p);
}

static uint32_t plic_claim(struct plic *p, int ctx)
{
    unsigned s = plic_best(p, ctx, 0);
    if (s) {
        set_bit(p->pending, s, false);
        set_bit(p->claimed, s, true);
        plic_update(p);
    }
    return s;
}

static void plic_complete(struct plic *p, int ctx, uint32_t s)
{
    if (s == 0 || s >= PLIC_SOURCES || !bit(p->enable[ctx], s))
        return;
    set_bit(p->claimed, s, false);
    plic_update(p);
}

/* Decodes offset into (region, index); false for a hole. */
static bool plic_decode(uint32_t offset, int *ctx, unsigned *idx, uint32_t *region)
{
    if (offset & 3)
        return false;
    if (offset < A_PENDING) {
        *region = A_PRIORITY;
        *idx = offset / 4;
        return *idx < PLIC_SOURCES;
    }
    if (offset < A_ENABLE) {
        *region = A_PENDING;
        *idx = (offset - A_PENDING) / 4;
        return *idx < PLIC_WORDS;
    }
    if (offset < A_CONTEXT) {
        *region = A_ENABLE;
        *ctx = (int)((offset - A_ENABLE) / ENABLE_STRIDE);
        *idx = ((offset - A_ENABLE) % ENABLE_STRIDE) / 4;
        return *ctx < PLIC_CONTEXTS && *idx < PLIC_WORDS;
    }
    *region = A_CONTEXT;
    *ctx = (int)((offset - A_CONTEXT) / CONTEXT_STRIDE);
    *idx = ((offset - A_CONTEXT) % CONTEXT_STRIDE) / 4;        /* 0 threshold, 1 claim */
    return *ctx < PLIC_CONTEXTS && *idx < 2;
}

static uint32_t plic_read(void *dev, uint32_t offset, unsigned size)
{
    struct plic *p = dev;
    int ctx = 0;
    unsigned idx = 0;
    uint32_t region = 0;
    (void)size;
    if (!plic_decode(offset, &ctx, &idx, &region)) {
        trace_guest_error(p->env.trace, p->env.name, "plic read: bad offset 0x%x", offset);
        return 0;
    }
    switch (region) {
    case A_PRIORITY: return p->priority[idx];
    case A_PENDING: return p->pending[idx];
    case A_ENABLE: return p->enable[ctx][idx];
    default: return idx == 0 ? p->threshold[ctx] : plic_claim(p, ctx);
    }
}

static void plic_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct plic *p = dev;
    int ctx = 0;
    unsigned idx = 0;
    uint32_t region = 0;
    (void)size;
    if (!plic_decode(offset, &ctx, &idx, &region) || region == A_PENDING) {
        trace_guest_error(p->env.trace, p->env.name, "plic write: %s offset 0x%x",
                          region == A_PENDING ? "read-only" : "bad", offset);
        return;
    }
    switch (region) {
    case A_PRIORITY:
        p->priority[idx] = idx ? value & PLIC_PRIO_MASK : 0;
        break;
    case A_ENABLE:
        p->enable[ctx][idx] = value;
        break;
    default:
        if (idx == 0)
            p->threshold[ctx] = value & PLIC_PRIO_MASK;
        else
            plic_complete(p, ctx, value);
        break;
    }
    plic_update(p);
}

void plic_reset(void *dev)
{
    struct plic *p = dev;
    memset(p->priority, 0, sizeof(p->priority));
    memset(p->pending, 0, sizeof(p->pending));
    memset(p->claimed, 0, sizeof(p->claimed));
    memset(p->enable, 0, sizeof(p->enable));
    memset(p->threshold, 0, sizeof(p->threshold));
    plic_update(p);
}

void plic_init(struct plic *p, const struct device_env *env)
{
    memset(p, 0, sizeof(*p));
    p->env = *env;
    plic_reset(p);
}

static void plic_snapshot(const void *dev, struct snap_writer *w)
{
    const struct plic *p = dev;
    snap_put(w, SNAP_TAIL(p, priority));
    for (int c = 0; c < PLIC_CONTEXTS; c++)
        irq_snapshot(&p->irq_ctx[c], w);
}

static void plic_restore(void *dev, struct snap_reader *r)
{
    struct plic *p = dev;
    snap_get(r, SNAP_TAIL(p, priority));
    for (int c = 0; c < PLIC_CONTEXTS; c++)
        irq_restore(&p->irq_ctx[c], r);
}

const struct device_ops plic_ops = {
    .kind = "riscv-plic",
    .reset = plic_reset,
    .read = plic_read,
    .write = plic_write,
    .snapshot = plic_snapshot,
    .restore = plic_restore,
};
