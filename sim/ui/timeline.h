/* The timeline's record: what ran when, system calls, upcalls, alarms, interrupts, switches,
 * faults and restarts, in virtual time, one lane per process and one for the kernel; and the
 * strip's zoom and scroll. Fed by sim/ui/watch.c from the same observers the trace uses. Pure:
 * no SDL (drawing is draw_timeline.c). */
#ifndef SIM_UI_TIMELINE_H
#define SIM_UI_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UI_TL_CAPACITY (1u << 17)   /* events kept; older ones are dropped */
#define UI_TL_LANES 17              /* lane 0: the kernel; lane 1 + slot: process slot */
#define UI_TL_KERNEL 0
#define UI_TL_MIN_SPAN_NS 10000ull            /* 10 µs across the strip ... */
#define UI_TL_MAX_SPAN_NS 20000000000ull      /* ... to 20 s */
#define UI_TL_DEFAULT_SPAN_NS 1000000000ull

enum ui_tl_kind {
    UI_TL_RUN,          /* the CPU runs the lane's code from now on (kernel or a process) */
    UI_TL_IDLE,         /* the CPU sleeps (wfi) */
    UI_TL_SYSCALL,      /* a system call: cls, a = r0-r3; r = the return once it came */
    UI_TL_UPCALL,       /* an upcall delivered: value = function, a = its arguments */
    UI_TL_IRQ,          /* the kernel took an interrupt: value = exception number / mcause */
    UI_TL_SWITCH,       /* the kernel switched to the lane's process (kdbg SWITCH) */
    UI_TL_FAULT,        /* the process faulted: value = the fault address */
    UI_TL_START,        /* the process was (re)started: value = restart count */
    UI_TL_ALARM_SET,    /* the process armed an alarm (alarm driver set_relative/absolute) */
    UI_TL_ALARM_FIRED,  /* the alarm driver's upcall reached the process */
    UI_TL_KINDS
};

#define UI_TL_RETURNED 1u           /* flags: SYSCALL has its return values */
#define UI_TL_TO_UPCALL 2u          /* flags: SYSCALL (a yield) ended in an upcall */

struct ui_tl_event {
    uint64_t t_ns;
    uint8_t kind, lane, flags;
    int8_t cls;                     /* SYSCALL: class */
    uint32_t value;
    unsigned pid;
    uint32_t a[4], r[4];
};

struct ui_timeline {
    struct ui_tl_event *ev;         /* ring of UI_TL_CAPACITY */
    uint64_t total;                 /* events ever added; event k is ev[k % CAPACITY] */
    uint64_t pending[UI_TL_LANES];  /* event number + 1 of the lane's unreturned call, 0 none */
    uint8_t running;                /* lane running now, or UI_TL_LANES while idle */
    /* the strip */
    uint64_t span_ns;               /* virtual time across the strip */
    uint64_t end_ns;                /* right edge when not following */
    bool follow;                    /* the right edge is "now" */
};

/* Allocates the ring; false if there is no memory. */
bool ui_tl_init(struct ui_timeline *tl);
void ui_tl_free(struct ui_timeline *tl);
/* Appends e (times never go backwards); returns its number. */
uint64_t ui_tl_add(struct ui_timeline *tl, const struct ui_tl_event *e);
/* Records that the CPU runs lane (or sleeps: UI_TL_LANES) from t_ns; nothing if it already did. */
void ui_tl_run(struct ui_timeline *tl, uint64_t t_ns, unsigned lane);
/* The event numbered k if still kept, else NULL. */
const struct ui_tl_event *ui_tl_get(const struct ui_timeline *tl, uint64_t k);
struct ui_tl_event *ui_tl_get_mut(struct ui_timeline *tl, uint64_t k);
/* The oldest event number kept. */
uint64_t ui_tl_first(const struct ui_timeline *tl);
/* The number of the first kept event at or after t_ns (total if none). */
uint64_t ui_tl_find(const struct ui_timeline *tl, uint64_t t_ns);
/* The lane running at t_ns (from the last RUN/IDLE before it), UI_TL_LANES for idle or unknown. */
unsigned ui_tl_running_at(const struct ui_timeline *tl, uint64_t t_ns);
/* Events of kind in lane with t0 <= t < t1. */
unsigned ui_tl_count(const struct ui_timeline *tl, unsigned lane, enum ui_tl_kind kind, uint64_t t0, uint64_t t1);

/* The marker event (not RUN/IDLE) of lane nearest to t_ns, at most tol_ns away: its number, or
 * UINT64_MAX if none. */
uint64_t ui_tl_nearest(const struct ui_timeline *tl, unsigned lane, uint64_t t_ns, uint64_t tol_ns);

/* The strip's visible window [*t0, *t1) at virtual time now. */
void ui_tl_window(const struct ui_timeline *tl, uint64_t now_ns, uint64_t *t0, uint64_t *t1);
/* Zoom one 1-2-5 step in (dir < 0: a shorter span) or out, keeping anchor_ns where it is. */
void ui_tl_zoom(struct ui_timeline *tl, int dir, uint64_t now_ns, uint64_t anchor_ns);
/* Scrolls by frac of the span (negative: back in time); reaching now follows it again. */
void ui_tl_scroll(struct ui_timeline *tl, double frac, uint64_t now_ns);
/* Back to following the present. */
void ui_tl_live(struct ui_timeline *tl);
/* timeline_text.c: the event in words, system calls as --strace prints them; name: the
 * lane's process. drivers: the kernel's driver table (may be NULL). */
struct strace_drivers;
void ui_tl_describe(const struct ui_tl_event *e, const char *name, const struct strace_drivers *drivers,
                    char *buf, size_t n);

/* "1 s", "200 ms", "50 µs": a span or tick step. */
void ui_tl_span_label(uint64_t ns, char *buf, size_t n);

#endif
