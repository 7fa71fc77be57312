/* Unit tests: the window's PNG writer and reader (CRC-32, Adler-32, deflate, inflate, PNG). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "sim/ui/deflate.h"
#include "sim/ui/inflate.h"
#include "sim/ui/png.h"

START_TEST(test_checksum_vectors)
{
    ck_assert_uint_eq(ui_deflate_crc32(0, "123456789", 9), 0xCBF43926u);
    ck_assert_uint_eq(ui_deflate_crc32(0, "", 0), 0);
    /* CRC of "IEND" is the constant every PNG ends with. */
    ck_assert_uint_eq(ui_deflate_crc32(0, "IEND", 4), 0xAE426082u);
    /* Incremental use gives the same result. */
    ck_assert_uint_eq(ui_deflate_crc32(ui_deflate_crc32(0, "1234", 4), "56789", 5), 0xCBF43926u);
    ck_assert_uint_eq(ui_deflate_adler32(1, "Wikipedia", 9), 0x11E60398u);
    ck_assert_uint_eq(ui_deflate_adler32(1, "", 0), 1);
}
END_TEST

/* Large input: Adler-32's modulo must be taken before 32-bit sums overflow. */
START_TEST(test_adler32_long_run_of_ff)
{
    size_t n = 100000;
    uint8_t *buf = malloc(n);
    memset(buf, 0xff, n);
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < n; i++) {
        a = (a + 0xff) % 65521;
        b = (b + a) % 65521;
    }
    ck_assert_uint_eq(ui_deflate_adler32(1, buf, n), b << 16 | a);
    free(buf);
}
END_TEST

static void roundtrip(const uint8_t *data, size_t n)
{
    struct ui_bytes z = { 0 }, back = { 0 };
    char err[100];
    ck_assert(ui_deflate(data, n, &z));
    size_t used = 0;
    ck_assert_msg(ui_inflate(z.data, z.len, &back, &used, err, sizeof(err)), "%s", err);
    ck_assert_uint_eq(used, z.len);
    ck_assert_uint_eq(back.len, n);
    ck_assert(n == 0 || memcmp(back.data, data, n) == 0);
    free(z.data);
    free(back.data);
}

START_TEST(test_deflate_roundtrips)
{
    size_t n = 200000;
    uint8_t *buf = calloc(n, 1);
    roundtrip(buf, 0);
    roundtrip((const uint8_t *)"a", 1);
    roundtrip((const uint8_t *)"abcabcabcabcabcabcabcabcabcabc", 30);
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {       /* noise, then long runs, then a repeating row */
        x = x * 1103515245u + 12345u;
        buf[i] = i < 50000 ? (uint8_t)(x >> 16) : i < 120000 ? (uint8_t)(i / 3000) : (uint8_t)(i % 300);
    }
    roundtrip(buf, n);
    free(buf);
}
END_TEST

START_TEST(test_deflate_compresses_flat_image_rows)
{
    size_t n = 1100 * 3 * 100;
    uint8_t *buf = malloc(n);
    for (size_t i = 0; i < n; i++)
        buf[i] = (uint8_t)("\x20\x24\x2c"[i % 3]);
    struct ui_bytes z = { 0 };
    ck_assert(ui_deflate(buf, n, &z));
    ck_assert_uint_lt(z.len, n / 100);
    free(z.data);
    free(buf);
}
END_TEST

/* A dynamic-Huffman stream written by zlib (level 9, raw) from the 400 bytes below. */
static const uint8_t zlib_dynamic[] = { 0xed,0x8d,0xb1,0x11,0x00,0x30,0x08,0x02,0x67,0xe5,0x71,
    0xff,0x19,0x82,0xf1,0x92,0x3e,0x7d,0x28,0x94,0x43,0x01,0x59,0x14,0x94,0x25,0x84,0xcd,0x40,
    0xc5,0x61,0x3d,0x22,0xe7,0x8e,0xaf,0xd0,0xa8,0xc3,0xe2,0x8a,0x59,0xee,0x1c,0x94,0xc0,0xfd,
    0xcc,0x2c,0xfd,0x82,0x97,0x82,0x05 };

