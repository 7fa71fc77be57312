/* PNG (ISO/IEC 15948, W3C PNG 2nd edition) for screenshots. Writes 8-bit RGB, filter type 0,
 * one IDAT chunk of zlib data. Reads what screenshots and common tools write: non-interlaced
 * 8-bit RGB or RGBA, all five filter types, any deflate. Not modelled: palettes, greyscale,
 * 16-bit samples, Adam7 interlacing, ancillary chunks (skipped), gamma. */
#include "sim/ui/png.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/ui/inflate.h"

static const uint8_t png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

bool ui_image_alloc(struct ui_image *img, int w, int h)
{
    img->w = w;
    img->h = h;
    img->rgb = calloc((size_t)w * (size_t)h * 3 + 1, 1);
    return img->rgb != NULL;
}

void ui_image_free(struct ui_image *img)
{
    free(img->rgb);
    img->rgb = NULL;
}

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Appends one chunk: length, type, data, CRC over type and data. */
static void put_chunk(struct ui_bytes *out, const char *type, const uint8_t *data, size_t n)
{
    uint8_t head[8], crc[4];
    put_be32(head, (uint32_t)n);
    memcpy(head + 4, type, 4);
    ui_bytes_append(out, head, 8);
    ui_bytes_append(out, data, n);
    put_be32(crc, ui_deflate_crc32(ui_deflate_crc32(0, type, 4), data, n));
    ui_bytes_append(out, crc, 4);
}

/* The zlib stream (RFC 1950) of the filtered scanlines: each row prefixed with filter 0. */
static bool zlib_scanlines(const struct ui_image *img, struct ui_bytes *z)
{
    size_t stride = (size_t)img->w * 3, rawlen = (stride + 1) * (size_t)img->h;
    uint8_t *raw = malloc(rawlen ? rawlen : 1);
    if (!raw)
        return false;
    for (int y = 0; y < img->h; y++) {
        raw[(stride + 1) * (size_t)y] = 0;
        memcpy(raw + (stride + 1) * (size_t)y + 1, img->rgb + stride * (size_t)y, stride);
    }
    static const uint8_t zhead[2] = { 0x78, 0x01 };     /* deflate, 32 KiB window, level 0 */
    uint8_t adler[4];
    put_be32(adler, ui_deflate_adler32(1, raw, rawlen));
    bool ok = ui_bytes_append(z, zhead, 2) && ui_deflate(raw, rawlen, z) &&
              ui_bytes_append(z, adler, 4);
    free(raw);
    return ok;
}

bool ui_png_encode(const struct ui_image *img, struct ui_bytes *out)
{
    uint8_t ihdr[13];
    put_be32(ihdr, (uint32_t)img->w);
    put_be32(ihdr + 4, (uint32_t)img->h);
    ihdr[8] = 8;                /* bit depth */
    ihdr[9] = 2;                /* colour type: truecolour */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;   /* deflate, adaptive filtering, no interlace */
    struct ui_bytes z = { 0 };
    if (!zlib_scanlines(img, &z)) {
        free(z.data);
        out->oom = true;
        return false;
    }
    ui_bytes_append(out, png_signature, 8);
    put_chunk(out, "IHDR", ihdr, 13);
    put_chunk(out, "IDAT", z.data, z.len);
    put_chunk(out, "IEND", NULL, 0);
    free(z.data);
    return !out->oom;
}

/* ---- decoding ----------------------------------------------------------------------------- */

struct png_header {
    uint32_t w, h;
    unsigned channels;          /* 3 (RGB) or 4 (RGBA) */
};

static const char *parse_ihdr(const uint8_t *d, uint32_t len, struct png_header *hd)
{
    if (len != 13)
        return "IHDR has the wrong length";
    hd->w = get_be32(d);
    hd->h = get_be32(d + 4);
    if (hd->w == 0 || hd->h == 0 || hd->w > 16384 || hd->h > 16384)
        return "image size out of range (1..16384)";
    if (d[8] != 8 || (d[9] != 2 && d[9] != 6))
        return "only 8-bit RGB and RGBA images are supported";
    if (d[10] != 0 || d[11] != 0 || d[12] != 0)
        return "interlaced or unknown compression/filter method";
    hd->channels = d[9] == 6 ? 4 : 3;
    return NULL;
}

/* Walks the chunks: fills hd and gathers the IDAT data into z. */
static const char *read_chunks(const uint8_t *data, size_t n, struct png_header *hd, struct ui_bytes *z)
{
    if (n < 8 || memcmp(data, png_signature, 8) != 0)
        return "not a PNG file (bad signature)";
    bool have_ihdr = false;
    for (size_t pos = 8;;) {
        if (n - pos < 12)
            return "truncated chunk";
        uint32_t len = get_be32(data + pos);
        const uint8_t *type = data + pos + 4, *body = data + pos + 8;
        if (len > n - pos - 12)
            return "truncated chunk";
        if (get_be32(body + len) != ui_deflate_crc32(0, type, (size_t)len + 4))
            return "chunk CRC mismatch";
        if (!memcmp(type, "IHDR", 4)) {
            const char *e = parse_ihdr(body, len, hd);
            if (e)
                return e;
            have_ihdr = true;
        } else if (!memcmp(type, "IDAT", 4)) {
            ui_bytes_append(z, body, len);
        } else if (!memcmp(type, "IEND", 4)) {
            return have_ihdr ? NULL : "no IHDR chunk";
        } else if (!(type[0] & 0x20)) {
            return "unknown critical chunk";
        }
        pos += (size_t)len + 12;
    }
}

