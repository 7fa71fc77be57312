/*
 * tocksim IEEE 802.15.4 radio: registers, commands and the transmit side.
 *
 * Our own device (no QEMU counterpart: QEMU reads 0 / all ones here, which the kernel takes as
 * "no radio"). Register map in radio802154.h and doc/devices/radio802154.md. Reception
 * (arrivals, filtering, automatic ACKs) is radio802154_rx.c.
 *
 * Facts followed: IEEE 802.15.4-2006 2.4 GHz O-QPSK PHY timing (6.5: 62.5 ksymbol/s, 4 bits a
 * symbol; SHR = 4 preamble bytes + SFD; PHR = 1 byte), aTurnaroundTime = 12 symbols, CCA over
 * 8 symbols, unslotted CSMA-CA (7.5.1.4: NB, BE, random(2^BE - 1) unit backoff periods of 20
 * symbols, macMinBE 3, macMaxBE 5, macMaxCSMABackoffs 4), acknowledged transmission with
 * macAckWaitDuration = 54 symbols and macMaxFrameRetries 3 (7.5.6.4). The radio does CSMA-CA,
 * the ACK wait and retries itself, as radios with an "extended operating mode" do (e.g.
 * Atmel's AT86RF233 TX_ARET), so the kernel's driver needs no timer for them.
 *
 * Choices: every state change takes one aTurnaroundTime (also switching on); a transmission
 * started from RX returns to RX afterwards, one started from IDLE to IDLE; during CSMA-CA and
 * its own transmission the radio receives nothing; the frame is read from guest memory when the
 * radio commits to send it (end of the CCA), so the medium learns of it a full turnaround
 * before it starts on the air (sim/radio relies on that lead time).
 */
#include "peripherals/radio/radio802154.h"

#include <string.h>

#include "peripherals/radio/ieee802154_frame.h"

enum {
    A_ID = 0x000, A_VERSION = 0x004, A_STATE = 0x008, A_COMMAND = 0x00c, A_CONFIG = 0x010,
    A_CHANNEL = 0x014, A_TX_POWER = 0x018, A_PAN_ID = 0x01c, A_SHORT_ADDR = 0x020,
    A_LONG_LO = 0x024, A_LONG_HI = 0x028, A_CCA_THRESHOLD = 0x02c, A_CSMA = 0x030,
    A_TX_ADDR = 0x034, A_TX_LEN = 0x038, A_TX_STATUS = 0x03c, A_RX_ADDR = 0x040, A_RX_LEN = 0x044,
    A_RX_INFO = 0x048, A_RX_DROPPED = 0x04c, A_ED_RESULT = 0x050, A_IRQ_STATUS = 0x054,
    A_IRQ_MASK = 0x058,
};

#define CONFIG_RESET  (RADIO_CFG_AUTO_ACK | RADIO_CFG_CSMA | RADIO_CFG_ACK_WAIT)
#define CSMA_RESET    0x3453u     /* min BE 3, max BE 5, 4 backoffs, 3 retries */
#define IRQ_ALL       0x1fu
#define MIN_POWER     (-40)
#define MAX_POWER     10

/* ---- time ------------------------------------------------------------------------------ */

uint64_t radio802154_now_ns(const struct radio802154 *r)
{
    return clock_ns_from_cycles(r->env.clock, r->env.clock->now);
}

/* Schedules e at the first cycle whose time is at least ns. */
void radio802154_at(struct radio802154 *r, struct clock_event *e, uint64_t ns)
{
    uint64_t c = clock_cycles_from_ns(r->env.clock, ns);
    if (clock_ns_from_cycles(r->env.clock, c) < ns)
        c++;
    clock_schedule_at(r->env.clock, e, c);
}

static void after(struct radio802154 *r, uint64_t ns)
{
    radio802154_at(r, &r->ev, radio802154_now_ns(r) + ns);
}

/* ---- interrupt ------------------------------------------------------------------------- */

static void radio_update(struct radio802154 *r)
{
    irq_set(&r->irq, (r->irq_status & r->irq_mask) != 0);
}

void radio802154_raise(struct radio802154 *r, uint32_t bits)
{
    r->irq_status |= bits;
    radio_update(r);
}

