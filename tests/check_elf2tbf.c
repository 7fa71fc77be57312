/* Unit tests of tools/elf2tbf: TBF header fields, checksum, TLV layout, padding, bad input. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tools/elf2tbf/elf2tbf.h"
#include "tools/elf2tbf/elfimg.h"
#include "lib/tbf/tbfimg.h"

/*
 * A synthetic ELF32 ARM executable laid out like a libtock app (app.ld):
 *   .text   0x80000000, FLASH_LEN bytes (entry at +0x11, Thumb)
 *   .stack  0x00000000, 0x400 bytes NOBITS
 *   .data   0x00000400, 8 bytes, loaded from 0x80000000 + FLASH_LEN
 *   .bss    0x00000408, 8 bytes NOBITS
 *   .rel.data: R_ARM_ABS32 at 0x400 (kept), R_ARM_REL32 at 0x404 (dropped)
 */
#define TEXT_ADDR   0x80000000u
#define FLASH_LEN   0x40u
#define DATA_ADDR   0x400u
#define OFF_TEXT    0x200u
#define OFF_DATA    0x600u      /* room for a larger .text in the padding tests */
#define OFF_REL     0x700u
#define OFF_STR     0x720u
#define OFF_SHDR    0x780u
#define N_SHDR      7
#define ELF_SIZE    (OFF_SHDR + N_SHDR * 40)

static const char shstr[] = "\0.text\0.stack\0.data\0.bss\0.rel.data\0.shstrtab";
enum { S_TEXT = 1, S_STACK = 7, S_DATA = 14, S_BSS = 20, S_REL = 25, S_SHSTR = 35 };

static uint8_t elf[ELF_SIZE + 0x10000];
static size_t elf_len;

static void w16(size_t off, uint32_t v) { tbfimg_put16(elf + off, (uint16_t)v); }
static void w32(size_t off, uint32_t v) { tbfimg_put32(elf + off, v); }

static void phdr(int i, uint32_t type, uint32_t off, uint32_t va, uint32_t pa, uint32_t fsz,
                 uint32_t msz, uint32_t flags)
{
    size_t p = 52 + 32 * (size_t)i;
    w32(p, type), w32(p + 4, off), w32(p + 8, va), w32(p + 12, pa);
    w32(p + 16, fsz), w32(p + 20, msz), w32(p + 24, flags), w32(p + 28, 4);
}

static void shdr(int i, uint32_t name, uint32_t type, uint32_t flags, uint32_t addr,
                 uint32_t off, uint32_t size, uint32_t info)
{
    size_t p = OFF_SHDR + 40 * (size_t)i;
    w32(p, name), w32(p + 4, type), w32(p + 8, flags), w32(p + 12, addr);
    w32(p + 16, off), w32(p + 20, size), w32(p + 28, info), w32(p + 36, type == 9 ? 8 : 0);
}

/* Builds the app ELF with a text segment of text_len bytes. */
static void make_elf(uint32_t text_len)
{
    memset(elf, 0, sizeof(elf));
    memcpy(elf, "\177ELF\1\1\1", 7);
    w16(16, 2), w16(18, 40), w32(20, 1), w32(24, TEXT_ADDR + 0x11);
    w32(28, 52), w32(32, OFF_SHDR), w16(40, 52), w16(42, 32), w16(44, 3), w16(46, 40);
    w16(48, N_SHDR), w16(50, 6);
    phdr(0, 1, 0, 0, 0, 0, 0x400, 6);                                   /* stack */
    phdr(1, 1, OFF_TEXT, TEXT_ADDR, TEXT_ADDR, text_len, text_len, 5);  /* text */
    phdr(2, 1, OFF_DATA, DATA_ADDR, TEXT_ADDR + text_len, 8, 16, 6);    /* data + bss */
    for (uint32_t i = 0; i < text_len && OFF_TEXT + i < OFF_DATA; i++)
        elf[OFF_TEXT + i] = (uint8_t)(0xa0 + i);
    w32(OFF_DATA, 0x80000020u), w32(OFF_DATA + 4, 0x11223344u);
    w32(OFF_REL, DATA_ADDR), w32(OFF_REL + 4, 0x0102);                  /* ABS32 */
    w32(OFF_REL + 8, DATA_ADDR + 4), w32(OFF_REL + 12, 0x0103);         /* REL32 */
    memcpy(elf + OFF_STR, shstr, sizeof(shstr));
    shdr(1, S_TEXT, 1, 6, TEXT_ADDR, OFF_TEXT, text_len, 0);
    shdr(2, S_STACK, 8, 3, 0, OFF_DATA, 0x400, 0);
    shdr(3, S_DATA, 1, 3, DATA_ADDR, OFF_DATA, 8, 0);
    shdr(4, S_BSS, 8, 3, DATA_ADDR + 8, OFF_DATA + 8, 8, 0);
    shdr(5, S_REL, 9, 0x40, 0, OFF_REL, 16, 3);
    shdr(6, S_SHSTR, 3, 0, 0, OFF_STR, sizeof(shstr), 0);
    elf_len = ELF_SIZE;
}