static uint8_t paeth(int a, int b, int c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return (uint8_t)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

/* Undoes one scanline's filter in place; prev is the previous unfiltered row (or zeros). */
static bool unfilter(uint8_t type, uint8_t *row, const uint8_t *prev, size_t len, unsigned bpp)
{
    for (size_t i = 0; i < len; i++) {
        int a = i >= bpp ? row[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
        switch (type) {
        case 0: break;
        case 1: row[i] = (uint8_t)(row[i] + a); break;
        case 2: row[i] = (uint8_t)(row[i] + b); break;
        case 3: row[i] = (uint8_t)(row[i] + (a + b) / 2); break;
        case 4: row[i] = (uint8_t)(row[i] + paeth(a, b, c)); break;
        default: return false;
        }
    }
    return true;
}

static const char *scanlines_to_image(uint8_t *raw, size_t rawlen, const struct png_header *hd,
                                      struct ui_image *img)
{
    size_t stride = (size_t)hd->w * hd->channels;
    if (rawlen != (stride + 1) * hd->h)
        return "image data has the wrong size";
    uint8_t *zero = calloc(stride, 1);
    if (!zero || !ui_image_alloc(img, (int)hd->w, (int)hd->h)) {
        free(zero);
        return "out of memory";
    }
    const uint8_t *prev = zero;
    for (uint32_t y = 0; y < hd->h; y++) {
        uint8_t *row = raw + (stride + 1) * y;
        if (!unfilter(row[0], row + 1, prev, stride, hd->channels)) {
            free(zero);
            ui_image_free(img);
            return "bad filter type";
        }
        for (uint32_t x = 0; x < hd->w; x++)
            memcpy(ui_image_pixel(img, (int)x, (int)y), row + 1 + x * hd->channels, 3);
        prev = row + 1;
    }
    free(zero);
    return NULL;
}

static const char *decode_zlib(const struct ui_bytes *z, struct ui_bytes *raw, char *err, size_t errlen)
{
    if (z->len < 6 || (z->data[0] & 0x0f) != 8 || ((z->data[0] << 8) | z->data[1]) % 31 != 0 ||
        (z->data[1] & 0x20))
        return "bad zlib header";
    size_t used = 0;
    if (!ui_inflate(z->data + 2, z->len - 2, raw, &used, err, errlen))
        return err;
    if (z->len - 2 - used < 4 || get_be32(z->data + 2 + used) != ui_deflate_adler32(1, raw->data, raw->len))
        return "zlib Adler-32 mismatch";
    return NULL;
}

bool ui_png_decode(const uint8_t *data, size_t n, struct ui_image *img, char *err, size_t errlen)
{
    struct png_header hd = { 0 };
    struct ui_bytes z = { 0 }, raw = { 0 };
    char zerr[128] = "";
    const char *e = read_chunks(data, n, &hd, &z);
    if (!e)
        e = decode_zlib(&z, &raw, zerr, sizeof(zerr));
    if (!e)
        e = scanlines_to_image(raw.data, raw.len, &hd, img);
    if (e)
        snprintf(err, errlen, "%s", e);
    free(z.data);
    free(raw.data);
    return !e;
}

bool ui_png_write(const char *path, const struct ui_image *img, char *err, size_t errlen)
{
    struct ui_bytes out = { 0 };
    if (!ui_png_encode(img, &out)) {
        snprintf(err, errlen, "%s: out of memory encoding the PNG", path);
        free(out.data);
        return false;
    }
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(out.data, 1, out.len, f) == out.len;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok)
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
    free(out.data);
    return ok;
}

bool ui_png_read(const char *path, struct ui_image *img, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return false;
    }
    struct ui_bytes in = { 0 };
    uint8_t buf[65536];
    size_t k;
    while ((k = fread(buf, 1, sizeof(buf), f)) > 0)
        ui_bytes_append(&in, buf, k);
    fclose(f);
    char e[200];
    bool ok = !in.oom && ui_png_decode(in.data, in.len, img, e, sizeof(e));
    if (!ok)
        snprintf(err, errlen, "%s: %s", path, in.oom ? "out of memory" : e);
    free(in.data);
    return ok;
}

bool ui_png_compare(const struct ui_image *a, const struct ui_image *b, int tolerance, size_t *bad)
{
    if (a->w != b->w || a->h != b->h)
        return false;
    size_t n = (size_t)a->w * (size_t)a->h, count = 0;
    for (size_t i = 0; i < n; i++)
        for (int c = 0; c < 3; c++)
            if (abs(a->rgb[i * 3 + c] - b->rgb[i * 3 + c]) > tolerance) {
                count++;
                break;
            }
    *bad = count;
    return true;
}