/* ---- states ---------------------------------------------------------------------------- */

static void start_tx(struct radio802154 *r);

/* Turns towards RX: listening from one turnaround on. */
void radio802154_turn_to_rx(struct radio802154 *r)
{
    r->state = RADIO_ST_RX_TURN;
    r->listen_from_ns = radio802154_now_ns(r) + RADIO_TURNAROUND_NS;
    after(r, RADIO_TURNAROUND_NS);
}

/* A state where a queued transmission may begin: begins it. */
static void settle(struct radio802154 *r, enum radio_state s)
{
    r->state = s;
    if (r->tx_queued && (s == RADIO_ST_IDLE || s == RADIO_ST_RX)) {
        r->tx_queued = false;
        start_tx(r);
    }
}

/* ---- transmission ---------------------------------------------------------------------- */

static uint32_t csma_field(const struct radio802154 *r, int shift)
{
    return (r->csma >> shift) & 0xf;
}

/* The CSMA-CA draw: splitmix64 over the device's own seeded state (reproducible). */
static uint32_t draw_below(struct radio802154 *r, uint32_t n)
{
    uint64_t z = (r->prng += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return (uint32_t)(z % n);
}

/* Ends the guest's transmission with a TX_STATUS result. */
static void finish_tx(struct radio802154 *r, uint32_t result)
{
    r->tx_status = result | (uint32_t)r->retries << 12;
    radio802154_raise(r, RADIO_IRQ_TX_DONE);
    if (!r->rx_after_tx)
        settle(r, RADIO_ST_IDLE);
    else if (r->state == RADIO_ST_ACK_WAIT)
        settle(r, RADIO_ST_RX);                 /* already listening */
    else
        radio802154_turn_to_rx(r);
}

/* Puts tx_psdu (or the ACK) on the air one turnaround from now. */
void radio802154_commit(struct radio802154 *r, const uint8_t *psdu, uint8_t len, bool is_ack)
{
    radio802154_abort_rx(r, RADIO_DROP_BUSY);
    uint64_t start = radio802154_now_ns(r) + RADIO_TURNAROUND_NS;
    r->tx_is_ack = is_ack;
    r->tx_end_ns = start + (uint64_t)(RADIO_SHR_PHR_BYTES + len) * RADIO_BYTE_NS;
    r->tx_seq++;
    r->state = is_ack ? RADIO_ST_ACK_TX : RADIO_ST_TX;
    r->sub = RADIO_SUB_TURN;
    r->air_psdu = psdu;
    r->air_len = len;
    struct radio_air f = { start, r->tx_end_ns, r->tx_seq, (uint8_t)r->channel, len,
                           (int8_t)r->tx_power, psdu };
    if (r->link.transmit)
        r->link.transmit(r->link.ctx, &f);
    radio802154_at(r, &r->ev, start);
}

static void backoff(struct radio802154 *r)
{
    r->state = RADIO_ST_TX_PREP;
    r->sub = RADIO_SUB_BACKOFF;
    after(r, (uint64_t)draw_below(r, 1u << r->be) * RADIO_BACKOFF_NS);
}

/* One attempt: CSMA-CA (from listening; else turn to RX first), or straight to the air. */
static void attempt(struct radio802154 *r)
{
    if (!(r->config & RADIO_CFG_CSMA)) {
        radio802154_commit(r, r->tx_psdu, r->tx_psdu_len, false);
        return;
    }
    r->nb = 0;
    r->be = (uint8_t)csma_field(r, 0);
    if (r->state == RADIO_ST_RX || r->state == RADIO_ST_ACK_WAIT) {
        backoff(r);
        return;
    }
    r->state = RADIO_ST_TX_PREP;
    r->sub = RADIO_SUB_LISTEN;
    after(r, RADIO_TURNAROUND_NS);
}

static void cca_done(struct radio802154 *r)
{
    uint64_t now = radio802154_now_ns(r);
    int dbm = r->link.energy ? r->link.energy(r->link.ctx, r->channel, now - RADIO_CCA_NS, now) : RADIO_NOISE_DBM;
    if (!r->is_locked && dbm < r->cca_threshold) {
        radio802154_commit(r, r->tx_psdu, r->tx_psdu_len, false);
        return;
    }
    r->nb++;
    uint32_t max_be = csma_field(r, 4);
    r->be = (uint8_t)(r->be + 1u > max_be ? max_be : r->be + 1u);
    if (r->nb > csma_field(r, 8))
        finish_tx(r, RADIO_TX_BUSY);
    else
        backoff(r);
}

/* The TX command: reads the frame, appends the FCS, begins the first attempt. */
static void start_tx(struct radio802154 *r)
{
    uint32_t len = r->tx_len;
    r->retries = 0;
    if (len < 1 || len > IEEE802154_MAX_PSDU - IEEE802154_FCS_LEN || !r->env.dma ||
        !r->env.dma->read(r->env.dma->ctx, r->tx_addr, r->tx_psdu, len)) {
        trace_guest_error(r->env.trace, r->env.name, "radio TX: cannot read %u bytes at 0x%08x", len, r->tx_addr);
        finish_tx(r, RADIO_TX_DMA_ERROR);
        return;
    }
    uint16_t fcs = ieee802154_crc16(r->tx_psdu, len);
    r->tx_psdu[len] = (uint8_t)fcs;
    r->tx_psdu[len + 1] = (uint8_t)(fcs >> 8);
    r->tx_psdu_len = (uint8_t)(len + 2);
    r->tx_ack_req = (r->tx_psdu[0] & IEEE802154_FC_ACK_REQ) && (r->config & RADIO_CFG_ACK_WAIT);
    struct ieee802154_mhr h;
    r->tx_dsn = ieee802154_parse_mhr(r->tx_psdu, len, &h) ? h.seq : 0;
    attempt(r);
}

static void trace_air(struct radio802154 *r)
{
    char hex[2 * IEEE802154_MAX_PSDU + 1];
    for (unsigned i = 0; i < r->air_len; i++) {
        static const char digits[] = "0123456789abcdef";
        hex[2 * i] = digits[r->air_psdu[i] >> 4];
        hex[2 * i + 1] = digits[r->air_psdu[i] & 15];
    }
    hex[2 * r->air_len] = '\0';
    trace_event(r->env.trace, "radio_tx", "\"dev\":\"%s\",\"frame\":%u,\"ch\":%u,\"dbm\":%d,\"len\":%u,\"ack\":%s,\"psdu\":\"%s\"",
                r->env.name, r->tx_seq, r->channel, r->tx_power, r->air_len, r->tx_is_ack ? "true" : "false", hex);
}

/* The frame (or ACK) went out: wait for its ACK, or finish. */
static void air_done(struct radio802154 *r)
{
    if (r->tx_is_ack) {
        radio802154_turn_to_rx(r);
    } else if (r->tx_ack_req) {
        r->state = RADIO_ST_ACK_WAIT;
        r->listen_from_ns = radio802154_now_ns(r);
        radio802154_at(r, &r->ev, r->tx_end_ns + RADIO_ACK_WAIT_NS);
    } else {
        finish_tx(r, RADIO_TX_OK);
    }
}

static void ack_timeout(struct radio802154 *r)
{
    if (r->retries < csma_field(r, 12)) {
        r->retries++;
        attempt(r);
    } else {
        finish_tx(r, RADIO_TX_NOACK);
    }
}

void radio802154_acked(struct radio802154 *r, bool pending)
{
    clock_cancel(r->env.clock, &r->ev);
    finish_tx(r, RADIO_TX_ACKED | (pending ? RADIO_TX_PENDING_BIT : 0));
}

/* ---- the phase machine ----------------------------------------------------------------- */

static void ed_done(struct radio802154 *r)
{
    uint64_t now = radio802154_now_ns(r);
    int dbm = r->link.energy ? r->link.energy(r->link.ctx, r->channel, now - RADIO_CCA_NS, now) : RADIO_NOISE_DBM;
    bool busy = r->is_locked || dbm >= r->cca_threshold;
    r->ed_result = (uint8_t)(int8_t)(dbm < -128 ? -128 : dbm) | (busy ? 1u << 8 : 0);
    radio802154_raise(r, RADIO_IRQ_ED_DONE);
    settle(r, RADIO_ST_RX);
}

static void tx_phase(struct radio802154 *r)
{
    if (r->state == RADIO_ST_TX_PREP && r->sub == RADIO_SUB_LISTEN) {
        r->listen_from_ns = radio802154_now_ns(r);
        backoff(r);
    } else if (r->state == RADIO_ST_TX_PREP && r->sub == RADIO_SUB_BACKOFF) {
        r->sub = RADIO_SUB_CCA;
        after(r, RADIO_CCA_NS);
    } else if (r->state == RADIO_ST_TX_PREP) {
        cca_done(r);
    } else if (r->sub == RADIO_SUB_TURN) {
        r->sub = RADIO_SUB_AIR;
        trace_air(r);
        radio802154_at(r, &r->ev, r->tx_end_ns);
    } else {
        air_done(r);
    }
}

static void phase_done(void *ctx)
{
    struct radio802154 *r = ctx;
    switch (r->state) {
    case RADIO_ST_STARTUP:
        radio802154_raise(r, RADIO_IRQ_READY);
        settle(r, RADIO_ST_IDLE);
        break;
    case RADIO_ST_RX_TURN:
        settle(r, RADIO_ST_RX);
        break;
    case RADIO_ST_ED:
        ed_done(r);
        break;
    case RADIO_ST_ACK_WAIT:
        ack_timeout(r);
        break;
    case RADIO_ST_TX_PREP: case RADIO_ST_TX: case RADIO_ST_ACK_TX:
        tx_phase(r);
        break;
    default:
        break;
    }
}

/* ---- commands -------------------------------------------------------------------------- */

static bool listening_state(enum radio_state s)
{
    return s == RADIO_ST_RX || s == RADIO_ST_RX_TURN || s == RADIO_ST_ED;
}

/* OFF or IDLE: stops whatever the radio does (a transmission ends ABORTED). */
static void stop(struct radio802154 *r, enum radio_state to)
{
    bool sending = r->state >= RADIO_ST_TX_PREP && r->state <= RADIO_ST_ACK_WAIT;
    clock_cancel(r->env.clock, &r->ev);
    radio802154_abort_rx(r, to == RADIO_ST_OFF ? RADIO_DROP_OFF : RADIO_DROP_IDLE);
    r->tx_queued = false;
    r->rx_after_tx = false;
    r->state = to;
    if (sending) {
        r->tx_status = RADIO_TX_ABORTED | (uint32_t)r->retries << 12;
        radio802154_raise(r, RADIO_IRQ_TX_DONE);
    }
}

static void cmd_tx(struct radio802154 *r)
{
    enum radio_state s = r->state;
    if (s == RADIO_ST_OFF || (s >= RADIO_ST_TX_PREP && s != RADIO_ST_ACK_TX) || r->tx_queued) {
        trace_guest_error(r->env.trace, r->env.name, "radio TX: not now (state %d)", s);
        return;
    }
    r->rx_after_tx = listening_state(s) || s == RADIO_ST_ACK_TX;
    if (s == RADIO_ST_IDLE || s == RADIO_ST_RX)
        start_tx(r);
    else
        r->tx_queued = true;                    /* after the startup, turnaround, ED or ACK */
}

static void command(struct radio802154 *r, uint32_t cmd)
{
    enum radio_state s = r->state;
    if (cmd == RADIO_CMD_ON && s == RADIO_ST_OFF) {
        r->state = RADIO_ST_STARTUP;
        after(r, RADIO_STARTUP_NS);
    } else if (cmd == RADIO_CMD_OFF) {
        stop(r, RADIO_ST_OFF);
    } else if (cmd == RADIO_CMD_RX && s == RADIO_ST_IDLE) {
        radio802154_turn_to_rx(r);
    } else if (cmd == RADIO_CMD_RX && (s >= RADIO_ST_TX_PREP || r->tx_queued)) {
        r->rx_after_tx = true;                  /* listen once the transmission is done */
    } else if (cmd == RADIO_CMD_IDLE && s != RADIO_ST_OFF && s != RADIO_ST_STARTUP) {
        stop(r, RADIO_ST_IDLE);
    } else if (cmd == RADIO_CMD_TX) {
        cmd_tx(r);
    } else if (cmd == RADIO_CMD_ED && s == RADIO_ST_RX) {
        r->state = RADIO_ST_ED;
        after(r, RADIO_CCA_NS);
    } else if (!(cmd == RADIO_CMD_ON || cmd == RADIO_CMD_RX)) {
        trace_guest_error(r->env.trace, r->env.name, "radio command %u: not in state %d", cmd, s);
    }
}

/* ---- registers ------------------------------------------------------------------------- */

static uint32_t radio_read(void *dev, uint32_t offset, unsigned size)
{
    struct radio802154 *r = dev;
    (void)size;
    switch (offset) {
    case A_ID: return RADIO_ID;
    case A_VERSION: return RADIO_VERSION;
    case A_STATE: return r->state;
    case A_COMMAND: return 0;
    case A_CONFIG: return r->config;
    case A_CHANNEL: return r->channel;
    case A_TX_POWER: return (uint32_t)r->tx_power;
    case A_PAN_ID: return r->pan_id;
    case A_SHORT_ADDR: return r->short_addr;
    case A_LONG_LO: return r->long_lo;
    case A_LONG_HI: return r->long_hi;
    case A_CCA_THRESHOLD: return (uint32_t)r->cca_threshold;
    case A_CSMA: return r->csma;
    case A_TX_ADDR: return r->tx_addr;
    case A_TX_LEN: return r->tx_len;
    case A_TX_STATUS: return r->tx_status;
    case A_RX_ADDR: return r->rx_addr;
    case A_RX_LEN: return r->rx_len;
    case A_RX_INFO: return r->rx_info;
    case A_RX_DROPPED: return r->rx_dropped;
    case A_ED_RESULT: return r->ed_result;
    case A_IRQ_STATUS: return r->irq_status;
    case A_IRQ_MASK: return r->irq_mask;
    default: break;
    }
    trace_guest_error(r->env.trace, r->env.name, "radio read: bad offset 0x%x", offset);
    return 0;
}

static void write_channel(struct radio802154 *r, uint32_t value)
{
    if (value < RADIO_MIN_CHANNEL || value > RADIO_MAX_CHANNEL) {
        trace_guest_error(r->env.trace, r->env.name, "radio CHANNEL: %u is not 11..26", value);
        return;
    }
    if (value != r->channel)
        radio802154_abort_rx(r, RADIO_DROP_CHANNEL);  /* the synthesizer moved off the frame */
    r->channel = value;
}

static int32_t clamp_power(int32_t v)
{
    return v < MIN_POWER ? MIN_POWER : v > MAX_POWER ? MAX_POWER : v;
}

/* The plain read-write registers; false for the others. */
static bool write_plain(struct radio802154 *r, uint32_t offset, uint32_t value)
{
    switch (offset) {
    case A_CONFIG: r->config = value & 0x2fu; return true;
    case A_TX_POWER: r->tx_power = clamp_power((int32_t)value); return true;
    case A_PAN_ID: r->pan_id = value & 0xffff; return true;
    case A_SHORT_ADDR: r->short_addr = value & 0xffff; return true;
    case A_LONG_LO: r->long_lo = value; return true;
    case A_LONG_HI: r->long_hi = value; return true;
    case A_CCA_THRESHOLD: r->cca_threshold = (int32_t)value; return true;
    case A_CSMA: r->csma = value & 0xffff; return true;
    case A_TX_ADDR: r->tx_addr = value; return true;
    case A_TX_LEN: r->tx_len = value; return true;
    case A_RX_ADDR: r->rx_addr = value; return true;
    case A_RX_DROPPED: r->rx_dropped = 0; return true;
    default: return false;
    }
}

static void radio_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct radio802154 *r = dev;
    (void)size;
    if (write_plain(r, offset, value))
        return;
    switch (offset) {
    case A_COMMAND: command(r, value); return;
    case A_CHANNEL: write_channel(r, value); return;
    case A_IRQ_STATUS: r->irq_status &= ~value; break;
    case A_IRQ_MASK: r->irq_mask = value & IRQ_ALL; break;
    case A_ID: case A_VERSION: case A_STATE: case A_TX_STATUS: case A_RX_LEN: case A_RX_INFO: case A_ED_RESULT:
        trace_guest_error(r->env.trace, r->env.name, "radio write: read-only offset 0x%x", offset);
        return;
    default:
        trace_guest_error(r->env.trace, r->env.name, "radio write: bad offset 0x%x", offset);
        return;
    }
    radio_update(r);
}