static struct elf2tbf_options opts;
static uint8_t *tbf;
static size_t tbf_len;
static char err[512];

static void setup(void)
{
    make_elf(FLASH_LEN);
    elf2tbf_options_init(&opts);
    opts.tbf.package_name = "demo";
    opts.tbf.has_kernel_version = 1;
    opts.tbf.kernel_major = 2;
    tbf = NULL;
    err[0] = 0;
}

static void teardown(void)
{
    free(tbf);
}

static void convert_ok(void)
{
    tbf = elf2tbf_convert(elf, elf_len, &opts, &tbf_len, err, sizeof(err));
    ck_assert_msg(tbf != NULL, "conversion failed: %s", err);
}

static void convert_fails(const char *needle)
{
    tbf = elf2tbf_convert(elf, elf_len, &opts, &tbf_len, err, sizeof(err));
    ck_assert_ptr_null(tbf);
    ck_assert_msg(strstr(err, needle) != NULL, "error \"%s\" lacks \"%s\"", err, needle);
}

/* Header size of the default test options: base + Main + Program + "demo" + kernel version. */
#define HDR (16 + 16 + 24 + 8 + 8)

START_TEST(base_header_fields)
{
    convert_ok();
    ck_assert_uint_eq(tbfimg_get16(tbf), 2);
    ck_assert_uint_eq(tbfimg_get16(tbf + 2), HDR);
    ck_assert_uint_eq(tbfimg_get32(tbf + 4), 1024);
    ck_assert_uint_eq(tbf_len, 1024);
    ck_assert_uint_eq(tbfimg_get32(tbf + 8), TBFIMG_FLAG_ENABLED);
}
END_TEST

START_TEST(checksum_is_xor_of_header_words)
{
    convert_ok();
    uint32_t x = 0;
    for (size_t i = 0; i < HDR; i += 4)
        if (i != 12)
            x ^= tbfimg_get32(tbf + i);
    ck_assert_uint_eq(tbfimg_get32(tbf + 12), x);
    ck_assert_uint_ne(x, 0);
}
END_TEST

START_TEST(tlv_layout)
{
    convert_ok();
    const uint8_t *t = tbf + 16;
    ck_assert_uint_eq(tbfimg_get16(t), TBFIMG_TLV_MAIN);
    ck_assert_uint_eq(tbfimg_get16(t + 2), 12);
    ck_assert_uint_eq(tbfimg_get32(t + 4), 0x11);                /* init_fn_offset */
    ck_assert_uint_eq(tbfimg_get32(t + 8), 0);                   /* protected trailer */
    t += 16;
    ck_assert_uint_eq(tbfimg_get16(t), TBFIMG_TLV_PROGRAM);
    ck_assert_uint_eq(tbfimg_get16(t + 2), 20);
    ck_assert_uint_eq(tbfimg_get32(t + 4), 0x11);
    ck_assert_uint_eq(tbfimg_get32(t + 12), tbfimg_get32(tbf + 16 + 12));  /* same min RAM */
    ck_assert_uint_eq(tbfimg_get32(t + 16), HDR + FLASH_LEN + 8 + 4 + 8);  /* binary end */
    t += 24;
    ck_assert_uint_eq(tbfimg_get16(t), TBFIMG_TLV_PACKAGE_NAME);
    ck_assert_uint_eq(tbfimg_get16(t + 2), 4);
    ck_assert_mem_eq(t + 4, "demo", 4);
    t += 8;
    ck_assert_uint_eq(tbfimg_get16(t), TBFIMG_TLV_KERNEL_VERSION);
    ck_assert_uint_eq(tbfimg_get16(t + 2), 4);
    ck_assert_uint_eq(tbfimg_get16(t + 4), 2);
    ck_assert_uint_eq(tbfimg_get16(t + 6), 0);
}
END_TEST

