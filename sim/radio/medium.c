/* The radio medium (see medium.h): nodes, the radios' view of it, and the synchronisation
 * point that delivers frames. Propagation models are propagation.c, fates and energy
 * reception.c, the capture pcap.c. */
#include <stdlib.h>
#include <string.h>

#include "sim/core/grow.h"
#include "sim/radio/internal.h"

bool medium_grow(void **buf, size_t *cap, size_t need, size_t elem)
{
    return grow_array(buf, cap, need, elem, 16);
}

const char *medium_model_name(enum medium_model m)
{
    static const char *const names[] = { "unit-disk", "log-distance", "links" };
    return names[m];
}

void medium_params_default(struct medium_params *p, enum medium_model model)
{
    *p = (struct medium_params){
        .model = model, .seed = 1, .noise_dbm = RADIO_NOISE_DBM,
        .tx_range = 50, .interference_range = 100, .success_tx = 1, .success_rx = 1,
        .pl_d0_db = 40, .d0_m = 1, .exponent = 3, .shadowing_db = 4, .sensitivity_dbm = -95,
    };
}

struct medium *medium_new(const struct medium_params *p, int nnodes)
{
    struct medium *md = calloc(1, sizeof(*md));
    if (!md || !(md->nodes = calloc((size_t)(nnodes > 0 ? nnodes : 1), sizeof(*md->nodes)))) {
        free(md);
        return NULL;
    }
    md->p = *p;
    md->nnodes = nnodes;
    md->max_range_m = medium_max_range(p);
    for (int i = 0; i < nnodes; i++)
        md->nodes[i] = (struct medium_node){ .md = md, .index = i, .name = "?", .enabled = true };
    return md;
}

static void unref(struct medium_frame *f)
{
    if (--f->refs == 0)
        free(f);
}

void medium_free(struct medium *md)
{
    if (!md)
        return;
    medium_forget_before(md, UINT64_MAX);
    medium_capture_committed(md);               /* frames committed since the last sync point */
    for (size_t i = 0; i < md->nwindow; i++) {
        if (md->pcap)
            medium_pcap_frame(md->pcap, md->window[i]);
        unref(md->window[i]);
    }
    if (md->pcap)
        fclose(md->pcap);
    for (int i = 0; i < md->nnodes; i++) {
        struct medium_node *n = &md->nodes[i];
        free(n->outbox);
        free(n->pending);
        free(n->heard);
        free(n->links);
    }
    free(md->window);
    free(md->jams);
    free(md->events);
    free(md->touched);
    free(md->nodes);
    free(md);
}

/* ---- the radios' view (called on their boards' threads) -------------------------------- */

static void link_transmit(void *ctx, const struct radio_air *a)
{
    struct medium_node *n = ctx;
    struct medium_frame *f = malloc(sizeof(*f));
    if (!f || !medium_grow((void **)&n->outbox, &n->capout, n->nout + 1, sizeof(*n->outbox))) {
        free(f);
        return;
    }
    *f = (struct medium_frame){ .start_ns = a->start_ns, .end_ns = a->end_ns, .from = n->index, .seq = a->seq,
                                .channel = a->channel, .len = a->len, .dbm = a->dbm, .refs = 1 };
    memcpy(f->psdu, a->psdu, a->len);
    n->outbox[n->nout++] = f;
}

static int link_energy(void *ctx, unsigned channel, uint64_t from_ns, uint64_t to_ns)
{
    return medium_energy(ctx, channel, from_ns, to_ns);
}

static void link_fate(void *ctx, const struct radio_arrival *a, struct radio_fate *out)
{
    medium_fate(ctx, a, out);
}

static void link_result(void *ctx, const struct radio_arrival *a, enum radio_rx_result r, int rssi, int lqi)
{
    struct medium_node *n = ctx;
    if ((!n->md->record && !n->md->observe) ||
        !medium_grow((void **)&n->pending, &n->cappending, n->npending + 1, sizeof(*n->pending)))
        return;
    const struct medium_frame *f = a->frame;
    n->pending[n->npending++] = (struct medium_event){ radio802154_now_ns(n->radio), MEDIUM_EV_RX, n->index,
                                                       f->from, r, rssi, lqi, f };
}

