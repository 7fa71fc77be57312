/*
 * The medium's capture: a pcap file (the libpcap format with nanosecond timestamps, magic
 * 0xa1b23c4d) of every frame put on the air, link type LINKTYPE_IEEE802_15_4_TAP (283, the
 * tcpdump.org registry): each record is a TAP header (version 0, reserved, length of header and
 * TLVs) with two TLVs, the FCS type (type 0: 1 = 16-bit CRC) and the channel assignment (type 3:
 * channel number, channel page 0), then the PSDU with its FCS. The time is the frame's first
 * preamble symbol. Wireshark and tshark decode it as "IEEE 802.15.4 TAP" (wpan-tap) and check
 * the FCS. All fields little-endian.
 */
#include "sim/radio/internal.h"

#define LINKTYPE_IEEE802_15_4_TAP 283u
#define TAP_FCS_TYPE   0u
#define TAP_CHANNEL    3u
#define TAP_FCS_16_BIT 1u
#define TAP_LEN        20u              /* header 4 + FCS TLV 8 + channel TLV 8 */

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v);
    put16(p + 2, v >> 16);
}

bool medium_pcap_header(FILE *f)
{
    uint8_t h[24] = { 0 };
    put32(h, 0xa1b23c4du);              /* nanosecond timestamps */
    put16(h + 4, 2);
    put16(h + 6, 4);
    put32(h + 16, 65535);               /* snap length */
    put32(h + 20, LINKTYPE_IEEE802_15_4_TAP);
    return fwrite(h, 1, sizeof h, f) == sizeof h;
}

void medium_pcap_frame(FILE *f, const struct medium_frame *fr)
{
    uint8_t rec[16 + TAP_LEN] = { 0 };
    uint32_t len = TAP_LEN + fr->len;
    put32(rec, (uint32_t)(fr->start_ns / 1000000000u));
    put32(rec + 4, (uint32_t)(fr->start_ns % 1000000000u));
    put32(rec + 8, len);
    put32(rec + 12, len);
    uint8_t *tap = rec + 16;
    put16(tap + 2, TAP_LEN);            /* version 0, reserved 0 */
    put16(tap + 4, TAP_FCS_TYPE);
    put16(tap + 6, 1);
    tap[8] = TAP_FCS_16_BIT;            /* value padded to 4 bytes */
    put16(tap + 12, TAP_CHANNEL);
    put16(tap + 14, 3);
    put16(tap + 16, fr->channel);       /* channel page 0, padding */
    fwrite(rec, 1, sizeof rec, f);
    fwrite(fr->psdu, 1, fr->len, f);
}
