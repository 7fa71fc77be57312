/* Unit tests: the syscall fuzzer (sim/fuzz/, doc/fuzzing.md). Inputs decode deterministically
 * into programs; generated TBF images carry a checksum the parser accepts; on both boards the
 * harness runs the seed corpus clean and reruns an input bit for bit after restores; the
 * memory-protection oracle stays quiet when the kernel protects; the defects the fuzzer found
 * stay fixed. Needs the kernels and apps from the build tree. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tbf/tbfimg.h"
#include "sim/fuzz/fuzz.h"
#include "sim/fuzz/program.h"
#include "sim/fuzz/tbfgen.h"

/* One 8-byte record, as sim/fuzz/program.c reads it (tests/fuzz/seeds.py writes the same). */
static void rec(uint8_t *out, uint8_t kind, uint8_t drv, uint8_t num, uint8_t base, int16_t off,
                uint16_t val)
{
    out[0] = kind, out[1] = drv, out[2] = num, out[3] = base;
    out[4] = (uint8_t)off, out[5] = (uint8_t)((uint16_t)off >> 8);
    out[6] = (uint8_t)val, out[7] = (uint8_t)(val >> 8);
}

/* b0 values of the kinds used below (program.c's picks[]). */
enum { K_COMMAND = 0, K_ALLOW_RW = 7, K_MEMOP = 17, K_YIELD = 20, K_SLEEP = 25, K_TOUCH = 32 };

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f, "cannot open %s (run make all first)", path);
    uint8_t *buf = malloc(4096);
    *len = fread(buf, 1, 4096, f);
    fclose(f);
    return buf;
}

START_TEST(test_decode_is_deterministic)
{
    uint8_t data[8 * 70 + 5];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 37 + 11);
    struct fz_program *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
    memset(b, 0xa5, sizeof(*b));            /* no byte of the output depends on what was there */
    fz_program_decode(data, sizeof(data), a);
    fz_program_decode(data, sizeof(data), b);
    ck_assert_uint_eq(a->count, FZ_MAX_RECORDS);     /* capped */
    ck_assert_mem_eq(a->rec, b->rec, sizeof(a->rec[0]) * a->count);
    ck_assert_mem_eq(a->ev, b->ev, sizeof(a->ev[0]) * a->count);
    fz_program_decode(data, 8 * 3 + 7, a);           /* a partial record is dropped */
    ck_assert_uint_eq(a->count, 3);
    fz_program_decode(data, 0, a);
    ck_assert_uint_eq(a->count, 0);
    free(a);
    free(b);
}
END_TEST

/* A mutation of one record changes that record only: the mapping is local. */
START_TEST(test_decode_is_local)
{
    uint8_t data[8 * 4];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 91 + 3);
    struct fz_program *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
    fz_program_decode(data, sizeof(data), a);
    data[8 + 5] ^= 0x40;
    fz_program_decode(data, sizeof(data), b);
    ck_assert_mem_eq(&a->rec[0], &b->rec[0], sizeof(a->rec[0]));
    ck_assert_mem_eq(&a->rec[2], &b->rec[2], 2 * sizeof(a->rec[0]));
    char line[200];
    fz_record_describe(a, 1, line, sizeof(line));
    ck_assert_msg(line[0] != 0, "no description");
    free(a);
    free(b);
}
END_TEST

/* Every generated image's header checksum is right (the parsers must go past it). */
START_TEST(test_tbfgen_checksums)
{
    uint8_t data[64], img[4096];
    for (unsigned seed = 0; seed < 200; seed++) {
        for (size_t i = 0; i < sizeof(data); i++)
            data[i] = (uint8_t)((seed * 131 + i * 17) ^ (seed >> 1));
        size_t n = fz_tbf_generate(data, seed % sizeof(data), img, sizeof(img));
        ck_assert_uint_ge(n, 16);
        uint16_t hdr = tbfimg_get16(img + 2);
        if (hdr > n || hdr < 16 || hdr % 4)
            continue;                   /* the parsers refuse these before the checksum */
        uint32_t want = tbfimg_get32(img + 12);
        ck_assert_uint_eq(tbfimg_checksum(img, hdr), want);
    }
}
END_TEST

