/* Capsule: IEEE 802.15.4 (driver 0x30001), compatible with Tock's ieee802154 driver
 * (capsules/extra/src/ieee802154/driver.rs and its raw sibling phy_driver.rs) as libtock-c
 * calls it (libtock/net/ieee802154.c); doc/drivers/ieee802154.md. Command numbers and results:
 *   0 exists; 1 status (Success on, OFF off); 2 set short address (a0); 3 set long address
 *   (CFG, 8 bytes); 4 set PAN (a0); 5 set channel (a0, 11..26); 6 set TX power (a0, dBm,
 *   -40..10); 7 commit (settings apply at once: Success); getters plus one, as Tock's: 8 short
 *   address, 9 long address (into CFG), 10 PAN, 11 channel, 12 power; 13-25 the neighbor and
 *   key tables (ieee802154_tables.c); 26 send (a0 = destination short address; the capsule
 *   frames the payload of RO allow 0: data frame, PAN, addresses, sequence number, ACK request
 *   for unicast; CFG holds the security level, which must be 0: NOSUPPORT otherwise);
 *   27 send raw (RO allow 0 is the whole frame without FCS); 28 set long address (a0 low, a1
 *   high word); 29 get long address (Success u64); 30 radio on; 31 radio off.
 *   Upcall 0 frame received (LQI, RSSI, 0), written to each process's RW allow 0 ring buffer;
 *   upcall 1 transmitted (status, acked, 0). BUSY if the process already has a transmission
 *   pending; transmissions of several processes go out one after another, round robin. */
#include <stdint.h>
#include <string.h>

#include "kernel/capsules/ieee802154.h"
#include "kernel/capsules/ieee802154_frame.h"
#include "kernel/core/grant.h"
#include "kernel/core/process.h"
#include "kernel/core/upcall.h"

enum { UP_RX = 0, UP_TX = 1 };
enum { RO_TX = 0, RW_RX = 0, RW_CFG = 1 };
enum { PENDING_NONE, PENDING_FRAMED, PENDING_RAW };

/* The ring buffer libtock-c hands over: read index, write index, then frames of 3 bytes of
 * metadata (payload offset in the frame record, payload length, MIC length) and 127 bytes. */
#define RING_META 2u
#define FRAME_META 3u
#define RING_FRAME (FRAME_META + 127u)

struct ieee802154_grant {
    uint16_t dst;
    uint8_t pending;
};

static const struct hil_radio *radio;
static struct {
    uint16_t short_addr, pan;
    uint64_t long_addr;
    uint8_t channel, seq;
    int8_t power;
} mac;
static uint8_t tx_frame[HIL_RADIO_MAX_FRAME];
static int tx_owner = -1;                   /* process index of the transmission in flight */
static uint32_t tx_owner_id;                /* ... and its identifier */
static int last_sender;                     /* round robin goes on after this process index */

uint8_t *ieee802154_cfg(struct process *p, uint32_t len, struct syscall_ret *ret)
{
    uint8_t *cfg;
    uint32_t have = grant_buffer(p, &ieee802154_driver, BUF_RW, RW_CFG, &cfg);
    *ret = ret_failure(have ? ERR_SIZE : ERR_INVAL);
    return have == len ? cfg : NULL;
}

/* ---- sending ----------------------------------------------------------------------------- */

/* Builds p's pending frame into tx_frame and hands it to the radio; 0 or an ErrorCode. */
static int perform(struct process *p, struct ieee802154_grant *g)
{
    uint8_t *payload;
    uint32_t plen = grant_buffer(p, &ieee802154_driver, BUF_RO, RO_TX, &payload);
    uint32_t hlen = g->pending == PENDING_FRAMED ? IEEE802154_DATA_HEADER_LEN : 0;
    g->pending = PENDING_NONE;
    if (hlen + plen > HIL_RADIO_MAX_FRAME || hlen + plen == 0)
        return ERR_SIZE;
    if (hlen)
        ieee802154_data_header(tx_frame, mac.pan, g->dst, mac.short_addr, mac.seq);
    if (plen)
        memcpy(tx_frame + hlen, payload, plen);
    int rc = radio->transmit(radio->dev, tx_frame, hlen + plen);
    if (rc)
        return rc;
    mac.seq = (uint8_t)(mac.seq + (hlen != 0));
    tx_owner = last_sender = p->index;
    tx_owner_id = p->id;
    return 0;
}

