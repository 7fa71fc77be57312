/* Virtual clock and event queue (see clock.h). A sorted singly linked list: boards have a
 * handful of pending deadlines, so insertion order cost is negligible and the code stays plain. */
#include "sim/core/clock.h"

#include <stddef.h>

void clock_init(struct vclock *c, uint64_t hz)
{
    c->now = 0;
    c->hz = hz;
    c->next_seq = 0;
    c->head = NULL;
}

void clock_event_init(struct clock_event *e, const char *name, void (*fire)(void *ctx), void *ctx)
{
    e->when = CLOCK_NEVER;
    e->seq = 0;
    e->fire = fire;
    e->ctx = ctx;
    e->name = name;
    e->next = NULL;
    e->queued = false;
}

void clock_cancel(struct vclock *c, struct clock_event *e)
{
    if (!e->queued)
        return;
    for (struct clock_event **p = &c->head; *p; p = &(*p)->next) {
        if (*p == e) {
            *p = e->next;
            break;
        }
    }
    e->next = NULL;
    e->queued = false;
}

void clock_schedule_at(struct vclock *c, struct clock_event *e, uint64_t when)
{
    clock_cancel(c, e);
    e->when = when;
    e->seq = c->next_seq++;
    struct clock_event **p = &c->head;
    while (*p && (*p)->when <= when)    /* equal deadlines keep FIFO order */
        p = &(*p)->next;
    e->next = *p;
    *p = e;
    e->queued = true;
}

void clock_schedule_in(struct vclock *c, struct clock_event *e, uint64_t cycles)
{
    uint64_t when = c->now + cycles;
    clock_schedule_at(c, e, when < c->now ? CLOCK_NEVER : when);
}

/* Pops and fires the head event. */
static void fire_head(struct vclock *c)
{
    struct clock_event *e = c->head;
    c->head = e->next;
    e->next = NULL;
    e->queued = false;
    e->fire(e->ctx);
}

int clock_run_due(struct vclock *c)
{
    int fired = 0;
    while (c->head && c->head->when <= c->now) {
        fire_head(c);
        fired++;
    }
    return fired;
}

void clock_advance_to(struct vclock *c, uint64_t t)
{
    while (c->head && c->head->when <= t) {
        if (c->head->when > c->now)
            c->now = c->head->when;
        fire_head(c);
    }
    if (t > c->now)
        c->now = t;
}

uint64_t clock_ticks_at(uint64_t cycles, uint64_t from_hz, uint64_t to_hz)
{
    /* floor(cycles * to_hz / from_hz), exactly. The product fits 64 bits for the first ~5
     * virtual minutes of a nanosecond conversion, hours of a timer's: one division then (a
     * 128-bit one is a libcall, 6 % of an rv32 system call reading the CLINT's time). */
    uint64_t product;
    if (!__builtin_mul_overflow(cycles, to_hz, &product))
        return product / from_hz;
    if (from_hz % to_hz == 0)
        return cycles / (from_hz / to_hz);
    return (uint64_t)((unsigned __int128)cycles * to_hz / from_hz);
}

uint64_t clock_cycles_from_ns(const struct vclock *c, uint64_t ns)
{
    return clock_ticks_at(ns, 1000000000u, c->hz);
}

uint64_t clock_ns_from_cycles(const struct vclock *c, uint64_t cycles)
{
    return clock_ticks_at(cycles, c->hz, 1000000000u);
}

/* ---- snapshots ------------------------------------------------------------------------- */

static uint32_t queue_length(const struct vclock *c)
{
    uint32_t n = 0;
    for (const struct clock_event *e = c->head; e; e = e->next)
        n++;
    return n;
}

void clock_snapshot(const struct vclock *c, struct snap_writer *w)
{
    uint32_t queued = queue_length(c);
    snap_put(w, &c->hz, sizeof(c->hz));
    snap_put(w, &c->now, sizeof(c->now));
    snap_put(w, &c->next_seq, sizeof(c->next_seq));
    snap_put(w, &queued, sizeof(queued));
}

void clock_restore_begin(struct vclock *c, struct snap_reader *r)
{
    uint64_t hz;
    snap_get(r, &hz, sizeof(hz));
    snap_get(r, &c->now, sizeof(c->now));
    snap_get(r, &c->next_seq, sizeof(c->next_seq));
    snap_get(r, &c->restore_expected, sizeof(c->restore_expected));
    if (snap_ok(r) && hz != c->hz)
        snap_fail(r, "the snapshot's clock runs at %llu Hz, this machine's at %llu Hz",
                  (unsigned long long)hz, (unsigned long long)c->hz);
    while (c->head) {                   /* the owners put back what was queued then */
        struct clock_event *e = c->head;
        c->head = e->next;
        e->next = NULL;
        e->queued = false;
    }
}

void clock_restore_end(struct vclock *c, struct snap_reader *r)
{
    uint32_t n = queue_length(c);
    if (n != c->restore_expected)
        snap_fail(r, "%u clock events were queued in the snapshot, %u came back (a device that "
                  "schedules events without saving them?)", c->restore_expected, n);
}

void clock_event_snapshot(const struct clock_event *e, struct snap_writer *w)
{
    uint8_t queued = e->queued;
    snap_put(w, &queued, 1);
    snap_put(w, &e->when, sizeof(e->when));
    snap_put(w, &e->seq, sizeof(e->seq));
}

/* Inserts e by (when, seq): the place it had when it was scheduled, among the others. */
void clock_event_restore(struct vclock *c, struct clock_event *e, struct snap_reader *r)
{
    uint8_t queued;
    snap_get(r, &queued, 1);
    snap_get(r, &e->when, sizeof(e->when));
    snap_get(r, &e->seq, sizeof(e->seq));
    clock_cancel(c, e);
    if (!queued || !snap_ok(r))
        return;
    struct clock_event **p = &c->head;
    while (*p && ((*p)->when < e->when || ((*p)->when == e->when && (*p)->seq < e->seq)))
        p = &(*p)->next;
    e->next = *p;
    *p = e;
    e->queued = true;
}