START_TEST(name_tlv_padded_to_four)
{
    opts.tbf.package_name = "hello";
    convert_ok();
    const uint8_t *t = tbf + 16 + 16 + 24;
    ck_assert_uint_eq(tbfimg_get16(t + 2), 5);                   /* length without padding */
    ck_assert_uint_eq(t[9], 0);
    ck_assert_uint_eq(tbfimg_get16(t + 12), TBFIMG_TLV_KERNEL_VERSION);
    ck_assert_uint_eq(tbfimg_get16(tbf + 2), HDR + 4);
}
END_TEST

START_TEST(binary_holds_flash_data_and_relocations)
{
    convert_ok();
    const uint8_t *bin = tbf + HDR;
    ck_assert_uint_eq(bin[0], 0xa0);
    ck_assert_uint_eq(bin[FLASH_LEN - 1], 0xa0 + FLASH_LEN - 1);
    ck_assert_uint_eq(tbfimg_get32(bin + FLASH_LEN), 0x80000020u);      /* .data image */
    ck_assert_uint_eq(tbfimg_get32(bin + FLASH_LEN + 4), 0x11223344u);
    ck_assert_uint_eq(tbfimg_get32(bin + FLASH_LEN + 8), 8);             /* one ABS32 kept */
    ck_assert_uint_eq(tbfimg_get32(bin + FLASH_LEN + 12), DATA_ADDR);
    ck_assert_uint_eq(tbfimg_get32(bin + FLASH_LEN + 16), 0x0102);
}
END_TEST

START_TEST(minimum_ram_counts_ram_span_and_heaps)
{
    opts.app_heap = 100;
    opts.kernel_heap = 200;
    convert_ok();
    /* RAM span 0..0x410 (stack, data, bss) + 100 + 200. */
    ck_assert_uint_eq(tbfimg_get32(tbf + 16 + 12), 0x410 + 100 + 200);
    free(tbf);
    opts.minimum_ram = 8192;
    convert_ok();
    ck_assert_uint_eq(tbfimg_get32(tbf + 16 + 12), 8192);
}
END_TEST

START_TEST(minimum_ram_too_small_is_an_error)
{
    opts.minimum_ram = 0x100;
    convert_fails("smaller than");
}
END_TEST

START_TEST(padding_to_power_of_two_with_footer)
{
    make_elf(0x300);            /* binary 0x300 + 8 + 4 + 8 after a 72-byte header: > 512 */
    convert_ok();
    struct tbfimg_info info;
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), 0);
    ck_assert_uint_eq(info.total_size, 1024);
    free(tbf);
    make_elf(0x3c0);            /* now over 1 KiB: the next power of two */
    convert_ok();
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), 0);
    ck_assert_uint_eq(info.total_size, 2048);
    ck_assert_uint_eq(tbf_len, 2048);
    ck_assert_uint_eq(info.n_footers, 1);
    uint32_t end = info.binary_end_offset;
    ck_assert_uint_eq(tbfimg_get16(tbf + end), TBFIMG_TLV_CREDENTIALS);
    ck_assert_uint_eq(tbfimg_get16(tbf + end + 2), 2048 - end - 4);
    ck_assert_uint_eq(tbfimg_get32(tbf + end + 4), 0);            /* Reserved */
}
END_TEST

START_TEST(main_only_has_no_footer)
{
    opts.tbf.headers = TBFIMG_HDR_MAIN;
    convert_ok();
    struct tbfimg_info info;
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), 0);
    ck_assert(info.has_main && !info.has_program);
    ck_assert_uint_eq(tbfimg_get16(tbf + 2), HDR - 24);
    for (size_t i = HDR - 24 + FLASH_LEN + 20; i < tbf_len; i++)
        ck_assert_uint_eq(tbf[i], 0);
}
END_TEST

