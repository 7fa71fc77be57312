/* Unit tests: the LED capsule (driver 0x2, doc/drivers/led.md) on fake LEDs: command 0 counts,
 * 1/2/3 on/off/toggle, an index one past the last is INVAL and reaches no hardware. */
#include <check.h>
#include <stdint.h>

#include "kernel/capsules/led.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "tests/kernel_fake_hil.h"

#define LED LED_DRIVER_NUM

START_TEST(test_count_on_off_toggle)
{
    struct process *p = kt_process("app", 0, 2000);
    kf_command(p, LED, 0, 0, 0);
    kf_assert_r0_r1(p, RET_SUCCESS_U32, KF_LEDS);
    kf_command(p, LED, 1, 2, 0);
    kf_assert_r0(p, RET_SUCCESS);
    ck_assert(kf_led[2] && !kf_led[0] && !kf_led[1]);
    kf_command(p, LED, 3, 0, 0);
    kf_command(p, LED, 3, 2, 0);
    ck_assert(kf_led[0] && !kf_led[2]);
    kf_command(p, LED, 2, 0, 0);
    kf_assert_r0(p, RET_SUCCESS);
    ck_assert(!kf_led[0]);
}
END_TEST

START_TEST(test_index_one_past_the_end_is_inval)
{
    struct process *p = kt_process("app", 0, 2000);
    for (uint32_t cmd = 1; cmd <= 3; cmd++) {
        kf_command(p, LED, cmd, KF_LEDS, 0);
        kf_assert_failure(p, ERR_INVAL);
        kf_command(p, LED, cmd, 0xffffffffu, 0);
        kf_assert_failure(p, ERR_INVAL);
        ck_assert_uint_eq(kf_bad_index, 0);             /* nothing reached the hardware */
    }
    kf_command(p, LED, 1, KF_LEDS - 1, 0);                  /* the last one is fine */
    kf_assert_r0(p, RET_SUCCESS);
}
END_TEST

START_TEST(test_unknown_command_is_nosupport)
{
    struct process *p = kt_process("app", 0, 2000);
    kf_command(p, LED, 4, 0, 0);
    kf_assert_failure(p, ERR_NOSUPPORT);
}
END_TEST

Suite *kernel_led_suite(void)
{
    Suite *s = suite_create("kernel_led");
    TCase *tc = tcase_create("led");
    kf_add_fixture(tc);
    tcase_add_test(tc, test_count_on_off_toggle);
    tcase_add_test(tc, test_index_one_past_the_end_is_inval);
    tcase_add_test(tc, test_unknown_command_is_nosupport);
    suite_add_tcase(s, tc);
    return s;
}
