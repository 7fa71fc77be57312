/* Trace service: guest errors and machine events, with virtual time. */
#ifndef SIM_TRACE_H
#define SIM_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct vclock;
struct lineout;

/* Identical guest errors in a row: the first TRACE_REPEATS_SHOWN are printed, the rest counted
 * and summarised in one line (a runaway guest can make millions). After TRACE_ERRORS_SHOWN
 * printed lines in all, further ones are only counted (the JSON-lines trace keeps every one). */
#define TRACE_REPEATS_SHOWN 3
#define TRACE_ERRORS_SHOWN  200

struct trace {
    const struct vclock *clock;
    const char *node;           /* board name in multi-board runs */
    FILE *guest_log;            /* human-readable guest errors (stderr by default, NULL = quiet) */
    FILE *jsonl;                /* machine-readable trace, one JSON object per line, or NULL */
    bool strict;                /* --strict: a guest error ends the run as a failure */
    uint64_t guest_errors;      /* count of guest errors so far */
    struct lineout *console;    /* the board's console on the same terminal: lines kept whole */
    char last[256];             /* the last guest error printed or counted, for repeats */
    uint64_t repeats;           /* times `last` came again in a row */
    uint64_t last_ns;           /* virtual time of the latest of them */
    uint64_t printed;           /* guest error lines printed */
    uint64_t hidden;            /* guest errors not printed (repeats and beyond the cap) */
};

void trace_init(struct trace *t, const struct vclock *clock, const char *node);
/* A guest mistake (bad register offset, access to nothing): logged, counted, the run goes on. */
void trace_guest_error(struct trace *t, const char *source, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prints the summary of repeated or hidden guest errors, if any (end of a run). */
void trace_flush(struct trace *t);
/* A machine event for the JSON-lines trace: kind (e.g. "led") and a JSON object body
 * without braces (e.g. "\"led\":0,\"on\":true"). */
void trace_event(struct trace *t, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
