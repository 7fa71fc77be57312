/* Unit tests: the RISC-V port's process state on the host (kernel/arch/rv32/context.c, its
 * functions renamed by tests/arch_rv32_names.h): the initial registers, the TRD104 system call
 * registers (class in a4, arguments and results in a0-a3; a return variant writes only the
 * registers it defines), upcalls. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "kernel/arch/arch.h"
#include "kernel/core/syscall.h"

enum { RA = 1, SP = 2, A0 = 10, A3 = 13, A4 = 14 };

#define SENTINEL 0x5e5e0000u

/* A context whose every register holds SENTINEL + its number. */
static struct arch_context filled(void)
{
    struct arch_context c;
    memset(&c, 0, sizeof c);
    for (uint32_t i = 1; i < 32; i++)
        c.x[i] = SENTINEL + i;
    c.pc = 0x80001000u;
    return c;
}

/* Asserts every register but a0..a0+n-1 still holds its sentinel. */
#define assert_untouched_except_a0(c, n)                                                     \
    do {                                                                                     \
        for (uint32_t i_ = 1; i_ < 32; i_++)                                                 \
            if (i_ < A0 || i_ >= A0 + (n))                                                   \
                ck_assert_uint_eq((c).x[i_], SENTINEL + i_);                                 \
        ck_assert_uint_eq((c).pc, 0x80001000u);                                              \
    } while (0)

START_TEST(test_init_sets_entry_stack_and_crt0_arguments)
{
    struct arch_context c = filled();
    const uint32_t a[4] = { 0x20040060u, 0x80010000u, 8192, 0x80011388u };
    arch_process_init(&c, 0x20040080u, 0x80011388u, a);
    ck_assert_uint_eq(c.pc, 0x20040080u);                   /* no Thumb bit on RISC-V */
    ck_assert_uint_eq(c.x[SP], 0x80011380u);                /* 16-byte aligned, psABI */
    ck_assert_uint_eq(c.x[RA], 0);                          /* returning from _start faults */
    for (int i = 0; i < 4; i++)
        ck_assert_uint_eq(c.x[A0 + i], a[i]);
    ck_assert_uint_eq(c.x[5], 0);                           /* everything else cleared */
    ck_assert_uint_eq(arch_frame_addr(&c), 0x80011380u);
}
END_TEST

START_TEST(test_decode_reads_class_from_a4)
{
    struct arch_context c = filled();
    uint32_t cls, a[4];
    c.x[A4] = SYSCALL_COMMAND;
    arch_syscall_decode(&c, &cls, a);
    ck_assert_uint_eq(cls, SYSCALL_COMMAND);
    for (int i = 0; i < 4; i++)
        ck_assert_uint_eq(a[i], SENTINEL + A0 + (uint32_t)i);
}
END_TEST

/* Every TRD104 variant through the core's encoding and this port's return: exactly the
 * variant's registers change. */
START_TEST(test_return_writes_only_the_variants_registers)
{
    static const struct {
        struct syscall_ret ret;
        unsigned n;
    } cases[] = {
        { { RET_FAILURE, ERR_BUSY, { 0, 0, 0 } }, 2 },
        { { RET_FAILURE_U32, ERR_SIZE, { 1, 0, 0 } }, 3 },
        { { RET_FAILURE_2U32, ERR_INVAL, { 1, 2, 0 } }, 4 },
        { { RET_FAILURE_U64, ERR_FAIL, { 1, 2, 0 } }, 4 },
        { { RET_SUCCESS, 0, { 0, 0, 0 } }, 1 },
        { { RET_SUCCESS_U32, 0, { 1, 0, 0 } }, 2 },
        { { RET_SUCCESS_2U32, 0, { 1, 2, 0 } }, 3 },
        { { RET_SUCCESS_U64, 0, { 1, 2, 0 } }, 3 },
        { { RET_SUCCESS_3U32, 0, { 1, 2, 3 } }, 4 },
        { { RET_SUCCESS_U32_U64, 0, { 1, 2, 3 } }, 4 },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arch_context c = filled();
        uint32_t r[4];
        unsigned n = syscall_encode(&cases[i].ret, r);
        ck_assert_uint_eq(n, cases[i].n);
        arch_syscall_return(&c, r, n);
        ck_assert_uint_eq(c.x[A0], cases[i].ret.variant);
        for (unsigned k = 0; k < n; k++)
            ck_assert_uint_eq(c.x[A0 + k], r[k]);
        assert_untouched_except_a0(c, n);
    }
}
END_TEST

START_TEST(test_return_count_is_clamped_to_four)
{
    struct arch_context c = filled();
    const uint32_t r[4] = { 1, 2, 3, 4 };
    arch_syscall_return(&c, r, 0);
    assert_untouched_except_a0(c, 0);
    arch_syscall_return(&c, r, 9);
    ck_assert_uint_eq(c.x[A3], 4);
    assert_untouched_except_a0(c, 4);
}
END_TEST

START_TEST(test_upcall_returns_to_after_the_ecall)
{
    struct arch_context c = filled();
    const uint32_t a[4] = { 7, 8, 9, 10 };
    arch_push_upcall(&c, 0x20040201u, a);
    ck_assert_uint_eq(arch_process_pc(&c), 0x20040200u);
    ck_assert_uint_eq(c.x[RA], 0x80001000u);
    for (int i = 0; i < 4; i++)
        ck_assert_uint_eq(c.x[A0 + i], a[i]);
    ck_assert_uint_eq(c.x[SP], SENTINEL + SP);
}
END_TEST

Suite *arch_rv32_suite(void)
{
    Suite *s = suite_create("arch_rv32");
    TCase *tc = tcase_create("context");
    tcase_add_test(tc, test_init_sets_entry_stack_and_crt0_arguments);
    tcase_add_test(tc, test_decode_reads_class_from_a4);
    tcase_add_test(tc, test_return_writes_only_the_variants_registers);
    tcase_add_test(tc, test_return_count_is_clamped_to_four);
    tcase_add_test(tc, test_upcall_returns_to_after_the_ecall);
    suite_add_tcase(s, tc);
    return s;
}
