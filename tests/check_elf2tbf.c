/* Unit tests of tools/elf2tbf: TBF header fields, checksum, TLV layout, padding, bad input. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/elf2tbf/credentials.h"
#include "tools/elf2tbf/elf2tbf.h"
#include "tools/elf2tbf/elfimg.h"
#include "tools/elf2tbf/sha2.h"
#include "lib/tbf/tbfimg.h"

/*
 * A synthetic ELF32 ARM executable laid out like a libtock app (app.ld), at flash address T
 * and RAM address R (PIC: T = 0x80000000, R = 0):
 *   .text   T, FLASH_LEN bytes (entry at +0x11, Thumb)
 *   .stack  R, 0x400 bytes NOBITS
 *   .data   R + 0x400, 8 bytes, loaded from T + FLASH_LEN
 *   .bss    R + 0x408, 8 bytes NOBITS
 *   .rel.data: R_ARM_ABS32 at R + 0x400 (kept), R_ARM_REL32 at R + 0x404 (dropped)
 *   .symtab: _sram_origin = R (elf2tab reads a fixed RAM address from it)
 */
#define TEXT_ADDR   0x80000000u
#define FLASH_LEN   0x40u
#define DATA_ADDR   0x400u
#define OFF_TEXT    0x200u
#define OFF_DATA    0x600u      /* room for a larger .text in the padding tests */
#define OFF_REL     0x700u
#define OFF_STR     0x720u
#define OFF_SYM     0x760u
#define OFF_SYMSTR  0x780u
#define OFF_SHDR    0x7a0u
#define N_SHDR      9
#define ELF_SIZE    (OFF_SHDR + N_SHDR * 40)

static const char shstr[] = "\0.text\0.stack\0.data\0.bss\0.rel.data\0.shstrtab\0.symtab\0.strtab";
enum { S_TEXT = 1, S_STACK = 7, S_DATA = 14, S_BSS = 20, S_REL = 25, S_SHSTR = 35, S_SYMTAB = 45,
       S_STRTAB = 53 };
static const char symstr[] = "\0_sram_origin";

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
    w32(p + 16, off), w32(p + 20, size), w32(p + 28, info);
    w32(p + 36, type == 9 ? 8 : type == 2 ? 16 : 0);
    if (type == 2)
        w32(p + 24, 8);                                     /* symtab's strings: section 8 */
}

/* Builds the app ELF with a text segment of text_len bytes linked at text, RAM at ram. */
static void make_elf_at(uint32_t text_len, uint32_t text, uint32_t ram)
{
    memset(elf, 0, sizeof(elf));
    memcpy(elf, "\177ELF\1\1\1", 7);
    w16(16, 2), w16(18, 40), w32(20, 1), w32(24, text + 0x11);
    w32(28, 52), w32(32, OFF_SHDR), w16(40, 52), w16(42, 32), w16(44, 3), w16(46, 40);
    w16(48, N_SHDR), w16(50, 6);
    phdr(0, 1, 0, ram, ram, 0, 0x400, 6);                               /* stack */
    phdr(1, 1, OFF_TEXT, text, text, text_len, text_len, 5);            /* text */
    phdr(2, 1, OFF_DATA, ram + DATA_ADDR, text + text_len, 8, 16, 6);   /* data + bss */
    for (uint32_t i = 0; i < text_len && OFF_TEXT + i < OFF_DATA; i++)
        elf[OFF_TEXT + i] = (uint8_t)(0xa0 + i);
    w32(OFF_DATA, 0x80000020u), w32(OFF_DATA + 4, 0x11223344u);
    w32(OFF_REL, ram + DATA_ADDR), w32(OFF_REL + 4, 0x0102);            /* ABS32 */
    w32(OFF_REL + 8, ram + DATA_ADDR + 4), w32(OFF_REL + 12, 0x0103);   /* REL32 */
    memcpy(elf + OFF_STR, shstr, sizeof(shstr));
    w32(OFF_SYM + 16, 1), w32(OFF_SYM + 20, ram), w16(OFF_SYM + 30, 0xfff1);  /* _sram_origin */
    memcpy(elf + OFF_SYMSTR, symstr, sizeof(symstr));
    shdr(1, S_TEXT, 1, 6, text, OFF_TEXT, text_len, 0);
    shdr(2, S_STACK, 8, 3, ram, OFF_DATA, 0x400, 0);
    shdr(3, S_DATA, 1, 3, ram + DATA_ADDR, OFF_DATA, 8, 0);
    shdr(4, S_BSS, 8, 3, ram + DATA_ADDR + 8, OFF_DATA + 8, 8, 0);
    shdr(5, S_REL, 9, 0x40, 0, OFF_REL, 16, 3);
    shdr(6, S_SHSTR, 3, 0, 0, OFF_STR, sizeof(shstr), 0);
    shdr(7, S_SYMTAB, 2, 0, 0, OFF_SYM, 32, 1);
    shdr(8, S_STRTAB, 3, 0, 0, OFF_SYMSTR, sizeof(symstr), 0);
    elf_len = ELF_SIZE;
}

