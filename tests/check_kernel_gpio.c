/* Unit tests: the GPIO capsule (driver 0x4, doc/drivers/gpio.md) on fake pins. Processes see
 * the board's pin list (kf_app_pins: their pin i is hardware pin kf_app_pins[i]); a pin one
 * past the list is INVAL for every command and reaches no hardware; a bad pull or edge value
 * is NOSUPPORT; upcall (pin, level, 0) on an enabled edge to every process using the driver. */
#include <check.h>
#include <stdint.h>

#include "kernel/capsules/gpio.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "tests/kernel_fake_hil.h"

#define GPIO GPIO_DRIVER_NUM

START_TEST(test_exists_and_counts_the_processes_pins)
{
    struct process *p = kt_process("app", 0, 2000);
    kf_command(p, GPIO, 0, 0, 0);
    kf_assert_r0(p, RET_SUCCESS);
    kf_command(p, GPIO, 10, 0, 0);
    kf_assert_r0_r1(p, RET_SUCCESS_U32, KF_APP_PINS);
    kf_command(p, GPIO, 11, 0, 0);
    kf_assert_failure(p, ERR_NOSUPPORT);
}
END_TEST

START_TEST(test_pin_one_past_the_list_is_inval)
{
    struct process *p = kt_process("app", 0, 2000);
    for (uint32_t cmd = 1; cmd <= 9; cmd++) {
        kf_command(p, GPIO, cmd, KF_APP_PINS, 0);
        kf_assert_failure(p, ERR_INVAL);
        kf_command(p, GPIO, cmd, 0xffffffffu, 0);
        kf_assert_failure(p, ERR_INVAL);
        ck_assert_uint_eq(kf_bad_index, 0);             /* nothing reached the hardware */
    }
    kf_command(p, GPIO, 1, KF_APP_PINS - 1, 0);             /* the last one is fine */
    kf_assert_r0(p, RET_SUCCESS);
    ck_assert_int_eq(kf_gpio.mode[kf_app_pins[KF_APP_PINS - 1]], GPIO_OUTPUT);
}
END_TEST

START_TEST(test_outputs_go_to_the_mapped_hardware_pin)
{
    struct process *p = kt_process("app", 0, 2000);
    unsigned hw = kf_app_pins[1];
    kf_command(p, GPIO, 1, 1, 0);
    ck_assert_int_eq(kf_gpio.mode[hw], GPIO_OUTPUT);
    kf_command(p, GPIO, 2, 1, 0);
    kf_assert_r0(p, RET_SUCCESS);
    ck_assert(kf_gpio.out[hw]);
    kf_command(p, GPIO, 6, 1, 0);
    kf_assert_r0_r1(p, RET_SUCCESS_U32, 1);
    kf_command(p, GPIO, 3, 1, 0);
    ck_assert(!kf_gpio.out[hw]);
    kf_command(p, GPIO, 4, 1, 0);
    ck_assert(kf_gpio.out[hw]);
    for (unsigned i = 0; i < KF_HW_PINS; i++)
        ck_assert(i == hw || !kf_gpio.out[i]);
}
END_TEST

START_TEST(test_inputs_pulls_and_reads)
{
    struct process *p = kt_process("app", 0, 2000);
    unsigned hw = kf_app_pins[2];
    static const enum gpio_mode modes[] = { GPIO_INPUT, GPIO_INPUT_PULLUP,
                                            GPIO_INPUT_PULLDOWN };
    for (uint32_t pull = 0; pull < 3; pull++) {
        kf_command(p, GPIO, 5, 2, pull);
        kf_assert_r0(p, RET_SUCCESS);
        ck_assert_int_eq(kf_gpio.mode[hw], modes[pull]);
    }
    kf_command(p, GPIO, 5, 2, 3);
    kf_assert_failure(p, ERR_NOSUPPORT);
    kf_gpio.no_pulls = 1;                                   /* a bank without pulls */
    kf_command(p, GPIO, 5, 2, 1);
    kf_assert_failure(p, ERR_NOSUPPORT);
    kf_gpio_drive(hw, 1);
    kf_command(p, GPIO, 6, 2, 0);
    kf_assert_r0_r1(p, RET_SUCCESS_U32, 1);
    kf_command(p, GPIO, 9, 2, 0);
    kf_assert_r0(p, RET_SUCCESS);
    ck_assert_int_eq(kf_gpio.mode[hw], GPIO_DISABLED);
}
END_TEST

START_TEST(test_edges_reach_every_process_using_the_driver)
{
    struct process *a = kt_process("a", 0x0000, 2000);
    struct process *b = kt_process("b", 0x1000, 2000);
    struct process *c = kt_process("c", 0x2000, 2000);      /* never uses GPIO */
    unsigned hw = kf_app_pins[3];
    kf_command(a, GPIO, 7, 3, 1);                           /* rising */
    kf_assert_r0(a, RET_SUCCESS);
    ck_assert_int_eq(kf_gpio.edge[hw], GPIO_EDGE_RISING);
    kf_command(b, GPIO, 0, 0, 0);
    kf_wait_for(a, GPIO, 0);
    kf_wait_for(b, GPIO, 0);
    kf_wait_for(c, GPIO, 0);
    kf_gpio_drive(hw, 1);
    kf_assert_woke(a, 3, 1, 0);                             /* the process's pin number */
    kf_assert_woke(b, 3, 1, 0);
    kf_assert_waiting(c);
    kf_command(a, GPIO, 7, 3, 3);
    kf_assert_failure(a, ERR_NOSUPPORT);
    kf_command(a, GPIO, 7, 3, 2);
    ck_assert_int_eq(kf_gpio.edge[hw], GPIO_EDGE_FALLING);
    kf_command(a, GPIO, 7, 3, 0);
    ck_assert_int_eq(kf_gpio.edge[hw], GPIO_EDGE_BOTH);
    kf_command(a, GPIO, 8, 3, 0);                           /* no interrupt, pin disabled */
    kf_assert_r0(a, RET_SUCCESS);
    ck_assert_int_eq(kf_gpio.edge[hw], GPIO_EDGE_NONE);
    ck_assert_int_eq(kf_gpio.mode[hw], GPIO_DISABLED);
}
END_TEST

Suite *kernel_gpio_suite(void)
{
    Suite *s = suite_create("kernel_gpio");
    TCase *tc = tcase_create("gpio");
    kf_add_fixture(tc);
    tcase_add_test(tc, test_exists_and_counts_the_processes_pins);
    tcase_add_test(tc, test_pin_one_past_the_list_is_inval);
    tcase_add_test(tc, test_outputs_go_to_the_mapped_hardware_pin);
    tcase_add_test(tc, test_inputs_pulls_and_reads);
    tcase_add_test(tc, test_edges_reach_every_process_using_the_driver);
    suite_add_tcase(s, tc);
    return s;
}
