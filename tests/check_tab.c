/* Unit tests of lib/tab: the ustar writer and reader, TAB metadata, the TBF choice for a
 * board (architecture, fixed flash address) and malformed archives. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tab/tab.h"
#include "lib/tab/ustar.h"

static char err[700];
static struct tab t;

/* A small valid TBF; fixed_flash != 0 links it there with 0x80 bytes of header + trailer. */
static uint8_t *make_tbf(uint32_t fixed_flash, size_t *len)
{
    struct tbfimg_params p;
    uint8_t bin[64] = { 0 };
    tbfimg_params_init(&p);
    p.package_name = "app";
    p.minimum_ram_size = 1024;
    if (fixed_flash) {
        p.has_fixed = 1;
        p.fixed_flash = fixed_flash;
        p.protected_trailer = 0x80 - (uint32_t)tbfimg_header_size(&p);
    }
    uint8_t *tbf = tbfimg_build(&p, bin, sizeof(bin), 0, len, err, sizeof(err));
    ck_assert_msg(tbf != NULL, "%s", err);
    return tbf;
}

static void add(struct ustar_writer *w, const char *name, const void *data, size_t len)
{
    ck_assert_msg(ustar_add(w, name, data, len, 0, err, sizeof(err)) == 0, "%s", err);
}

/* Adds a TBF member (fixed_flash as make_tbf). */
static void add_tbf(struct ustar_writer *w, const char *name, uint32_t fixed_flash)
{
    size_t len;
    uint8_t *tbf = make_tbf(fixed_flash, &len);
    add(w, name, tbf, len);
    free(tbf);
}

static const char meta[] = "tab-version = 1\nname = \"blink\"\nonly-for-boards = \"hail,imix\"\n"
                           "minimum-tock-kernel-version = \"2.0\"\nbuild-date = 2024-01-02T03:04:05Z\n";

/* Sets the checksum of the header at h as a tar writer does (after a test edits it). */
static void fix_checksum(uint8_t *h)
{
    unsigned sum = 0;
    memset(h + 148, ' ', 8);
    for (int i = 0; i < 512; i++)
        sum += h[i];
    snprintf((char *)h + 148, 8, "%06o", sum);
}

START_TEST(ustar_round_trip)
{
    struct ustar_writer w = { 0 };
    char longname[160];
    uint8_t data[1000];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 7);
    memset(longname, 'd', sizeof(longname) - 1);
    longname[100] = '/';                                /* prefix (100 bytes) / name (59) */
    longname[sizeof(longname) - 1] = 0;
    add(&w, "metadata.toml", meta, strlen(meta));
    add(&w, "cortex-m4.tbf", data, sizeof(data));
    add(&w, longname, "x", 1);
    ck_assert_int_eq(ustar_finish(&w, err, sizeof(err)), 0);
    ck_assert_uint_eq(w.len, 512 + 512 + 512 + 1024 + 512 + 512 + 1024);
    ck_assert_mem_eq(w.data + 257, "ustar\0" "00", 8);
    ck_assert_mem_eq(w.data + 148 + 6, "\0 ", 2);       /* six digits, NUL, space */

    struct ustar_reader r;
    struct ustar_entry e;
    ustar_reader_init(&r, w.data, w.len);
    ck_assert_int_eq(ustar_next(&r, &e, err, sizeof(err)), 1);
    ck_assert_str_eq(e.name, "metadata.toml");
    ck_assert_uint_eq(e.type, '0');
    ck_assert_mem_eq(e.data, meta, strlen(meta));
    ck_assert_int_eq(ustar_next(&r, &e, err, sizeof(err)), 1);
    ck_assert_str_eq(e.name, "cortex-m4.tbf");
    ck_assert_uint_eq(e.size, sizeof(data));
    ck_assert_mem_eq(e.data, data, sizeof(data));
    ck_assert_uint_eq(e.header_offset, 1024);
    ck_assert_int_eq(ustar_next(&r, &e, err, sizeof(err)), 1);
    ck_assert_str_eq(e.name, longname);
    ck_assert_int_eq(ustar_next(&r, &e, err, sizeof(err)), 0);
    ustar_writer_free(&w);
}
END_TEST

