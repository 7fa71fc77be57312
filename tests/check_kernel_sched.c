/* Unit tests: the scheduler (kernel/core/sched.c), one loop turn at a time (sched_step).
 *
 * "Running" a process is the fixture's kt_run: each test's script says what the process does
 * in that slice (makes a system call, uses up its timeslice, faults, is interrupted). */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "kernel/core/grant.h"
#include "kernel/core/kernel.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "kernel/core/upcall.h"
#include "kernel/hil/process_events.h"
#include "tests/kernel_fixture.h"

#define SLICE_US 10000u

/* Which process slots ran, in order (one entry per switch), and what the idle hook saw. */
static unsigned ran[64], nran, idle_calls;
static void (*on_idle)(void);

static void record(const struct process *p)
{
    ck_assert_uint_lt(nran, sizeof ran / sizeof ran[0]);
    ran[nran++] = p->index;
}

static void idle_hook(void)
{
    idle_calls++;
    if (on_idle)
        on_idle();
}

static void setup(void)
{
    kt_setup();
    kt_config.sched = SCHED_ROUND_ROBIN;
    kt_config.timeslice_us = SLICE_US;
    kt_config.idle = idle_hook;
    nran = idle_calls = 0;
    on_idle = NULL;
}

/* Process behaviours (kt_run). */
static enum arch_return uses_up_its_slice(struct process *p)
{
    record(p);
    kt_slice_left = 0;
    return ARCH_RETURN_TIMESLICE;
}

static enum arch_return yields(struct process *p)
{
    record(p);
    kt_trap(p, SYSCALL_YIELD, 1, 0, 0, 0);
    return ARCH_RETURN_SYSCALL;
}

START_TEST(test_round_robin_visits_every_ready_process_in_turn)
{
    kt_process("a", 0x0000, 1000);
    kt_process("b", 0x1000, 1000);
    kt_process("c", 0x2000, 1000);
    kt_run = uses_up_its_slice;
    for (int i = 0; i < 7; i++)
        sched_step();
    ck_assert_uint_eq(nran, 7);
    ck_assert(ran[0] != ran[1] && ran[1] != ran[2] && ran[0] != ran[2]);
    for (unsigned i = 3; i < nran; i++)
        ck_assert_uint_eq(ran[i], ran[i - 3]);
    for (unsigned i = 0; i < 3; i++)
        ck_assert_uint_eq(processes[i].timeslice_expirations, i == ran[0] ? 3 : 2);
}
END_TEST

START_TEST(test_expired_timeslice_ends_the_turn_and_runs_idle_work)
{
    struct process *p = kt_process("a", 0, 1000);
    kt_run = uses_up_its_slice;
    sched_step();
    ck_assert_uint_eq(nran, 1);
    ck_assert_uint_eq(kt_slices, 1);
    ck_assert_uint_eq(kt_slice_ends, 1);        /* the turn is over: the timer stops */
    ck_assert_uint_eq(kt_slice_us, SLICE_US);
    ck_assert_ptr_eq(kt_mpu_applied, &p->mpu);
    ck_assert_uint_eq(p->timeslice_expirations, 1);
    ck_assert_uint_eq(idle_calls, 1);           /* computing, not waiting: idle work may run */
    ck_assert_int_eq(p->state, PROC_RUNNING);
    ck_assert_uint_eq(kt_wfi_count, 0);
}
END_TEST

/* An interrupt in the middle of a slice: serviced, then the same process resumes with what
 * was left of its slice; the switch is reported once. */
static unsigned interrupts_serviced, switches;
static void irq_handler(void)
{
    interrupts_serviced++;
}

