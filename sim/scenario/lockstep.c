/* The boards of a scenario with a radio medium run in lock-step (doc/radio.md, "Time").
 *
 * No radio puts a frame on the air sooner than one turnaround (MEDIUM_QUANTUM_NS) after it
 * commits to it, and a board can only commit while it does something: now if its CPU is awake,
 * else not before its next clock event (a timer, a radio event, any device's). So every board may
 * run to one quantum past the earliest such moment of all boards (the horizon); frames committed
 * meanwhile start no earlier, and the synchronisation point (medium_sync) delivers them before any
 * board gets there. While every board sleeps, that is a long way.
 *
 * Each board's next activity is kept (r->next_act) in a binary heap (r->heap): refreshed when it
 * ran and when a step may have woken it, brought forward to the first frame the medium hands its
 * radio. A round runs only the boards with something to do by its end; the others sleep through
 * it and their clocks are left behind, since nothing can happen to them before their next
 * activity (which is what running a sleeping board would do). Before a step acts on the boards,
 * every clock is brought to the common time (lockstep_end). A round's cost is so the boards that
 * work in it, not the number of boards. */
#include <stdlib.h>

#include "sim/scenario/run.h"

static bool before(const struct run *r, int a, int b)
{
    uint64_t x = r->next_act[r->heap[a]], y = r->next_act[r->heap[b]];
    return x != y ? x < y : r->heap[a] < r->heap[b];
}

static void swap(struct run *r, int a, int b)
{
    int t = r->heap[a];
    r->heap[a] = r->heap[b];
    r->heap[b] = t;
    r->heap_pos[r->heap[a]] = a;
    r->heap_pos[r->heap[b]] = b;
}

static void sift(struct run *r, int k)
{
    int n = r->sc->nnodes;
    while (k > 0 && before(r, k, (k - 1) / 2)) {
        swap(r, k, (k - 1) / 2);
        k = (k - 1) / 2;
    }
    for (;;) {
        int least = k, l = 2 * k + 1;
        if (l < n && before(r, l, least))
            least = l;
        if (l + 1 < n && before(r, l + 1, least))
            least = l + 1;
        if (least == k)
            return;
        swap(r, k, least);
        k = least;
    }
}

static uint64_t activity_ns(struct machine *m)
{
    uint64_t c = machine_next_activity(m);
    return c == CLOCK_NEVER ? UINT64_MAX : clock_ns_from_cycles(&m->clock, c);
}

void lockstep_update(struct run *r, int i)
{
    r->next_act[i] = activity_ns(r->nodes[i].m);
    sift(r, r->heap_pos[i]);
}

void lockstep_begin(struct run *r)
{
    int n = r->sc->nnodes;
    for (int i = 0; i < n; i++) {
        r->next_act[i] = activity_ns(r->nodes[i].m);
        r->heap[i] = i;
        r->heap_pos[i] = i;
    }
    for (int k = n / 2 - 1; k >= 0; k--)
        sift(r, k);
}

/* The first cycle whose time is at least ns. */
static uint64_t cycle_at(const struct machine *m, uint64_t ns)
{
    uint64_t c = clock_cycles_from_ns(&m->clock, ns);
    return clock_ns_from_cycles(&m->clock, c) < ns ? c + 1 : c;
}

void lockstep_end(struct run *r)
{
    for (int i = 0; i < r->sc->nnodes; i++) {
        struct machine *m = r->nodes[i].m;
        if (node_now_ns(&r->nodes[i]) < r->now_ns)
            clock_advance_to(&m->clock, cycle_at(m, r->now_ns));  /* asleep, nothing due meanwhile */
    }
}

void lockstep_delivered(struct run *r, size_t n)
{
    size_t k;
    const struct medium_touch *t = n ? medium_touched(r->medium, &k) : NULL;
    for (size_t i = 0; t && i < k; i++) {       /* the radio wakes at the frame's start */
        int node = t[i].node;
        if (t[i].first_ns < r->next_act[node]) {
            r->next_act[node] = t[i].first_ns;
            sift(r, r->heap_pos[node]);
        }
    }
}

uint64_t lockstep_horizon(const struct run *r)
{
    uint64_t first = r->next_act[r->heap[0]];
    first = first < r->now_ns ? r->now_ns : first;
    return first > UINT64_MAX - MEDIUM_QUANTUM_NS ? UINT64_MAX : first + MEDIUM_QUANTUM_NS;
}

/* Collects the boards whose next activity is at or before t (the heap's top part). */
static void collect(struct run *r, int k, uint64_t t, int primary)
{
    if (k >= r->sc->nnodes || r->next_act[r->heap[k]] > t)
        return;
    if (r->heap[k] != primary)
        r->active[r->nactive++] = r->heap[k];
    collect(r, 2 * k + 1, t, primary);
    collect(r, 2 * k + 2, t, primary);
}

static int by_index(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static void run_active(void *ctx, int k)
{
    struct run *r = ctx;
    r->status[r->active[k]] = MACHINE_RUNNING;
    run_sync_one(r, r->active[k]);
}

/* Brings every board with something to do by time t to t, like sync_others in run.c. */
bool lockstep_sync_others(struct run *r, int primary, uint64_t t)
{
    r->sync_primary = primary;
    r->sync_t = t;
    r->nactive = 0;
    collect(r, 0, t, primary);
    qsort(r->active, (size_t)r->nactive, sizeof(*r->active), by_index);
    if (r->pool && r->nactive > 1)
        pool_run(r->pool, r->nactive, run_active, r);
    else
        for (int k = 0; k < r->nactive; k++)
            run_active(r, k);
    for (int k = 0; k < r->nactive; k++) {             /* in board order, as sync_others */
        int i = r->active[k];
        lockstep_update(r, i);
        outbox_flush(&r->outboxes[i]);
        if (!run_board_alive(r, i, r->status[i]))
            return false;
    }
    return true;
}
