/* Unit tests: Thumb load/store decoder (data addresses of one instruction).
 *
 * Every encoding below was produced by `arm-none-eabi-as -mcpu=cortex-m4 -mthumb` and read back
 * with `arm-none-eabi-objdump -d`; the assembly is in the comment next to it. The few encodings
 * built by hand (UNDEFINED forms the assembler refuses) say so.
 */
#include <check.h>

#include "sim/cpu/cortexm/thumb_access.h"

#define SP0 0x2000f000u                 /* stack pointer in every test */
#define PC0 0x08000100u                 /* instruction address unless a test says otherwise */

struct want { uint32_t addr; uint8_t size; bool store; };

/* r0..r12: 0x20000000 + n * 0x1000, except r2 = 0x10 (a small index); sp = SP0; pc = `pc`. */
static void regs_init(uint32_t regs[16], uint32_t pc)
{
    for (unsigned n = 0; n < 13; n++)
        regs[n] = 0x20000000u + n * 0x1000u;
    regs[2] = 0x10;
    regs[13] = SP0;
    regs[14] = 0x00001235;
    regs[15] = pc;
}

/* Decodes hw1/hw2 at address pc and asserts the exact access list, length and store flag. */
static void expect_at(uint16_t hw1, uint16_t hw2, uint32_t pc, unsigned length,
                      const struct want *w, int n)
{
    uint32_t regs[16];
    struct thumb_access a;
    regs_init(regs, pc);
    ck_assert_msg(thumb_access_decode(hw1, hw2, regs, &a), "%04x %04x not recognised", hw1, hw2);
    ck_assert_msg(a.length == length, "%04x %04x: length %u", hw1, hw2, a.length);
    ck_assert_msg(a.count == n, "%04x %04x: count %d, want %d", hw1, hw2, a.count, n);
    for (int i = 0; i < n; i++) {
        ck_assert_msg(a.acc[i].addr == w[i].addr, "%04x %04x acc %d: addr %08x, want %08x",
                      hw1, hw2, i, a.acc[i].addr, w[i].addr);
        ck_assert_msg(a.acc[i].size == w[i].size, "%04x %04x acc %d: size %u, want %u",
                      hw1, hw2, i, a.acc[i].size, w[i].size);
        ck_assert_msg(a.acc[i].store == w[i].store, "%04x %04x acc %d: store", hw1, hw2, i);
    }
    ck_assert_msg(a.is_store == (n > 0 && w[0].store), "%04x %04x: is_store", hw1, hw2);
}

#define WANTS(...) (const struct want[]){ __VA_ARGS__ }, \
    (int)(sizeof((const struct want[]){ __VA_ARGS__ }) / sizeof(struct want))
#define EXPECT16(hw, ...) expect_at(hw, 0, PC0, 2, WANTS(__VA_ARGS__))
#define EXPECT32(hw1, hw2, ...) expect_at(hw1, hw2, PC0, 4, WANTS(__VA_ARGS__))
#define LD(a, s) { (a), (s), false }
#define ST(a, s) { (a), (s), true }

/* Decodes and returns the result; for tests of flags, hints and refusals. */
static bool decode_at(uint16_t hw1, uint16_t hw2, uint32_t pc, struct thumb_access *a)
{
    uint32_t regs[16];
    regs_init(regs, pc);
    return thumb_access_decode(hw1, hw2, regs, a);
}

START_TEST(test_16bit_immediate_offsets)
{
    EXPECT16(0x67d1, ST(0x10 + 124, 4));                /* str  r1, [r2, #124] */
    EXPECT16(0x6851, LD(0x10 + 4, 4));                  /* ldr  r1, [r2, #4] */
    EXPECT16(0x77e3, ST(0x2000401f, 1));                /* strb r3, [r4, #31] */
    EXPECT16(0x7863, LD(0x20004001, 1));                /* ldrb r3, [r4, #1] */
    EXPECT16(0x87f5, ST(0x2000603e, 2));                /* strh r5, [r6, #62] */
    EXPECT16(0x8875, LD(0x20006002, 2));                /* ldrh r5, [r6, #2] */
}
END_TEST

