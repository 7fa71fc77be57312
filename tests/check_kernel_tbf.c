/* Unit tests: TBF v2 header parsing, including malformed headers, and permissions. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "kernel/core/tbf.h"

static uint8_t img[4096];

static void put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

/* Builds an image: base header + the given TLV bytes; fixes header_size and checksum. */
static uint16_t build(const uint8_t *tlvs, uint16_t len, uint32_t total, uint32_t flags)
{
    memset(img, 0, sizeof img);
    uint16_t hs = (uint16_t)(16 + len);
    put16(img, 2);
    put16(img + 2, hs);
    put32(img + 4, total);
    put32(img + 8, flags);
    memcpy(img + 16, tlvs, len);
    put32(img + 12, tbf_checksum(img, hs));
    return hs;
}

static void fix_checksum(void)
{
    uint16_t hs;
    memcpy(&hs, img + 2, 2);
    put32(img + 12, tbf_checksum(img, hs));
}

/* Main TLV (init 0x40, no protected trailer, 3000 bytes RAM) + name "blink" (5, padded). */
static const uint8_t main_name[] = {
    1, 0, 12, 0, 0x40, 0, 0, 0, 0, 0, 0, 0, 0xb8, 0x0b, 0, 0,
    3, 0, 5, 0, 'b', 'l', 'i', 'n', 'k', 0, 0, 0,
};

START_TEST(test_checksum_is_xor_of_words_without_the_checksum)
{
    uint8_t h[20] = { 0 };
    put32(h, 0x11111111);
    put32(h + 4, 0x22222222);
    put32(h + 12, 0xffffffff);          /* ignored */
    put32(h + 16, 0x44444444);
    ck_assert_uint_eq(tbf_checksum(h, 20), 0x11111111u ^ 0x22222222u ^ 0x44444444u);
    ck_assert_uint_eq(tbf_checksum(h, 18), 0x11111111u ^ 0x22222222u ^ 0x00004444u);
}
END_TEST

START_TEST(test_parses_main_and_name)
{
    struct tbf_header h;
    uint16_t hs = build(main_name, sizeof main_name, 2048, TBF_FLAG_ENABLED);
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_OK);
    ck_assert_uint_eq(h.header_size, hs);
    ck_assert_uint_eq(h.total_size, 2048);
    ck_assert_uint_eq(h.flags, TBF_FLAG_ENABLED);
    ck_assert(!h.is_program);
    ck_assert_uint_eq(h.init_fn_offset, 0x40);
    ck_assert_uint_eq(h.minimum_ram_size, 3000);
    ck_assert_uint_eq(h.name_len, 5);
    ck_assert(memcmp(h.name, "blink", 5) == 0);
    ck_assert_uint_eq(tbf_init_offset(&h), hs + 0x40u);
    ck_assert_uint_eq(tbf_app_start_offset(&h), hs);
    ck_assert_uint_eq(h.fixed_flash, TBF_NO_ADDRESS);
    ck_assert(!h.has_kernel_version);
}
END_TEST

START_TEST(test_program_wins_over_main_and_protected_trailer_moves_app_start)
{
    struct tbf_header h;
    uint8_t t[] = {
        9, 0, 20, 0, 0x10, 0, 0, 0, 0x20, 0, 0, 0, 0x00, 0x10, 0, 0, 0, 8, 0, 0, 7, 0, 0, 0,
        1, 0, 12, 0, 0x40, 0, 0, 0, 0, 0, 0, 0, 0xb8, 0x0b, 0, 0,
    };
    uint16_t hs = build(t, sizeof t, 2048, TBF_FLAG_ENABLED);
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_OK);
    ck_assert(h.is_program);
    ck_assert_uint_eq(h.init_fn_offset, 0x10);
    ck_assert_uint_eq(h.protected_trailer_size, 0x20);
    ck_assert_uint_eq(h.minimum_ram_size, 4096);
    ck_assert_uint_eq(h.binary_end_offset, 2048);
    ck_assert_uint_eq(h.app_version, 7);
    ck_assert_uint_eq(tbf_app_start_offset(&h), hs + 0x20u);
    ck_assert_uint_eq(tbf_init_offset(&h), hs + 0x10u);
}
END_TEST

