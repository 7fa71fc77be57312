/* Deflate decompression after RFC 1951, decoding canonical Huffman codes bit by bit from
 * per-length counts (the method of zlib's contrib/puff: small and easy to check, not fast).
 * Used to read PNG files back: screenshot tests and reference-image comparisons. */
#include "sim/ui/inflate.h"

#include <stdio.h>
#include <string.h>

#define MAX_BITS 15

struct inflate_state {
    const uint8_t *in;
    size_t n, pos;
    uint32_t bitbuf;
    int bitcnt;
    bool overrun;               /* read past the end of the input */
    struct ui_bytes *out;
};

/* A canonical Huffman code: how many codes of each length, and the symbols in code order. */
struct huffman {
    uint16_t count[MAX_BITS + 1];
    uint16_t symbol[288];
};

static uint32_t bits(struct inflate_state *s, int need)
{
    uint32_t v = s->bitbuf;
    while (s->bitcnt < need) {
        if (s->pos == s->n) {
            s->overrun = true;
            return 0;
        }
        v |= (uint32_t)s->in[s->pos++] << s->bitcnt;
        s->bitcnt += 8;
    }
    s->bitbuf = (uint32_t)((uint64_t)v >> need);
    s->bitcnt -= need;
    return v & ((1u << need) - 1);
}

/* Builds h from code lengths; false if the lengths over-subscribe the code space. Incomplete
 * codes are accepted (RFC 1951 allows a single distance code). */
static bool huffman_build(struct huffman *h, const uint8_t *lengths, int n)
{
    uint16_t offs[MAX_BITS + 1];
    memset(h->count, 0, sizeof(h->count));
    for (int i = 0; i < n; i++)
        h->count[lengths[i]]++;
    int left = 1;
    for (int len = 1; len <= MAX_BITS; len++) {
        left = left * 2 - h->count[len];
        if (left < 0)
            return false;
    }
    offs[1] = 0;
    for (int len = 1; len < MAX_BITS; len++)
        offs[len + 1] = offs[len] + h->count[len];
    for (int i = 0; i < n; i++)
        if (lengths[i])
            h->symbol[offs[lengths[i]]++] = (uint16_t)i;
    return true;
}

/* Next symbol of code h, or -1 on a bad code or overrun. */
static int decode(struct inflate_state *s, const struct huffman *h)
{
    int code = 0, first = 0, index = 0;
    for (int len = 1; len <= MAX_BITS; len++) {
        code |= (int)bits(s, 1);
        if (s->overrun)
            return -1;
        int count = h->count[len];
        if (code - count < first)
            return h->symbol[index + (code - first)];
        index += count;
        first = (first + count) << 1;
        code <<= 1;
    }
    return -1;
}

static const char *stored(struct inflate_state *s)
{
    s->bitbuf = 0;                      /* skip to the byte boundary */
    s->bitcnt = 0;
    if (s->n - s->pos < 4)
        return "truncated stored block header";
    unsigned len = s->in[s->pos] | s->in[s->pos + 1] << 8;
    unsigned nlen = s->in[s->pos + 2] | s->in[s->pos + 3] << 8;
    s->pos += 4;
    if (len != (~nlen & 0xffff))
        return "stored block length check failed";
    if (s->n - s->pos < len)
        return "truncated stored block";
    ui_bytes_append(s->out, s->in + s->pos, len);
    s->pos += len;
    return NULL;
}

static const uint16_t len_base[29] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint8_t len_extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
    4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t dist_base[30] = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
    257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };
static const uint8_t dist_extra[30] = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
    9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

/* Copies a match of len bytes from dist back (overlapping copies repeat, as deflate means). */
static const char *copy_match(struct inflate_state *s, unsigned len, unsigned dist)
{
    if (dist > s->out->len)
        return "match distance before the start of the data";
    for (unsigned i = 0; i < len; i++) {
        uint8_t byte = s->out->data[s->out->len - dist];
        if (!ui_bytes_append(s->out, &byte, 1))
            return "out of memory";
    }
    return NULL;
}