START_TEST(four_byte_gap_doubles_total)
{
    struct tbfimg_params p;
    tbfimg_params_init(&p);
    size_t hdr = tbfimg_header_size(&p);            /* 56 */
    ck_assert_uint_eq(tbfimg_total_size(&p, hdr, 1024 - hdr - 4), 2048);
    ck_assert_uint_eq(tbfimg_total_size(&p, hdr, 1024 - hdr - 8), 1024);
    ck_assert_uint_eq(tbfimg_total_size(&p, hdr, 1024 - hdr), 1024);
    p.headers = TBFIMG_HDR_MAIN;            /* no footers, so a 4-byte gap is fine */
    hdr = tbfimg_header_size(&p);
    ck_assert_uint_eq(tbfimg_total_size(&p, hdr, 1024 - hdr - 4), 1024);
}
END_TEST

START_TEST(large_gap_split_into_footers)
{
    struct tbfimg_params p;
    tbfimg_params_init(&p);
    size_t n = 140000, len;
    uint8_t *bin = calloc(1, n);
    tbf = tbfimg_build(&p, bin, n, 0, &len, err, sizeof(err));
    free(bin);
    ck_assert_ptr_nonnull(tbf);
    ck_assert_uint_eq(len, 262144);
    struct tbfimg_info info;
    ck_assert_int_eq(tbfimg_parse(tbf, len, &info, err, sizeof(err)), 0);
    ck_assert_uint_eq(info.n_footers, 2);
}
END_TEST

START_TEST(flags_and_optional_tlvs)
{
    opts.tbf.enabled = 0;
    opts.tbf.sticky = 1;
    opts.tbf.has_fixed = 1;
    opts.tbf.fixed_ram = 0x20004000u;
    opts.tbf.n_perms = 1;
    opts.tbf.perms[0] = (struct tbfimg_perm){ 0x1, 0, 0x7 };
    opts.tbf.app_version = 9;
    convert_ok();
    struct tbfimg_info info;
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), 0);
    ck_assert_uint_eq(info.flags, TBFIMG_FLAG_STICKY);
    ck_assert(info.has_fixed);
    ck_assert_uint_eq(info.fixed_ram, 0x20004000u);
    ck_assert_uint_eq(info.fixed_flash, TBFIMG_NO_FIXED_ADDRESS);
    ck_assert_uint_eq(info.n_perms, 1);
    ck_assert_uint_eq(info.app_version, 9);
    ck_assert_str_eq(info.package_name, "demo");
    ck_assert_uint_eq(info.n_tlvs, 6);
}
END_TEST

START_TEST(parse_rejects_bad_checksum_version_and_tlvs)
{
    convert_ok();
    struct tbfimg_info info;
    tbf[HDR - 1] ^= 1;
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "checksum"));
    tbf[HDR - 1] ^= 1;
    ck_assert_int_eq(tbfimg_parse(tbf, 40, &info, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "truncated"));
    tbf[0] = 1;
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "version"));
    tbf[0] = 2;
    tbfimg_put16(tbf + 16 + 2, 200);        /* Main TLV claims 200 bytes */
    tbfimg_put32(tbf + 12, tbfimg_checksum(tbf, HDR));
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "runs past"));
}
END_TEST

START_TEST(padding_object_parses_and_has_no_program)
{
    uint8_t pad[16];
    tbfimg_padding(pad, 0x3000);
    struct tbfimg_info info;
    ck_assert_int_eq(tbfimg_parse(pad, sizeof(pad), &info, err, sizeof(err)), 0);
    ck_assert_uint_eq(info.total_size, 0x3000);
    ck_assert_uint_eq(info.header_size, 16);
    ck_assert_uint_eq(info.flags, 0);
    ck_assert(!info.has_main && !info.has_program);
    ck_assert_uint_eq(info.n_tlvs, 0);
}
END_TEST

START_TEST(error_not_an_elf)
{
    memcpy(elf, "MZ\x90\x00", 4);
    convert_fails("not an ELF");
}
END_TEST

START_TEST(error_wrong_class)
{
    elf[4] = 2;
    convert_fails("not 32-bit");
}
END_TEST

START_TEST(error_big_endian)
{
    elf[5] = 2;
    convert_fails("little-endian");
}
END_TEST