/* The PIC app (Tock's convention: flash at 0x80000000, RAM at 0). */
static void make_elf(uint32_t text_len)
{
    make_elf_at(text_len, TEXT_ADDR, 0);
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

/* An absolute relocation against an absolute symbol (a --defsym constant) does not move with
 * the app: flash may hold it. Against a section's symbol it is refused. */
START_TEST(absolute_symbol_in_text_is_fine)
{
    shdr(5, S_REL, 9, 0x40, 0, OFF_REL, 16, 1);             /* .rel.data now targets .text */
    w32(OFF_SHDR + 40 * 5 + 24, 7);                         /* its symbols: .symtab */
    convert_ok();                                           /* symbol 1 is SHN_ABS */
    free(tbf);
    tbf = NULL;
    w16(OFF_SYM + 16 + 14, 1);                              /* now defined in .text */
    convert_fails("absolute relocation (type 2) in read-only section .text");
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

/* ---- fixed addresses and the protected region, derived as elf2tab does -------------------- */

/* An app linked at 0x80100080 (a slot's binary, after 0x80 bytes of TBF header) with its RAM
 * at 0x80210000: the FixedAddresses TLV names both, and the protected region grows so that the
 * TBF starts at the 256-byte boundary 0x80100000. */
START_TEST(fixed_addresses_from_the_elf)
{
    make_elf_at(FLASH_LEN, 0x80100080u, 0x80210000u);
    convert_ok();
    struct tbfimg_info info;
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), 0);
    ck_assert(info.has_fixed);
    ck_assert_uint_eq(info.fixed_flash, 0x80100080u);
    ck_assert_uint_eq(info.fixed_ram, 0x80210000u);
    ck_assert_uint_eq(info.header_size, HDR + 12);
    ck_assert_uint_eq(info.header_size + info.protected_size, 0x80);
    ck_assert_uint_eq(info.init_fn_offset, info.protected_size + 0x11);
    ck_assert_uint_eq(tbf[0x80], 0xa0);                 /* the binary at 0x80100080 */
}
END_TEST

/* _sram_origin wins over the RAM sections; without it, the RAM sections' start is used. */
START_TEST(fixed_ram_from_sram_origin_or_ram_sections)
{
    struct tbfimg_info info;
    make_elf_at(FLASH_LEN, 0x80100080u, 0x80210000u);
    w32(OFF_SYM + 20, 0x80300000u);
    convert_ok();
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), 0);
    ck_assert_uint_eq(info.fixed_ram, 0x80300000u);
    free(tbf);
    elf[OFF_SYMSTR + 1] = 'X';                          /* no _sram_origin any more */
    convert_ok();
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), 0);
    ck_assert_uint_eq(info.fixed_ram, 0x80210000u);
}
END_TEST

/* Given addresses win; a PIC app (flash 0x80000000, _sram_origin 0) gets no TLV at all. */
START_TEST(given_fixed_addresses_win_and_pic_has_none)
{
    struct tbfimg_info info;
    convert_ok();
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), 0);
    ck_assert(!info.has_fixed);
    free(tbf);
    make_elf_at(FLASH_LEN, 0x80100080u, 0x80210000u);
    opts.fixed_flash_given = 1;
    opts.tbf.fixed_flash = TBFIMG_NO_FIXED_ADDRESS;
    opts.protected_region = 0x100;
    convert_ok();
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), 0);
    ck_assert_uint_eq(info.fixed_flash, TBFIMG_NO_FIXED_ADDRESS);
    ck_assert_uint_eq(info.fixed_ram, 0x80210000u);
    ck_assert_uint_eq(info.header_size + info.protected_size, 0x100);
}
END_TEST

