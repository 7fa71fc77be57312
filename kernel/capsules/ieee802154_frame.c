/* IEEE 802.15.4 MAC headers for the radio capsule (see ieee802154_frame.h). Facts: IEEE
 * 802.15.4-2006 7.2.1 (frame control, addressing fields, 7.6.2 auxiliary security header) and
 * 802.15.4-2015 Table 7-2 (which PAN IDs a 2015 frame carries). */
#include "kernel/capsules/ieee802154_frame.h"

#define FC_SECURITY   (1u << 3)
#define FC_ACK_REQ    (1u << 5)
#define FC_PANID_COMP (1u << 6)
#define FC_SEQ_SUPP   (1u << 8)
#define TYPE_DATA     1u
#define MODE_SHORT    2u
#define VERSION_2006  1u

void ieee802154_data_header(uint8_t *buf, uint16_t pan, uint16_t dst, uint16_t src, uint8_t seq)
{
    uint32_t fc = TYPE_DATA | FC_PANID_COMP | (dst != IEEE802154_BROADCAST_ADDR ? FC_ACK_REQ : 0) |
                  MODE_SHORT << 10 | VERSION_2006 << 12 | MODE_SHORT << 14;
    buf[0] = (uint8_t)fc;
    buf[1] = (uint8_t)(fc >> 8);
    buf[2] = seq;
    buf[3] = (uint8_t)pan;
    buf[4] = (uint8_t)(pan >> 8);
    buf[5] = (uint8_t)dst;
    buf[6] = (uint8_t)(dst >> 8);
    buf[7] = (uint8_t)src;
    buf[8] = (uint8_t)(src >> 8);
}

static int addr_len(uint32_t mode)
{
    return mode == 2 ? 2 : mode == 3 ? 8 : 0;
}

/* Bytes of PAN IDs the frame carries. */
static int pan_bytes(uint32_t fc, uint32_t version, uint32_t dst, uint32_t src)
{
    int comp = (fc & FC_PANID_COMP) != 0;
    if (version < 2)
        return (dst ? 2 : 0) + (src && !comp ? 2 : 0);
    if (!dst && !src)
        return comp ? 2 : 0;
    if (!dst || !src)
        return comp ? 0 : 2;
    if (dst == 3 && src == 3)
        return comp ? 0 : 2;
    return comp ? 2 : 4;
}

int ieee802154_header_len(const uint8_t *frame, uint32_t len)
{
    static const int key_id_len[4] = { 0, 1, 5, 9 };
    if (len < 2)
        return -1;
    uint32_t fc = (uint32_t)(frame[0] | frame[1] << 8), version = (fc >> 12) & 3;
    uint32_t dst = (fc >> 10) & 3, src = (fc >> 14) & 3;
    if (version == 3 || dst == 1 || src == 1)
        return -1;
    int n = 2 + !(version == 2 && (fc & FC_SEQ_SUPP)) + pan_bytes(fc, version, dst, src) + addr_len(dst) +
            addr_len(src);
    if ((fc & FC_SECURITY) && (uint32_t)n < len) {
        uint8_t sc = frame[n];
        n += 1 + (version == 2 && (sc & 0x20) ? 0 : 4) + key_id_len[(sc >> 3) & 3];
    }
    return (uint32_t)n <= len ? n : -1;
}