START_TEST(test_optional_tlvs)
{
    struct tbf_header h;
    uint8_t t[sizeof main_name + 12 + 8 + 20 + 4 + 16] = { 0 };
    uint8_t *p = t;
    memcpy(p, main_name, sizeof main_name);
    p += sizeof main_name;
    put16(p, TBF_TLV_FIXED_ADDRESSES); put16(p + 2, 8);
    put32(p + 4, 0x20004000); put32(p + 8, 0x00040000);
    p += 12;
    put16(p, TBF_TLV_KERNEL_VERSION); put16(p + 2, 4); put16(p + 4, 2); put16(p + 6, 1);
    p += 8;
    /* Permissions: one entry, driver 2, offset 0, commands 0 and 1 allowed. */
    put16(p, TBF_TLV_PERMISSIONS); put16(p + 2, 18); put16(p + 4, 1);
    put32(p + 6, 2); put32(p + 10, 0); put32(p + 14, 3); put32(p + 18, 0);
    p += 24;
    put16(p, TBF_TLV_WRITEABLE_FLASH); put16(p + 2, 8); put32(p + 4, 0x400); put32(p + 8, 0x100);
    build(t, (uint16_t)(p + 12 - t), 2048, TBF_FLAG_ENABLED);
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_OK);
    ck_assert_uint_eq(h.fixed_ram, 0x20004000);
    ck_assert_uint_eq(h.fixed_flash, 0x00040000);
    ck_assert(h.has_kernel_version);
    ck_assert_uint_eq(h.kernel_major, 2);
    ck_assert_uint_eq(h.kernel_minor, 1);
    ck_assert(tbf_command_allowed(&h, 2, 0));
    ck_assert(tbf_command_allowed(&h, 2, 1));
    ck_assert(!tbf_command_allowed(&h, 2, 2));
    ck_assert(!tbf_command_allowed(&h, 2, 65));             /* offset 1: no entry */
    ck_assert(!tbf_command_allowed(&h, 1, 0));              /* driver not listed */
    uint32_t off, size;
    ck_assert(tbf_writeable_region(&h, 0, &off, &size));
    ck_assert_uint_eq(off, 0x400);
    ck_assert_uint_eq(size, 0x100);
    ck_assert(!tbf_writeable_region(&h, 1, &off, &size));
}
END_TEST

START_TEST(test_no_permissions_tlv_allows_everything)
{
    struct tbf_header h;
    build(main_name, sizeof main_name, 2048, 1);
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_OK);
    ck_assert(tbf_command_allowed(&h, 0x40001, 99));
}
END_TEST

START_TEST(test_end_markers)
{
    struct tbf_header h;
    memset(img, 0, 64);
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_END);
    memset(img, 0xff, 64);
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_END);
    ck_assert_int_eq(tbf_parse(img, 15, &h), TBF_ERR_TRUNCATED);
    ck_assert_uint_eq(tbf_skip_size(TBF_END, &h, sizeof img), 0);
}
END_TEST

START_TEST(test_bad_version_stops_the_scan)
{
    struct tbf_header h;
    build(main_name, sizeof main_name, 2048, 1);
    put16(img, 1);
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_ERR_VERSION);
    ck_assert_uint_eq(tbf_skip_size(TBF_ERR_VERSION, &h, sizeof img), 0);
}
END_TEST

START_TEST(test_bad_sizes)
{
    struct tbf_header h;
    build(main_name, sizeof main_name, 2048, 1);
    put16(img + 2, 12);                                     /* header shorter than the base */
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_ERR_SIZES);
    build(main_name, sizeof main_name, 20, 1);              /* total < header */
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_ERR_SIZES);
    build(main_name, sizeof main_name, 8192, 1);            /* past the region */
    ck_assert_int_eq(tbf_parse(img, 4096, &h), TBF_ERR_SIZES);
    ck_assert_uint_eq(tbf_skip_size(TBF_ERR_SIZES, &h, 4096), 0);
    build(main_name, sizeof main_name, 1026, 1);            /* not word-aligned */
    put16(img + 2, 2000);
    fix_checksum();
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_ERR_SIZES);
    ck_assert_uint_eq(tbf_skip_size(TBF_ERR_SIZES, &h, sizeof img), 0);
}
END_TEST

