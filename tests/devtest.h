/* Device unit-test helpers: a machine-less clock/trace environment and an IRQ line probe. */
#ifndef TESTS_DEVTEST_H
#define TESTS_DEVTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boards-virtual/cm4/memmap.h"
#include "sim/core/device.h"

/* What a device needs from a machine: a clock at the cm4 CPU frequency and a quiet trace
 * whose JSON lines are captured in memory (devtest_trace_text). */
struct devtest {
    struct vclock clock;
    struct trace trace;
    struct device_env env;
    char *jsonl_buf;
    size_t jsonl_len;
};

static inline void devtest_init(struct devtest *d, const char *name)
{
    memset(d, 0, sizeof(*d));
    clock_init(&d->clock, CM4_CPU_HZ);
    trace_init(&d->trace, &d->clock, "test");
    d->trace.guest_log = NULL;
    d->trace.jsonl = open_memstream(&d->jsonl_buf, &d->jsonl_len);
    d->env = (struct device_env){ .clock = &d->clock, .trace = &d->trace, .name = name };
}

/* Everything traced so far, as one string. */
static inline const char *devtest_trace_text(struct devtest *d)
{
    fflush(d->trace.jsonl);
    return d->jsonl_buf ? d->jsonl_buf : "";
}

/* Number of occurrences of `needle` in the trace so far. */
static inline int devtest_trace_count(struct devtest *d, const char *needle)
{
    int n = 0;
    for (const char *p = devtest_trace_text(d); (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

static inline void devtest_free(struct devtest *d)
{
    fclose(d->trace.jsonl);
    free(d->jsonl_buf);
}

/* Records what an interrupt controller input would see: level, rising edges and when. An
 * optional on_rise hook plays the interrupt handler. */
struct irq_probe {
    const struct vclock *clock;
    bool level;
    int rises;
    uint64_t last_rise;
    void (*on_rise)(void *ctx);
    void *ctx;
};

static inline void irq_probe_sink(void *ctx, int n, bool level)
{
    struct irq_probe *p = ctx;
    (void)n;
    p->level = level;
    if (!level)
        return;
    p->rises++;
    p->last_rise = p->clock->now;
    if (p->on_rise)
        p->on_rise(p->ctx);
}

static inline void irq_probe_attach(struct irq_probe *p, struct irq_line *line,
                                    const struct vclock *clock)
{
    memset(p, 0, sizeof(*p));
    p->clock = clock;
    irq_connect(line, irq_probe_sink, p, 0);
}

/* The CPU cycle of the k-th tick of the cm4's 25 MHz PCLK (rounded up to a whole cycle). */
static inline uint64_t devtest_pclk_cycle(uint64_t tick)
{
    return (tick * CM4_CPU_HZ + CM4_PCLK_HZ - 1) / CM4_PCLK_HZ;
}

#endif
