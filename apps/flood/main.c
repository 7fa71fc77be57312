/* flood: network-wide flooding with hop counts and duplicate suppression, plus a beacon per
 * board per second for neighbour discovery. The board whose address is 0x0001 originates a
 * flood every 2 s; every board forwards each flood it has not seen before (by origin and
 * sequence number), one hop further, after a random 0-49 ms, up to 16 hops. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alarm.h"
#include "ieee802154.h"
#include "led.h"
#include "rng.h"

#define PAN 0xabcd
#define CHANNEL 26
#define SOURCE 0x0001
#define BEACON_MS 1000
#define FLOOD_MS 2000
#define MAX_HOPS 16
#define SEEN 4                      /* origins remembered */
#define NEIGHBOURS 8

enum { BEACON = 'B', FLOOD = 'F' };

static ieee802154_ring_t ring;
static uint16_t me;
static struct { uint16_t origin, seq; bool used; } seen[SEEN];
static uint16_t neighbours[NEIGHBOURS];
static unsigned nneighbours, floods, last_seq;
static uint8_t random_bytes[16];
static unsigned random_at;

static unsigned random_below(unsigned n)
{
    if (random_at == 0 && rng_get(random_bytes, sizeof random_bytes) < 0)
        memset(random_bytes, (int)(me * 37u), sizeof random_bytes);
    unsigned r = random_bytes[random_at];
    random_at = (random_at + 1) % sizeof random_bytes;
    return r % n;
}

static void send(const uint8_t *msg, size_t len)
{
    int rc = ieee802154_send(IEEE802154_BROADCAST, msg, len, NULL);
    if (rc)
        printf("flood: send: %s\n", tock_strerror(rc));
}

/* Whether (origin, seq) is new; remembers it. */
static bool first_time(uint16_t origin, uint16_t seq)
{
    int free_slot = -1;
    for (int i = 0; i < SEEN; i++) {
        if (seen[i].used && seen[i].origin == origin) {
            if ((int16_t)(seq - seen[i].seq) <= 0)
                return false;
            seen[i].seq = seq;
            return true;
        }
        if (!seen[i].used && free_slot < 0)
            free_slot = i;
    }
    int k = free_slot >= 0 ? free_slot : origin % SEEN;
    seen[k].used = true;
    seen[k].origin = origin;
    seen[k].seq = seq;
    return true;
}

static void on_flood(const uint8_t *p)
{
    uint16_t origin = (uint16_t)(p[1] | p[2] << 8), seq = (uint16_t)(p[3] | p[4] << 8);
    unsigned hops = p[5] + 1u;
    if (origin == me || !first_time(origin, seq))
        return;
    floods++;
    led_toggle(0);
    printf("flood: #%u from 0x%04x, %u hops\n", seq, origin, hops);
    if (hops >= MAX_HOPS)
        return;
    uint8_t fwd[6] = { FLOOD, p[1], p[2], p[3], p[4], (uint8_t)hops };
    delay_ms(random_below(50));
    send(fwd, sizeof fwd);
}

static void on_beacon(const uint8_t *p)
{
    uint16_t from = (uint16_t)(p[1] | p[2] << 8);
    for (unsigned i = 0; i < nneighbours; i++)
        if (neighbours[i] == from)
            return;
    if (nneighbours < NEIGHBOURS)
        neighbours[nneighbours++] = from;
    printf("flood: %u neighbours (0x%04x)\n", nneighbours, from);
}

static void handle(const uint8_t *rec)
{
    size_t len;
    const uint8_t *p = ieee802154_payload(rec, &len);
    if (len >= 6 && p[0] == FLOOD)
        on_flood(p);
    else if (len >= 3 && p[0] == BEACON)
        on_beacon(p);
}

static volatile bool arrived, beacon_due, flood_due;
static tock_timer_t beacon_timer, flood_timer;

static void on_arrival(int lqi, int rssi, int unused, void *ud)
{
    (void)lqi, (void)rssi, (void)unused, (void)ud;
    arrived = true;
}

static void on_timer(uint32_t now, uint32_t expiration, void *ud)
{
    (void)now, (void)expiration;
    *(volatile bool *)ud = true;
}

/* The first beacon, at a random moment of the first second: then one a second. */
static void on_first_beacon(uint32_t now, uint32_t expiration, void *ud)
{
    on_timer(now, expiration, ud);
    timer_every(BEACON_MS, on_timer, (void *)&beacon_due, &beacon_timer);
}

static void beacon(void)
{
    uint8_t b[3] = { BEACON, (uint8_t)me, (uint8_t)(me >> 8) };
    send(b, sizeof b);
}

static void originate(void)
{
    last_seq++;
    uint8_t f[6] = { FLOOD, (uint8_t)me, (uint8_t)(me >> 8), (uint8_t)last_seq, (uint8_t)(last_seq >> 8), 0 };
    printf("flood: origin #%u\n", last_seq);
    send(f, sizeof f);
}

int main(void)
{
    static uint8_t got[IEEE802154_RING_FRAMES][IEEE802154_RECORD_LEN];     /* not on the 1 KiB stack */
    static tock_timer_t first;
    if (!ieee802154_exists()) {
        printf("flood: no radio (NODEVICE)\n");
        return 0;
    }
    ieee802154_up(PAN, CHANNEL, &me);
    printf("flood: 0x%04x ready%s\n", me, me == SOURCE ? " (source)" : "");
    ieee802154_listen(&ring, on_arrival, NULL);
    timer_in(1 + random_below(250) * 4u, on_first_beacon, (void *)&beacon_due, &first);
    if (me == SOURCE)
        timer_every(FLOOD_MS, on_timer, (void *)&flood_due, &flood_timer);
    for (;;) {
        while (!arrived && !beacon_due && !flood_due)
            yield();
        if (arrived) {
            arrived = false;
            int n = ieee802154_drain(&ring, got);
            for (int i = 0; i < n; i++)
                handle(got[i]);
        }
        if (beacon_due) {
            beacon_due = false;
            beacon();
        }
        if (flood_due) {
            flood_due = false;
            originate();
        }
    }
}
