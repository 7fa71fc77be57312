/* Fuzz inputs as TBF images (tbfgen.h). The input is read as a stream of choices: each
 * field takes a byte that picks a boundary value from a table (sizes near 0, near the image,
 * near 2^31 and 2^32) or, for the last entries, raw bytes that follow. The checksum is
 * always made right: a random header fails it at once and never reaches the TLV walk, the
 * size arithmetic or the process loader. */
#include "sim/fuzz/tbfgen.h"

#include <string.h>

#define BASE 16u

struct reader {
    const uint8_t *p;
    size_t n;
};

static uint8_t get8(struct reader *r)
{
    if (!r->n)
        return 0;
    r->n--;
    return *r->p++;
}

static uint32_t get32(struct reader *r)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
        v |= (uint32_t)get8(r) << (8 * i);
    return v;
}

/* A size or offset: a table of boundaries, else four raw bytes. */
static uint32_t value(struct reader *r)
{
    static const uint32_t table[] = {
        0, 4, 16, 0x40, 0x80, 0x400, 0x800, 0x1000, 0x2000, 0x4000, 0x10000, 0x40000,
        0x7ffffc00u, 0x7fffffffu, 0x80000000u, 0x80000001u, 0xfffffc00u, 0xfffffffcu,
        0xffffffffu,
    };
    uint8_t k = get8(r);
    return k < sizeof(table) / sizeof(table[0]) ? table[k] : k < 0xf0 ? (uint32_t)k * 4 : get32(r);
}

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* One TLV's value into v (at most 64 bytes); returns its type and sets *len. */
static uint16_t tlv_value(struct reader *r, uint8_t *v, uint16_t *len)
{
    static const uint16_t types[] = { 1, 9, 3, 5, 8, 6, 2, 1, 9 };
    uint8_t k = get8(r);
    uint16_t type = k < 0xf0 ? types[k % 9] : k;
    unsigned words = type == 1 ? 3 : type == 9 ? 5 : type == 5 || type == 2 ? 2 : 1;
    if (type == 3) {
        *len = get8(r) % 24;
        memcpy(v, "fuzz-boot-image-name-xyz", *len);
        return type;
    }
    if (type == 6) {                            /* permissions: a count, then entries */
        uint16_t n = get8(r) % 3;
        put16(v, n);
        for (unsigned i = 0; i < n * 4u; i++)
            put32(v + 2 + 4 * i, value(r));
        *len = (uint16_t)(2 + 16 * n);
        return type;
    }
    for (unsigned i = 0; i < words; i++)
        put32(v + 4 * i, type == 8 ? 2u : value(r));
    *len = (uint16_t)(4 * words);
    return type;
}

/* The TLVs after the base header; returns the header's size. */
static uint32_t tlvs(struct reader *r, uint8_t *out, size_t cap)
{
    uint32_t off = BASE;
    for (int i = 0; i < 8 && r->n && off + 4 + 64 <= cap; i++) {
        uint8_t v[64];
        uint16_t len;
        uint16_t type = tlv_value(r, v, &len);
        uint8_t lie = get8(r);                  /* sometimes the length field lies */
        uint16_t said = lie >= 0xf8 ? (uint16_t)(len + (lie & 7) * 4 - 12) : len;
        put16(out + off, type);
        put16(out + off + 2, said);
        memcpy(out + off + 4, v, len);
        off += 4 + ((len + 3u) & ~3u);
    }
    return off;
}

size_t fz_tbf_generate(const uint8_t *data, size_t size, uint8_t *out, size_t cap)
{
    static const uint32_t totals[] = { 1024, 2048, 4096, 8192, 512, 64, 16, 0x40000 };
    struct reader r = { data, size };
    memset(out, 0, cap);
    uint8_t ver = get8(&r), flags = get8(&r), tot = get8(&r);
    uint32_t total = tot < 0xf0 ? totals[tot % 8] : value(&r);
    uint32_t header = tlvs(&r, out, cap);
    uint8_t h = get8(&r);
    if (h >= 0xf0)
        header = (header + (h & 0xf) * 4 - 32) & 0xffff;  /* a header size that lies */
    put16(out, ver < 0xf0 ? 2u : ver & 0xfu);
    put16(out + 2, header);
    put32(out + 4, total);
    put32(out + 8, flags < 0xe0 ? 1u : flags & 3u);
    fz_tbf_fix_checksum(out, cap);
    return header < cap ? (header > BASE ? header : BASE) : cap;
}

void fz_tbf_fix_checksum(uint8_t *img, size_t len)
{
    uint32_t hs = (uint32_t)(img[2] | img[3] << 8);
    uint32_t sum = 0;
    if (hs > len)
        hs = (uint32_t)len;
    for (uint32_t off = 0; off < hs; off += 4) {
        if (off == 12)
            continue;
        uint32_t w = 0;
        for (uint32_t b = 0; b < 4 && off + b < hs; b++)
            w |= (uint32_t)img[off + b] << (8 * b);
        sum ^= w;
    }
    put32(img + 12, sum);
}