START_TEST(test_inflate_reads_zlib_dynamic_block)
{
    uint8_t want[400];
    for (int i = 0; i < 400; i++)
        want[i] = (uint8_t)"aabbbbbbcd"[(i * i * 7 + i) % 97 % 10];
    struct ui_bytes out = { 0 };
    char err[100];
    ck_assert_msg(ui_inflate(zlib_dynamic, sizeof(zlib_dynamic), &out, NULL, err, sizeof(err)), "%s", err);
    ck_assert_uint_eq(out.len, 400);
    ck_assert_mem_eq(out.data, want, 400);
    ck_assert_uint_eq(ui_deflate_crc32(0, out.data, out.len), 0xfa182001u);
    free(out.data);
}
END_TEST

START_TEST(test_inflate_rejects_truncation_and_bad_blocks)
{
    struct ui_bytes out = { 0 };
    char err[100];
    ck_assert(!ui_inflate(zlib_dynamic, 20, &out, NULL, err, sizeof(err)));
    ck_assert_str_eq(err, "deflate: truncated data");
    out.len = 0;
    static const uint8_t type3[] = { 0x07 };
    ck_assert(!ui_inflate(type3, 1, &out, NULL, err, sizeof(err)));
    ck_assert_str_eq(err, "deflate: bad block type 3");
    out.len = 0;
    static const uint8_t stored_bad[] = { 0x01, 0x02, 0x00, 0x00, 0x00, 'h', 'i' };
    ck_assert(!ui_inflate(stored_bad, sizeof(stored_bad), &out, NULL, err, sizeof(err)));
    ck_assert_str_eq(err, "deflate: stored block length check failed");
    out.len = 0;
    static const uint8_t stored_ok[] = { 0x01, 0x02, 0x00, 0xfd, 0xff, 'h', 'i' };
    ck_assert(ui_inflate(stored_ok, sizeof(stored_ok), &out, NULL, err, sizeof(err)));
    ck_assert_uint_eq(out.len, 2);
    ck_assert_mem_eq(out.data, "hi", 2);
    free(out.data);
}
END_TEST

