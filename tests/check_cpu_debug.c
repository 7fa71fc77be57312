/* Unit tests of the CPU backends' debug half (struct cpu_debug_ops, sim/cpu/uc/debug.c) on both
 * boards, with the kernel and hello from the build tree: single steps (one instruction, one
 * cycle; into exception and trap handlers), breakpoints at and inside blocks, watchpoints,
 * virtual time that does not depend on how the run was stopped, and the debugger's memory view
 * of device registers. */
#include <check.h>
#include <string.h>

#include "sim/core/loader.h"
#include "sim/gdb/procs.h"
#include "sim/scenario/node.h"

struct board { const char *name, *kernel, *app, *app_elf; int pc; };
static const struct board boards[] = {
    { "cm4", "build/kernel/cm4/kernel.elf", "build/apps/hello.tbf", "build/apps/hello.elf", 15 },
    { "rv32", "build/kernel/rv32/kernel.elf", "build/apps/rv32/slot0/hello.tbf",
      "build/apps/rv32/slot0/hello.elf", 32 },
};

static struct machine *boot(const struct board *b)
{
    char err[300];
    char *apps[1] = { (char *)b->app };
    struct machine_config cfg = { .board = b->name };
    struct machine *m = machine_create(&cfg, err, sizeof(err));
    ck_assert_msg(m, "%s", err);
    m->trace.guest_log = NULL;
    ck_assert_msg(node_load_images(m, b->kernel, apps, 1, err, sizeof(err)), "%s", err);
    machine_reset(m);
    return m;
}

static uint32_t sym(const char *elf, const char *name)
{
    const char *names[1] = { name };
    uint32_t v = 0;
    ck_assert_msg(loader_elf_symbols(elf, names, &v, 1) == 1, "no %s in %s", name, elf);
    return v & ~1u;
}

static uint32_t pc_of(struct machine *m, const struct board *b)
{
    uint32_t pc = 0;
    ck_assert(m->cpu.ops->debug->reg_get(m->cpu.impl, b->pc, &pc));
    return pc;
}

/* Runs to a breakpoint at addr (removed again); returns the time of the stop. */
static uint64_t run_to(struct machine *m, uint32_t addr)
{
    const struct cpu_debug_ops *d = m->cpu.ops->debug;
    ck_assert(d->set_break(m->cpu.impl, addr, true));
    d->resume(m->cpu.impl);
    ck_assert_int_eq(machine_run(m, m->clock.hz), MACHINE_DEBUG);
    ck_assert(d->set_break(m->cpu.impl, addr, false));
    struct cpu_debug_stop st;
    d->stop_info(m->cpu.impl, &st);
    ck_assert_int_eq(st.event, CPU_DEBUG_BREAK);
    ck_assert_uint_eq(st.pc, addr);
    return m->clock.now;
}

/* Where an app's function is: position-independent cm4 apps are linked at 0x80000000. */
static uint32_t app_addr(struct machine *m, const struct board *b, const char *name)
{
    uint32_t linked = sym(b->app_elf, name);
    if (b->name[0] == 'r')
        return linked;
    struct gdb_procs p;
    gdb_procs_scan(&p, m);
    return p.apps[0].bin_start + (linked - 0x80000000u);
}

START_TEST(test_a_step_is_one_instruction_and_one_cycle)
{
    const struct board *b = &boards[_i];
    struct machine *m = boot(b);
    for (int i = 0; i < 200; i++) {
        uint64_t t = m->clock.now;
        ck_assert_int_eq(machine_step(m, UINT64_MAX), MACHINE_DEBUG);
        ck_assert_uint_eq(m->clock.now, t + 1);
        struct cpu_debug_stop st;
        m->cpu.ops->debug->stop_info(m->cpu.impl, &st);
        ck_assert_int_eq(st.event, CPU_DEBUG_STEP);
        ck_assert_uint_eq(st.pc, pc_of(m, b));
    }
    machine_destroy(m);
}
END_TEST