START_TEST(test_16bit_register_offsets)
{
    const uint32_t a = 0x20001010;                      /* r1 + r2 */
    EXPECT16(0x5088, ST(a, 4));                         /* str   r0, [r1, r2] */
    EXPECT16(0x5288, ST(a, 2));                         /* strh  r0, [r1, r2] */
    EXPECT16(0x5488, ST(a, 1));                         /* strb  r0, [r1, r2] */
    EXPECT16(0x5688, LD(a, 1));                         /* ldrsb r0, [r1, r2] */
    EXPECT16(0x5888, LD(a, 4));                         /* ldr   r0, [r1, r2] */
    EXPECT16(0x5a88, LD(a, 2));                         /* ldrh  r0, [r1, r2] */
    EXPECT16(0x5c88, LD(a, 1));                         /* ldrb  r0, [r1, r2] */
    EXPECT16(0x5e88, LD(a, 2));                         /* ldrsh r0, [r1, r2] */
}
END_TEST

START_TEST(test_16bit_literal_is_word_aligned)
{
    /* ldr r0, [pc, #8]: Align(PC + 4, 4) + 8 whether the instruction is at ...1c or ...1e. */
    expect_at(0x4802, 0, 0x0800001c, 2, WANTS(LD(0x08000028, 4)));
    expect_at(0x4802, 0, 0x0800001e, 2, WANTS(LD(0x08000028, 4)));
}
END_TEST

START_TEST(test_16bit_sp_relative)
{
    EXPECT16(0x92ff, ST(SP0 + 1020, 4));                /* str r2, [sp, #1020] */
    EXPECT16(0x9a02, LD(SP0 + 8, 4));                   /* ldr r2, [sp, #8] */
}
END_TEST

START_TEST(test_16bit_push_pop)
{
    /* push {r4, r5, r6, r7, lr}: five words below SP, lowest register first. */
    EXPECT16(0xb5f0, ST(SP0 - 20, 4), ST(SP0 - 16, 4), ST(SP0 - 12, 4), ST(SP0 - 8, 4),
             ST(SP0 - 4, 4));
    EXPECT16(0xb401, ST(SP0 - 4, 4));                   /* push {r0} */
    EXPECT16(0xbd00, LD(SP0, 4));                       /* pop {pc} */
    EXPECT16(0xbd03, LD(SP0, 4), LD(SP0 + 4, 4), LD(SP0 + 8, 4)); /* pop {r0, r1, pc} */
}
END_TEST

START_TEST(test_16bit_ldm_stm)
{
    const uint32_t r0 = 0x20000000, r3 = 0x20003000;
    EXPECT16(0xc086, ST(r0, 4), ST(r0 + 4, 4), ST(r0 + 8, 4)); /* stmia r0!, {r1, r2, r7} */
    EXPECT16(0xcb09, LD(r3, 4), LD(r3 + 4, 4));         /* ldmia r3, {r0, r3} (no writeback) */
    EXPECT16(0xcb06, LD(r3, 4), LD(r3 + 4, 4));         /* ldmia r3!, {r1, r2} */
}
END_TEST