/* What GNU tar and Rust's tar crate write: GNU magic, 'L' long names, pax path records. */
START_TEST(ustar_reads_gnu_and_pax)
{
    struct ustar_writer w = { 0 };
    char longname[200];
    memset(longname, 'n', sizeof(longname) - 5);
    strcpy(longname + sizeof(longname) - 5, ".tbf");
    add(&w, "././@LongLink", longname, strlen(longname) + 1);
    add(&w, "short", "A", 1);
    add(&w, "PaxHeaders/x", "20 path=foo/bar.tbf\n", 20);
    add(&w, "x", "B", 1);
    ck_assert_int_eq(ustar_finish(&w, err, sizeof(err)), 0);
    w.data[156] = 'L';
    memcpy(w.data + 257, "ustar  ", 8);                 /* GNU magic and version */
    fix_checksum(w.data);
    w.data[2048 + 156] = 'x';
    fix_checksum(w.data + 2048);

    struct ustar_reader r;
    struct ustar_entry e;
    ustar_reader_init(&r, w.data, w.len);
    ck_assert_msg(ustar_next(&r, &e, err, sizeof(err)) == 1, "%s", err);
    ck_assert_str_eq(e.name, longname);
    ck_assert_uint_eq(e.data[0], 'A');
    ck_assert_msg(ustar_next(&r, &e, err, sizeof(err)) == 1, "%s", err);
    ck_assert_str_eq(e.name, "foo/bar.tbf");
    ck_assert_uint_eq(e.data[0], 'B');
    ck_assert_int_eq(ustar_next(&r, &e, err, sizeof(err)), 0);
    ustar_writer_free(&w);
}
END_TEST

START_TEST(ustar_malformed)
{
    struct ustar_writer w = { 0 };
    uint8_t data[1000] = { 0 };
    add(&w, "a.tbf", data, sizeof(data));
    ck_assert_int_eq(ustar_finish(&w, err, sizeof(err)), 0);
    struct ustar_reader r;
    struct ustar_entry e;
    ustar_reader_init(&r, w.data, 512 + 100);           /* data cut short */
    ck_assert_int_eq(ustar_next(&r, &e, err, sizeof(err)), -1);
    ck_assert_str_eq(err, "truncated: the member at byte offset 0 needs 1000 bytes of data, only 100 remain");
    ustar_reader_init(&r, w.data, 300);                 /* header cut short */
    ck_assert_int_eq(ustar_next(&r, &e, err, sizeof(err)), -1);
    ck_assert_str_eq(err, "truncated: 300 bytes at byte offset 0, a tar header needs 512");
    w.data[0] ^= 1;                                     /* name changed, checksum not */
    ustar_reader_init(&r, w.data, w.len);
    ck_assert_int_eq(ustar_next(&r, &e, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "tar header at byte offset 0: checksum mismatch"));
    w.data[0] ^= 1;
    memcpy(w.data + 257, "nope!", 5);
    ustar_reader_init(&r, w.data, w.len);
    ck_assert_int_eq(ustar_next(&r, &e, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "no tar header at byte offset 0"));
    ck_assert(!ustar_is_tar(w.data, w.len));
    char toolong[300];
    memset(toolong, 'z', sizeof(toolong) - 1);
    toolong[sizeof(toolong) - 1] = 0;
    ck_assert_int_eq(ustar_add(&w, toolong, "", 0, 0, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "too long for a ustar header"));
    ustar_writer_free(&w);
}
END_TEST

/* A TAB with metadata and TBFs for two architectures. */
static struct ustar_writer two_arch_tab(const char *meta_text, const char *a, const char *b)
{
    struct ustar_writer w = { 0 };
    if (meta_text)
        add(&w, "metadata.toml", meta_text, strlen(meta_text));
    if (a)
        add_tbf(&w, a, 0);
    if (b)
        add_tbf(&w, b, 0);
    ck_assert_int_eq(ustar_finish(&w, err, sizeof(err)), 0);
    return w;
}

