/* Reverse execution by checkpoints and replay (see history.h). Replays run with the console,
 * guest errors and the trace switched off (they were written the first time) and with GDB's
 * breakpoints off, except where a replay looks for them. */
#include "sim/gdb/history.h"

#include <stdlib.h>
#include <string.h>

#define FAST_MARGIN 1024u               /* run by blocks to here before the target, then step */

/* Where a machine is in its run: cycles, then exceptions taken (an interrupt taken by the host
 * between two instructions is a step of its own that takes no cycle). Strictly increasing along
 * a run, so "before" is well defined. */
struct place { uint64_t cycles, exceptions; };

static struct place place_of(struct machine *m)
{
    struct cpu_stats st;
    machine_stats(m, &st);
    return (struct place){ m->clock.now, st.exceptions };
}

static bool place_before(struct place a, struct place b)
{
    return a.cycles != b.cycles ? a.cycles < b.cycles : a.exceptions < b.exceptions;
}

void history_init(struct history *h, void (*points)(void *ctx, bool on), void *ctx)
{
    memset(h, 0, sizeof(*h));
    h->points = points;
    h->ctx = ctx;
}

void history_clear(struct history *h)
{
    for (int i = 0; i < h->n; i++)
        snapshot_free(h->cp[i]);
    h->n = 0;
}

void history_free(struct history *h)
{
    history_clear(h);
    snapshot_free(h->scratch);
    free(h->cp);
    free(h->pos);
    free(h->stepped);
    memset(h, 0, sizeof(*h));
}

/* Keeps every other checkpoint (the oldest stays): the history reaches as far back, coarser.
 * A checkpoint where the way of running changes (steps / continue) stays, so every interval
 * was run one way. */
static void thin(struct history *h)
{
    int k = 1;
    for (int i = 1; i < h->n; i++) {
        if (i % 2 && i != h->n - 1 && h->stepped[i] == h->stepped[i - 1]) {
            snapshot_free(h->cp[i]);
            continue;
        }
        h->cp[k] = h->cp[i];
        h->stepped[k] = h->stepped[i];
        h->pos[k++] = h->pos[i];
    }
    h->n = k;
}

void history_note(struct history *h, struct machine *m, bool force, bool stepped)
{
    uint64_t now = m->clock.now;
    if (h->n && (now <= h->pos[h->n - 1] || (!force && now - h->pos[h->n - 1] < HISTORY_INTERVAL)))
        return;
    if (h->n == HISTORY_MAX)
        thin(h);
    if (!h->cp && (!(h->cp = calloc(HISTORY_MAX, sizeof(*h->cp))) || !(h->pos = calloc(HISTORY_MAX, sizeof(*h->pos))) ||
                   !(h->stepped = calloc(HISTORY_MAX, sizeof(*h->stepped)))))
        return;
    char err[200];
    struct snapshot *s = snapshot_new(m, err, sizeof(err));
    if (!s || !snapshot_save(m, s, err, sizeof(err))) {
        snapshot_free(s);
        return;
    }
    h->cp[h->n] = s;
    h->stepped[h->n] = stepped;
    h->pos[h->n++] = now;
}

/* The latest checkpoint strictly before position p; -1 if none. */
static int before(const struct history *h, uint64_t p)
{
    int i = h->n - 1;
    while (i >= 0 && h->pos[i] >= p)
        i--;
    return i;
}

/* Quiet replays: the outputs written the first time are not written again. */
struct quiet { FILE *console, *log, *jsonl; };

static struct quiet hush(struct machine *m)
{
    struct quiet q = { m->console.f, m->trace.guest_log, m->trace.jsonl };
    m->console.f = NULL;
    m->trace.guest_log = NULL;
    m->trace.jsonl = NULL;
    return q;
}

static void unhush(struct machine *m, struct quiet q)
{
    m->console.f = q.console;
    m->trace.guest_log = q.log;
    m->trace.jsonl = q.jsonl;
}

/* From checkpoint i, runs m with the points off to the last place before `end`: by blocks to
 * near it, then one step at a time, keeping the state before each step. */