START_TEST(test_32bit_imm12_and_imm8_loads)
{
    const uint32_t r1 = 0x20001000;
    EXPECT32(0xf8d1, 0x0fff, LD(r1 + 4095, 4));         /* ldr.w r0, [r1, #4095] */
    EXPECT32(0xf851, 0x0cff, LD(r1 - 255, 4));          /* ldr.w r0, [r1, #-255] */
    EXPECT32(0xf851, 0x0d04, LD(r1 - 4, 4));            /* ldr.w r0, [r1, #-4]! */
    EXPECT32(0xf851, 0x0f04, LD(r1 + 4, 4));            /* ldr.w r0, [r1, #4]! */
    EXPECT32(0xf851, 0x0b08, LD(r1, 4));                /* ldr.w r0, [r1], #8 (old base) */
    EXPECT32(0xf851, 0x0908, LD(r1, 4));                /* ldr.w r0, [r1], #-8 (old base) */
    EXPECT32(0xf8d2, 0x0000, LD(0x10, 4));              /* ldr.w r0, [r2] */
    EXPECT32(0xf9b1, 0x0064, LD(r1 + 100, 2));          /* ldrsh.w r0, [r1, #100] */
    EXPECT32(0xf911, 0x0c07, LD(r1 - 7, 1));            /* ldrsb.w r0, [r1, #-7] */
    EXPECT32(0xf831, 0x0cff, LD(r1 - 255, 2));          /* ldrh.w r0, [r1, #-255] */
    EXPECT32(0xf831, 0x0902, LD(r1, 2));                /* ldrh.w r0, [r1], #-2 */
    EXPECT32(0xf85d, 0xfb04, LD(SP0, 4));               /* ldr.w pc, [sp], #4 */
}
END_TEST

START_TEST(test_32bit_stores)
{
    const uint32_t r1 = 0x20001000;
    EXPECT32(0xf841, 0x0c10, ST(r1 - 16, 4));           /* str.w r0, [r1, #-16] */
    EXPECT32(0xf881, 0x0fff, ST(r1 + 4095, 1));         /* strb.w r0, [r1, #4095] */
    EXPECT32(0xf821, 0x0d02, ST(r1 - 2, 2));            /* strh.w r0, [r1, #-2]! */
    EXPECT32(0xf801, 0x0b01, ST(r1, 1));                /* strb.w r0, [r1], #1 */
    EXPECT32(0xf84d, 0x4d04, ST(SP0 - 4, 4));           /* str.w r4, [sp, #-4]! */
}
END_TEST

START_TEST(test_32bit_register_offsets)
{
    const uint32_t r1 = 0x20001000;                     /* r2 = 0x10 */
    EXPECT32(0xf851, 0x0032, LD(r1 + 0x80, 4));         /* ldr.w r0, [r1, r2, lsl #3] */
    EXPECT32(0xf911, 0x0012, LD(r1 + 0x20, 1));         /* ldrsb.w r0, [r1, r2, lsl #1] */
    EXPECT32(0xf821, 0x0022, ST(r1 + 0x40, 2));         /* strh.w r0, [r1, r2, lsl #2] */
    EXPECT32(0xf851, 0xf002, LD(r1 + 0x10, 4));         /* ldr.w pc, [r1, r2] */
}
END_TEST

START_TEST(test_32bit_unprivileged_variants)
{
    const uint32_t r1 = 0x20001000;
    struct thumb_access a;
    EXPECT32(0xf851, 0x0e05, LD(r1 + 5, 4));            /* ldrt   r0, [r1, #5] */
    EXPECT32(0xf841, 0x0e05, ST(r1 + 5, 4));            /* strt   r0, [r1, #5] */
    EXPECT32(0xf811, 0x0e01, LD(r1 + 1, 1));            /* ldrbt  r0, [r1, #1] */
    EXPECT32(0xf931, 0x0e02, LD(r1 + 2, 2));            /* ldrsht r0, [r1, #2] */
    ck_assert(decode_at(0xf841, 0x0e05, PC0, &a) && a.unprivileged);      /* strt */
    ck_assert(decode_at(0xf841, 0x0c10, PC0, &a) && !a.unprivileged);     /* str.w #-16 */
    ck_assert(decode_at(0xf851, 0x0f04, PC0, &a) && !a.unprivileged);     /* ldr.w #4]! */
}
END_TEST

START_TEST(test_32bit_literals_add_and_subtract)
{
    expect_at(0xf85f, 0x0064, 0x08000080, 4, WANTS(LD(0x08000020, 4))); /* ldr.w r0, [pc, #-100] */
    expect_at(0xf8df, 0x03e8, 0x08000084, 4, WANTS(LD(0x08000470, 4))); /* ldr.w r0, [pc, #1000] */
    expect_at(0xf81f, 0x0003, 0x08000088, 4, WANTS(LD(0x08000089, 1))); /* ldrb.w r0, [pc, #-3] */
    expect_at(0xf9bf, 0x0006, 0x0800008c, 4, WANTS(LD(0x08000096, 2))); /* ldrsh.w r0, [pc, #6] */
    /* ldrsb.w r0, [pc, #-12] at ...122: Align(0x126, 4) - 12 = ...118. */
    expect_at(0xf91f, 0x000c, 0x08000122, 4, WANTS(LD(0x08000118, 1)));
}
END_TEST

