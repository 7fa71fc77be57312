/* Unit tests: --strace names drivers from the kernel's own table (board_drivers), read from
 * guest memory after the kernel has booted. Needs the cm4 kernel from the build tree. */
#include <check.h>
#include <string.h>

#include "sim/core/machine.h"
#include "sim/scenario/node.h"
#include "sim/trace/strace.h"

#define KERNEL "build/kernel/cm4/kernel.elf"

START_TEST(test_driver_table_read_from_the_booted_kernel)
{
    char err[300];
    struct machine_config cfg = { .board = "cm4" };
    struct machine *m = machine_create(&cfg, err, sizeof(err));
    ck_assert_msg(m, "%s", err);
    m->trace.guest_log = NULL;
    ck_assert_msg(node_load_images(m, KERNEL, NULL, 0, err, sizeof(err)), "%s", err);
    ck_assert_uint_ne(m->kernel_drivers, 0);
    struct strace_drivers d = { .n = -1 };
    machine_reset(m);
    ck_assert(!strace_read_drivers(m, &d));              /* before boot: not filled in */
    machine_run(m, m->clock.hz / 100);                   /* 10 ms: booted */
    ck_assert(strace_read_drivers(m, &d));
    static const struct { uint32_t num; const char *name; } want[] = {
        { 0x0, "alarm" }, { 0x1, "console" }, { 0x2, "led" }, { 0x3, "button" }, { 0x4, "gpio" },
        { 0x40001, "rng" }, { 0x30001, "ieee802154" },
    };
    ck_assert_int_eq(d.n, 7);
    for (int i = 0; i < 7; i++) {
        ck_assert_uint_eq(d.d[i].num, want[i].num);
        ck_assert_str_eq(d.d[i].name, want[i].name);
    }
    machine_destroy(m);
}
END_TEST

START_TEST(test_a_kernel_without_a_table_names_nothing)
{
    char err[300];
    struct machine_config cfg = { .board = "cm4" };
    struct machine *m = machine_create(&cfg, err, sizeof(err));
    m->trace.guest_log = NULL;
    ck_assert_msg(node_load_images(m, "build/tests/guest/cm4_exc.elf", NULL, 0, err, sizeof(err)), "%s", err);
    struct strace_drivers d = { .n = -1 };
    ck_assert_uint_eq(m->kernel_drivers, 0);
    ck_assert(!strace_read_drivers(m, &d));
    machine_destroy(m);
}
END_TEST

Suite *strace_suite(void)
{
    Suite *s = suite_create("strace");
    TCase *tc = tcase_create("drivers");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, test_driver_table_read_from_the_booted_kernel);
    tcase_add_test(tc, test_a_kernel_without_a_table_names_nothing);
    suite_add_tcase(s, tc);
    return s;
}