static void ev_created(void *dev, uint32_t pid, unsigned slot, const char *name, unsigned len,
                       unsigned restarts)
{
    (void)dev, (void)pid, (void)slot, (void)name, (void)len, (void)restarts;
}
static void ev_state(void *dev, uint32_t pid, unsigned slot, enum procev_state state,
                     unsigned restarts, uint32_t used, uint32_t size)
{
    (void)dev, (void)pid, (void)slot, (void)state, (void)restarts, (void)used, (void)size;
}
static void ev_fault(void *dev, uint32_t pid, unsigned slot, enum procev_fault kind,
                     uint32_t addr)
{
    (void)dev, (void)pid, (void)slot, (void)kind, (void)addr;
}
static void ev_switched(void *dev, uint32_t pid, unsigned slot)
{
    (void)dev, (void)pid, (void)slot;
    switches++;
}
static const struct hil_process_events listener = { NULL, ev_created, ev_state, ev_fault,
                                                     ev_switched, NULL, NULL };   /* no layouts */

static enum arch_return interrupted_then_expires(struct process *p)
{
    record(p);
    if (nran == 1) {
        ck_assert_uint_eq(kt_slice_us, SLICE_US);
        kt_slice_left = 4000;
        kt_irq_pending = 1;
        return ARCH_RETURN_INTERRUPT;
    }
    ck_assert_uint_eq(interrupts_serviced, 1);
    ck_assert_uint_eq(kt_slice_us, 4000);       /* the rest of the slice, not a new one */
    kt_slice_left = 0;
    return ARCH_RETURN_TIMESLICE;
}

START_TEST(test_interrupt_is_serviced_and_the_process_resumes_its_slice)
{
    kt_config.events = &listener;
    kt_process("a", 0, 1000);
    kt_process("b", 0x1000, 1000);
    kt_irq_handler = irq_handler;
    interrupts_serviced = switches = 0;
    kt_run = interrupted_then_expires;
    sched_step();
    ck_assert_uint_eq(nran, 2);
    ck_assert_uint_eq(ran[0], ran[1]);
    ck_assert_uint_eq(switches, 1);
    ck_assert_uint_eq(processes[ran[0]].timeslice_expirations, 1);
    ck_assert_uint_eq(kt_slices, 2);            /* armed again after the interrupt ... */
    ck_assert_uint_eq(kt_slice_ends, 1);        /* ... and stopped once, at the turn's end */
}
END_TEST

/* A system call returns into the same slice: the process sees its result and goes on. */
static enum arch_return command_then_yield(struct process *p)
{
    record(p);
    if (nran == 1) {
        kt_trap(p, SYSCALL_COMMAND, 0x1, 5, 0, 0);
        return ARCH_RETURN_SYSCALL;
    }
    kt_assert_frame(p, RET_SUCCESS_U32, 1005, 0, 0);
    kt_trap(p, SYSCALL_YIELD, 1, 0, 0, 0);
    return ARCH_RETURN_SYSCALL;
}

START_TEST(test_system_calls_return_into_the_same_turn)
{
    struct process *p = kt_process("a", 0, 1000);
    kt_run = command_then_yield;
    sched_step();
    ck_assert_uint_eq(nran, 2);
    ck_assert_uint_eq(kt_slices, 2);
    ck_assert_uint_eq(p->syscall_count, 2);
    ck_assert_int_eq(p->state, PROC_YIELDED);
    ck_assert_uint_eq(p->timeslice_expirations, 0);
    ck_assert_uint_eq(idle_calls, 0);           /* it yielded: no idle work in between */
}
END_TEST

/* The slice runs out while the kernel handles the call (arch_timeslice_start says so): the
 * turn ends there, counted as an expiry, without running the process again. */
static enum arch_return command_as_the_slice_runs_out(struct process *p)
{
    record(p);
    kt_trap(p, SYSCALL_COMMAND, 0x1, 5, 0, 0);
    kt_slice_used_up = 1;
    return ARCH_RETURN_SYSCALL;
}