START_TEST(test_32bit_ldrd_strd)
{
    EXPECT32(0xe9d2, 0x0102, LD(0x18, 4), LD(0x1c, 4)); /* ldrd r0, r1, [r2, #8] */
    EXPECT32(0xe972, 0x0102, LD(0x08, 4), LD(0x0c, 4)); /* ldrd r0, r1, [r2, #-8]! */
    EXPECT32(0xe862, 0x0104, ST(0x10, 4), ST(0x14, 4)); /* strd r0, r1, [r2], #-16 */
    EXPECT32(0xe96d, 0x4502, ST(SP0 - 8, 4), ST(SP0 - 4, 4)); /* strd r4, r5, [sp, #-8]! */
    /* ldrd r0, r1, [pc, #-16] at ...a0 and [pc, #16] at ...a4 (literal, word aligned). */
    expect_at(0xe95f, 0x0104, 0x080000a0, 4, WANTS(LD(0x08000094, 4), LD(0x08000098, 4)));
    expect_at(0xe9df, 0x0104, 0x080000a4, 4, WANTS(LD(0x080000b8, 4), LD(0x080000bc, 4)));
}
END_TEST

START_TEST(test_32bit_ldm_stm)
{
    const uint32_t r0 = 0x20000000;
    EXPECT32(0xe890, 0x0106, LD(r0, 4), LD(r0 + 4, 4), LD(r0 + 8, 4)); /* ldmia.w r0, {r1,r2,r8} */
    EXPECT32(0xe8b0, 0x4106, LD(r0, 4), LD(r0 + 4, 4), LD(r0 + 8, 4),
             LD(r0 + 12, 4));                           /* ldmia.w r0!, {r1, r2, r8, lr} */
    EXPECT32(0xe880, 0x0202, ST(r0, 4), ST(r0 + 4, 4)); /* stmia.w r0, {r1, r9} */
    EXPECT32(0xe920, 0x000e, ST(r0 - 12, 4), ST(r0 - 8, 4), ST(r0 - 4, 4)); /* stmdb r0!, {r1-r3} */
    EXPECT32(0xe910, 0x0030, LD(r0 - 8, 4), LD(r0 - 4, 4)); /* ldmdb r0, {r4, r5} */
}
END_TEST

START_TEST(test_32bit_push_pop_wide)
{
    struct thumb_access a;
    /* push.w {r4-r11, lr} (stmdb sp!): nine words from SP - 36 up to SP - 4. */
    ck_assert(decode_at(0xe92d, 0x4ff0, PC0, &a));
    ck_assert_int_eq(a.count, 9);
    for (int i = 0; i < 9; i++) {
        ck_assert_uint_eq(a.acc[i].addr, SP0 - 36 + 4u * (unsigned)i);
        ck_assert(a.acc[i].store && a.acc[i].size == 4);
    }
    /* pop.w {r4-r11, pc} (ldmia.w sp!): nine words from SP up to SP + 32, the last into PC. */
    ck_assert(decode_at(0xe8bd, 0x8ff0, PC0, &a));
    ck_assert_int_eq(a.count, 9);
    for (int i = 0; i < 9; i++) {
        ck_assert_uint_eq(a.acc[i].addr, SP0 + 4u * (unsigned)i);
        ck_assert(!a.acc[i].store && a.acc[i].size == 4);
    }
    EXPECT32(0xe8bd, 0x4010, LD(SP0, 4), LD(SP0 + 4, 4)); /* ldmia.w sp!, {r4, lr} */
}
END_TEST