/* A binary too close to a 256-byte boundary for the header: no protected trailer (elf2tab);
 * an explicit region smaller than the header is an error. */
START_TEST(protected_region_rules)
{
    struct tbfimg_info info;
    make_elf_at(FLASH_LEN, 0x80100010u, 0x80210000u);
    convert_ok();
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), 0);
    ck_assert_uint_eq(info.protected_size, 0);
    free(tbf);
    tbf = NULL;
    opts.protected_region = 64;
    convert_fails("--protected-region-size 64 is smaller than the 84-byte header");
}
END_TEST

/* ---- footers: hash credentials and reserved space ------------------------------------------ */

START_TEST(sha_credentials_cover_header_and_binary)
{
    opts.hashes = CRED_SHA256 | CRED_SHA512;
    convert_ok();
    struct tbfimg_info info;
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), 0);
    ck_assert_uint_eq(info.footer_formats, 1u << TBFIMG_CRED_SHA256 | 1u << TBFIMG_CRED_SHA512 |
                                           1u << TBFIMG_CRED_RESERVED);
    ck_assert_uint_eq(info.n_footers, 3);
    const uint8_t *f = tbf + info.binary_end_offset;
    uint8_t d256[SHA256_LEN], d512[SHA512_LEN];
    sha256(tbf, info.binary_end_offset, d256);
    sha512(tbf, info.binary_end_offset, d512);
    ck_assert_uint_eq(tbfimg_get16(f), TBFIMG_TLV_CREDENTIALS);
    ck_assert_uint_eq(tbfimg_get16(f + 2), 4 + SHA256_LEN);
    ck_assert_uint_eq(tbfimg_get32(f + 4), TBFIMG_CRED_SHA256);
    ck_assert_mem_eq(f + 8, d256, SHA256_LEN);
    f += 8 + SHA256_LEN;
    ck_assert_uint_eq(tbfimg_get16(f + 2), 4 + SHA512_LEN);
    ck_assert_uint_eq(tbfimg_get32(f + 4), TBFIMG_CRED_SHA512);
    ck_assert_mem_eq(f + 8, d512, SHA512_LEN);
    ck_assert_uint_eq(credentials_size(CRED_SHA256 | CRED_SHA384 | CRED_SHA512), 3 * 8 + 32 + 48 + 64);
}
END_TEST

START_TEST(minimum_footer_size_reserves_space)
{
    opts.tbf.minimum_footer = 3000;
    convert_ok();
    struct tbfimg_info info;
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), 0);
    ck_assert_uint_eq(info.total_size, 4096);
    ck_assert_uint_ge(info.total_size - info.binary_end_offset, 3000);
    free(tbf);
    tbf = NULL;
    opts.tbf.headers = TBFIMG_HDR_MAIN;
    convert_fails("need the Program TLV");
}
END_TEST

/* FIPS 180-4's examples ("abc") and the empty and million-'a' messages. */
START_TEST(sha2_known_answers)
{
    static const struct { const char *msg; size_t reps; const char *h256, *h384, *h512; } v[] = {
        { "abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
          "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
          "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
          "454d4423643ce80e2a9ac94fa54ca49f" },
        { "", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b",
          "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f"
          "63b931bd47417a81a538327af927da3e" },
        { "a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
          "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985",
          "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31b"
          "eb009c5c2c49aa2e4eadb217ad8cc09b" },
    };
    for (size_t k = 0; k < sizeof(v) / sizeof(v[0]); k++) {
        size_t n = strlen(v[k].msg) * v[k].reps;
        uint8_t *m = malloc(n + 1), d[SHA512_LEN];
        char hex[2 * SHA512_LEN + 1];
        for (size_t i = 0; i < n; i++)
            m[i] = (uint8_t)v[k].msg[i % strlen(v[k].msg)];
#define HEX(len) for (unsigned i = 0; i < (len); i++) snprintf(hex + 2 * i, 3, "%02x", d[i])
        sha256(m, n, d);
        HEX(SHA256_LEN);
        ck_assert_str_eq(hex, v[k].h256);
        sha384(m, n, d);
        HEX(SHA384_LEN);
        ck_assert_str_eq(hex, v[k].h384);
        sha512(m, n, d);
        HEX(SHA512_LEN);
        ck_assert_str_eq(hex, v[k].h512);
#undef HEX
        free(m);
    }
}
END_TEST

