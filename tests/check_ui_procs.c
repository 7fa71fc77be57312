/* Unit tests: the window's process table fed from kernel process events. */
#include <check.h>
#include <string.h>

#include "sim/ui/procs.h"

static struct proc_event ev(enum proc_event_kind kind, unsigned slot, unsigned pid, const char *name)
{
    struct proc_event e = { .kind = kind, .slot = slot, .pid = pid };
    strcpy(e.name, name);
    return e;
}

START_TEST(test_rows_sorted_by_slot_and_updated)
{
    struct ui_procs t = { 0 };
    struct proc_event e = ev(PROC_CREATED, 2, 7, "buttons");
    ui_procs_apply(&t, &e, 0);
    e = ev(PROC_CREATED, 0, 5, "blink");
    ui_procs_apply(&t, &e, 0);
    ck_assert_uint_eq(t.n, 2);
    ck_assert_str_eq(t.rows[0].name, "blink");
    ck_assert_str_eq(t.rows[1].name, "buttons");
    e = ev(PROC_STATE, 2, 9, "");       /* no name: keeps the known one */
    e.state = PROC_YIELDED;
    e.restarts = 3;
    ui_procs_apply(&t, &e, 10);
    ck_assert_str_eq(t.rows[1].name, "buttons");
    ck_assert_uint_eq(t.rows[1].pid, 9);
    ck_assert_uint_eq(t.rows[1].restarts, 3);
    ck_assert_str_eq(ui_procs_state_name(t.rows[1].state), "yielded");
    e = ev(PROC_SYSCALL, 0, 5, "blink");
    ui_procs_apply(&t, &e, 11);
    ui_procs_apply(&t, &e, 12);
    ck_assert_uint_eq(t.rows[0].syscalls, 2);
    ck_assert_uint_eq(t.events, 5);
}
END_TEST

START_TEST(test_fault_turns_the_row_red_for_a_while)
{
    struct ui_procs t = { 0 };
    struct proc_event e = ev(PROC_FAULT, 1, 3, "fault-null");
    strcpy(e.fault_kind, "mpu");
    e.fault_addr = 0x20000000;
    uint64_t t0 = 2000000000ull;
    ui_procs_apply(&t, &e, t0);
    struct ui_proc *r = &t.rows[0];
    ck_assert_str_eq(r->fault, "mpu fault at 0x20000000");
    ck_assert_str_eq(ui_procs_state_name(r->state), "faulted");
    ck_assert(ui_procs_alarm(r, t0 + 5 * UI_FAULT_RED_NS));   /* still faulted: stays red */
    e = ev(PROC_STATE, 1, 4, "fault-null");                     /* restarted */
    e.state = PROC_RUNNING;
    e.restarts = 1;
    ui_procs_apply(&t, &e, t0 + 1000);
    ck_assert(ui_procs_alarm(r, t0 + UI_FAULT_RED_NS - 1));
    ck_assert(!ui_procs_alarm(r, t0 + UI_FAULT_RED_NS));
    ck_assert(r->has_fault);                                    /* the text stays */
    ck_assert_str_eq(r->fault, "mpu fault at 0x20000000");
}
END_TEST

START_TEST(test_table_full_counts_but_drops_rows)
{
    struct ui_procs t = { 0 };
    for (unsigned i = 0; i < UI_PROCS_MAX + 3; i++) {
        struct proc_event e = ev(PROC_CREATED, i, i, "p");
        ui_procs_apply(&t, &e, 0);
    }
    ck_assert_uint_eq(t.n, UI_PROCS_MAX);
    ck_assert_uint_eq(t.events, UI_PROCS_MAX + 3);
    ck_assert_uint_eq(t.rows[UI_PROCS_MAX - 1].slot, UI_PROCS_MAX - 1);
}
END_TEST

/* Layouts, buffers (replaced per slot, withdrawn with length 0, gone when the process ends),
 * the fault history and the selection a fault makes. */
START_TEST(test_layout_allows_faults_selection)
{
    struct ui_procs t;
    ui_procs_init(&t);
    struct proc_event e = ev(PROC_CREATED, 0, 1, "blink");
    ui_procs_apply(&t, &e, 0);
    e = ev(PROC_CREATED, 3, 2, "fault-null");
    ui_procs_apply(&t, &e, 0);
    ck_assert_str_eq(ui_procs_selected(&t)->name, "blink");         /* nothing chosen: the first */
    e = ev(PROC_LAYOUT, 0, 1, "");
    e.layout = (struct proc_layout){ .flash_start = 0x40000, .flash_size = 0x1000, .ram_start = 0x20002000 };
    ui_procs_apply(&t, &e, 1);
    ck_assert_ptr_eq(ui_procs_by_flash(&t, 0x40ffc), &t.rows[0]);
    ck_assert_ptr_null(ui_procs_by_flash(&t, 0x41000));
    e = ev(PROC_ALLOW, 0, 1, "");
    e.allow = (struct proc_allow){ 1, 4, 1, 0x20002340, 41 };
    ui_procs_apply(&t, &e, 2);
    e.allow.addr = 0x20002380;                                      /* the same slot: replaced */
    ui_procs_apply(&t, &e, 3);
    e.allow = (struct proc_allow){ 1, 3, 0, 0x20002400, 16 };
    ui_procs_apply(&t, &e, 4);
    ck_assert_uint_eq(t.rows[0].nallows, 2);
    ck_assert_uint_eq(t.rows[0].allows[0].addr, 0x20002380);
    e.allow.len = 0;                                                /* withdrawn */
    ui_procs_apply(&t, &e, 5);
    ck_assert_uint_eq(t.rows[0].nallows, 1);
    for (unsigned i = 0; i < UI_FAULTS_KEPT + 2; i++) {
        e = ev(PROC_FAULT, 3, 10 + i, "fault-null");
        strcpy(e.fault_kind, "mpu");
        e.fault_addr = i;
        ui_procs_apply(&t, &e, 100 + i);
    }
    const struct ui_proc *r = &t.rows[1];
    ck_assert_str_eq(ui_procs_selected(&t)->name, "fault-null");    /* the view jumps to it */
    ck_assert_uint_eq(r->faults_total, UI_FAULTS_KEPT + 2);
    ck_assert_uint_eq(ui_procs_fault(r, 0)->addr, UI_FAULTS_KEPT + 1);
    ck_assert_uint_eq(ui_procs_fault(r, 1)->pid, 10 + UI_FAULTS_KEPT);
    ck_assert_ptr_nonnull(ui_procs_fault(r, UI_FAULTS_KEPT - 1));
    ck_assert_ptr_null(ui_procs_fault(r, UI_FAULTS_KEPT));         /* older ones are dropped */
    e = ev(PROC_STATE, 0, 1, "");
    e.state = PROC_TERMINATED;
    ui_procs_apply(&t, &e, 200);
    ck_assert_uint_eq(t.rows[0].nallows, 0);
    e = ev(PROC_SWITCH, 0, 1, "");
    ui_procs_apply(&t, &e, 201);
    ck_assert_int_eq(t.current, 0);
}
END_TEST

Suite *ui_procs_suite(void)
{
    Suite *s = suite_create("ui_procs");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_rows_sorted_by_slot_and_updated);
    tcase_add_test(tc, test_layout_allows_faults_selection);
    tcase_add_test(tc, test_fault_turns_the_row_red_for_a_while);
    tcase_add_test(tc, test_table_full_counts_but_drops_rows);
    suite_add_tcase(s, tc);
    return s;
}
