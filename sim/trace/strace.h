/* --strace: every system call of every process, decoded (TRD104), with upcall deliveries,
 * context switches and kernel-reported process events; as text and/or trace events. */
#ifndef SIM_STRACE_H
#define SIM_STRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/core/machine.h"

#define STRACE_MAX_APPS 16
#define STRACE_MAX_SUBS 24

/* A process image found in the apps region (TBF headers). */
struct strace_app {
    uint32_t flash_start, flash_end, entry;
    char name[32];
};

struct strace_sub { uint32_t driver, num, fn; };

/* What strace knows about the process of one app. */
struct strace_proc {
    unsigned pid;                   /* kernel's id (from kdbg; else the app's index) */
    bool at_entry;                  /* entered at its entry point, no system call since */
    unsigned entry_pid;             /* ... as pid */
    bool pending;                   /* a system call is in the kernel */
    int cls;
    uint32_t args[4], ret_pc;
    uint64_t call_ns;
    struct strace_sub subs[STRACE_MAX_SUBS];
    int nsubs;
};

/* Driver names as the kernel's own table gives them (read once the kernel has booted). */
#define STRACE_MAX_DRIVERS 64
struct strace_drivers {
    int n;                          /* entries read; -1 not read yet */
    struct { uint32_t num; char name[24]; } d[STRACE_MAX_DRIVERS];
};

/* What strace decoded, for a listener other than the text and the trace (the window's timeline):
 * the same calls, returns and upcalls at the same moments. */
enum strace_event_kind {
    STRACE_EV_CALL,             /* a system call entered the kernel: cls, args */
    STRACE_EV_RETURN,           /* it returned: cls, args, ret */
    STRACE_EV_UPCALL,           /* a yield ended in an upcall: fn, ret = its arguments, source */
    STRACE_EV_START,            /* the process started at its entry point */
};

struct strace_event {
    enum strace_event_kind kind;
    int app;                    /* index into strace.apps */
    unsigned pid;
    int cls;
    const uint32_t *args;       /* the call's r0-r3 */
    const uint32_t *ret;        /* RETURN: r0-r3 returned; UPCALL: the upcall's arguments */
    uint32_t fn;                /* UPCALL: the function */
    const char *source;         /* UPCALL: "alarm/0", or "?" */
    uint32_t source_driver;     /* UPCALL: the subscription's driver, UINT32_MAX if unknown */
    uint32_t source_num;        /* UPCALL: its subscribe number */
};

struct strace {
    struct machine *m;
    FILE *out;                      /* text lines, or NULL */
    bool json;                      /* syscall/upcall/switch events into m->trace */
    const char *node;               /* shown before each line in multi-board runs, or NULL */
    struct strace_app apps[STRACE_MAX_APPS];
    struct strace_proc procs[STRACE_MAX_APPS];
    int napps;
    int current;                    /* app of the process last entered, -1 none */
    struct strace_drivers drivers;
    /* Optional listener (set after strace_attach): every decoded event. */
    void (*sink)(void *ctx, const struct strace *s, const struct strace_event *e);
    void *sink_ctx;
};

/* Scans the machine's apps region for TBF images (call after loading) and registers an
 * observer. out: text output (NULL: none); json: write events into the machine's trace. */
bool strace_attach(struct strace *s, struct machine *m, FILE *out, bool json, const char *node);
/* Finds TBF images in the apps region; returns how many (at most max). */
int strace_scan_apps(struct machine *m, struct strace_app *apps, int max);

/* The kernel's driver table as strace knows it (read on first use). */
const struct strace_drivers *strace_drivers(struct strace *s);

/* strace_decode.c: TRD104 names and formatting. */
const char *strace_class_name(int cls);
/* A driver's name: from `known` (the kernel's table, may be NULL), else Tock's well-known
 * numbers, else "driver". */
const char *strace_driver_name(const struct strace_drivers *known, uint32_t driver);
/* Reads the kernel's driver table from guest memory (see machine.kernel_drivers); false if the
 * kernel has none or it is not filled in yet. */
bool strace_read_drivers(struct machine *m, struct strace_drivers *out);
/* "command(led=0x2, cmd=1 on, 0, 0)" */
void strace_format_call(char *buf, size_t n, const struct strace_drivers *known, int cls, const uint32_t a[4]);
/* "Success", "Success(3)", "Failure(NOSUPPORT)", per the return variant in r[0]. */
void strace_format_return(char *buf, size_t n, int cls, const uint32_t r[4]);
const char *strace_error_name(uint32_t code);

#endif
