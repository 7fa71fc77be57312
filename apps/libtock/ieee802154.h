/* libtock: the IEEE 802.15.4 radio driver (0x30001, doc/drivers/ieee802154.md). */
#ifndef LIBTOCK_IEEE802154_H
#define LIBTOCK_IEEE802154_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tock.h"

/*
 * Settings apply at once (config commit is accepted for libtock-c's sake). Sending: the kernel
 * frames the payload (data frame, our PAN and short address, a sequence number, an ACK request
 * for unicast destinations) or sends a frame as given (raw); the radio does CSMA-CA, waits for
 * the ACK and retries. Receiving: the kernel writes every frame the radio accepts into a ring
 * buffer of the app's (libtock-c's layout), then calls the app's upcall (LQI, RSSI, 0).
 * All functions return 0 or -ErrorCode; getters store their value through the pointer.
 */

#define IEEE802154_BROADCAST 0xffff

bool ieee802154_exists(void);
/* Joins PAN pan on channel with the short address taken from the radio's factory extended
 * address (its low 16 bits; on tocksim the board's seed), stored in *addr, and switches on. */
int ieee802154_up(uint16_t pan, uint8_t channel, uint16_t *addr);
int ieee802154_radio_on(void);
int ieee802154_radio_off(void);
/* 1 if the radio is on, 0 if off, or -ErrorCode. */
int ieee802154_is_on(void);

int ieee802154_set_address(uint16_t addr);
int ieee802154_set_address_long(uint64_t addr);
int ieee802154_set_pan(uint16_t pan);
int ieee802154_set_channel(uint8_t channel);        /* 11..26 */
int ieee802154_set_power(int8_t dbm);
int ieee802154_config_commit(void);
int ieee802154_get_address(uint16_t *addr);
int ieee802154_get_address_long(uint64_t *addr);
int ieee802154_get_pan(uint16_t *pan);
int ieee802154_get_channel(uint8_t *channel);
int ieee802154_get_power(int8_t *dbm);

/* Sends payload to the short address dst (IEEE802154_BROADCAST: everyone) and waits until it
 * is done: 0 (acked: whether the destination acknowledged it), -ENOACK, -EBUSY (channel busy). */
int ieee802154_send(uint16_t dst, const void *payload, size_t len, bool *acked);
/* Sends a whole frame (MAC header and payload, no FCS) and waits until it is done. */
int ieee802154_send_raw(const void *frame, size_t len, bool *acked);

/* The receive ring buffer: read index, write index, then IEEE802154_RING_FRAMES records of
 * 3 bytes of metadata (payload offset in the record, payload length, MIC length) and the frame
 * (MAC header and payload). */
#define IEEE802154_RECORD_META  3
#define IEEE802154_RECORD_LEN   (IEEE802154_RECORD_META + 127)
#define IEEE802154_RING_FRAMES  3
#define IEEE802154_RING_LEN     (2 + IEEE802154_RING_FRAMES * IEEE802154_RECORD_LEN)
typedef struct {
    uint8_t bytes[IEEE802154_RING_LEN];
} ieee802154_ring_t;

/* Hands the ring to the kernel and subscribes fn(lqi, rssi, 0, ud) to arrivals (NULL: none). */
int ieee802154_listen(ieee802154_ring_t *ring, upcall_fn *fn, void *ud);
/* Takes the ring back (the kernel no longer writes it) and drops the subscription. */
int ieee802154_unlisten(void);
/* Takes the ring back to read it (TRD104: an allowed buffer belongs to the kernel) / gives it
 * back; the subscription stays. Frames arriving in between are not kept for this app. */
int ieee802154_take(void);
int ieee802154_give(ieee802154_ring_t *ring);
/* The oldest unread record in the ring, marked read; NULL if none. Call with the ring taken
 * back (or from the arrival upcall, which the kernel ran after writing it). */
const uint8_t *ieee802154_next(ieee802154_ring_t *ring);
/* Copies out every unread record (at most IEEE802154_RING_FRAMES) with the ring taken back,
 * gives it back, and returns how many. */
int ieee802154_drain(ieee802154_ring_t *ring, uint8_t out[][IEEE802154_RECORD_LEN]);
/* Waits up to timeout_ms (0: for ever) for an arrival while listening without an upcall;
 * returns 1 if a frame came (ring holds it), 0 on timeout. *rssi and *lqi (may be NULL): the
 * arrival's. */
int ieee802154_wait(uint32_t timeout_ms, int *rssi, int *lqi);

/* A record's payload and its length. */
const uint8_t *ieee802154_payload(const uint8_t *record, size_t *len);
/* A record's frame (MAC header and payload) and its length. */
const uint8_t *ieee802154_frame(const uint8_t *record, size_t *len);
/* The short source address of a received frame; false if it has none. */
bool ieee802154_src_short(const uint8_t *record, uint16_t *addr);

#endif
