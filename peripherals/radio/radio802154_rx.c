/*
 * tocksim IEEE 802.15.4 radio: the receive side (see radio802154.h).
 *
 * The medium announces each frame that will reach the radio before it starts
 * (radio802154_arrive); at the frame's start the radio decides whether it can hear it
 * (powered, on its channel, listening since before the frame began, not already receiving one)
 * and locks onto it; at its end the medium says whether it arrived intact (collisions, noise,
 * losses are the medium's business), then the radio filters it (IEEE 802.15.4-2006 7.5.6.2,
 * third level: frame type, destination PAN and address, beacon source PAN), writes it to
 * RX_ADDR by DMA and acknowledges it if asked (ACK frame 7.2.2.3 one aTurnaroundTime after
 * the frame, with the frame pending bit of CONFIG).
 *
 * Choices: frames with a bad FCS are dropped, even when promiscuous (the medium's verdict is
 * the only source of errors); a frame arriving while RX_DONE is pending is dropped (counted in
 * RX_DROPPED) and not acknowledged; no PAN coordinator role (frames without a destination are
 * filtered). LQI from the signal-to-interference-plus-noise ratio: 0 at 0 dB, 255 from 30 dB,
 * linear in between (8.5 a dB); the standard only asks for 8 distinct levels.
 */
#include "peripherals/radio/radio802154.h"

#include "peripherals/radio/ieee802154_frame.h"

const char *radio_rx_result_name(enum radio_rx_result r)
{
    static const char *const names[RADIO_RX_NUM_RESULTS] = {
        [RADIO_RX_OK] = "rx", [RADIO_RX_ACK] = "ack", [RADIO_DROP_RANGE] = "range",
        [RADIO_DROP_LOSS] = "loss", [RADIO_DROP_COLLISION] = "collision", [RADIO_DROP_CRC] = "crc",
        [RADIO_DROP_CHANNEL] = "channel", [RADIO_DROP_OFF] = "off", [RADIO_DROP_IDLE] = "idle",
        [RADIO_DROP_BUSY] = "busy", [RADIO_DROP_FILTERED] = "filtered", [RADIO_DROP_OVERFLOW] = "overflow",
    };
    return (unsigned)r < RADIO_RX_NUM_RESULTS ? names[r] : "?";
}

static int lqi_of(int sinr_db)
{
    return sinr_db <= 0 ? 0 : sinr_db >= 30 ? 255 : sinr_db * 17 / 2;
}

/* Traces what became of a, and tells the medium. */
static void report(struct radio802154 *r, const struct radio_arrival *a, enum radio_rx_result res, int rssi,
                   int lqi)
{
    if (res == RADIO_RX_OK || res == RADIO_RX_ACK)
        trace_event(r->env.trace, "radio_rx", "\"dev\":\"%s\",\"from\":\"%s\",\"frame\":%u,\"ch\":%u,\"len\":%u,"
                    "\"rssi\":%d,\"lqi\":%d,\"ack\":%s", r->env.name, a->from, a->seq, a->channel, a->len, rssi, lqi,
                    res == RADIO_RX_ACK ? "true" : "false");
    else
        trace_event(r->env.trace, "radio_drop", "\"dev\":\"%s\",\"from\":\"%s\",\"frame\":%u,\"ch\":%u,\"len\":%u,"
                    "\"rssi\":%d,\"reason\":\"%s\"", r->env.name, a->from, a->seq, a->channel, a->len, rssi,
                    radio_rx_result_name(res));
    if (r->link.result)
        r->link.result(r->link.ctx, a, res, rssi, lqi);
}

void radio802154_abort_rx(struct radio802154 *r, enum radio_rx_result why)
{
    if (!r->is_locked)
        return;
    r->is_locked = false;
    clock_cancel(r->env.clock, &r->rx_end_ev);
    report(r, &r->locked, why, r->locked.rssi, 0);
}

/* Whether the radio hears a frame starting at start_ns in its current state. */
static bool hears_from(const struct radio802154 *r, uint64_t start_ns)
{
    switch (r->state) {
    case RADIO_ST_RX: case RADIO_ST_ED: case RADIO_ST_RX_TURN: case RADIO_ST_ACK_WAIT:
        return start_ns >= r->listen_from_ns;
    default:
        return false;
    }
}

