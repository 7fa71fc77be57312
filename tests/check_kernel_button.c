/* Unit tests: the button capsule (driver 0x3, doc/drivers/button.md) on fake buttons: count,
 * enable/disable interrupts per process, read, an index one past the last is INVAL; upcall
 * (button, pressed, 0) only to processes that enabled that button; the hardware watches a
 * button while any process has it enabled. */
#include <check.h>
#include <stdint.h>

#include "kernel/capsules/button.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "tests/kernel_fake_hil.h"

#define BUTTON BUTTON_DRIVER_NUM

START_TEST(test_count_and_read)
{
    struct process *p = kt_process("app", 0, 2000);
    kf_command(p, BUTTON, 0, 0, 0);
    kf_assert_r0_r1(p, RET_SUCCESS_U32, KF_BUTTONS);
    kf_button_set(1, 1);
    kf_command(p, BUTTON, 3, 1, 0);
    kf_assert_r0_r1(p, RET_SUCCESS_U32, 1);
    kf_command(p, BUTTON, 3, 0, 0);
    kf_assert_r0_r1(p, RET_SUCCESS_U32, 0);
}
END_TEST

START_TEST(test_index_one_past_the_end_is_inval)
{
    struct process *p = kt_process("app", 0, 2000);
    for (uint32_t cmd = 1; cmd <= 3; cmd++) {
        kf_command(p, BUTTON, cmd, KF_BUTTONS, 0);
        kf_assert_failure(p, ERR_INVAL);
        ck_assert_uint_eq(kf_bad_index, 0);             /* nothing reached the hardware */
    }
    kf_command(p, BUTTON, 4, 0, 0);
    kf_assert_failure(p, ERR_NOSUPPORT);
}
END_TEST

START_TEST(test_upcalls_go_to_the_processes_that_enabled_the_button)
{
    struct process *a = kt_process("a", 0x0000, 2000);
    struct process *b = kt_process("b", 0x1000, 2000);
    kf_command(a, BUTTON, 1, 0, 0);
    kf_assert_r0(a, RET_SUCCESS);
    kf_command(b, BUTTON, 1, 1, 0);
    ck_assert(kf_button_watched[0] && kf_button_watched[1]);
    kf_wait_for(a, BUTTON, 0);
    kf_wait_for(b, BUTTON, 0);
    kf_button_set(1, 1);
    kf_assert_waiting(a);
    kf_assert_woke(b, 1, 1, 0);
    kf_button_set(0, 1);
    kf_assert_woke(a, 0, 1, 0);
    process_set_state(a, PROC_RUNNING);
    kf_wait_for(a, BUTTON, 0);
    kf_button_set(0, 0);                                    /* releases are reported too */
    kf_assert_woke(a, 0, 0, 0);
}
END_TEST

START_TEST(test_watched_while_any_process_has_it_enabled)
{
    struct process *a = kt_process("a", 0x0000, 2000);
    struct process *b = kt_process("b", 0x1000, 2000);
    kf_command(a, BUTTON, 1, 0, 0);
    kf_command(b, BUTTON, 1, 0, 0);
    kf_command(a, BUTTON, 2, 0, 0);
    kf_assert_r0(a, RET_SUCCESS);
    ck_assert(kf_button_watched[0]);                        /* b still wants it */
    kf_wait_for(a, BUTTON, 0);
    kf_button_set(0, 1);
    kf_assert_waiting(a);                                   /* a disabled it */
    kf_command(b, BUTTON, 2, 0, 0);
    ck_assert(!kf_button_watched[0]);
}
END_TEST

Suite *kernel_button_suite(void)
{
    Suite *s = suite_create("kernel_button");
    TCase *tc = tcase_create("button");
    kf_add_fixture(tc);
    tcase_add_test(tc, test_count_and_read);
    tcase_add_test(tc, test_index_one_past_the_end_is_inval);
    tcase_add_test(tc, test_upcalls_go_to_the_processes_that_enabled_the_button);
    tcase_add_test(tc, test_watched_while_any_process_has_it_enabled);
    suite_add_tcase(s, tc);
    return s;
}