START_TEST(test_slice_used_up_in_the_kernel_ends_the_turn)
{
    struct process *p = kt_process("a", 0, 1000);
    kt_run = command_as_the_slice_runs_out;
    sched_step();
    ck_assert_uint_eq(nran, 1);
    ck_assert_uint_eq(kt_slices, 2);            /* the second start refused */
    ck_assert_uint_eq(kt_slice_ends, 1);
    ck_assert_uint_eq(p->syscall_count, 1);
    ck_assert_uint_eq(p->timeslice_expirations, 1);
    ck_assert_uint_eq(idle_calls, 1);
    kt_assert_frame(p, RET_SUCCESS_U32, 1005, 0, 0);    /* the call's result is there */
}
END_TEST

/* a waits for an upcall (then computes in it); b keeps computing. */
static enum arch_return a_waits_b_computes(struct process *p)
{
    int in_upcall = kt_frame(p)[KT_PC] == (kt_fn(p, 0x201) & ~1u);
    if (p->index == 0 && !in_upcall)
        return yields(p);
    return uses_up_its_slice(p);
}

START_TEST(test_yielded_process_is_skipped_until_an_upcall_is_pending)
{
    struct process *a = kt_process("a", 0x0000, 1000);
    kt_process("b", 0x1000, 1000);
    ck_assert(kt_syscall(a, SYSCALL_SUBSCRIBE, 0x1, 0, kt_fn(a, 0x201), 99));
    kt_run = a_waits_b_computes;
    for (int i = 0; i < 2; i++)
        sched_step();
    ck_assert_int_eq(a->state, PROC_YIELDED);
    unsigned before = nran;
    for (int i = 0; i < 4; i++)
        sched_step();
    for (unsigned i = before; i < nran; i++)
        ck_assert_uint_eq(ran[i], 1);           /* only b */
    ck_assert_int_eq(upcall_schedule(a, &kt_drv_a, 0, 1, 2, 3), 0);
    before = nran;
    for (int i = 0; i < 2; i++)
        sched_step();
    ck_assert(ran[before] == 0 || ran[before + 1] == 0);
    kt_assert_upcall(a, kt_fn(a, 0x201), 1, 2, 3, 99);   /* a ran its upcall */
}
END_TEST

START_TEST(test_null_upcall_does_not_wake_a_yielded_process)
{
    struct process *a = kt_process("a", 0, 1000);
    kt_run = yields;
    sched_step();
    ck_assert_int_eq(a->state, PROC_YIELDED);
    grant_enter_index(a, 0);
    upcall_schedule(a, &kt_drv_a, 0, 1, 2, 3);  /* nothing subscribed */
    sched_step();
    ck_assert_uint_eq(nran, 1);
    ck_assert_uint_eq(kt_wfi_count, 1);
}
END_TEST

static enum arch_return faults(struct process *p)
{
    record(p);
    return ARCH_RETURN_FAULT;
}

START_TEST(test_faulted_process_is_never_scheduled_again)
{
    kt_config.fault_policy = FAULT_STOP;
    struct process *a = kt_process("a", 0, 1000);
    kt_run = faults;
    sched_step();
    ck_assert_int_eq(a->state, PROC_FAULTED);
    ck_assert_ptr_nonnull(strstr(kt_output_take(), "faulted: mpu fault (data access)"));
    for (int i = 0; i < 3; i++)
        sched_step();
    ck_assert_uint_eq(nran, 1);
    ck_assert_uint_eq(kt_wfi_count, 3);
}
END_TEST

START_TEST(test_restart_policy_runs_the_process_again_as_a_new_one)
{
    struct process *a = kt_process("a", 0, 1000);
    uint32_t id = a->id;
    kt_run = faults;
    sched_step();
    ck_assert_int_eq(a->state, PROC_RUNNING);
    ck_assert_uint_ne(a->id, id);
    kt_run = uses_up_its_slice;
    sched_step();
    ck_assert_uint_eq(nran, 2);
}
END_TEST

START_TEST(test_stopped_and_terminated_processes_are_not_scheduled)
{
    struct process *a = kt_process("a", 0x0000, 1000);
    struct process *b = kt_process("b", 0x1000, 1000);
    process_stop(a);
    process_terminate(b, 0, 0);
    kt_run = uses_up_its_slice;
    sched_step();
    ck_assert_uint_eq(nran, 0);
    ck_assert_uint_eq(kt_wfi_count, 1);
    process_resume(a);
    sched_step();
    ck_assert_uint_eq(nran, 1);
    ck_assert_uint_eq(ran[0], 0);
}
END_TEST