/* Why the radio cannot receive a (RADIO_RX_OK: it can). */
static enum radio_rx_result cannot_hear(const struct radio802154 *r, const struct radio_arrival *a)
{
    if ((a->flags & RADIO_ARR_DEAF) || r->state == RADIO_ST_OFF || r->state == RADIO_ST_STARTUP)
        return RADIO_DROP_OFF;
    if (a->channel != r->channel)
        return RADIO_DROP_CHANNEL;
    if (a->flags & RADIO_ARR_WEAK)
        return RADIO_DROP_RANGE;
    if (a->flags & RADIO_ARR_LOST)
        return RADIO_DROP_LOSS;
    if (!hears_from(r, a->start_ns))
        return r->state >= RADIO_ST_TX_PREP ? RADIO_DROP_BUSY : RADIO_DROP_IDLE;
    if (r->is_locked)
        return RADIO_DROP_COLLISION;
    return RADIO_RX_OK;
}

static void begin(struct radio802154 *r, const struct radio_arrival *a)
{
    enum radio_rx_result why = cannot_hear(r, a);
    if (why != RADIO_RX_OK) {
        report(r, a, why, a->rssi, 0);
        return;
    }
    r->locked = *a;
    r->is_locked = true;
    radio802154_at(r, &r->rx_end_ev, a->end_ns);
}

/* The arrival event: every frame that has started by now is begun, in order. */
static void arrivals_due(void *ctx)
{
    struct radio802154 *r = ctx;
    uint64_t now = radio802154_now_ns(r);
    int k = 0;
    while (k < r->narrivals && r->arrivals[k].start_ns <= now)
        k++;
    struct radio_arrival due[RADIO_MAX_ARRIVALS];
    for (int i = 0; i < k; i++)
        due[i] = r->arrivals[i];
    for (int i = k; i < r->narrivals; i++)
        r->arrivals[i - k] = r->arrivals[i];
    r->narrivals -= k;
    if (r->narrivals)
        radio802154_at(r, &r->arrive_ev, r->arrivals[0].start_ns);
    for (int i = 0; i < k; i++)
        begin(r, &due[i]);
}

void radio802154_arrive(struct radio802154 *r, const struct radio_arrival *a)
{
    if (r->narrivals == RADIO_MAX_ARRIVALS) {
        report(r, a, RADIO_DROP_BUSY, a->rssi, 0);      /* more at once than a radio could hear */
        return;
    }
    int i = r->narrivals++;
    while (i > 0 && r->arrivals[i - 1].start_ns > a->start_ns) {
        r->arrivals[i] = r->arrivals[i - 1];
        i--;
    }
    r->arrivals[i] = *a;
    radio802154_at(r, &r->arrive_ev, r->arrivals[0].start_ns);
}

/* ---- the end of a frame ---------------------------------------------------------------- */

static uint64_t long_addr(const struct radio802154 *r)
{
    return (uint64_t)r->long_hi << 32 | r->long_lo;
}

static bool to_me(const struct radio802154 *r, const struct ieee802154_mhr *h)
{
    if (h->dst_mode == IEEE802154_ADDR_SHORT)
        return h->dst_addr == r->short_addr && r->short_addr != IEEE802154_BROADCAST;
    return h->dst_mode == IEEE802154_ADDR_LONG && h->dst_addr == long_addr(r);
}

/* Third-level filtering (7.5.6.2) of a beacon, data or command frame. */
static bool accepted(const struct radio802154 *r, const struct ieee802154_mhr *h)
{
    if (r->config & RADIO_CFG_PROMISCUOUS)
        return true;
    if (h->type == IEEE802154_BEACON)
        return r->pan_id == IEEE802154_BROADCAST || h->src_pan == r->pan_id;
    if ((h->type != IEEE802154_DATA && h->type != IEEE802154_COMMAND) || h->dst_mode == IEEE802154_ADDR_NONE)
        return false;
    if (h->has_dst_pan && h->dst_pan != IEEE802154_BROADCAST && h->dst_pan != r->pan_id)
        return false;
    return to_me(r, h) || (h->dst_mode == IEEE802154_ADDR_SHORT && h->dst_addr == IEEE802154_BROADCAST);
}

