/* Trace service: guest errors and machine events, with virtual time. */
#ifndef SIM_TRACE_H
#define SIM_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct vclock;

struct trace {
    const struct vclock *clock;
    const char *node;           /* board name in multi-board runs */
    FILE *guest_log;            /* human-readable guest errors (stderr by default, NULL = quiet) */
    FILE *jsonl;                /* machine-readable trace, one JSON object per line, or NULL */
    bool strict;                /* --strict: a guest error ends the run as a failure */
    uint64_t guest_errors;      /* count of guest errors so far */
};

void trace_init(struct trace *t, const struct vclock *clock, const char *node);
/* A guest mistake (bad register offset, access to nothing): logged, counted, the run goes on. */
void trace_guest_error(struct trace *t, const char *source, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A machine event for the JSON-lines trace: kind (e.g. "led") and a JSON object body
 * without braces (e.g. "\"led\":0,\"on\":true"). */
void trace_event(struct trace *t, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