/* Decodes one block's symbols with the literal/length code lc and distance code dc. */
static const char *codes(struct inflate_state *s, const struct huffman *lc, const struct huffman *dc)
{
    for (;;) {
        int sym = decode(s, lc);
        if (sym < 0)
            return s->overrun ? "truncated data" : "bad literal/length code";
        if (sym < 256) {
            uint8_t byte = (uint8_t)sym;
            ui_bytes_append(s->out, &byte, 1);
            continue;
        }
        if (sym == 256)
            return NULL;
        sym -= 257;
        if (sym >= 29)
            return "bad length symbol";
        unsigned len = len_base[sym] + bits(s, len_extra[sym]);
        int d = decode(s, dc);
        if (d < 0 || d >= 30)
            return s->overrun ? "truncated data" : "bad distance code";
        unsigned dist = dist_base[d] + bits(s, dist_extra[d]);
        if (s->overrun)
            return "truncated data";
        const char *e = copy_match(s, len, dist);
        if (e)
            return e;
    }
}

static const char *fixed(struct inflate_state *s)
{
    struct huffman lc, dc;
    uint8_t lengths[288];
    memset(lengths, 8, 144);
    memset(lengths + 144, 9, 112);
    memset(lengths + 256, 7, 24);
    memset(lengths + 280, 8, 8);
    huffman_build(&lc, lengths, 288);
    memset(lengths, 5, 30);
    huffman_build(&dc, lengths, 30);
    return codes(s, &lc, &dc);
}

/* Reads the code-length-coded lengths of a dynamic block's two codes into lengths[]. */
static const char *dynamic_lengths(struct inflate_state *s, uint8_t *lengths, int total)
{
    static const uint8_t order[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
    int ncode = (int)bits(s, 4) + 4;
    uint8_t cl[19] = { 0 };
    for (int i = 0; i < ncode; i++)
        cl[order[i]] = (uint8_t)bits(s, 3);
    struct huffman h;
    if (!huffman_build(&h, cl, 19))
        return "bad code-length code";
    for (int i = 0; i < total;) {
        int sym = decode(s, &h);
        if (sym < 0)
            return "bad code-length symbol";
        if (sym < 16) {
            lengths[i++] = (uint8_t)sym;
            continue;
        }
        if (sym == 16 && i == 0)
            return "repeat with no previous length";
        uint8_t v = sym == 16 ? lengths[i - 1] : 0;
        int rep = sym == 16 ? 3 + (int)bits(s, 2) : sym == 17 ? 3 + (int)bits(s, 3) : 11 + (int)bits(s, 7);
        if (i + rep > total)
            return "too many code lengths";
        while (rep--)
            lengths[i++] = v;
    }
    return NULL;
}

static const char *dynamic(struct inflate_state *s)
{
    int nlen = (int)bits(s, 5) + 257, ndist = (int)bits(s, 5) + 1;
    if (nlen > 286 || ndist > 30)
        return "bad code counts";
    uint8_t lengths[286 + 30];
    const char *e = dynamic_lengths(s, lengths, nlen + ndist);
    if (e)
        return s->overrun ? "truncated data" : e;
    struct huffman lc, dc;
    if (lengths[256] == 0)
        return "no end-of-block code";
    if (!huffman_build(&lc, lengths, nlen) || !huffman_build(&dc, lengths + nlen, ndist))
        return "over-subscribed Huffman code";
    return codes(s, &lc, &dc);
}

bool ui_inflate(const uint8_t *in, size_t n, struct ui_bytes *out, size_t *used,
                char *err, size_t errlen)
{
    struct inflate_state s = { .in = in, .n = n, .out = out };
    const char *e = NULL;
    for (bool last = false; !last && !e;) {
        last = bits(&s, 1);
        unsigned type = bits(&s, 2);
        if (s.overrun)
            e = "truncated data";
        else if (type == 0)
            e = stored(&s);
        else if (type == 1)
            e = fixed(&s);
        else if (type == 2)
            e = dynamic(&s);
        else
            e = "bad block type 3";
        if (!e && out->oom)
            e = "out of memory";
    }
    if (used)
        *used = s.pos;
    if (e)
        snprintf(err, errlen, "deflate: %s", e);
    return !e;
}