START_TEST(test_32bit_exclusives)
{
    const uint32_t r1 = 0x20001000;
    EXPECT32(0xe851, 0x0f00, LD(r1, 4));                /* ldrex  r0, [r1] */
    EXPECT32(0xe851, 0x0f02, LD(r1 + 8, 4));            /* ldrex  r0, [r1, #8] */
    EXPECT32(0xe841, 0x02ff, ST(r1 + 1020, 4));         /* strex  r2, r0, [r1, #1020] */
    EXPECT32(0xe8d1, 0x0f4f, LD(r1, 1));                /* ldrexb r0, [r1] */
    EXPECT32(0xe8d1, 0x0f5f, LD(r1, 2));                /* ldrexh r0, [r1] */
    EXPECT32(0xe8c1, 0x0f42, ST(r1, 1));                /* strexb r2, r0, [r1] */
    EXPECT32(0xe8c1, 0x0f52, ST(r1, 2));                /* strexh r2, r0, [r1] */
}
END_TEST

START_TEST(test_32bit_table_branches_read_the_table)
{
    const uint32_t r0 = 0x20000000;                     /* r2 = 0x10 */
    EXPECT32(0xe8d0, 0xf002, LD(r0 + 0x10, 1));         /* tbb [r0, r2] */
    EXPECT32(0xe8d0, 0xf012, LD(r0 + 0x20, 2));         /* tbh [r0, r2, lsl #1] */
    /* tbb [pc, r2] at ...02: the table starts at the instruction + 4 (not word aligned). */
    expect_at(0xe8df, 0xf002, 0x08000102, 4, WANTS(LD(0x08000106 + 0x10, 1)));
}
END_TEST

START_TEST(test_unpredictable_forms_read_as_unicorn_runs_them)
{
    /* Hand-encoded (the assembler refuses them); Unicorn 2.1.1 performs exactly these. */
    EXPECT32(0xe880, 0x2002, ST(0x20000000, 4), ST(0x20000004, 4)); /* stmia.w r0, {r1, sp} */
    /* strd r0, r1, [pc, #8] and strd r0, r1, [pc], #8 at ...102: base Align(PC + 4, 4). */
    expect_at(0xe9cf, 0x0102, 0x08000102, 4, WANTS(ST(0x0800010c, 4), ST(0x08000110, 4)));
    expect_at(0xe8ef, 0x0102, 0x08000102, 4, WANTS(ST(0x08000104, 4), ST(0x08000108, 4)));
}
END_TEST

START_TEST(test_hints_are_recognised_without_access)
{
    static const uint16_t hints[][2] = {
        { 0xf890, 0xf004 },                             /* pld [r0, #4] */
        { 0xf810, 0xfc04 },                             /* pld [r0, #-4] */
        { 0xf810, 0xf021 },                             /* pld [r0, r1, lsl #2] */
        { 0xf990, 0xf004 },                             /* pli [r0, #4] */
        { 0xf911, 0xfc04 },                             /* pli [r1, #-4] */
        { 0xf81f, 0xf008 },                             /* pld [pc, #-8] */
    };
    for (unsigned i = 0; i < sizeof hints / sizeof hints[0]; i++) {
        struct thumb_access a = { .count = 99 };
        ck_assert_msg(decode_at(hints[i][0], hints[i][1], PC0, &a), "hint %u", i);
        ck_assert_int_eq(a.count, 0);
        ck_assert_uint_eq(a.length, 4);
    }
    /* Hand-encoded ldrb pc, [r1], #1 (the assembler refuses it): only the register, imm12,
     * literal and negative-offset slots are hints; this UNPREDICTABLE form reads as a load. */
    expect_at(0xf811, 0xfb01, PC0, 4, WANTS(LD(0x20001000, 1)));
}
END_TEST