/* The time a breakpoint is reached is the same whether the run got there in one go or
 * stepped part of the way: a stop inside a block takes back what the block did not run. */
START_TEST(test_time_does_not_depend_on_how_the_run_was_stopped)
{
    const struct board *b = &boards[_i];
    uint32_t target = sym(b->kernel, "syscall_handle");
    struct machine *m = boot(b);
    uint64_t plain = run_to(m, target);
    machine_destroy(m);
    m = boot(b);
    for (int i = 0; i < 3000; i++)
        ck_assert_int_eq(machine_step(m, UINT64_MAX), MACHINE_DEBUG);
    ck_assert_uint_eq(run_to(m, target), plain);
    machine_destroy(m);
}
END_TEST

/* main+2 is inside main's first block: the block runs under the code hook and stops there,
 * one instruction (and one cycle) after main. */
START_TEST(test_breakpoint_inside_a_block)
{
    const struct board *b = &boards[_i];
    uint32_t main_addr = sym(b->kernel, "main");
    struct machine *m = boot(b);
    uint64_t at_main = run_to(m, main_addr);
    ck_assert_int_eq(machine_step(m, UINT64_MAX), MACHINE_DEBUG);
    uint32_t second = pc_of(m, b);
    machine_destroy(m);
    m = boot(b);
    ck_assert_uint_eq(run_to(m, second), at_main + 1);
    /* and on from there at full speed: the kernel boots and hello prints */
    m->cpu.ops->debug->resume(m->cpu.impl);
    ck_assert_int_eq(machine_run(m, m->clock.hz / 10), MACHINE_TIMEOUT);
    machine_destroy(m);
}
END_TEST

/* A write watchpoint on the kernel's next process id stops after the store, with the new
 * value in memory; a read watchpoint on it stops at its read. */
START_TEST(test_watchpoints)
{
    const struct board *b = &boards[_i];
    uint32_t var = sym(b->kernel, "next_id"), v = 0;
    struct machine *m = boot(b);
    const struct cpu_debug_ops *d = m->cpu.ops->debug;
    struct cpu_debug_stop st;
    ck_assert(d->set_watch(m->cpu.impl, var, 4, CPU_WATCH_READ, true));
    d->resume(m->cpu.impl);
    ck_assert_int_eq(machine_run(m, m->clock.hz), MACHINE_DEBUG);
    d->stop_info(m->cpu.impl, &st);
    ck_assert_int_eq(st.event, CPU_DEBUG_WATCH);
    ck_assert_int_eq(st.kind, CPU_WATCH_READ);
    ck_assert_uint_eq(st.addr, var);
    ck_assert(d->set_watch(m->cpu.impl, var, 4, CPU_WATCH_READ, false));
    ck_assert(d->set_watch(m->cpu.impl, var, 4, CPU_WATCH_WRITE, true));
    d->resume(m->cpu.impl);
    ck_assert_int_eq(machine_run(m, m->clock.hz), MACHINE_DEBUG);
    d->stop_info(m->cpu.impl, &st);
    ck_assert_int_eq(st.kind, CPU_WATCH_WRITE);
    ck_assert(bus_peek(&m->bus, var, &v, 4));
    ck_assert_uint_eq(v, 1);
    ck_assert_uint_eq(st.pc, pc_of(m, b));
    ck_assert(d->set_watch(m->cpu.impl, var, 4, CPU_WATCH_WRITE, false));
    ck_assert(!d->set_watch(m->cpu.impl, var, 4, CPU_WATCH_WRITE, false));  /* gone */
    d->resume(m->cpu.impl);
    ck_assert_int_eq(machine_run(m, m->clock.hz / 10), MACHINE_TIMEOUT);
    machine_destroy(m);
}
END_TEST

/* Stepping the app's system call instruction stops at the first instruction of the kernel's
 * handler: the SVCall vector on cm4, mtvec on rv32. */
