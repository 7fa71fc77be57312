/* Several instruction-level observers on one CPU (--itrace and --profile together): the CPU
 * takes one (struct cpu_insn_observer), so with more than one the machine installs its own
 * that calls each in turn; with one, that one itself (no extra call per block). */
#include <stdio.h>

#include "sim/core/machine.h"

static void fan_block(void *ctx, uint32_t pc, uint32_t icount, uint64_t cycle)
{
    struct machine_insn *mi = ctx;
    for (int i = 0; i < mi->n; i++)
        if (mi->list[i].block)
            mi->list[i].block(mi->list[i].ctx, pc, icount, cycle);
}

static void fan_span(void *ctx, uint32_t pc, uint32_t bytes)
{
    struct machine_insn *mi = ctx;
    for (int i = 0; i < mi->n; i++)
        if (mi->list[i].span)
            mi->list[i].span(mi->list[i].ctx, pc, bytes);
}

static void fan_insn(void *ctx, uint32_t pc, const uint8_t *bytes, uint32_t size, uint64_t cycle, bool executed)
{
    struct machine_insn *mi = ctx;
    for (int i = 0; i < mi->n; i++)
        if (mi->list[i].insn)
            mi->list[i].insn(mi->list[i].ctx, pc, bytes, size, cycle, executed);
}

static bool install(struct machine *m)
{
    struct machine_insn *mi = &m->insn;
    const struct cpu_insn_observer *o = mi->n == 1 ? &mi->list[0] : NULL;
    if (mi->n > 1) {
        mi->fan = (struct cpu_insn_observer){ .ctx = mi, .block = fan_block, .span = fan_span };
        for (int i = 0; i < mi->n; i++)
            if (mi->list[i].insn)
                mi->fan.insn = fan_insn;
        o = &mi->fan;
    }
    if (!m->cpu.ops->set_insn_observer(m->cpu.impl, o)) {
        snprintf(m->error, sizeof(m->error), "%s", m->cpu.ops->error(m->cpu.impl));
        return false;
    }
    return true;
}

bool machine_add_insn_observer(struct machine *m, const struct cpu_insn_observer *o)
{
    struct machine_insn *mi = &m->insn;
    if (!m->cpu.ops->set_insn_observer || !m->cpu.ops->mode) {
        snprintf(m->error, sizeof(m->error), "the %s backend cannot be observed", m->cpu.ops->arch);
        return false;
    }
    if (mi->n == MACHINE_MAX_INSN_OBSERVERS) {
        snprintf(m->error, sizeof(m->error), "more than %d instruction observers", MACHINE_MAX_INSN_OBSERVERS);
        return false;
    }
    mi->list[mi->n++] = *o;
    if (install(m))
        return true;
    mi->n--;
    return false;
}

void machine_remove_insn_observer(struct machine *m, void *ctx)
{
    struct machine_insn *mi = &m->insn;
    int kept = 0;
    for (int i = 0; i < mi->n; i++)
        if (mi->list[i].ctx != ctx)
            mi->list[kept++] = mi->list[i];
    if (kept == mi->n)
        return;
    mi->n = kept;
    install(m);
}

char machine_cpu_mode(struct machine *m)
{
    return m->cpu.ops->mode ? m->cpu.ops->mode(m->cpu.impl) : '?';
}
