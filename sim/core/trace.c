/* Trace service (see trace.h). */
#include "sim/core/trace.h"

#include <stdarg.h>
#include <string.h>

#include "sim/core/clock.h"
#include "sim/core/lineout.h"

void trace_init(struct trace *t, const struct vclock *clock, const char *node)
{
    t->clock = clock;
    t->node = node ? node : "board";
    t->guest_log = stderr;
    t->jsonl = NULL;
    t->strict = false;
    t->guest_errors = 0;
    t->console = NULL;
    t->last[0] = '\0';
    t->repeats = t->printed = t->hidden = 0;
}

static uint64_t trace_now_ns(const struct trace *t)
{
    return t->clock ? clock_ns_from_cycles(t->clock, t->clock->now) : 0;
}

static void print_line(struct trace *t, uint64_t ns, const char *text)
{
    if (t->console)
        lineout_break(t->console);
    fprintf(t->guest_log, "[%llu.%06llu ms] %s: guest error: %s\n", (unsigned long long)(ns / 1000000),
            (unsigned long long)(ns % 1000000), t->node, text);
}

/* Says how many repeats of the last message were not printed, if any. */
static void summarise_repeats(struct trace *t)
{
    if (t->repeats <= TRACE_REPEATS_SHOWN - 1)
        return;
    char text[320];
    snprintf(text, sizeof(text), "%s (repeated %llu more times, not shown)", t->last,
             (unsigned long long)(t->repeats - (TRACE_REPEATS_SHOWN - 1)));
    print_line(t, t->last_ns, text);
}

/* Prints one guest error unless it is a repeat beyond the limit or beyond the overall cap. */
static void log_guest_error(struct trace *t, const char *text)
{
    uint64_t ns = trace_now_ns(t);
    if (strcmp(text, t->last) == 0) {
        t->repeats++;
    } else {
        if (t->printed < TRACE_ERRORS_SHOWN)
            summarise_repeats(t);
        snprintf(t->last, sizeof(t->last), "%s", text);
        t->repeats = 0;
    }
    t->last_ns = ns;
    if (t->repeats >= TRACE_REPEATS_SHOWN || t->printed >= TRACE_ERRORS_SHOWN) {
        t->hidden++;
        return;
    }
    print_line(t, ns, text);
    if (++t->printed == TRACE_ERRORS_SHOWN)
        print_line(t, ns, "further guest errors are counted, not shown (see the JSON-lines trace)");
}

void trace_guest_error(struct trace *t, const char *source, const char *fmt, ...)
{
    va_list ap;
    t->guest_errors++;
    if (t->guest_log) {
        char text[256];
        int k = snprintf(text, sizeof(text), "%s: ", source);
        va_start(ap, fmt);
        if (k > 0 && (size_t)k < sizeof(text))
            vsnprintf(text + k, sizeof(text) - (size_t)k, fmt, ap);
        va_end(ap);
        log_guest_error(t, text);
    }
    if (t->jsonl) {
        fprintf(t->jsonl, "{\"t_ns\":%llu,\"node\":\"%s\",\"kind\":\"guest_error\",\"source\":\"%s\"}\n",
                (unsigned long long)trace_now_ns(t), t->node, source);
    }
}

void trace_flush(struct trace *t)
{
    if (!t->guest_log)
        return;
    uint64_t ns = trace_now_ns(t);
    if (t->printed < TRACE_ERRORS_SHOWN)
        summarise_repeats(t);
    else if (t->hidden) {
        char text[160];
        snprintf(text, sizeof(text), "%llu guest errors in all, %llu not shown",
                 (unsigned long long)t->guest_errors, (unsigned long long)t->hidden);
        print_line(t, ns, text);
    }
    t->repeats = 0;
    t->last[0] = '\0';
    t->hidden = 0;
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