static bool wants_ack(const struct radio802154 *r, const struct ieee802154_mhr *h)
{
    return (r->config & RADIO_CFG_AUTO_ACK) && (h->fc & IEEE802154_FC_ACK_REQ) && to_me(r, h) &&
           (h->type == IEEE802154_DATA || h->type == IEEE802154_COMMAND) && r->state == RADIO_ST_RX;
}

static void send_ack(struct radio802154 *r, uint8_t seq)
{
    uint8_t *p = r->ack_psdu;
    p[0] = IEEE802154_ACK | ((r->config & RADIO_CFG_PENDING) ? IEEE802154_FC_PENDING : 0);
    p[1] = 0;
    p[2] = seq;
    uint16_t fcs = ieee802154_crc16(p, 3);
    p[3] = (uint8_t)fcs;
    p[4] = (uint8_t)(fcs >> 8);
    radio802154_commit(r, p, 5, true);
}

/* Writes a received frame to RX_ADDR; false (dropped, reported) if the buffer is taken. */
static bool deliver(struct radio802154 *r, const struct radio_arrival *a, const struct radio_fate *f, bool ack)
{
    uint32_t len = a->len - IEEE802154_FCS_LEN;
    if (r->irq_status & RADIO_IRQ_RX_DONE) {
        r->rx_dropped++;
        radio802154_raise(r, RADIO_IRQ_RX_DROPPED);
        report(r, a, RADIO_DROP_OVERFLOW, f->rssi, 0);
        return false;
    }
    if (!r->env.dma || !r->env.dma->write(r->env.dma->ctx, r->rx_addr, a->psdu, len)) {
        trace_guest_error(r->env.trace, r->env.name, "radio RX: cannot write %u bytes at 0x%08x", len, r->rx_addr);
        report(r, a, RADIO_DROP_OVERFLOW, f->rssi, 0);
        return false;
    }
    int lqi = lqi_of(f->sinr_db);
    r->rx_len = len;
    r->rx_info = (uint32_t)lqi | (uint32_t)(uint8_t)(int8_t)f->rssi << 8 | (ack ? 1u << 16 : 0);
    radio802154_raise(r, RADIO_IRQ_RX_DONE);
    report(r, a, RADIO_RX_OK, f->rssi, lqi);
    return true;
}

/* An intact frame: the ACK awaited, or filtered and delivered (and acknowledged). */
static void received(struct radio802154 *r, const struct radio_arrival *a, const struct radio_fate *f)
{
    struct ieee802154_mhr h;
    bool ok = ieee802154_parse_mhr(a->psdu, a->len - IEEE802154_FCS_LEN, &h);
    if (ok && h.type == IEEE802154_ACK && r->state == RADIO_ST_ACK_WAIT && h.seq == r->tx_dsn) {
        report(r, a, RADIO_RX_ACK, f->rssi, lqi_of(f->sinr_db));
        radio802154_acked(r, h.fc & IEEE802154_FC_PENDING);
        return;
    }
    if (!ok || !accepted(r, &h)) {
        report(r, a, RADIO_DROP_FILTERED, f->rssi, 0);
        return;
    }
    bool ack = wants_ack(r, &h);
    if (deliver(r, a, f, ack) && ack)
        send_ack(r, h.seq);
}

static void rx_end(void *ctx)
{
    struct radio802154 *r = ctx;
    if (!r->is_locked)
        return;                         /* restored from a snapshot mid-reception: lost */
    struct radio_arrival a = r->locked;
    struct radio_fate f = { RADIO_RX_OK, a.rssi, 30 };
    r->is_locked = false;
    if (r->link.fate)
        r->link.fate(r->link.ctx, &a, &f);
    if (f.result != RADIO_RX_OK || a.len < 3 + IEEE802154_FCS_LEN)
        report(r, &a, f.result != RADIO_RX_OK ? f.result : RADIO_DROP_CRC, f.rssi, 0);
    else
        received(r, &a, &f);
}

void radio802154_rx_init(struct radio802154 *r)
{
    clock_event_init(&r->arrive_ev, "radio-arrive", arrivals_due, r);
    clock_event_init(&r->rx_end_ev, "radio-rx-end", rx_end, r);
}
