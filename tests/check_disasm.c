/* Unit tests: the disassembly service (sim/insn/disasm.c) on bytes whose disassembly objdump
 * gives (arm-none-eabi-objdump, riscv64-unknown-elf-objdump of the built kernels). */
#include <check.h>
#include <string.h>

#include "sim/insn/disasm.h"

static unsigned one(const char *arch, uint32_t addr, const uint8_t *b, size_t n, char *text, char *hex)
{
    char err[200];
    struct disasm *d = disasm_open(arch, err, sizeof(err));
    ck_assert_msg(d != NULL, "%s", err);
    unsigned size = disasm_one(d, addr, b, n, text, 80);
    disasm_hex(d, b, size ? size : 2, hex, 16);
    disasm_close(d);
    return size;
}

START_TEST(test_thumb_16_and_32_bit)
{
    char text[80], hex[16];
    static const uint8_t push[] = { 0x08, 0xb5 };                      /* b508 */
    ck_assert_uint_eq(one("armv7m", 0x4bdc, push, sizeof(push), text, hex), 2);
    ck_assert_str_eq(text, "push {r3, lr}");
    ck_assert_str_eq(hex, "b508");
    static const uint8_t str[] = { 0x42, 0xf8, 0x04, 0x1b };           /* f842 1b04 */
    ck_assert_uint_eq(one("armv7m", 0x4c06, str, sizeof(str), text, hex), 4);
    ck_assert_str_eq(text, "str r1, [r2], #4");
    ck_assert_str_eq(hex, "f842 1b04");
    static const uint8_t blo[] = { 0x0d, 0xd3 };                       /* d30d: a PC-relative target */
    one("armv7m", 0x4be8, blo, sizeof(blo), text, hex);
    ck_assert_str_eq(text, "blo #0x4c06");
}
END_TEST

START_TEST(test_rv32_compressed_and_full)
{
    char text[80], hex[16];
    static const uint8_t csrw[] = { 0x73, 0x10, 0x40, 0x30 };          /* 30401073 */
    ck_assert_uint_eq(one("rv32", 0x80000000, csrw, sizeof(csrw), text, hex), 4);
    ck_assert_str_eq(text, "csrw mie, zero");
    ck_assert_str_eq(hex, "30401073");
    static const uint8_t li[] = { 0xa1, 0x42 };                        /* 42a1: c.li t0, 8 */
    ck_assert_uint_eq(one("rv32", 0x80000004, li, sizeof(li), text, hex), 2);
    ck_assert_str_eq(text, "c.li t0, 8");
    ck_assert_str_eq(hex, "42a1");
}
END_TEST

START_TEST(test_not_an_instruction_and_unknown_arch)
{
    char text[80], hex[16], err[200];
    static const uint8_t udf[] = { 0xff, 0xff, 0xff, 0xff };
    ck_assert_uint_eq(one("rv32", 0, udf, sizeof(udf), text, hex), 0);
    ck_assert_str_eq(text, ".inst 0xffffffff");
    ck_assert_ptr_null(disasm_open("mips", err, sizeof(err)));
    ck_assert_str_eq(err, "disassembler: no disassembler for architecture 'mips'");
}
END_TEST

Suite *disasm_suite(void)
{
    Suite *s = suite_create("disasm");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_thumb_16_and_32_bit);
    tcase_add_test(tc, test_rv32_compressed_and_full);
    tcase_add_test(tc, test_not_an_instruction_and_unknown_arch);
    suite_add_tcase(s, tc);
    return s;
}
