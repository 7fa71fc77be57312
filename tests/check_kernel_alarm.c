/* Unit tests: the alarm capsule (driver 0x0, doc/drivers/alarm.md) on a fake alarm: an upcall
 * (now, expiration, 0) exactly when now - reference >= dt, never a tick before or after, across
 * the 32-bit wrap; one hardware alarm shared, set to the earliest expiration. */
#include <check.h>
#include <stdint.h>

#include "kernel/capsules/alarm.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "kernel/core/upcall.h"
#include "tests/kernel_fake_hil.h"

#define ALARM ALARM_DRIVER_NUM

/* p sets its alarm dt ticks from now (command 5) and waits for it; evaluates to the
 * expiration. */
#define set_relative_and_wait(p, dt)                                                         \
    ({                                                                                       \
        uint32_t e_ = kf_alarm.now + (dt);                                                   \
        kf_command(p, ALARM, 5, dt, 0);                                                      \
        kf_assert_r0_r1(p, RET_SUCCESS_U32, e_);                                             \
        kf_wait_for(p, ALARM, 0);                                                            \
        kf_assert_waiting(p);                                                                \
        e_;                                                                                  \
    })

START_TEST(test_commands)
{
    struct process *p = kt_process("app", 0, 2000);
    kf_command(p, ALARM, 0, 0, 0);
    kf_assert_r0(p, RET_SUCCESS);
    kf_command(p, ALARM, 1, 0, 0);
    kf_assert_r0_r1(p, RET_SUCCESS_U32, KF_ALARM_HZ);
    kf_alarm.now = 0xdeadbeef;
    kf_command(p, ALARM, 2, 0, 0);
    kf_assert_r0_r1(p, RET_SUCCESS_U32, 0xdeadbeef);
    kf_command(p, ALARM, 3, 0, 0);
    kf_assert_failure(p, ERR_ALREADY);                      /* nothing armed */
    kf_command(p, ALARM, 4, 0, 0);
    kf_assert_failure(p, ERR_NOSUPPORT);                    /* deprecated in Tock 2.0 */
    kf_command(p, ALARM, 7, 0, 0);
    kf_assert_failure(p, ERR_NOSUPPORT);
}
END_TEST

START_TEST(test_fires_exactly_at_expiry)
{
    struct process *p = kt_process("app", 0, 2000);
    uint32_t expiry = set_relative_and_wait(p, 100);
    ck_assert(kf_alarm.armed);
    ck_assert_uint_eq(kf_alarm.reference + kf_alarm.dt, expiry);
    kf_alarm_advance(99);
    kf_assert_waiting(p);                                   /* one tick early: nothing */
    kf_alarm_advance(1);
    kf_assert_woke(p, expiry, expiry, 0);                   /* now == expiry */
    ck_assert_uint_eq(kf_alarm.fired, 1);
    ck_assert(!kf_alarm.armed);                             /* nobody else waits */
}
END_TEST

START_TEST(test_absolute_expiry_across_the_32_bit_wrap)
{
    struct process *p = kt_process("app", 0, 2000);
    kf_alarm.now = 0xfffffff0u;
    kf_command(p, ALARM, 6, 0xfffffff0u, 0x20);             /* reference, dt */
    kf_assert_r0_r1(p, RET_SUCCESS_U32, 0x10);
    kf_wait_for(p, ALARM, 0);
    kf_alarm_advance(0x1f);                                 /* now 0x0f: wrapped, not yet */
    kf_assert_waiting(p);
    kf_alarm_advance(1);
    kf_assert_woke(p, 0x10, 0x10, 0);
}
END_TEST

START_TEST(test_relative_expiry_across_the_32_bit_wrap)
{
    struct process *p = kt_process("app", 0, 2000);
    kf_alarm.now = 0xfffffffau;
    uint32_t expiry = set_relative_and_wait(p, 10);
    ck_assert_uint_eq(expiry, 4);
    kf_alarm_advance(9);
    kf_assert_waiting(p);
    kf_alarm_advance(1);
    kf_assert_woke(p, 4, 4, 0);
}
END_TEST

/* When one alarm fires, the capsule looks at all of them: one due a tick later must wait. */
START_TEST(test_a_tick_early_never_fires_alongside_another)
{
    struct process *a = kt_process("a", 0x0000, 2000);
    struct process *b = kt_process("b", 0x1000, 2000);
    uint32_t ea = set_relative_and_wait(a, 100);
    uint32_t eb = set_relative_and_wait(b, 101);
    ck_assert_uint_eq(kf_alarm.reference + kf_alarm.dt, ea);    /* the earliest */
    kf_alarm_advance(100);
    kf_assert_woke(a, ea, ea, 0);
    kf_assert_waiting(b);
    ck_assert_uint_eq(kf_alarm.reference + kf_alarm.dt, eb);    /* re-armed for b */
    kf_alarm_advance(1);
    kf_assert_woke(b, eb, eb, 0);
}
END_TEST

