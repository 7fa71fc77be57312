/* Interrupt lines: a device drives a level; the interrupt controller is the sink. */
#ifndef SIM_IRQ_H
#define SIM_IRQ_H

#include <stdbool.h>

#include "sim/core/snapshot/snapbuf.h"

/* A line from one device output to one controller input. An unconnected line (sink NULL) is
 * legal and does nothing, which lets device unit tests run without a controller. */
struct irq_line {
    void (*sink)(void *ctx, int n, bool level);
    void *ctx;
    int n;              /* input number at the controller (e.g. NVIC IRQn) */
    bool level;         /* last level driven, so repeated sets cost nothing */
};

static inline void irq_connect(struct irq_line *l, void (*sink)(void *, int, bool), void *ctx, int n)
{
    l->sink = sink;
    l->ctx = ctx;
    l->n = n;
    l->level = false;
}

/* Drives the line to `level`; the sink is told only about changes. */
static inline void irq_set(struct irq_line *l, bool level)
{
    if (l->level == level)
        return;
    l->level = level;
    if (l->sink)
        l->sink(l->ctx, l->n, level);
}

/* Snapshots: a line's level is state. Its sink keeps its own copy, saved and restored with the
 * sink, so restoring sets the level without telling the sink. */
static inline void irq_snapshot(const struct irq_line *l, struct snap_writer *w)
{
    snap_put(w, &l->level, sizeof(l->level));
}

static inline void irq_restore(struct irq_line *l, struct snap_reader *r)
{
    snap_get(r, &l->level, sizeof(l->level));
}

/* An OR gate: several device outputs onto one controller input (e.g. the UART overflow lines
 * that AN386 combines onto IRQ 12). Connect each source line with irq_or_sink and its bit. */
struct irq_or {
    struct irq_line out;
    uint32_t levels;            /* one bit per input */
};

static inline void irq_or_sink(void *ctx, int bit, bool level)
{
    struct irq_or *g = ctx;
    if (level)
        g->levels |= 1u << bit;
    else
        g->levels &= ~(1u << bit);
    irq_set(&g->out, g->levels != 0);
}

#endif
