/* Unit tests: the upcall queue, scheduling, delivery inside yield, yield variants. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "kernel/core/grant.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "kernel/core/upcall.h"
#include "tests/kernel_fixture.h"

static struct upcall_entry entry(uint16_t d, uint16_t s, uint32_t v)
{
    return (struct upcall_entry){ d, s, { v, v + 1, v + 2 } };
}

START_TEST(test_queue_fifo_and_full)
{
    struct upcall_queue q;
    struct upcall_entry e;
    upcall_queue_init(&q);
    ck_assert(!upcall_queue_pop(&q, &e));
    for (uint32_t i = 0; i < UPCALL_QUEUE_LEN; i++) {
        e = entry(0, 0, i);
        ck_assert(upcall_queue_push(&q, &e));
    }
    e = entry(0, 0, 99);
    ck_assert(!upcall_queue_push(&q, &e));
    for (uint32_t i = 0; i < UPCALL_QUEUE_LEN; i++) {
        ck_assert(upcall_queue_pop(&q, &e));
        ck_assert_uint_eq(e.a[0], i);
        if (i == 3) {                                       /* wrap around the ring */
            struct upcall_entry x = entry(1, 1, 100);
            ck_assert(upcall_queue_push(&q, &x));
        }
    }
    ck_assert(upcall_queue_pop(&q, &e));
    ck_assert_uint_eq(e.a[0], 100);
    ck_assert_uint_eq(q.count, 0);
}
END_TEST

START_TEST(test_take_and_remove_keep_order)
{
    struct upcall_queue q;
    struct upcall_entry e;
    upcall_queue_init(&q);
    uint16_t ids[][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 0 }, { 0, 0 } };
    for (uint32_t i = 0; i < 5; i++) {
        e = entry(ids[i][0], ids[i][1], i * 10);
        upcall_queue_push(&q, &e);
    }
    ck_assert(upcall_queue_take(&q, 1, 0, &e));
    ck_assert_uint_eq(e.a[0], 10);
    ck_assert(!upcall_queue_take(&q, 1, 1, &e));
    ck_assert_uint_eq(upcall_queue_remove(&q, 0, 0), 2);
    ck_assert_uint_eq(q.count, 2);
    ck_assert(upcall_queue_pop(&q, &e));
    ck_assert_uint_eq(e.a[0], 20);
    ck_assert(upcall_queue_pop(&q, &e));
    ck_assert_uint_eq(e.a[0], 30);
}
END_TEST

static uint32_t subscribe(struct process *p, uint32_t driver, uint32_t sub, uint32_t off,
                          uint32_t userdata)
{
    uint32_t fn = off ? (uint32_t)p->flash_start + off : 0;
    const uint32_t a[4] = { driver, sub, fn, userdata };
    ck_assert_uint_eq(syscall_dispatch(p, SYSCALL_SUBSCRIBE, a).variant, RET_SUCCESS_2U32);
    return fn;
}

static void yield(struct process *p, uint32_t which, uint32_t a1, uint32_t a2)
{
    const uint32_t a[4] = { which, a1, a2, 0 };
    ck_assert_uint_eq(syscall_dispatch(p, SYSCALL_YIELD, a).variant, RET_NONE);
}

START_TEST(test_yield_wait_delivers_in_order_with_userdata)
{
    struct process *p = kt_process("app", 0, 2000);
    uint32_t f0 = subscribe(p, 0x1, 0, 0x201, 77);
    uint32_t f1 = subscribe(p, 0x1, 1, 0x301, 88);
    upcall_schedule(p, &kt_drv_a, 1, 4, 5, 6);
    upcall_schedule(p, &kt_drv_a, 0, 1, 2, 3);
    ck_assert_int_eq(p->state, PROC_RUNNING);               /* queued, not delivered yet */
    ck_assert_int_eq(kt_upcall_count, 0);
    yield(p, 1, 0, 0);
    ck_assert_int_eq(p->state, PROC_YIELDED);
    ck_assert(upcall_deliver(p));
    ck_assert_int_eq(p->state, PROC_RUNNING);
    ck_assert_uint_eq(kt_upcall_pc, f1);
    ck_assert_uint_eq(kt_upcall_args[0], 4);
    ck_assert_uint_eq(kt_upcall_args[3], 88);
    yield(p, 1, 0, 0);
    ck_assert(upcall_deliver(p));
    ck_assert_uint_eq(kt_upcall_pc, f0);
    ck_assert_uint_eq(kt_upcall_args[3], 77);
    yield(p, 1, 0, 0);
    ck_assert(!upcall_deliver(p));
    ck_assert_int_eq(p->state, PROC_YIELDED);
}
END_TEST

START_TEST(test_null_upcalls_are_dropped_by_yield_wait)
{
    struct process *p = kt_process("app", 0, 2000);
    subscribe(p, 0x1, 0, 0, 0);
    uint32_t f = subscribe(p, 0x40001, 0, 0x401, 5);
    upcall_schedule(p, &kt_drv_a, 0, 1, 2, 3);              /* null: never invoked */
    upcall_schedule(p, &kt_drv_b, 0, 7, 8, 9);
    yield(p, 1, 0, 0);
    ck_assert(upcall_deliver(p));
    ck_assert_uint_eq(kt_upcall_pc, f);
    ck_assert_uint_eq(p->queue->count, 0);
}
END_TEST

