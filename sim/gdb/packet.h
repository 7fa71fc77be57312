/* The GDB remote serial protocol's wire format: packet framing, checksums, hex and binary
 * escaping. Pure functions and a byte-fed receiver: no sockets, no machine (tests/check_gdb.c).
 * Reference: GDB's manual, appendix "Remote Serial Protocol", "Overview". */
#ifndef SIM_GDB_PACKET_H
#define SIM_GDB_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest packet payload we accept (advertised as PacketSize in qSupported). */
#define GDB_PACKET_MAX 0x4000

enum gdb_rx_event {
    GDB_RX_NONE,            /* in the middle of something */
    GDB_RX_PACKET,          /* a packet with a good checksum: rx->buf, rx->len (NUL-terminated) */
    GDB_RX_BAD,             /* a packet with a bad checksum or too long: answer '-' */
    GDB_RX_INTERRUPT,       /* 0x03 outside a packet: GDB's Ctrl-C */
    GDB_RX_ACK,             /* '+' */
    GDB_RX_NAK,             /* '-': send the last packet again */
};

/* The receiver: feed it every byte read from GDB. */
struct gdb_rx {
    enum { GDB_RX_IDLE, GDB_RX_DATA, GDB_RX_SUM1, GDB_RX_SUM2 } state;
    char buf[GDB_PACKET_MAX + 1];
    size_t len;
    uint8_t sum;                /* of the data so far */
    uint8_t want;               /* the checksum the packet carries */
    bool overflow;
};

void gdb_rx_init(struct gdb_rx *rx);
enum gdb_rx_event gdb_rx_feed(struct gdb_rx *rx, char c);

/* The modulo-256 sum of the bytes. */
uint8_t gdb_checksum(const char *data, size_t len);
/* "$payload#xx" into out (capacity cap); returns its length, 0 if it does not fit. */
size_t gdb_frame(const char *payload, size_t len, char *out, size_t cap);
/* Binary data for a reply ('#', '$', '}' and '*' become '}' and the byte xor 0x20); returns
 * the escaped length, or 0 if it does not fit in cap (an empty input is also 0). */
size_t gdb_escape(const uint8_t *in, size_t len, char *out, size_t cap);
/* Binary data of an X packet, unescaped in place; returns the new length. */
size_t gdb_unescape(char *data, size_t len);

/* Lower-case hex of the bytes, NUL-terminated (out holds 2 * len + 1). */
void gdb_hex_encode(const void *in, size_t len, char *out);
/* Bytes from 2 * len hex digits; false if one is not a hex digit. */
bool gdb_hex_decode(const char *hex, size_t len, void *out);
/* A 32-bit little-endian register value as 8 hex digits, and back. */
void gdb_hex_u32le(uint32_t v, char out[9]);
bool gdb_parse_u32le(const char *hex, uint32_t *v);
/* A big-endian hex number (addresses, lengths) at *p, at most 16 digits; advances *p past it.
 * False if there is no digit or the value does not fit in 64 bits. */
bool gdb_parse_hex(const char **p, uint64_t *v);

#endif
