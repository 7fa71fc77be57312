/* Unit tests: TRD104 return encoding (only the registers a variant defines are written) and the
 * syscall classes (subscribe, command, allows, exit, dispatch), each made by a process the way
 * its code would (kt_syscall: svc in its flash, arguments in its frame). */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "kernel/core/grant.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "kernel/core/upcall.h"
#include "tests/kernel_fixture.h"

/* The registers of the process that made the last call(). */
static const uint32_t *r;

/* p makes system call cls(a0..a3) and the kernel handles it (kernel_fixture.h). */
static void call(struct process *p, uint32_t cls, uint32_t a0, uint32_t a1, uint32_t a2,
                 uint32_t a3)
{
    kt_syscall(p, cls, a0, a1, a2, a3);
    r = kt_frame(p);
}

#define expect(r0, r1, r2, r3) kt_assert_regs(r, r0, r1, r2, r3)

/* The registers each variant of kt_variants[] must write (TRD104 3.2), spelled out here
 * rather than derived from the kernel's table; n: how many. */
static const struct {
    unsigned n;
    uint32_t r[4];
} written[KT_NUM_VARIANTS] = {
    { 2, { RET_FAILURE, ERR_BUSY } },
    { 3, { RET_FAILURE_U32, ERR_SIZE, 0xa1 } },
    { 4, { RET_FAILURE_2U32, ERR_INVAL, 0xa1, 0xa2 } },
    { 4, { RET_FAILURE_U64, ERR_FAIL, 0xa1, 0xa2 } },
    { 1, { RET_SUCCESS } },
    { 2, { RET_SUCCESS_U32, 0xb1 } },
    { 3, { RET_SUCCESS_2U32, 0xb1, 0xb2 } },
    { 3, { RET_SUCCESS_U64, 0xb1, 0xb2 } },
    { 4, { RET_SUCCESS_3U32, 0xb1, 0xb2, 0xb3 } },
    { 4, { RET_SUCCESS_U32_U64, 0xb1, 0xb2, 0xb3 } },
};

#define SENTINEL 0x5e5e5e50u

START_TEST(test_encode_writes_exactly_the_variants_registers)
{
    for (int i = 0; i < KT_NUM_VARIANTS; i++) {
        uint32_t regs[4] = { SENTINEL, SENTINEL + 1, SENTINEL + 2, SENTINEL + 3 };
        ck_assert_uint_eq(syscall_encode(&kt_variants[i], regs), written[i].n);
        for (unsigned k = 0; k < 4; k++)
            ck_assert_uint_eq(regs[k], k < written[i].n ? written[i].r[k] : SENTINEL + k);
    }
    uint32_t keep[4] = { 1, 2, 3, 4 };
    struct syscall_ret none = ret_none();
    ck_assert_uint_eq(syscall_encode(&none, keep), 0);
    kt_assert_regs(keep, 1, 2, 3, 4);
}
END_TEST

START_TEST(test_constructors_split_u64_low_word_first)
{
    struct syscall_ret x;
    uint32_t regs[4] = { 0, 0, 0, 0 };
    x = ret_failure_u64(ERR_SIZE, 0x1122334455667788ull);
    syscall_encode(&x, regs);
    kt_assert_regs(regs, 3, ERR_SIZE, 0x55667788, 0x11223344);
    x = ret_success_u32_u64(9, 0x100000002ull);
    syscall_encode(&x, regs);
    kt_assert_regs(regs, 133, 9, 2, 1);
    x = ret_success_u64(0xaabbccdd00112233ull);
    syscall_encode(&x, regs);
    kt_assert_regs(regs, 131, 0x00112233, 0xaabbccdd, 1);   /* r3 from before */
    x = ret_failure_2u32(ERR_INVAL, 7, 8);
    syscall_encode(&x, regs);
    kt_assert_regs(regs, 2, ERR_INVAL, 7, 8);
}
END_TEST

/* The whole path a process's command takes (svc decode, dispatch, encode, the Cortex-M port's
 * arch_syscall_return): the registers a variant doesn't define keep what the process had in
 * them, and nothing else in the frame changes. */
