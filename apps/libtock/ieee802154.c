/* libtock: the IEEE 802.15.4 radio driver (0x30001). Command numbers as Tock's driver and
 * libtock-c (libtock/net/syscalls/ieee802154_syscalls.h); getters return value + 1. */
#include "ieee802154.h"

#include <string.h>

#include "alarm.h"

enum {
    CMD_STATUS = 1, CMD_SET_SHORT = 2, CMD_SET_PAN = 4, CMD_SET_CHANNEL = 5, CMD_SET_POWER = 6,
    CMD_COMMIT = 7, CMD_GET_SHORT = 8, CMD_GET_PAN = 10, CMD_GET_CHANNEL = 11, CMD_GET_POWER = 12,
    CMD_SEND = 26, CMD_SEND_RAW = 27, CMD_SET_LONG_U64 = 28, CMD_GET_LONG_U64 = 29, CMD_ON = 30,
    CMD_OFF = 31,
};
enum { SUB_RX = 0, SUB_TX = 1, RO_TX = 0, RW_RX = 0, RW_CFG = 1 };

static int cmd(uint32_t n, uint32_t a0, uint32_t a1)
{
    return tock_status(command(DRIVER_IEEE802154, n, a0, a1));
}

/* A getter: the driver answers value + 1. */
static int get(uint32_t n, uint32_t *v)
{
    int rc = tock_status_u32(command(DRIVER_IEEE802154, n, 0, 0), v);
    *v -= 1;
    return rc;
}

bool ieee802154_exists(void) { return driver_exists(DRIVER_IEEE802154); }
int ieee802154_radio_on(void) { return cmd(CMD_ON, 0, 0); }
int ieee802154_radio_off(void) { return cmd(CMD_OFF, 0, 0); }
int ieee802154_set_address(uint16_t addr) { return cmd(CMD_SET_SHORT, addr, 0); }
int ieee802154_set_pan(uint16_t pan) { return cmd(CMD_SET_PAN, pan, 0); }
int ieee802154_set_channel(uint8_t channel) { return cmd(CMD_SET_CHANNEL, channel, 0); }
int ieee802154_set_power(int8_t dbm) { return cmd(CMD_SET_POWER, (uint32_t)(int32_t)dbm, 0); }
int ieee802154_config_commit(void) { return cmd(CMD_COMMIT, 0, 0); }

int ieee802154_up(uint16_t pan, uint8_t channel, uint16_t *addr)
{
    uint64_t eui;
    int rc = ieee802154_get_address_long(&eui);
    *addr = (uint16_t)eui;
    if (*addr == 0 || *addr == IEEE802154_BROADCAST)
        *addr = 1;
    if (rc == 0)
        rc = ieee802154_set_address(*addr);
    if (rc == 0)
        rc = ieee802154_set_pan(pan);
    if (rc == 0)
        rc = ieee802154_set_channel(channel);
    if (rc == 0)
        rc = ieee802154_config_commit();
    return rc ? rc : ieee802154_radio_on();
}

int ieee802154_is_on(void)
{
    int rc = cmd(CMD_STATUS, 0, 0);
    return rc == 0 ? 1 : rc == -TOCK_EOFF ? 0 : rc;
}

int ieee802154_set_address_long(uint64_t addr)
{
    return cmd(CMD_SET_LONG_U64, (uint32_t)addr, (uint32_t)(addr >> 32));
}

int ieee802154_get_address_long(uint64_t *addr)
{
    syscall_return_t r = command(DRIVER_IEEE802154, CMD_GET_LONG_U64, 0, 0);
    if (r.variant != TOCK_SUCCESS_U64)
        return tock_status(r) ? tock_status(r) : -TOCK_EBADRVAL;
    *addr = (uint64_t)r.data[1] << 32 | r.data[0];
    return 0;
}

int ieee802154_get_address(uint16_t *addr)
{
    uint32_t v;
    int rc = get(CMD_GET_SHORT, &v);
    *addr = (uint16_t)v;
    return rc;
}

int ieee802154_get_pan(uint16_t *pan)
{
    uint32_t v;
    int rc = get(CMD_GET_PAN, &v);
    *pan = (uint16_t)v;
    return rc;
}

int ieee802154_get_channel(uint8_t *channel)
{
    uint32_t v;
    int rc = get(CMD_GET_CHANNEL, &v);
    *channel = (uint8_t)v;
    return rc;
}

int ieee802154_get_power(int8_t *dbm)
{
    uint32_t v;
    int rc = get(CMD_GET_POWER, &v);
    *dbm = (int8_t)v;
    return rc;
}

/* Issues send command n and waits for its upcall (status, acked). */
static int send_wait(uint32_t n, uint32_t dst, bool *acked)
{
    int rc = cmd(n, dst, 0);
    if (rc == 0) {
        yield_waitfor_return_t r = yield_wait_for(DRIVER_IEEE802154, SUB_TX);
        rc = -(int)r.data0;
        if (acked)
            *acked = r.data1 != 0;
    }
    allow_readonly(DRIVER_IEEE802154, RO_TX, NULL, 0);
    return rc;
}

