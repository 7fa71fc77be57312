/* The GDB remote protocol's wire format (packet.h). */
#include "sim/gdb/packet.h"

#include <string.h>

static const char hexdigits[] = "0123456789abcdef";

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void gdb_rx_init(struct gdb_rx *rx)
{
    rx->state = GDB_RX_IDLE;
    rx->len = 0;
    rx->sum = 0;
    rx->overflow = false;
}

/* Outside a packet: its start, acknowledgements, Ctrl-C; anything else (line noise) is dropped. */
static enum gdb_rx_event feed_idle(struct gdb_rx *rx, char c)
{
    switch (c) {
    case '$':
        rx->state = GDB_RX_DATA;
        rx->len = 0;
        rx->sum = 0;
        rx->overflow = false;
        return GDB_RX_NONE;
    case '+': return GDB_RX_ACK;
    case '-': return GDB_RX_NAK;
    case 0x03: return GDB_RX_INTERRUPT;
    default: return GDB_RX_NONE;
    }
}

enum gdb_rx_event gdb_rx_feed(struct gdb_rx *rx, char c)
{
    int v;
    switch (rx->state) {
    case GDB_RX_IDLE:
        return feed_idle(rx, c);
    case GDB_RX_DATA:
        if (c == '#') {
            rx->state = GDB_RX_SUM1;
            rx->buf[rx->len] = '\0';
        } else if (rx->len < GDB_PACKET_MAX) {
            rx->buf[rx->len++] = c;
            rx->sum += (uint8_t)c;
        } else {
            rx->overflow = true;
        }
        return GDB_RX_NONE;
    case GDB_RX_SUM1:
        v = hexval(c);
        rx->want = (uint8_t)((v < 0 ? 0 : v) << 4);
        rx->overflow |= v < 0;
        rx->state = GDB_RX_SUM2;
        return GDB_RX_NONE;
    case GDB_RX_SUM2:
        v = hexval(c);
        rx->want |= (uint8_t)(v < 0 ? 0 : v);
        rx->state = GDB_RX_IDLE;
        return v < 0 || rx->overflow || rx->want != rx->sum ? GDB_RX_BAD : GDB_RX_PACKET;
    }
    return GDB_RX_NONE;
}

uint8_t gdb_checksum(const char *data, size_t len)
{
    uint8_t sum = 0;
    for (size_t i = 0; i < len; i++)
        sum += (uint8_t)data[i];
    return sum;
}

size_t gdb_frame(const char *payload, size_t len, char *out, size_t cap)
{
    if (len + 4 > cap)
        return 0;
    uint8_t sum = gdb_checksum(payload, len);
    out[0] = '$';
    memcpy(out + 1, payload, len);
    out[len + 1] = '#';
    out[len + 2] = hexdigits[sum >> 4];
    out[len + 3] = hexdigits[sum & 15];
    return len + 4;
}

size_t gdb_escape(const uint8_t *in, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        bool special = in[i] == '#' || in[i] == '$' || in[i] == '}' || in[i] == '*';
        if (n + 1 + special > cap)
            return 0;
        if (special) {
            out[n++] = '}';
            out[n++] = (char)(in[i] ^ 0x20);
        } else {
            out[n++] = (char)in[i];
        }
    }
    return n;
}

size_t gdb_unescape(char *data, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '}' && i + 1 < len)
            data[n++] = (char)(data[++i] ^ 0x20);
        else
            data[n++] = data[i];
    }
    return n;
}

void gdb_hex_encode(const void *in, size_t len, char *out)
{
    const uint8_t *b = in;
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = hexdigits[b[i] >> 4];
        out[2 * i + 1] = hexdigits[b[i] & 15];
    }
    out[2 * len] = '\0';
}

bool gdb_hex_decode(const char *hex, size_t len, void *out)
{
    uint8_t *b = out;
    for (size_t i = 0; i < len; i++) {
        int hi = hexval(hex[2 * i]), lo = hi < 0 ? -1 : hexval(hex[2 * i + 1]);
        if (lo < 0)
            return false;
        b[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

void gdb_hex_u32le(uint32_t v, char out[9])
{
    uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    gdb_hex_encode(b, 4, out);
}

bool gdb_parse_u32le(const char *hex, uint32_t *v)
{
    uint8_t b[4];
    if (!gdb_hex_decode(hex, 4, b))
        return false;
    *v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return true;
}

bool gdb_parse_hex(const char **p, uint64_t *v)
{
    const char *s = *p;
    uint64_t x = 0;
    int n = 0;
    for (int d; (d = hexval(*s)) >= 0; s++, n++) {
        if (n == 16)
            return false;
        x = x << 4 | (uint64_t)d;
    }
    if (n == 0)
        return false;
    *v = x;
    *p = s;
    return true;
}