static bool replay_before(struct history *h, struct machine *m, int i, struct place end)
{
    char err[200];
    if (!snapshot_restore(m, h->cp[i], err, sizeof(err)))
        return false;
    if (!h->scratch && !(h->scratch = snapshot_new(m, err, sizeof(err))))
        return false;
    while (!h->stepped[i] && end.cycles > m->clock.now && end.cycles - m->clock.now > FAST_MARGIN)
        if (machine_run(m, end.cycles - FAST_MARGIN) == MACHINE_ERROR)
            return false;
    for (;;) {
        if (!snapshot_save(m, h->scratch, err, sizeof(err)))
            return false;
        enum machine_status st = machine_step(m, end.cycles);
        if (st == MACHINE_ERROR)
            return false;
        if (!place_before(place_of(m), end) || st == MACHINE_EXITED)
            return snapshot_restore(m, h->scratch, err, sizeof(err));
    }
}

#define MAX_REGS 80

/* The CPU's registers as a debugger numbers them, into r; how many. */
static int registers(struct machine *m, uint32_t *r)
{
    const struct cpu_debug_ops *d = m->cpu.ops->debug;
    int n = d->nregs < MAX_REGS ? d->nregs : MAX_REGS;
    for (int i = 0; i < n; i++)
        if (!d->reg_get(m->cpu.impl, i, &r[i]))
            r[i] = 0;
    return n;
}

/* Whether one step from the state m is in now leads to `want` (its place and registers): a
 * replay that took an interrupt elsewhere than the original run did (see history.h) does not,
 * and is refused rather than shown. Leaves m where it was. */
static bool leads_to(struct history *h, struct machine *m, struct place want, const uint32_t *regs, int n)
{
    char err[200];
    uint32_t now[MAX_REGS];
    if (!snapshot_save(m, h->scratch, err, sizeof(err)))
        return false;
    machine_step(m, want.cycles);
    struct place got = place_of(m);
    bool same = got.cycles == want.cycles && got.exceptions == want.exceptions && registers(m, now) == n &&
                memcmp(now, regs, (size_t)n * sizeof(*regs)) == 0;
    return snapshot_restore(m, h->scratch, err, sizeof(err)) && same;
}

enum history_result history_step_back(struct history *h, struct machine *m)
{
    struct place p = place_of(m);
    int i = before(h, p.cycles);
    if (i < 0)
        return HISTORY_AT_START;
    uint32_t regs[MAX_REGS];
    int n = registers(m, regs);
    char err[200];
    struct snapshot *here = snapshot_new(m, err, sizeof(err));
    if (!here || !snapshot_save(m, here, err, sizeof(err))) {
        snapshot_free(here);
        return HISTORY_ERROR;
    }
    struct quiet q = hush(m);
    h->points(h->ctx, false);
    bool ok = replay_before(h, m, i, p) && leads_to(h, m, p, regs, n);
    if (!ok)
        snapshot_restore(m, here, err, sizeof(err));    /* stay where GDB is: never show a wrong past */
    h->points(h->ctx, true);
    unhush(m, q);
    snapshot_free(here);
    return ok ? HISTORY_MOVED : HISTORY_ERROR;
}

/* From checkpoint i with the points on, runs to `end` counting the hits before it; with
 * stop_at > 0, stops at that hit instead. Returns the hits counted (-1: an error). */
static int count_hits(struct history *h, struct machine *m, int i, uint64_t end, int stop_at)
{
    char err[200];
    int hits = 0;
    if (!snapshot_restore(m, h->cp[i], err, sizeof(err)))
        return -1;
    while (m->clock.now < end) {
        enum machine_status st = machine_run(m, end);
        if (st == MACHINE_ERROR)
            return -1;
        if (st == MACHINE_EXITED)
            break;
        if (st == MACHINE_DEBUG && m->clock.now < end && ++hits == stop_at)
            return hits;
        if (st == MACHINE_DEBUG)
            m->cpu.ops->debug->resume(m->cpu.impl);
    }
    return hits;
}

enum history_result history_continue_back(struct history *h, struct machine *m)
{
    uint64_t end = m->clock.now;
    struct quiet q = hush(m);
    enum history_result r = HISTORY_AT_START;
    for (int i = before(h, end); i >= 0; end = h->pos[i--]) {
        int hits = count_hits(h, m, i, end, 0);
        if (hits < 0 || (hits > 0 && count_hits(h, m, i, end, hits) != hits)) {
            r = HISTORY_ERROR;
            break;
        }
        if (hits > 0) {
            r = HISTORY_MOVED;
            break;
        }
    }
    char err[200];
    if (r == HISTORY_AT_START && (h->n == 0 || !snapshot_restore(m, h->cp[0], err, sizeof(err))))
        r = h->n == 0 ? HISTORY_AT_START : HISTORY_ERROR;
    unhush(m, q);
    return r;
}
