/* IEEE 802.15.4 frames as bytes: the frame check sequence and the MAC header's fields. Shared
 * by the radio model (filtering, automatic ACKs) and the medium (traces, scenario checks). */
#ifndef PERIPHERALS_IEEE802154_FRAME_H
#define PERIPHERALS_IEEE802154_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IEEE802154_MAX_PSDU 127     /* aMaxPHYPacketSize */
#define IEEE802154_FCS_LEN  2

/* Frame types (frame control bits 0-2). */
enum { IEEE802154_BEACON = 0, IEEE802154_DATA = 1, IEEE802154_ACK = 2, IEEE802154_COMMAND = 3 };
/* Addressing modes (frame control bits 10-11 and 14-15). */
enum { IEEE802154_ADDR_NONE = 0, IEEE802154_ADDR_SHORT = 2, IEEE802154_ADDR_LONG = 3 };
/* Frame control bits. */
#define IEEE802154_FC_SECURITY   (1u << 3)
#define IEEE802154_FC_PENDING    (1u << 4)
#define IEEE802154_FC_ACK_REQ    (1u << 5)
#define IEEE802154_FC_PANID_COMP (1u << 6)
#define IEEE802154_FC_SEQ_SUPP   (1u << 8)     /* 2015 frames only */
#define IEEE802154_BROADCAST     0xffffu

/* The FCS: CRC-16 ITU-T as 802.15.4 computes it (polynomial x^16 + x^12 + x^5 + 1, bits
 * least significant first, initial value 0, no final inversion: "CRC-16/KERMIT"), sent low
 * byte first. Check value of "123456789": 0x2189. */
uint16_t ieee802154_crc16(const uint8_t *p, size_t n);
/* Whether psdu[0..len) ends with a correct FCS over the bytes before it. */
bool ieee802154_fcs_ok(const uint8_t *psdu, size_t len);

/* The MAC header's fields. Addresses: a short one in the low 16 bits; a long one as the
 * 64-bit number (the frame carries it least significant byte first). */
struct ieee802154_mhr {
    uint16_t fc;                    /* frame control */
    uint8_t type, version, dst_mode, src_mode;
    bool has_seq, has_dst_pan, has_src_pan;
    uint8_t seq;
    uint16_t dst_pan, src_pan;      /* src_pan = dst_pan when compressed */
    uint64_t dst_addr, src_addr;
    uint8_t len;                    /* header bytes, auxiliary security header included */
};

/* Parses the header of frame[0..len) (the PSDU without FCS, or with it). Frame versions 2003,
 * 2006 and 2015 (PAN ID presence by IEEE 802.15.4-2015 Table 7-2); header IEs are not
 * parsed. False if the frame is shorter than its header says or the combination is invalid. */
bool ieee802154_parse_mhr(const uint8_t *frame, size_t len, struct ieee802154_mhr *h);

#endif