START_TEST(test_png_roundtrip_and_header)
{
    struct ui_image img, back;
    ck_assert(ui_image_alloc(&img, 37, 11));
    for (int y = 0; y < 11; y++)
        for (int x = 0; x < 37; x++) {
            uint8_t *p = ui_image_pixel(&img, x, y);
            p[0] = (uint8_t)(x * 7);
            p[1] = (uint8_t)(y * 23);
            p[2] = (uint8_t)(x ^ y);
        }
    struct ui_bytes png = { 0 };
    ck_assert(ui_png_encode(&img, &png));
    ck_assert_mem_eq(png.data, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x25\0\0\0\x0b\x08\x02", 26);
    ck_assert_mem_eq(png.data + png.len - 12, "\0\0\0\0IEND\xae\x42\x60\x82", 12);
    char err[100];
    ck_assert_msg(ui_png_decode(png.data, png.len, &back, err, sizeof(err)), "%s", err);
    size_t bad = 99;
    ck_assert(ui_png_compare(&img, &back, 0, &bad));
    ck_assert_uint_eq(bad, 0);
    ui_image_pixel(&back, 3, 4)[1] ^= 0x40;
    ck_assert(ui_png_compare(&img, &back, 10, &bad));
    ck_assert_uint_eq(bad, 1);
    png.data[40] ^= 1;          /* inside IDAT: the chunk CRC catches it */
    ui_image_free(&back);
    ck_assert(!ui_png_decode(png.data, png.len, &back, err, sizeof(err)));
    ck_assert_str_eq(err, "chunk CRC mismatch");
    free(png.data);
    ui_image_free(&img);
}
END_TEST

/* A 2x2 RGBA image with Sub and Paeth filters, as other encoders write (zlib stored block). */
START_TEST(test_png_decodes_rgba_with_filters)
{
    uint8_t raw[] = { 1, 10, 20, 30, 255, 5, 5, 5, 0,       /* Sub: second pixel = 15 25 35 */
                      4, 1, 1, 1, 0, 2, 2, 2, 0 };          /* Paeth */
    struct ui_bytes png = { 0 }, z = { 0 };
    static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    uint8_t ihdr[] = { 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 2, 0, 0, 0, 2, 8, 6, 0, 0, 0, 0, 0, 0, 0 };
    uint32_t c = ui_deflate_crc32(0, ihdr + 4, 17);
    ihdr[21] = (uint8_t)(c >> 24); ihdr[22] = (uint8_t)(c >> 16); ihdr[23] = (uint8_t)(c >> 8); ihdr[24] = (uint8_t)c;
    uint8_t zh[] = { 0x78, 0x01, 0x01, sizeof(raw), 0, (uint8_t)~sizeof(raw), 0xff };
    ui_bytes_append(&z, zh, sizeof(zh));
    ui_bytes_append(&z, raw, sizeof(raw));
    uint32_t ad = ui_deflate_adler32(1, raw, sizeof(raw));
    uint8_t adb[4] = { (uint8_t)(ad >> 24), (uint8_t)(ad >> 16), (uint8_t)(ad >> 8), (uint8_t)ad };
    ui_bytes_append(&z, adb, 4);
    uint8_t head[8] = { 0, 0, 0, (uint8_t)z.len, 'I', 'D', 'A', 'T' };
    c = ui_deflate_crc32(ui_deflate_crc32(0, "IDAT", 4), z.data, z.len);
    uint8_t crc[4] = { (uint8_t)(c >> 24), (uint8_t)(c >> 16), (uint8_t)(c >> 8), (uint8_t)c };
    ui_bytes_append(&png, sig, 8);
    ui_bytes_append(&png, ihdr, sizeof(ihdr));
    ui_bytes_append(&png, head, 8);
    ui_bytes_append(&png, z.data, z.len);
    ui_bytes_append(&png, crc, 4);
    ui_bytes_append(&png, "\0\0\0\0IEND\xae\x42\x60\x82", 12);
    struct ui_image img;
    char err[100];
    ck_assert_msg(ui_png_decode(png.data, png.len, &img, err, sizeof(err)), "%s", err);
    ck_assert_int_eq(img.w, 2);
    ck_assert_mem_eq(ui_image_pixel(&img, 0, 0), "\x0a\x14\x1e", 3);
    ck_assert_mem_eq(ui_image_pixel(&img, 1, 0), "\x0f\x19\x23", 3);
    /* Paeth of row 1, pixel 0: a = 0, b = 10, c = 0 -> b; 1 + 10 = 11. */
    ck_assert_mem_eq(ui_image_pixel(&img, 0, 1), "\x0b\x15\x1f", 3);
    ui_image_free(&img);
    free(png.data);
    free(z.data);
}
END_TEST

Suite *ui_png_suite(void)
{
    Suite *s = suite_create("ui_png");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_checksum_vectors);
    tcase_add_test(tc, test_adler32_long_run_of_ff);
    tcase_add_test(tc, test_deflate_roundtrips);
    tcase_add_test(tc, test_deflate_compresses_flat_image_rows);
    tcase_add_test(tc, test_inflate_reads_zlib_dynamic_block);
    tcase_add_test(tc, test_inflate_rejects_truncation_and_bad_blocks);
    tcase_add_test(tc, test_png_roundtrip_and_header);
    tcase_add_test(tc, test_png_decodes_rgba_with_filters);
    suite_add_tcase(s, tc);
    return s;
}