START_TEST(tab_read_lists_tbfs_and_metadata)
{
    struct ustar_writer w = two_arch_tab(meta, "cortex-m4.tbf", "rv32imac.0x80100080.0x80210000.tbf");
    ck_assert_msg(tab_read(w.data, w.len, &t, err, sizeof(err)) == 0, "%s", err);
    ck_assert(t.has_metadata);
    ck_assert_str_eq(t.name, "blink");
    ck_assert_str_eq(t.kernel_version, "2.0");
    ck_assert_str_eq(t.boards, "hail,imix");
    ck_assert_int_eq(t.n, 2);
    ck_assert_str_eq(t.tbf[0].arch, "cortex-m4");
    ck_assert_str_eq(t.tbf[1].arch, "rv32imac");
    ck_assert_str_eq(t.tbf[1].name, "rv32imac.0x80100080.0x80210000.tbf");
    ck_assert(t.tbf[0].header_ok && t.tbf[1].header_ok);
    ck_assert_str_eq(t.tbf[0].info.package_name, "app");
    ustar_writer_free(&w);
}
END_TEST

START_TEST(tab_read_errors)
{
    struct ustar_writer w = two_arch_tab("tab-version = 2\n", "cortex-m4.tbf", NULL);
    ck_assert_int_eq(tab_read(w.data, w.len, &t, err, sizeof(err)), -1);
    ck_assert_str_eq(err, "metadata.toml: tab-version 2 is not supported (only 1)");
    ustar_writer_free(&w);
    w = two_arch_tab(meta, NULL, NULL);
    ck_assert_int_eq(tab_read(w.data, w.len, &t, err, sizeof(err)), -1);
    ck_assert_str_eq(err, "the TAB holds no .tbf file");
    ustar_writer_free(&w);
    w = two_arch_tab(meta, "cortex-m4.tbf", NULL);
    ck_assert_int_eq(tab_read(w.data, w.len - 1024 - 100, &t, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "truncated: the member at byte offset 1024 needs 1024 bytes"));
    ck_assert_int_eq(tab_read((const uint8_t *)"hello", 5, &t, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "not a TAB: no tar header at byte offset 0"));
    w.data[1024 + 512] = 9;                             /* the TBF's version field */
    ck_assert_int_eq(tab_read(w.data, w.len, &t, err, sizeof(err)), 0);
    ck_assert(!t.tbf[0].header_ok);
    ck_assert_str_eq(t.tbf[0].why, "not a TBF v2 image (version field 9)");
    struct tab_target cm4 = { "cortex-m4", 0x40000, 0x80000 };
    ck_assert_int_eq(tab_pick(&t, &cm4, err, sizeof(err)), -1);
    ck_assert_str_eq(err, "none of its 1 TBF(s) for this board can go here: cortex-m4.tbf: not a TBF "
                          "v2 image (version field 9)");
    ustar_writer_free(&w);
}
END_TEST

static const char *const cm4_archs =
    "cortex-m4 thumbv7em* cortex-m3 thumbv7m* cortex-m0 cortex-m0+ thumbv6m* cortex-m*";
static const char *const rv32_archs = "rv32imac* riscv32imac* rv32imc* riscv32imc* rv32i* riscv32i*";

/* Picks from a two-TBF TAB for the given board architectures; returns the member's name. */
static const char *pick(const char *archs, const char *a, const char *b)
{
    static char name[300];
    struct ustar_writer w = two_arch_tab(meta, a, b);
    struct tab_target target = { archs, 0x40000, 0x80000 };
    ck_assert_int_eq(tab_read(w.data, w.len, &t, err, sizeof(err)), 0);
    int k = tab_pick(&t, &target, err, sizeof(err));
    snprintf(name, sizeof(name), "%s", k < 0 ? "none" : t.tbf[k].name);
    ustar_writer_free(&w);
    return name;
}

START_TEST(tab_pick_by_architecture)
{
    ck_assert_str_eq(pick(cm4_archs, "cortex-m0.tbf", "cortex-m4.tbf"), "cortex-m4.tbf");
    ck_assert_str_eq(pick(cm4_archs, "cortex-m0.tbf", "rv32imac.tbf"), "cortex-m0.tbf");
    ck_assert_str_eq(pick(cm4_archs, "thumbv7em-none-eabi.tbf", "cortex-m7.tbf"), "thumbv7em-none-eabi.tbf");
    ck_assert_str_eq(pick(cm4_archs, "cortex-m33.tbf", "rv32imc.tbf"), "cortex-m33.tbf");
    ck_assert_str_eq(pick(rv32_archs, "rv32imc.tbf", "rv32imac.tbf"), "rv32imac.tbf");
    ck_assert_str_eq(pick(rv32_archs, "cortex-m4.tbf", "rv32i.tbf"), "rv32i.tbf");
    ck_assert_str_eq(pick(rv32_archs, "cortex-m0.tbf", "cortex-m4.tbf"), "none");
    ck_assert_str_eq(err, "no TBF for this board: the TAB has cortex-m0, cortex-m4; the board runs "
                          "rv32imac* riscv32imac* rv32imc* riscv32imc* rv32i* riscv32i*");
}
END_TEST

