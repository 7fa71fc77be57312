/* ping-pong: two (or more) boards measure round trips. Every second each broadcasts "ping N";
 * a board that hears a ping answers "pong N" to its sender (unicast, acknowledged); the pinger
 * prints the round trip and toggles LED0, the ponger toggles LED1. A random start (RNG) keeps
 * the boards' pings apart. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alarm.h"
#include "ieee802154.h"
#include "led.h"
#include "rng.h"
#include "udiv64.h"

#define PAN 0xabcd
#define CHANNEL 26
#define PERIOD_MS 1000

static ieee802154_ring_t ring;
static unsigned seq;                /* our latest ping */
static uint32_t sent_at;            /* its time, alarm ticks */
static bool waiting;                /* its pong has not come yet */

static void pong(uint16_t to, unsigned n)
{
    char msg[16];
    bool acked = false;
    int len = snprintf(msg, sizeof(msg), "pong %u", n);
    int rc = ieee802154_send(to, msg, (size_t)len, &acked);
    led_toggle(1);
    printf("ping-pong: pong %u to 0x%04x %s\n", n, to, rc ? tock_strerror(rc) : acked ? "acked" : "sent");
}

static void round_trip(uint16_t from, unsigned n)
{
    if (!waiting || n != seq)
        return;
    waiting = false;
    uint32_t us = (uint32_t)udiv64((uint64_t)(alarm_now() - sent_at) * 1000000u, alarm_frequency(), NULL);
    led_toggle(0);
    printf("ping-pong: round trip %u with 0x%04x: %lu.%03lu ms\n", n, from, (unsigned long)(us / 1000),
           (unsigned long)(us % 1000));
}

static void handle(const uint8_t *rec)
{
    size_t len;
    const uint8_t *p = ieee802154_payload(rec, &len);
    char text[16];
    uint16_t src;
    if (len < 6 || len >= sizeof(text) || !ieee802154_src_short(rec, &src))
        return;
    memcpy(text, p, len);
    text[len] = '\0';
    unsigned n = (unsigned)atoi(text + 5);
    if (strncmp(text, "ping ", 5) == 0)
        pong(src, n);
    else if (strncmp(text, "pong ", 5) == 0)
        round_trip(src, n);
}

static void ping(void)
{
    char msg[16];
    int len = snprintf(msg, sizeof(msg), "ping %u", ++seq);
    sent_at = alarm_now();
    waiting = true;
    int rc = ieee802154_send(IEEE802154_BROADCAST, msg, (size_t)len, NULL);
    if (rc)
        printf("ping-pong: ping %u: %s\n", seq, tock_strerror(rc));
}

static volatile bool arrived, ping_due;
static tock_timer_t ping_timer;

static void on_arrival(int lqi, int rssi, int unused, void *ud)
{
    (void)lqi, (void)rssi, (void)unused, (void)ud;
    arrived = true;
}

static void on_ping_time(uint32_t now, uint32_t expiration, void *ud)
{
    (void)now, (void)expiration, (void)ud;
    ping_due = true;
}

/* The first ping, at a random moment: then one a second. */
static void on_first_ping(uint32_t now, uint32_t expiration, void *ud)
{
    on_ping_time(now, expiration, ud);
    timer_every(PERIOD_MS, on_ping_time, NULL, &ping_timer);
}

int main(void)
{
    static uint8_t got[IEEE802154_RING_FRAMES][IEEE802154_RECORD_LEN];     /* not on the 1 KiB stack */
    static tock_timer_t first;
    uint16_t addr;
    uint8_t r[2] = { 0, 0 };
    if (!ieee802154_exists()) {
        printf("ping-pong: no radio (NODEVICE)\n");
        return 0;
    }
    ieee802154_up(PAN, CHANNEL, &addr);
    if (rng_get(r, sizeof r) < 0)
        r[0] = (uint8_t)(addr * 97u);
    printf("ping-pong: 0x%04x ready\n", addr);
    ieee802154_listen(&ring, on_arrival, NULL);
    timer_in(100u + (r[0] | r[1] << 8) % 500u, on_first_ping, NULL, &first);
    for (;;) {
        while (!arrived && !ping_due)
            yield();
        if (arrived) {
            arrived = false;
            int n = ieee802154_drain(&ring, got);
            for (int i = 0; i < n; i++)
                handle(got[i]);
        }
        if (ping_due) {
            ping_due = false;
            ping();
        }
    }
}