static struct fuzz_harness *harness(const char *board)
{
    char err[600];
    struct fuzz_config cfg = { .board = board };
    struct fuzz_paths paths;
    ck_assert_msg(fuzz_config_fill(&cfg, "build", &paths, err, sizeof(err)), "%s", err);
    struct fuzz_harness *h = fuzz_harness_new(&cfg, err, sizeof(err));
    ck_assert_msg(h, "%s", err);
    return h;
}

static void run_ok(struct fuzz_harness *h, const uint8_t *data, size_t len, const char *what,
                   struct fuzz_verdict *v)
{
    ck_assert_msg(fuzz_run(h, data, len, v), "%s: %s", what, v->message);
    ck_assert_msg(v->kind == FUZZ_OK, "%s: %s: %s", what, fuzz_kind_name(v->kind), v->message);
}

static const char *const seeds[] = { "tests/fuzz/syscall/seed-drivers.bin",
                                     "tests/fuzz/syscall/seed-memory.bin",
                                     "tests/fuzz/syscall/seed-console.bin" };

/* The seeds run clean, make their system calls, and a rerun after other inputs is the same
 * run to the nanosecond (each input starts from the snapshot). */
static void seeds_on(const char *board)
{
    struct fuzz_harness *h = harness(board);
    struct fuzz_verdict first[3], again;
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 3; i++) {
            size_t len;
            uint8_t *data = read_file(seeds[i], &len);
            run_ok(h, data, len, seeds[i], round ? &again : &first[i]);
            ck_assert_uint_ge(first[i].syscalls, 16);
            if (round) {
                ck_assert_uint_eq(again.syscalls, first[i].syscalls);
                ck_assert_uint_eq(again.virtual_ns, first[i].virtual_ns);
            }
            free(data);
        }
    fuzz_harness_free(h);
}

START_TEST(test_seeds_cm4) { seeds_on("cm4"); }
END_TEST
START_TEST(test_seeds_rv32) { seeds_on("rv32"); }
END_TEST

/* Loads and stores at everything that is not the driver's fault the driver (which the kernel
 * restarts) and are no finding; its own buffer is fine. Then it still makes system calls. */
static void touches_on(const char *board)
{
    struct fuzz_harness *h = harness(board);
    static const uint8_t bases[] = { FZ_B_VICTIM, FZ_B_KERNEL_RAM, FZ_B_GRANT, FZ_B_MMIO,
                                     FZ_B_RAM_END, FZ_B_OWN_BUF };
    for (unsigned i = 0; i < sizeof(bases); i++)
        for (uint8_t store = 0; store < 2; store++) {
            uint8_t prog[8 * 3];
            struct fuzz_verdict v;
            rec(prog, K_TOUCH, 0, store, bases[i], bases[i] == FZ_B_RAM_END ? 4 : 8, 0);
            rec(prog + 8, K_COMMAND, 2, 1, 0, 0, 0);            /* LED count */
            rec(prog + 16, K_MEMOP, 0, 2, 0, 0, 0);             /* memory start */
            run_ok(h, prog, sizeof(prog), fz_base_name(bases[i]), &v);
            ck_assert_uint_ge(v.syscalls, 2);
        }
    fuzz_harness_free(h);
}

START_TEST(test_touches_cm4) { touches_on("cm4"); }
END_TEST
START_TEST(test_touches_rv32) { touches_on("rv32"); }
END_TEST

/* Allows straddling the end of the driver's RAM, into the victim or the kernel, with sizes
 * that wrap: the kernel refuses them and nothing of the victim changes. */
