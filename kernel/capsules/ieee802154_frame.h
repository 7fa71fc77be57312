/* IEEE 802.15.4 MAC headers for the radio capsule: the data frame header it builds for a
 * process (command 26) and the header length of a received frame (the payload's offset). */
#ifndef KERNEL_CAPSULES_IEEE802154_FRAME_H
#define KERNEL_CAPSULES_IEEE802154_FRAME_H

#include <stdint.h>

#define IEEE802154_DATA_HEADER_LEN 9
#define IEEE802154_BROADCAST_ADDR  0xffffu

/* A 2006 data frame header with PAN ID compression and short addresses into buf (9 bytes);
 * the ACK request bit for unicast destinations only. */
void ieee802154_data_header(uint8_t *buf, uint16_t pan, uint16_t dst, uint16_t src, uint8_t seq);
/* The MAC header length of frame[0..len) (auxiliary security header included), or -1 if it
 * does not parse (2003, 2006 and 2015 frames; header IEs not parsed). */
int ieee802154_header_len(const uint8_t *frame, uint32_t len);

#endif