int ieee802154_send(uint16_t dst, const void *payload, size_t len, bool *acked)
{
    static uint8_t cfg[11];                     /* security level 0: none */
    int rc = tock_status(allow_readwrite(DRIVER_IEEE802154, RW_CFG, cfg, sizeof cfg));
    if (rc == 0)
        rc = tock_status(allow_readonly(DRIVER_IEEE802154, RO_TX, payload, len));
    if (rc == 0)
        rc = send_wait(CMD_SEND, dst, acked);
    allow_readwrite(DRIVER_IEEE802154, RW_CFG, NULL, 0);
    return rc;
}

int ieee802154_send_raw(const void *frame, size_t len, bool *acked)
{
    int rc = tock_status(allow_readonly(DRIVER_IEEE802154, RO_TX, frame, len));
    return rc ? rc : send_wait(CMD_SEND_RAW, 0, acked);
}

int ieee802154_listen(ieee802154_ring_t *ring, upcall_fn *fn, void *ud)
{
    int rc = tock_status(allow_readwrite(DRIVER_IEEE802154, RW_RX, ring->bytes, sizeof ring->bytes));
    return rc ? rc : tock_status(subscribe(DRIVER_IEEE802154, SUB_RX, fn, ud));
}

int ieee802154_unlisten(void)
{
    allow_readwrite(DRIVER_IEEE802154, RW_RX, NULL, 0);
    return tock_status(subscribe(DRIVER_IEEE802154, SUB_RX, NULL, NULL));
}

int ieee802154_take(void)
{
    return tock_status(allow_readwrite(DRIVER_IEEE802154, RW_RX, NULL, 0));
}

int ieee802154_give(ieee802154_ring_t *ring)
{
    return tock_status(allow_readwrite(DRIVER_IEEE802154, RW_RX, ring->bytes, sizeof ring->bytes));
}

int ieee802154_drain(ieee802154_ring_t *ring, uint8_t out[][IEEE802154_RECORD_LEN])
{
    int n = 0;
    ieee802154_take();
    for (const uint8_t *rec; n < IEEE802154_RING_FRAMES && (rec = ieee802154_next(ring)) != NULL; n++)
        memcpy(out[n], rec, IEEE802154_RECORD_LEN);
    ieee802154_give(ring);
    return n;
}

const uint8_t *ieee802154_next(ieee802154_ring_t *ring)
{
    uint8_t *b = ring->bytes;
    if (b[0] == b[1])
        return NULL;
    const uint8_t *rec = b + 2 + b[0] * IEEE802154_RECORD_LEN;
    b[0] = (uint8_t)((b[0] + 1) % IEEE802154_RING_FRAMES);
    return rec;
}

static void wait_timeout(uint32_t now, uint32_t exp, void *ud)
{
    (void)now, (void)exp;
    *(volatile bool *)ud = true;
}

static void wait_arrival(int lqi, int rssi, int unused, void *ud)
{
    int *got = ud;
    (void)unused;
    got[0] = 1, got[1] = rssi, got[2] = lqi;
}

int ieee802154_wait(uint32_t timeout_ms, int *rssi, int *lqi)
{
    volatile bool timed_out = false;
    int got[3] = { 0, 0, 0 };
    tock_timer_t t;
    subscribe(DRIVER_IEEE802154, SUB_RX, wait_arrival, got);
    if (timeout_ms)
        timer_in(timeout_ms, wait_timeout, (void *)&timed_out, &t);
    while (!got[0] && !timed_out)
        yield();
    if (timeout_ms && !timed_out)
        timer_cancel(&t);
    subscribe(DRIVER_IEEE802154, SUB_RX, NULL, NULL);
    if (rssi)
        *rssi = got[1];
    if (lqi)
        *lqi = got[2];
    return got[0];
}

const uint8_t *ieee802154_payload(const uint8_t *record, size_t *len)
{
    *len = record[1];
    return record + record[0];
}

const uint8_t *ieee802154_frame(const uint8_t *record, size_t *len)
{
    *len = (size_t)(record[0] - IEEE802154_RECORD_META) + record[1];
    return record + IEEE802154_RECORD_META;
}

bool ieee802154_src_short(const uint8_t *record, uint16_t *addr)
{
    const uint8_t *f = record + IEEE802154_RECORD_META;
    unsigned dst_mode = (f[1] >> 2) & 3, src_mode = f[1] >> 6, version = (f[1] >> 4) & 3;
    bool comp = f[0] & 0x40;
    if (src_mode != 2 || version == 2)
        return false;                           /* 2003/2006 frames only */
    unsigned at = 3 + (dst_mode ? 2 : 0) + (dst_mode == 2 ? 2 : dst_mode == 3 ? 8 : 0) + (comp ? 0 : 2);
    *addr = (uint16_t)(f[at] | f[at + 1] << 8);
    return true;
}