/* Persistent ACL (elf2tab's storage IDs) and ShortId TLVs: laid out and read back. */
START_TEST(storage_ids_and_short_id)
{
    opts.tbf.has_acl = 1;
    opts.tbf.write_id = 12345678;
    opts.tbf.n_read_ids = 2;
    opts.tbf.read_ids[0] = 1, opts.tbf.read_ids[1] = 2;
    opts.tbf.n_access_ids = 1;
    opts.tbf.access_ids[0] = 3;
    opts.tbf.has_short_id = 1;
    opts.tbf.short_id = 0xabcd;
    convert_ok();
    struct tbfimg_info info;
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), 0);
    ck_assert(info.has_acl && info.has_short_id);
    ck_assert_uint_eq(info.write_id, 12345678);
    ck_assert_uint_eq(info.n_read_ids, 2);
    ck_assert_uint_eq(info.n_access_ids, 1);
    ck_assert_uint_eq(info.short_id, 0xabcd);
    const uint8_t *acl = tbf + HDR;                     /* after the kernel version TLV */
    ck_assert_uint_eq(tbfimg_get16(acl), TBFIMG_TLV_PERSISTENT_ACL);
    ck_assert_uint_eq(tbfimg_get16(acl + 2), 4 + 2 + 8 + 2 + 4);
    ck_assert_uint_eq(tbfimg_get16(acl + 8), 2);
    ck_assert_uint_eq(tbfimg_get32(acl + 14), 2);       /* second read ID */
    ck_assert_uint_eq(tbfimg_get16(acl + 18), 1);
    ck_assert_uint_eq(tbfimg_get32(acl + 20), 3);
    ck_assert_uint_eq(tbfimg_get16(acl + 24), TBFIMG_TLV_SHORT_ID);
}
END_TEST

/* A section named like ".wfr..." is a writeable flash region: one TLV (type 2) with its offset
 * from the TBF's start and its size; one outside the flash image is an error. */
START_TEST(writeable_flash_regions)
{
    memcpy(elf + OFF_STR + S_TEXT, ".wfr\0", 5);       /* .text becomes ".wfr" */
    convert_ok();
    struct tbfimg_info info;
    ck_assert_int_eq(tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)), 0);
    ck_assert_uint_eq(info.n_wfr, 1);
    ck_assert_uint_eq(info.header_size, HDR + 12);
    ck_assert_uint_eq(info.wfr_offset, HDR + 12);       /* the binary's first byte */
    ck_assert_uint_eq(info.wfr_size, FLASH_LEN);
    free(tbf);
    tbf = NULL;
    make_elf(FLASH_LEN);
    memcpy(elf + OFF_STR + S_BSS, ".wfr", 4);           /* .bss: RAM, no file contents */
    convert_fails("writeable flash region .wfr (0x00000408, 8 bytes) is not in a loaded segment's contents");
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
    tcase_add_test(ok, fixed_addresses_from_the_elf);
    tcase_add_test(ok, fixed_ram_from_sram_origin_or_ram_sections);
    tcase_add_test(ok, given_fixed_addresses_win_and_pic_has_none);
    tcase_add_test(ok, protected_region_rules);
    tcase_add_test(ok, sha_credentials_cover_header_and_binary);
    tcase_add_test(ok, minimum_footer_size_reserves_space);
    tcase_add_test(ok, sha2_known_answers);
    tcase_add_test(ok, storage_ids_and_short_id);
    tcase_add_test(ok, writeable_flash_regions);
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
    tcase_add_test(bad, absolute_symbol_in_text_is_fine);
    tcase_add_test(bad, error_rela);
    tcase_add_test(bad, error_name_too_long);
    suite_add_tcase(s, bad);
    return s;
}
