/* Trace service (see trace.h). */
#include "sim/core/trace.h"

#include <stdarg.h>

#include "sim/core/clock.h"

void trace_init(struct trace *t, const struct vclock *clock, const char *node)
{
    t->clock = clock;
    t->node = node ? node : "board";
    t->guest_log = stderr;
    t->jsonl = NULL;
    t->strict = false;
    t->guest_errors = 0;
}

static uint64_t trace_now_ns(const struct trace *t)
{
    return t->clock ? clock_ns_from_cycles(t->clock, t->clock->now) : 0;
}

void trace_guest_error(struct trace *t, const char *source, const char *fmt, ...)
{
    va_list ap;
    t->guest_errors++;
    if (t->guest_log) {
        uint64_t ns = trace_now_ns(t);
        fprintf(t->guest_log, "[%llu.%06llu ms] %s: guest error: %s: ", (unsigned long long)(ns / 1000000),
                (unsigned long long)(ns % 1000000), t->node, source);
        va_start(ap, fmt);
        vfprintf(t->guest_log, fmt, ap);
        va_end(ap);
        fputc('\n', t->guest_log);
    }
    if (t->jsonl) {
        fprintf(t->jsonl, "{\"t_ns\":%llu,\"node\":\"%s\",\"kind\":\"guest_error\",\"source\":\"%s\"}\n",
                (unsigned long long)trace_now_ns(t), t->node, source);
    }
}

void trace_event(struct trace *t, const char *kind, const char *fmt, ...)
{
    if (!t->jsonl)
        return;
    va_list ap;
    fprintf(t->jsonl, "{\"t_ns\":%llu,\"node\":\"%s\",\"kind\":\"%s\",", (unsigned long long)trace_now_ns(t),
            t->node, kind);
    va_start(ap, fmt);
    vfprintf(t->jsonl, fmt, ap);
    va_end(ap);
    fputs("}\n", t->jsonl);
}