START_TEST(test_nothing_ready_runs_idle_work_then_sleeps)
{
    sched_step();
    ck_assert_uint_eq(idle_calls, 1);
    ck_assert_uint_eq(kt_wfi_count, 1);
    ck_assert_uint_eq(kt_slices, 0);
}
END_TEST

static void work_arrives(void)
{
    kt_irq_pending = 1;
}

START_TEST(test_no_sleep_while_work_is_pending)
{
    on_idle = work_arrives;
    kt_irq_handler = irq_handler;
    interrupts_serviced = 0;
    sched_step();
    ck_assert_uint_eq(kt_wfi_count, 0);         /* the interrupt came in while deciding */
    on_idle = NULL;
    sched_step();                               /* serviced first thing */
    ck_assert_uint_eq(interrupts_serviced, 1);
    ck_assert_uint_eq(kt_wfi_count, 1);
}
END_TEST

static void resume_first(void)
{
    process_resume(&processes[0]);
}

START_TEST(test_idle_work_may_ready_a_process_for_the_same_turn)
{
    process_stop(kt_process("a", 0, 1000));
    on_idle = resume_first;
    kt_run = uses_up_its_slice;
    sched_step();
    ck_assert_uint_eq(nran, 1);
    ck_assert_uint_eq(kt_wfi_count, 0);
}
END_TEST

/* Cooperative: no timeslice; the process runs through interrupts until it yields. */
static enum arch_return computes_then_yields(struct process *p)
{
    if (nran < 3) {
        record(p);
        kt_irq_pending = 1;
        return ARCH_RETURN_INTERRUPT;
    }
    return yields(p);
}

START_TEST(test_cooperative_runs_until_yield_without_timeslices)
{
    kt_config.sched = SCHED_COOPERATIVE;
    kt_process("a", 0, 1000);
    kt_process("b", 0x1000, 1000);
    kt_run = computes_then_yields;
    sched_step();
    ck_assert_uint_eq(nran, 4);
    ck_assert_uint_eq(ran[3], ran[0]);
    ck_assert_uint_eq(kt_slices, 0);
    ck_assert_int_eq(processes[ran[0]].state, PROC_YIELDED);
}
END_TEST

Suite *kernel_sched_suite(void)
{
    Suite *s = suite_create("kernel_sched");
    TCase *tc = tcase_create("sched");
    tcase_add_checked_fixture(tc, setup, kt_teardown);
    tcase_add_test(tc, test_round_robin_visits_every_ready_process_in_turn);
    tcase_add_test(tc, test_expired_timeslice_ends_the_turn_and_runs_idle_work);
    tcase_add_test(tc, test_interrupt_is_serviced_and_the_process_resumes_its_slice);
    tcase_add_test(tc, test_slice_used_up_in_the_kernel_ends_the_turn);
    tcase_add_test(tc, test_system_calls_return_into_the_same_turn);
    tcase_add_test(tc, test_yielded_process_is_skipped_until_an_upcall_is_pending);
    tcase_add_test(tc, test_null_upcall_does_not_wake_a_yielded_process);
    tcase_add_test(tc, test_faulted_process_is_never_scheduled_again);
    tcase_add_test(tc, test_restart_policy_runs_the_process_again_as_a_new_one);
    tcase_add_test(tc, test_stopped_and_terminated_processes_are_not_scheduled);
    tcase_add_test(tc, test_nothing_ready_runs_idle_work_then_sleeps);
    tcase_add_test(tc, test_no_sleep_while_work_is_pending);
    tcase_add_test(tc, test_idle_work_may_ready_a_process_for_the_same_turn);
    tcase_add_test(tc, test_cooperative_runs_until_yield_without_timeslices);
    suite_add_tcase(s, tc);
    return s;
}
