/* Unit tests: the process console (kernel/capsules/process_console.c,
 * doc/kernel-process-console.md): line editing and echo, and each command's effect on the
 * processes and its output (kprintf, captured by the fixture). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kernel/capsules/process_console.h"
#include "kernel/core/process.h"
#include "tests/kernel_fake_hil.h"

/* Types s into the console, byte by byte as the UART delivers it. */
static void type(const char *s)
{
    for (; *s; s++)
        process_console_rx((uint8_t)*s);
}

/* Types a command line and evaluates to everything the console printed. */
#define run(line)                                                                            \
    ({                                                                                       \
        kt_output_take();                                                                    \
        type(line "\r");                                                                     \
        kt_output_take();                                                                    \
    })

#define assert_printed(out, text)                                                            \
    ck_assert_msg(strstr(out, text) != NULL, "expected \"%s\" in:\n%s", text, out)

static void setup(void)
{
    kf_setup();
    process_console_init();
}

START_TEST(test_help_and_unknown_commands)
{
    assert_printed(run("help"), "Valid commands are: help status list stop start fault boot "
                                "terminate process kernel panic");
    assert_printed(run("frobnicate now"), "Unknown command 'frobnicate' (try help)");
    assert_printed(run("stop nosuch"), "No process named 'nosuch'");
}
END_TEST

START_TEST(test_echo_backspace_and_prompt)
{
    kt_output_take();
    type("lisx\x7f");
    ck_assert_str_eq(kt_output_take(), "lisx\b \b");
    type("\x01t");                                          /* control characters ignored */
    ck_assert_str_eq(kt_output_take(), "t");
    type("\r");
    const char *out = kt_output_take();
    ck_assert_msg(strncmp(out, "\r\n PID", 6) == 0, "%s", out);        /* ran "list" */
    ck_assert_str_eq(out + strlen(out) - 6, "tock$ ");
    type("\r\n");                                           /* empty lines: nothing */
    ck_assert_str_eq(kt_output_take(), "");
    type("\b");                                             /* nothing to erase */
    ck_assert_str_eq(kt_output_take(), "");
}
END_TEST

START_TEST(test_overlong_line_is_cut_at_64_characters)
{
    char line[80];
    memset(line, 'x', 70);
    line[70] = 0;
    kt_output_take();
    type(line);
    ck_assert_uint_eq(strlen(kt_output_take()), 64);
    type("\r");
    assert_printed(kt_output_take(), "Unknown command 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                                     "xxxxxxxxxxxxxxxxxxxxxxxx'");
}
END_TEST

START_TEST(test_list_and_status)
{
    struct process *a = kt_process("alpha", 0x0000, 2000);
    kt_process("beta", 0x1000, 2000);
    const char *out = run("list");
    assert_printed(out, " PID    Name                Quanta  Syscalls  Restarts  Grants  State");
    assert_printed(out, "alpha");
    assert_printed(out, "beta");
    assert_printed(out, "Running");
    process_stop(a);
    out = run("status");
    assert_printed(out, "Total processes: 2\r\nActive processes: 1\r\n");
}
END_TEST

START_TEST(test_stop_start_with_spaces_around_the_name)
{
    struct process *p = kt_process("app", 0, 2000);
    char expect[32];
    snprintf(expect, sizeof expect, "Process %u stopped", p->id);
    assert_printed(run("  stop   app  "), expect);
    ck_assert_str_eq(process_state_name(p), "StoppedRunning");
    ck_assert(!process_ready(p));
    snprintf(expect, sizeof expect, "Process %u started", p->id);
    assert_printed(run("start app"), expect);
    ck_assert(process_ready(p));
}
END_TEST

START_TEST(test_terminate_and_boot)
{
    struct process *p = kt_process("app", 0, 2000);
    assert_printed(run("boot app"), "Process is already running");
    run("terminate app");
    ck_assert_int_eq(p->state, PROC_TERMINATED);
    uint32_t id = p->id;
    const char *out = run("boot app");
    ck_assert_uint_ne(p->id, id);
    ck_assert_int_eq(p->state, PROC_RUNNING);
    char expect[40];
    snprintf(expect, sizeof expect, "Process booted as pid %u", p->id);
    assert_printed(out, expect);
}
END_TEST

START_TEST(test_fault_applies_the_fault_policy)
{
    struct process *p = kt_process("app", 0, 2000);
    uint32_t id = p->id;
    const char *out = run("fault app");
    assert_printed(out, "faulted: forced from the process console");
    assert_printed(out, "restarting (restart 1 of 2)");
    ck_assert_uint_ne(p->id, id);
    process_terminate(p, 0, 0);
    ck_assert_str_eq(run("fault app"), "fault app\r\ntock$ ");  /* not alive: nothing */
}
END_TEST

START_TEST(test_process_and_kernel_reports)
{
    kt_process("app", 0, 2000);
    const char *out = run("process app");
    assert_printed(out, "App: app   -   [Running]");
    assert_printed(out, "Grant ptrs + upcalls");
    assert_printed(out, "(fake MPU)");
    out = run("kernel");
    assert_printed(out, "Kernel version: 2.2 (tocksim)");
    assert_printed(out, " Drivers: alarm(0x0) console(0x1) led(0x2) button(0x3) gpio(0x4) "
                        "rng(0x40001)");
    assert_printed(out, "Scheduler: round robin");
}
END_TEST

START_TEST(test_panic_command_panics)
{
    kt_assert_panics(type("panic\r"));
    ck_assert_str_eq(kt_panic_msg, "process console: panic requested");
}
END_TEST

Suite *kernel_process_console_suite(void)
{
    Suite *s = suite_create("kernel_process_console");
    TCase *tc = tcase_create("process_console");
    tcase_add_checked_fixture(tc, setup, kt_teardown);
    tcase_add_test(tc, test_help_and_unknown_commands);
    tcase_add_test(tc, test_echo_backspace_and_prompt);
    tcase_add_test(tc, test_overlong_line_is_cut_at_64_characters);
    tcase_add_test(tc, test_list_and_status);
    tcase_add_test(tc, test_stop_start_with_spaces_around_the_name);
    tcase_add_test(tc, test_terminate_and_boot);
    tcase_add_test(tc, test_fault_applies_the_fault_policy);
    tcase_add_test(tc, test_process_and_kernel_reports);
    tcase_add_test(tc, test_panic_command_panics);
    suite_add_tcase(s, tc);
    return s;
}