START_TEST(test_step_into_the_system_call_handler)
{
    const struct board *b = &boards[_i];
    struct machine *m = boot(b);
    run_to(m, app_addr(m, b, "command") + 12);             /* the svc / ecall */
    ck_assert_int_eq(machine_step(m, UINT64_MAX), MACHINE_DEBUG);
    uint32_t handler = 0;
    if (b->name[0] == 'c') {
        ck_assert(bus_peek(&m->bus, 11 * 4, &handler, 4));     /* VTOR 0, exception 11 */
        uint32_t xpsr;
        m->cpu.ops->debug->reg_get(m->cpu.impl, 16, &xpsr);
        ck_assert_uint_eq(xpsr & 0x1ff, 11);
    } else {
        m->cpu.ops->debug->reg_get(m->cpu.impl, 36, &handler);  /* mtvec */
    }
    ck_assert_uint_eq(pc_of(m, b), handler & ~1u);
    machine_destroy(m);
}
END_TEST

/* A removed code hook lingers in Unicorn until its next run ends, and code translated then
 * misbehaves later (uc/debug.c, del_hook): one step in the app, then a long run, must still
 * print everything and not fault the kernel. */
START_TEST(test_one_step_in_an_app_then_a_long_run)
{
    const struct board *b = &boards[_i];
    struct machine *m = boot(b);
    run_to(m, app_addr(m, b, "main"));
    ck_assert_int_eq(machine_step(m, UINT64_MAX), MACHINE_DEBUG);
    m->cpu.ops->debug->resume(m->cpu.impl);
    ck_assert_int_eq(machine_run(m, m->clock.hz / 10), MACHINE_TIMEOUT);
    ck_assert(!m->exited);                                  /* a kernel panic exits */
    machine_destroy(m);
}
END_TEST

/* The debugger reads UART0's data register without taking the byte from the guest, and a
 * device without a peek cannot be read at all. */
START_TEST(test_device_reads_have_no_side_effects)
{
    struct machine *m = boot(&boards[0]);
    uint32_t state = 0, data = 0, again = 0;
    machine_run(m, m->clock.hz / 100);                     /* booted: UART0 enabled */
    ck_assert_uint_eq(machine_console_input(m, (const uint8_t *)"x", 1), 1);
    machine_run(m, m->clock.now + m->clock.hz / 1000);     /* the byte arrives */
    ck_assert_uint_eq(bus_debug_read(&m->bus, 0x40004000, &data, 4), 4);       /* DATA */
    ck_assert_uint_eq(bus_debug_read(&m->bus, 0x40004004, &state, 4), 4);      /* STATE */
    ck_assert_uint_eq(bus_debug_read(&m->bus, 0x40004000, &again, 4), 4);
    ck_assert_uint_eq(data & 0xff, 'x');
    ck_assert_uint_eq(again, data);
    ck_assert_uint_eq(bus_debug_read(&m->bus, 0xe000ed28, &state, 4), 4);      /* CFSR */
    ck_assert_uint_eq(bus_debug_read(&m->bus, 0xe000e000 + 0xff0, &state, 4), 0);  /* no register */
    ck_assert_uint_eq(m->trace.guest_errors, 0);
    machine_destroy(m);
}
END_TEST

Suite *cpu_debug_suite(void)
{
    Suite *s = suite_create("cpu_debug");
    TCase *tc = tcase_create("both boards");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_a_step_is_one_instruction_and_one_cycle, 0, 2);
    tcase_add_loop_test(tc, test_time_does_not_depend_on_how_the_run_was_stopped, 0, 2);
    tcase_add_loop_test(tc, test_breakpoint_inside_a_block, 0, 2);
    tcase_add_loop_test(tc, test_watchpoints, 0, 2);
    tcase_add_loop_test(tc, test_step_into_the_system_call_handler, 0, 2);
    tcase_add_loop_test(tc, test_one_step_in_an_app_then_a_long_run, 0, 2);
    tcase_add_test(tc, test_device_reads_have_no_side_effects);
    suite_add_tcase(s, tc);
    return s;
}
