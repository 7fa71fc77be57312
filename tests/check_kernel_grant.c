/* Unit tests: grant allocation from the top of process RAM, grant record layout. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "kernel/core/grant.h"
#include "kernel/core/process.h"
#include "tests/kernel_fixture.h"

START_TEST(test_record_size_and_slot_layout)
{
    /* A: 2 upcalls (8 B each), 2 RO + 1 RW + 1 UR buffers, 16 bytes of data. */
    size_t slots = 2 * sizeof(struct upcall_slot) + 4 * sizeof(struct buffer_slot);
    size_t data = (slots + 7) & ~(size_t)7;
    ck_assert_uint_eq(grant_record_size(&kt_drv_a), (data + 16 + 7) & ~(size_t)7);
    ck_assert_uint_eq(grant_record_size(&kt_drv_b) % 8, 0);
    uint8_t g[256];
    ck_assert_ptr_eq(grant_upcall_slot(&kt_drv_a, g, 1), (struct upcall_slot *)g + 1);
    struct buffer_slot *first = (struct buffer_slot *)(g + 2 * sizeof(struct upcall_slot));
    ck_assert_ptr_eq(grant_buffer_slot(&kt_drv_a, g, BUF_RO, 1), first + 1);
    ck_assert_ptr_eq(grant_buffer_slot(&kt_drv_a, g, BUF_RW, 0), first + 2);
    ck_assert_ptr_eq(grant_buffer_slot(&kt_drv_a, g, BUF_UR, 0), first + 3);
}
END_TEST

START_TEST(test_alloc_grows_down_aligned_and_zeroed)
{
    struct process *p = kt_process("app", 0, 2000);
    uintptr_t top = p->kernel_break;
    memset((void *)(top - 64), 0xaa, 64);
    uint8_t *a = grant_alloc(p, 13);
    ck_assert_uint_eq((uintptr_t)a, top - 16);
    ck_assert_uint_eq(p->kernel_break, top - 16);
    for (int i = 0; i < 16; i++)
        ck_assert_uint_eq(a[i], 0);
    uint8_t *b = grant_alloc(p, 8);
    ck_assert_uint_eq((uintptr_t)b, top - 24);
    ck_assert_uint_eq((uintptr_t)b % 8, 0);
}
END_TEST

START_TEST(test_alloc_never_reaches_process_memory)
{
    struct process *p = kt_process("app", 0, 2000);
    size_t room = p->kernel_break - p->mpu_break;
    ck_assert_ptr_null(grant_alloc(p, room + 8));
    ck_assert_ptr_nonnull(grant_alloc(p, room));
    ck_assert_uint_eq(p->kernel_break, p->mpu_break);
    ck_assert_ptr_null(grant_alloc(p, 8));
    ck_assert_ptr_null(grant_alloc(p, SIZE_MAX - 4));       /* no wrap-around */
}
END_TEST

START_TEST(test_enter_allocates_once_peek_never)
{
    struct process *p = kt_process("app", 0, 2000);
    ck_assert_ptr_null(grant_peek_index(p, 0));
    ck_assert_ptr_null(grant_data_peek(p, &kt_drv_a));
    void *g = grant_enter_index(p, 0);
    ck_assert_ptr_nonnull(g);
    ck_assert_ptr_eq(grant_enter_index(p, 0), g);
    ck_assert_ptr_eq(grant_peek_index(p, 0), g);
    uint8_t *d = grant_data(p, &kt_drv_a);
    ck_assert_uint_eq((uintptr_t)d + 16, (uintptr_t)g + grant_record_size(&kt_drv_a));
    ck_assert_ptr_null(grant_enter_index(p, 5));            /* no such driver */
    ck_assert_ptr_null(grant_enter_index(p, -1));
}
END_TEST

START_TEST(test_grants_are_freed_when_the_process_ends)
{
    struct process *p = kt_process("app", 0, 2000);
    uintptr_t top = p->kernel_break;
    grant_enter_index(p, 0);
    grant_enter_index(p, 1);
    ck_assert_uint_lt(p->kernel_break, top);
    process_terminate(p, 0, 0);
    ck_assert_uint_eq(p->kernel_break, top);
    ck_assert_ptr_null(grant_peek_index(p, 0));
    ck_assert_ptr_null(grant_enter_index(p, 0));            /* dead processes get none */
    process_restart(p);
    ck_assert_ptr_null(grant_peek_index(p, 1));
    ck_assert_ptr_nonnull(grant_enter_index(p, 1));
}
END_TEST

START_TEST(test_buffer_lookup_for_capsules)
{
    struct process *p = kt_process("app", 0, 2000);
    uint8_t *ptr;
    ck_assert_uint_eq(grant_buffer(p, &kt_drv_a, BUF_RW, 0, &ptr), 0);
    ck_assert_ptr_null(ptr);
    struct buffer_slot *s = grant_buffer_slot(&kt_drv_a, grant_enter_index(p, 0), BUF_RW, 0);
    s->ptr = p->ram_start + 8;
    s->len = 12;
    ck_assert_uint_eq(grant_buffer(p, &kt_drv_a, BUF_RW, 0, &ptr), 12);
    ck_assert_ptr_eq(ptr, (uint8_t *)(p->ram_start + 8));
    ck_assert_uint_eq(grant_buffer(p, &kt_drv_a, BUF_RW, 1, &ptr), 0);   /* no slot 1 */
}
END_TEST

Suite *kernel_grant_suite(void)
{
    Suite *s = suite_create("kernel_grant");
    TCase *tc = tcase_create("grant");
    kt_add_fixture(tc);
    tcase_add_test(tc, test_record_size_and_slot_layout);
    tcase_add_test(tc, test_alloc_grows_down_aligned_and_zeroed);
    tcase_add_test(tc, test_alloc_never_reaches_process_memory);
    tcase_add_test(tc, test_enter_allocates_once_peek_never);
    tcase_add_test(tc, test_grants_are_freed_when_the_process_ends);
    tcase_add_test(tc, test_buffer_lookup_for_capsules);
    suite_add_tcase(s, tc);
    return s;
}