void radio802154_reset(void *dev)
{
    struct radio802154 *r = dev;
    clock_cancel(r->env.clock, &r->ev);
    clock_cancel(r->env.clock, &r->arrive_ev);
    clock_cancel(r->env.clock, &r->rx_end_ev);
    r->config = CONFIG_RESET;
    r->channel = RADIO_MIN_CHANNEL;
    r->tx_power = 0;
    r->pan_id = r->short_addr = 0xffff;
    r->long_lo = (uint32_t)r->eui64;
    r->long_hi = (uint32_t)(r->eui64 >> 32);
    r->cca_threshold = -77;
    r->csma = CSMA_RESET;
    r->tx_addr = r->tx_len = r->tx_status = r->rx_addr = r->rx_len = r->rx_info = 0;
    r->rx_dropped = r->ed_result = r->irq_status = r->irq_mask = 0;
    r->state = RADIO_ST_OFF;
    r->tx_queued = r->rx_after_tx = r->is_locked = false;
    r->narrivals = 0;
    r->prng = r->seed;
    radio_update(r);
}

void radio802154_init(struct radio802154 *r, const struct device_env *env, uint64_t seed, uint64_t eui64)
{
    memset(r, 0, sizeof(*r));
    r->env = *env;
    r->seed = seed;
    r->eui64 = eui64;
    clock_event_init(&r->ev, "radio", phase_done, r);
    radio802154_rx_init(r);
    radio802154_reset(r);
}

