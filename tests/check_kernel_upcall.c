/* Unit tests: the upcall queue, scheduling, delivery inside yield, yield variants; processes
 * yield with real system calls and get upcalls in their real (Cortex-M) frames. */
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

/* p subscribes fn (offset off in its code, 0: the null upcall) to (driver, sub); asserts
 * success; evaluates to fn. */
#define subscribe(p, driver, sub, off, userdata)                                             \
    ({                                                                                       \
        uint32_t fn_ = (off) ? kt_fn(p, off) : 0;                                            \
        ck_assert(kt_syscall(p, SYSCALL_SUBSCRIBE, driver, sub, fn_, userdata));             \
        ck_assert_uint_eq(kt_frame(p)[KT_R0], RET_SUCCESS_2U32);                             \
        fn_;                                                                                 \
    })

/* p calls yield(which, a1, a2) with a marker in r3. */
#define R3_MARK 0x33333333u
static void yield(struct process *p, uint32_t which, uint32_t a1, uint32_t a2)
{
    kt_syscall(p, SYSCALL_YIELD, which, a1, a2, R3_MARK);
}

/* Whether p resumes where its yield returns (no upcall pushed). */
static int resumes_after_svc(const struct process *p)
{
    return kt_frame(p)[KT_PC] == kt_svc_return(p);
}

START_TEST(test_yield_wait_delivers_in_order_with_userdata)
{
    struct process *p = kt_process("app", 0, 2000);
    uint32_t f0 = subscribe(p, 0x1, 0, 0x201, 77);
    uint32_t f1 = subscribe(p, 0x1, 1, 0x301, 88);
    upcall_schedule(p, &kt_drv_a, 1, 4, 5, 6);
    upcall_schedule(p, &kt_drv_a, 0, 1, 2, 3);
    ck_assert_int_eq(p->state, PROC_RUNNING);               /* queued, not delivered yet */
    yield(p, 1, 0, 0);
    ck_assert_int_eq(p->state, PROC_YIELDED);
    ck_assert(resumes_after_svc(p));
    ck_assert(upcall_deliver(p));
    ck_assert_int_eq(p->state, PROC_RUNNING);
    kt_assert_upcall(p, f1, 4, 5, 6, 88);
    yield(p, 1, 0, 0);
    ck_assert(upcall_deliver(p));
    kt_assert_upcall(p, f0, 1, 2, 3, 77);
    yield(p, 1, 0, 0);
    ck_assert(!upcall_deliver(p));
    ck_assert_int_eq(p->state, PROC_YIELDED);
    ck_assert(resumes_after_svc(p));
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
    kt_assert_upcall(p, f, 7, 8, 9, 5);
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
    ck_assert(resumes_after_svc(p));
    uint32_t fn = subscribe(p, 0x1, 0, 0x201, 1);
    upcall_schedule(p, &kt_drv_a, 0, 1, 2, 3);
    yield(p, 0, (uint32_t)(uintptr_t)flag, 0);
    ck_assert_uint_eq(*flag, 1);
    kt_assert_upcall(p, fn, 1, 2, 3, 1);
    ck_assert_int_eq(p->state, PROC_RUNNING);
    /* A flag address outside the process is not written (and nothing breaks). */
    upcall_schedule(p, &kt_drv_a, 0, 4, 5, 6);
    uint8_t *grant_byte = (uint8_t *)p->kernel_break;
    uint8_t before = *grant_byte;
    yield(p, 0, (uint32_t)(uintptr_t)grant_byte, 0);
    ck_assert_uint_eq(*grant_byte, before);
    kt_assert_upcall(p, fn, 4, 5, 6, 1);
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
    ck_assert(resumes_after_svc(p));                        /* no function called */
    kt_assert_frame(p, 7, 8, 9, R3_MARK);
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
    kt_assert_frame(p, 4, 5, 6, R3_MARK);
    ck_assert_uint_eq(p->queue->count, 1);
}
END_TEST

/* Tock's YieldWaitFor return: the upcall's three values in r0-r2; r3 is the process's. */
START_TEST(test_yield_wait_for_writes_r0_to_r2_only)
{
    struct process *p = kt_process("app", 0, 2000);
    grant_enter_index(p, 1);
    yield(p, 2, 0x40001, 0);
    uint32_t *f = kt_frame(p);
    f[KT_R12] = 0xc0ffee;
    upcall_schedule(p, &kt_drv_b, 0, 0xd0, 0xd1, 0xd2);
    kt_assert_frame(p, 0xd0, 0xd1, 0xd2, R3_MARK);
    ck_assert_uint_eq(f[KT_R12], 0xc0ffee);
    ck_assert_uint_eq(f[KT_LR], KT_LR_MARK);
    ck_assert(resumes_after_svc(p));
}
END_TEST

START_TEST(test_bad_yield_number_returns_at_once)
{
    struct process *p = kt_process("app", 0, 2000);
    yield(p, 7, 0x12345678, 0);
    ck_assert_int_eq(p->state, PROC_RUNNING);
    kt_assert_frame(p, 7, 0x12345678, 0, R3_MARK);          /* no register written */
    ck_assert(resumes_after_svc(p));
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
    tcase_add_test(tc, test_yield_wait_for_writes_r0_to_r2_only);
    tcase_add_test(tc, test_bad_yield_number_returns_at_once);
    tcase_add_test(tc, test_full_queue_drops_and_counts);
    suite_add_tcase(s, tc);
    return s;
}