START_TEST(test_non_memory_instructions_are_refused)
{
    static const struct { uint16_t hw1, hw2; uint8_t length; } others[] = {
        { 0x4608, 0, 2 },                               /* mov r0, r1 */
        { 0x1888, 0, 2 },                               /* adds r0, r1, r2 */
        { 0xe7fe, 0, 2 },                               /* b.n . */
        { 0xf7ff, 0xfffe, 4 },                          /* bl . */
        { 0xf04f, 0x0005, 4 },                          /* mov.w r0, #5 */
        { 0xeb01, 0x0002, 4 },                          /* add.w r0, r1, r2 */
        { 0x4770, 0, 2 },                               /* bx lr */
        { 0xbf00, 0, 2 },                               /* nop */
        { 0xb108, 0, 2 },                               /* cbz r0, (+6) */
        { 0xdf00, 0, 2 },                               /* svc 0 */
        /* UNDEFINED load/store forms, encoded by hand (the assembler refuses them): */
        { 0xf8cf, 0x0004, 4 },                          /* str.w r0, [pc, #4]: store, Rn = PC */
        { 0xf851, 0x0808, 4 },                          /* ldr imm8 with P = W = 0 */
        { 0xf871, 0x0004, 4 },                          /* 1111 1000 0111: 00xx111 */
        { 0xe990, 0x0006, 4 },                          /* ldmdb/rfe slot op = 11: RFE */
    };
    for (unsigned i = 0; i < sizeof others / sizeof others[0]; i++) {
        struct thumb_access a = { .count = 99 };
        ck_assert_msg(!decode_at(others[i].hw1, others[i].hw2, PC0, &a), "case %u", i);
        ck_assert_int_eq(a.count, 0);
        ck_assert(!a.is_store);
        ck_assert_uint_eq(a.length, others[i].length);
    }
}
END_TEST

START_TEST(test_insn_length_from_first_halfword)
{
    ck_assert_uint_eq(thumb_insn_length(0xe7fe), 2);    /* b.n: 11100 is 16-bit */
    ck_assert_uint_eq(thumb_insn_length(0xe8d0), 4);    /* 11101 */
    ck_assert_uint_eq(thumb_insn_length(0xf04f), 4);    /* 11110 */
    ck_assert_uint_eq(thumb_insn_length(0xf8d1), 4);    /* 11111 */
    ck_assert_uint_eq(thumb_insn_length(0xbd00), 2);    /* pop {pc} */
    ck_assert_uint_eq(thumb_insn_length(0x0000), 2);
}
END_TEST

Suite *thumb_access_suite(void)
{
    Suite *s = suite_create("thumb_access");
    TCase *t16 = tcase_create("thumb16");
    tcase_add_test(t16, test_16bit_immediate_offsets);
    tcase_add_test(t16, test_16bit_register_offsets);
    tcase_add_test(t16, test_16bit_literal_is_word_aligned);
    tcase_add_test(t16, test_16bit_sp_relative);
    tcase_add_test(t16, test_16bit_push_pop);
    tcase_add_test(t16, test_16bit_ldm_stm);
    suite_add_tcase(s, t16);
    TCase *t32 = tcase_create("thumb32");
    tcase_add_test(t32, test_32bit_imm12_and_imm8_loads);
    tcase_add_test(t32, test_32bit_stores);
    tcase_add_test(t32, test_32bit_register_offsets);
    tcase_add_test(t32, test_32bit_unprivileged_variants);
    tcase_add_test(t32, test_32bit_literals_add_and_subtract);
    tcase_add_test(t32, test_32bit_ldrd_strd);
    tcase_add_test(t32, test_32bit_ldm_stm);
    tcase_add_test(t32, test_32bit_push_pop_wide);
    tcase_add_test(t32, test_32bit_exclusives);
    tcase_add_test(t32, test_32bit_table_branches_read_the_table);
    suite_add_tcase(s, t32);
    TCase *other = tcase_create("other");
    tcase_add_test(other, test_unpredictable_forms_read_as_unicorn_runs_them);
    tcase_add_test(other, test_hints_are_recognised_without_access);
    tcase_add_test(other, test_non_memory_instructions_are_refused);
    tcase_add_test(other, test_insn_length_from_first_halfword);
    suite_add_tcase(s, other);
    return s;
}