/* The next process with a transmission pending, round robin after the last sender. */
static struct process *next_sender(struct ieee802154_grant **out)
{
    for (int k = 1; k <= PROCESS_MAX; k++) {
        struct process *p = &processes[(last_sender + k) % PROCESS_MAX];
        struct ieee802154_grant *g = process_alive(p) ? grant_data_peek(p, &ieee802154_driver) : NULL;
        if (g && g->pending) {
            *out = g;
            return p;
        }
    }
    return NULL;
}

/* Starts pending transmissions until one is in flight; a failure is the sender's upcall,
 * except for `caller`'s own, which is its command's result. */
static int next_tx(struct process *caller)
{
    int result = 0;
    struct ieee802154_grant *g;
    struct process *p;
    while (tx_owner < 0 && (p = next_sender(&g)) != NULL) {
        int rc = perform(p, g);
        if (p == caller)
            result = rc;
        else if (rc)
            upcall_schedule(p, &ieee802154_driver, UP_TX, (uint32_t)rc, 0, 0);
    }
    return result;
}

static void tx_done(void *ctx, int status, int acked)
{
    (void)ctx;
    struct process *p = tx_owner >= 0 ? process_lookup((unsigned)tx_owner, tx_owner_id) : NULL;
    tx_owner = -1;
    if (p)
        upcall_schedule(p, &ieee802154_driver, UP_TX, (uint32_t)status, (uint32_t)(acked != 0), 0);
    next_tx(NULL);
}

static struct syscall_ret send(struct process *p, uint32_t kind, uint32_t dst)
{
    struct ieee802154_grant *g = grant_data(p, &ieee802154_driver);
    uint8_t *cfg;
    if (g->pending)
        return ret_failure(ERR_BUSY);
    if (kind == PENDING_FRAMED) {
        /* Tock wants exactly 11 CFG bytes, libtock-c allows 27: the level comes first in both. */
        if (grant_buffer(p, &ieee802154_driver, BUF_RW, RW_CFG, &cfg) < 11 || cfg[0] > 7 || cfg[0] == 4)
            return ret_failure(ERR_INVAL);
        if (cfg[0] != 0)
            return ret_failure(ERR_NOSUPPORT);      /* no link-layer security */
    }
    g->pending = (uint8_t)kind;
    g->dst = (uint16_t)dst;
    int rc = next_tx(p);
    return rc ? ret_failure((enum errorcode)rc) : ret_success();
}

/* ---- receiving ---------------------------------------------------------------------------- */

/* Writes frame into p's ring buffer; 0 if p has no valid one. */
static int ring_put(struct process *p, const uint8_t *frame, uint32_t len, int hlen)
{
    uint8_t *ring;
    uint32_t n = grant_buffer(p, &ieee802154_driver, BUF_RW, RW_RX, &ring);
    if (n <= RING_META || (n - RING_META) % RING_FRAME)
        return 0;
    uint32_t slots = (n - RING_META) / RING_FRAME, rd = ring[0], wr = ring[1];
    if (rd >= slots || wr >= slots)
        return 0;
    uint8_t *rec = ring + RING_META + wr * RING_FRAME;
    /* libtock-c reads the payload at record + rec[0] and the header at record + 3. */
    rec[0] = (uint8_t)(FRAME_META + (uint32_t)hlen);
    rec[1] = (uint8_t)(len - (uint32_t)hlen);
    rec[2] = 0;
    memcpy(rec + FRAME_META, frame, len);
    wr = (wr + 1) % slots;
    if (wr == rd)                                   /* full: the oldest frame goes */
        ring[0] = (uint8_t)((rd + 1) % slots);
    ring[1] = (uint8_t)wr;
    return 1;
}

static void rx(void *ctx, const uint8_t *frame, uint32_t len, int rssi, uint8_t lqi)
{
    (void)ctx;
    int hlen = ieee802154_header_len(frame, len);
    if (hlen < 0)
        return;                                     /* Tock's framer drops what it cannot parse */
    for (struct process *p = NULL; (p = process_next(p)) != NULL;)
        if (grant_data_peek(p, &ieee802154_driver) && ring_put(p, frame, len, hlen))
            upcall_schedule(p, &ieee802154_driver, UP_RX, lqi, (uint32_t)rssi, 0);
}

static const struct hil_radio_client client = { tx_done, rx, 0 };