/* libtock-c links RISC-V apps once per address: the TBF that starts at or after the next free
 * address and ends in the region, lowest first; a PIC one of the same architecture first. */
START_TEST(tab_pick_fixed_address)
{
    struct ustar_writer w = { 0 };
    add_tbf(&w, "rv32imac.0x80102080.0x80212000.tbf", 0x80102080u);
    add_tbf(&w, "rv32imac.0x80100080.0x80210000.tbf", 0x80100080u);
    add_tbf(&w, "rv32imac.0x80104080.0x80214000.tbf", 0x80104080u);
    add_tbf(&w, "rv32imc.0x80106080.0x80216000.tbf", 0x80106080u);
    ck_assert_int_eq(ustar_finish(&w, err, sizeof(err)), 0);
    ck_assert_int_eq(tab_read(w.data, w.len, &t, err, sizeof(err)), 0);
    struct tab_target tg = { rv32_archs, 0x80100000u, 0x80200000u };
    ck_assert_int_eq(tab_pick(&t, &tg, err, sizeof(err)), 1);
    tg.cursor = 0x80100400u;                            /* after a 1 KiB app in slot 0 */
    ck_assert_int_eq(tab_pick(&t, &tg, err, sizeof(err)), 0);
    tg.cursor = 0x80104400u;                            /* only the rv32imc build is left */
    ck_assert_int_eq(tab_pick(&t, &tg, err, sizeof(err)), 3);
    tg.cursor = 0x80106400u;
    ck_assert_int_eq(tab_pick(&t, &tg, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "none of its 4 TBF(s) for this board can go here: "
                                      "rv32imac.0x80102080.0x80212000.tbf starts at 0x80102000, below "
                                      "the next free address 0x80106400; "));
    tg.cursor = 0x80100000u;
    tg.region_end = 0x80100200u;
    ck_assert_int_eq(tab_pick(&t, &tg, err, sizeof(err)), -1);
    ck_assert_ptr_nonnull(strstr(err, "rv32imac.0x80100080.0x80210000.tbf at 0x80100000..0x80100400 "
                                      "ends past the apps region (end 0x80100200)"));
    ustar_writer_free(&w);
}
END_TEST

START_TEST(tab_metadata_text)
{
    char out[512];
    struct tab_meta m = { .name = "blink", .only_for_boards = "", .has_kernel_version = 1,
                          .kernel_major = 2, .kernel_minor = 0, .build_date = NULL };
    int n = tab_metadata(&m, out, sizeof(out));
    ck_assert_str_eq(out, "tab-version = 1\nname = \"blink\"\nonly-for-boards = \"\"\n"
                          "minimum-tock-kernel-version = \"2.0\"\n");
    ck_assert_int_eq(n, (int)strlen(out));
    m.name = "say \"hi\"\\";
    m.has_kernel_version = 0;
    m.build_date = "2024-01-02T03:04:05Z";
    tab_metadata(&m, out, sizeof(out));
    ck_assert_str_eq(out, "tab-version = 1\nname = \"say \\\"hi\\\"\\\\\"\nonly-for-boards = \"\"\n"
                          "build-date = 2024-01-02T03:04:05Z\n");
    ck_assert_int_eq(tab_metadata(&m, out, 20), -1);
}
END_TEST

Suite *tab_suite(void)
{
    Suite *s = suite_create("tab");
    TCase *tc = tcase_create("tab");
    tcase_add_test(tc, ustar_round_trip);
    tcase_add_test(tc, ustar_reads_gnu_and_pax);
    tcase_add_test(tc, ustar_malformed);
    tcase_add_test(tc, tab_read_lists_tbfs_and_metadata);
    tcase_add_test(tc, tab_read_errors);
    tcase_add_test(tc, tab_pick_by_architecture);
    tcase_add_test(tc, tab_pick_fixed_address);
    tcase_add_test(tc, tab_metadata_text);
    suite_add_tcase(s, tc);
    return s;
}
