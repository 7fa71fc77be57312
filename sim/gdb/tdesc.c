/* GDB's target description, built from the backend's register table (tdesc.h). */
#include "sim/gdb/tdesc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

struct out { char *buf; size_t cap, n; bool full; };

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = o->full ? -1 : vsnprintf(o->buf + o->n, o->cap - o->n, fmt, ap);
    va_end(ap);
    if (k < 0 || (size_t)k >= o->cap - o->n)
        o->full = true;
    else
        o->n += (size_t)k;
}

/* One <feature> with the registers of one group. The system ones are in GDB's "system"
 * register group (`info registers system`, `info all-registers`). */
static void feature(struct out *o, const struct cpu_debug_ops *d, bool system)
{
    put(o, "  <feature name=\"%s\">\n", system ? d->system_feature : d->core_feature);
    for (int i = 0; i < d->nregs; i++)
        if (d->regs[i].system == system)
            put(o, "    <reg name=\"%s\" bitsize=\"32\" type=\"%s\" regnum=\"%d\"%s/>\n", d->regs[i].name,
                d->regs[i].type, i, system ? " group=\"system\"" : "");
    put(o, "  </feature>\n");
}

size_t gdb_tdesc(const struct cpu_debug_ops *d, char *buf, size_t cap)
{
    struct out o = { buf, cap, 0, cap == 0 };
    put(&o, "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
            "<target version=\"1.0\">\n  <architecture>%s</architecture>\n", d->gdb_arch);
    feature(&o, d, false);
    feature(&o, d, true);
    put(&o, "</target>\n");
    return o.full ? 0 : o.n;
}