START_TEST(error_wrong_machine)
{
    w16(18, 62);
    convert_fails("machine 62");
}
END_TEST

START_TEST(error_truncated)
{
    elf_len = 100;
    convert_fails("truncated");
    elf_len = 30;
    convert_fails("truncated");
    elf_len = OFF_TEXT + 8;     /* headers fit, segment contents do not */
    w32(32, 0), w16(48, 0);     /* drop the section table so the segment check is reached */
    convert_fails("truncated: segment");
}
END_TEST

START_TEST(error_not_executable)
{
    w16(16, 3);
    convert_fails("ET_DYN");
    w16(16, 1);
    convert_fails("not an executable");
}
END_TEST

START_TEST(error_no_entry)
{
    w32(24, 0);
    convert_fails("entry point");
    w32(24, 0x90000000u);
    convert_fails("entry point 0x90000000");
}
END_TEST

START_TEST(error_no_loadable_contents)
{
    phdr(1, 1, OFF_TEXT, TEXT_ADDR, TEXT_ADDR, 0, FLASH_LEN, 5);
    phdr(2, 1, OFF_DATA, DATA_ADDR, TEXT_ADDR, 0, 16, 6);
    convert_fails("no loadable segment");
}
END_TEST

START_TEST(error_ram_segment_without_flash_address)
{
    phdr(2, 1, OFF_DATA, DATA_ADDR, DATA_ADDR, 8, 16, 6);   /* LMA in RAM */
    convert_fails("AT> FLASH");
}
END_TEST

START_TEST(error_absolute_relocation_in_text)
{
    shdr(5, S_REL, 9, 0x40, 0, OFF_REL, 16, 1);             /* .rel.data now targets .text */
    convert_fails("not position-independent");
}
END_TEST

START_TEST(error_rela)
{
    shdr(5, S_REL, 4, 0x40, 0, OFF_REL, 16, 3);
    convert_fails("RELA");
}
END_TEST

START_TEST(error_name_too_long)
{
    static char name[300];
    memset(name, 'x', sizeof(name) - 1);
    opts.tbf.package_name = name;
    convert_fails("package name");
}
END_TEST

Suite *elf2tbf_suite(void)
{
    Suite *s = suite_create("elf2tbf");
    TCase *ok = tcase_create("tbf");
    tcase_add_checked_fixture(ok, setup, teardown);
    tcase_add_test(ok, base_header_fields);
    tcase_add_test(ok, checksum_is_xor_of_header_words);
    tcase_add_test(ok, tlv_layout);
    tcase_add_test(ok, name_tlv_padded_to_four);
    tcase_add_test(ok, binary_holds_flash_data_and_relocations);
    tcase_add_test(ok, minimum_ram_counts_ram_span_and_heaps);
    tcase_add_test(ok, minimum_ram_too_small_is_an_error);
    tcase_add_test(ok, padding_to_power_of_two_with_footer);
    tcase_add_test(ok, main_only_has_no_footer);
    tcase_add_test(ok, four_byte_gap_doubles_total);
    tcase_add_test(ok, large_gap_split_into_footers);
    tcase_add_test(ok, flags_and_optional_tlvs);
    tcase_add_test(ok, parse_rejects_bad_checksum_version_and_tlvs);
    tcase_add_test(ok, padding_object_parses_and_has_no_program);
    suite_add_tcase(s, ok);

    TCase *bad = tcase_create("bad_input");
    tcase_add_checked_fixture(bad, setup, teardown);
    tcase_add_test(bad, error_not_an_elf);
    tcase_add_test(bad, error_wrong_class);
    tcase_add_test(bad, error_big_endian);
    tcase_add_test(bad, error_wrong_machine);
    tcase_add_test(bad, error_truncated);
    tcase_add_test(bad, error_not_executable);
    tcase_add_test(bad, error_no_entry);
    tcase_add_test(bad, error_no_loadable_contents);
    tcase_add_test(bad, error_ram_segment_without_flash_address);
    tcase_add_test(bad, error_absolute_relocation_in_text);
    tcase_add_test(bad, error_rela);
    tcase_add_test(bad, error_name_too_long);
    suite_add_tcase(s, bad);
    return s;
}
