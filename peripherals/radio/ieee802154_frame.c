/*
 * IEEE 802.15.4 frames as bytes (see ieee802154_frame.h).
 *
 * Facts from IEEE 802.15.4-2006 (7.2.1 MAC frame format, 7.2.1.9 FCS, 7.6.2 auxiliary
 * security header) and IEEE 802.15.4-2015 (7.2.2 frame control, Table 7-2: PAN ID presence).
 * Written from the standard's text.
 */
#include "peripherals/radio/ieee802154_frame.h"

uint16_t ieee802154_crc16(const uint8_t *p, size_t n)
{
    uint16_t crc = 0;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int b = 0; b < 8; b++)
            crc = (crc & 1) ? (uint16_t)((crc >> 1) ^ 0x8408u) : (uint16_t)(crc >> 1);
    }
    return crc;
}

bool ieee802154_fcs_ok(const uint8_t *psdu, size_t len)
{
    if (len < IEEE802154_FCS_LEN)
        return false;
    uint16_t fcs = (uint16_t)(psdu[len - 2] | psdu[len - 1] << 8);
    return ieee802154_crc16(psdu, len - 2) == fcs;
}

/* PAN ID presence of a 2015 frame (Table 7-2): by the addressing modes and PAN ID
 * compression. */
static void pans_2015(struct ieee802154_mhr *h, bool comp)
{
    bool dst = h->dst_mode != IEEE802154_ADDR_NONE, src = h->src_mode != IEEE802154_ADDR_NONE;
    if (!dst && !src) {
        h->has_dst_pan = comp;
    } else if (dst != src) {
        h->has_dst_pan = dst && !comp;
        h->has_src_pan = src && !comp;
    } else if (h->dst_mode == IEEE802154_ADDR_LONG && h->src_mode == IEEE802154_ADDR_LONG) {
        h->has_dst_pan = !comp;
    } else {
        h->has_dst_pan = true;
        h->has_src_pan = !comp;
    }
}

static uint64_t get_le(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static int addr_len(uint8_t mode)
{
    return mode == IEEE802154_ADDR_SHORT ? 2 : mode == IEEE802154_ADDR_LONG ? 8 : 0;
}

/* Bytes of the auxiliary security header starting at p (at most n bytes there), or -1. */
static int aux_security_len(const uint8_t *p, size_t n, uint8_t version)
{
    static const int key_id_len[4] = { 0, 1, 5, 9 };
    if (n < 1)
        return -1;
    bool no_counter = version == 2 && (p[0] & 0x20);
    return 1 + (no_counter ? 0 : 4) + key_id_len[(p[0] >> 3) & 3];
}

/* Reads a PAN ID or address field of n bytes at *at; false if the frame is too short. */
static bool field(const uint8_t *frame, size_t len, size_t *at, int n, uint64_t *out)
{
    if (*at + (size_t)n > len)
        return false;
    *out = get_le(frame + *at, n);
    *at += (size_t)n;
    return true;
}

static bool parse_addressing(const uint8_t *frame, size_t len, struct ieee802154_mhr *h, size_t *at)
{
    uint64_t v = 0;
    if (h->has_dst_pan && !field(frame, len, at, 2, &v))
        return false;
    h->dst_pan = (uint16_t)v;
    if (!field(frame, len, at, addr_len(h->dst_mode), &h->dst_addr))
        return false;
    v = h->dst_pan;
    if (h->has_src_pan && !field(frame, len, at, 2, &v))
        return false;
    h->src_pan = (uint16_t)v;
    return field(frame, len, at, addr_len(h->src_mode), &h->src_addr);
}

bool ieee802154_parse_mhr(const uint8_t *frame, size_t len, struct ieee802154_mhr *h)
{
    *h = (struct ieee802154_mhr){ 0 };
    if (len < 2)
        return false;
    h->fc = (uint16_t)(frame[0] | frame[1] << 8);
    h->type = h->fc & 7;
    h->version = (h->fc >> 12) & 3;
    h->dst_mode = (h->fc >> 10) & 3;
    h->src_mode = (h->fc >> 14) & 3;
    bool comp = h->fc & IEEE802154_FC_PANID_COMP;
    if (h->version == 3 || h->dst_mode == 1 || h->src_mode == 1)
        return false;
    h->has_seq = !(h->version == 2 && (h->fc & IEEE802154_FC_SEQ_SUPP));
    if (h->version == 2) {
        pans_2015(h, comp);
    } else {
        h->has_dst_pan = h->dst_mode != IEEE802154_ADDR_NONE;
        h->has_src_pan = h->src_mode != IEEE802154_ADDR_NONE && !comp;
        if (comp && (!h->has_dst_pan || h->src_mode == IEEE802154_ADDR_NONE))
            return false;                           /* compression without both addresses */
    }
    size_t at = 2;
    if (h->has_seq && at < len)
        h->seq = frame[at++];
    else if (h->has_seq)
        return false;
    if (!parse_addressing(frame, len, h, &at))
        return false;
    if (h->fc & IEEE802154_FC_SECURITY) {
        int n = aux_security_len(frame + at, len - at, h->version);
        if (n < 0 || at + (size_t)n > len)
            return false;
        at += (size_t)n;
    }
    h->len = (uint8_t)at;
    return true;
}
