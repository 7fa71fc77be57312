/* Virtual clock and event queue: time is executed instructions at the board's frequency. */
#ifndef SIM_CLOCK_H
#define SIM_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/snapshot/snapbuf.h"

#define CLOCK_NEVER UINT64_MAX

/* A deadline owned by its user (usually embedded in a device's state). */
struct clock_event {
    uint64_t when;                  /* cycle at which it is due */
    uint64_t seq;                   /* FIFO order among equal deadlines */
    void (*fire)(void *ctx);        /* called once when due; may reschedule itself */
    void *ctx;
    const char *name;               /* for traces and debugging */
    struct clock_event *next;
    bool queued;
};

/* One clock per machine. `now` counts CPU cycles (= instructions) since reset. */
struct vclock {
    uint64_t now;
    uint64_t hz;
    uint64_t next_seq;
    struct clock_event *head;       /* sorted by (when, seq) */
    uint32_t restore_expected;      /* clock_restore_*: events the snapshot had queued */
};

void clock_init(struct vclock *c, uint64_t hz);
void clock_event_init(struct clock_event *e, const char *name, void (*fire)(void *ctx), void *ctx);
/* Queue (or move) e to fire at absolute cycle `when` (a past deadline fires at the next check). */
void clock_schedule_at(struct vclock *c, struct clock_event *e, uint64_t when);
void clock_schedule_in(struct vclock *c, struct clock_event *e, uint64_t cycles);
void clock_cancel(struct vclock *c, struct clock_event *e);
/* Earliest deadline, or CLOCK_NEVER when the queue is empty. */
static inline uint64_t clock_next_deadline(const struct vclock *c)
{
    return c->head ? c->head->when : CLOCK_NEVER;
}
/* Fires, in order, every event due at or before `now`. Returns how many fired. */
int clock_run_due(struct vclock *c);
/* Moves time forward to `t` (never backwards), firing events due on the way at their own time. */
void clock_advance_to(struct vclock *c, uint64_t t);

/* Snapshots. The queue is rebuilt from its owners: the clock's own part saves the time and
 * how many events are queued; each owner (a device) saves its events with
 * clock_event_snapshot. Restoring: clock_restore_begin empties the queue and sets the time,
 * each owner's clock_event_restore puts its events back where they were (by deadline, then by
 * the order they were scheduled in: the same order as before, so equal deadlines fire as they
 * would have), and clock_restore_end checks that every queued event came back. */
void clock_snapshot(const struct vclock *c, struct snap_writer *w);
void clock_restore_begin(struct vclock *c, struct snap_reader *r);
void clock_restore_end(struct vclock *c, struct snap_reader *r);
void clock_event_snapshot(const struct clock_event *e, struct snap_writer *w);
void clock_event_restore(struct vclock *c, struct clock_event *e, struct snap_reader *r);

/* Conversions between cycles and time units (exact integer arithmetic, rounding down). */
uint64_t clock_cycles_from_ns(const struct vclock *c, uint64_t ns);
uint64_t clock_ns_from_cycles(const struct vclock *c, uint64_t cycles);
/* Converts between this clock's cycles and ticks of another frequency (e.g. a 25 MHz PCLK). */
uint64_t clock_ticks_at(uint64_t cycles, uint64_t from_hz, uint64_t to_hz);

#endif
