/* Deflate compression for screenshots (RFC 1951 §3.2.6: fixed Huffman codes only, one block)
 * with a greedy LZ77 matcher over hash chains, and the CRC-32 / Adler-32 checksums of PNG and
 * zlib (RFC 1950). Not modelled: dynamic Huffman blocks and lazy matching; the output is valid
 * deflate that any inflater reads, just not as small as zlib's. */
#include "sim/ui/deflate.h"

#include <stdlib.h>
#include <string.h>

#define WINDOW      32768u      /* deflate's maximum match distance */
#define MIN_MATCH   3
#define MAX_MATCH   258
#define HASH_BITS   15
#define MAX_CHAIN   32          /* candidates tried per position */

bool ui_bytes_append(struct ui_bytes *b, const void *p, size_t n)
{
    if (b->oom)
        return false;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n)
            cap *= 2;
        uint8_t *d = realloc(b->data, cap);
        if (!d) {
            b->oom = true;
            return false;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return true;
}

uint32_t ui_deflate_crc32(uint32_t crc, const void *buf, size_t n)
{
    const uint8_t *p = buf;
    crc = ~crc;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

uint32_t ui_deflate_adler32(uint32_t adler, const void *buf, size_t n)
{
    const uint8_t *p = buf;
    uint32_t a = adler & 0xffff, b = adler >> 16;
    while (n) {
        size_t chunk = n < 5552 ? n : 5552;     /* the largest run without a 32-bit overflow */
        n -= chunk;
        while (chunk--) {
            a += *p++;
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    return b << 16 | a;
}

/* ---- bit output (LSB first, as deflate packs bits) ---------------------------------------- */

struct bitout {
    struct ui_bytes *out;
    uint32_t acc;
    int nbits;
};

static void put_bits(struct bitout *o, uint32_t v, int n)
{
    o->acc |= v << o->nbits;
    o->nbits += n;
    while (o->nbits >= 8) {
        uint8_t byte = (uint8_t)o->acc;
        ui_bytes_append(o->out, &byte, 1);
        o->acc >>= 8;
        o->nbits -= 8;
    }
}

/* Huffman codes are defined MSB first: reverse them into the LSB-first stream. */
static void put_code(struct bitout *o, uint32_t code, int len)
{
    uint32_t r = 0;
    for (int i = 0; i < len; i++)
        r |= ((code >> i) & 1) << (len - 1 - i);
    put_bits(o, r, len);
}

/* A literal/length symbol (0..287) in the fixed code of §3.2.6. */
static void put_litlen(struct bitout *o, unsigned sym)
{
    if (sym < 144)
        put_code(o, 0x30 + sym, 8);
    else if (sym < 256)
        put_code(o, 0x190 + sym - 144, 9);
    else if (sym < 280)
        put_code(o, sym - 256, 7);
    else
        put_code(o, 0xc0 + sym - 280, 8);
}

static const uint16_t len_base[29] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint8_t len_extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
    4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t dist_base[30] = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
    257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };
static const uint8_t dist_extra[30] = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
    9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

static void put_match(struct bitout *o, unsigned len, unsigned dist)
{
    int l = 28;
    while (len_base[l] > len)
        l--;
    put_litlen(o, 257 + (unsigned)l);
    put_bits(o, len - len_base[l], len_extra[l]);
    int d = 29;
    while (dist_base[d] > dist)
        d--;
    put_code(o, (uint32_t)d, 5);
    put_bits(o, dist - dist_base[d], dist_extra[d]);
}

/* ---- LZ77 matcher ------------------------------------------------------------------------- */

struct matcher {
    int32_t head[1 << HASH_BITS];   /* last position with this hash, or -1 */
    int32_t *prev;                  /* previous position with the same hash, per position */
};

static unsigned hash3(const uint8_t *p)
{
    return ((unsigned)p[0] << 10 ^ (unsigned)p[1] << 5 ^ p[2]) & ((1u << HASH_BITS) - 1);
}

static void insert(struct matcher *mt, const uint8_t *in, size_t pos)
{
    unsigned h = hash3(in + pos);
    mt->prev[pos] = mt->head[h];
    mt->head[h] = (int32_t)pos;
}

/* Longest earlier match for in[pos..] within the window; its length (0 if < MIN_MATCH). */
static unsigned longest(const struct matcher *mt, const uint8_t *in, size_t n, size_t pos,
                        unsigned *dist)
{
    size_t limit = n - pos < MAX_MATCH ? n - pos : MAX_MATCH;
    unsigned best = 0;
    int32_t cand = mt->head[hash3(in + pos)];
    for (int chain = 0; cand >= 0 && chain < MAX_CHAIN; chain++, cand = mt->prev[cand]) {
        if (pos - (size_t)cand > WINDOW)
            break;
        size_t l = 0;
        while (l < limit && in[(size_t)cand + l] == in[pos + l])
            l++;
        if (l > best) {
            best = (unsigned)l;
            *dist = (unsigned)(pos - (size_t)cand);
            if (l == limit)
                break;
        }
    }
    return best >= MIN_MATCH ? best : 0;
}

bool ui_deflate(const uint8_t *in, size_t n, struct ui_bytes *out)
{
    struct matcher *mt = malloc(sizeof(*mt));
    if (mt)
        mt->prev = malloc((n ? n : 1) * sizeof(int32_t));
    if (!mt || !mt->prev) {
        free(mt);
        out->oom = true;
        return false;
    }
    memset(mt->head, 0xff, sizeof(mt->head));
    struct bitout o = { out, 0, 0 };
    put_bits(&o, 1, 1);                 /* BFINAL */
    put_bits(&o, 1, 2);                 /* BTYPE 01: fixed Huffman codes */
    size_t pos = 0;
    while (pos < n) {
        unsigned dist = 0, len = n - pos >= MIN_MATCH ? longest(mt, in, n, pos, &dist) : 0;
        if (len) {
            put_match(&o, len, dist);
        } else {
            put_litlen(&o, in[pos]);
            len = 1;
        }
        for (size_t end = pos + len; pos < end; pos++)
            if (n - pos >= MIN_MATCH)
                insert(mt, in, pos);
    }
    put_litlen(&o, 256);                /* end of block */
    put_bits(&o, 0, 7);                 /* flush the last partial byte */
    free(mt->prev);
    free(mt);
    return !out->oom;
}