/* ---- settings ------------------------------------------------------------------------------ */

static uint64_t be64(const uint8_t *b)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | b[i];
    return v;
}

static void set_long(uint64_t addr)
{
    mac.long_addr = addr;
    radio->set_address_long(radio->dev, addr);
}

static struct syscall_ret long_cfg(struct process *p, int set)
{
    struct syscall_ret ret;
    uint8_t *cfg = ieee802154_cfg(p, 8, &ret);
    if (!cfg)
        return ret;
    if (set)
        set_long(be64(cfg));
    for (int i = 0; !set && i < 8; i++)
        cfg[i] = (uint8_t)(mac.long_addr >> (56 - 8 * i));
    return ret_success();
}

static struct syscall_ret set_channel(uint32_t ch)
{
    if (ch < 11 || ch > 26)
        return ret_failure(ERR_INVAL);
    mac.channel = (uint8_t)ch;
    radio->set_channel(radio->dev, mac.channel);
    return ret_success();
}

static struct syscall_ret set_power(uint32_t a0)
{
    int32_t dbm = (int32_t)a0;
    if (dbm < -40 || dbm > 10)
        return ret_failure(ERR_INVAL);
    mac.power = (int8_t)dbm;
    radio->set_tx_power(radio->dev, mac.power);
    return ret_success();
}

static struct syscall_ret setting(struct process *p, uint32_t cmd, uint32_t a0, uint32_t a1)
{
    switch (cmd) {
    case 2: mac.short_addr = (uint16_t)a0; radio->set_address(radio->dev, mac.short_addr); return ret_success();
    case 3: return long_cfg(p, 1);
    case 4: mac.pan = (uint16_t)a0; radio->set_pan(radio->dev, mac.pan); return ret_success();
    case 5: return set_channel(a0);
    case 6: return set_power(a0);
    case 7: return ret_success();
    case 8: return ret_success_u32(mac.short_addr + 1u);
    case 9: return long_cfg(p, 0);
    case 10: return ret_success_u32(mac.pan + 1u);
    case 11: return ret_success_u32(mac.channel + 1u);
    case 12: return ret_success_u32((uint32_t)(int32_t)mac.power + 1u);
    case 28: set_long((uint64_t)a1 << 32 | a0); return ret_success();
    default: return ret_success_u64(mac.long_addr);      /* 29 */
    }
}

static struct syscall_ret ieee802154_command(struct process *p, uint32_t cmd, uint32_t a0, uint32_t a1)
{
    if (!grant_data(p, &ieee802154_driver))
        return ret_failure(ERR_NOMEM);
    if ((cmd >= 2 && cmd <= 12) || cmd == 28 || cmd == 29)
        return setting(p, cmd, a0, a1);
    if (cmd >= 13 && cmd <= 25)
        return ieee802154_table_command(p, cmd, a0);
    switch (cmd) {
    case 0: return ret_success();
    case 1: return radio->is_on(radio->dev) ? ret_success() : ret_failure(ERR_OFF);
    case 26: return send(p, PENDING_FRAMED, a0);
    case 27: return send(p, PENDING_RAW, 0);
    case 30: return radio->start(radio->dev) ? ret_failure(ERR_FAIL) : ret_success();
    case 31: return radio->stop(radio->dev) ? ret_failure(ERR_FAIL) : ret_success();
    default: return ret_failure(ERR_NOSUPPORT);
    }
}

const struct driver ieee802154_driver = {
    .num = IEEE802154_DRIVER_NUM,
    .name = "ieee802154",
    .num_upcalls = 2,
    .num_allow_ro = 1,
    .num_allow_rw = 2,
    .grant_size = sizeof(struct ieee802154_grant),
    .command = ieee802154_command,
};

void ieee802154_capsule_init(const struct hil_radio *r)
{
    radio = r;
    tx_owner = -1;
    last_sender = PROCESS_MAX - 1;
    mac.short_addr = 0xffff;
    mac.pan = 0xabcd;
    mac.long_addr = r->get_address_long(r->dev);       /* the factory address */
    mac.seq = 0;
    ieee802154_tables_reset();
    set_channel(26);
    set_power(0);
    radio->set_address(radio->dev, mac.short_addr);
    radio->set_pan(radio->dev, mac.pan);
    radio->set_client(radio->dev, &client);
    radio->start(radio->dev);
}
