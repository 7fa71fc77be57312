/* Unit tests: ELF and TBF loading, including the errors users see for bad files. */
#include <check.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/core/loader.h"
#include "lib/tab/ustar.h"
#include "lib/tbf/tbfimg.h"

static char tmp_path[64];

static const char *write_tmp(const void *data, size_t len)
{
    strcpy(tmp_path, "/tmp/tocksim-loader-XXXXXX");
    int fd = mkstemp(tmp_path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
    close(fd);
    return tmp_path;
}

static void setup_bus(struct bus *b)
{
    bus_init(b);
    bus_map_memory(b, "flash", REGION_FLASH, 0x0, 0x10000);
    bus_map_memory(b, "ram", REGION_RAM, 0x20000000, 0x1000);
}

/* A minimal ELF: header, one program header, `payload` bytes at `paddr`, memsz = filesz + bss. */
struct tiny_elf { Elf32_Ehdr eh; Elf32_Phdr ph; uint8_t payload[16]; };

static struct tiny_elf make_elf(uint16_t machine, uint32_t paddr, uint32_t bss)
{
    struct tiny_elf e;
    memset(&e, 0, sizeof(e));
    memcpy(e.eh.e_ident, ELFMAG, SELFMAG);
    e.eh.e_ident[EI_CLASS] = ELFCLASS32;
    e.eh.e_ident[EI_DATA] = ELFDATA2LSB;
    e.eh.e_machine = machine;
    e.eh.e_entry = paddr | 1;
    e.eh.e_phoff = offsetof(struct tiny_elf, ph);
    e.eh.e_phentsize = sizeof(Elf32_Phdr);
    e.eh.e_phnum = 1;
    e.ph.p_type = PT_LOAD;
    e.ph.p_offset = offsetof(struct tiny_elf, payload);
    e.ph.p_paddr = e.ph.p_vaddr = paddr;
    e.ph.p_filesz = sizeof(e.payload);
    e.ph.p_memsz = sizeof(e.payload) + bss;
    for (int i = 0; i < 16; i++)
        e.payload[i] = (uint8_t)(0xa0 + i);
    return e;
}

START_TEST(test_elf_loads_segments_and_zeroes_bss)
{
    struct bus b;
    setup_bus(&b);
    bus_load(&b, 0x20000010, "XXXXXXXX", 8);
    struct tiny_elf e = make_elf(EM_ARM, 0x20000000, 8);
    char err[200];
    uint32_t entry = 0, v;
    ck_assert_msg(loader_load_elf(&b, write_tmp(&e, sizeof(e)), EM_ARM, &entry, err, sizeof(err)), "%s", err);
    ck_assert_uint_eq(entry, 0x20000001);
    bus_read(&b, 0x20000000, 4, &v);
    ck_assert_uint_eq(v, 0xa3a2a1a0);
    bus_read(&b, 0x20000014, 4, &v);
    ck_assert_uint_eq(v, 0);                    /* .bss zeroed */
    unlink(tmp_path);
    bus_free(&b);
}
END_TEST

START_TEST(test_elf_errors_name_file_and_problem)
{
    struct bus b;
    setup_bus(&b);
    char err[200];
    const char *p = write_tmp("this is not an ELF", 18);
    ck_assert(!loader_load_elf(&b, p, EM_ARM, NULL, err, sizeof(err)));
    ck_assert_ptr_nonnull(strstr(err, p));
    ck_assert_ptr_nonnull(strstr(err, "not an ELF"));
    unlink(p);

    struct tiny_elf e = make_elf(EM_RISCV, 0x0, 0);
    p = write_tmp(&e, sizeof(e));
    ck_assert(!loader_load_elf(&b, p, EM_ARM, NULL, err, sizeof(err)));
    ck_assert_ptr_nonnull(strstr(err, "RISC-V"));
    unlink(p);

    e = make_elf(EM_ARM, 0x30000000, 0);
    p = write_tmp(&e, sizeof(e));
    ck_assert(!loader_load_elf(&b, p, EM_ARM, NULL, err, sizeof(err)));
    ck_assert_ptr_nonnull(strstr(err, "segment 0 (0x30000000"));
    unlink(p);

    e = make_elf(EM_ARM, 0x0, 0);
    e.ph.p_filesz = 4096;                       /* claims more bytes than the file has */
    p = write_tmp(&e, sizeof(e));
    ck_assert(!loader_load_elf(&b, p, EM_ARM, NULL, err, sizeof(err)));
    ck_assert_ptr_nonnull(strstr(err, "outside the file"));
    unlink(p);

    ck_assert(!loader_load_elf(&b, "/nonexistent/k.elf", EM_ARM, NULL, err, sizeof(err)));
    ck_assert_ptr_nonnull(strstr(err, "cannot open"));
    bus_free(&b);
}
END_TEST

static void make_tbf(uint8_t *buf, uint32_t total)
{
    memset(buf, 0, 16);
    buf[0] = 2;                                 /* version */
    buf[2] = 16;                                /* header size */
    memcpy(buf + 4, &total, 4);
}

START_TEST(test_tbf_placement_aligns_to_power_of_two)
{
    struct bus b;
    setup_bus(&b);
    uint8_t a[1024], c[3000];
    make_tbf(a, sizeof(a));
    make_tbf(c, sizeof(c));
    char err[200];
    uint32_t cursor = 0x4000, v;
    ck_assert_msg(loader_load_tbf(&b, write_tmp(a, sizeof(a)), &cursor, 0x10000, err, sizeof(err)), "%s", err);
    unlink(tmp_path);
    ck_assert_uint_eq(cursor, 0x4400);
    ck_assert_msg(loader_load_tbf(&b, write_tmp(c, sizeof(c)), &cursor, 0x10000, err, sizeof(err)), "%s", err);
    unlink(tmp_path);
    ck_assert_uint_eq(cursor, 0x5000 + sizeof(c));   /* 3000 bytes: aligned to 4 KiB */
    bus_read(&b, 0x5004, 4, &v);
    ck_assert_uint_eq(v, sizeof(c));
    bus_read(&b, 0x4400, 4, &v);                 /* the gap holds a padding object */
    ck_assert_uint_eq(v, 0x00100002);
    bus_read(&b, 0x4404, 4, &v);
    ck_assert_uint_eq(v, 0x5000 - 0x4400);
    bus_read(&b, 0x440c, 4, &v);
    ck_assert_uint_eq(v, 0x00100002 ^ 0xc00);
    /* Too big for what is left, and not a TBF. */
    ck_assert(!loader_load_tbf(&b, write_tmp(c, sizeof(c)), &cursor, 0x6000, err, sizeof(err)));
    ck_assert_ptr_nonnull(strstr(err, "does not fit"));
    unlink(tmp_path);
    a[0] = 7;
    ck_assert(!loader_load_tbf(&b, write_tmp(a, sizeof(a)), &cursor, 0x10000, err, sizeof(err)));
    ck_assert_ptr_nonnull(strstr(err, "not a TBF v2"));
    unlink(tmp_path);
    bus_free(&b);
}
END_TEST

/* An app linked for a fixed flash address (as RISC-V apps are, per slot) goes exactly there,
 * with a padding object before it; one that would have to go below the cursor is refused. */
START_TEST(test_tbf_fixed_address_placement)
{
    struct bus b;
    setup_bus(&b);
    struct tbfimg_params p;
    tbfimg_params_init(&p);
    p.package_name = "fixed";
    p.minimum_ram_size = 512;
    p.has_fixed = 1;
    p.fixed_ram = TBFIMG_NO_FIXED_ADDRESS;
    uint8_t bin[64] = { 0 };
    size_t hdr = tbfimg_header_size(&p), len;
    p.fixed_flash = 0x6000 + (uint32_t)hdr;     /* the binary right after the header at 0x6000 */
    char err[300];
    uint8_t *img = tbfimg_build(&p, bin, sizeof(bin), 0, &len, err, sizeof(err));
    ck_assert_msg(img != NULL, "%s", err);
    const char *path = write_tmp(img, len);
    uint32_t cursor = 0x4000, v;
    ck_assert_msg(loader_load_tbf(&b, path, &cursor, 0x10000, err, sizeof(err)), "%s", err);
    ck_assert_uint_eq(cursor, 0x6000 + len);
    bus_read(&b, 0x6000, 4, &v);
    ck_assert_uint_eq(v, tbfimg_get32(img));
    bus_read(&b, 0x4004, 4, &v);                 /* padding spans 0x4000..0x6000 */
    ck_assert_uint_eq(v, 0x2000);
    cursor = 0x6400;
    ck_assert(!loader_load_tbf(&b, path, &cursor, 0x10000, err, sizeof(err)));
    ck_assert_ptr_nonnull(strstr(err, "must start at 0x00006000, but the apps before it reach 0x00006400"));
    unlink(tmp_path);
    free(img);
    bus_free(&b);
}
END_TEST

/* A .tab app: the TBF for the board's architectures is taken, placed like a .tbf; a TAB
 * without one is refused with the file's name and the architectures it has. */
START_TEST(test_tab_app_takes_the_boards_tbf)
{
    struct bus b;
    setup_bus(&b);
    struct tbfimg_params p;
    tbfimg_params_init(&p);
    p.package_name = "tabbed";
    p.minimum_ram_size = 512;
    uint8_t bin[64] = { 0 };
    char err[600];
    size_t len;
    uint8_t *img = tbfimg_build(&p, bin, sizeof(bin), 0, &len, err, sizeof(err));
    ck_assert_msg(img != NULL, "%s", err);
    struct ustar_writer w = { 0 };
    ck_assert_int_eq(ustar_add(&w, "metadata.toml", "tab-version = 1\n", 16, 0, err, sizeof(err)), 0);
    ck_assert_int_eq(ustar_add(&w, "rv32imac.tbf", "junk", 4, 0, err, sizeof(err)), 0);
    ck_assert_int_eq(ustar_add(&w, "cortex-m4.tbf", img, len, 0, err, sizeof(err)), 0);
    ck_assert_int_eq(ustar_finish(&w, err, sizeof(err)), 0);
    const char *path = write_tmp(w.data, w.len);
    struct loader_apps apps = { .cursor = 0x4400, .region_end = 0x10000, .tab_archs = "cortex-m4" };
    ck_assert_msg(loader_load_app(&b, path, &apps, err, sizeof(err)), "%s", err);
    ck_assert_uint_eq(apps.cursor, 0x4800);
    uint32_t v;
    bus_read(&b, 0x4404, 4, &v);
    ck_assert_uint_eq(v, 1024);
    apps.tab_archs = "rv64gc";
    ck_assert(!loader_load_app(&b, path, &apps, err, sizeof(err)));
    char want[300];
    snprintf(want, sizeof(want), "%s: no TBF for this board: the TAB has rv32imac, cortex-m4; the board "
             "runs rv64gc", path);
    ck_assert_str_eq(err, want);
    unlink(tmp_path);
    ustar_writer_free(&w);
    free(img);
    bus_free(&b);
}
END_TEST

/* The symbol before an address, in the kernel's ELF (the window's fault view): Thumb bit
 * cleared, offsets inside a function, nothing before the first symbol or far past a sized one. */
START_TEST(test_symtab_nearest)
{
    struct loader_symtab t;
    static const char *const names[] = { "sched_run", "process_start" };
    uint32_t at[2] = { 0, 0 };
    ck_assert_int_eq(loader_elf_symbols("build/kernel/cm4/kernel.elf", names, at, 2), 2);
    ck_assert(loader_symtab_read("build/kernel/cm4/kernel.elf", &t));
    ck_assert_int_gt(t.n, 50);
    const struct loader_sym *s = loader_symtab_nearest(&t, at[0] & ~1u, 0x100);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->name, "sched_run");
    ck_assert_uint_eq(s->addr, at[0] & ~1u);                 /* a function: Thumb bit cleared */
    s = loader_symtab_nearest(&t, (at[1] & ~1u) + 6, 0x100);
    ck_assert_str_eq(s->name, "process_start");
    for (int i = 1; i < t.n; i++)
        ck_assert_uint_le(t.syms[i - 1].addr, t.syms[i].addr);
    ck_assert_ptr_null(loader_symtab_nearest(&t, 0xfffffff0u, 0x100));  /* far past the last one */
    loader_symtab_free(&t);
    ck_assert_int_eq(t.n, 0);
    ck_assert(!loader_symtab_read("/nonexistent.elf", &t));
}
END_TEST

Suite *loader_suite(void)
{
    Suite *s = suite_create("loader");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_elf_loads_segments_and_zeroes_bss);
    tcase_add_test(tc, test_elf_errors_name_file_and_problem);
    tcase_add_test(tc, test_tbf_placement_aligns_to_power_of_two);
    tcase_add_test(tc, test_tbf_fixed_address_placement);
    tcase_add_test(tc, test_tab_app_takes_the_boards_tbf);
    tcase_add_test(tc, test_symtab_nearest);
    suite_add_tcase(s, tc);
    return s;
}
