/* Interrupt lines: a device drives a level; the interrupt controller is the sink. */
#ifndef SIM_IRQ_H
#define SIM_IRQ_H

#include <stdbool.h>

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

#endif