START_TEST(test_checksum_mismatch_is_skipped_by_total_size)
{
    struct tbf_header h;
    build(main_name, sizeof main_name, 2048, 1);
    img[20] ^= 1;
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_ERR_CHECKSUM);
    ck_assert_uint_eq(tbf_skip_size(TBF_ERR_CHECKSUM, &h, sizeof img), 2048);
    ck_assert_str_eq(tbf_status_str(TBF_ERR_CHECKSUM), "header checksum mismatch");
}
END_TEST

START_TEST(test_malformed_tlvs)
{
    struct tbf_header h;
    uint8_t overrun[] = { 1, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                          3, 0, 200, 0, 'x', 0, 0, 0 };     /* name runs past the header */
    build(overrun, sizeof overrun, 2048, 1);
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_ERR_TLV);
    uint8_t short_main[] = { 1, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
    build(short_main, sizeof short_main, 2048, 1);
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_ERR_TLV);
    uint8_t bad_perms[] = { 1, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                            6, 0, 4, 0, 5, 0, 0, 0 };       /* 5 entries in 2 bytes */
    build(bad_perms, sizeof bad_perms, 2048, 1);
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_ERR_TLV);
    ck_assert_uint_eq(tbf_skip_size(TBF_ERR_TLV, &h, sizeof img), 2048);
}
END_TEST

START_TEST(test_unknown_tlvs_are_skipped)
{
    struct tbf_header h;
    uint8_t t[sizeof main_name + 8];
    memcpy(t, main_name, sizeof main_name);
    uint8_t unknown[] = { 0x80, 0, 3, 0, 1, 2, 3, 0 };
    memcpy(t + sizeof main_name, unknown, 8);
    build(t, sizeof t, 2048, 1);
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_OK);
    ck_assert_uint_eq(h.name_len, 5);
}
END_TEST

START_TEST(test_padding_and_bad_entry_point)
{
    struct tbf_header h;
    build(NULL, 0, 4096, 0);                                /* base header only */
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_PADDING);
    ck_assert_uint_eq(tbf_skip_size(TBF_PADDING, &h, sizeof img), 4096);
    uint8_t far[] = { 1, 0, 12, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };  /* init 2048 */
    build(far, sizeof far, 2048, 1);
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_ERR_ENTRY);
    uint8_t trailer[] = { 1, 0, 12, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0 };
    build(trailer, sizeof trailer, 2048, 1);
    ck_assert_int_eq(tbf_parse(img, sizeof img, &h), TBF_ERR_ENTRY);
}
END_TEST

Suite *kernel_tbf_suite(void)
{
    Suite *s = suite_create("kernel_tbf");
    TCase *tc = tcase_create("tbf");
    tcase_add_test(tc, test_checksum_is_xor_of_words_without_the_checksum);
    tcase_add_test(tc, test_parses_main_and_name);
    tcase_add_test(tc, test_program_wins_over_main_and_protected_trailer_moves_app_start);
    tcase_add_test(tc, test_optional_tlvs);
    tcase_add_test(tc, test_no_permissions_tlv_allows_everything);
    tcase_add_test(tc, test_end_markers);
    tcase_add_test(tc, test_bad_version_stops_the_scan);
    tcase_add_test(tc, test_bad_sizes);
    tcase_add_test(tc, test_checksum_mismatch_is_skipped_by_total_size);
    tcase_add_test(tc, test_malformed_tlvs);
    tcase_add_test(tc, test_unknown_tlvs_are_skipped);
    tcase_add_test(tc, test_padding_and_bad_entry_point);
    suite_add_tcase(s, tc);
    return s;
}