START_TEST(test_every_variant_leaves_the_other_registers_alone)
{
    struct process *p = kt_process("app", 0, 2000);
    for (int i = 0; i < KT_NUM_VARIANTS; i++) {
        const uint32_t args[4] = { 0x1, KT_CMD_VARIANT + (uint32_t)i, SENTINEL + 2,
                                   SENTINEL + 3 };
        ck_assert(kt_syscall(p, SYSCALL_COMMAND, args[0], args[1], args[2], args[3]));
        const uint32_t *f = kt_frame(p);
        for (unsigned k = 0; k < 4; k++)
            ck_assert_msg(f[KT_R0 + k] == (k < written[i].n ? written[i].r[k] : args[k]),
                          "variant %u: r%u = 0x%x", written[i].r[0], k, f[KT_R0 + k]);
        ck_assert_uint_eq(f[KT_R12], KT_R12_MARK);
        ck_assert_uint_eq(f[KT_LR], KT_LR_MARK);
        ck_assert_uint_eq(f[KT_PC], kt_svc_return(p));
        ck_assert_uint_eq(f[KT_XPSR], 1u << 24);
    }
}
END_TEST

START_TEST(test_cortex_m_return_writes_at_most_four)
{
    struct process *p = kt_process("app", 0, 2000);
    kt_trap(p, SYSCALL_COMMAND, 1, 2, 3, 4);
    const uint32_t r9[4] = { 9, 9, 9, 9 };
    arch_syscall_return(&p->ctx, r9, 0);
    kt_assert_frame(p, 1, 2, 3, 4);
    arch_syscall_return(&p->ctx, r9, 7);
    kt_assert_frame(p, 9, 9, 9, 9);
    ck_assert_uint_eq(kt_frame(p)[KT_R12], KT_R12_MARK);
}
END_TEST

START_TEST(test_yield_and_exit_write_no_register)
{
    struct process *p = kt_process("app", 0, 2000);
    ck_assert(!kt_syscall(p, SYSCALL_YIELD, 1, SENTINEL + 1, SENTINEL + 2, SENTINEL + 3));
    kt_assert_frame(p, 1, SENTINEL + 1, SENTINEL + 2, SENTINEL + 3);
    process_set_state(p, PROC_RUNNING);
    ck_assert(kt_syscall(p, SYSCALL_YIELD, 7, SENTINEL + 1, SENTINEL + 2, SENTINEL + 3));
    kt_assert_frame(p, 7, SENTINEL + 1, SENTINEL + 2, SENTINEL + 3);   /* reserved: no-op */
    ck_assert(!kt_syscall(p, SYSCALL_EXIT, 0, 5, SENTINEL + 2, SENTINEL + 3));
    kt_assert_frame(p, 0, 5, SENTINEL + 2, SENTINEL + 3);
}
END_TEST

START_TEST(test_frame_outside_process_memory_faults_the_process)
{
    struct process *p = kt_process("app", 0, 2000);
    uint32_t id = p->id;
    p->ctx.psp = (uint32_t)p->kernel_break;      /* the frame would be in the grants */
    ck_assert(!syscall_handle(p));
    ck_assert_uint_ne(p->id, id);                /* FAULT_RESTART: restarted */
    ck_assert_ptr_nonnull(strstr(kt_output_take(), "stack pointer outside process memory"));
}
END_TEST

START_TEST(test_unknown_class_is_nosupport)
{
    struct process *p = kt_process("app", 0, 2000);
    call(p, 8, 0, 0, 0, 0);
    expect(RET_FAILURE, ERR_NOSUPPORT, 0, 0);
    call(p, 255, 0, 0, 0, 0);
    expect(RET_FAILURE, ERR_NOSUPPORT, 0, 0);
    ck_assert_uint_eq(p->syscall_count, 2);
    ck_assert_str_eq(syscall_class_name(2), "command");
    ck_assert_str_eq(syscall_class_name(9), "unknown");
}
END_TEST

START_TEST(test_command_routes_to_the_driver)
{
    struct process *p = kt_process("app", 0, 2000);
    call(p, SYSCALL_COMMAND, 0x40001, 3, 11, 12);
    expect(RET_SUCCESS_U32, 1003, 11, 12);            /* r2, r3 untouched */
    call(p, SYSCALL_COMMAND, 0x2, 0, 0, 0);                 /* not installed */
    expect(RET_FAILURE, ERR_NODEVICE, 0, 0);
    ck_assert_ptr_nonnull(grant_peek_index(p, 1));          /* grant made on first use */
}
END_TEST

