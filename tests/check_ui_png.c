/* Unit tests: PNG files (sim/ui/window/png.c on libpng): round trips, the same bytes for the same
 * picture, clear errors for files that are not PNGs or are damaged, and PNG kinds screenshots
 * never use (palette, 16-bit) read as 8-bit RGB. Those files are built here byte by byte with
 * zlib, following the PNG specification rather than libpng. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "sim/ui/window/png.h"

static char dir[64];
static char path_buf[128];

static void setup(void)
{
    snprintf(dir, sizeof(dir), "/tmp/check_ui_png.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[100];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static const char *tmp(const char *name)
{
    snprintf(path_buf, sizeof(path_buf), "%s/%s", dir, name);
    return path_buf;
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, n, f), n);
    ck_assert_int_eq(fclose(f), 0);
}

/* Reads the whole file into a malloc'd buffer. */
static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    uint8_t *buf = malloc(1 << 20);
    *n = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

/* A 37 x 11 test card: every pixel different from its neighbours. */
static void test_card(struct ui_image *img)
{
    ck_assert(ui_image_alloc(img, 37, 11));
    for (int y = 0; y < 11; y++)
        for (int x = 0; x < 37; x++) {
            uint8_t *p = ui_image_pixel(img, x, y);
            p[0] = (uint8_t)(x * 7);
            p[1] = (uint8_t)(y * 23);
            p[2] = (uint8_t)(x ^ y);
        }
}

/* ---- PNG files built by hand ------------------------------------------------------------ */

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Appends a chunk (length, type, data, CRC of type and data) at out + *n. */
static void put_chunk(uint8_t *out, size_t *n, const char *type, const uint8_t *data, uint32_t len)
{
    put_be32(out + *n, len);
    memcpy(out + *n + 4, type, 4);
    if (len)
        memcpy(out + *n + 8, data, len);
    put_be32(out + *n + 8 + len, (uint32_t)crc32(0, out + *n + 4, len + 4));
    *n += 12 + len;
}

/* Writes a PNG of w x h with the given bit depth and colour type, an optional PLTE, and the
 * filtered scanlines raw (each row starts with its filter byte). */
static void hand_png(const char *path, uint32_t w, uint32_t h, uint8_t depth, uint8_t colour,
                     const uint8_t *plte, uint32_t plte_len, const uint8_t *raw, size_t raw_len)
{
    static uint8_t out[4096];
    uint8_t ihdr[13] = { 0 }, z[1024];
    size_t n = 8;
    uLongf zlen = sizeof(z);
    memcpy(out, "\x89PNG\r\n\x1a\n", 8);
    put_be32(ihdr, w);
    put_be32(ihdr + 4, h);
    ihdr[8] = depth;
    ihdr[9] = colour;
    put_chunk(out, &n, "IHDR", ihdr, 13);
    if (plte)
        put_chunk(out, &n, "PLTE", plte, plte_len);
    ck_assert_int_eq(compress2(z, &zlen, raw, raw_len, 9), Z_OK);
    put_chunk(out, &n, "IDAT", z, (uint32_t)zlen);
    put_chunk(out, &n, "IEND", NULL, 0);
    write_file(path, out, n);
}

/* ---- tests ------------------------------------------------------------------------------ */

START_TEST(test_roundtrip_keeps_every_pixel)
{
    struct ui_image img, back;
    char err[300];
    test_card(&img);
    ck_assert_msg(ui_png_write(tmp("card.png"), &img, err, sizeof(err)), "%s", err);
    ck_assert_msg(ui_png_read(tmp("card.png"), &back, err, sizeof(err)), "%s", err);
    ck_assert_int_eq(back.w, 37);
    ck_assert_int_eq(back.h, 11);
    size_t bad = 99;
    ck_assert(ui_png_compare(&img, &back, 0, &bad));
    ck_assert_uint_eq(bad, 0);
    ui_image_pixel(&back, 3, 4)[1] ^= 0x40;
    ck_assert(ui_png_compare(&img, &back, 10, &bad));
    ck_assert_uint_eq(bad, 1);
    ck_assert(ui_png_compare(&img, &back, 0x40, &bad));
    ck_assert_uint_eq(bad, 0);
    ui_image_free(&back);
    ck_assert(ui_image_alloc(&back, 37, 12));
    ck_assert(!ui_png_compare(&img, &back, 0, &bad));        /* sizes differ */
    ui_image_free(&back);
    ui_image_free(&img);
}
END_TEST