static void allows_on(const char *board)
{
    struct fuzz_harness *h = harness(board);
    uint8_t prog[8 * 6];
    struct fuzz_verdict v;
    rec(prog, K_ALLOW_RW, 1, 1, FZ_B_RAM_END, -8, 9);
    rec(prog + 8, K_ALLOW_RW, 5, 0, FZ_B_VICTIM, 0, 16);
    rec(prog + 16, K_ALLOW_RW, 1, 1, FZ_B_KERNEL_RAM, 0, 16);
    rec(prog + 24, K_ALLOW_RW, 1, 1, FZ_B_TOP, -4, 0x8d00);         /* 0xffffffff - 3 */
    rec(prog + 32, K_ALLOW_RW, 1, 1, FZ_B_GRANT, 0, 8);
    rec(prog + 40, K_YIELD, 0, 0, FZ_B_OWN_BUF, 0, 0);
    run_ok(h, prog, sizeof(prog), "allows", &v);
    ck_assert_uint_ge(v.syscalls, 6);
    fuzz_harness_free(h);
}

START_TEST(test_allows_cm4) { allows_on("cm4"); }
END_TEST
START_TEST(test_allows_rv32) { allows_on("rv32"); }
END_TEST

/* The regression inputs of the defects the fuzzer found (scenarios/fuzz/), run as fuzzed. */
static void regression(const char *board, const char *path)
{
    struct fuzz_harness *h = harness(board);
    size_t len;
    uint8_t *data = read_file(path, &len);
    struct fuzz_verdict v;
    for (int i = 0; i < 3; i++)
        run_ok(h, data, len, path, &v);
    free(data);
    fuzz_harness_free(h);
}

START_TEST(test_regression_cm4_unstacking)
{
    regression("cm4", "scenarios/fuzz/fuzz-cm4-unstacking.bin");
}
END_TEST
START_TEST(test_regression_rv32_kernel_fault)
{
    regression("rv32", "scenarios/fuzz/fuzz-rv32-kernel-fault.bin");
}
END_TEST
START_TEST(test_regression_rv32_victim_stuck)
{
    regression("rv32", "scenarios/fuzz/fuzz-rv32-victim-stuck.bin");
}
END_TEST

/* The boot fuzzer: the image that hung both kernels now boots (the process is refused). */
static void boot_on(const char *board)
{
    char err[600], kernel[64];
    snprintf(kernel, sizeof(kernel), "build/kernel/%s/kernel.elf", board);
    struct fuzz_boot *b = fuzz_boot_new(board, kernel, err, sizeof(err));
    ck_assert_msg(b, "%s", err);
    size_t len;
    uint8_t *data = read_file("scenarios/fuzz/fuzz-tbf-huge-min-ram.bin", &len);
    struct fuzz_verdict v;
    for (int i = 0; i < 2; i++) {
        ck_assert_msg(fuzz_boot_run(b, data, len, &v), "%s", v.message);
        ck_assert_msg(v.kind == FUZZ_OK, "%s: %s", fuzz_kind_name(v.kind), v.message);
        ck_assert_msg(fuzz_boot_run(b, NULL, 0, &v), "%s", v.message);
        ck_assert_msg(v.kind == FUZZ_OK, "empty: %s: %s", fuzz_kind_name(v.kind), v.message);
    }
    free(data);
    fuzz_boot_free(b);
}

START_TEST(test_boot_cm4) { boot_on("cm4"); }
END_TEST
START_TEST(test_boot_rv32) { boot_on("rv32"); }
END_TEST

Suite *fuzz_suite(void)
{
    Suite *s = suite_create("fuzz");
    TCase *tc = tcase_create("inputs");
    tcase_add_test(tc, test_decode_is_deterministic);
    tcase_add_test(tc, test_decode_is_local);
    tcase_add_test(tc, test_tbfgen_checksums);
    suite_add_tcase(s, tc);
    tc = tcase_create("harness");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_seeds_cm4);
    tcase_add_test(tc, test_seeds_rv32);
    tcase_add_test(tc, test_touches_cm4);
    tcase_add_test(tc, test_touches_rv32);
    tcase_add_test(tc, test_allows_cm4);
    tcase_add_test(tc, test_allows_rv32);
    tcase_add_test(tc, test_regression_cm4_unstacking);
    tcase_add_test(tc, test_regression_rv32_kernel_fault);
    tcase_add_test(tc, test_regression_rv32_victim_stuck);
    tcase_add_test(tc, test_boot_cm4);
    tcase_add_test(tc, test_boot_rv32);
    suite_add_tcase(s, tc);
    return s;
}