/* A command that re-examines the alarms one tick before another process's expiry. */
START_TEST(test_setting_an_alarm_a_tick_before_another_expires_fires_nothing)
{
    struct process *a = kt_process("a", 0x0000, 2000);
    struct process *b = kt_process("b", 0x1000, 2000);
    uint32_t ea = set_relative_and_wait(a, 50);
    kf_alarm.now += 49;                                     /* time passes, no interrupt */
    kf_command(b, ALARM, 5, 1000, 0);
    kf_assert_waiting(a);
    ck_assert_uint_eq(kf_alarm.reference + kf_alarm.dt, ea);
    kf_alarm_advance(1);
    kf_assert_woke(a, ea, ea, 0);
}
END_TEST

START_TEST(test_the_earliest_of_several_is_programmed)
{
    struct process *a = kt_process("a", 0x0000, 2000);
    struct process *b = kt_process("b", 0x1000, 2000);
    uint32_t ea = set_relative_and_wait(a, 500);
    uint32_t eb = set_relative_and_wait(b, 100);
    ck_assert_uint_eq(kf_alarm.reference + kf_alarm.dt, eb);
    kf_alarm_advance(100);
    kf_assert_woke(b, eb, eb, 0);
    ck_assert_uint_eq(kf_alarm.reference + kf_alarm.dt, ea);
    kf_alarm_advance(400);
    kf_assert_woke(a, ea, ea, 0);
    ck_assert(!kf_alarm.armed);
}
END_TEST

START_TEST(test_expiry_already_past_fires_at_once)
{
    struct process *p = kt_process("app", 0, 2000);
    uint32_t fn = kf_subscribe(p, ALARM, 0);
    kf_command(p, ALARM, 6, kf_alarm.now - 50, 10);
    kf_assert_r0_r1(p, RET_SUCCESS_U32, kf_alarm.now - 40);
    kt_syscall(p, SYSCALL_YIELD, 1, 0, 0, 0);
    ck_assert(upcall_deliver(p));
    kt_assert_upcall(p, fn, kf_alarm.now, kf_alarm.now - 40, 0, 0);
}
END_TEST

START_TEST(test_stop_disarms_and_fires_once)
{
    struct process *p = kt_process("app", 0, 2000);
    set_relative_and_wait(p, 100);
    process_set_state(p, PROC_RUNNING);
    kf_command(p, ALARM, 3, 0, 0);
    kf_assert_r0(p, RET_SUCCESS);
    ck_assert(!kf_alarm.armed);
    kf_command(p, ALARM, 3, 0, 0);
    kf_assert_failure(p, ERR_ALREADY);
    kf_wait_for(p, ALARM, 0);
    kf_alarm_advance(1000);
    kf_assert_waiting(p);                                   /* stopped: never fires */
    process_set_state(p, PROC_RUNNING);
    uint32_t e = set_relative_and_wait(p, 10);
    kf_alarm_advance(10);
    kf_assert_woke(p, e, e, 0);
    kf_command(p, ALARM, 3, 0, 0);
    kf_assert_failure(p, ERR_ALREADY);                      /* one-shot: disarmed by firing */
}
END_TEST

START_TEST(test_a_new_alarm_replaces_the_old)
{
    struct process *p = kt_process("app", 0, 2000);
    kf_command(p, ALARM, 5, 100, 0);
    uint32_t e = set_relative_and_wait(p, 300);
    kf_alarm_advance(100);
    kf_assert_waiting(p);
    kf_alarm_advance(200);
    kf_assert_woke(p, e, e, 0);
}
END_TEST

START_TEST(test_a_terminated_process_alarm_is_forgotten)
{
    struct process *a = kt_process("a", 0x0000, 2000);
    struct process *b = kt_process("b", 0x1000, 2000);
    set_relative_and_wait(a, 100);
    uint32_t eb = set_relative_and_wait(b, 200);
    process_terminate(a, 0, 0);
    kf_alarm_advance(100);
    kf_assert_waiting(b);
    ck_assert_uint_eq(kf_alarm.reference + kf_alarm.dt, eb);
    kf_alarm_advance(100);
    kf_assert_woke(b, eb, eb, 0);
}
END_TEST

Suite *kernel_alarm_suite(void)
{
    Suite *s = suite_create("kernel_alarm");
    TCase *tc = tcase_create("alarm");
    kf_add_fixture(tc);
    tcase_add_test(tc, test_commands);
    tcase_add_test(tc, test_fires_exactly_at_expiry);
    tcase_add_test(tc, test_absolute_expiry_across_the_32_bit_wrap);
    tcase_add_test(tc, test_relative_expiry_across_the_32_bit_wrap);
    tcase_add_test(tc, test_a_tick_early_never_fires_alongside_another);
    tcase_add_test(tc, test_setting_an_alarm_a_tick_before_another_expires_fires_nothing);
    tcase_add_test(tc, test_the_earliest_of_several_is_programmed);
    tcase_add_test(tc, test_expiry_already_past_fires_at_once);
    tcase_add_test(tc, test_stop_disarms_and_fires_once);
    tcase_add_test(tc, test_a_new_alarm_replaces_the_old);
    tcase_add_test(tc, test_a_terminated_process_alarm_is_forgotten);
    suite_add_tcase(s, tc);
    return s;
}