START_TEST(test_same_picture_same_bytes)
{
    struct ui_image img;
    char err[300];
    size_t na, nb;
    test_card(&img);
    ck_assert(ui_png_write(tmp("a.png"), &img, err, sizeof(err)));
    ck_assert(ui_png_write(tmp("b.png"), &img, err, sizeof(err)));
    uint8_t *a = slurp(tmp("a.png"), &na), *b = slurp(tmp("b.png"), &nb);
    ck_assert_uint_eq(na, nb);
    ck_assert_mem_eq(a, b, na);
    /* 8-bit truecolour, not interlaced */
    ck_assert_mem_eq(a, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x25\0\0\0\x0b\x08\x02\0\0\0", 29);
    ck_assert_mem_eq(a + na - 12, "\0\0\0\0IEND\xae\x42\x60\x82", 12);
    free(a);
    free(b);
    ui_image_free(&img);
}
END_TEST

START_TEST(test_truncated_file_is_named_and_explained)
{
    struct ui_image img, back;
    char err[300], want[200];
    size_t n;
    test_card(&img);
    ck_assert(ui_png_write(tmp("card.png"), &img, err, sizeof(err)));
    uint8_t *data = slurp(tmp("card.png"), &n);
    /* cut inside IHDR, inside IDAT, and just before IEND's CRC */
    const size_t cuts[] = { 20, n / 2, n - 1 };
    for (size_t i = 0; i < 3; i++) {
        write_file(tmp("cut.png"), data, cuts[i]);
        back.rgb = (uint8_t *)"untouched";
        ck_assert(!ui_png_read(tmp("cut.png"), &back, err, sizeof(err)));
        ck_assert_ptr_null(back.rgb);
        snprintf(want, sizeof(want), "%s: truncated: the file ends early", tmp("cut.png"));
        ck_assert_str_eq(err, want);
    }
    free(data);
    ui_image_free(&img);
}
END_TEST

START_TEST(test_non_png_files_are_named_and_explained)
{
    struct ui_image img;
    char err[300], want[200];
    write_file(tmp("readme.png"), "# not a picture\n", 16);
    ck_assert(!ui_png_read(tmp("readme.png"), &img, err, sizeof(err)));
    snprintf(want, sizeof(want), "%s: not a PNG file (bad signature)", tmp("readme.png"));
    ck_assert_str_eq(err, want);
    write_file(tmp("empty.png"), "", 0);
    ck_assert(!ui_png_read(tmp("empty.png"), &img, err, sizeof(err)));
    snprintf(want, sizeof(want), "%s: empty file, not a PNG", tmp("empty.png"));
    ck_assert_str_eq(err, want);
    ck_assert(!ui_png_read(tmp("missing.png"), &img, err, sizeof(err)));
    snprintf(want, sizeof(want), "%s: cannot open: No such file or directory", tmp("missing.png"));
    ck_assert_str_eq(err, want);
}
END_TEST

START_TEST(test_damaged_data_is_named_and_explained)
{
    struct ui_image img, back;
    char err[300], want[200];
    size_t n;
    test_card(&img);
    ck_assert(ui_png_write(tmp("card.png"), &img, err, sizeof(err)));
    uint8_t *data = slurp(tmp("card.png"), &n);
    /* IHDR ends at 33; IDAT's CRC follows its length, type and data */
    uint32_t idat_len = (uint32_t)data[33] << 24 | data[34] << 16 | data[35] << 8 | data[36];
    ck_assert_mem_eq(data + 37, "IDAT", 4);
    data[41 + idat_len] ^= 1;
    write_file(tmp("flip.png"), data, n);
    ck_assert(!ui_png_read(tmp("flip.png"), &back, err, sizeof(err)));
    snprintf(want, sizeof(want), "%s: IDAT: CRC error", tmp("flip.png"));
    ck_assert_str_eq(err, want);
    free(data);
    /* a valid chunk structure around an impossible header: width 0 */
    uint8_t row[2] = { 0, 0 };
    hand_png(tmp("zero.png"), 0, 1, 8, 0, NULL, 0, row, 2);
    ck_assert(!ui_png_read(tmp("zero.png"), &back, err, sizeof(err)));
    snprintf(want, sizeof(want), "%s: Invalid IHDR data (Image width is zero in IHDR)", tmp("zero.png"));
    ck_assert_str_eq(err, want);
    ui_image_free(&img);
}
END_TEST

/* Palette images are expanded through their PLTE: 2 x 2, 2 bits per index. */
START_TEST(test_palette_png_reads_as_rgb)
{
    static const uint8_t plte[] = { 10, 20, 30,  200, 100, 0,  1, 2, 3,  255, 255, 255 };
    /* row 0: indexes 1, 3; row 1: 2, 0 (filter byte 0, then 2-bit indexes packed high first) */
    static const uint8_t raw[] = { 0, 0x70, 0, 0x80 };
    struct ui_image img;
    char err[300];
    hand_png(tmp("pal.png"), 2, 2, 2, 3, plte, sizeof(plte), raw, sizeof(raw));
    ck_assert_msg(ui_png_read(tmp("pal.png"), &img, err, sizeof(err)), "%s", err);
    ck_assert_int_eq(img.w, 2);
    ck_assert_int_eq(img.h, 2);
    ck_assert_mem_eq(ui_image_pixel(&img, 0, 0), "\xc8\x64\x00", 3);
    ck_assert_mem_eq(ui_image_pixel(&img, 1, 0), "\xff\xff\xff", 3);
    ck_assert_mem_eq(ui_image_pixel(&img, 0, 1), "\x01\x02\x03", 3);
    ck_assert_mem_eq(ui_image_pixel(&img, 1, 1), "\x0a\x14\x1e", 3);
    ui_image_free(&img);
}
END_TEST

/* 16-bit RGBA with a Sub filter: samples scaled to 8 bits, alpha dropped, filters undone. */
START_TEST(test_16bit_rgba_png_reads_as_rgb)
{
    /* one row of 2 pixels, 8 bytes each; Sub: the second pixel adds the first's bytes */
    static const uint8_t raw[] = { 1, 0xab, 0xab, 0x12, 0x12, 0xff, 0xff, 0x00, 0x00,
                                   0x11, 0x11, 0x00, 0x00, 0x00, 0x00, 0x80, 0x80 };
    struct ui_image img;
    char err[300];
    hand_png(tmp("deep.png"), 2, 1, 16, 6, NULL, 0, raw, sizeof(raw));
    ck_assert_msg(ui_png_read(tmp("deep.png"), &img, err, sizeof(err)), "%s", err);
    ck_assert_int_eq(img.w, 2);
    ck_assert_mem_eq(ui_image_pixel(&img, 0, 0), "\xab\x12\xff", 3);
    ck_assert_mem_eq(ui_image_pixel(&img, 1, 0), "\xbc\x12\xff", 3);
    ui_image_free(&img);
}
END_TEST

START_TEST(test_write_errors_name_the_file)
{
    struct ui_image img;
    char err[300], want[200];
    test_card(&img);
    ck_assert(!ui_png_write(tmp("no/such/dir.png"), &img, err, sizeof(err)));
    snprintf(want, sizeof(want), "%s: cannot write: No such file or directory", tmp("no/such/dir.png"));
    ck_assert_str_eq(err, want);
    ui_image_free(&img);
}
END_TEST

Suite *ui_png_suite(void)
{
    Suite *s = suite_create("ui_png");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_roundtrip_keeps_every_pixel);
    tcase_add_test(tc, test_same_picture_same_bytes);
    tcase_add_test(tc, test_truncated_file_is_named_and_explained);
    tcase_add_test(tc, test_non_png_files_are_named_and_explained);
    tcase_add_test(tc, test_damaged_data_is_named_and_explained);
    tcase_add_test(tc, test_palette_png_reads_as_rgb);
    tcase_add_test(tc, test_16bit_rgba_png_reads_as_rgb);
    tcase_add_test(tc, test_write_errors_name_the_file);
    suite_add_tcase(s, tc);
    return s;
}