void medium_attach(struct medium *md, int index, const char *name, struct radio802154 *radio, double x, double y,
                   double z)
{
    struct medium_node *n = &md->nodes[index];
    n->name = name;
    n->radio = radio;
    medium_move(md, index, x, y, z);
    if (radio) {
        struct radio802154_link link = { n, link_transmit, link_energy, link_fate, link_result };
        radio802154_connect(radio, &link);
    }
}

/* ---- the scenario's levers (between steps) --------------------------------------------- */

static void publish_position(const struct medium *md, int index)
{
    const struct medium_node *n = &md->nodes[index];
    struct net_event e = { .kind = NET_EV_POSITION, .node = index, .x = n->x, .y = n->y, .to = -1,
                           .t_ns = md->last_sync_ns };
    if (md->observe)
        md->observe(md->observe_ctx, &e);
}

void medium_move(struct medium *md, int index, double x, double y, double z)
{
    md->nodes[index].x = x;
    md->nodes[index].y = y;
    md->nodes[index].z = z;
    publish_position(md, index);
}

void medium_position(const struct medium *md, int index, double *x, double *y, double *z)
{
    *x = md->nodes[index].x;
    *y = md->nodes[index].y;
    *z = md->nodes[index].z;
}

void medium_observe(struct medium *md, net_observer_fn fn, void *ctx)
{
    md->observe = fn;
    md->observe_ctx = ctx;
    for (int i = 0; i < md->nnodes; i++)
        publish_position(md, i);
}

enum net_outcome medium_outcome(enum radio_rx_result r)
{
    switch (r) {
    case RADIO_RX_OK: case RADIO_RX_ACK: return NET_DELIVERED;
    case RADIO_DROP_RANGE: return NET_RANGE;
    case RADIO_DROP_LOSS: return NET_LOST;
    case RADIO_DROP_COLLISION: return NET_COLLIDED;
    case RADIO_DROP_CRC: return NET_CORRUPT;
    default: return NET_IGNORED;
    }
}

void medium_set_link(struct medium *md, int from, int to, double ratio, int rssi)
{
    struct medium_node *s = &md->nodes[from];
    size_t i = 0;
    while (i < s->nlinks && s->links[i].to != to)
        i++;
    if (ratio <= 0) {
        if (i < s->nlinks)
            s->links[i] = s->links[--s->nlinks];
        return;
    }
    if (i == s->nlinks && !medium_grow((void **)&s->links, &s->caplinks, s->nlinks + 1, sizeof(*s->links)))
        return;
    s->links[i] = (struct medium_link){ to, ratio, rssi };
    if (i == s->nlinks)
        s->nlinks++;
}

void medium_set_enabled(struct medium *md, int index, bool on)
{
    md->nodes[index].enabled = on;
}

void medium_jam(struct medium *md, unsigned channel, double dbm, uint64_t from_ns, uint64_t to_ns)
{
    if (medium_grow((void **)&md->jams, &md->capjams, md->njams + 1, sizeof(*md->jams)))
        md->jams[md->njams++] = (struct jam){ channel, medium_mw(dbm), from_ns, to_ns };
}

bool medium_pcap_open(struct medium *md, const char *path, char *err, size_t errlen)
{
    md->pcap = fopen(path, "wb");
    if (md->pcap && medium_pcap_header(md->pcap))
        return true;
    snprintf(err, errlen, "cannot write the capture %s", path);
    if (md->pcap)
        fclose(md->pcap);
    md->pcap = NULL;
    return false;
}

void medium_record(struct medium *md, bool on)
{
    md->record = on;
}

uint64_t medium_frames_sent(const struct medium *md)
{
    return md->sent;
}

const char *medium_node_name(const struct medium *md, int index)
{
    return md->nodes[index].name;
}

const uint8_t *medium_frame_psdu(const struct medium_frame *f, unsigned *len, unsigned *channel)
{
    *len = f->len;
    *channel = f->channel;
    return f->psdu;
}

void medium_frame_times(const struct medium_frame *f, uint64_t *start_ns, uint64_t *end_ns)
{
    *start_ns = f->start_ns;
    *end_ns = f->end_ns;
}
