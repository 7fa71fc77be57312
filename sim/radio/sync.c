/* The medium's synchronisation point (medium_sync): on one thread, with every board stopped at
 * the same virtual time, takes the frames the radios committed since the last one, in a fixed
 * order (start time, then sender, then the sender's count), hands each to the radios that hear
 * it, records the traffic for the scenario engine, and forgets frames long over. A radio
 * commits a frame one turnaround (MEDIUM_QUANTUM_NS) before it starts, so with boards never more
 * than that apart every frame is delivered before any receiver reaches its start. */
#include <stdlib.h>
#include <string.h>

#include "sim/radio/internal.h"

static int by_start(const void *a, const void *b)
{
    const struct medium_frame *x = *(const struct medium_frame *const *)a, *y = *(const struct medium_frame *const *)b;
    if (x->start_ns != y->start_ns)
        return x->start_ns < y->start_ns ? -1 : 1;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Inserts e into the record by time (equal times: after those already there). */
static void record(struct medium *md, const struct medium_event *e)
{
    if (!medium_grow((void **)&md->events, &md->capevents, md->nevents + 1, sizeof(*md->events)))
        return;
    size_t i = md->nevents++;
    while (i > 0 && md->events[i - 1].t_ns > e->t_ns) {
        md->events[i] = md->events[i - 1];
        i--;
    }
    md->events[i] = *e;
    ((struct medium_frame *)e->frame)->refs++;
}

/* Hands frame f to node r, if it reaches it. */
static void deliver_to(struct medium *md, struct medium_frame *f, int r)
{
    struct medium_node *n = &md->nodes[r];
    struct reach reach;
    if (r == f->from || !n->radio || !medium_reach(md, f, r, &reach))
        return;
    if (!medium_grow((void **)&n->heard, &n->capheard, n->nheard + 1, sizeof(*n->heard)))
        return;
    n->heard[n->nheard++] = (struct heard){ f, medium_mw(reach.dbm) };
    if (!n->touched && medium_grow((void **)&md->touched, &md->captouched, md->ntouched + 1, sizeof(*md->touched))) {
        md->touched[md->ntouched++] = (struct medium_touch){ r, f->start_ns };
        n->touched = (int)md->ntouched;
    } else if (n->touched && f->start_ns < md->touched[n->touched - 1].first_ns) {
        md->touched[n->touched - 1].first_ns = f->start_ns;
    }
    struct radio_arrival a = { f->start_ns, f->end_ns, f, md->nodes[f->from].name, f->seq,
                               (int16_t)(reach.dbm < -32768 ? -32768 : reach.dbm), f->channel, f->len,
                               (uint8_t)(reach.flags | (n->enabled ? 0 : RADIO_ARR_DEAF)), f->psdu };
    radio802154_arrive(n->radio, &a);
}

static void deliver(struct medium *md, struct medium_frame *f)
{
    const struct medium_node *s = &md->nodes[f->from];
    if (!s->enabled)
        return;                                     /* a disconnected antenna reaches nobody */
    if (md->p.model == MEDIUM_LINKS) {
        for (size_t i = 0; i < s->nlinks; i++)
            deliver_to(md, f, s->links[i].to);
        return;
    }
    for (int r = 0; r < md->nnodes; r++)
        deliver_to(md, f, r);
}

/* Adds f to the window, by start time; false (f freed) if out of memory. */
static bool window_add(struct medium *md, struct medium_frame *f)
{
    if (!medium_grow((void **)&md->window, &md->capwindow, md->nwindow + 1, sizeof(*md->window))) {
        free(f);
        return false;
    }
    size_t i = md->nwindow++;
    while (i > 0 && by_start(&md->window[i - 1], &f) > 0) {
        md->window[i] = md->window[i - 1];
        i--;
    }
    md->window[i] = f;
    return true;
}

void medium_capture_committed(struct medium *md)
{
    for (int i = 0; i < md->nnodes; i++) {
        struct medium_node *n = &md->nodes[i];
        for (size_t j = 0; j < n->nout; j++)
            window_add(md, n->outbox[j]);
        n->nout = 0;
    }
}

/* Adds f to the window and delivers it. */
static void admit(struct medium *md, struct medium_frame *f)
{
    if (!window_add(md, f))
        return;
    f->lost = md->p.model == MEDIUM_UNIT_DISK &&
              medium_uniform(md->p.seed, ((uint64_t)f->from << 32) | f->seq, 0, 0x5458ull) >= md->p.success_tx;
    md->sent++;
    if (md->observe) {
        struct net_event e = { .kind = NET_EV_FRAME, .node = f->from, .to = -1, .outcome = NET_TX,
                               .start_ns = f->start_ns, .end_ns = f->end_ns, .t_ns = f->start_ns };
        md->observe(md->observe_ctx, &e);
    }
    if (md->record) {
        struct medium_event e = { f->start_ns, MEDIUM_EV_TX, f->from, f->from, RADIO_RX_OK, f->dbm, 0, f };
        record(md, &e);
    }
    deliver(md, f);
}

/* The frames committed since the last synchronisation, all nodes, in delivery order; how many. */
static size_t admit_committed(struct medium *md)
{
    size_t total = 0, k = 0;
    for (int i = 0; i < md->nnodes; i++)
        total += md->nodes[i].nout;
    if (!total)
        return 0;
    struct medium_frame **batch = malloc(total * sizeof(*batch));
    for (int i = 0; i < md->nnodes; i++) {
        struct medium_node *n = &md->nodes[i];
        for (size_t j = 0; j < n->nout; j++) {
            if (batch)
                batch[k++] = n->outbox[j];
            else
                free(n->outbox[j]);                 /* out of memory: the frames are lost */
        }
        n->nout = 0;
    }
    qsort(batch, k, sizeof(*batch), by_start);
    for (size_t i = 0; i < k; i++)
        admit(md, batch[i]);
    free(batch);
    return k;
}

/* Forgets what ended more than MEDIUM_KEEP_NS ago: heard entries, jams, then window frames
 * (which go to the capture then). */
static void prune(struct medium *md, uint64_t now)
{
    if (now < MEDIUM_KEEP_NS)
        return;
    uint64_t before = now - MEDIUM_KEEP_NS;
    for (int i = 0; i < md->nnodes; i++) {
        struct medium_node *n = &md->nodes[i];
        size_t k = 0;
        for (size_t j = 0; j < n->nheard; j++)
            if (n->heard[j].f->end_ns >= before)
                n->heard[k++] = n->heard[j];
        n->nheard = k;
    }
    size_t k = 0;
    for (size_t j = 0; j < md->njams; j++)
        if (md->jams[j].to_ns >= before)
            md->jams[k++] = md->jams[j];
    md->njams = k;
    size_t gone = 0;
    while (gone < md->nwindow && md->window[gone]->end_ns < before) {
        if (md->pcap)
            medium_pcap_frame(md->pcap, md->window[gone]);
        if (--md->window[gone]->refs == 0)
            free(md->window[gone]);
        gone++;
    }
    memmove(md->window, md->window + gone, (md->nwindow - gone) * sizeof(*md->window));
    md->nwindow -= gone;
}

/* A radio's result as the network's observer sees it. */
static void publish_result(struct medium *md, const struct medium_event *ev)
{
    struct net_event e = { .kind = NET_EV_FRAME, .node = ev->from, .to = ev->node,
                           .outcome = medium_outcome(ev->result), .start_ns = ev->frame->start_ns,
                           .end_ns = ev->frame->end_ns, .t_ns = ev->t_ns };
    md->observe(md->observe_ctx, &e);
}

size_t medium_sync(struct medium *md, uint64_t now_ns)
{
    md->last_sync_ns = now_ns;
    for (size_t i = 0; i < md->ntouched; i++)
        md->nodes[md->touched[i].node].touched = 0;
    md->ntouched = 0;
    size_t n = admit_committed(md);
    for (int i = 0; i < md->nnodes; i++) {
        struct medium_node *n = &md->nodes[i];
        for (size_t j = 0; j < n->npending; j++) {
            if (md->record)
                record(md, &n->pending[j]);
            if (md->observe)
                publish_result(md, &n->pending[j]);
        }
        n->npending = 0;
    }
    if (now_ns >= md->last_prune_ns + 1000000) {        /* every millisecond is plenty */
        prune(md, now_ns);
        md->last_prune_ns = now_ns;
    }
    return n;
}

const struct medium_touch *medium_touched(const struct medium *md, size_t *n)
{
    *n = md->ntouched;
    return md->touched;
}

const struct medium_event *medium_events(const struct medium *md, size_t *n)
{
    *n = md->nevents;
    return md->events;
}

void medium_forget_before(struct medium *md, uint64_t t_ns)
{
    size_t k = 0;
    while (k < md->nevents && md->events[k].t_ns < t_ns) {
        struct medium_frame *f = (struct medium_frame *)md->events[k].frame;
        if (--f->refs == 0)
            free(f);
        k++;
    }
    memmove(md->events, md->events + k, (md->nevents - k) * sizeof(*md->events));
    md->nevents -= k;
}