START_TEST(test_yield_no_wait_writes_the_flag)
{
    struct process *p = kt_process("app", 0, 2000);
    volatile uint8_t *flag = (uint8_t *)(p->ram_start + 100);
    *flag = 0xaa;
    yield(p, 0, (uint32_t)(uintptr_t)flag, 0);
    ck_assert_uint_eq(*flag, 0);
    ck_assert_int_eq(p->state, PROC_RUNNING);
    subscribe(p, 0x1, 0, 0x201, 1);
    upcall_schedule(p, &kt_drv_a, 0, 1, 2, 3);
    yield(p, 0, (uint32_t)(uintptr_t)flag, 0);
    ck_assert_uint_eq(*flag, 1);
    ck_assert_int_eq(kt_upcall_count, 1);
    ck_assert_int_eq(p->state, PROC_RUNNING);
    /* A flag address outside the process is not written (and nothing breaks). */
    upcall_schedule(p, &kt_drv_a, 0, 1, 2, 3);
    uint8_t *grant_byte = (uint8_t *)p->kernel_break;
    uint8_t before = *grant_byte;
    yield(p, 0, (uint32_t)(uintptr_t)grant_byte, 0);
    ck_assert_uint_eq(*grant_byte, before);
    ck_assert_int_eq(kt_upcall_count, 2);
}
END_TEST

START_TEST(test_yield_wait_for_returns_values_without_calling)
{
    struct process *p = kt_process("app", 0, 2000);
    subscribe(p, 0x1, 0, 0x201, 1);
    grant_enter_index(p, 1);
    yield(p, 2, 0x40001, 0);
    ck_assert_int_eq(p->state, PROC_YIELDED_FOR);
    upcall_schedule(p, &kt_drv_a, 0, 1, 2, 3);              /* another upcall: queued */
    ck_assert_int_eq(p->state, PROC_YIELDED_FOR);
    ck_assert(!process_ready(p));
    upcall_schedule(p, &kt_drv_b, 0, 7, 8, 9);              /* null upcall is fine */
    ck_assert_int_eq(p->state, PROC_RUNNING);
    ck_assert_int_eq(kt_upcall_count, 0);
    ck_assert_uint_eq(kt_ret[0], 7);
    ck_assert_uint_eq(kt_ret[1], 8);
    ck_assert_uint_eq(kt_ret[2], 9);
    ck_assert_uint_eq(p->queue->count, 1);                  /* the other one still waits */
}
END_TEST

START_TEST(test_yield_wait_for_takes_an_already_queued_upcall)
{
    struct process *p = kt_process("app", 0, 2000);
    grant_enter_index(p, 0);
    upcall_schedule(p, &kt_drv_a, 0, 1, 2, 3);
    upcall_schedule(p, &kt_drv_a, 1, 4, 5, 6);
    yield(p, 2, 0x1, 1);
    ck_assert_int_eq(p->state, PROC_RUNNING);
    ck_assert_uint_eq(kt_ret[0], 4);
    ck_assert_uint_eq(p->queue->count, 1);
}
END_TEST

START_TEST(test_bad_yield_number_returns_at_once)
{
    struct process *p = kt_process("app", 0, 2000);
    yield(p, 7, 0x12345678, 0);
    ck_assert_int_eq(p->state, PROC_RUNNING);
    ck_assert_int_eq(kt_ret_count, 0);
}
END_TEST

START_TEST(test_full_queue_drops_and_counts)
{
    struct process *p = kt_process("app", 0, 2000);
    grant_enter_index(p, 0);
    for (int i = 0; i < UPCALL_QUEUE_LEN; i++)
        ck_assert_int_eq(upcall_schedule(p, &kt_drv_a, 0, 0, 0, 0), 0);
    ck_assert_int_eq(upcall_schedule(p, &kt_drv_a, 0, 0, 0, 0), ERR_NOMEM);
    ck_assert_uint_eq(p->dropped_upcalls, 1);
    process_terminate(p, 0, 0);
    ck_assert_int_eq(upcall_schedule(p, &kt_drv_a, 0, 0, 0, 0), ERR_NODEVICE);
}
END_TEST

Suite *kernel_upcall_suite(void)
{
    Suite *s = suite_create("kernel_upcall");
    TCase *tc = tcase_create("upcall");
    kt_add_fixture(tc);
    tcase_add_test(tc, test_queue_fifo_and_full);
    tcase_add_test(tc, test_take_and_remove_keep_order);
    tcase_add_test(tc, test_yield_wait_delivers_in_order_with_userdata);
    tcase_add_test(tc, test_null_upcalls_are_dropped_by_yield_wait);
    tcase_add_test(tc, test_yield_no_wait_writes_the_flag);
    tcase_add_test(tc, test_yield_wait_for_returns_values_without_calling);
    tcase_add_test(tc, test_yield_wait_for_takes_an_already_queued_upcall);
    tcase_add_test(tc, test_bad_yield_number_returns_at_once);
    tcase_add_test(tc, test_full_queue_drops_and_counts);
    suite_add_tcase(s, tc);
    return s;
}