void radio802154_connect(struct radio802154 *r, const struct radio802154_link *link)
{
    if (link)
        r->link = *link;
    else
        memset(&r->link, 0, sizeof(r->link));
}

/* Snapshots (sim/core/snapshot/snapshot.h): registers, the phase machine and the frame being sent. Not
 * saved: frames on their way in from a medium (their bytes belong to the medium, which is not
 * in a board's snapshot): a restored radio has none, and a reception in progress is lost. */
static void radio_snapshot(const void *dev, struct snap_writer *w)
{
    const struct radio802154 *r = dev;
    uint8_t air = r->air_psdu == r->tx_psdu ? 1 : r->air_psdu == r->ack_psdu ? 2 : 0;
    snap_put(w, SNAP_SPAN(r, seed, ev));
    snap_put(w, SNAP_SPAN(r, listen_from_ns, air_psdu));
    snap_put(w, &air, 1);
    snap_put(w, SNAP_SPAN(r, air_len, arrivals));
    irq_snapshot(&r->irq, w);
    clock_event_snapshot(&r->ev, w);
    clock_event_snapshot(&r->arrive_ev, w);
    clock_event_snapshot(&r->rx_end_ev, w);
}

static void radio_restore(void *dev, struct snap_reader *rd)
{
    struct radio802154 *r = dev;
    uint8_t air = 0;
    snap_get(rd, SNAP_SPAN(r, seed, ev));
    snap_get(rd, SNAP_SPAN(r, listen_from_ns, air_psdu));
    snap_get(rd, &air, 1);
    snap_get(rd, SNAP_SPAN(r, air_len, arrivals));
    r->air_psdu = air == 1 ? r->tx_psdu : air == 2 ? r->ack_psdu : NULL;
    r->narrivals = 0;
    r->is_locked = false;
    irq_restore(&r->irq, rd);
    clock_event_restore(r->env.clock, &r->ev, rd);
    clock_event_restore(r->env.clock, &r->arrive_ev, rd);      /* finds no arrival: harmless */
    clock_event_restore(r->env.clock, &r->rx_end_ev, rd);      /* finds no frame locked on */
}

const struct device_ops radio802154_ops = {
    .kind = "tocksim-radio802154",
    .reset = radio802154_reset,
    .read = radio_read,
    .write = radio_write,
    .snapshot = radio_snapshot,
    .restore = radio_restore,
};