START_TEST(test_command_permissions)
{
    uint8_t perms[] = { 6, 0, 18, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0 };
    struct tbf_header h;
    struct process *p;
    kt_tbf(kt_flash, 0x1000, "perm", 2000, 0, perms, sizeof perms);
    ck_assert_int_eq(tbf_parse(kt_flash, 0x1000, &h), TBF_OK);
    ck_assert_ptr_null(process_create(&h, (uintptr_t)kt_flash, &p));
    call(p, SYSCALL_COMMAND, 0x1, 1, 0, 0);                 /* bit 1 of driver 1: allowed */
    expect(RET_SUCCESS_U32, 1001, 0, 0);
    call(p, SYSCALL_COMMAND, 0x1, 0, 0, 0);
    expect(RET_FAILURE, ERR_NODEVICE, 0, 0);
    call(p, SYSCALL_COMMAND, 0x40001, 1, 0, 0);             /* driver not listed */
    expect(RET_FAILURE, ERR_NODEVICE, 0, 0);
}
END_TEST

START_TEST(test_subscribe_swaps_and_validates)
{
    struct process *p = kt_process("app", 0, 2000);
    uint32_t fn1 = (uint32_t)p->flash_start + 0x201, fn2 = (uint32_t)p->flash_start + 0x301;
    call(p, SYSCALL_SUBSCRIBE, 0x1, 1, fn1, 42);
    expect(RET_SUCCESS_2U32, 0, 0, 42);                      /* first time: the null upcall */
    call(p, SYSCALL_SUBSCRIBE, 0x1, 1, fn2, 43);
    expect(RET_SUCCESS_2U32, fn1, 42, 43);
    call(p, SYSCALL_SUBSCRIBE, 0x1, 1, (uint32_t)p->ram_start + 1, 44);
    expect(RET_FAILURE_2U32, ERR_INVAL, (uint32_t)p->ram_start + 1, 44);
    call(p, SYSCALL_SUBSCRIBE, 0x1, 2, fn1, 45);            /* driver A has 2 upcalls */
    expect(RET_FAILURE_2U32, ERR_INVAL, fn1, 45);
    call(p, SYSCALL_SUBSCRIBE, 0x9, 0, fn1, 46);
    expect(RET_FAILURE_2U32, ERR_NODEVICE, fn1, 46);
    call(p, SYSCALL_SUBSCRIBE, 0x1, 1, 0, 0);               /* back to null */
    expect(RET_SUCCESS_2U32, fn2, 43, 0);
}
END_TEST

START_TEST(test_subscribe_drops_pending_upcalls_of_that_slot)
{
    struct process *p = kt_process("app", 0, 2000);
    uint32_t fn = (uint32_t)p->flash_start + 0x201;
    call(p, SYSCALL_SUBSCRIBE, 0x1, 0, fn, 0);
    upcall_schedule(p, &kt_drv_a, 0, 1, 2, 3);
    upcall_schedule(p, &kt_drv_a, 1, 1, 2, 3);
    ck_assert_uint_eq(p->queue->count, 2);
    call(p, SYSCALL_SUBSCRIBE, 0x1, 0, fn, 0);
    ck_assert_uint_eq(p->queue->count, 1);
    ck_assert_uint_eq(p->queue->e[p->queue->head].sub, 1);
}
END_TEST

START_TEST(test_allows_swap_and_check_memory)
{
    struct process *p = kt_process("app", 0, 2000);
    uint32_t ram = (uint32_t)p->ram_start, flash = (uint32_t)p->flash_start;
    call(p, SYSCALL_ALLOW_RW, 0x1, 0, ram + 16, 32);
    expect(RET_SUCCESS_2U32, 0, 0, 32);
    call(p, SYSCALL_ALLOW_RW, 0x1, 0, ram + 64, 8);
    expect(RET_SUCCESS_2U32, ram + 16, 32, 8);
    uint8_t *buf;
    ck_assert_uint_eq(grant_buffer(p, &kt_drv_a, BUF_RW, 0, &buf), 8);
    ck_assert_ptr_eq(buf, (uint8_t *)(uintptr_t)(ram + 64));
    call(p, SYSCALL_ALLOW_RW, 0x1, 0, flash, 8);            /* flash is read-only */
    expect(RET_FAILURE_2U32, ERR_INVAL, flash, 8);
    call(p, SYSCALL_ALLOW_RW, 0x1, 0, ram + 1990, 16);      /* past the break */
    expect(RET_FAILURE_2U32, ERR_INVAL, ram + 1990, 16);
    call(p, SYSCALL_ALLOW_RW, 0x1, 0, ram, 0xfffffff0u);    /* wraps */
    expect(RET_FAILURE_2U32, ERR_INVAL, ram, 0xfffffff0u);
    call(p, SYSCALL_ALLOW_RW, 0x1, 1, ram, 4);              /* only one RW slot */
    expect(RET_FAILURE_2U32, ERR_INVAL, ram, 4);
    call(p, SYSCALL_ALLOW_RW, 0x1, 0, 0xdead0000u, 0);      /* empty: any address */
    expect(RET_SUCCESS_2U32, ram + 64, 8, 0);
    call(p, SYSCALL_ALLOW_RO, 0x1, 1, flash + 0x100, 64);   /* flash is readable */
    expect(RET_SUCCESS_2U32, 0, 0, 64);
    call(p, SYSCALL_ALLOW_RO, 0x1, 1, (uint32_t)p->kernel_break, 4);   /* grants */
    expect(RET_FAILURE_2U32, ERR_INVAL, (uint32_t)p->kernel_break, 4);
    call(p, SYSCALL_ALLOW_UR, 0x1, 0, ram + 100, 4);
    expect(RET_SUCCESS_2U32, 0, 0, 4);
    call(p, SYSCALL_ALLOW_RO, 0x40001, 0, ram, 4);          /* B has no RO slots */
    expect(RET_FAILURE_2U32, ERR_INVAL, ram, 4);
    call(p, SYSCALL_ALLOW_RO, 0x77, 0, ram, 4);
    expect(RET_FAILURE_2U32, ERR_NODEVICE, ram, 4);
    /* The slots are distinct: RO slot 1 still holds the flash buffer. */
    ck_assert_uint_eq(grant_buffer(p, &kt_drv_a, BUF_RO, 1, &buf), 64);
    ck_assert_uint_eq(p->allow_hwm, ram + 104);
}
END_TEST

