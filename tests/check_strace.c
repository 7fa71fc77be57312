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

/* What a listener hears from strace_event, counted. */
struct heard { int calls, returns, upcalls, starts, exits; };

static void count_events(void *ctx, const struct strace *s, const struct strace_event *e)
{
    struct heard *h = ctx;
    (void)s;
    h->calls += e->kind == STRACE_EV_CALL;
    h->returns += e->kind == STRACE_EV_RETURN;
    h->upcalls += e->kind == STRACE_EV_UPCALL;
    h->starts += e->kind == STRACE_EV_START;
    h->exits += e->kind == STRACE_EV_CALL && e->cls == 6;
}

/* Lines of the file that contain needle. */
static int count_lines(FILE *f, const char *needle)
{
    char line[4096];
    int n = 0;
    rewind(f);
    while (fgets(line, sizeof(line), f))
        n += strstr(line, needle) != NULL;
    return n;
}

/* A listener (the window's timeline) hears the calls, returns and upcalls the trace records:
 * one "syscall" event per return (and per exit, which does not return), one "upcall" per upcall. */
START_TEST(test_listener_agrees_with_the_trace)
{
    char err[300];
    struct machine_config cfg = { .board = "cm4" };
    struct machine *m = machine_create(&cfg, err, sizeof(err));
    ck_assert_msg(m, "%s", err);
    char *apps[] = { "build/apps/blink.tbf", "build/apps/hello.tbf" };
    ck_assert_msg(machine_load_images(m, KERNEL, apps, 2, err, sizeof(err)), "%s", err);
    ck_assert_str_eq(m->kernel_path, KERNEL);
    ck_assert_int_eq(m->nimages, 2);
    ck_assert_str_eq(m->images[1].path, apps[1]);
    ck_assert_uint_eq(m->images[0].base, m->layout.apps_base);
    m->trace.jsonl = tmpfile();
    static struct strace json, quiet;
    struct heard h = { 0 };
    ck_assert(strace_attach(&json, m, NULL, true, NULL));
    ck_assert(strace_attach(&quiet, m, NULL, false, NULL));
    quiet.sink = count_events;
    quiet.sink_ctx = &h;
    machine_reset(m);
    machine_run(m, m->clock.hz * 3 / 2);                 /* 1.5 s: blink has had alarms */
    fflush(m->trace.jsonl);
    ck_assert_int_gt(h.returns, 10);
    ck_assert_int_gt(h.upcalls, 2);
    ck_assert_int_eq(h.starts, 2);
    ck_assert_int_eq(h.returns + h.exits, count_lines(m->trace.jsonl, "\"kind\":\"syscall\""));
    ck_assert_int_eq(h.upcalls, count_lines(m->trace.jsonl, "\"kind\":\"upcall\""));
    ck_assert_int_ge(h.calls, h.returns + h.upcalls);
    FILE *f = m->trace.jsonl;
    machine_destroy(m);
    fclose(f);
}
END_TEST

Suite *strace_suite(void)
{
    Suite *s = suite_create("strace");
    TCase *tc = tcase_create("drivers");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, test_driver_table_read_from_the_booted_kernel);
    tcase_add_test(tc, test_a_kernel_without_a_table_names_nothing);
    tcase_add_test(tc, test_listener_agrees_with_the_trace);
    suite_add_tcase(s, tc);
    return s;
}