START_TEST(test_grant_exhaustion_is_nomem)
{
    struct process *p = kt_process("app", 0, 2000);
    p->kernel_break = p->mpu_break + 8;                     /* no room left for a grant */
    call(p, SYSCALL_COMMAND, 0x1, 1, 0, 0);
    expect(RET_FAILURE, ERR_NOMEM, 0, 0);
    call(p, SYSCALL_SUBSCRIBE, 0x1, 0, 0, 0);
    expect(RET_FAILURE_2U32, ERR_NOMEM, 0, 0);
    call(p, SYSCALL_ALLOW_RW, 0x1, 0, (uint32_t)p->ram_start, 4);
    expect(RET_FAILURE_2U32, ERR_NOMEM, (uint32_t)p->ram_start, 4);
}
END_TEST

START_TEST(test_exit_terminate_restart_and_bad_number)
{
    struct process *p = kt_process("app", 0, 2000);
    uint32_t id = p->id;
    call(p, SYSCALL_EXIT, 2, 0, 0, 0);
    expect(RET_FAILURE, ERR_NOSUPPORT, 0, 0);
    ck_assert(kt_syscall(p, SYSCALL_EXIT, 1, 5, 0, 0));     /* runs on, from its start */
    ck_assert_uint_ne(p->id, id);                           /* a restart gets a new id */
    ck_assert_int_eq(p->state, PROC_RUNNING);
    ck_assert_uint_eq(kt_frame(p)[KT_PC], p->flash_start + tbf_init_offset(&p->tbf));
    ck_assert(!kt_syscall(p, SYSCALL_EXIT, 0, 9, 0, 0));
    ck_assert_int_eq(p->state, PROC_TERMINATED);
    ck_assert_uint_eq(p->completion_code, 9);
    ck_assert(p->has_completion_code);
}
END_TEST

Suite *kernel_syscall_suite(void)
{
    Suite *s = suite_create("kernel_syscall");
    TCase *tc = tcase_create("syscall");
    kt_add_fixture(tc);
    tcase_add_test(tc, test_encode_writes_exactly_the_variants_registers);
    tcase_add_test(tc, test_constructors_split_u64_low_word_first);
    tcase_add_test(tc, test_every_variant_leaves_the_other_registers_alone);
    tcase_add_test(tc, test_cortex_m_return_writes_at_most_four);
    tcase_add_test(tc, test_yield_and_exit_write_no_register);
    tcase_add_test(tc, test_frame_outside_process_memory_faults_the_process);
    tcase_add_test(tc, test_unknown_class_is_nosupport);
    tcase_add_test(tc, test_command_routes_to_the_driver);
    tcase_add_test(tc, test_command_permissions);
    tcase_add_test(tc, test_subscribe_swaps_and_validates);
    tcase_add_test(tc, test_subscribe_drops_pending_upcalls_of_that_slot);
    tcase_add_test(tc, test_allows_swap_and_check_memory);
    tcase_add_test(tc, test_grant_exhaustion_is_nomem);
    tcase_add_test(tc, test_exit_terminate_restart_and_bad_number);
    suite_add_tcase(s, tc);
    return s;
}
